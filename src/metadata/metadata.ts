/**
 * Headline, publication date, outlet and byline, read from the page header (the
 * lines before the body), the dateline and the footer. Metadata found in HTML
 * markup by the read stage wins over what is guessed from lines.
 */
import type { Doc, Metadata, Span } from '../doc/document.js';
import { findDate } from './dates.js';
import { detectDocLanguage } from '../language/detect.js';

const STAFF = /\b(staff|newsroom|desk|wire|reports?|agencies|editor|edition|service|online|news|times|daily|post|observer|review)\b/i;
const ROLE_SUFFIX = /,\s*(?:[A-Z][a-z]+\s+)*(correspondent|reporter|editor|writer|columnist|journalist)\b.*$/i;
const NAME = /^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u;

function lines(text: string, spans: Span[]): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}

function segments(line: string): string[] {
  return line.split(/\s*(?:\||•|·|\s-\s|\s–\s|\s{3,})\s*/).map((s) => s.trim()).filter(Boolean);
}

/** "ZHOU JIN" → "Zhou Jin"; names already in mixed case stay as written. */
export function fixCase(s: string): string {
  // "AP", "AFP", "NHK": an agency's initials stay as they are.
  if (s !== s.toUpperCase() || /^\p{Lu}{2,4}$/u.test(s)) return s;
  return s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())
    .replace(/\b(Of|The|And|For|In|On)\b/g, (w, _x, i: number) => (i === 0 ? w : w.toLowerCase()));
}

function isDateLine(line: string): boolean {
  return !!findDate(line) && line.replace(/[\d:.,\-/()+ ]|GMT|BJT|[AP]M|ET|EST|KST|\b(mins? to read)\b/gi, '').length < 40;
}

function looksLikeName(s: string): boolean {
  return NAME.test(s) && !STAFF.test(s);
}

function bylineOf(line: string): string[] | undefined {
  const by = /(?:^|[|•]\s*)By\s+(.+)$/i.exec(line);
  if (by) {
    const first = (segments(by[1])[0] ?? '').replace(/\s+in\s+\p{Lu}.*$/u, '').replace(ROLE_SUFFIX, '');
    const names = first.split(/\s*(?:,|\band\b|&)\s*/).map(fixCase).filter(looksLikeName);
    return names.length ? names : undefined;
  }
  const segs = segments(line);
  // A line of separators alone ("|", "• ·") has no segment at all.
  if (!segs.length) return undefined;
  const seg = segs[0].replace(ROLE_SUFFIX, '');
  if (ROLE_SUFFIX.test(segs[0]) || (segs.length > 1 && isDateLine(segs.slice(1).join(' ')))) {
    return looksLikeName(seg) ? [seg] : undefined;
  }
  return undefined;
}

function outletFromByline(line: string, byline?: string[]): string | undefined {
  if (!/^\s*By\s/i.test(line)) return undefined;
  const segs = segments(line).slice(1);
  return segs.find((s) => !isDateLine(s) && !/^(updated|published|posted)\b/i.test(s) && !byline?.includes(s) && /\p{Lu}/u.test(s));
}

function mastheadOf(line: string): string | undefined {
  if (/[\p{Script=Han}\p{Script=Arabic}\p{Script=Cyrillic}:>]/u.test(line)) return undefined;
  const seg = segments(line)[0];
  if (!seg) return undefined;
  const words = seg.split(/\s+/);
  if (words.length > 5 || /[.?!]$/.test(seg) || !/^\p{Lu}/u.test(seg)) return undefined;
  return fixCase(seg);
}

const AGENCY_LINE = /^\(([\p{Lu}][\p{L} .&-]{1,40})\)$/u;
// "WASHINGTON, March 4 (Reuters) -", "SEOUL (AP) —".
const DATELINE_AGENCY = /^[\p{Lu}][\p{Lu} .'-]{2,40}(?:,\s+[\p{L}.]+\s+\d{1,2})?\s+\(([\p{Lu}][\p{L} .&-]{1,40})\)\s+(?:--|—|–|-)/u;
const EDITOR_OUTLET = /\b([\p{Lu}][\p{L}.&-]+(?:\s[\p{Lu}][\p{L}.&-]+){0,3})\s+Web Editor\b/u;
const COPYRIGHT = /(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{0,4})?\s*\.?\s*)?([\p{Lu}][\p{L}.&-]*(?:\s[\p{Lu}][\p{L}.&-]*){0,4})/iu;

