import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { looksLikeHtml, readHtml, type HtmlReading } from '../../src/read/html.js';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { UnreadableInputError } from '../../src/errors.js';

const PAGE = fileURLToPath(new URL('../fixtures/unit/news-page.html', import.meta.url));
const html = readFileSync(PAGE, 'utf8');

const PARAGRAPHS = [
  'The Northport Harbour Authority said on Tuesday that a group of foreign hackers had broken into the computer systems',
  'Officials said the intruders had used stolen passwords to reach the scheduling servers',
  '"We have restored every system and we are working with the national police',
];
const FURNITURE = ['Subscribe now', 'Weather', 'Sport', 'Related stories', 'Ferry timetable', 'Lighthouse restoration', 'Copyright 2023',
  'Privacy policy', 'Contact us', 'Share on Facebook', 'Tweet', 'window.analytics', 'margin', 'Independent news from the northern coast'];

describe('readHtml on a news page with navigation, share widgets, related links and a footer', () => {
  let r: HtmlReading;
  beforeAll(() => { r = readHtml(html); });

  it('keeps every article paragraph, each as its own block, in order', () => {
    const at = PARAGRAPHS.map((p) => r.text.indexOf(p));
    for (const [i, p] of PARAGRAPHS.entries()) expect(at[i], p).toBeGreaterThanOrEqual(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const blocks = r.text.split(/\n\n/);
    for (const p of PARAGRAPHS) expect(blocks.some((b) => b.startsWith(p)), p).toBe(true);
  });

  it('leaves out the navigation, header, share buttons, aside, footer, script and style', () => {
    for (const f of FURNITURE) expect(r.text, f).not.toContain(f);
  });

  it('starts with the headline once and collapses whitespace inside blocks', () => {
    expect(r.text.startsWith('Harbour authority blames foreign hackers for port outage\n\n')).toBe(true);
    expect(r.text.split('Harbour authority blames foreign hackers').length - 1).toBe(1);
    for (const b of r.text.split('\n\n')) expect(b).toBe(b.replace(/\s+/g, ' ').trim());
  });

  it('reads og:title, article:published_time (as a date), og:site_name and the author meta', () => {
    expect(r.meta.headline).toBe('Harbour authority blames foreign hackers for port outage');
    expect(r.meta.datePublished).toBe('2023-11-14');
    expect(r.meta.outlet).toBe('The Coastal Courier');
    expect(r.meta.byline).toEqual(['Ingrid Vasquez-Holm']);
  });

  it('takes the headline from <h1> and the date from <time datetime> when the meta tags are missing', () => {
    const bare = html.replace(/<meta property="(og:title|article:published_time)"[^>]*>/g, '')
      .replace('<h1>', '<time datetime="2023-11-15T08:00:00Z">15 Nov</time><h1>');
    const b = readHtml(bare);
    expect(b.meta.headline).toBe('Harbour authority blames foreign hackers for port outage');
    expect(b.meta.datePublished).toBe('2023-11-15');
  });
});

describe('HTML through the pipeline entry', () => {
  const settings = resolveSettings();

  it('recognises HTML by the file name or by a doctype', () => {
    expect(looksLikeHtml('story.html', 'plain words')).toBe(true);
    expect(looksLikeHtml('story.txt', '  <!DOCTYPE html><html><body></body></html>')).toBe(true);
    expect(looksLikeHtml('story.txt', 'China said <b> tags are not HTML pages.')).toBe(false);
  });

  it('readDoc reads the page as HTML, and the metadata from the markup survives the pipeline', () => {
    const doc = readDoc({ name: 'dir/news-page.html', data: readFileSync(PAGE) }, settings);
    expect(doc.format).toBe('html');
    expect(doc.id).toBe('news-page.html');
    expect(doc.text).not.toContain('<');
    const annotated = annotateDoc(doc, KnowledgeBase.load(settings));
    expect(annotated.meta).toMatchObject({
      headline: 'Harbour authority blames foreign hackers for port outage', datePublished: '2023-11-14',
      outlet: 'The Coastal Courier', byline: ['Ingrid Vasquez-Holm'],
    });
    const body = annotated.body.map((s) => annotated.text.slice(s.start, s.end));
    for (const p of PARAGRAPHS) expect(body.some((b) => b.startsWith(p)), p).toBe(true);
  });

  it('a page with no readable text is refused with a reason', () => {
    const empty = '<!doctype html><html><head><title>x</title></head><body><nav><a href="/">Home</a></nav><script>var a = 1;</script></body></html>';
    expect(() => readDoc({ name: 'empty.html', data: empty }, settings)).toThrow(UnreadableInputError);
    expect(() => readDoc({ name: 'empty.html', data: empty }, settings)).toThrow(/empty\.html: .*(no readable|no words)/);
  });
});
