/**
 * `npm run bench:server`: serve a graph built from ≥1,000 articles, load it through
 * test/bench/load.ts (each connection from its own loopback address, as the store's queue
 * is fair per client address), and print each of issue 9's bars beside what was measured:
 * the contract (spokesperson) question on /sparql, cached and uncached, with the pool of SPARQL workers
 * and with one (a second, warm start: the restart time), against oxigraph alone over the server's
 * N-Triples export under the same load (test/bench/oxigraph-alone.ts: as many clients as
 * connections, as many engines as the pool has workers, and one client at a time beside the
 * server at one connection); SPARQL point lookups and /api/entities/:id;
 * /api/search and /api/spokespeople; /api/graph; a POSTed article's time to be visible in
 * SPARQL while /api/config is polled every 10 ms, and its DELETE's time to be gone. Requests/s,
 * p50/p99, CPU s and load.
 *
 *   npm run bench:server -- [--articles 1000] [--connections 10] [--duration 10] [--contract-duration 30]
 *                           [--keep DIR] [--inputs DIR --data DIR]
 *
 * The uncached contract rows run --contract-duration seconds (a query takes about a second at
 * 10,000 articles: ten seconds gave a p50 of a dozen answers), after every worker has
 * answered the question once (a fresh oxigraph store's first large query is several times
 * slower; oxigraph alone is warmed the same way).
 *
 * --inputs/--data serve an existing article folder and data folder (another bench's 10k
 * build, say) instead of generating one; the persisted build is reused when its fingerprint
 * (input paths and bytes, versions under NEWSKG_CACHE_SOURCES=0, the default here) matches.
 * The bench POSTs one article into the data folder and DELETEs it.
 *
 * The articles are the seed articles with their people and organizations renamed from
 * lists, so every variant is a distinct article with distinct entities. The build is
 * persisted in the work folder, so a second run with --keep DIR starts at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SPOKESPERSON_QUERY } from '../../src/ontology/queries.js';
import { chunkLines } from '../../server/sparql-store.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { slug } from '../../src/corpus/corpus.js';

import { runLoad, sendOnce, type LoadRequest } from './load.js';
import { OxigraphAlone, type AloneResult } from './oxigraph-alone.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export { SPOKESPERSON_QUERY };

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Luo', 'Gao'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jun', 'Lei', 'Tao', 'Yong', 'Jie', 'Qiang', 'Ping', 'Hui', 'Bo', 'Yan', 'Xin', 'Peng', 'Ning', 'Kai', 'Rui', 'Hao', 'Lan'];
const FIRMS = ['Mandiant', 'CrowdStrike', 'FireEye', 'Symantec', 'Kaspersky Lab', 'Recorded Future', 'Palo Alto Networks', 'Trend Micro', 'Check Point', 'Secureworks', 'Dragos', 'Proofpoint'];
/** Names in the seeds and how to vary them: [full name, short form]. */
const PEOPLE: [string, string][] = [['Qin Gang', 'Qin'], ['Hong Lei', 'Hong'], ['Hua Chunying', 'Hua'], ['Geng Yansheng', 'Geng'], ['Eric Holder', 'Holder'], ['Douglas Paal', 'Paal'], ['Jin Canrong', 'Jin'], ['Zhu Zhiqun', 'Zhu']];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Write `n` articles, variants of the seeds, into `dir`. */
export async function generateCorpus(dir: string, n: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const seeds = (await readdir(join(REPO, 'seeds'))).sort();
  const texts = await Promise.all(seeds.map((f) => readFile(join(REPO, 'seeds', f), 'utf8')));
  for (let i = 0; i < n; i++) {
    let text = texts[i % texts.length]!;
    const k = Math.floor(i / texts.length);
    PEOPLE.forEach(([full, short], j) => {
      const sur = SURNAMES[(k + j * 7) % SURNAMES.length]!;
      const given = GIVEN[(Math.floor(k / SURNAMES.length) + j * 3 + k) % GIVEN.length]!;
      text = text.replace(new RegExp(`\\b${escapeRe(full)}\\b`, 'g'), `${sur} ${given}`).replace(new RegExp(`\\b${escapeRe(short)}\\b`, 'g'), sur);
    });
    text = text.replace(/\bMandiant\b/g, FIRMS[k % FIRMS.length]!);
    await writeFile(join(dir, `${String(i).padStart(5, '0')}_${seeds[i % seeds.length]!.replace(/^\d+_/, '')}`), text);
  }
}

