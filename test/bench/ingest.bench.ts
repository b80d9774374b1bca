/**
 * `npm run bench:ingest`: a POST of one article to a server holding N articles, while a
 * client asks /api/config back to back: the POST's time and the latency /api/config sees
 * during it (p50, p99, max), next to the same figures while the server does what a POST
 * used to do on its event loop (the whole graph rebuilt with ForceAtlas2, graph.json as
 * one string). The server runs in this process, so its event loop is the client's.
 *
 *   npm run bench:ingest -- [--articles 1000]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSettings } from '../../src/settings.js';
import { buildGraph } from '../../src/graph/build.js';
import { startServer, type Running } from '../../server/server.js';
import { generateCorpus } from './corpus.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' } } });
const n = Number(values.articles);
const TOKEN = 'bench-token';

/** /api/config asked back to back until `during` settles; the latencies (ms) it saw. */
async function probe(srv: Running, during: Promise<unknown>): Promise<{ ms: number[]; wall: number }> {
  const t0 = performance.now();
  let done = false;
  void during.finally(() => { done = true; });
  const ms: number[] = [];
  while (!done) {
    const t = performance.now();
    await (await fetch(`${srv.url}/api/config`)).arrayBuffer();
    ms.push(performance.now() - t);
  }
  await during;
  return { ms, wall: (performance.now() - t0) / 1000 };
}

function stats({ ms, wall }: { ms: number[]; wall: number }): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(0);
  return `${wall.toFixed(2).padStart(8)} ${String(ms.length).padStart(8)} ${q(0.5).padStart(6)} ${q(0.99).padStart(6)} ${s.at(-1)!.toFixed(0).padStart(6)}`;
}

const work = mkdtempSync(join(tmpdir(), 'newskg-ingest-'));
try {
  const files = await generateCorpus(n + 1, join(work, 'all'));
  const inputs = join(work, 'in');
  const { mkdirSync, symlinkSync } = await import('node:fs');
  mkdirSync(inputs);
  for (const f of files.slice(0, n)) symlinkSync(f, join(inputs, f.split('/').pop()!));
  const settings = resolveSettings({ inputs: [inputs], dataDir: join(work, 'data'), port: 0, writeToken: TOKEN, maxBodyBytes: 8 << 20 });
  const t0 = performance.now();
  const srv = await startServer(settings, { log: () => {} });
  console.log(`server: ${srv.kg.corpus.size} articles, ${srv.kg.graph.order} nodes, started in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  try {
    const extra = files[n]!;
    const post = fetch(`${srv.url}/api/articles`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: extra.split('/').pop(), text: readFileSync(extra, 'utf8') }),
    }).then(async (r) => { if (r.status !== 201) throw new Error(`POST answered ${r.status}: ${await r.text()}`); });
    const now = await probe(srv, post);
    // What a POST used to do on the event loop after annotation.
    const old = new Promise<void>((resolve) => setTimeout(() => {
      const g = buildGraph(srv.kg.corpus.quads(), { layoutIterations: settings.layoutIterations });
      JSON.stringify({ revision: 0, graph: g.export() });
      resolve();
    }, 20));
    const before = await probe(srv, old);
    console.log(`${'during'.padEnd(52)} ${'wall s'.padStart(8)} ${'probes'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'max ms'.padStart(6)}`);
    console.log(`${'POST of one article (annotation in a worker)'.padEnd(52)} ${stats(now)}`);
    console.log(`${'the old rebuild on the event loop (FA2, one string)'.padEnd(52)} ${stats(before)}`);
    const worst = (x: { ms: number[] }) => Math.max(...x.ms);
    console.log(`\n/api/config worst latency, old / now: ${(worst(before) / worst(now)).toFixed(1)}× (aim: now under 100 ms)`);
  } finally {
    await srv.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
