/**
 * The explorer's views of the graph over HTTP: the actor view, subgraphs by focus,
 * dates, types and limit, paths in either view, search over every mentioned entity.
 * The real server over the seed articles, on an ephemeral port.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../server/core.js';
import { startServer, type Running } from '../../server/server.js';
import { SPOKESPEOPLE_PAGE } from '../../server/api-index.js';
import { EVIDENCE_PREVIEW } from '../../server/spokespeople.js';
import { toNTriples, toTriG, toTurtle } from '../../server/core.js';
import { serializeTriples } from '../../server/rdf-serialize.js';
import { toCompactJsonLd } from '../../server/jsonld.js';
import { toGexf } from '../../server/gexf.js';
import { toGraphML } from '../../server/graphml.js';
import { REPO, hopsFrom } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'newskg-views-'));
const inputs = join(work, 'inputs');
cpSync(join(REPO, 'seeds'), inputs, { recursive: true });
let srv: Running;
beforeAll(async () => {
  srv = await startServer(resolveSettings({ inputs: [inputs], dataDir: join(work, 'data'), port: 0, writeToken: '', layoutIterations: 20 }), { log: () => {} });
}, 300_000);
afterAll(async () => {
  await srv?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Payload {
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
  articles: { id: string; date: string }[];
  meta: { view: string; complete: boolean; total: { nodes: number; edges: number }; omitted: number };
}
const get = async <T>(path: string) => {
  const res = await fetch(srv.url + path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
};
const label = (p: Payload, key: string) => String(p.nodes.find((n) => n.key === key)?.attributes.label);
const edgeNames = (p: Payload) => p.edges.map((e) => `${label(p, e.source)} —${e.attributes.relation}→ ${label(p, e.target)}`);
const E = 'https://w3id.org/newskg/id/entity/';

describe('GET /api/graph views', () => {
  it('the actor view folds every accusation and response of the event view into accused / responded to / speaks for / hacked edges', async () => {
    const ev = await get<Payload>('/api/graph');
    const p = await get<Payload>('/api/graph?view=actor&limit=1000');
    expect(p.meta).toMatchObject({ view: 'actor', complete: false, omitted: 0 });
    expect(p.nodes.every((n) => n.attributes.type !== 'accusation' && n.attributes.type !== 'response')).toBe(true);
    // What the event view says, read independently: accuser → accusation → accused, respondent → response → accusation.
    const ends = (node: string, rel: string, dir: 'in' | 'out') => ev.edges.filter((e) => e.attributes.relation === rel && (dir === 'in' ? e.target : e.source) === node).map((e) => (dir === 'in' ? e.source : e.target));
    const expected = new Map<string, Set<string>>();
    const want = (s: string, rel: string, t: string, via: string) => { if (s !== t) (expected.get(`${s}|${rel}|${t}`) ?? expected.set(`${s}|${rel}|${t}`, new Set()).get(`${s}|${rel}|${t}`)!).add(via); };
    for (const n of ev.nodes) {
      if (n.attributes.type === 'accusation') {
        for (const x of ends(n.key, 'accuser', 'in')) for (const y of ends(n.key, 'accused', 'out')) want(x, 'accused', y, n.key);
        for (const y of ends(n.key, 'accused', 'out')) for (const t of ends(n.key, 'target', 'out')) want(y, 'hacked', t, n.key);
      } else if (n.attributes.type === 'response') {
        for (const a of ends(n.key, 'respondsTo', 'out')) for (const x of ends(a, 'accuser', 'in')) for (const r of ends(n.key, 'respondent', 'in')) want(r, 'respondedTo', x, n.key);
      }
    }
    for (const e of ev.edges) if (e.attributes.relation === 'spokespersonFor') want(e.source, 'speaksFor', e.target, '');
    expect(expected.size).toBeGreaterThan(5);
    const got = new Map(p.edges.map((e) => [e.key, e]));
    for (const [key, via] of expected) {
      const e = got.get(key);
      expect(e, key).toBeDefined();
      const events = [...via].filter(Boolean);
      expect(new Set(e!.attributes.events as string[])).toEqual(new Set(events));
      expect(e!.attributes.weight).toBe(Math.max(1, events.length));
      expect(e!.attributes.label).toMatch(events.length > 1 ? / ×\d+$/ : /^[a-z ]+$/);
    }
    expect(got.size).toBe(expected.size);
    expect(p.edges[0]!.attributes).not.toHaveProperty('evidence'); // evidence texts stay on the server
  });

  it('unnamed spokespeople get distinct names from their organization', async () => {
    const p = await get<Payload>('/api/graph');
    const names = p.nodes.filter((n) => n.attributes.type === 'person').map((n) => String(n.attributes.label));
    expect(names).not.toContain('unnamed spokesperson');
    const spokes = names.filter((n) => n.startsWith('spokesperson for '));
    expect(spokes.length).toBeGreaterThan(1);
    expect(new Set(spokes).size).toBe(spokes.length);
    const table = await get<{ person: { label: string; named: boolean } }[]>('/api/spokespeople?limit=all');
    const unnamed = table.filter((r) => !r.person.named).map((r) => r.person.label);
    expect(unnamed.length).toBeGreaterThan(1);
    for (const l of unnamed) expect(spokes).toContain(l);
  });

  it('view=auto sends the whole event graph while it is small', async () => {
    const p = await get<Payload>('/api/graph?view=auto');
    expect(p.meta).toMatchObject({ view: 'event', complete: true });
    expect(p.nodes.length).toBe(p.meta.total.nodes);
  });

  it('limit keeps the most connected, and says how many were left out', async () => {
    const p = await get<Payload>('/api/graph?view=actor&limit=3');
    expect(p.nodes).toHaveLength(3);
    // At most four edges per node, the heaviest: every edge left out weighs no more than any sent.
    const all = await get<Payload>('/api/graph?view=actor&limit=1000');
    const keys = new Set(p.nodes.map((n) => n.key));
    const between = all.edges.filter((e) => keys.has(e.source) && keys.has(e.target));
    expect(p.edges.length).toBe(Math.min(12, between.length));
    const sent = new Set(p.edges.map((e) => e.key));
    const minSent = Math.min(...p.edges.map((e) => Number(e.attributes.weight)));
    for (const e of between) if (!sent.has(e.key)) expect(Number(e.attributes.weight)).toBeLessThanOrEqual(minSent);
    expect((p as unknown as { meta: { omittedEdges: number } }).meta.omittedEdges).toBe(between.length - p.edges.length);
    expect(p.meta.omitted).toBe(p.meta.total.nodes - 3);
    expect(p.nodes.map((n) => n.key)).toContain(`${E}united-states`);
    for (const e of p.edges) expect(p.nodes.some((n) => n.key === e.source) && p.nodes.some((n) => n.key === e.target)).toBe(true);
  });

  it('focus and depth give the neighbourhood of a node; dates and types narrow it', async () => {
    const actor = await get<Payload>('/api/graph?view=actor&limit=1000');
    const neighbours = new Set(actor.edges.flatMap((e) => (e.source === `${E}qin-gang` ? [e.target] : e.target === `${E}qin-gang` ? [e.source] : [])));
    expect(neighbours.size).toBeGreaterThan(0);
    const one = await get<Payload>(`/api/graph?view=actor&focus=${encodeURIComponent(`${E}qin-gang`)}&depth=1`);
    const keys = one.nodes.map((n) => n.key);
    expect(keys[0]).toBe(`${E}qin-gang`);
    expect(new Set(keys.slice(1))).toEqual(neighbours);
    const two = await get<Payload>(`/api/graph?view=actor&focus=${encodeURIComponent(`${E}qin-gang`)}&depth=2`);
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    const people = await get<Payload>(`/api/graph?view=actor&focus=${encodeURIComponent(`${E}qin-gang`)}&depth=2&types=person`);
    expect(people.nodes.every((n) => n.attributes.type === 'person')).toBe(true);
    const all = await get<Payload>('/api/graph?view=event&limit=10000');
    const may = await get<Payload>('/api/graph?view=event&limit=10000&from=2014-05-01&to=2014-05-31');
    const inMay = new Set(all.articles.filter((a) => a.date.startsWith('2014-05')).map((a) => a.id));
    expect(inMay.size).toBeGreaterThan(0);
    expect(may.nodes.length).toBeLessThan(all.nodes.length);
    for (const n of may.nodes) expect((n.attributes.articles as string[]).some((a) => inMay.has(a))).toBe(true);
  });

  it('is gzipped when asked, and bad parameters get 400 naming the fix', async () => {
    const res = await fetch(`${srv.url}/api/graph?view=actor`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    for (const [q, word] of [['view=tree', 'view'], ['depth=9', 'depth'], ['limit=0', 'limit'], ['from=May', 'from']]) {
      const bad = await fetch(`${srv.url}/api/graph?${q}`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { detail: string }).detail).toContain(word);
    }
    expect((await fetch(`${srv.url}/api/graph?view=actor&focus=${encodeURIComponent(`${E}nobody`)}`)).status).toBe(404);
  });
});

describe('paths and search', () => {
  it('finds a shortest path from Hua Chunying to the farthest actor in the actor view, each step with its edge', async () => {
    const actor = await get<Payload>('/api/graph?view=actor&limit=1000');
    // The true distance, to check the server's path against.
    const dist = hopsFrom(actor.edges, `${E}hua-chunying`);
    const [far, d] = [...dist].sort((a, b) => b[1] - a[1])[0]!;
    expect(d).toBeGreaterThan(1);
    const p = await get<{ nodes: string[]; edges: { key: string; source: string; target: string; relation: string }[] }>(
      `/api/path?view=actor&from=${encodeURIComponent(`${E}hua-chunying`)}&to=${encodeURIComponent(far)}`);
    expect(p.nodes[0]).toBe(`${E}hua-chunying`);
    expect(p.nodes.at(-1)).toBe(far);
    expect(p.nodes).toHaveLength(d + 1);
    p.edges.forEach((e, i) => {
      expect(new Set([e.source, e.target])).toEqual(new Set([p.nodes[i], p.nodes[i + 1]]));
      expect(actor.edges.find((x) => x.key === e.key)?.attributes.relation).toBe(e.relation);
    });
  });

  it('finds entities with no relation (Snowden, Holder) and describes them', async () => {
    const hits = await get<{ id: string; label: string; inGraph: boolean }[]>('/api/search?q=snowden');
    expect(hits[0]).toMatchObject({ label: 'Edward Snowden', inGraph: false });
    expect((await get<{ label: string }[]>('/api/search?q=holder')).map((h) => h.label)).toContain('Eric Holder');
    const d = await get<{ label: string; inGraph: boolean; articles: { headline: string }[] }>(`/api/entities/${encodeURIComponent(hits[0]!.id)}`);
    expect(d).toMatchObject({ label: 'Edward Snowden', inGraph: false });
    expect(d.articles.length).toBeGreaterThan(0);
    expect(d.articles[0]!.headline).toBeTruthy();
  });

  it('says what each response answered', async () => {
    const d = await get<{ neighbours: Record<string, { type: string; summary?: string }[]> }>(`/api/entities/${encodeURIComponent(`${E}qin-gang`)}`);
    const responses = d.neighbours.respondent!.filter((n) => n.type === 'response');
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(r.summary).toMatch(/ of the \w.* by /);
  });
});

// ?limit=&offset= give a slice of the whole table (?limit=all), in the same order, with its size
// in X-Total-Count and the next page in Link; without ?limit=, the first page.
describe('/api/spokespeople paging', () => {
  it('pages through the same rows as the whole table, following Link, and says how many there are', async () => {
    const all = await get<unknown[]>('/api/spokespeople?limit=all');
    expect(all.length).toBeGreaterThan(2);
    const pages: unknown[] = [];
    let next: string | undefined = '/api/spokespeople?limit=2';
    for (let n = 0; next; n++) {
      expect(n).toBeLessThan(all.length);
      const res: Response = await fetch(`${srv.url}${next}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total-count')).toBe(String(all.length));
      const page = await res.json() as unknown[];
      expect(page.length).toBeLessThanOrEqual(2);
      pages.push(...page);
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
    expect(pages).toEqual(all);
  });

  it('without ?limit= answers the first page', async () => {
    const all = await get<unknown[]>('/api/spokespeople?limit=all');
    const res = await fetch(`${srv.url}/api/spokespeople`);
    expect(await res.json()).toEqual(all.slice(0, SPOKESPEOPLE_PAGE));
    expect(res.headers.get('x-total-count')).toBe(String(all.length));
    expect(res.headers.get('link') !== null).toBe(all.length > SPOKESPEOPLE_PAGE);
  });

  it('gives each row a preview of its evidence, and one person\'s row with every sentence at /api/spokespeople/:id', async () => {
    type Row = { person: { id: string }; respondedTo: { id: string; evidence: unknown[]; evidenceCount?: number }[] };
    const all = await get<Row[]>('/api/spokespeople?limit=all');
    let targets = 0;
    for (const row of all) {
      const full = await get<Row>(`/api/spokespeople/${encodeURIComponent(row.person.id)}`);
      expect(full.person).toEqual(row.person);
      expect(full.respondedTo.map((t) => t.id)).toEqual(row.respondedTo.map((t) => t.id));
      row.respondedTo.forEach((t, i) => {
        const sentences = full.respondedTo[i]!.evidence;
        expect(t.evidence).toEqual(sentences.slice(0, EVIDENCE_PREVIEW));
        expect(t.evidenceCount).toBe(sentences.length);
        targets++;
      });
    }
    expect(targets).toBeGreaterThan(0);
    const res = await fetch(`${srv.url}/api/spokespeople/${encodeURIComponent(`${E}no-such-person`)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/not a spokesperson/);
  });

  it('refuses a limit that is not a whole number, and keeps serving', async () => {
    const res = await fetch(`${srv.url}/api/spokespeople?limit=-1`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/limit must be a whole number/);
    expect((await fetch(`${srv.url}/api/spokespeople?limit=1`)).status).toBe(200);
  });
});

// Downloads are made between turns of the event loop or in a worker (export-render.ts): the same text as in one go.
describe('/export/graph.*', () => {
  it('is the text the serialisers make of the corpus and the graph when called in one go, gzipped or not', async () => {
    const quads = srv.kg.corpus.quads();
    const rdfXml = serializeTriples(toNTriples(quads), 'application/rdf+xml');
    const jsonld = JSON.stringify(toCompactJsonLd(quads, srv.kg.corpus.base));
    const formats = [['ttl', toTurtle(quads)], ['nt', toNTriples(quads)], ['trig', toTriG(quads)], ['rdf', rdfXml], ['jsonld', jsonld], ['gexf', toGexf(srv.kg.graph)], ['graphml', toGraphML(srv.kg.graph)]] as const;
    for (const [format, text] of formats) {
      const res = await fetch(`${srv.url}/export/graph.${format}`, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(1000);
      expect(body).toBe(text);
      const zipped = await fetch(`${srv.url}/export/graph.${format}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(await zipped.text()).toBe(text);
    }
  });
});