/**
 * A text file that opens straight with its headline (no masthead or byline for the cleaner to set
 * apart): the first body paragraph when it is one short line that ends no sentence.
 */
function headlineOpeningBody(first: string): string | undefined {
  const t = first.trim();
  const words = t.split(/\s+/).length;
  if (t.includes('\n') || words < 3 || words > 20 || /[.?!:;,"”]$/.test(t) || !/^\p{Lu}/u.test(t) || isDateLine(t) || bylineOf(t)) return undefined;
  return t;
}

export function readMetadata(doc: Doc): Metadata {
  const meta: Metadata = { ...doc.meta };
  const firstBody = doc.body[0]?.start ?? doc.text.length;
  const lastBody = doc.body.at(-1)?.end ?? doc.text.length;
  const header = lines(doc.text, doc.boilerplate.filter((s) => s.end <= firstBody));
  const footer = lines(doc.text, doc.boilerplate.filter((s) => s.start >= lastBody));
  const bodyFirst = doc.body.length ? doc.text.slice(doc.body[0].start, doc.body[0].end) : '';

  if (!meta.byline?.length) {
    for (const l of header) {
      const b = bylineOf(l);
      if (b) { meta.byline = b; break; }
    }
  }
  if (!meta.datePublished) {
    meta.datePublished = header.map(findDate).find(Boolean) ?? footer.map(findDate).find(Boolean) ?? findDate(doc.text);
  }
  if (!meta.outlet) {
    meta.outlet = header.map((l) => outletFromByline(l, meta.byline)).find(Boolean)
      ?? (header.length ? mastheadOf(header[0]) : undefined)
      ?? header.map((l) => AGENCY_LINE.exec(l)?.[1]).find(Boolean)
      ?? DATELINE_AGENCY.exec(bodyFirst)?.[1]
      ?? header.map((l) => EDITOR_OUTLET.exec(l)?.[1]).find(Boolean)
      // "Copyright ©1999-2018 Chinanews.com. All rights reserved": the name ends where its sentence does.
      ?? footer.map((l) => COPYRIGHT.exec(l)?.[1]?.replace(/\.(\s.*)?$/, '')).find((s) => s && !/^all\b/i.test(s));
    if (meta.outlet) meta.outlet = fixCase(meta.outlet.trim());
  }
  if (!meta.headline) {
    const outlet = meta.outlet?.toLowerCase();
    const candidates = header.filter((l, i) => {
      const t = l.trim();
      const words = t.split(/\s+/).length;
      return words >= 3 && words <= 30 && !/[|>]|:$|^(by|share|tags?|file photo|photo)\b/i.test(t) && !isDateLine(t)
        && !/[\p{Script=Han}\p{Script=Arabic}\p{Script=Cyrillic}]/u.test(t) && !bylineOf(t)
        && !(i === 0 && outlet !== undefined && mastheadOf(t)?.toLowerCase() === outlet) && !(looksLikeName(t) && words <= 4);
    });
    let best = candidates[0];
    for (const c of candidates) if (c.split(/\s+/).length > best.split(/\s+/).length) best = c;
    meta.headline = best?.trim() ?? headlineOpeningBody(bodyFirst);
  }
  if (meta.headline) meta.headline = withoutWirePrefix(meta.headline);
  meta.language ??= detectDocLanguage(doc);
  return meta;
}

/** Wire services' slugs before a headline ("UPDATE 2-", "EXCLUSIVE-", "RPT-") are not part of it. */
const WIRE_PREFIX = /^(?:(?:UPDATE|WRAPUP)\s*\d*|CORRECTED|REFILE|RPT|EXCLUSIVE|FACTBOX|ANALYSIS|INSIGHT|FOCUS|BREAKINGVIEWS|BRIEF|TIMELINE|EXPLAINER)\s*[-–:]\s*(?=\S)/;
export function withoutWirePrefix(headline: string): string {
  let h = headline;
  for (let i = 0; i < 3 && WIRE_PREFIX.test(h); i++) h = h.replace(WIRE_PREFIX, '');
  return h;
}
