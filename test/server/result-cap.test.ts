/**
 * The result cap holds while the store evaluates (server/result-cap.ts): a query that would
 * make more rows than maxResultRows is stopped there and answered 422 result-too-large, so a
 * huge CONSTRUCT never becomes a huge string; queries under the cap are answered whole, in
 * every format. Real server on the seeds, real HTTP; and the store on a fixture with a small cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { SparqlStore } from '../../server/sparql-store.js';
import { ResultTooManyRowsError } from '../../server/errors.js';
import { capQuery, countRows } from '../../server/result-cap.js';
import { REPO, fixtureQuads, graphsOf } from './helpers.js';

/**
 * Every triple with every triple: on the seeds 3.8 million solutions. Before the cap was applied while
 * evaluating, the CONSTRUCT was built (33 s, RSS +103 MB, 29 MB once de-duplicated) and then refused;
 * the SELECT ran 99 s until the engine failed.
 */
const HUGE_CONSTRUCT = 'CONSTRUCT { ?s ?p ?o . ?a ?b ?c } WHERE { ?s ?p ?o . ?a ?b ?c }';
const HUGE_SELECT = 'SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }';
const mb = () => process.memoryUsage().rss / 2 ** 20;

describe('the result cap on a real server', { timeout: 120_000 }, () => {
  let srv: Running;
  let work: string;
  let triples: number;
  const get = (query: string, accept = 'application/sparql-results+json') =>
    fetch(`${srv.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept } });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'newskg-cap-'));
    // The default caps (100,000 rows, 20 MB); a time limit long enough that only the cap can stop these queries.
    srv = await startServer(resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, layoutIterations: 20, queryTimeoutMs: 60_000 }), { log: () => {} });
    const count = await (await get('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).json() as { results: { bindings: { n: { value: string } }[] } };
    triples = Number(count.results.bindings[0]!.n.value);
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('answers a huge CONSTRUCT with 422 result-too-large, without building it: the RSS stays within 150 MB', async () => {
    expect(triples ** 2 * 2).toBeGreaterThan(5_000_000);
    const before = mb();
    const res = await get(HUGE_CONSTRUCT, 'application/n-triples');
    const grew = mb() - before;
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'result-too-large', detail: expect.stringMatching(/more than 50000 solutions.*100000 triples.*LIMIT.*KG_MAX_RESULT_ROWS/) });
    console.log(`huge CONSTRUCT: RSS grew ${grew.toFixed(0)} MB`);
    expect(grew).toBeLessThan(150);
  });

  // The store stops at the 100,001st solution, but those are serialized (six terms a row, 60 MB) to be counted.
  it('answers a huge SELECT with 422 result-too-large, the RSS within 300 MB', async () => {
    const before = mb();
    const res = await get(HUGE_SELECT);
    const grew = mb() - before;
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'result-too-large', detail: expect.stringContaining('more than 100000 solutions') });
    console.log(`huge SELECT: RSS grew ${grew.toFixed(0)} MB`);
    expect(grew).toBeLessThan(300);
  });

  it('answers a query under the cap whole, in every results format', async () => {
    const all = 'SELECT * WHERE { ?s ?p ?o }';
    const json = await (await get(all)).json() as { results: { bindings: unknown[] } };
    expect(json.results.bindings).toHaveLength(triples);
    for (const accept of ['application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']) {
      const res = await get(all, accept);
      expect(res.status, accept).toBe(200);
      expect(countRows(await res.text(), accept), accept).toBe(triples);
    }
    const nt = await (await get('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', 'application/n-triples')).text();
    expect(nt.trim().split('\n')).toHaveLength(triples);
    // A LIMIT above the cap is no way round it, and one within it is kept as written.
    expect((await get(`${HUGE_SELECT} LIMIT 100000000`)).status).toBe(422);
    const limited = await (await get(`${HUGE_SELECT} LIMIT 7`)).json() as { results: { bindings: unknown[] } };
    expect(limited.results.bindings).toHaveLength(7);
  });
});

describe('the result cap in the store (90 quads, a cap of 10 rows)', () => {
  let store: SparqlStore;
  const JSON_RESULTS = { resultsFormat: 'application/sparql-results+json' };
  beforeAll(async () => {
    store = await SparqlStore.start({ timeoutMs: 10_000, maxResultBytes: 1_000_000, maxResultRows: 10, workers: 1 });
    await store.setGraphs(graphsOf(fixtureQuads()));
  });
  afterAll(() => store.close());

  it('refuses the 11th solution, the 11th DESCRIBEd solution, a template past 10 triples; keeps what fits', async () => {
    await expect(store.query('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }', JSON_RESULTS)).rejects.toBeInstanceOf(ResultTooManyRowsError);
    await expect(store.query('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 11', JSON_RESULTS)).rejects.toBeInstanceOf(ResultTooManyRowsError);
    await expect(store.query('DESCRIBE ?s WHERE { GRAPH ?g { ?s ?p ?o } }', { resultsFormat: 'application/n-triples' })).rejects.toBeInstanceOf(ResultTooManyRowsError);
    await expect(store.query('CONSTRUCT { ?s ?p ?o . ?o ?p ?s } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 6', { resultsFormat: 'application/n-triples' })).rejects.toBeInstanceOf(ResultTooManyRowsError);
    const ten = JSON.parse(await store.query('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10', JSON_RESULTS)) as { results: { bindings: unknown[] } };
    expect(ten.results.bindings).toHaveLength(10);
    const five = await store.query('CONSTRUCT { ?s ?p ?o . ?o ?p ?s } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5', { resultsFormat: 'application/n-triples' });
    expect(five.trim().split('\n').length).toBeLessThanOrEqual(10);
    expect(JSON.parse(await store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', JSON_RESULTS)).results.bindings[0].n.value).toBe('90');
    expect(JSON.parse(await store.query('ASK { GRAPH ?g { ?s ?p ?o } }', JSON_RESULTS)).boolean).toBe(true);
  });

  it('caps a SELECT in SPARQL 1.2 syntax that the query parser cannot read but the store can', async () => {
    const q12 = 'SELECT * WHERE { GRAPH ?g { ?s ?p ?o } OPTIONAL { ?s ?p "x"@en--ltr } }';
    await expect(store.query(q12, JSON_RESULTS)).rejects.toBeInstanceOf(ResultTooManyRowsError);
    await expect(store.query(q12, { resultsFormat: 'text/csv' })).rejects.toBeInstanceOf(ResultTooManyRowsError);
    const few = JSON.parse(await store.query(`${q12} LIMIT 3`, JSON_RESULTS)) as { results: { bindings: unknown[] } };
    expect(few.results.bindings).toHaveLength(3);
  });
});

describe('capQuery and countRows', () => {
  it('adds LIMIT cap+1 on its own line (after a trailing comment), or rewrites a larger LIMIT and a VALUES query', () => {
    expect(capQuery('SELECT * { ?s ?p ?o } # all', 100)).toMatchObject({ query: 'SELECT * { ?s ?p ?o } # all\nLIMIT 101', countRows: true, solutions: 100 });
    expect(capQuery('SELECT * { ?s ?p ?o } LIMIT 100', 100)).toBe('as-is');
    expect(capQuery('SELECT * { ?s ?p ?o } LIMIT 5000', 100)).toMatchObject({ query: expect.stringMatching(/LIMIT 101$/) });
    expect(capQuery('SELECT * { ?s ?p ?o } VALUES ?s { <http://x> }', 100)).toMatchObject({ query: expect.stringMatching(/LIMIT 101\s+VALUES \?s/) });
    expect(capQuery('ASK { ?s ?p ?o }', 100)).toBe('as-is');
    expect(capQuery('DESCRIBE <http://x>', 100)).toBe('as-is');
    expect(capQuery('SELECT * {', 100)).toBe('unread');
    expect(capQuery('CONSTRUCT { ?s ?p ?o . ?o ?p ?s } WHERE { ?s ?p ?o } OFFSET 3', 100)).toMatchObject({ solutions: 50, probe: expect.stringMatching(/OFFSET 53\s+LIMIT 1$/) });
  });

  it('counts rows of every results format, whatever the literals hold', () => {
    const tricky = 'a},{"b"\n<result>,"",\t';
    const json = JSON.stringify({ head: { vars: ['x'] }, results: { bindings: [{ x: { type: 'literal', value: tricky } }, {}, { x: { type: 'literal', value: '}}]' } }] } });
    expect(countRows(json, 'application/sparql-results+json')).toBe(3);
    const xml = `<?xml version="1.0"?><sparql><head/><results><result><binding name="x"><literal>${tricky.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</literal></binding></result><result/></results></sparql>`;
    expect(countRows(xml, 'application/sparql-results+xml')).toBe(2);
    expect(countRows(`x\r\n"${tricky.replace(/"/g, '""')}"\r\n\r\n`, 'text/csv')).toBe(2);
    expect(countRows('?x\n"a\\nb\\t"\n\n', 'text/tab-separated-values')).toBe(2);
  });
});
