/**
 * The Graph Store Protocol at /store on the real server over the seeds: GET of an article
 * graph for anyone (read by n3 and by rapper), writes with the bearer token through the
 * ingest path (PUT adds or replaces an article graph from the article's text, DELETE
 * removes it), and the refusals a client must be able to tell apart.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { REPO, run } from './helpers.js';

const TOKEN = 'gsp-token';
const auth = { authorization: `Bearer ${TOKEN}` };
let work: string;
let srv: Running;
let base: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'newskg-gsp-'));
  const settings = resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, writeToken: TOKEN, layoutIterations: 20 });
  base = settings.baseIri;
  srv = await startServer(settings, { log: () => {} });
}, 300_000);
afterAll(async () => {
  await srv?.close();
  rmSync(work, { recursive: true, force: true });
});

const store = (graph: string, init: RequestInit = {}) => fetch(`${srv.url}/store?graph=${encodeURIComponent(graph)}`, init);
const seedText = () => readFileSync(join(REPO, 'seeds', readdirSync(join(REPO, 'seeds')).sort()[0]!), 'utf8');

describe('Graph Store Protocol', () => {
  it('gives an article graph to any client, as Turtle and RDF/XML', async () => {
    const articles = await (await fetch(`${srv.url}/api/articles`)).json() as { iri: string }[];
    const graph = articles[0]!.iri;
    const res = await store(graph, { headers: { accept: 'text/turtle' } });
    expect(res.status).toBe(200);
    expect(new Parser({ format: 'text/turtle' }).parse(await res.text()).length).toBeGreaterThan(10);
    const rdfxml = await run('rapper', ['-q', '-i', 'rdfxml', '-o', 'ntriples', `${srv.url}/store?graph=${encodeURIComponent(graph)}`]).catch(async () =>
      // rapper sends no Accept for RDF/XML: fetch it ourselves and read it from stdin.
      run('rapper', ['-q', '-i', 'rdfxml', '-o', 'ntriples', '-', graph], await (await store(graph, { headers: { accept: 'application/rdf+xml' } })).text()));
    expect(rdfxml.trim().split('\n').length).toBeGreaterThan(10);
    expect((await store(`${base}article/no-such-article`)).status).toBe(404);
  });

  it('refuses writes without the token, RDF bodies and graphs that are not an article', async () => {
    const graph = `${base}article/gsp-refused`;
    const text = { 'content-type': 'text/plain' };
    expect((await store(graph, { method: 'PUT', headers: text, body: seedText() })).status).toBe(401);
    const rdf = await store(graph, { method: 'PUT', headers: { ...auth, 'content-type': 'text/turtle' }, body: '<a:b> <a:c> <a:d> .' });
    expect(rdf.status).toBe(415);
    expect((await rdf.json() as { detail: string }).detail).toMatch(/text\/plain.*text\/html/);
    const entities = await store(`${base}graph/entities`, { method: 'PUT', headers: { ...auth, ...text }, body: seedText() });
    expect(entities.status).toBe(403);
    expect((await fetch(`${srv.url}/store?default`, { method: 'DELETE', headers: auth })).status).toBe(400);
    const list = await (await fetch(`${srv.url}/api/articles`)).json() as { id: string }[];
    expect(list.map((a) => a.id)).not.toContain('gsp-refused');
  });

  it('PUT adds and replaces an article graph from its text; DELETE removes it', { timeout: 120_000 }, async () => {
    const graph = `${base}article/gsp-added-txt`;
    const put = await store(graph, { method: 'PUT', headers: { ...auth, 'content-type': 'text/plain' }, body: seedText() });
    expect(put.status).toBe(201);
    expect((await put.json() as { graph: string }).graph).toBe(graph);
    const got = await store(graph, { headers: { accept: 'application/n-triples' } });
    expect(got.status).toBe(200);
    expect((await got.text()).trim().split('\n').length).toBeGreaterThan(10);
    const ask = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(`ASK { GRAPH <${graph}> { ?s ?p ?o } }`)}`, { headers: { accept: 'application/sparql-results+json' } });
    expect((await ask.json() as { boolean: boolean }).boolean).toBe(true);
    const again = await store(graph, { method: 'PUT', headers: { ...auth, 'content-type': 'text/plain' }, body: seedText() });
    expect(again.status).toBe(200);

    expect((await store(graph, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await store(graph)).status).toBe(404);
    const list = await (await fetch(`${srv.url}/api/articles`)).json() as { id: string }[];
    expect(list.map((a) => a.id)).not.toContain('gsp-added.txt');
    expect((await store(graph, { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  it('PUT to a seed article\'s graph replaces that article, not a second one', { timeout: 120_000 }, async () => {
    const before = await (await fetch(`${srv.url}/api/articles`)).json() as { id: string; iri: string }[];
    const seed = before[0]!;
    const put = await store(seed.iri, { method: 'PUT', headers: { ...auth, 'content-type': 'text/plain' }, body: readFileSync(join(REPO, 'seeds', seed.id), 'utf8') });
    expect(put.status).toBe(200);
    const after = await (await fetch(`${srv.url}/api/articles`)).json() as { id: string }[];
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    const bad = await store(`${base}article/Not_A_Slug`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' });
    expect(bad.status).toBe(400);
  });
});
