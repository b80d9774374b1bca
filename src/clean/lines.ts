/**
 * What a line of page text looks like, in any language: its length (a Han, kana or
 * Hangul character counts about a word), whether it ends like a sentence, whether it
 * is a link, an address, a list of separators, a date or a credit, and how often the
 * same line comes back in the page. No words of any one language.
 */
import type { Span } from '../doc/document.js';
import { findDate } from '../metadata/dates.js';
import { isWhiteSpace } from '../doc/white-space.js';

export interface Line extends Span {
  text: string;
  /** Length in Latin-letter terms. */
  weight: number;
  words: number;
  /** Ends like a sentence, in any script (or with a closing quote after one). */
  sentenceEnd: boolean;
  /** Sentence ends inside the line. */
  sentences: number;
  /** Separators between menu items: |, •, ·, " / ". */
  separators: number;
  /** How many lines of the page have the same text (case and spacing aside). */
  repeats: number;
  /** Preceded or followed by a blank line: a paragraph, as innerText shows <p>. */
  paragraph: boolean;
  /** The writing system most of its letters are in ('' when it has none). */
  script: string;
  /** In another writing system than the page's prose (set by the caller). */
  foreign?: boolean;
  /** Holds a date and little else: a dateline, a timestamp, "Updated …". */
  dated: boolean;
  /** Memo of the furniture patterns' verdict on the text. */
  furnitureText?: boolean;
}

const SCRIPTS: [string, RegExp][] = [
  ['latin', /\p{Script=Latin}/gu], ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu], ['hangul', /\p{Script=Hangul}/gu],
  ['cyrillic', /\p{Script=Cyrillic}/gu], ['greek', /\p{Script=Greek}/gu], ['arabic', /\p{Script=Arabic}/gu], ['hebrew', /\p{Script=Hebrew}/gu],
  ['thai', /\p{Script=Thai}/gu], ['devanagari', /\p{Script=Devanagari}/gu],
];

// The script of each non-ASCII character, looked up once per character (pages repeat few of them).
const scriptOfChar = new Map<string, string>();
function charScript(ch: string): string {
  let s = scriptOfChar.get(ch);
  if (s === undefined) {
    s = SCRIPTS.find(([, re]) => { re.lastIndex = 0; return re.test(ch); })?.[0] ?? '';
    if (scriptOfChar.size < 50_000) scriptOfChar.set(ch, s);
  }
  return s;
}

