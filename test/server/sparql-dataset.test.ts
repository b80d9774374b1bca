/**
 * The dataset a query sees: the union default graph is a set, FROM / FROM NAMED and the
 * protocol's graphs apply, relative IRIs resolve against the base IRI; negotiation as
 * clients send it; the service description and the query page at GET /sparql.
 */
import express from 'express';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { sparqlRouter } from '../../server/sparql-route.js';
import { errorHandler, notFoundHandler } from '../../server/errors.js';
import { listen, type Listening } from './helpers.js';

const T = '<urn:s> <urn:p> "shared" ';
const ONTOLOGY = '<urn:s> <urn:p> "kept" .\n';
const BASE = 'https://w3id.org/newskg/id/';

let store: SparqlStore;
let http: Listening;
beforeAll(async () => {
  store = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 100_000, workers: 1, ontologyTurtle: ONTOLOGY });
  await store.setGraphs(new Map([
    ['urn:g1', `${T}<urn:g1> .\n<urn:s> <urn:p> "one" <urn:g1> .\n<urn:s> <urn:p> "kept" <urn:g1> .\n`],
    ['urn:g2', `${T}<urn:g2> .\n`],
  ]));
  const app = express();
  app.use(sparqlRouter({ store, maxBodyBytes: 100_000, rateLimitPerMinute: 100_000, baseIri: BASE }));
  app.use(notFoundHandler);
  app.use(errorHandler(100_000, () => {}));
  http = await listen(app);
});
afterAll(async () => { await http?.close(); await store?.close(); });

const get = (params: string, headers: Record<string, string> = {}) => fetch(`${http.url}/sparql?${params}`, { headers });
const q = (query: string) => `query=${encodeURIComponent(query)}`;
async function count(query: string, extra = ''): Promise<number> {
  const body = await (await get(q(query) + extra)).json() as { results: { bindings: { n: { value: string } }[] } };
  return Number(body.results.bindings[0]!.n.value);
}
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

