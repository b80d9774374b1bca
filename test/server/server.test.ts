/**
 * End to end: the real server over the seed articles, on an ephemeral port, spoken to
 * over HTTP, with independent clients (python3-sparqlwrapper, roqet, rapper, rdflib).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../server/core.js';
import { startServer, type Running } from '../../server/server.js';
import { ENDLESS_QUERY, REPO, SPOKESPERSON_QUERY, run } from './helpers.js';
import { SPOKESPERSON_QUERY_WITH_UNNAMED } from '../../src/ontology/queries.js';
import { MultiDirectedGraph } from 'graphology';
import { actorView } from '../../src/graph/actor-view.js';

const TOKEN = 'test-token-123';
const work = mkdtempSync(join(tmpdir(), 'newskg-server-'));
const inputs = join(work, 'inputs');
cpSync(join(REPO, 'seeds'), inputs, { recursive: true });

function settingsFor(dataDir: string, writeToken = TOKEN) {
  return resolveSettings({ inputs: [inputs], dataDir, port: 0, writeToken, queryTimeoutMs: 1500, maxBodyBytes: 100_000, layoutIterations: 20 });
}

let srv: Running;
const quiet = { log: () => {} };
beforeAll(async () => { srv = await startServer(settingsFor(join(work, 'data')), quiet); }, 300_000);
afterAll(async () => {
  await srv?.close();
  rmSync(work, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}` };
const sparql = (q: string, accept = 'application/sparql-results+json') => fetch(`${srv.url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept } });
async function bindings(q: string): Promise<Record<string, string>[]> {
  const body = await (await sparql(q)).json() as { results: { bindings: Record<string, { value: string }>[] } };
  return body.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}
/** Standard error of a client program (rapper reports its counts there). */
function runErr(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`${cmd} exited with ${code}: ${err}`))));
  });
}

interface Spokesperson { person: { id: string; label: string; named: boolean }; for: { id: string; label: string }[]; respondedTo: { id: string; label: string; count: number; evidence: { text: string; article: { headline: string } }[] }[] }

describe('the spokesperson question', () => {
  it('gives the same pairs through /sparql as /api/spokespeople', async () => {
    const rows = await bindings(SPOKESPERSON_QUERY);
    expect(rows.length).toBeGreaterThan(0);
    const api = await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json() as Spokesperson[];
    const fromApi = new Set<string>();
    for (const s of api) for (const o of s.for) for (const x of s.respondedTo)
      if (s.person.named) fromApi.add(JSON.stringify([s.person.label, o.label, x.label, x.count]));
    const fromSparql = new Set(rows.map((r) => JSON.stringify([r.spokesperson, r.for, r.respondedTo, Number(r.responses)])));
    expect([...fromApi].sort()).toEqual([...fromSparql].sort());
    for (const s of api) for (const x of s.respondedTo) expect(x.evidence.length).toBeGreaterThan(0);
  });
});

describe('the spokesperson question with the unnamed spokespeople', () => {
  it('gives, person by person, the rows /api/spokespeople gives, unnamed ones named by their organization', async () => {
    const rows = await bindings(SPOKESPERSON_QUERY_WITH_UNNAMED);
    const api = await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json() as Spokesperson[];
    const fromApi = new Set<string>();
    for (const s of api) for (const o of s.for) for (const x of s.respondedTo) fromApi.add(JSON.stringify([s.person.id, o.label, x.label, x.count]));
    const fromSparql = new Set(rows.map((r) => JSON.stringify([r.person, r.for, r.respondedTo, Number(r.responses)])));
    expect([...fromApi].sort()).toEqual([...fromSparql].sort());
    // The seeds have unnamed spokespeople who responded: both answers show them, by the same name.
    const unnamed = api.filter((s) => !s.person.named && s.respondedTo.length);
    expect(unnamed.length).toBeGreaterThan(0);
    for (const s of unnamed) {
      const label = rows.find((r) => r.person === s.person.id)?.spokesperson;
      expect(label).toMatch(/^spokesperson for /);
      expect(s.person.label.startsWith(label!)).toBe(true);
    }
  });
});

