/**
 * `npm run bench:annotate`: annotation throughput of the pipeline, side by side with
 * wink-nlp's bare tagging of the same text, and with the pipeline of an earlier commit
 * (before the clause-layer redesign by default), in one run. Each measurement is a fresh
 * process that annotates the articles twice: the first pass is what a new annotation worker
 * costs (it includes V8 compiling the pipeline, on background threads too); the second is
 * the steady throughput of a worker that has annotated them once. CPU seconds are
 * user+system of the process over the pass, so a loaded machine shows in wall time more
 * than in the ratios.
 *
 *   npm run bench:annotate                            300 articles, baseline 2dfc9ea
 *   BENCH_ARTICLES=1000 BENCH_BASELINE=<commit> npm run bench:annotate
 *   BENCH_BASELINE= npm run bench:annotate             no baseline
 *   BENCH_REPEATS=5 npm run bench:annotate             runs per row (the fastest counts; default 3; rows take turns)
 *
 * The articles are the seeds, the project's own fixtures and ../shared/dev/articles
 * when present, repeated to the size asked for.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Result { docs: number; bytes: number; cpu: number; wall: number; sentences: number; accusations: number; responses: number }
interface Passes { first: Result; steady: Result }

/** The texts to annotate: every .txt of the seeds, our fixtures and the dev set. */
function texts(n: number): { name: string; data: string }[] {
  const dirs = [join(ROOT, 'seeds'), join(ROOT, 'test/fixtures/articles'), join(ROOT, '../shared/dev/articles')].filter(existsSync);
  const base = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f, data: readFileSync(join(d, f), 'utf8') })));
  return Array.from({ length: n }, (_, i) => ({ name: `${i}-${base[i % base.length].name}`, data: base[i % base.length].data }));
}

/** Child mode: annotate (or only tag) n articles with the code under `root`; print one JSON line. */
async function child(mode: 'pipeline' | 'wink', root: string, n: number): Promise<void> {
  const docs = texts(n);
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.data), 0);
  let sentences = 0, accusations = 0, responses = 0;
  let pass: () => void;
  if (mode === 'wink') {
    const { nlp } = await import(join(root, 'src/language/wink.ts'));
    const w = nlp();
    pass = () => { for (const d of docs) sentences += w.readDoc(d.data).sentences().length(); };
  } else {
    const core = await import(join(root, 'src/index.ts'));
    const settings = core.resolveSettings();
    const kb = core.KnowledgeBase.load(settings);
    core.annotateDoc(core.readDoc(docs[0], settings), kb); // load what the pipeline loads on first use
    pass = () => {
      for (const d of docs) {
        const doc = core.annotateDoc(core.readDoc(d, settings), kb);
        sentences += doc.sentences.length; accusations += doc.accusations.length; responses += doc.responses.length;
      }
    };
  }
  const timed = (): Result => {
    sentences = accusations = responses = 0;
    const t0 = process.cpuUsage();
    const start = performance.now();
    pass();
    const u = process.cpuUsage(t0);
    return { docs: n, bytes, cpu: (u.user + u.system) / 1e6, wall: (performance.now() - start) / 1000, sentences, accusations, responses };
  };
  const first = timed();
  const steady = timed();
  console.log(JSON.stringify({ first, steady } satisfies Passes));
}

function run(mode: 'pipeline' | 'wink', root: string, n: number): Passes {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, root, String(n)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench:annotate ${mode} in ${root} failed (${r.status}): ${r.stderr.slice(-1500)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Passes;
}

/** A checkout of an earlier commit next to this one, sharing its node_modules. */
function checkout(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'newskg-baseline-'));
  execFileSync('git', ['worktree', 'add', '--detach', '-f', dir, commit], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function row(label: string, r: Result, wink: Result): string {
  const kbps = r.bytes / 1024 / r.cpu;
  return `${label.padEnd(34)} ${r.cpu.toFixed(2).padStart(7)} s ${r.wall.toFixed(2).padStart(7)} s ${kbps.toFixed(0).padStart(7)} KB/s ${(r.docs / r.cpu).toFixed(1).padStart(7)} docs/s ${(r.cpu / wink.cpu).toFixed(1).padStart(6)}×`
    + (r.accusations || r.responses ? `   ${r.accusations} accusations, ${r.responses} responses` : '');
}

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_ARTICLES ?? 300);
  const baseline = process.env.BENCH_BASELINE ?? '2dfc9ea';
  const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
  const dir = baseline ? checkout(baseline) : undefined;
  // The rows' runs take turns (wink, now, before, wink, now, before…), so a change in the
  // machine's load during the bench falls on every row alike; the fastest run of each counts.
  let wink: Passes | undefined, now: Passes | undefined, before: Passes | undefined;
  // Each pass's fastest run counts, apart: the fastest first pass and the fastest steady one may come from different runs.
  const fastest = (a: Result | undefined, b: Result) => (!a || b.cpu < a.cpu ? b : a);
  const faster = (a: Passes | undefined, b: Passes): Passes => ({ first: fastest(a?.first, b.first), steady: fastest(a?.steady, b.steady) });
  try {
    for (let i = 0; i < repeats; i++) {
      wink = faster(wink, run('wink', ROOT, n));
      now = faster(now, run('pipeline', ROOT, n));
      if (dir) before = faster(before, run('pipeline', dir, n));
    }
  } finally {
    if (dir) {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`${n} articles, ${(wink!.first.bytes / 1024).toFixed(0)} KB of text; the fastest of ${repeats} runs per row, the rows' runs taking turns`);
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores: above 2 the figures are inflated; compare the ratios)`);
  for (const pass of ['first', 'steady'] as const) {
    console.log(`\n${pass === 'first' ? 'first pass of a new process (includes compiling the code)' : 'second pass (steady throughput)'}`);
    console.log(`${'what'.padEnd(34)} ${'CPU'.padStart(9)} ${'wall'.padStart(9)} ${'throughput'.padStart(12)} ${''.padStart(11)} ${'÷ wink'.padStart(7)}`);
    console.log(row('wink-nlp tagging alone', wink![pass], wink![pass]));
    if (before) console.log(row(`pipeline at ${baseline} (before)`, before[pass], wink![pass]));
    console.log(row('pipeline now', now![pass], wink![pass]));
    if (before) console.log(`now ÷ before: ${(now![pass].cpu / before[pass].cpu).toFixed(2)}× the CPU time per article`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as 'pipeline' | 'wink', process.argv[4], Number(process.argv[5]));
else await main();