describe('the dataset', () => {
  it('counts a triple held by two article graphs once in the default graph', async () => {
    expect(await count(COUNT)).toBe(3); // shared, one, kept
    expect(await count('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')).toBe(4);
  });

  it('applies FROM and FROM NAMED, and the protocol graphs instead of them', async () => {
    expect(await count(`SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }`)).toBe(0);
    expect(await count(`SELECT (COUNT(*) AS ?n) FROM <urn:g2> WHERE { ?s ?p ?o }`)).toBe(1);
    expect(await count(`SELECT (COUNT(*) AS ?n) FROM NAMED <urn:g2> WHERE { GRAPH ?g { ?s ?p ?o } }`)).toBe(1);
    expect(await count(`SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }`, '&default-graph-uri=urn:g1')).toBe(3);
    expect(await count('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', '&named-graph-uri=urn:g2')).toBe(1);
  });

  it('keeps the set right when graphs go: shared triples stay while a graph holds them, ontology triples always', async () => {
    await store.dropGraph('urn:g1');
    expect(await count(COUNT)).toBe(2); // shared (g2), kept (ontology)
    await store.dropGraph('urn:g2');
    expect(await count(COUNT)).toBe(1);
    await store.setGraph('urn:g2', `${T}<urn:g2> .\n`);
    expect(await count(COUNT)).toBe(2);
  });

  it('resolves relative IRIs against the base IRI', async () => {
    const res = await get(q('CONSTRUCT { <entity/x> <p> 1 } WHERE {}'), { accept: 'application/n-triples' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`<${BASE}entity/x> <${BASE}p>`);
  });
});

describe('negotiation as clients send it', () => {
  it('lets a valid Accept win over a format parameter naming the same or another format', async () => {
    const ttl = await get(`${q('CONSTRUCT WHERE { ?s ?p ?o }')}&format=turtle&output=turtle&results=turtle`, { accept: 'text/turtle' });
    expect(ttl.status).toBe(200);
    expect(ttl.headers.get('content-type')).toMatch(/^text\/turtle/);
    const xml = await get(`${q('SELECT * WHERE { ?s ?p ?o }')}&format=json`, { accept: 'application/sparql-results+xml' });
    expect(xml.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
  });

  it('takes the first format it can make when the parameter is repeated (SPARQLWrapper TSV)', async () => {
    const res = await get(`${q('SELECT ?o WHERE { ?s ?p ?o }')}&format=tsv&format=text/tab-separated-values`, { accept: '*/*' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
  });

  it('answers a graph query asked for results formats with RDF (RDF/XML for SPARQL XML), a SELECT asked for Turtle with 406', async () => {
    const xml = await get(q('CONSTRUCT WHERE { ?s ?p ?o }'), { accept: 'application/sparql-results+xml, text/csv' });
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/^application\/rdf\+xml/);
    const ttl = await get(q('CONSTRUCT WHERE { ?s ?p ?o }'), { accept: 'application/sparql-results+json' });
    expect(ttl.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(new Parser().parse(await ttl.text()).length).toBeGreaterThan(0);
    expect((await get(q('SELECT * {}'), { accept: 'text/turtle' })).status).toBe(406);
    expect((await get(`${q('SELECT * {}')}&format=bogus`)).status).toBe(400);
  });

  it('refuses a UTF-16 body with 415 and a clear message', async () => {
    const res = await fetch(`${http.url}/sparql`, { method: 'POST', body: Buffer.from('\ufeffASK {}', 'utf16le'), headers: { 'content-type': 'application/sparql-query; charset=UTF-16' } });
    expect(res.status).toBe(415);
    expect((await res.json() as { detail: string }).detail).toMatch(/UTF-16.*UTF-8/);
  });

  it('refuses using-graph-uri with USING or WITH in the update with 400, before refusing updates', async () => {
    const res = await fetch(`${http.url}/sparql?using-named-graph-uri=urn:g2`, { method: 'POST', body: 'WITH <urn:g1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }', headers: { 'content-type': 'application/sparql-update' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'dataset-conflict' });
  });
});

describe('GET /sparql without a query', () => {
  it('gives RDF clients the service description with its features and named graphs', async () => {
    const res = await get('', { accept: 'text/turtle' });
    expect(res.headers.get('content-type')).toMatch(/^text\/turtle/);
    const quads = new Parser().parse(await res.text());
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    expect(quads.some((x) => x.object.value === `${SD}Service` && x.subject.value === `${http.url}/sparql`)).toBe(true);
    expect(quads.some((x) => x.predicate.value === `${SD}feature` && x.object.value === `${SD}UnionDefaultGraph`)).toBe(true);
    expect(quads.filter((x) => x.predicate.value === `${SD}name`).map((x) => x.object.value)).toContain('urn:g2');
    const xml = await get('', { accept: 'application/rdf+xml' });
    expect(await xml.text()).toContain('sparql-service-description#');
  });

  it('gives browsers a query page with the contract\'s question', async () => {
    const res = await get('', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('/sparql-ui/yasgui.min.js');
    const init = await (await fetch(`${http.url}/sparql-ui/init.js`)).text();
    expect(init).toContain('nkg:spokespersonFor');
    const form = await (await get('form=1', { accept: 'text/html' })).text();
    expect(form).toContain('<form method="get"');
    expect(form).toContain('nkg:spokespersonFor');
  });
});

describe('messages', () => {
  it('names an undeclared prefix and the fix in a short message', async () => {
    const res = await get(q('SELECT * WHERE { ?s foo:bar ?o }'));
    expect(res.status).toBe(400);
    const { detail } = await res.json() as { detail: string };
    expect(detail).toContain('"foo:" is not declared; add PREFIX foo:');
    expect(detail.length).toBeLessThan(160);
  });
});

describe('the default graph after a bulk load', () => {
  it('holds every named graph\'s triples once, across load chunks, as a fresh worker loads them', async () => {
    // 400 graphs of about 4 kB: more than one 1 MB load chunk, each copied into the default graph in one step.
    const graphs = new Map<string, string>();
    for (let g = 0; g < 400; g++) {
      let nq = `<urn:shared> <urn:p> "in every graph" <urn:g${g}> .\n`;
      for (let i = 0; i < 40; i++) nq += `<urn:s${g}> <urn:p${i}> "graph ${g} triple ${i}, padded to make the graph large enough" <urn:g${g}> .\n`;
      graphs.set(`urn:g${g}`, nq);
    }
    const bulk = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 100_000, workers: 1 });
    try {
      await bulk.setGraphs(graphs);
      const n = async (query: string) => Number((JSON.parse(await bulk.query(query, { resultsFormat: 'application/sparql-results+json' })) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value);
      expect(await n(COUNT)).toBe(400 * 40 + 1);
      expect(await n('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')).toBe(400 * 41);
      // Dropping one graph leaves the shared triple (the others hold it) and takes its own.
      await bulk.dropGraph('urn:g7');
      expect(await n(COUNT)).toBe(399 * 40 + 1);
    } finally {
      await bulk.close();
    }
  });
});
