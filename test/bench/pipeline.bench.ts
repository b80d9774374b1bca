/**
 * `npm run bench`: the pipeline's throughput beside wink-nlp's bare tagging speed
 * over the same text (the ratio is the figure to watch), and peak memory per article
 * at two corpus sizes. Each measurement runs in a fresh child process so that peak
 * RSS belongs to that run alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, corpusTextBytes } from './corpus.js';

const SELF = fileURLToPath(import.meta.url);

interface Figures { mode: string; articles: number; bytes: number; seconds: number; maxRssMb: number; quads?: number }

async function child(mode: string, dir: string, n: number): Promise<void> {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(dir).sort().slice(0, n).map((f) => join(dir, f));
  const texts = files.map((f) => readFileSync(f));
  const bytes = texts.reduce((s, b) => s + b.length, 0);
  let quads: number | undefined;
  let seconds: number;
  if (mode === 'wink') {
    const { nlp } = await import('../../src/language/wink.js');
    const n0 = nlp();
    const t0 = performance.now();
    for (const t of texts) n0.readDoc(t.toString('utf8')).tokens().out(n0.its.pos);
    seconds = (performance.now() - t0) / 1000;
  } else {
    const { resolveSettings } = await import('../../src/settings.js');
    const { KnowledgeBase } = await import('../../src/kb/knowledge-base.js');
    const { annotateArticle } = await import('../../src/pipeline/annotate.js');
    const { Corpus } = await import('../../src/corpus/corpus.js');
    const settings = resolveSettings();
    const kb = KnowledgeBase.load(settings);
    annotateArticle({ name: 'warm.txt', data: texts[0] }, kb, settings); // model and KB load outside the timing
    const corpus = new Corpus(settings, kb);
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) corpus.add(annotateArticle({ name: files[i], data: texts[i] }, kb, settings));
    quads = corpus.quads().length;
    seconds = (performance.now() - t0) / 1000;
  }
  const out: Figures = { mode, articles: files.length, bytes, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, quads };
  process.stdout.write(JSON.stringify(out));
}

function run(mode: string, dir: string, n: number): Figures {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, dir, String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench child ${mode} ${n} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

async function main(): Promise<void> {
  const big = Number(process.env.BENCH_ARTICLES ?? 2000);
  const small = Math.max(100, Math.round(big / 4));
  const dir = mkdtempSync(join(tmpdir(), 'newskg-bench-'));
  try {
    const files = await generateCorpus(big, dir);
    const mb = (await corpusTextBytes(files)) / 1e6;
    console.log(`corpus: ${files.length} generated articles, ${mb.toFixed(1)} MB of text\n`);
    const wink = run('wink', dir, big);
    const pipeBig = run('pipeline', dir, big);
    const pipeSmall = run('pipeline', dir, small);
    const rate = (f: Figures) => f.bytes / 1e6 / f.seconds;
    const row = (label: string, f: Figures) => console.log(`${label.padEnd(34)} ${String(f.articles).padStart(6)} ${(f.articles / f.seconds).toFixed(0).padStart(9)} ${rate(f).toFixed(2).padStart(8)} ${f.maxRssMb.toFixed(0).padStart(9)} ${(f.maxRssMb / f.articles * 1024).toFixed(0).padStart(11)}`);
    console.log(`${'run'.padEnd(34)} ${'docs'.padStart(6)} ${'docs/s'.padStart(9)} ${'MB/s'.padStart(8)} ${'peak MB'.padStart(9)} ${'KB/article'.padStart(11)}`);
    row('wink-nlp bare tagging', wink);
    row('newskg pipeline (annotate + quads)', pipeBig);
    row('newskg pipeline, smaller corpus', pipeSmall);
    console.log(`\npipeline / bare tagging speed: ${(rate(pipeBig) / rate(wink)).toFixed(2)} (aim ≥ 0.5)`);
    const growth = (pipeBig.maxRssMb - pipeSmall.maxRssMb) / (pipeBig.articles - pipeSmall.articles) * 1024;
    console.log(`peak memory: ${pipeSmall.maxRssMb.toFixed(0)} MB at ${pipeSmall.articles} articles, ${pipeBig.maxRssMb.toFixed(0)} MB at ${pipeBig.articles}; marginal ${growth.toFixed(0)} KB per added article (${pipeBig.quads} quads)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], Number(process.argv[5]));
else await main();