export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export async function startChild(inputs: string, data: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  // An 8 GB heap: on the default 4.3 GB a 10,000-article server collects garbage for minutes while it loads.
  const child = spawn(process.execPath, ['--max-old-space-size=8192', join(REPO, 'src/run.mjs'), join(REPO, 'server/main.ts'), '--input', inputs, '--data', data, '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, KG_RATE_LIMIT: '100000000', KG_WRITE_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
      const m = /serving on (http:\/\/\S+?)\/? /.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code} before serving`)));
  });
  return { child, url };
}

interface Row { name: string; rps: number; okRps: number; p50: number; p99: number; errors: number; non2xx: number; bar: string }

interface LoadSpec { url: string; connections: number; duration: number; next: (i: number) => LoadRequest }

async function load(name: string, spec: LoadSpec, bar = ''): Promise<Row> {
  const r = await runLoad(spec);
  const row = { name, rps: r.rps, okRps: r.okRps, p50: Math.round(r.p50 * 10) / 10, p99: Math.round(r.p99 * 10) / 10, errors: r.errors, non2xx: r.non2xx, bar };
  // Each row as soon as it is measured: a failure later on does not lose the figures so far.
  console.log(`measured ${name}: ${row.rps.toFixed(1)} req/s (${row.okRps.toFixed(1)} 2xx/s), p50 ${row.p50} ms, p99 ${row.p99} ms, max ${r.max.toFixed(0)} ms, ${row.errors}/${row.non2xx} errors/non-2xx ${JSON.stringify(r.statuses)} (load ${loadavg()})`);
  return row;
}

/** CPU seconds (user + system) of a process so far, from /proc/<pid>/stat. */
export function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
}

const SPARQL_JSON = { accept: 'application/sparql-results+json' };

/** The contract query made distinct per request (a comment), so the result cache never answers it. */
function uncachedRequests(tag = 'bench'): (i: number) => LoadRequest {
  const text = variedContract(tag);
  return (i) => ({ path: `/sparql?query=${encodeURIComponent(text(i))}`, headers: SPARQL_JSON });
}

/** Requests that take turns through `paths`; `vary` appends a counter (a SPARQL comment), so no answer comes from the cache. */
function rotating(paths: string[], headers?: Record<string, string>, vary = false): (i: number) => LoadRequest {
  return (i) => ({ path: paths[i % paths.length]! + (vary ? encodeURIComponent(`\n# ${i}`) : ''), ...(headers ? { headers } : {}) });
}

/** The same request every time. */
function fixed(path: string, headers?: Record<string, string>): (i: number) => LoadRequest {
  return () => ({ path, ...(headers ? { headers } : {}) });
}

/** The IRI the server gives an article of this file name (DEVELOPERS.md, "Data IRIs"), known before it is POSTed. */
export function articleIriOf(name: string): string {
  return `${DEFAULT_SETTINGS.baseIri}article/${slug(name)}`;
}

export interface WhileServing { visibleS: number; answeredS: number; configMaxMs: number; configP99Ms: number; polls: number }

/**
 * Send a change (`act`, a POST or DELETE) and ask SPARQL from that moment until `ask` answers
 * `want`, while /api/config is asked every 10 ms until both the change has answered and SPARQL
 * shows it: seconds to visibility and to the change's answer, each from the request; the slowest
 * /api/config answer meanwhile.
 */
export async function whileServing(url: string, act: () => Promise<unknown>, ask: string, want: boolean): Promise<WhileServing> {
  const lat: number[] = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      const t = performance.now();
      await (await fetch(`${url}/api/config`)).arrayBuffer();
      lat.push(performance.now() - t);
      await new Promise((res) => setTimeout(res, 10));
    }
  })();
  const t0 = performance.now();
  let answeredS = NaN;
  let visibleS = NaN;
  try {
    const acting = act().then(() => { answeredS = (performance.now() - t0) / 1000; });
    let failed: unknown;
    acting.catch((e: unknown) => { failed = e; });
    const query = `/sparql?query=${encodeURIComponent(ask)}`;
    while (failed === undefined && performance.now() - t0 < 600_000) {
      const r = await (await fetch(url + query, { headers: SPARQL_JSON })).json() as { boolean: boolean };
      if (r.boolean === want) { visibleS = (performance.now() - t0) / 1000; break; }
      await new Promise((res) => setTimeout(res, 20));
    }
    await acting;
  } finally {
    done = true;
    await poller;
  }
  lat.sort((x, y) => x - y);
  return { visibleS, answeredS, configMaxMs: lat[lat.length - 1] ?? NaN, configP99Ms: percentile(lat, 99), polls: lat.length };
}

