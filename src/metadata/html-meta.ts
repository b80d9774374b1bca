/**
 * Metadata that only the markup carries, in the order publishers fill it in most
 * reliably: schema.org JSON-LD (NewsArticle and kin, also inside `@graph`), then
 * OpenGraph and article:* properties, then plain <meta> names, itemprop, <time>
 * and <h1>. The headline loses the " | Site name" that og:title and <title> add.
 */
import type { Metadata } from '../doc/document.js';

interface Queryable {
  querySelector(s: string): Element | null;
  querySelectorAll(s: string): ArrayLike<Element>;
}

const ARTICLE_TYPE = /^(News|Blog|Reportage|Analysis|Opinion|Review|Scholarly|Tech|Satirical|Report|Background)?(Article|Posting|NewsArticle)$|^(BlogPosting|LiveBlogPosting|Report)$/;
type Json = Record<string, unknown>;

/** Every object in a JSON-LD value: arrays, `@graph` and nested `mainEntity` are walked. */
function ldObjects(v: unknown, out: Json[] = [], depth = 0): Json[] {
  if (depth > 6 || !v || typeof v !== 'object') return out;
  if (Array.isArray(v)) { for (const x of v) ldObjects(x, out, depth + 1); return out; }
  const o = v as Json;
  out.push(o);
  for (const k of ['@graph', 'mainEntity', 'mainEntityOfPage']) if (o[k] && typeof o[k] === 'object') ldObjects(o[k], out, depth + 1);
  return out;
}

function types(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#:]/, ''));
}

function nameOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(nameOf);
  if (v && typeof v === 'object') {
    const n = (v as Json).name;
    if (typeof n === 'string') return [n];
  }
  return [];
}

function clean(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&#0?39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** The JSON-LD article object of the page, if any. */
function jsonLdArticle(doc: Queryable): Json | undefined {
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'));
  for (const s of scripts) {
    let data: unknown;
    try {
      data = JSON.parse((s.textContent ?? '').trim());
    } catch {
      continue; // a broken block on one page is common; the other sources still count
    }
    const art = ldObjects(data).find((o) => types(o).some((t) => ARTICLE_TYPE.test(t)));
    if (art) return art;
  }
  return undefined;
}

/** ISO date (YYYY-MM-DD) at the start of a machine-readable date, else undefined. */
export function isoDate(v: unknown): string | undefined {
  const m = typeof v === 'string' ? /^\s*((?:19|20)\d{2})-?(\d{2})-?(\d{2})/.exec(v) : null;
  if (!m) return undefined;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const SITE_SEPARATOR = /\s+[|–—•·:-]\s+|\s+[|»]\s*|\s*[|»]\s+/;

/**
 * "Title | Site" → "Title": a trailing (or leading) segment is dropped when it is the
 * site's name, or when the page's <h1> is the remaining part.
 */
export function stripSiteName(title: string, site: string | undefined, h1: string | undefined): string {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (h1 && norm(h1) && norm(title).startsWith(norm(h1)) && norm(h1).length >= norm(title).length * 0.4) return h1;
  const parts = title.split(SITE_SEPARATOR);
  if (parts.length < 2) return title;
  const siteN = site ? norm(site) : '';
  const isSite = (p: string) => !!siteN && (norm(p) === siteN || norm(p).includes(siteN) || (siteN.includes(norm(p)) && norm(p).length > 2));
  if (isSite(parts.at(-1)!)) return title.slice(0, title.lastIndexOf(parts.at(-1)!)).replace(/[\s|–—•·:»-]+$/, '');
  if (isSite(parts[0])) return title.slice(parts[0].length).replace(/^[\s|–—•·:»-]+/, '');
  return title;
}

export function htmlMetadata(doc: Queryable): Metadata {
  const attr = (sel: string, a = 'content') => clean(doc.querySelector(sel)?.getAttribute(a));
  const ld = jsonLdArticle(doc) ?? {};
  const meta: Metadata = {};
  const site = nameOf(ld.publisher).map(clean).find(Boolean) ?? attr('meta[property="og:site_name"]') ?? attr('meta[name="application-name"]') ?? attr('meta[name="publisher"]');
  const h1 = clean(doc.querySelector('h1')?.textContent);
  const title = clean(ld.headline) ?? attr('meta[property="og:title"]') ?? attr('meta[name="twitter:title"]') ?? h1 ?? clean(doc.querySelector('title')?.textContent);
  if (title) meta.headline = stripSiteName(title, site, h1);
  meta.datePublished = [
    ld.datePublished, ld.dateCreated, attr('meta[property="article:published_time"]'), attr('meta[name="article:published_time"]'),
    attr('meta[itemprop="datePublished"]'), attr('[itemprop="datePublished"]', 'datetime'), attr('meta[name="date"]'),
    attr('meta[name="pubdate"]'), attr('meta[name="publishdate"]'), attr('meta[name="DC.date.issued"]'), attr('meta[name="dc.date"]'),
    attr('meta[name="sailthru.date"]'), attr('meta[name="parsely-pub-date"]'), attr('meta[property="og:published_time"]'),
    attr('article time[datetime]', 'datetime'), attr('time[datetime]', 'datetime'), ld.dateModified,
  ].map(isoDate).find(Boolean);
  meta.outlet = site;
  const authors = nameOf(ld.author).map(clean).filter((a): a is string => !!a && !/^https?:/.test(a));
  const author = attr('meta[name="author"]') ?? attr('meta[property="article:author"]') ?? attr('meta[name="byl"]')?.replace(/^by\s+/i, '');
  if (authors.length) meta.byline = [...new Set(authors)];
  else if (author && !/^https?:/.test(author)) meta.byline = author.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean);
  for (const k of Object.keys(meta) as (keyof Metadata)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}
