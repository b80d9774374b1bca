/**
 * The lean lane for GET /sparql?query= (server/fast-lane.ts) answers as the Express route does:
 * the same status, headers and bytes, for answers and for errors; one rate limit across both;
 * and what it does not take (HEAD, a body, another path) still reaches the app. Real server on
 * the seeds, real HTTP. `/SPARQL` goes through the router (routes match without case), so
 * each answer is compared with the router's answer to the same request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { takesLane } from '../../server/fast-lane.js';
import { ENDLESS_QUERY, REPO } from './helpers.js';

const SELECT = 'SELECT ?s WHERE { ?s a <https://schema.org/NewsArticle> } ORDER BY ?s LIMIT 3';
/** Headers that differ between two answers by design: the clock and the rate limit's count. */
const VOLATILE = new Set(['date', 'ratelimit', 'ratelimit-policy', 'keep-alive', 'connection']);

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => { if (!VOLATILE.has(k)) out[k] = v; });
  return out;
}

describe('the SPARQL GET lane', { timeout: 120_000 }, () => {
  let srv: Running;
  let work: string;
  // Each pair is one request by the lane and by the router.
  const both = async (query: string, headers: Record<string, string> = {}) => {
    const lane = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(query)}`, { headers });
    const router = await fetch(`${srv.url}/SPARQL?query=${encodeURIComponent(query)}`, { headers });
    return { lane, router, laneBody: await lane.text(), routerBody: await router.text() };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'newskg-lane-'));
    srv = await startServer(resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, layoutIterations: 20, rateLimitPerMinute: 40, queryTimeoutMs: 60_000 }), { log: () => {} });
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('takes plain GET queries of /sparql only', () => {
    const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers }) as never;
    expect(takesLane(req('GET', '/sparql?query=ASK%7B%7D'))).toBe(true);
    expect(takesLane(req('GET', '/sparql?format=json&query=ASK%7B%7D'))).toBe(true);
    expect(takesLane(req('HEAD', '/sparql?query=ASK%7B%7D'))).toBe(false);
    expect(takesLane(req('POST', '/sparql?query=ASK%7B%7D'))).toBe(false);
    expect(takesLane(req('GET', '/sparql/?query=ASK%7B%7D'))).toBe(false);
    expect(takesLane(req('GET', '/sparql?xquery=1'))).toBe(false);
    expect(takesLane(req('GET', '/sparql'))).toBe(false);
    expect(takesLane(req('GET', '/sparql?query=ASK%7B%7D', { 'content-length': '5' }))).toBe(false);
  });

  it('answers a query with the router\'s status, headers and bytes, security headers and ETag included', async () => {
    for (const accept of ['application/sparql-results+json', 'text/csv', 'application/sparql-results+xml']) {
      const r = await both(SELECT, { accept });
      expect(r.lane.status).toBe(200);
      expect(headersOf(r.lane)).toEqual(headersOf(r.router));
      expect(r.laneBody).toBe(r.routerBody);
    }
    const r = await both(SELECT);
    expect(r.lane.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.lane.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.lane.headers.get('etag')).toMatch(/^"/);
    expect(r.laneBody).toContain('article');
  });

  it('answers 304 to a client that holds the answer\'s ETag, as the router does', async () => {
    const first = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(SELECT)}`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    // fetch() sends Cache-Control: no-cache with a conditional request, unless told otherwise.
    const r = await both(SELECT, { 'if-none-match': etag, 'cache-control': 'max-age=0' });
    expect(r.lane.status).toBe(304);
    expect(r.router.status).toBe(304);
    expect(r.laneBody).toBe('');
    expect(headersOf(r.lane)).toEqual(headersOf(r.router));
  });

  it('gives CORS headers to another origin\'s query, as the router does', async () => {
    const r = await both(SELECT, { origin: 'https://example.org', accept: 'application/sparql-results+json' });
    expect(r.lane.headers.get('access-control-allow-origin')).toBe('*');
    expect(headersOf(r.lane)).toEqual(headersOf(r.router));
  });

  it('answers a malformed query 400 with the router\'s error, and serves the next query', async () => {
    const r = await both('SELECT ?s WHERE { ?s ?p }');
    expect(r.lane.status).toBe(400);
    expect(headersOf(r.lane)).toEqual(headersOf(r.router));
    expect(r.laneBody).toBe(r.routerBody);
    expect(JSON.parse(r.laneBody)).toMatchObject({ error: expect.any(String) });
    const bad = await both('SELECT * WHERE { ?s ?p ?o }', { accept: 'image/png' });
    expect(bad.lane.status).toBe(406);
    expect(bad.laneBody).toBe(bad.routerBody);
    const refused = await both('INSERT DATA { <a:b> <a:c> <a:d> }');
    expect(refused.lane.status).toBe(refused.router.status);
    expect(refused.laneBody).toBe(refused.routerBody);
    expect((await fetch(`${srv.url}/sparql?query=${encodeURIComponent(SELECT)}`)).status).toBe(200);
  });

  it('ends the query of a client that hung up, and keeps serving', async () => {
    const store = srv.kg.store;
    const before = store.restarts;
    const gone = new AbortController();
    const aborted = fetch(`${srv.url}/sparql?query=${encodeURIComponent(`${ENDLESS_QUERY} # lane`)}`, { signal: gone.signal }).catch(() => 'aborted');
    await expect.poll(() => store.running).toBe(1);
    gone.abort();
    expect(await aborted).toBe('aborted');
    // Well within the time limit (60 s here): it is the hang-up that ends it.
    await expect.poll(() => store.restarts, { timeout: 5_000 }).toBe(before + 1);
    await expect.poll(() => store.running).toBe(0);
    expect((await fetch(`${srv.url}/sparql?query=${encodeURIComponent(SELECT)}`)).status).toBe(200);
  });

  it('leaves HEAD and a GET with a body to the app', async () => {
    const head = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(SELECT)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toMatch(/default-src/);
    const withBody = await new Promise<number>((resolve, reject) => {
      const req = request(`${srv.url}/sparql?query=${encodeURIComponent(SELECT)}`, { method: 'GET', headers: { 'content-type': 'text/plain', 'content-length': '2' } }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', reject);
      req.end('hi');
    });
    expect(withBody).toBe(200);
  });

  // Last: it spends the client's rate limit (40 a minute here).
  it('counts the lane and the router against one rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const path = i % 2 ? '/SPARQL' : '/sparql';
      const res = await fetch(`${srv.url}${path}?query=${encodeURIComponent(`ASK { } # ${i}`)}`);
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    const first = statuses.indexOf(429);
    // Both paths together use up 40 (fewer when an earlier test's requests count).
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(40);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
    const limited = await fetch(`${srv.url}/sparql?query=${encodeURIComponent('ASK { }')}`);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: expect.any(String) });
  });
});
