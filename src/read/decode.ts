/**
 * Bytes → text, refusing what is not an article (empty, binary, not UTF-8, too big)
 * and repairing the encoding mishaps scraped pages carry. Every repair keeps the
 * text a faithful reading: offsets later point into what this returns.
 */
import { UnreadableInputError } from '../errors.js';

const CP1252_EXTRA: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The byte a character stands for when UTF-8 was mis-read as Windows-1252, or -1. */
function cp1252Byte(ch: number): number {
  if (ch >= 0x80 && ch <= 0xff) return ch;
  return CP1252_EXTRA[ch] ?? -1;
}

const CONT = '[\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013-\\u2122]';
// A lead byte and exactly as many continuation bytes as it announces.
const MOJIBAKE_RUN = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');

/**
 * Repair mojibake: runs like "â€™" (UTF-8 bytes of ’ read as Windows-1252) become the
 * character they encoded. Only runs that decode to valid UTF-8 are touched.
 */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]/.test(text)) return text;
  return text.replace(MOJIBAKE_RUN, (run) => {
    const bytes: number[] = [];
    for (const c of run) {
      const b = cp1252Byte(c.codePointAt(0)!);
      if (b < 0) return run;
      bytes.push(b);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      return run;
    }
  });
}

/** Normalise what is invisible or inconsistent, character for character where possible. */
export function normaliseText(text: string): string {
  return repairMojibake(text.replace(/^\ufeff/, ''))
    .replace(/\r\n?/g, '\n')
    // Non-breaking and odd-width spaces read as plain spaces so tokens split where a reader sees a gap.
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/[\u200b\u200c\u200d\u2060]/g, '');
}

export interface DecodeLimits {
  maxFileBytes: number;
}

/** Decode one file's bytes as UTF-8 text, or throw UnreadableInputError naming why not. */
export function decodeArticle(file: string, data: Uint8Array, limits: DecodeLimits): string {
  if (data.length === 0) throw new UnreadableInputError(file, 'the file is empty');
  if (data.length > limits.maxFileBytes)
    throw new UnreadableInputError(file, `the file is ${data.length} bytes, over the ${limits.maxFileBytes}-byte limit (raise maxFileBytes)`);
  if (looksBinary(data)) throw new UnreadableInputError(file, 'the file is binary, not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new UnreadableInputError(file, 'the file is not valid UTF-8 (convert it, e.g. iconv -f latin1 -t utf-8)');
  }
  text = normaliseText(text);
  if (!/\p{L}/u.test(text)) throw new UnreadableInputError(file, 'the file holds no words');
  return text;
}

function looksBinary(data: Uint8Array): boolean {
  const n = Math.min(data.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.05;
}
