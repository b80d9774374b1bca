/**
 * `npm run bench:faults`: how a server on the seeds answers under hostile load.
 *
 *   - ASK latency behind 6 concurrent cartesian-product queries (another client's);
 *   - ASK latency after 3 cartesian products whose client gave up after 1 s;
 *   - the worst /api/config latency while a 1 MB article is POSTed and annotated.
 *
 *   npm run bench:faults -- [--timeout 3000]   (the server's SPARQL time limit, ms)
 *
 * Prints one line per scenario with the figure and what it is measured against.
 */
import { request } from 'node:http';
import { mkdtemp, rm, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChild } from './server.bench.js';

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

async function configDuringPost(url: string): Promise<string> {
  const seeds = await Promise.all((await readdir(join(REPO, 'seeds'))).sort().map((f) => readFile(join(REPO, 'seeds', f), 'utf8')));
  let text = '';
  for (let i = 0; text.length < 1_000_000; i++) text += seeds[i % seeds.length] + '\n\n';
  let worst = 0;
  let done = false;
  const t0 = performance.now();
  const post = fetch(`${url}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ name: 'big.txt', text }),
  }).then(async (r) => { await r.arrayBuffer(); done = true; return r.status; });
  while (!done) {
    const t = performance.now();
    await (await fetch(`${url}/api/config`)).arrayBuffer();
    worst = Math.max(worst, performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  const status = await post;
  return `${worst.toFixed(0)} ms worst /api/config (POST ${(text.length / 1e6).toFixed(2)} MB: status ${status} in ${((performance.now() - t0) / 1000).toFixed(1)} s)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { timeout: { type: 'string', default: '3000' } } });
  const work = await mkdtemp(join(tmpdir(), 'newskg-faults-'));
  const { child, url } = await startChild(join(REPO, 'seeds'), join(work, 'data'), {
    KG_QUERY_TIMEOUT_MS: values.timeout!, KG_WRITE_TOKEN: TOKEN, KG_MAX_BODY_BYTES: String(4 * 1024 * 1024),
  });
  try {
    console.log(`\nSPARQL time limit ${values.timeout} ms, ${process.env.KG_QUERY_WORKERS ?? 'default'} query workers`);
    console.log(`ASK behind 6 cartesian products:        ${await askBehindCartesian(url)}`);
    console.log(`ASK after 3 clients gave up after 1 s:  ${await askAfterAbandoned(url)}`);
    console.log(`/api/config during a 1 MB POST:         ${await configDuringPost(url)}`);
  } finally {
    child.kill('SIGTERM');
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
