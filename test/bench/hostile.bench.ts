/**
 * `npm run bench:hostile`: input size against annotation time for the inputs that used to
 * cost more than their size: long runs without spaces (wink's tokenizer), deeply nested
 * HTML (linkedom/readability). Prints size, seconds and the outcome side by side.
 *
 *   npm run bench:hostile -- [--max 200000]
 */
import { parseArgs } from 'node:util';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { annotateArticle } from '../../src/pipeline/annotate.js';
import { resolveSettings } from '../../src/settings.js';

const settings = resolveSettings({ maxFileBytes: 50 * 1024 * 1024 });
const kb = KnowledgeBase.load(settings);

function time(name: string, data: string): string {
  const t = performance.now();
  let outcome = 'annotated';
  try {
    annotateArticle({ name, data: Buffer.from(data) }, kb, settings);
  } catch (e) {
    outcome = `skipped: ${(e as Error).message.slice(0, 70)}`;
  }
  return `${((performance.now() - t) / 1000).toFixed(2).padStart(8)} s  ${outcome}`;
}

const { values } = parseArgs({ options: { max: { type: 'string', default: '200000' } } });
const max = Number(values.max);
const lead = 'Beijing denied the accusation on Tuesday. ';
console.log('input'.padEnd(42) + 'bytes'.padStart(10) + '    time     outcome');
for (let n = 25_000; n <= max; n *= 2) {
  const text = lead + 'x'.repeat(n) + '\n\n' + lead;
  console.log(`run without spaces`.padEnd(42) + String(text.length).padStart(10) + time('run.txt', text));
}
for (const depth of [100, 250, 1_000, 5_000, 20_000]) {
  const html = '<!doctype html><html><head><title>Deep</title></head><body>' + '<div>'.repeat(depth) + `<p>${lead.repeat(5)}</p>` + '</div>'.repeat(depth) + '</body></html>';
  console.log(`HTML nested ${depth} levels`.padEnd(42) + String(html.length).padStart(10) + time('deep.html', html));
}
