/**
 * The external store, against a real Virtuoso: `newskg push` loads every article's named
 * graph and the entities graph; the contract question gets the same rows there as from the
 * embedded store; pushing twice gives the same store; an article no longer built loses its
 * graph; two shards annotated apart and pushed from their gathered caches equal a single
 * build; and a server started with --sparql/--store answers /sparql from Virtuoso and writes
 * POSTed and deleted articles to it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInputs } from '../../src/build.js';
import { resolveSettings } from '../../src/settings.js';
import { SPOKESPERSON_QUERY } from '../../src/ontology/queries.js';
import { GraphStoreClient } from '../../src/emit/graph-store.js';
import { SparqlStore } from '../../server/sparql-store.js';
import { nquadsByGraph } from '../../server/state.js';
import { startServer } from '../../server/server.js';
import { REPO } from '../server/helpers.js';
import { startVirtuoso, type Virtuoso } from './virtuoso.js';

const SEEDS = join(REPO, 'seeds');
const BASE = 'https://w3id.org/newskg/';
const JSON_RESULTS = 'application/sparql-results+json';
let virtuoso: Virtuoso;
let client: GraphStoreClient;
let work: string;

interface Results { results: { bindings: Record<string, { value: string }>[] } }
const rows = (text: string, vars: string[]) => (JSON.parse(text) as Results).results.bindings.map((b) => vars.map((v) => b[v]?.value ?? '').join(' | ')).sort();
const CONTRACT_VARS = ['spokesperson', 'for', 'respondedTo', 'responses'];

/** Every quad of our graphs in the store, one line each, sorted. */
async function dump(): Promise<string[]> {
  const q = `SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${BASE}")) }`;
  return rows(await client.query(q, JSON_RESULTS), ['g', 's', 'p', 'o']);
}

