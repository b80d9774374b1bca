/**
 * HTML → the article's text, through @mozilla/readability over a linkedom DOM.
 * Paragraph structure is kept (one block per line, blank line between), so the
 * clean stage sees HTML articles the way it sees scraped text. Metadata that only
 * the markup carries (og:title, article:published_time, author, site name) is
 * returned beside the text for the metadata stage.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Metadata } from '../doc/document.js';

export interface HtmlReading {
  text: string;
  meta: Metadata;
}

const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'TD', 'DT', 'DD']);

export function looksLikeHtml(name: string, text: string): boolean {
  return /\.x?html?$/i.test(name) || /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1000));
}

export function readHtml(html: string): HtmlReading {
  const { document } = parseHTML(html);
  const meta = htmlMetadata(document);
  // Readability mutates the DOM it is given; metadata is read first.
  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const blocks: string[] = [];
  if (meta.headline) blocks.push(meta.headline);
  if (article?.content) {
    const { document: body } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    collectBlocks(body.body as unknown as Element, blocks);
  } else {
    blocks.push(...(document.body?.textContent ?? '').split(/\n\s*\n/));
  }
  const text = blocks.map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n');
  meta.headline ??= article?.title?.trim() || undefined;
  meta.outlet ??= article?.siteName?.trim() || undefined;
  if (!meta.byline?.length && article?.byline) meta.byline = [article.byline.replace(/^by\s+/i, '').trim()];
  return { text, meta };
}

function collectBlocks(el: Element, out: string[]): void {
  for (const child of Array.from(el.children)) {
    if (BLOCKS.has(child.tagName)) out.push(child.textContent ?? '');
    else collectBlocks(child, out);
  }
}

function htmlMetadata(document: { querySelector(s: string): Element | null }): Metadata {
  const attr = (sel: string, a = 'content') => document.querySelector(sel)?.getAttribute(a)?.trim() || undefined;
  const meta: Metadata = {};
  meta.headline = attr('meta[property="og:title"]') ?? attr('meta[name="twitter:title"]') ?? document.querySelector('h1')?.textContent?.trim() ?? undefined;
  const date = attr('meta[property="article:published_time"]') ?? attr('meta[name="date"]') ?? attr('meta[itemprop="datePublished"]') ?? attr('time[datetime]', 'datetime');
  if (date && /^\d{4}-\d{2}-\d{2}/.test(date)) meta.datePublished = date.slice(0, 10);
  meta.outlet = attr('meta[property="og:site_name"]') ?? attr('meta[name="publisher"]');
  const author = attr('meta[name="author"]') ?? attr('meta[property="article:author"]');
  if (author && !/^https?:/.test(author)) meta.byline = author.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
  return meta;
}
