/**
 * `npm run bench:faults`: how a server on the seeds answers under hostile load.
 *
 *   - ASK latency behind 6 concurrent cartesian-product queries (another client's);
 *   - ASK latency after 3 cartesian products whose client gave up after 1 s;
 *   - /api/config latency while a 1 MB article is POSTed and annotated, and with no POST
 *     for as long (what the machine's load alone costs).
 *
 *   npm run bench:faults -- [--timeout 3000]   (the server's SPARQL time limit, ms)
 *
 * Prints one line per scenario with the figure and what it is measured against.
 */
import { request } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, readdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChild } from './server.bench.js';
import { schedstat } from '../server/loop-watch.js';

/** User + system CPU seconds of a process, every thread (/proc/<pid>/stat, clock ticks of 10 ms); 0 off Linux. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'bench-token';
const CARTESIAN = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }';
let unique = 0;

/** The attacker and the reader are two clients: two loopback source addresses. */
const ATTACKER = '127.0.0.1';
const READER = '127.0.0.2';

/** GET /sparql?query= from a source address; the status, or 'aborted' when `signal` fired first. */
function sparql(url: string, query: string, from: string, signal?: AbortSignal): Promise<number | 'aborted'> {
  return new Promise((resolve) => {
    const req = request(`${url}/sparql?query=${encodeURIComponent(query)}`, { localAddress: from, signal }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('aborted'));
    req.end();
  });
}

/** Time of an uncached ASK (ms) and its status. */
async function timedAsk(url: string): Promise<{ ms: number; status: number | string }> {
  const t = performance.now();
  const status = await sparql(url, `ASK { ?s ?p ?o FILTER(${unique++} >= 0) }`, READER);
  return { ms: performance.now() - t, status };
}

async function askBehindCartesian(url: string): Promise<string> {
  const slow = Array.from({ length: 6 }, () => sparql(url, `${CARTESIAN} # ${unique++}`, ATTACKER));
  await new Promise((r) => setTimeout(r, 100));
  const ask = await timedAsk(url);
  const statuses = await Promise.all(slow);
  return `${ask.ms.toFixed(0)} ms (status ${ask.status}; cartesian statuses ${statuses.join(',')})`;
}

async function askAfterAbandoned(url: string): Promise<string> {
  const gone = Array.from({ length: 3 }, () => sparql(url, `${CARTESIAN} # ${unique++}`, ATTACKER, AbortSignal.timeout(1000)));
  await Promise.all(gone);
  const ask = await timedAsk(url);
  return `${ask.ms.toFixed(0)} ms (status ${ask.status})`;
}

interface Poll { ms: number[]; worstAt: number; worstWait: number; ownMs: number[] }

/**
 * Latencies of /api/config requests, one every 20 ms, until `until` settles. With the server's
 * pid on Linux, also how long its main thread waited in the run queue during each request
 * (/proc/<pid>/task/<pid>/schedstat): latency minus that wait is the delay the server's own
 * work caused, apart from the machine's load.
 */
