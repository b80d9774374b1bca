/**
 * `npm run bench:pages`: article bodies on the page benchmark (../shared/bench/pages,
 * 111 real news and blog pages with their gold text), scored by
 * ../shared/eval/body_score.py: newskg on the HTML and on the page's innerText as .txt,
 * beside @mozilla/readability alone with its default options. Prints F1 overall, on
 * English pages and on the others, how many pages were skipped, and seconds per page.
 * `--keep DIR` keeps the JSON Lines it scored.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../src/cli/extract.js';
import { resolveSettings } from '../../src/settings.js';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const PAGES = join(SHARED, 'bench/pages');
const SCORER = join(SHARED, 'eval/body_score.py');

interface Row { name: string; lines: string[]; skipped: number; seconds: number }
interface Score { all: { f1: number; precision: number; recall: number }; en: { f1: number }; other: { f1: number }; missing: number }

function readabilityAlone(files: string[]): Row {
  const t0 = performance.now();
  const lines = files.map((f) => {
    const { document } = parseHTML(gunzipSync(readFileSync(f)).toString('utf8'));
    const article = new Readability(document as unknown as Document).parse();
    return JSON.stringify({ file: f, body: article?.textContent ?? '' });
  });
  return { name: '@mozilla/readability alone, default options', lines, skipped: 0, seconds: (performance.now() - t0) / 1000 };
}

function newskg(name: string, files: string[]): Row {
  const settings = resolveSettings();
  const t0 = performance.now();
  const lines: string[] = [];
  let skipped = 0;
  for (const f of files) {
    try {
      lines.push(JSON.stringify(extractArticle({ name: f, data: readFileSync(f) }, settings)));
    } catch (e) {
      skipped++;
      console.error(`skipped ${f}: ${(e as Error).message}`);
    }
  }
  return { name, lines, skipped, seconds: (performance.now() - t0) / 1000 };
}

function score(jsonl: string): Score {
  const r = spawnSync('/usr/bin/python3', [SCORER, '--gold', join(PAGES, 'gold.json'), '--pred', jsonl, '--json'], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`body_score.py failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf('}') + 1)) as Score;
}

function main(): void {
  if (!existsSync(PAGES) || !existsSync(SCORER)) { console.log(`no page benchmark at ${PAGES}; nothing to measure`); return; }
  const keepAt = process.argv.indexOf('--keep');
  const dir = keepAt > 0 ? process.argv[keepAt + 1] : mkdtempSync(join(tmpdir(), 'newskg-pages-'));
  mkdirSync(dir, { recursive: true });
  const html = readdirSync(join(PAGES, 'html')).sort().map((f) => join(PAGES, 'html', f));
  const text = readdirSync(join(PAGES, 'text')).sort().map((f) => join(PAGES, 'text', f));
  const rows = [readabilityAlone(html), newskg('newskg, HTML (html/*.html.gz)', html), newskg('newskg, innerText (text/*.txt)', text)];
  console.log(`${html.length} pages; F1 of 4-word shingles (body_score.py)\n`);
  console.log('| path | F1 | precision | recall | English F1 | other F1 | skipped | ms/page |');
  console.log('|---|---|---|---|---|---|---|---|');
  rows.forEach((row, i) => {
    const file = join(dir, `${['readability', 'html', 'text'][i]}.jsonl`);
    writeFileSync(file, row.lines.join('\n') + '\n');
    const s = score(file);
    console.log(`| ${row.name} | ${s.all.f1.toFixed(3)} | ${s.all.precision.toFixed(3)} | ${s.all.recall.toFixed(3)} | ${s.en.f1.toFixed(3)} | ${s.other.f1.toFixed(3)} | ${row.skipped + s.missing} | ${(1000 * row.seconds / html.length).toFixed(1)} |`);
  });
  if (keepAt > 0) console.log(`\nJSON Lines kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

main();