describe('independent SPARQL clients', () => {
  it('python3-sparqlwrapper reads JSON, XML and CSV results', async () => {
    const out = await run('/usr/bin/python3', ['-c', `
import sys, json
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV
q = sys.stdin.read()
s = SPARQLWrapper(sys.argv[1]); s.setQuery(q)
s.setReturnFormat(JSON); j = s.query().convert()
s.setReturnFormat(XML); x = s.query().convert()
s.setReturnFormat(CSV); c = s.query().convert().decode('utf-8')
rows_json = sorted((b['spokesperson']['value'], b['respondedTo']['value'], b['responses']['value']) for b in j['results']['bindings'])
ns = '{http://www.w3.org/2005/sparql-results#}'
rows_xml = []
for r in x.getElementsByTagName('result'):
    d = {b.getAttribute('name'): b.firstChild.firstChild.nodeValue for b in r.getElementsByTagName('binding')}
    rows_xml.append((d['spokesperson'], d['respondedTo'], d['responses']))
import csv, io
rows_csv = sorted((r['spokesperson'], r['respondedTo'], r['responses']) for r in csv.DictReader(io.StringIO(c)))
print(json.dumps([rows_json, sorted(rows_xml), rows_csv]))
`, `${srv.url}/sparql`], SPOKESPERSON_QUERY);
    const [j, x, c] = JSON.parse(out) as string[][][];
    expect(j!.length).toBeGreaterThan(0);
    expect(x).toEqual(j);
    expect(c).toEqual(j);
  });

  it('roqet queries the endpoint', async () => {
    // roqet asks for SPARQL XML results; its own JSON writer is not built in Debian's rasqal.
    const out = await run('roqet', ['-q', '-p', `${srv.url}/sparql`, '-r', 'csv', '-e', 'SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> } ORDER BY ?a']);
    const lines = out.trim().split(/\r?\n/);
    expect(lines[0]).toBe('a');
    expect(lines.slice(1)).toEqual([...lines.slice(1)].sort());
    expect(lines).toHaveLength(6);
  });
});

describe('exports', () => {
  const rdf = [['ttl', 'text/turtle', 'turtle'], ['nt', 'application/n-triples', 'ntriples'], ['trig', 'application/trig', 'trig']] as const;
  for (const [ext, media, parser] of rdf) {
    it(`serves graph.${ext} as ${media}, and rapper parses it`, async () => {
      const res = await fetch(`${srv.url}/export/graph.${ext}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${media}; charset=utf-8`);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="newskg-graph.${ext}"`);
      const file = join(work, `graph.${ext}`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      await run('rapper', ['-q', '-i', parser, '-c', file, 'https://example.org/']);
    });
  }

  it('has as many triples in the TriG export as the store holds', async () => {
    const [{ n }] = await bindings('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }') as [{ n: string }];
    const file = join(work, 'count.trig');
    writeFileSync(file, await (await fetch(`${srv.url}/export/graph.trig`)).text());
    const stderr = await runErr('rapper', ['-i', 'trig', '-c', file]);
    expect(Number(/returned (\d+) (triples|statements)/.exec(stderr)?.[1])).toBe(Number(n));
  });

  it('serves JSON-LD with the same quads as the TriG export, as rdflib reads them', async () => {
    const res = await fetch(`${srv.url}/export/graph.jsonld`);
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const jsonld = join(work, 'graph.jsonld');
    const trig = join(work, 'same.trig');
    writeFileSync(jsonld, await res.text());
    writeFileSync(trig, await (await fetch(`${srv.url}/export/graph.trig`)).text());
    const out = await run('/usr/bin/python3', ['-c', `import sys, rdflib
def quads(path, fmt):
    d = rdflib.Dataset(); d.parse(path, format=fmt)
    return set((s, p, o, str(getattr(g, 'identifier', g))) for s, p, o, g in d.quads((None, None, None, None)))
a, b = quads(sys.argv[1], 'json-ld'), quads(sys.argv[2], 'trig')
print(len(a), a == b)`, jsonld, trig]);
    const [{ n }] = await bindings('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }') as [{ n: string }];
    expect(out.trim()).toBe(`${n} True`);
  });

  for (const [ext, media] of [['gexf', 'application/gexf+xml'], ['graphml', 'application/graphml+xml']] as const) {
    it(`serves graph.${ext} with every node of the graph`, async () => {
      const res = await fetch(`${srv.url}/export/graph.${ext}`);
      expect(res.headers.get('content-type')).toBe(`${media}; charset=utf-8`);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="newskg-graph.${ext}"`);
      const file = join(work, `graph.${ext}`);
      writeFileSync(file, await res.text());
      const out = await run('/usr/bin/python3', ['-c', `import sys, xml.etree.ElementTree as ET
print(len([e for e in ET.parse(sys.argv[1]).getroot().iter() if e.tag.endswith('}node')]))`, file]);
      expect(Number(out.trim())).toBe(srv.kg.graph.order);
    });
  }
});

interface GraphJson { nodes: { key: string; attributes: Record<string, unknown> }[]; edges: { source: string; target: string; attributes: { relation: string } }[]; articles: { id: string; headline: string }[] }

