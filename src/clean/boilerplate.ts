/**
 * Separate the article body from page boilerplate by what each line looks like:
 * prose (long, with sentence punctuation and function words) against navigation,
 * share buttons, related-headline lists, captions, footers and spam. No list of
 * sites or phrases from particular pages: only the shape of the line.
 * The text is never changed; body and boilerplate are spans into it.
 */
import type { Span } from '../doc/document.js';

export interface LineFeatures extends Span {
  words: number;
  /** Ends like a sentence (., ?, !, a closing quote after one, or a quote mark). */
  sentenceEnd: boolean;
  /** Share of the letters that are CJK, Arabic, Cyrillic and the like. */
  foreign: number;
  /** Lower-case function words per word: high in prose, low in titles and menus. */
  functionRatio: number;
  separators: number;
}

const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'and', 'or', 'but', 'that', 'which', 'who', 'is', 'was', 'are', 'were',
  'has', 'have', 'had', 'be', 'been', 'it', 'its', 'as', 'at', 'by', 'for', 'with', 'from', 'this', 'not', 'he', 'she',
  'they', 'we', 'said', 'would', 'will', 'also', 'than', 'their', 'his', 'her', 'after', 'over', 'about', 'into',
]);

/** Lines a reader would recognise as page furniture whatever the site. */
const FURNITURE = [
  /\b(copyright|all rights reserved|reproduction in whole or in part)\b|©|\(c\)\s*\d{4}|\d{4}\s*\(c\)/i,
  /^\s*(share|print|email|comments?|tweet|like|follow us|back to the top|top|related|advertisement|subscribe)\b.{0,40}$/i,
  /\b(browsers? with|resolution are suggested|without written authorization|license for publishing|registration number)\b/i,
  /^[\w.+-]+@[\w-]+\.[\w.]+$/,
  /(^|\s)(>>|»|›)\s*\w/,
  /^\s*(file )?photo:/i,
  /\b(scan the qr code|sign up for|newsletter)\b/i,
];

export function lineFeatures(text: string, start: number, end: number): LineFeatures {
  const line = text.slice(start, end);
  const words = line.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  const letters = line.match(/\p{L}/gu)?.length ?? 0;
  const foreign = letters ? (line.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Thai}]/gu)?.length ?? 0) / letters : 0;
  const fn = words.filter((w) => FUNCTION_WORDS.has(w.toLowerCase())).length;
  return {
    start, end, words: words.length,
    sentenceEnd: /[.?!]["'”’)]?\s*(>+)?$|["”]$/.test(line.trim()),
    foreign,
    functionRatio: words.length ? fn / words.length : 0,
    separators: (line.match(/[|•·]|\s\/\s/g) ?? []).length,
  };
}

/** Is this line article prose? */
export function isBodyLine(f: LineFeatures, line: string): boolean {
  if (f.foreign > 0.3) return false;
  if (f.separators >= 2) return false;
  if (FURNITURE.some((r) => r.test(line))) return false;
  // A numbered or bulleted short item is a headline list.
  if (/^\s*(\d{1,2}[.)]|[-*•])\s/.test(line) && f.words < 15) return false;
  if (f.words >= 12 && f.sentenceEnd && f.functionRatio >= 0.12) return true;
  // Short quoted sentences and one-line paragraphs still read as prose.
  if (f.words >= 6 && f.sentenceEnd && f.functionRatio >= 0.15) return true;
  return false;
}

/** Split the text into lines and sort them into body and boilerplate. */
export function separateBody(text: string): { body: Span[]; boilerplate: Span[] } {
  const body: Span[] = [];
  const boilerplate: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start === end) continue;
    const f = lineFeatures(text, start, end);
    (isBodyLine(f, text.slice(start, end)) ? body : boilerplate).push({ start, end });
  }
  return { body, boilerplate };
}
