/**
 * The language of an article, from its body text (ISO 639-1), with eld, a small
 * n-gram detector from npm (measured against franc and tinyld in
 * `npm run bench:language`). The English-only stages (mentions, roles, events)
 * run only on articles read as English.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../doc/document.js';
import { NOT_ENGLISH } from './not-english.js';

declare module '../doc/document.js' {
  interface Metadata {
    /** ISO 639-1 code of the body's language (schema:inLanguage). */
    language?: string;
  }
}

/** Fewer letters than this and no detector tells languages apart reliably. */
const MIN_LETTERS = 20;
/** Enough text to decide; longer bodies only cost time. */
const SAMPLE_CHARS = 4000;

type Eld = { detect(text: string): { language: string } };
let detector: Eld | undefined;

/**
 * eld's 'small' model, loaded on first use: its 1.6 MB of n-grams took a new annotation worker
 * 0.3 s to evaluate and collect, and most English articles never ask (plainlyEnglish decides).
 * Loaded synchronously (require of an ES module, Node ≥ 20.19), since stages are synchronous.
 */
function eld(): Eld {
  if (!detector) {
    const require = createRequire(import.meta.url);
    // The package exports 'eld/small' for import only: its file is required by path.
    detector = (require(fileURLToPath(import.meta.resolve('eld/small'))) as { eld: Eld }).eld;
  }
  return detector;
}

function letterCount(text: string): number {
  return text.replace(NOT_LETTERS, '').length;
}
const NOT_LETTERS = /[^\p{L}]+/gu;

export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (letterCount(sample) < MIN_LETTERS) return undefined;
  return eld().detect(sample).language || undefined;
}

/**
 * The language of the doc's body: each block votes for its language with its letter
 * count, so a short summary in another language above an article does not decide it.
 */
export function detectDocLanguage(doc: Pick<Doc, 'text' | 'body'>): string | undefined {
  // Most articles say it in their first lines: one call on a short sample; the vote below only when
  // that sample reads as another language (a summary in Chinese above an English article).
  let head = '';
  for (const s of doc.body) { head += `${doc.text.slice(s.start, s.end)}\n`; if (head.length >= 1500) break; }
  if (plainlyEnglish(head) || detectLanguage(head.slice(0, 800)) === 'en') return 'en';
  const votes = new Map<string, number>();
  let seen = 0;
  let total = 0;
  for (const s of doc.body) {
    if (seen >= SAMPLE_CHARS) break;
    const block = doc.text.slice(s.start, s.end);
    const letters = letterCount(block);
    seen += block.length;
    const lang = letters >= MIN_LETTERS ? detectLanguage(block) : undefined;
    if (!lang) continue;
    votes.set(lang, (votes.get(lang) ?? 0) + letters);
    total += letters;
    // A clear majority over a paragraph's worth of letters decides: the rest only costs time.
    if (total >= 1200 && votes.get(lang)! >= 0.8 * total) break;
  }
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  // Only short blocks: read them together.
  return detectLanguage(doc.body.map((s) => doc.text.slice(s.start, s.end)).join('\n'));
}

/**
 * A fast path for the common case: text in Latin script where English function words are a fifth of the
 * words is English (no other language uses these words at that rate); anything else goes to eld.
 */
const ENGLISH_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'was', 'with', 'said', 'by', 'it', 'as', 'has', 'have', 'from', 'at', 'its', 'which', 'were', 'be', 'had', 'an', 'their', 'this', 'not', 'are']);
export function plainlyEnglish(text: string): boolean {
  const words = text.slice(0, 1500).toLowerCase().match(/[a-z]+|[^\sa-z\d\p{P}]+/gu) ?? [];
  if (words.length < 60) return false;
  let en = 0, other = 0;
  for (const w of words) {
    if (ENGLISH_FUNCTION_WORDS.has(w)) en++;
    else if (!/^[a-z]+$/.test(w)) other++;
  }
  return en >= 0.2 * words.length && other < 0.05 * words.length;
}

export { NOT_ENGLISH };

/** Is the doc for the English-only stages? Unknown language (too little text) counts as English. */
export function isEnglish(doc: Pick<Doc, 'meta'>): boolean {
  return !doc.meta.language || doc.meta.language === 'en';
}

/** A doc the English-only stages skip: no tokens or sentences, and a warning saying why. */
export function skipForLanguage(doc: Doc): Doc {
  return { ...doc, warnings: [...doc.warnings, `${NOT_ENGLISH} (${doc.meta.language}): mentions, roles and events were not read`] };
}