async function pollConfig(url: string, until: Promise<unknown>, pid?: number): Promise<Poll> {
  let done = false;
  void until.finally(() => { done = true; });
  const ms: number[] = [];
  const ownMs: number[] = [];
  const t0 = performance.now();
  let worstAt = 0;
  let worstWait = 0;
  const path = pid ? `/proc/${pid}/task/${pid}/schedstat` : undefined;
  while (!done) {
    const before = path ? schedstat(path) : undefined;
    const t = performance.now();
    await (await fetch(`${url}/api/config`)).arrayBuffer();
    const took = performance.now() - t;
    const after = path ? schedstat(path) : undefined;
    const wait = before && after ? after[1] - before[1] : 0;
    if (took > Math.max(0, ...ms)) { worstAt = (t - t0) / 1000; worstWait = wait; }
    ms.push(took);
    ownMs.push(Math.max(0, took - wait));
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ms, worstAt, worstWait, ownMs };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;
const summary = ({ ms: xs, worstAt, worstWait, ownMs }: Poll) => `worst ${Math.max(...xs).toFixed(0)} ms (at ${worstAt.toFixed(1)} s, ${worstWait.toFixed(0)} ms of it in the run queue), p99 ${pct(xs, 99).toFixed(0)} ms, p50 ${pct(xs, 50).toFixed(0)} ms; minus run-queue waits: worst ${Math.max(...ownMs).toFixed(0)} ms, p99 ${pct(ownMs, 99).toFixed(0)} ms (${xs.length} requests)`;

/**
 * /api/config while a 1 MB article is POSTed, annotated and added, beside the same polling
 * for as long with no POST: on a shared machine the second is what the scheduler alone costs,
 * so the difference is what the POST costs the event loop.
 */
async function configDuringPost(url: string, work: string, pid: number): Promise<string[]> {
  const seeds = await Promise.all((await readdir(join(REPO, 'seeds'))).sort().map((f) => readFile(join(REPO, 'seeds', f), 'utf8')));
  let text = '';
  for (let i = 0; text.length < 1_000_000; i++) text += seeds[i % seeds.length] + '\n\n';
  // The POST is sent by curl, so that sending 1 MB does not delay this process's own requests.
  const body = join(work, 'big.json');
  await writeFile(body, JSON.stringify({ name: 'big.txt', text }));
  // Warm: the first requests of a route pay for compiling its code, not for the POST.
  for (let i = 0; i < 20; i++) await (await fetch(`${url}/api/config`)).arrayBuffer();
  const cpu0 = processCpuSeconds(pid);
  const t0 = performance.now();
  const post = new Promise<string>((resolve) => {
    execFile('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', 'content-type: application/json', '-H', `authorization: Bearer ${TOKEN}`, '--data-binary', `@${body}`, `${url}/api/articles`],
      (err, out) => resolve(err ? `curl failed: ${err.message}` : out));
  });
  const during = await pollConfig(url, post, pid);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = processCpuSeconds(pid) - cpu0;
  const idle = await pollConfig(url, new Promise((r) => setTimeout(r, seconds * 1000)), pid);
  return [
    `/api/config during a 1 MB POST:         ${summary(during)} (POST ${(text.length / 1e6).toFixed(2)} MB: status ${await post} in ${seconds.toFixed(1)} s)`,
    `/api/config, no POST, as long:          ${summary(idle)}`,
    `  worst with the POST − worst without:  ${(Math.max(...during.ms) - Math.max(...idle.ms)).toFixed(0)} ms (bar: 100 ms)`,
    `  worst minus run-queue wait, with the POST: ${Math.max(...during.ownMs).toFixed(0)} ms (bar: 100 ms; the server's own delay)`,
    `  server CPU during the POST: ${cpu.toFixed(1)} s (every thread), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { timeout: { type: 'string', default: '3000' } } });
  const work = await mkdtemp(join(tmpdir(), 'newskg-faults-'));
  const { child, url } = await startChild(join(REPO, 'seeds'), join(work, 'data'), {
    KG_QUERY_TIMEOUT_MS: values.timeout!, KG_WRITE_TOKEN: TOKEN, KG_MAX_BODY_BYTES: String(4 * 1024 * 1024),
    // The 1 MB article is over the default text limit; raised so that it is annotated and added.
    KG_MAX_ARTICLE_CHARS: String(2_000_000),
  });
  try {
    console.log(`\nSPARQL time limit ${values.timeout} ms, ${process.env.KG_QUERY_WORKERS ?? 'default'} query workers`);
    console.log(`ASK behind 6 cartesian products:        ${await askBehindCartesian(url)}`);
    console.log(`ASK after 3 clients gave up after 1 s:  ${await askAfterAbandoned(url)}`);
    for (const line of await configDuringPost(url, work, child.pid!)) console.log(line);
  } finally {
    child.kill('SIGTERM');
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
