/**
 * `npm run bench:server`: serve a graph built from ≥1,000 articles and load it with
 * autocannon: the spokesperson question on /sparql (answered from the result cache, and
 * uncached), and /api/graph. Prints requests/s, p50/p99 latency and the server's memory.
 *
 *   npm run bench:server -- [--articles 1000] [--connections 10] [--duration 10] [--keep DIR]
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
import { createRequire } from 'node:module';
import { SPOKESPERSON_QUERY } from '../../src/ontology/queries.js';

/** The part of autocannon's API used here (it ships no types). */
interface CannonRequest { method: string; path?: string; headers?: Record<string, string>; setupRequest?: (req: CannonRequest) => CannonRequest }
interface CannonOptions { url: string; connections: number; duration: number; headers?: Record<string, string>; requests?: CannonRequest[] }
interface CannonResult { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => Promise<CannonResult>;

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
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'server/main.ts'), '--input', inputs, '--data', data, '--port', '0'], {
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

interface Row { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function load(name: string, opts: CannonOptions): Promise<Row> {
  const r = await autocannon(opts);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
      keep: { type: 'string' },
    },
  });
  const n = Number(values.articles);
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const work = values.keep ?? (await mkdtemp(join(tmpdir(), 'newskg-bench-')));
  const inputs = join(work, 'articles');
  if (!existsSync(inputs) || (await readdir(inputs)).length !== n) {
    await rm(inputs, { recursive: true, force: true });
    console.log(`generating ${n} articles in ${inputs}`);
    await generateCorpus(inputs, n);
  }
  const t0 = performance.now();
  const { child, url } = await startChild(inputs, join(work, 'data'));
  console.log(`server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const stats = await (await fetch(`${url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')}`)).json() as { results: { bindings: { n: { value: string } }[] } };
    const graph = await (await fetch(`${url}/api/graph`)).json() as { nodes: unknown[]; edges: unknown[] };
    const answer = await (await fetch(`${url}/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`)).json() as { results: { bindings: unknown[] } };
    console.log(`graph: ${stats.results.bindings[0]!.n.value} triples, ${graph.nodes.length} nodes, ${graph.edges.length} edges; the spokesperson question has ${answer.results.bindings.length} rows`);
    const rssBefore = rssOf(child.pid!);
    const sparqlPath = `/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`;
    const accept = { accept: 'application/sparql-results+json' };
    let i = 0;
    const rows: Row[] = [];
    rows.push(await load('/sparql spokesperson question (cached)', { url: url + sparqlPath, connections, duration, headers: accept }));
    rows.push(await load('/sparql spokesperson question (uncached)', {
      url,
      connections,
      duration,
      requests: [{ method: 'GET', headers: accept, setupRequest: (req: CannonRequest) => ({ ...req, path: `/sparql?query=${encodeURIComponent(`${SPOKESPERSON_QUERY}\n# ${i++}`)}` }) }],
    }));
    rows.push(await load('/api/graph', { url: `${url}/api/graph`, connections, duration }));
    rows.push(await load('/api/graph (gzip)', { url: `${url}/api/graph`, connections, duration, headers: { 'accept-encoding': 'gzip' } }));
    const rssAfter = rssOf(child.pid!);
    console.log(`\n${n} articles, ${connections} connections, ${duration} s each`);
    console.log('endpoint'.padEnd(44) + 'req/s'.padStart(9) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + '  errors/non-2xx');
    for (const r of rows) console.log(r.name.padEnd(44) + r.rps.toFixed(0).padStart(9) + String(r.p50).padStart(9) + String(r.p99).padStart(9) + `  ${r.errors}/${r.non2xx}`);
    console.log(`server memory (RSS, with the store worker): ${(rssBefore / 2 ** 20).toFixed(0)} MB before, ${(rssAfter / 2 ** 20).toFixed(0)} MB after`);
    const p99 = rows[1]!.p99;
    console.log(`aim: p99 < 50 ms for the spokesperson question at 10 connections: cached ${rows[0]!.p99} ms, uncached ${p99} ms`);
  } finally {
    child.kill('SIGTERM');
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