describe('graph API', () => {
  it('serves the graph for Sigma: positioned, typed, sized nodes, typed edges, articles', async () => {
    const g = await (await fetch(`${srv.url}/api/graph`)).json() as GraphJson;
    expect(g.nodes.length).toBeGreaterThan(10);
    for (const n of g.nodes) {
      expect(typeof n.attributes.x).toBe('number');
      expect(typeof n.attributes.y).toBe('number');
      expect(typeof n.attributes.size).toBe('number');
      expect(['person', 'government', 'military', 'company', 'media', 'university', 'organization', 'country', 'place', 'accusation', 'response']).toContain(n.attributes.type);
    }
    expect(new Set(g.edges.map((e) => e.attributes.relation))).toContain('spokespersonFor');
    expect(g.articles).toHaveLength(5);
  });

  it('answers with 304 when the graph has not changed, and gzips when asked', async () => {
    const first = await fetch(`${srv.url}/api/graph`);
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${srv.url}/api/graph`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('describes an entity with neighbours by relation and evidence with headline, outlet, date', async () => {
    const api = await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json() as Spokesperson[];
    const person = api.find((s) => s.person.named)!.person;
    const res = await fetch(`${srv.url}/api/entities/${encodeURIComponent(person.id)}`);
    expect(res.status).toBe(200);
    const e = await res.json() as { label: string; type: string; neighbours: Record<string, unknown[]>; evidence: { text: string; article: { headline: string; outlet: string; date: string } }[] };
    expect(e.label).toBe(person.label);
    expect(e.type).toBe('person');
    expect(Object.keys(e.neighbours)).toContain('spokespersonFor');
    expect(e.evidence.length).toBeGreaterThan(0);
    expect(e.evidence[0]!.article.headline).toBeTruthy();
  });

  it('gives 404 with a JSON error for an unknown entity', async () => {
    const res = await fetch(`${srv.url}/api/entities/${encodeURIComponent('https://w3id.org/newskg/id/entity/nobody-at-all')}`);
    expect(res.status).toBe(404);
    const body = await res.json() as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['detail', 'error']);
    expect(body.detail).toContain('/api/search');
  });

  it('searches labels and aliases by prefix and with typos', async () => {
    const api = await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json() as Spokesperson[];
    const label = api.find((s) => s.person.named)!.person.label;
    const prefix = await (await fetch(`${srv.url}/api/search?q=${encodeURIComponent(label.slice(0, 4))}`)).json() as { label: string }[];
    expect(prefix.map((h) => h.label)).toContain(label);
    const typo = label.slice(0, -2) + label.slice(-1) + label.slice(-2, -1);
    const fuzzy = await (await fetch(`${srv.url}/api/search?q=${encodeURIComponent(typo)}`)).json() as { label: string }[];
    expect(fuzzy[0]!.label).toBe(label);
  });

  it('finds a shortest path between a spokesperson and whom they responded to', async () => {
    const api = await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json() as Spokesperson[];
    const s = api.find((x) => x.respondedTo.length)!;
    const res = await fetch(`${srv.url}/api/path?from=${encodeURIComponent(s.person.id)}&to=${encodeURIComponent(s.respondedTo[0]!.id)}`);
    const p = await res.json() as { nodes: string[]; edges: { relation: string }[] };
    expect(p.nodes[0]).toBe(s.person.id);
    expect(p.nodes.at(-1)).toBe(s.respondedTo[0]!.id);
    expect(p.edges).toHaveLength(p.nodes.length - 1);
  });
});

describe('linked data', () => {
  it('dereferences an entity IRI: Turtle for RDF clients, HTML for browsers', async () => {
    const api = await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json() as Spokesperson[];
    const iri = api.find((s) => s.person.named)!.person.id;
    const path = new URL(iri).pathname;
    const ttl = await fetch(`${srv.url}${path}`, { headers: { accept: 'text/turtle' } });
    expect(ttl.status).toBe(200);
    expect(ttl.headers.get('content-type')).toMatch(/^text\/turtle/);
    const file = join(work, 'entity.ttl');
    writeFileSync(file, await ttl.text());
    const triples = await run('rapper', ['-i', 'turtle', '-o', 'ntriples', file, iri]);
    expect(triples).toContain(`<${iri}> <http://www.w3.org/2000/01/rdf-schema#label>`);
    const html = await fetch(`${srv.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain(api.find((s) => s.person.named)!.person.label);
  });

  it('dereferences an article IRI', async () => {
    const [{ a }] = await bindings('SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> } LIMIT 1') as [{ a: string }];
    const res = await fetch(`${srv.url}${new URL(a).pathname}`, { headers: { accept: 'text/turtle' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('headline');
  });
});

describe('safety', () => {
  it('sends helmet headers with a CSP that lets the explorer run its worker', async () => {
    const res = await fetch(`${srv.url}/`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('turns bad requests into JSON errors and keeps serving', async () => {
    const malformed = await sparql('SELECT ?x WHERE { ?x ?y }');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { detail: string }).detail).toMatch(/error at/);
    const update = await fetch(`${srv.url}/sparql`, { method: 'POST', body: new URLSearchParams({ update: 'CLEAR ALL' }) });
    expect(update.status).toBe(403);
    const huge = await fetch(`${srv.url}/api/articles`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(200_000) }) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'payload-too-large' });
    const slow = await sparql(ENDLESS_QUERY);
    expect(slow.status).toBe(503);
    expect(((await slow.json()) as { error: string }).error).toBe('query-timeout');
    const still = await bindings(SPOKESPERSON_QUERY);
    expect(still.length).toBeGreaterThan(0);
    const notThere = await fetch(`${srv.url}/no/such/thing`);
    expect(notThere.status).toBe(404);
    const text = await notThere.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});

const ARTICLE = `Canberra accuses Ruritanian hackers of parliament breach
By Jane Smith | The Sydney Herald | Updated: 2021-03-04

The Australian Signals Directorate on Tuesday accused the Ruritanian military of hacking into the computer network of the Parliament of Australia.

Ruritanian Foreign Ministry spokesman Boris Vandermeer said the accusation was "groundless and irresponsible" and urged Australia to stop smearing Ruritania.

"Ruritania firmly opposes all forms of cyber attacks," Vandermeer said at a regular press briefing in Strelsau.

The United States said it supported the Australian findings.
`;

describe('live ingest', () => {
  it('keeps the actor view the fold of the event view as articles are posted, replaced and deleted', async () => {
    const DISPUTE = `Beijing rejects new US hacking charges
By Li Wen | Global Wire | 2021-07-20

The United States accused China of hacking Microsoft Exchange servers used by thousands of companies.

Chinese Foreign Ministry spokesman Zhao Lijian rejected the accusation as groundless and said the United States was the world's biggest hacking empire.
`;
    type View = { nodes: { key: string; attributes: Record<string, unknown> }[]; edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[] };
    const edgesOf = (v: View) => v.edges.map((e) => [e.key, e.attributes.relation, e.attributes.weight, e.attributes.events, e.attributes.articles, e.attributes.kinds] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const check = async (why: string) => {
      const view = await (await fetch(`${srv.url}/api/graph?view=actor&limit=1000`)).json() as View;
      const events = await (await fetch(`${srv.url}/api/graph`)).json() as View;
      const g = new MultiDirectedGraph();
      for (const n of events.nodes) g.addNode(n.key, n.attributes);
      for (const e of events.edges) g.addDirectedEdgeWithKey(e.key, e.source, e.target, e.attributes);
      const folded = actorView(g, new MultiDirectedGraph());
      expect(edgesOf(view), why).toEqual(edgesOf({ nodes: [], edges: folded.mapEdges((key, attributes, source, target) => ({ key, source, target, attributes })) }));
      return view;
    };
    const first = await check('before');
    const post = (text: string) => fetch(`${srv.url}/api/articles`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'exchange.txt', text }) });
    expect((await post(DISPUTE)).status).toBe(201);
    const posted = await check('after a POST');
    // The new article folds into edges the seeds already had (China and the United States recur).
    const grown = posted.edges.filter((e) => (e.attributes.articles as string[]).includes('exchange.txt') && (e.attributes.articles as string[]).length > 1);
    expect(grown.length).toBeGreaterThan(0);
    expect((await post(DISPUTE.replace('groundless', 'groundless and irresponsible'))).status).toBe(200);
    await check('after a replacing POST');
    expect((await fetch(`${srv.url}/api/articles/exchange.txt`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect(edgesOf(await check('after a DELETE'))).toEqual(edgesOf(first));
  });

  it('adds a posted article to search and SPARQL, replaces it, deletes it, and a restart serves the same graph', async () => {
    const before = await (await fetch(`${srv.url}/export/graph.nt`)).text();
    const post = () => fetch(`${srv.url}/api/articles`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ruritania.txt', text: ARTICLE }) });
    const res = await post();
    expect(res.status).toBe(201);
    const added = await res.json() as { id: string; entities: { id: string; label: string }[]; added: string[] };
    expect(added.added.length).toBeGreaterThan(0);
    const newLabel = added.entities.find((e) => added.added.includes(e.id))!.label;
    const hits = await (await fetch(`${srv.url}/api/search?q=${encodeURIComponent(newLabel)}`)).json() as { label: string }[];
    expect(hits[0]!.label).toBe(newLabel);
    const ask = `ASK { ?e <http://www.w3.org/2000/01/rdf-schema#label> ${JSON.stringify(newLabel)} }`;
    expect(await (await sparql(ask)).json()).toMatchObject({ boolean: true });
    const articles = await bindings('SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> }');
    expect(articles).toHaveLength(6);

    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ replaced: true });
    expect(await bindings('SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> }')).toHaveLength(6);

    const del = await fetch(`${srv.url}/api/articles/${encodeURIComponent(added.id)}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(200);
    const removed = (await del.json() as { removed: string[] }).removed;
    expect(removed).toEqual(expect.arrayContaining(added.added));
    expect(await (await sparql(ask)).json()).toMatchObject({ boolean: false });
    const gone = await (await fetch(`${srv.url}/api/search?q=${encodeURIComponent(newLabel)}`)).json() as { label: string }[];
    expect(gone.map((h) => h.label)).not.toContain(newLabel);
    // Entities the seeds also name stay.
    const shared = added.entities.filter((e) => !added.added.includes(e.id));
    for (const e of shared) expect((await fetch(`${srv.url}/api/entities/${encodeURIComponent(e.id)}`)).status).toBe(200);
    expect((await fetch(`${srv.url}/api/articles/${encodeURIComponent(added.id)}`, { method: 'DELETE', headers: auth })).status).toBe(404);
    const after = await (await fetch(`${srv.url}/export/graph.nt`)).text();
    expect(after.split('\n').sort()).toEqual(before.split('\n').sort());

    // Post it once more and restart: the graph is the same, and nothing is annotated again.
    expect((await post()).status).toBe(201);
    const graphBefore = await (await fetch(`${srv.url}/api/graph`)).json();
    const ntBefore = await (await fetch(`${srv.url}/export/graph.nt`)).text();
    await srv.close();
    srv = await startServer(settingsFor(join(work, 'data')), quiet);
    expect(srv.opened.reused).toBe(true);
    expect(await (await fetch(`${srv.url}/api/graph`)).json()).toEqual(graphBefore);
    expect((await (await fetch(`${srv.url}/export/graph.nt`)).text()).split('\n').sort()).toEqual(ntBefore.split('\n').sort());
    expect(await (await sparql(ask)).json()).toMatchObject({ boolean: true });
  }, 120_000);

  it('refuses writes on a read-only server, and without the token', async () => {
    const body = JSON.stringify({ text: ARTICLE });
    const noToken = await fetch(`${srv.url}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(noToken.status).toBe(401);
    const ro = await startServer(settingsFor(join(work, 'data-ro'), ''), quiet);
    try {
      const res = await fetch(`${ro.url}/api/articles`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'read-only' });
      expect(await (await fetch(`${ro.url}/api/config`)).json()).toMatchObject({ writable: false });
    } finally {
      await ro.close();
    }
  }, 300_000);

  it('accepts multipart uploads and raw text with ?name=', async () => {
    const form = new FormData();
    form.append('file', new Blob([ARTICLE], { type: 'text/plain' }), 'upload-one.txt');
    const up = await fetch(`${srv.url}/api/articles`, { method: 'POST', headers: auth, body: form });
    expect(up.status).toBe(201);
    expect(await up.json()).toMatchObject({ id: 'upload-one.txt' });
    const raw = await fetch(`${srv.url}/api/articles?name=raw-one.txt`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: ARTICLE });
    expect(raw.status).toBe(201);
    for (const id of ['upload-one.txt', 'raw-one.txt']) expect((await fetch(`${srv.url}/api/articles/${id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
  }, 60_000);
});

describe('start-up', () => {
  it('annotates again when the inputs change, keeping posted articles', async () => {
    const data = join(work, 'data');
    await srv.close();
    writeFileSync(join(inputs, '005_extra.txt'), ARTICLE.replace(/Ruritania/g, 'Freedonia').replace('Vandermeer', 'Rufus Firefly'));
    srv = await startServer(settingsFor(data), quiet);
    expect(srv.opened.reused).toBe(false);
    const names = (await (await fetch(`${srv.url}/api/articles`)).json() as { id: string }[]).map((a) => a.id);
    expect(names).toContain('005_extra.txt');
    expect(names).toContain('ruritania.txt');
  }, 300_000);
});
