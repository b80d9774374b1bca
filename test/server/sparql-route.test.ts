import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { sparqlRouter } from '../../server/sparql-route.js';
import { errorHandler, notFoundHandler } from '../../server/errors.js';
import { queryForm } from '../../server/sparql-protocol.js';
import { ENDLESS_QUERY, SPOKESPERSON_QUERY, fixtureQuads, graphsOf, listen, type Listening } from './helpers.js';

const TOKEN = 'secret-token';

async function serve(_writeToken: string, rateLimitPerMinute = 10_000): Promise<{ http: Listening; store: SparqlStore }> {
  const store = await SparqlStore.start({ timeoutMs: 400, maxResultBytes: 10_000 });
  await store.setGraphs(graphsOf(fixtureQuads()));
  const app = express();
  app.use(sparqlRouter({ store, maxBodyBytes: 10_000, rateLimitPerMinute }));
  app.use(notFoundHandler);
  app.use(errorHandler(10_000, () => {}));
  return { http: await listen(app), store };
}

describe('/sparql', () => {
  let ro: { http: Listening; store: SparqlStore };
  let rw: { http: Listening; store: SparqlStore };
  beforeAll(async () => { [ro, rw] = await Promise.all([serve(''), serve(TOKEN)]); });
  afterAll(async () => { for (const s of [ro, rw]) { await s.http.close(); await s.store.close(); } });

  const get = (query: string, accept?: string, base = ro.http.url) =>
    fetch(`${base}/sparql?query=${encodeURIComponent(query)}`, { headers: accept ? { accept } : {} });

  it('answers GET ?query= with SPARQL JSON by default', async () => {
    const res = await get(SPOKESPERSON_QUERY);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/sparql-results+json; charset=utf-8');
    const body = await res.json() as { head: { vars: string[] }; results: { bindings: unknown[] } };
    expect(body.head.vars).toEqual(['spokesperson', 'for', 'respondedTo', 'responses']);
    expect(body.results.bindings).toHaveLength(2);
  });

  it('sends the answer with its ETag, and 304 to a client that has it', async () => {
    const res = await get(SPOKESPERSON_QUERY);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(await res.text()));
    const again = await fetch(`${ro.http.url}/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } }); // fetch would add no-cache
    expect(again.status).toBe(304);
  });

  it('answers POST form-encoded and application/sparql-query', async () => {
    const form = await fetch(`${ro.http.url}/sparql`, { method: 'POST', body: new URLSearchParams({ query: SPOKESPERSON_QUERY }), headers: { accept: 'text/csv' } });
    expect(form.status).toBe(200);
    expect((await form.text()).split('\r\n')[0]).toBe('spokesperson,for,respondedTo,responses');
    const direct = await fetch(`${ro.http.url}/sparql`, { method: 'POST', body: SPOKESPERSON_QUERY, headers: { 'content-type': 'application/sparql-query', accept: 'text/tab-separated-values' } });
    expect(direct.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
    expect((await direct.text()).split('\n')[0]).toBe('?spokesperson\t?for\t?respondedTo\t?responses');
  });

  it('negotiates XML results, and ASK as JSON', async () => {
    const xml = await get(SPOKESPERSON_QUERY, 'application/sparql-results+xml');
    expect(xml.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
    expect(await xml.text()).toContain('<sparql xmlns="http://www.w3.org/2005/sparql-results#">');
    const ask = await get('ASK { ?s a <https://schema.org/NewsArticle> }');
    expect(await ask.json()).toEqual({ head: {}, boolean: true });
  });

  it('serializes CONSTRUCT and DESCRIBE as Turtle, N-Triples and JSON-LD', async () => {
    const q = 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a <https://schema.org/Person> ; rdfs:label ?l }';
    const ttl = await get(q);
    expect(ttl.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(await ttl.text()).toContain('"Qin Gang"');
    const nt = await get(q, 'application/n-triples');
    expect((await nt.text()).trim().split('\n')).toHaveLength(2);
    const ld = await get('DESCRIBE <https://w3id.org/newskg/id/entity/hong-lei>', 'application/ld+json');
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const doc = await ld.json() as { '@id': string }[];
    expect(doc.some((n) => n['@id'] === 'https://w3id.org/newskg/id/entity/hong-lei')).toBe(true);
  });

  it('refuses a results format the query form cannot have', async () => {
    const res = await get('ASK {}', 'text/turtle');
    expect(res.status).toBe(406);
    expect((await res.json() as { detail: string }).detail).toContain('application/sparql-results+json');
  });

  it('gives 400 with the parser message for a malformed query', async () => {
    const res = await get('SELECT ?s WHERE { ?s ?p }');
    expect(res.status).toBe(400);
    const body = await res.json() as { error: string; detail: string };
    expect(body.error).toBe('malformed-query');
    expect(body.detail).toMatch(/^error at 1:\d+: expected/);
  });

  it('gives 400 for an empty query, and a POST without one', async () => {
    const res = await fetch(`${ro.http.url}/sparql?query=`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'missing-query' });
    const post = await fetch(`${ro.http.url}/sparql`, { method: 'POST', body: new URLSearchParams({ other: '1' }) });
    expect(await post.json()).toMatchObject({ error: 'missing-query' });
  });

  it('refuses SPARQL Update with 403, with or without the token, and changes nothing', async () => {
    const update = 'INSERT DATA { <urn:a> <urn:b> <urn:c> }';
    const asks = [
      fetch(`${ro.http.url}/sparql`, { method: 'POST', body: new URLSearchParams({ update }) }),
      fetch(`${rw.http.url}/sparql`, { method: 'POST', body: update, headers: { 'content-type': 'application/sparql-update' } }),
      fetch(`${rw.http.url}/sparql`, { method: 'POST', body: update, headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${TOKEN}` } }),
      fetch(`${rw.http.url}/sparql`, { method: 'POST', body: update, headers: { 'content-type': 'application/sparql-query', authorization: `Bearer ${TOKEN}` } }),
    ];
    for (const res of await Promise.all(asks)) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'update-not-supported', detail: expect.stringContaining('POST /api/articles') });
    }
    expect(await (await get('ASK { <urn:a> <urn:b> <urn:c> }', undefined, rw.http.url)).json()).toMatchObject({ boolean: false });
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = 'SELECT * WHERE { ?s ?p ?o } #' + 'x'.repeat(20_000);
    const res = await fetch(`${ro.http.url}/sparql`, { method: 'POST', body: huge, headers: { 'content-type': 'application/sparql-query' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload-too-large' });
  });

  it('stops a query that runs too long with 503 and keeps serving', async () => {
    const res = await get(ENDLESS_QUERY);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'query-timeout', detail: expect.stringContaining('400 ms') });
    const after = await get(SPOKESPERSON_QUERY);
    expect(after.status).toBe(200);
  });

  it('refuses results over the cap with a clear error', async () => {
    const res = await get('SELECT * WHERE { ?s ?p ?o }');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'result-too-large', detail: expect.stringContaining('LIMIT') });
  });

  it('is open to browser clients for GET and POST queries (CORS), with their preflight', async () => {
    const res = await get('ASK {}');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await fetch(`${ro.http.url}/sparql`, { method: 'OPTIONS', headers: { origin: 'http://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(pre.headers.get('access-control-allow-headers')).not.toContain('Authorization');
    const post = await fetch(`${ro.http.url}/sparql`, { method: 'POST', body: new URLSearchParams({ query: 'ASK {}' }), headers: { origin: 'http://example.org' } });
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
    const put = await fetch(`${ro.http.url}/sparql`, { method: 'OPTIONS', headers: { origin: 'http://example.org', 'access-control-request-method': 'PUT' } });
    expect(put.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('limits the rate per client with 429', async () => {
    const limited = await serve('', 3);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await get('ASK {}', undefined, limited.http.url)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await get('ASK {}', undefined, limited.http.url);
      expect(await res.json()).toMatchObject({ error: 'too-many-requests' });
    } finally {
      await limited.http.close();
      await limited.store.close();
    }
  });
});

describe('queryForm', () => {
  it('reads the form after prefixes, base and comments', () => {
    expect(queryForm('# hi\nPREFIX a: <urn:x#> BASE <http://x/> prefix : <urn:y>\n  select * {}')).toBe('select');
    expect(queryForm('PREFIX nkg: <https://w3id.org/newskg/ontology#>\nASK {}')).toBe('ask');
    expect(queryForm('construct where {}')).toBe('construct');
    expect(queryForm('DESCRIBE <x>')).toBe('describe');
    expect(queryForm('PREFIX a: <b> INSERT DATA {}')).toBe('update');
    expect(queryForm('hello')).toBeUndefined();
  });
});