function newskg(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The record cache keyed on versions alone: others editing this checkout mid-test must not empty it.
    const env = { ...process.env, NEWSKG_CACHE_SOURCES: '0' };
    const child = spawn(join(REPO, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
const push = (dir: string) => newskg(['push', dir, '--store', virtuoso.storeUrl, '--sparql', virtuoso.sparqlUrl, '--no-cache']);

beforeAll(async () => {
  virtuoso = await startVirtuoso();
  client = new GraphStoreClient({ storeUrl: virtuoso.storeUrl, sparqlUrl: virtuoso.sparqlUrl });
  work = mkdtempSync(join(tmpdir(), 'newskg-external-'));
}, 240_000);
afterAll(async () => {
  await virtuoso?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 30_000);
beforeEach(async () => {
  for (const g of await client.graphsUnder(BASE)) await client.drop(g);
});

describe('newskg push into Virtuoso', { timeout: 180_000 }, () => {
  it('answers the contract question with the same rows as the embedded store', async () => {
    const run = await push(SEEDS);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/pushed 6 graphs to /);
    const { corpus } = await buildInputs([SEEDS], resolveSettings(), { jobs: 1 });
    const embedded = await SparqlStore.start({ timeoutMs: 30_000, maxResultBytes: 1 << 24 });
    try {
      await embedded.setGraphs(nquadsByGraph(corpus.quads()));
      const want = rows(await embedded.query(SPOKESPERSON_QUERY, { resultsFormat: JSON_RESULTS }), CONTRACT_VARS);
      expect(want.length).toBeGreaterThan(0);
      expect(rows(await client.query(SPOKESPERSON_QUERY, JSON_RESULTS), CONTRACT_VARS)).toEqual(want);
    } finally {
      await embedded.close();
    }
    // One named graph per article, and the entities graph.
    expect(await client.graphsUnder(BASE)).toEqual([...corpus.records().map((r) => corpus.articleIri(r.id)), corpus.entitiesGraphIri].sort());
  });

  it('pushing twice gives the same store, and an article no longer built loses its graph', async () => {
    expect((await push(SEEDS)).code).toBe(0);
    const once = await dump();
    expect((await push(SEEDS)).code).toBe(0);
    expect(await dump()).toEqual(once);

    const fewer = join(work, 'fewer');
    mkdirSync(fewer);
    const [gone, ...kept] = readdirSync(SEEDS).sort();
    for (const f of kept) copyFileSync(join(SEEDS, f), join(fewer, f));
    const run = await push(fewer);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('dropped 1 graphs of articles no longer built');
    const graphs = await client.graphsUnder(`${BASE}id/article/`);
    expect(graphs).toHaveLength(kept.length);
    expect(graphs.some((g) => g.includes(gone!.replace(/\.txt$/, '').slice(0, 10).toLowerCase().replace(/_/g, '-')))).toBe(false);
  });

  it('two shards annotated apart and pushed once from their gathered caches equal a single build', async () => {
    expect((await push(SEEDS)).code).toBe(0);
    const single = await dump();
    for (const g of await client.graphsUnder(BASE)) await client.drop(g);
    expect(await dump()).toEqual([]);

    const caches = [1, 2].map((i) => join(work, `shard-cache-${i}`));
    const annotated: number[] = [];
    for (const [i, cache] of caches.entries()) {
      const run = await newskg(['build', SEEDS, '--shard', `${i + 1}/2`, '--out', join(work, `shard-out-${i + 1}`), '--cache', cache, '--jobs', '1']);
      expect(run.code, run.stderr).toBe(0);
      annotated.push(Number(/newskg: (\d+) articles/.exec(run.stderr)?.[1]));
    }
    // The slices split the seeds between them, none empty.
    expect(annotated.every((n) => n > 0)).toBe(true);
    expect(annotated[0] + annotated[1]).toBe(readdirSync(SEEDS).length);

    const gathered = join(work, 'shard-cache-all');
    for (const cache of caches) cpSync(cache, gathered, { recursive: true });
    const run = await newskg(['push', SEEDS, '--cache', gathered, '--store', virtuoso.storeUrl, '--sparql', virtuoso.sparqlUrl]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`(${readdirSync(SEEDS).length} articles, ${readdirSync(SEEDS).length} from the cache)`);
    expect(await dump()).toEqual(single);
  });

  it('refuses --shard on a push, saying how shards reach a store', async () => {
    const run = await newskg(['push', SEEDS, '--shard', '1/2', '--store', virtuoso.storeUrl, '--sparql', virtuoso.sparqlUrl]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--shard annotates one slice .* push once from it/);
    expect((await newskg(['build', SEEDS, '--out', join(work, 'bad'), '--shard', '3/2'])).stderr).toMatch(/--shard must be I\/N with 1 ≤ I ≤ N/);
  });

  it('refuses a store URL that is not http(s), naming the flag', async () => {
    const run = await newskg(['push', SEEDS, '--store', 'ftp://x', '--sparql', virtuoso.sparqlUrl]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--store\) must be an http\(s\) URL/);
  });
});

describe('the server on Virtuoso', { timeout: 180_000 }, () => {
  it('answers /sparql from the store, and POSTed and deleted articles reach it', async () => {
    const token = 'external-token';
    const srv = await startServer(resolveSettings({
      inputs: [SEEDS], dataDir: join(work, 'data'), port: 0, writeToken: token, sparqlUrl: virtuoso.sparqlUrl, storeUrl: virtuoso.storeUrl, layoutIterations: 20,
    }), { log: () => {} });
    try {
      const res = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`, { headers: { accept: JSON_RESULTS } });
      expect(res.status).toBe(200);
      const got = rows(await res.text(), CONTRACT_VARS);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(rows(await client.query(SPOKESPERSON_QUERY, JSON_RESULTS), CONTRACT_VARS));
      expect((await fetch(`${srv.url}/sparql?query=${encodeURIComponent('SELECT ?x WHERE { ?x ?y }')}`)).status).toBe(400);

      const text = 'Canberra, May 3 -- Australia accused Ruritania of hacking the Bureau of Meteorology. Ruritanian Foreign Ministry spokesman Boris Vandermeer said the accusation was "groundless" and urged Australia to stop smearing Ruritania.';
      const post = await fetch(`${srv.url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ruritania.txt', text }) });
      expect(post.status).toBe(201);
      const { iri } = await post.json() as { iri: string };
      expect(await client.graphsUnder(`${BASE}id/article/`)).toContain(iri);
      // (Virtuoso 7.2 answers ASK in JSON as a one-row SELECT, so count instead.)
      const count = async () => Number(rows(await client.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${iri}> { ?s ?p ?o } }`, JSON_RESULTS), ['n'])[0]);
      expect(await count()).toBeGreaterThan(5);
      const del = await fetch(`${srv.url}/api/articles/ruritania.txt`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      expect(del.status).toBe(200);
      expect(await count()).toBe(0);
    } finally {
      await srv.close();
    }
  });
});
