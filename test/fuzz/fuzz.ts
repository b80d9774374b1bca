/**
 * `npm run fuzz`: builds over 1,000 hostile inputs (test/fuzz/inputs.ts) beside the good
 * articles of test/fixtures/articles with the real CLI, then the good articles alone, and
 * prints inputs, skips by reason, crashes, inputs over their time budget, peak RSS, and
 * whether the good articles' facts are the same in both builds.
 *
 *   npm run fuzz -- [--scale 1] [--jobs 2] [--article-timeout MS (default: the CLI's)] [--keep]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, unlock } from './inputs.js';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface Build { code: number | null; signal: string | null; stderr: string; rssKb: number; seconds: number; killed: boolean }

/** `npm run --silent newskg -- build …` under /usr/bin/time, killed past `deadlineMs`. */
export function build(args: string[], deadlineMs: number, rssFile: string): Promise<Build> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'npm', 'run', '--silent', 'newskg', '--', 'build', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d) => { stderr += d; });
    // A build past its deadline is a hang: end its whole process group.
    const timer = setTimeout(() => { killed = true; process.kill(-child.pid!, 'SIGKILL'); }, deadlineMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let rssKb = 0;
      try { rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) || 0; } catch { /* killed before time wrote it */ }
      resolve({ code, signal, stderr, rssKb, seconds: (performance.now() - t0) / 1000, killed });
    });
  });
}

/** The skip lines of a build: file → reason. */
export function skips(stderr: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stderr.split('\n')) {
    const m = /^skipped (.+?): (.*)$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/** A reason with its figures and file-specific details taken out, to count reasons. */
export const reasonKind = (r: string) => r.replace(/\/[^\s,;]+/g, 'PATH').replace(/\d+/g, 'N').replace(/\([^)]*\)/g, '(…)').slice(0, 90);

/** The triples about the given articles (their article, event and evidence nodes) in graph.nt. */
export function factsOf(ntFile: string, articles: string[]): string[] {
  const slugs = articles.map((a) => a.replace(/\./g, '-'));
  const about = new RegExp(`^<[^>]*/id/(?:article|event|evidence)/(?:${slugs.join('|')})[->]`);
  return readFileSync(ntFile, 'utf8').split('\n').filter((l) => about.test(l)).sort();
}

export interface Report {
  inputs: number;
  byClass: Record<string, number>;
  skipped: number;
  reasons: Map<string, number>;
  crashes: string[];
  overBudget: string[];
  hung: boolean;
  peakRssMb: number;
  goodAloneRssMb: number;
  seconds: number;
  goodFacts: number;
  goodSame: boolean;
  goodSkipped: string[];
}

export async function runFuzz(o: { scale: number; jobs: number; timeoutMs?: number; deadlineMs: number; keep?: boolean }): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'newskg-fuzz-'));
  try {
    const gen = generate(dir, o.scale);
    // The CLI's own time budget per article unless one is given.
    const common = ['--jobs', String(o.jobs), ...(o.timeoutMs ? ['--article-timeout', String(o.timeoutMs)] : []), '--no-cache', '--quiet'];
    const all = await build([dir, '--out', join(dir, 'out-all'), ...common], o.deadlineMs, join(dir, 'rss-all'));
    const alone = await build([join(dir, 'good'), '--out', join(dir, 'out-good'), ...common], o.deadlineMs, join(dir, 'rss-good'));
    const skipped = skips(all.stderr);
    const reasons = new Map<string, number>();
    for (const r of skipped.values()) reasons.set(reasonKind(r), (reasons.get(reasonKind(r)) ?? 0) + 1);
    // A crash: the CLI ending other than 0/2, a stack trace, or a worker lost on an input.
    const crashes: string[] = [];
    if (all.killed) crashes.push(`the build passed its ${o.deadlineMs} ms deadline and was killed`);
    else if (all.code !== 0 && all.code !== 2) crashes.push(`the CLI exited with ${all.code ?? all.signal}: ${all.stderr.split('\n').filter((l) => !l.startsWith('skipped ')).slice(-5).join(' | ')}`);
    if (/^\s+at .+:\d+:\d+\)?$/m.test(all.stderr)) crashes.push('a stack trace on stderr');
    for (const [f, r] of skipped) if (/worker stopped|could not be annotated/.test(r)) crashes.push(`${relative(dir, f)}: ${r}`);
    const overBudget = [...skipped].filter(([, r]) => /time budget/.test(r)).map(([f]) => relative(dir, f));
    const goodSkipped = [...skipped.keys()].filter((f) => f.startsWith(join(dir, 'good'))).map((f) => relative(dir, f));
    let goodFacts = 0;
    let goodSame = false;
    if (!all.killed && !alone.killed) {
      const a = factsOf(join(dir, 'out-all', 'graph.nt'), gen.good);
      const b = factsOf(join(dir, 'out-good', 'graph.nt'), gen.good);
      goodFacts = b.length;
      goodSame = b.length > 0 && a.length === b.length && a.every((l, i) => l === b[i]);
    }
    return {
      inputs: gen.inputs, byClass: gen.byClass, skipped: skipped.size, reasons, crashes, overBudget, hung: all.killed,
      peakRssMb: all.rssKb / 1024, goodAloneRssMb: alone.rssKb / 1024, seconds: all.seconds, goodFacts, goodSame, goodSkipped,
    };
  } finally {
    unlock(dir);
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`inputs kept in ${dir}`);
  }
}

export function print(r: Report): void {
  const row = (k: string, v: string | number) => console.log(`${k.padEnd(64)} ${v}`);
  row('inputs', r.inputs);
  for (const [k, v] of Object.entries(r.byClass)) row(`  ${k}`, v);
  row('skipped', r.skipped);
  for (const [k, v] of [...r.reasons].sort((a, b) => b[1] - a[1])) row(`  ${k}`, v);
  row('crashes', r.crashes.length);
  for (const c of r.crashes.slice(0, 10)) console.log(`  ${c}`);
  row('hangs (inputs over their time budget, or the build past its deadline)', r.overBudget.length + (r.hung ? 1 : 0));
  for (const f of r.overBudget.slice(0, 10)) console.log(`  ${f}`);
  row('peak RSS (MB), all inputs | the good articles alone', `${r.peakRssMb.toFixed(0)} | ${r.goodAloneRssMb.toFixed(0)}`);
  row('build time, all inputs (s)', r.seconds.toFixed(1));
  row(`good articles' facts identical to a build of them alone (${r.goodFacts} triples)`, r.goodSame ? 'yes' : 'NO');
  if (r.goodSkipped.length) row('good articles skipped', r.goodSkipped.join(', '));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, jobs: { type: 'string', default: '2' }, 'article-timeout': { type: 'string' }, keep: { type: 'boolean' } },
  });
  const r = await runFuzz({ scale: Number(values.scale), jobs: Number(values.jobs), timeoutMs: values['article-timeout'] ? Number(values['article-timeout']) : undefined, deadlineMs: 600_000, keep: values.keep });
  print(r);
  const ok = !r.crashes.length && !r.overBudget.length && !r.hung && r.peakRssMb < 1024 && r.goodSame && !r.goodSkipped.length;
  process.exitCode = ok ? 0 : 1;
}