/** POST an article (see whileServing): visible once its graph answers in SPARQL. */
async function ingestWhileServing(url: string, token: string, text: string): Promise<WhileServing & { status: number; name: string }> {
  const name = `bench-posted-${Date.now()}.txt`;
  const iri = articleIriOf(name);
  let status = 0;
  const r = await whileServing(url, async () => {
    const post = await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, text }) });
    status = post.status;
    const body = await post.json() as { iri?: string };
    if (body.iri !== iri) throw new Error(`the POST answered ${post.status} with the IRI ${body.iri}, not ${iri}`);
  }, `ASK { GRAPH <${iri}> { ?s ?p ?o } }`, true);
  return { ...r, status, name };
}

/** DELETE an article (see whileServing): gone once its graph no longer answers in SPARQL. */
async function removeWhileServing(url: string, token: string, name: string): Promise<WhileServing & { status: number }> {
  let status = 0;
  const r = await whileServing(url, async () => {
    const del = await fetch(`${url}/api/articles/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    status = del.status;
    await del.arrayBuffer();
    if (status !== 200) throw new Error(`the DELETE of ${name} answered ${status}`);
  }, `ASK { GRAPH <${articleIriOf(name)}> { ?s ?p ?o } }`, false);
  return { ...r, status };
}

/** The contract query varied by a comment, so no cache answers it. */
const variedContract = (tag: string) => (i: number) => `${SPOKESPERSON_QUERY}\n# ${tag} ${i}`;

/**
 * The contract query in oxigraph alone (oxigraph-alone.ts), over the server's N-Triples
 * export, warmed once per engine: one client at a time, then `clients` over `engines`.
 */
async function oxigraphAlone(nt: string, engines: number, clients: number, seconds: number): Promise<{ loadCpuS: number; serial: AloneResult; loaded: AloneResult }> {
  const alone = await OxigraphAlone.start(engines, chunkLines(nt));
  try {
    await alone.warm(variedContract('warm')(0));
    const serial = await alone.run(1, seconds, variedContract('serial'));
    const loaded = await alone.run(clients, seconds, variedContract('loaded'));
    return { loadCpuS: Math.max(...alone.loadCpuS), serial, loaded };
  } finally {
    await alone.close();
  }
}

/**
 * Wait until the server's SPARQL workers all serve and hold everything (they load after the
 * first; a warm start serves the default graph before its named graphs are in).
 */
async function workersLoaded(url: string, workers: number): Promise<void> {
  for (let t = performance.now(); performance.now() - t < 600_000;) {
    const config = await (await fetch(`${url}/api/config`)).json() as { sparqlWorkers?: { serving: number; loading: number } };
    if (!config.sparqlWorkers || (config.sparqlWorkers.serving >= workers && !config.sparqlWorkers.loading)) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** workersLoaded, then have each answer the contract question once. */
async function warmWorkers(url: string, workers: number): Promise<void> {
  await workersLoaded(url, workers);
  const t0 = performance.now();
  const statuses = await sendOnce(url, workers, (k) => uncachedRequests(`warm-${Date.now()}`)(k));
  console.log(`warmed ${workers} SPARQL worker(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s (${statuses.join(', ')})`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
      'contract-duration': { type: 'string', default: '30' },
      keep: { type: 'string' },
      inputs: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const n = Number(values.articles);
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const contractDuration = Number(values['contract-duration']);
  const workers = 2;
  const work = values.keep ?? (await mkdtemp(join(tmpdir(), 'newskg-bench-')));
  const inputs = values.inputs ?? join(work, 'articles');
  const data = values.data ?? join(work, 'data');
  if (!values.inputs && (!existsSync(inputs) || (await readdir(inputs)).length !== n)) {
    await rm(inputs, { recursive: true, force: true });
    console.log(`generating ${n} articles in ${inputs}`);
    await generateCorpus(inputs, n);
  }
  const articles = (await readdir(inputs)).length;
  const token = 'bench-token';
  const env = { KG_WRITE_TOKEN: token, NEWSKG_CACHE_SOURCES: process.env.NEWSKG_CACHE_SOURCES ?? '0' };
  console.log(`load average before: ${loadavg()}`);
  const hadBuild = existsSync(join(data, 'manifest.json'));
  const t0 = performance.now();
  let { child, url } = await startChild(inputs, data, env);
  const firstStart = { wall: (performance.now() - t0) / 1000, cpu: cpuOf(child.pid!) };
  console.log(`server ready in ${firstStart.wall.toFixed(1)} s (${firstStart.cpu.toFixed(1)} CPU s; ${hadBuild ? 'a persisted build was there' : 'no persisted build: built from the inputs'})`);
  await workersLoaded(url, 1);
  console.log(`first SPARQL worker holds every graph at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const rows: Row[] = [];
  let restart = firstStart;
  let restartAnswered = NaN;
  let restartLoaded = NaN;
  let nt = '';
  let ingest: Awaited<ReturnType<typeof ingestWhileServing>> | undefined;
  let removal: Awaited<ReturnType<typeof removeWhileServing>> | undefined;
  let rssBefore = 0;
  let rssAfter = 0;
  try {
    const stats = await (await fetch(`${url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')}`)).json() as { results: { bindings: { n: { value: string } }[] } };
    const graph = await (await fetch(`${url}/api/graph`)).json() as { nodes: { key: string; attributes: { label: string } }[]; edges: unknown[] };
    const answer = await (await fetch(`${url}/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`)).json() as { results: { bindings: unknown[] } };
    console.log(`graph: ${stats.results.bindings[0]!.n.value} triples, ${graph.nodes.length} nodes, ${graph.edges.length} edges; the spokesperson question has ${answer.results.bindings.length} rows`);
    rssBefore = rssOf(child.pid!);
    const sparqlPath = `/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`;
    // Point lookups: 500 nodes spread over the graph, by IRI in SPARQL and through /api/entities/:id.
    const sample = graph.nodes.filter((_, k) => k % Math.max(1, Math.floor(graph.nodes.length / 500)) === 0).slice(0, 500);
    const pointSparql = sample.map((nd) => `/sparql?query=${encodeURIComponent(`SELECT ?p ?o WHERE { <${nd.key}> ?p ?o }`)}`);
    const pointApi = sample.map((nd) => `/api/entities/${encodeURIComponent(nd.key)}`);
    // Searches: prefixes and misspellings of labels of the same nodes.
    const words = sample.map((nd) => nd.attributes.label.split(/\s+/)[0]!).filter((w) => w.length >= 3);
    const searches = words.flatMap((w, k) => [w.slice(0, 3 + (k % 3)), `${w.slice(0, -1)}${w.at(-1) === 'a' ? 'e' : 'a'}`]).map((q) => `/api/search?q=${encodeURIComponent(q)}`);
    rows.push(await load('/sparql contract query (cached)', { url, connections, duration, next: fixed(sparqlPath, SPARQL_JSON) }));
    await warmWorkers(url, workers);
    rows.push(await load(`/sparql contract query (uncached), ${workers} workers`, { url, connections, duration: contractDuration, next: uncachedRequests('pool') }));
    rows.push(await load(`/sparql contract query (uncached), 1 connection`, { url, connections: 1, duration: contractDuration, next: uncachedRequests('single') }));
    rows.push(await load('/sparql point lookup (uncached)', { url, connections, duration, next: rotating(pointSparql, SPARQL_JSON, true) }, 'p99 < 20'));
    rows.push(await load('/api/entities/:id', { url, connections, duration, next: rotating(pointApi) }, 'p99 < 20'));
    rows.push(await load('/api/search?q=', { url, connections, duration, next: rotating(searches) }, 'p99 < 50'));
    rows.push(await load('/api/spokespeople (first page)', { url, connections, duration, next: fixed('/api/spokespeople') }, 'p99 < 50'));
    rows.push(await load('/api/spokespeople (gzip)', { url, connections, duration, next: fixed('/api/spokespeople', { 'accept-encoding': 'gzip' }) }, 'p99 < 50'));
    // The whole table (every row with its evidence), beside the page the API and the explorer answer by default.
    rows.push(await load('/api/spokespeople?limit=all (gzip)', { url, connections, duration, next: fixed('/api/spokespeople?limit=all', { 'accept-encoding': 'gzip' }) }));
    const seed = (await readdir(join(REPO, 'seeds'))).sort()[0]!;
    try {
      ingest = await ingestWhileServing(url, token, `${await readFile(join(REPO, 'seeds', seed), 'utf8')}\n\nPosted by the server bench at ${new Date().toISOString()}.`);
      console.log(`measured ingest: ${JSON.stringify(ingest)}`);
      // And out again, so the data folder holds the articles it was given.
      removal = await removeWhileServing(url, token, ingest.name);
      console.log(`measured delete: ${JSON.stringify(removal)}`);
    } catch (e) {
      console.log(`the POST or DELETE step failed: ${(e as Error).message} (${String((e as Error).cause ?? '')})`);
    }
    rssAfter = rssOf(child.pid!);
    nt = await (await fetch(`${url}/export/graph.nt`)).text();
    // Last: the whole graph's JSON (no bar of its own) is the heaviest load on the server.
    rows.push(await load('/api/graph', { url, connections, duration, next: fixed('/api/graph') }));
    rows.push(await load('/api/graph (gzip)', { url, connections, duration, next: fixed('/api/graph', { 'accept-encoding': 'gzip' }) }));
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => child.once('exit', res));
  }
  // The warm restart, with one SPARQL worker: the uncached contract query against the pool's.
  const t1 = performance.now();
  // The one-worker baseline measures capacity, not the time limit: with ten clients each query
  // there waits about ten answers (9–10 s at 10,000 articles), at the default limit counted
  // from arrival, so some were shed (503) and the row was not clean. 30 s lets every one run.
  ({ child, url } = await startChild(inputs, data, { ...env, KG_QUERY_WORKERS: '1', KG_QUERY_TIMEOUT_MS: '30000' }));
  restart = { wall: (performance.now() - t1) / 1000, cpu: cpuOf(child.pid!) };
  // The default graph answers from `restart` on; a query naming graphs waits for the rest.
  const defaultAnswer = await (await fetch(`${url}/sparql?query=${encodeURIComponent(variedContract('restart')(0))}`, { headers: SPARQL_JSON })).arrayBuffer();
  restartAnswered = (performance.now() - t1) / 1000;
  await workersLoaded(url, 1);
  restartLoaded = (performance.now() - t1) / 1000;
  console.log(`warm restart: serving at ${restart.wall.toFixed(1)} s, the contract question answered (${defaultAnswer.byteLength} bytes) at ${restartAnswered.toFixed(1)} s, every graph loaded at ${restartLoaded.toFixed(1)} s`);
  try {
    await warmWorkers(url, 1);
    rows.splice(3, 0, await load('/sparql contract query (uncached), 1 worker', { url, connections, duration: contractDuration, next: uncachedRequests('one') }));
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => child.once('exit', res));
    if (!values.keep && !values.data) await rm(work, { recursive: true, force: true });
  }
  const alone = await oxigraphAlone(nt, workers, connections, contractDuration);
  nt = '';

  const pool = rows[1]!;
  const single = rows[2]!;
  const one = rows[3]!;
  const yes = (ok: boolean) => (ok ? 'holds' : 'FAILS');
  const clean = (r: Row) => r.errors === 0 && r.non2xx === 0;
  console.log(`\n${articles} articles, ${connections} connections, ${duration} s each; load average now ${loadavg()}`);
  console.log('endpoint'.padEnd(48) + 'req/s'.padStart(9) + '2xx/s'.padStart(9) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + '  errors/non-2xx  bar');
  for (const r of rows) {
    // Refused requests (503 queue-full: one client may run one query and queue four) answer in a millisecond: no bar holds with them.
    const bar = r.bar ? `${r.bar}: ${yes(r.p99 < Number(/<\s*(\d+)/.exec(r.bar)![1]) && clean(r))}` : '';
    console.log(r.name.padEnd(48) + r.rps.toFixed(1).padStart(9) + r.okRps.toFixed(1).padStart(9) + String(r.p50).padStart(9) + String(r.p99).padStart(9) + `  ${`${r.errors}/${r.non2xx}`.padEnd(15)}  ${bar}`);
  }
  // The server and oxigraph alone under the same load, side by side.
  console.log(`\nuncached contract query (${alone.loaded.rows} rows), server vs oxigraph alone (${workers} engines in worker threads here, loaded in ${alone.loadCpuS.toFixed(1)} CPU s each):`);
  console.log('load'.padEnd(34) + 'server q/s'.padStart(11) + 'alone q/s'.padStart(11) + 'server p50'.padStart(12) + 'alone p50'.padStart(11) + 'server p99'.padStart(12) + 'alone p99'.padStart(11) + '  p50 ratio');
  const side = (what: string, r: Row, a: AloneResult) => console.log(what.padEnd(34) + r.okRps.toFixed(2).padStart(11) + a.qps.toFixed(2).padStart(11) + r.p50.toFixed(0).padStart(12) + a.p50.toFixed(0).padStart(11) + r.p99.toFixed(0).padStart(12) + a.p99.toFixed(0).padStart(11) + `  ${(r.p50 / a.p50).toFixed(2)}×`);
  side(`${connections} connections, ${workers} workers`, pool, alone.loaded);
  side('1 connection', single, alone.serial);
  console.log('\nbar                                              measured                     aim        verdict');
  const line = (what: string, got: string, aim: string, ok: boolean) => console.log(what.padEnd(49) + got.padEnd(29) + aim.padEnd(11) + yes(ok));
  line('first start', `${firstStart.wall.toFixed(1)} s wall, ${firstStart.cpu.toFixed(1)} CPU s`, '', true);
  line('warm restart (1 worker)', `${restart.wall.toFixed(1)} s wall, ${restart.cpu.toFixed(1)} CPU s`, '< 10 s', restart.wall < 10);
  line('  then the contract question answered', `${restartAnswered.toFixed(1)} s`, '', true);
  line('  then every named graph loaded', `${restartLoaded.toFixed(1)} s`, '', true);
  line('uncached contract query: 2 workers / 1 worker', `${(pool.okRps / one.okRps).toFixed(2)}× (${pool.okRps.toFixed(1)} / ${one.okRps.toFixed(1)} 2xx/s)`, '≥ 1.8×', pool.okRps / one.okRps >= 1.8 && clean(pool) && clean(one));
  // Oxigraph alone under the same load: as many clients, as many engines (see oxigraph-alone.ts).
  line(`uncached contract p50, ${connections} conn.: server / alone`, `${(pool.p50 / alone.loaded.p50).toFixed(2)}× (${pool.p50.toFixed(0)} / ${alone.loaded.p50.toFixed(0)} ms)`, '≤ 1.5×', pool.p50 / alone.loaded.p50 <= 1.5 && clean(pool));
  line('uncached contract p50, 1 conn.: server / alone', `${(single.p50 / alone.serial.p50).toFixed(2)}× (${single.p50.toFixed(0)} / ${alone.serial.p50.toFixed(0)} ms)`, '≤ 1.5×', single.p50 / alone.serial.p50 <= 1.5 && clean(single));
  if (ingest) {
    line('POSTed article visible in SPARQL', `${ingest.visibleS.toFixed(2)} s (POST ${ingest.status} in ${ingest.answeredS.toFixed(2)} s)`, '< 2 s', ingest.visibleS < 2);
    line('/api/config meanwhile (max, p99)', `${ingest.configMaxMs.toFixed(0)}, ${ingest.configP99Ms.toFixed(0)} ms of ${ingest.polls}`, '< 100 ms', ingest.configMaxMs < 100);
  }
  if (removal) {
    line('DELETEd article gone from SPARQL', `${removal.visibleS.toFixed(2)} s (DELETE ${removal.status} in ${removal.answeredS.toFixed(2)} s)`, '< 2 s', removal.visibleS < 2);
    line('/api/config meanwhile (max, p99)', `${removal.configMaxMs.toFixed(0)}, ${removal.configP99Ms.toFixed(0)} ms of ${removal.polls}`, '< 100 ms', removal.configMaxMs < 100);
  }
  console.log(`server memory (RSS, with the store workers): ${(rssBefore / 2 ** 20).toFixed(0)} MB before the load, ${(rssAfter / 2 ** 20).toFixed(0)} MB after`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
