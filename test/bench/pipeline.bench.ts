/**
 * `npm run bench:build` (and `npm run bench`, after bench:annotate): the whole build (the real CLI, `newskg build`) at several corpus sizes,
 * next to wink-nlp's bare tagging of the same text: wall and CPU time, CPU% (above 100%
 * means more than one core), peak RSS, with 1 job and with every core, and the rebuild
 * after one file changed into the same --out (records from the cache, inputs known by their
 * stat, Turtle and N-Triples chunks of unchanged articles copied from the previous files; the
 * bar: under 5 s at 10k). Every run is a fresh process measured by
 * /usr/bin/time (CPU of all threads, peak RSS). The outputs of 1 and N jobs are compared
 * byte for byte.
 *
 *   npm run bench:build                 sizes 1000 and 10000
 *   BENCH_SIZES=500,2000 npm run bench:build   other sizes
 *   BENCH_JOBS1=0 npm run bench:build    skip the 1-job builds (the slowest runs)
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, linkSync, rmSync, unlinkSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, corpusTextBytes } from './corpus.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');
/** How `npm run newskg` starts the CLI (src/run.mjs: its transpiled copy, else through tsx). */
const RUN = join(ROOT, 'src/run.mjs');

interface Run { wall: number; cpu: number; rssMb: number; stderr: string }

/** One process under /usr/bin/time: wall, user+system CPU of all its threads, peak RSS. */
function timed(args: string[], node = ['--import', 'tsx']): Run {
  const out = join(tmpdir(), `newskg-bench-time-${process.pid}`);
  // The record cache is keyed on the pipeline's versions, as in an installed build, not on the
  // sources: others editing the checkout between the build and the rebuild would empty it.
  const env = { ...process.env, NEWSKG_CACHE_SOURCES: '0' };
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, process.execPath, ...node, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 2) throw new Error(`bench run ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [wall, user, sys, rss] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  unlinkSync(out);
  return { wall, cpu: user + sys, rssMb: rss / 1024, stderr: r.stderr };
}

/** Child mode: wink-nlp's bare POS tagging of the files in a folder. */
async function winkChild(dir: string): Promise<void> {
  const { readdirSync } = await import('node:fs');
  const { nlp } = await import('../../src/language/wink.js');
  const n0 = nlp();
  for (const f of readdirSync(dir).sort()) n0.readDoc(readFileSync(join(dir, f), 'utf8')).tokens().out(n0.its.pos);
}

function build(dir: string, out: string, extra: string[]): Run {
  return timed([CLI, 'build', dir, '--out', out, '--timings', ...extra], [RUN]);
}

function sameOutputs(a: string, b: string): boolean {
  return ['graph.ttl', 'graph.nt', 'graph.json'].every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
  const withJobs1 = process.env.BENCH_JOBS1 !== '0';
  const cores = availableParallelism();
  const work = mkdtempSync(join(tmpdir(), 'newskg-bench-'));
  try {
    const all = join(work, 'all');
    const files = await generateCorpus(sizes.at(-1)!, all);
    console.log(`corpus: ${files.length} generated articles; ${cores} cores; load average before: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
    const rows: string[][] = [];
    const notes: string[] = [];
    const rebuilds: string[] = [];
    const row = (label: string, n: number, r: Run, wink?: Run) => rows.push([label, String(n), r.wall.toFixed(1), r.cpu.toFixed(1), `${((r.cpu / r.wall) * 100).toFixed(0)}%`, r.rssMb.toFixed(0), wink ? (wink.cpu / r.wall).toFixed(2) : '', wink ? (wink.cpu / r.cpu).toFixed(2) : '']);
    for (const n of sizes) {
      const dir = join(work, `in-${n}`);
      mkdirSync(dir);
      // Hard links: a build refuses symbolic links that leave its input folder.
      for (const f of files.slice(0, n)) linkSync(f, join(dir, basename(f)));
      const mb = (await corpusTextBytes(files.slice(0, n))) / 1e6;
      const wink = timed([SELF, '--wink', dir]);
      row('wink-nlp bare tagging', n, wink);
      const outN = join(work, `out-${n}-jobs${cores}`);
      const full = build(dir, outN, []);
      row(`newskg build, ${cores} jobs`, n, full, wink);
      notes.push(`${n}: ${mb.toFixed(1)} MB of text; ${full.stderr.split('\n').find((l) => l.startsWith('newskg timings')) ?? ''}`);
      if (withJobs1) {
        const out1 = join(work, `out-${n}-jobs1`);
        const one = build(dir, out1, ['--jobs', '1', '--no-cache']);
        row('newskg build, 1 job', n, one, wink);
        notes.push(`${n}: jobs ${cores} / jobs 1 wall ${(one.wall / full.wall).toFixed(2)}×; outputs byte-identical: ${sameOutputs(outN, out1) ? 'yes' : 'NO'}`);
      }
      // One file changed: the rebuild into the same --out takes the others from the cache.
      const changed = join(dir, basename(files[Math.floor(n / 2)]));
      unlinkSync(changed);
      copyFileSync(files[Math.floor(n / 2)], changed);
      appendFileSync(changed, '\n\nBeijing denied the accusation on Tuesday.\n');
      const inc = build(dir, outN, []);
      row('rebuild, 1 file changed', n, inc, wink);
      rebuilds.push(`${n}: 1-file rebuild ${inc.wall.toFixed(1)} s wall, ${inc.cpu.toFixed(1)} CPU s, peak ${inc.rssMb.toFixed(0)} MB; full build ${full.wall.toFixed(1)} s wall, ${full.cpu.toFixed(1)} CPU s: rebuild / full ${(inc.wall / full.wall).toFixed(2)} wall, ${(inc.cpu / full.cpu).toFixed(2)} CPU${n >= 10_000 ? ` (bar: under 5 s at 10k: ${inc.wall < 5 ? 'holds' : 'NOT MET'})` : ''}`);
      notes.push(`${n}: rebuild ${inc.stderr.split('\n').find((l) => l.startsWith('newskg timings')) ?? ''}`);
      notes.push(`${n}: rebuild ${inc.stderr.split('\n').find((l) => l.startsWith('newskg:'))?.replace(/ → .*/, '') ?? ''}`);
    }
    const head = ['run', 'docs', 'wall s', 'CPU s', 'CPU%', 'peak MB', 'wink CPU / wall', 'wink CPU / CPU'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    console.log(`\n'wink CPU / wall' is the speed end to end against bare tagging on one core (aim ≥ 0.5); 'wink CPU / CPU' the work per text.`);
    for (const n of notes) console.log(n);
    console.log('');
    for (const r of rebuilds) console.log(r);
    console.log(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--wink') await winkChild(process.argv[3]);
else await main();
