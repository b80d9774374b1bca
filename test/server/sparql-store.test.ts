import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore, chunkLines } from '../../server/sparql-store.js';
import { MalformedQueryError, QueryTimeoutError, ResultTooLargeError } from '../../server/errors.js';
import { ENDLESS_QUERY, SPOKESPERSON_QUERY, fixtureQuads, graphsOf } from './helpers.js';

const JSON_RESULTS = { resultsFormat: 'application/sparql-results+json' };
const ENTITIES = 'https://w3id.org/newskg/id/graph/entities';
const ARTICLE0 = 'https://w3id.org/newskg/id/article/000-f9f02f861cfe0f1a';

function rows(json: string): Record<string, string>[] {
  const r = JSON.parse(json) as { results: { bindings: Record<string, { value: string }>[] } };
  return r.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

describe('SparqlStore', () => {
  let store: SparqlStore;
  const graphs = graphsOf(fixtureQuads());
  beforeAll(async () => {
    store = await SparqlStore.start({
      timeoutMs: 500,
      maxResultBytes: 20_000,
      ontologyTurtle: '@prefix owl: <http://www.w3.org/2002/07/owl#> . <https://w3id.org/newskg/ontology> a owl:Ontology .',
    });
    await store.setGraphs(graphs);
  });
  afterAll(() => store.close());

  it('answers the spokesperson question over the union of the named graphs', async () => {
    const out = rows(await store.query(SPOKESPERSON_QUERY, JSON_RESULTS));
    expect(out).toEqual([
      { spokesperson: 'Hong Lei', for: "Ministry of Foreign Affairs of the People's Republic of China", respondedTo: 'United States', responses: '2' },
      { spokesperson: 'Qin Gang', for: "Ministry of Foreign Affairs of the People's Republic of China", respondedTo: 'United States Department of Justice', responses: '1' },
    ]);
  });

  it('counts its workers serving and loading', () => {
    expect(store.workers).toEqual({ serving: 2, loading: 0 });
  });

  it('holds the ontology in the default graph', async () => {
    expect(await store.query('ASK { <https://w3id.org/newskg/ontology> a <http://www.w3.org/2002/07/owl#Ontology> }', JSON_RESULTS)).toContain('true');
  });

  it('reports the parser message for a malformed query', async () => {
    await expect(store.query('SELECT * WHERE { ?s ?p ', JSON_RESULTS)).rejects.toBeInstanceOf(MalformedQueryError);
    await expect(store.query('SELECT * WHERE { ?s ?p ', JSON_RESULTS)).rejects.toMatchObject({ detail: expect.stringMatching(/^error at 1:/) });
  });

  it('refuses results over the size cap', async () => {
    await expect(store.query('SELECT * WHERE { ?s ?p ?o }', JSON_RESULTS)).rejects.toBeInstanceOf(ResultTooLargeError);
  });

  it('stops a query past its time limit, restarts with the same data and keeps answering', async () => {
    const before = store.restarts;
    const slow = store.query(ENDLESS_QUERY, JSON_RESULTS);
    const queued = store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', JSON_RESULTS);
    await expect(slow).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(store.restarts).toBe(before + 1);
    expect(rows(await queued)[0]!.n).toBe('90');
    expect(rows(await store.query(SPOKESPERSON_QUERY, JSON_RESULTS))).toHaveLength(2);
  });

  it('replaces and drops named graphs, and cached answers follow the change', async () => {
    const count = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }';
    expect(rows(await store.query(count, JSON_RESULTS))[0]!.n).toBe('90');
    await store.dropGraph(ARTICLE0);
    const left = rows(await store.query(SPOKESPERSON_QUERY, JSON_RESULTS));
    expect(left.map((r) => r.spokesperson)).toEqual(['Hong Lei']);
    await store.setGraph(ARTICLE0, graphs.get(ARTICLE0)!);
    expect(rows(await store.query(SPOKESPERSON_QUERY, JSON_RESULTS))).toHaveLength(2);
    expect(rows(await store.query(count, JSON_RESULTS))[0]!.n).toBe('90');
  });

  it('serializes graphs for CONSTRUCT', async () => {
    const ttl = await store.query('CONSTRUCT WHERE { <https://w3id.org/newskg/id/entity/qin-gang> ?p ?o }', { resultsFormat: 'text/turtle' });
    expect(ttl).toContain('Qin Gang');
  });
});

describe('SparqlStore result cache', () => {
  let store: SparqlStore;
  const graphs = graphsOf(fixtureQuads());
  const all = 'SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }';
  const other2 = `${all} # asked again`;
  let size = 0;
  beforeAll(async () => {
    const probe = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 10_000_000, cacheBytes: 0, workers: 1 });
    await probe.setGraphs(graphs);
    size = (await probe.query(all, JSON_RESULTS)).length;
    await probe.close();
    // A budget a little over one answer: the old rule (at most a sixteenth of the budget per entry) would not keep it.
    store = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 10_000_000, cacheBytes: Math.ceil(size * 1.2), workers: 1 });
    await store.setGraphs(graphs);
  });
  afterAll(() => store.close());

  it('keeps an answer as large as the whole budget once asked twice, and answers it again from the cache', async () => {
    const first = await store.query(all, JSON_RESULTS); // asked once: remembered, not kept
    const hits = store.cacheHits;
    expect(await store.query(all, JSON_RESULTS)).toBe(first); // asked again: run, and kept
    expect(store.cacheHits).toBe(hits);
    expect(await store.query(all, JSON_RESULTS)).toBe(first);
    expect(store.cacheHits).toBe(hits + 1);
  });

  it('makes room by dropping the least recently used, and never keeps an answer over the budget', async () => {
    await store.query(all, JSON_RESULTS); // kept by the test above
    const other = `${all} # another key`;
    await store.query(other, JSON_RESULTS);
    await store.query(other, JSON_RESULTS); // kept: the first answer is dropped to make room
    const hits = store.cacheHits;
    await store.query(other, JSON_RESULTS);
    expect(store.cacheHits).toBe(hits + 1);
    await store.query(all, JSON_RESULTS);
    expect(store.cacheHits).toBe(hits + 1);
    const big = 'SELECT * WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?s2 ?p2 ?o2 } } LIMIT 2000';
    for (let i = 0; i < 3; i++) await store.query(big, JSON_RESULTS);
    expect(store.cacheHits).toBe(hits + 1);
  });

  it('keeps the answer of a query asked by several clients at once', async () => {
    const q = `${all} # at once`;
    await Promise.all([1, 2, 3].map(() => store.query(q, JSON_RESULTS)));
    const hits = store.cacheHits;
    await store.query(q, JSON_RESULTS);
    expect(store.cacheHits).toBe(hits + 1);
  });

  it('keeps no answer of queries asked once each: they do not push out the answers asked again', async () => {
    await store.query(other2, JSON_RESULTS);
    await store.query(other2, JSON_RESULTS); // kept
    for (let i = 0; i < 5; i++) await store.query(`${all} # varied ${i}`, JSON_RESULTS);
    const hits = store.cacheHits;
    await store.query(other2, JSON_RESULTS);
    expect(store.cacheHits).toBe(hits + 1);
  });
});

describe('chunkLines', () => {
  it('cuts at line ends and loses nothing', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `<urn:s${i}> <urn:p> "${i}" .\n`).join('');
    const chunks = chunkLines(text, 1000);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
  });
});
