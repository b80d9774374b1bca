import { describe, expect, it } from 'vitest';
import { decodeArticle, normaliseText, repairMojibake } from '../../src/read/decode.js';
import { readDoc } from '../../src/pipeline/annotate.js';
import { UnreadableInputError } from '../../src/errors.js';

const LIMITS = { maxFileBytes: 64 * 1024 };
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The error decodeArticle throws for these bytes (fails the test if it throws none). */
function failure(file: string, data: Uint8Array, limits = LIMITS): UnreadableInputError {
  try {
    decodeArticle(file, data, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableInputError);
    return e as UnreadableInputError;
  }
  throw new Error(`decodeArticle accepted ${file}`);
}

describe('decodeArticle refuses what is not an article', () => {
  it('an empty file: the message names the file and says it is empty', () => {
    const e = failure('empty-story.txt', new Uint8Array(0));
    expect(e.file).toBe('empty-story.txt');
    expect(e.message).toContain('empty-story.txt');
    expect(e.reason).toMatch(/empty/i);
    expect(e.message).toContain(e.reason);
  });

  it('a file of only whitespace holds no words', () => {
    const e = failure('blank.txt', utf8(' \t\n  \r\n   \n'));
    expect(e.message).toContain('blank.txt');
    expect(e.reason).toMatch(/no words|empty/i);
  });

  it('binary data with NUL bytes, even when it is mostly letters', () => {
    const bytes = utf8('The ministry said on Monday that hackers broke in. '.repeat(20));
    bytes[100] = 0;
    const e = failure('photo.txt', bytes);
    expect(e.message).toContain('photo.txt');
    expect(e.reason).toMatch(/binary/i);
  });

  it('a file over maxFileBytes, with the limit in the message', () => {
    const e = failure('huge.txt', utf8('word '.repeat(300)), { maxFileBytes: 1000 });
    expect(e.message).toContain('huge.txt');
    expect(e.reason).toContain('1000');
    expect(e.reason).toMatch(/limit|maxFileBytes/);
  });

  it('the limit is inclusive: a file of exactly maxFileBytes is read', () => {
    const text = 'word '.repeat(200);
    expect(decodeArticle('exact.txt', utf8(text), { maxFileBytes: 1000 })).toBe(text);
  });

  it('bytes that are not UTF-8 (Latin-1 "José Ramón") and the fix', () => {
    const latin1 = Uint8Array.from(Buffer.from('Madrid, Feb 12 -- José Ramón said the breach was serious.', 'latin1'));
    const e = failure('latin1-story.txt', latin1);
    expect(e.message).toContain('latin1-story.txt');
    expect(e.reason).toMatch(/UTF-8/);
  });

  it('readDoc applies the same refusals to string input, naming the base name of the file', () => {
    expect(() => readDoc({ name: 'in/dir/blank.txt', data: '   \n\t ' }, LIMITS)).toThrow(UnreadableInputError);
    expect(() => readDoc({ name: 'in/dir/blank.txt', data: '   \n\t ' }, LIMITS)).toThrow(/blank\.txt/);
    expect(() => readDoc({ name: 'big.txt', data: 'word '.repeat(300) }, { maxFileBytes: 1000 })).toThrow(/big\.txt.*1000/);
  });
});

describe('decodeArticle repairs what scraped pages carry, keeping the text faithful', () => {
  it('turns the mojibake "â€™" back into ’ and "â€œ…â€" into curly quotes', () => {
    const text = decodeArticle('m.txt', utf8('China\u00e2\u20ac\u2122s ministry called it \u00e2\u20ac\u0153groundless\u00e2\u20ac\u009d.'), LIMITS);
    expect(text).toBe('China’s ministry called it “groundless”.');
  });

  it('repairs two-byte mojibake ("GdaÅ„sk" → "Gdańsk") but leaves real accented text alone', () => {
    expect(repairMojibake('Gda\u00c5\u201esk port')).toBe('Gdańsk port');
    for (const ok of ['München', 'résumé of Ångström', 'naïve façade', 'Señor Núñez']) expect(repairMojibake(ok)).toBe(ok);
  });

  it('reads a non-breaking space as a plain space without changing the length', () => {
    const raw = 'Spokesman\u00a0Hong\u00a0Lei said 5\u202f000 files were taken.';
    const text = decodeArticle('nbsp.txt', utf8(raw), LIMITS);
    expect(text).toBe('Spokesman Hong Lei said 5 000 files were taken.');
    expect(text.length).toBe(raw.length);
    expect(normaliseText(raw).length).toBe(raw.length);
  });

  it('keeps CJK text as it is', () => {
    const raw = '美国司法部19日宣布起诉5名中国军官。\nThe ministry said the charges were groundless.';
    expect(decodeArticle('cjk.txt', utf8(raw), LIMITS)).toBe(raw);
  });

  it('drops a byte-order mark and normalises CRLF line ends', () => {
    expect(decodeArticle('bom.txt', utf8('\ufeffFirst line\r\nSecond line\rThird'), LIMITS)).toBe('First line\nSecond line\nThird');
  });
});