export function scriptOf(text: string): string {
  // One pass over the characters: ASCII letters are Latin; others are looked up (the per-script
  // regular expressions over every line were a third of the cleaning time).
  let latin = 0;
  const counts = new Map<string, number>();
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 128) { if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++; continue; }
    const sc = charScript(ch);
    if (sc) counts.set(sc, (counts.get(sc) ?? 0) + 1);
  }
  counts.set('latin', (counts.get('latin') ?? 0) + latin);
  let best = '';
  let n = 0;
  for (const [name] of SCRIPTS) {
    const k = counts.get(name) ?? 0;
    if (k > n) { best = name; n = k; }
  }
  return best;
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const SENTENCE_END = /[.!?。！？…:;]["'”’»)\]]*$|[。！？]/u;
const SENTENCE_INNER = /[.!?。！？]["'”’»)]*(?=\s+\p{Lu}|\s*$)|[。！？]/gu;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
// The same measures for a line of ASCII only (most lines of English pages), without the Unicode
// classes: \p{Lu} and \p{L}\p{N} are [A-Z] and [A-Za-z0-9] there, and the script is Latin or none.
const ASCII_SENTENCE_INNER = /[.!?]["')]*(?=\s+[A-Z]|\s*$)/g;
const ASCII_LETTER = /[A-Za-z]/;

/** SENTENCE_END for an ASCII line, read from its end rather than tried at every position. */
function asciiSentenceEnd(t: string): boolean {
  let i = t.length - 1;
  while (i >= 0 && (t[i] === '"' || t[i] === "'" || t[i] === ')' || t[i] === ']')) i--;
  const c = t[i];
  return c === '.' || c === '!' || c === '?' || c === ':' || c === ';';
}
const SEPARATORS = /[|•·]|\s\/\s/g;
const SEPARATOR_CHARS = /[|•·/]/;

export function weight(text: string): number {
  return text.length + 2 * (text.match(WIDE)?.length ?? 0);
}

export const normLine = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const normAsciiLine = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Unicode white space (what \s matches) and the zero-width characters editors leave on empty lines, by code. */
function isSpace(c: number): boolean {
  return isWhiteSpace(c) || c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060;
}

/** Runs of non-space characters in a trimmed line (what split(/\s+/) counts, without the array). */
function wordCount(t: string): number {
  let n = 1;
  let prevSpace = t.length > 0 && isSpace(t.charCodeAt(0));
  for (let i = 1; i < t.length; i++) {
    const space = isSpace(t.charCodeAt(i));
    if (space && !prevSpace) n++;
    prevSpace = space;
  }
  return n;
}

/** Every non-empty line of the text, trimmed, with its shape. */
export function readLines(text: string): Line[] {
  const out: Line[] = [];
  const raw: { start: number; end: number }[] = [];
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    raw.push({ start: at, end });
    at = end + 1;
  }
  // Trim each line once; a line is blank when nothing is left.
  const trimmed = raw.map(({ start, end }) => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    return { start, end };
  });
  const blank = (i: number) => i < 0 || i >= raw.length || trimmed[i].start === trimmed[i].end;
  // Which lines are all ASCII: their repeat keys need no Unicode classes (see markRepeats).
  const asciiLines: boolean[] = [];
  trimmed.forEach(({ start, end }, i) => {
    if (start === end) return;
    const t = text.slice(start, end);
    // Each measure once per line (wide characters count toward both weight and words).
    const ascii = ASCII_ONLY.test(t);
    const wide = ascii ? 0 : (t.match(WIDE)?.length ?? 0);
    const w = t.length + 2 * wide;
    out.push({
      start, end, text: t, weight: w, words: wordCount(t) + wide / 2,
      sentenceEnd: ascii ? asciiSentenceEnd(t) : SENTENCE_END.test(t), sentences: t.match(ascii ? ASCII_SENTENCE_INNER : SENTENCE_INNER)?.length ?? 0,
      separators: SEPARATOR_CHARS.test(t) ? (t.match(SEPARATORS) ?? []).length : 0, repeats: 1, paragraph: blank(i - 1) && blank(i + 1),
      script: ascii ? (ASCII_LETTER.test(t) ? 'latin' : '') : scriptOf(t), dated: w < 90 && !!findDate(t),
    });
    asciiLines.push(ascii);
  });
  markRepeats(out, asciiLines);
  return out;
}

/**
 * Each line's `repeats`: how many lines have its key (its letters and digits, lower-cased, runs of
 * anything else as one space). Equal keys have equal signatures (a hash of the key's letters and
 * digits), so a line alone with its signature is alone with its key: only lines that share a
 * signature build their key. (Building every key was a third of this module's time.)
 */
function markRepeats(lines: Line[], ascii: boolean[]): void {
  const keys: (string | undefined)[] = [];
  const keyOf = (i: number) => (keys[i] ??= ascii[i] ? normAsciiLine(lines[i].text) : normLine(lines[i].text));
  const sigs = lines.map((l, i) => {
    const g = lineSignature(l.text);
    return Number.isNaN(g) ? keySignature(keyOf(i)) : g;
  });
  const bySig = new Map<number, number>();
  for (const g of sigs) bySig.set(g, (bySig.get(g) ?? 0) + 1);
  const counts = new Map<string, number>();
  lines.forEach((_, i) => { if (bySig.get(sigs[i])! > 1) counts.set(keyOf(i), (counts.get(keyOf(i)) ?? 0) + 1); });
  lines.forEach((l, i) => { l.repeats = bySig.get(sigs[i])! > 1 ? counts.get(keyOf(i))! : 1; });
}

const FNV_BASIS = 0x811c9dc5;
const fnv = (h: number, c: number) => Math.imul(h ^ c, 16777619);

/** FNV-1a over the characters of a key other than its spaces (a key holds letters, digits and single spaces). */
function keySignature(key: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== 32) h = fnv(h, key.charCodeAt(i));
  return h;
}

/**
 * keySignature of the line's key, read from the line itself (A-Z lower-cased, a-z and 0-9 kept, other
 * ASCII skipped), when its only other characters are punctuation and spaces that neither case nor the
 * key keeps; NaN for any other character (then the key is built).
 */
