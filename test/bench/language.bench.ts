/**
 * `npm run bench:language`: the candidate language detectors side by side on the page
 * benchmark's gold bodies (whole, and cut to 200 and 60 characters) and on the pages'
 * innerText (menus included), with their speed. The chosen one is src/language/detect.ts.
 * Needs ../shared/bench/pages (skipped with a note when absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { franc } from 'franc';
import { detect as tinyld } from 'tinyld';
import { eld } from 'eld/small';
import { detectLanguage } from '../../src/language/detect.js';

const PAGES = fileURLToPath(new URL('../../../shared/bench/pages/', import.meta.url));
// Hand-read languages of the pages that are not in English (id prefix → ISO 639-1); all others are English.
const OTHER: Record<string, string> = {
  '0ec95c7261d1': 'ko', '11ea381ad92b': 'pt', '20b2b64916b0': 'it', '21486419bb10': 'id', '23aaecd14171': 'pt',
  '3252222e61fe': 'pt', '3c6d3381ef52': 'ru', '57b4dafd18cf': 'de', '7837c9d66c81': 'id', '85439e26c41c': 'ja',
  '9da36ae4714b': 'ko',
};
const ISO3: Record<string, string> = { eng: 'en', kor: 'ko', por: 'pt', ita: 'it', ind: 'id', zlm: 'id', rus: 'ru', deu: 'de', jpn: 'ja', und: '' };

const detectors: Record<string, (t: string) => string> = {
  'newskg (detect.ts)': (t) => detectLanguage(t) ?? '',
  franc: (t) => ISO3[franc(t)] ?? franc(t),
  tinyld: (t) => tinyld(t),
  'eld/small': (t) => eld.detect(t).language,
};

function main(): void {
  if (!existsSync(PAGES)) { console.log(`no page benchmark at ${PAGES}; nothing to measure`); return; }
  const gold = JSON.parse(readFileSync(`${PAGES}gold.json`, 'utf8')) as Record<string, { articleBody: string }>;
  const ids = Object.keys(gold).sort();
  const truth = (id: string) => OTHER[id.slice(0, 12)] ?? 'en';
  const sets: Record<string, string[]> = {
    'gold body': ids.map((id) => gold[id].articleBody),
    'first 200 chars': ids.map((id) => gold[id].articleBody.slice(0, 200)),
    'first 60 chars': ids.map((id) => gold[id].articleBody.slice(0, 60)),
    innerText: ids.map((id) => readFileSync(`${PAGES}text/${id}.txt`, 'utf8')),
  };
  console.log(`${ids.length} pages, ${ids.filter((i) => truth(i) !== 'en').length} not in English\n`);
  console.log(['detector', ...Object.keys(sets).map((s) => `${s} (all / other)`), 'ms per page (gold body)'].join(' | '));
  for (const [name, fn] of Object.entries(detectors)) {
    const cells: string[] = [];
    for (const texts of Object.values(sets)) {
      let ok = 0; let okOther = 0;
      texts.forEach((t, i) => {
        const hit = fn(t) === truth(ids[i]);
        ok += +hit;
        if (truth(ids[i]) !== 'en') okOther += +hit;
      });
      cells.push(`${ok}/${ids.length} / ${okOther}/${Object.keys(OTHER).length}`);
    }
    const t0 = performance.now();
    for (const t of sets['gold body']) fn(t);
    cells.push(((performance.now() - t0) / ids.length).toFixed(2));
    console.log([name, ...cells].join(' | '));
  }
}

main();
