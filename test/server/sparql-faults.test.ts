/**
 * Hostile and abandoned queries: the store pool survives engine failures, limits count
 * from arrival, the queue is bounded, abandoned queries are cancelled, one client never
 * holds every worker. Real workers, real HTTP.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { sparqlRouter } from '../../server/sparql-route.js';
import { errorHandler, notFoundHandler, QueryEngineError, QueryTimeoutError, QueueFullError, ClientGoneError } from '../../server/errors.js';
import { nestingDepth } from '../../server/sparql-protocol.js';
import { ENDLESS_QUERY, fixtureQuads, graphsOf, listen, type Listening } from './helpers.js';

const JSON_RESULTS = { resultsFormat: 'application/sparql-results+json' };
const DEEP = 'SELECT * WHERE ' + '{'.repeat(700) + ' ?s ?p ?o ' + '}'.repeat(700);
/** Not nested, but a 5,000-term sum breaks the engine (memory access out of bounds). */
const LONG_SUM = 'SELECT * WHERE { ?s ?p ?o FILTER(' + '1 + '.repeat(5000) + '1 > 0) }';
let n = 0;
/** An ASK never asked before, so the result cache cannot answer it. */
const freshAsk = () => `ASK { ?s ?p ?o FILTER(${n++} >= 0) }`;

async function startStore(workers: number, timeoutMs = 400, queueLength = 16): Promise<SparqlStore> {
  const store = await SparqlStore.start({ timeoutMs, maxResultBytes: 100_000, workers, queueLength });
  await store.setGraphs(graphsOf(fixtureQuads()));
  return store;
}