function lineSignature(t: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    if (c >= 128) {
      if (KEYLESS.has(c)) continue;
      return NaN;
    }
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
    h = fnv(h, c);
  }
  return h;
}

/** Punctuation and spaces of news text outside ASCII (no letter, no digit, unchanged by case): quotes, dashes, …, ·, •, ©. */
const KEYLESS = new Set([0xa0, 0xa9, 0xab, 0xae, 0xb0, 0xb7, 0xbb, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026]);

/**
 * Page furniture whatever the site: copyright, addresses, credits, counters, share rows. A test
 * with a `hint` runs only on lines that hold it: the hint is a cheap search for letters every
 * match must contain (in any case the flags allow, "K" the Kelvin sign included), so it never
 * changes the answer; the unanchored /iu searches cost more than the rest of the line reading.
 */
const FURNITURE: { hint?: RegExp; re: RegExp }[] = [
  { hint: /[©ⓒ(]|copyright/i, re: /(^|\s)(©|ⓒ|\(c\)\s*\d{4}|copyright\b)/i },
  // The legal notice of a footer, as sites write it in the languages of the benchmark and beyond.
  // Hint: "rv" of reserved/réservés/reservados/riservati, "vorb" of vorbehalten, "все" (with the old Cyrillic
  // forms that fold to в and с), 版权, 무단.
  { hint: /[rR][vV]|[vV][oO][rR][bB]|[вВ\u1c80][сС\u1c83][еЕ]|版权|무단/, re: /\b(all rights reserved|tous droits réservés|todos los derechos reservados|todos os direitos reservados|alle rechte vorbehalten|tutti i diritti riservati|все права защищены)\b|版权所有|무단전재/iu },
  { hint: /@/, re: /^[\w.+-]+@[\w-]+\.[\w.]+$/ },
  { re: /^(https?:\/\/|www\.)\S+$/i },
  { re: /^@\w+$/ },
  { hint: /[>»›]/, re: /(^|\s)(>>|»|›)\s*\p{L}/u },
  { hint: /:/, re: /^[\p{L} ]{0,20}(photo|image|foto|credit|bild)s?\s*:/iu },
  // A caption: its credit closes the line ("… (Image: AGENCY )", "…Credit: Agency", "(AP Photo/Name)", "Photo by Name").
  { hint: /[):]/, re: /(\([^()]{0,20}\b(image|photo|foto|picture|credit|bild)s?\b[^()]{0,60}\)|credits?\s*:[^.!?:]{0,60})$/iu },
  { re: /^(photo|image|picture|foto)s?\s+(by|via|courtesy)\b.{0,60}$/iu },
  { re: /^\d+\s*\/\s*\d+$/ },
  { re: /^[\d\s:.,/+%-]+$/ },
];

/** A cookie or consent notice: the word is the same in most languages the web is written in. */
export const COOKIE_NOTICE = /\bcookies?\b|куки|쿠키|クッキー/iu;
/** What every cookie notice holds: "ki" of cookie (k, K or the Kelvin sign; i or I), к, 쿠 or ク. */
const COOKIE_HINT = /[kK\u212a][iI]|[кК쿠ク]/;

function furnitureText(text: string): boolean {
  for (const f of FURNITURE) if ((!f.hint || f.hint.test(text)) && f.re.test(text)) return true;
  return false;
}

export function isFurniture(l: Line): boolean {
  if (l.foreign || l.separators >= 2 || l.dated) return true;
  // The text tests do not change with the caller: each line is tested once.
  return (l.furnitureText ??= (l.weight < 400 && COOKIE_HINT.test(l.text) && COOKIE_NOTICE.test(l.text)) || furnitureText(l.text));
}

/**
 * A line of article prose: long enough to say something, ending like a sentence, or
 * sixteen words and more (writers leave off the full stop; headlines are shorter).
 */
export function isProse(l: Line): boolean {
  return !isFurniture(l) && l.repeats === 1 && ((l.weight >= 80 && l.sentenceEnd) || (l.weight >= 120 && l.words >= 16) || l.weight >= 200 || (l.weight >= 50 && l.sentences >= 2));
}
