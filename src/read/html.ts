/**
 * HTML → the article's text, through @mozilla/readability (default options: its
 * 500-character threshold is what keeps a cookie box from passing for the article)
 * over a linkedom DOM. The article's own structure is kept: one block a line for
 * each paragraph, subheading, list item and block quote, blank line between, so the
 * clean stage sees HTML articles the way it sees scraped text. When Readability
 * finds nothing long enough, the page's own blocks go to the clean stage instead.
 * Metadata only the markup carries (JSON-LD, OpenGraph, <meta>, <time>) is returned
 * beside the text for the metadata stage.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { checkHtmlDepth } from './html-depth.js';
import type { Metadata } from '../doc/document.js';
import { htmlMetadata } from '../metadata/html-meta.js';
import { separateBody } from '../clean/boilerplate.js';
import { COOKIE_NOTICE } from '../clean/lines.js';

export interface HtmlReading {
  text: string;
  meta: Metadata;
  /** Readability found the article: every block is article text (the headline first). */
  extracted: boolean;
}

/** Elements that end a line of text (the rest are inline and run on). */
const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'CAPTION',
  'HR', 'BR', 'ADDRESS', 'DETAILS', 'SUMMARY', 'CENTER', 'FIELDSET', 'LEGEND', 'OPTION', 'BUTTON']);
/** Never text a reader sees. */
const HIDDEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'SELECT', 'TEXTAREA', 'HEAD']);
/** Readability output shorter than this is not taken as the article. */
const MIN_ARTICLE_CHARS = 250;

export function looksLikeHtml(name: string, text: string): boolean {
  return /\.x?html?$/i.test(name) || /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1000));
}

export function readHtml(html: string): HtmlReading {
  checkHtmlDepth('the HTML page', html);
  const { document } = parseHTML(html);
  const meta = htmlMetadata(document as unknown as Document);
  // Readability mutates the DOM it is given: metadata is read first, the fallback reads a fresh parse.
  let article: ReturnType<Readability<string>['parse']> = null;
  try {
    article = new Readability(document as unknown as Document).parse();
  } catch {
    article = null; // a page Readability cannot walk still has its blocks
  }
  const good = !!article?.content && (article.textContent ?? '').trim().length >= MIN_ARTICLE_CHARS;
  let blocks: string[];
  if (good) {
    const { document: body } = parseHTML(`<!doctype html><html><body>${article!.content}</body></html>`);
    blocks = articleBlocks(textBlocks(body.body as unknown as Element));
  } else {
    // The page's own blocks, sorted by the clean stage's reading of scraped text.
    const { document: page } = parseHTML(html);
    const all = textBlocks((page.body ?? page.documentElement) as unknown as Element).map((b) => b.text).join('\n');
    blocks = separateBody(all).body.map((sp) => all.slice(sp.start, sp.end));
  }
  meta.headline ??= article?.title?.trim() || undefined;
  meta.outlet ??= article?.siteName?.trim() || undefined;
  if (!meta.byline?.length && article?.byline) meta.byline = [article.byline.replace(/^by\s+/i, '').trim()];
  if (!blocks.length) return { text: '', meta, extracted: false };
  if (meta.headline) blocks.unshift(meta.headline);
  return { text: blocks.join('\n\n'), meta, extracted: good };
}

/** A block reads as prose: long, with a sentence end (in any script). */
export function isProse(text: string): boolean {
  return weight(text) >= 80 && /[.!?。！？…]["'”’»)]*(\s|$)|[。！？]/u.test(text);
}

/** Length in Latin-letter terms: a Han, kana or Hangul character carries about a word. */
export function weight(text: string): number {
  return text.length + 2 * (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0);
}

/**
 * What Readability kept, less what is not article text by its markup: captions and
 * credits, blocks made of links (related stories, "more from" lists) with the short
 * heading that introduces them, and the short lines above the first paragraph
 * (section name, byline, date, photo credit; the headline is given separately).
 */
export function articleBlocks(blocks: TextBlock[]): string[] {
  const linky = (b: TextBlock) => b.linkChars >= 0.8 * b.text.length && !(isProse(b.text) && b.text.length > 200);
  const first = blocks.findIndex((b) => isProse(b.text) && !linky(b) && !b.caption);
  // A link alone is a printed source or a product the article lists; a run of links is a list of other pages.
  const listed = (i: number) => linky(blocks[i]) && ((i > 0 && linky(blocks[i - 1])) || (i + 1 < blocks.length && linky(blocks[i + 1])));
  const keep = blocks.map((b, i) => !b.caption && !listed(i) && (first < 0 || i >= first));
  // A cookie or consent box Readability took in beside the article, first or last.
  for (const i of [0, blocks.length - 1]) if (blocks[i] && blocks[i].text.length < 400 && COOKIE_NOTICE.test(blocks[i].text)) keep[i] = false;
  // A short line right before a run of link blocks is that list's heading.
  for (let i = 0; i + 1 < blocks.length; i++) if (keep[i] && !isProse(blocks[i].text) && listed(i + 1)) keep[i] = false;
  return blocks.filter((_, i) => keep[i]).map((b) => b.text);
}

/** One line of visible text and what the markup says about it. */
export interface TextBlock {
  text: string;
  /** Characters of the text inside links. */
  linkChars: number;
  /** Inside a <figure> or <figcaption>: a caption or a credit, not article prose. */
  caption: boolean;
}

/** The element's visible text, one block per line-ending element, whitespace collapsed. Iterative, so depth is no limit. */
export function textBlocks(root: Element): TextBlock[] {
  const out: TextBlock[] = [];
  let cur = '';
  let link = 0;
  let links = 0;
  let captions = 0;
  let caption = false;
  const flush = () => {
    const text = cur.replace(/\s+/g, ' ').trim();
    if (text) out.push({ text, linkChars: Math.min(link, text.length), caption });
    cur = '';
    link = 0;
    caption = captions > 0;
  };
  const stack: { node: Node; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === 3) {
      const v = node.nodeValue ?? '';
      cur += v;
      if (links) link += v.replace(/\s+/g, ' ').trim().length;
      if (captions && v.trim()) caption = true;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (HIDDEN.has(tag) || el.hasAttribute?.('hidden')) continue;
    const block = BLOCK.has(tag);
    const isLink = tag === 'A';
    const isCaption = tag === 'FIGCAPTION' || tag === 'FIGURE';
    if (leaving) {
      if (isLink) links--;
      if (block) flush();
      if (isCaption) captions--;
      continue;
    }
    if (block) flush();
    if (isLink) links++;
    if (isCaption) { captions++; caption = true; }
    stack.push({ node, leaving: true });
    const kids = el.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], leaving: false });
  }
  flush();
  return out;
}