describe('the store pool', () => {
  it('replaces a worker broken by the engine and answers the next query', async () => {
    // A generous limit: the queries wait for the fresh worker to start, and the limit counts from arrival.
    const store = await startStore(1, 30_000);
    try {
      await expect(store.query(DEEP, JSON_RESULTS)).rejects.toBeInstanceOf(QueryEngineError);
      await expect(store.query(LONG_SUM, JSON_RESULTS)).rejects.toMatchObject({ status: 400, code: 'query-failed' });
      expect(store.restarts).toBe(2);
      expect(JSON.parse(await store.query(freshAsk(), JSON_RESULTS))).toEqual({ head: {}, boolean: true });
      const count = JSON.parse(await store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', JSON_RESULTS));
      expect(count.results.bindings[0].n.value).toBe('90');
    } finally {
      await store.close();
    }
  });

  it('counts the time limit from arrival: a query that waited its whole limit never runs', async () => {
    const store = await startStore(1);
    try {
      const running = store.query(ENDLESS_QUERY, JSON_RESULTS);
      const waiting = store.query(ENDLESS_QUERY + ' # 2', JSON_RESULTS);
      await expect(running).rejects.toMatchObject({ code: 'query-timeout', detail: expect.stringContaining('ran longer') });
      await expect(waiting).rejects.toMatchObject({ code: 'query-timeout', detail: expect.stringContaining('waited') });
      expect(store.restarts).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('answers a query that waited and then ran into its deadline with 503, and leaves its worker to finish it, up to its own run limit', async () => {
    const store = await startStore(1, 3_000);
    try {
      // 90^3 solutions: well within the limit, so the endless query waits, then runs into its deadline.
      const first = store.query('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { ...JSON_RESULTS, client: 'a' });
      const late = store.query(`${ENDLESS_QUERY} # late`, { ...JSON_RESULTS, client: 'b' });
      expect(JSON.parse(await first).results.bindings[0].n.value).toBe(String(90 ** 3));
      await expect(late).rejects.toMatchObject({ code: 'query-timeout', detail: expect.stringContaining('ran longer') });
      // Answered, but its worker runs on: not ended at the client's deadline.
      expect(store.restarts).toBe(0);
      expect(store.running).toBe(1);
      // Ended once the query has run its own limit, and replaced.
      await expect.poll(() => store.restarts, { timeout: 10_000 }).toBe(1);
      expect(JSON.parse(await store.query(freshAsk(), JSON_RESULTS)).boolean).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('answers 503 at once, without running it, a query that waited and would not finish in what is left of its limit', async () => {
    const store = await startStore(1, 1_000);
    try {
      // The endless kind ran to the limit once: that is its estimate.
      await expect(store.query(`${ENDLESS_QUERY} # 1`, JSON_RESULTS)).rejects.toMatchObject({ code: 'query-timeout' });
      expect(JSON.parse(await store.query(freshAsk(), JSON_RESULTS)).boolean).toBe(true);
      const restarts = store.restarts;
      const first = store.query('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { ...JSON_RESULTS, client: 'a' });
      const late = store.query(`${ENDLESS_QUERY} # 2`, { ...JSON_RESULTS, client: 'b' });
      await first;
      await expect(late).rejects.toMatchObject({ code: 'query-timeout', detail: expect.stringContaining('waited') });
      expect(store.running).toBe(0);
      expect(store.restarts).toBe(restarts);
      // A query of a kind never seen runs, whatever it waited.
      expect(JSON.parse(await store.query(freshAsk(), JSON_RESULTS)).boolean).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('bounds the queue: beyond it, 503 queue-full with Retry-After', async () => {
    const store = await startStore(1, 400, 4);
    try {
      const runs = ['a'].map((c) => store.query(`${ENDLESS_QUERY} # ${c}`, { ...JSON_RESULTS, client: c }).catch((e: Error) => e));
      const queued = ['b', 'c', 'd', 'e'].map((c) => store.query(`${ENDLESS_QUERY} # ${c}`, { ...JSON_RESULTS, client: c }).catch((e: Error) => e));
      const full = await store.query(freshAsk(), { ...JSON_RESULTS, client: 'h' }).catch((e: Error) => e);
      expect(full).toBeInstanceOf(QueueFullError);
      expect((full as QueueFullError).headers['Retry-After']).toBe('1');
      for (const e of await Promise.all([...runs, ...queued])) expect(e).toBeInstanceOf(QueryTimeoutError);
    } finally {
      await store.close();
    }
  });

  it('drops an abandoned query from the queue, and ends the worker running one', async () => {
    const store = await startStore(1, 5_000);
    try {
      const gone1 = new AbortController();
      const gone2 = new AbortController();
      const running = store.query(ENDLESS_QUERY, { ...JSON_RESULTS, signal: gone1.signal, client: 'x' });
      const waiting = store.query(ENDLESS_QUERY + ' # w', { ...JSON_RESULTS, signal: gone2.signal, client: 'y' });
      gone2.abort();
      await expect(waiting).rejects.toBeInstanceOf(ClientGoneError);
      expect(store.restarts).toBe(0);
      gone1.abort();
      await expect(running).rejects.toBeInstanceOf(ClientGoneError);
      expect(store.restarts).toBe(1);
      expect(JSON.parse(await store.query(freshAsk(), JSON_RESULTS)).boolean).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('leaves a worker to other clients while one client runs cartesian products', async () => {
    const store = await startStore(2, 2_000);
    try {
      const order: string[] = [];
      const slow = [1, 2, 3, 4].map((i) => store.query(`${ENDLESS_QUERY} # ${i}`, { ...JSON_RESULTS, client: 'attacker' }).catch(() => order.push(`slow${i}`)));
      const ask = store.query(freshAsk(), { ...JSON_RESULTS, client: 'reader' }).then((r) => { order.push('ask'); return r; });
      expect(JSON.parse(await ask).boolean).toBe(true);
      await Promise.all(slow);
      expect(order[0]).toBe('ask');
    } finally {
      await store.close();
    }
  });
});

describe('/sparql under hostile queries', () => {
  let http: Listening;
  let store: SparqlStore;
  beforeAll(async () => {
    store = await startStore(2, 10_000);
    const app = express();
    app.use(sparqlRouter({ store, maxBodyBytes: 100_000, rateLimitPerMinute: 10_000 }));
    app.use(notFoundHandler);
    app.use(errorHandler(100_000, () => {}));
    http = await listen(app);
  });
  afterAll(async () => { await http.close(); await store.close(); });

  const post = (query: string) => fetch(`${http.url}/sparql`, { method: 'POST', body: query, headers: { 'content-type': 'application/sparql-query' } });

  it('refuses the 700-brace query before it reaches the store, and the next query answers', async () => {
    const deep = await post(DEEP);
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ error: 'query-too-deep', detail: expect.stringContaining('700 levels') });
    expect(store.restarts).toBe(0);
    const next = await post(freshAsk());
    expect(await next.json()).toEqual({ head: {}, boolean: true });
  });

  it('answers 400 when the engine fails, and every later query works', async () => {
    const sum = await post(LONG_SUM);
    expect(sum.status).toBe(400);
    expect(await sum.json()).toMatchObject({ error: 'query-failed', detail: expect.stringContaining('simplify it') });
    for (let i = 0; i < 3; i++) expect(await (await post(freshAsk())).json()).toEqual({ head: {}, boolean: true });
  });

  it('ends the worker of a client that hung up, and keeps serving', async () => {
    const before = store.restarts;
    const gone = new AbortController();
    const aborted = fetch(`${http.url}/sparql?query=${encodeURIComponent(ENDLESS_QUERY + ' # hung up')}`, { signal: gone.signal }).catch(() => 'aborted');
    await expect.poll(() => store.running).toBe(1);
    gone.abort();
    expect(await aborted).toBe('aborted');
    await expect.poll(() => store.restarts).toBe(before + 1);
    expect(store.running).toBe(0);
    expect(await (await post(freshAsk())).json()).toEqual({ head: {}, boolean: true });
  });
});

describe('nestingDepth', () => {
  it('counts brackets outside strings, IRIs and comments', () => {
    expect(nestingDepth('SELECT * { ?s ?p ?o FILTER((1)) }')).toBe(3);
    expect(nestingDepth('SELECT * { ?s <urn:x#((((> "((((" . # {{{{\n ?s ?p \'\'\'[[[\'\'\' }')).toBe(1);
    expect(nestingDepth('ASK { FILTER(?a < ?b && ?c > "x\\"{{") }')).toBe(2);
    expect(nestingDepth(DEEP)).toBe(700);
  });
});
