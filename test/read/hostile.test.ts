/**
 * Inputs whose cost used to grow faster than their size: long runs without spaces
 * (wink's tokenizer) and deeply nested HTML (linkedom, Readability).
 */
import { describe, expect, it } from 'vitest';
import { splitLongRuns, MAX_RUN } from '../../src/language/long-runs.js';
import { htmlDepth, MAX_HTML_DEPTH } from '../../src/read/html-depth.js';
import { readDoc, annotateDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { UnreadableInputError } from '../../src/errors.js';

const settings = resolveSettings();
const LEAD = 'The Foreign Ministry denied the accusation on Tuesday.';

describe('long runs without spaces', () => {
  it('are cut into pieces of at most MAX_RUN characters, the text keeping its length', () => {
    const text = `a ${'x'.repeat(1000)} b ${'y'.repeat(MAX_RUN)}`;
    const out = splitLongRuns(text);
    expect(out.length).toBe(text.length);
    expect(Math.max(...out.split(/\s+/).map((w) => w.length))).toBe(MAX_RUN);
    expect(out.endsWith('y'.repeat(MAX_RUN))).toBe(true);
  });

  it('any Unicode white space ends a run (as \\s does), a zero-width space does not', () => {
    const half = 'x'.repeat(MAX_RUN - 4);
    for (const sp of [' ', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff']) expect(splitLongRuns(half + sp + half)).toBe(half + sp + half);
    const joined = half + '\u200b' + half;
    expect(splitLongRuns(joined)).not.toBe(joined);
    expect(splitLongRuns(joined).length).toBe(joined.length);
  });

  it('a 200 KB run is tagged, with tokens that are spans of the text read', () => {
    const doc = annotateDoc(readDoc({ name: 'run.txt', data: Buffer.from(`${LEAD}\n\n${'x'.repeat(200_000)}\n\n${LEAD}`) }, settings), KnowledgeBase.load(settings));
    const tokens = doc.tokens ?? [];
    expect(tokens.length).toBeGreaterThanOrEqual(200_000 / MAX_RUN);
    for (const t of tokens) {
      const s = doc.text.slice(t.start, t.end);
      expect(s.length).toBeGreaterThan(0);
      expect(s.length).toBeLessThanOrEqual(MAX_RUN);
      expect(s.trim()).toBe(s);
    }
  });
});

describe('deeply nested HTML', () => {
  const page = (depth: number) => '<!doctype html><html><head><title>Deep</title></head><body>' + '<div>'.repeat(depth) + `<p>${LEAD}</p>` + '</div>'.repeat(depth) + '</body></html>';

  it('counts nesting from the tags, not counting void and self-closing elements', () => {
    expect(htmlDepth(page(10))).toBe(12);
    expect(htmlDepth('<div><br><img src=x><p>a<p>b<li>c</div><!-- <div><div> --><script>"<div>"</script>')).toBe(1);
  });

  it('a page nested 20,000 levels deep is refused with a reason, not a stack overflow', () => {
    const e = (() => { try { readDoc({ name: 'deep.html', data: Buffer.from(page(20_000)) }, settings); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(UnreadableInputError);
    expect((e as UnreadableInputError).reason).toMatch(`20002 levels deep, over the limit of ${MAX_HTML_DEPTH}`);
  });

  it('a page nested within the limit is read', () => {
    expect(readDoc({ name: 'ok.html', data: Buffer.from(page(100)) }, settings).text).toContain(LEAD);
  });
});
