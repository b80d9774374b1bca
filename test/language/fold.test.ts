import { describe, expect, it } from 'vitest';
import { foldForTagger } from '../../src/language/fold.js';
import { tagBody } from '../../src/language/tagger.js';
import type { Doc } from '../../src/doc/document.js';

describe('foldForTagger', () => {
  it('keeps the length and folds extended Latin letters to their base letter', () => {
    const text = 'Wodociągi Pomorskie, Łódź, Lê Thị Thu Hằng, Zieliński-Mróz, İstanbul';
    const folded = foldForTagger(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('Wodociagi Pomorskie, Lódz, Lê Thi Thu Hang, Zielinski-Mróz, Istanbul');
  });
  it('returns ASCII, Latin-1, Cyrillic and CJK text as it is', () => {
    for (const t of ['plain ASCII', 'Bélanger, Müller', 'Мария Захарова', '外交部发言人']) expect(foldForTagger(t)).toBe(t);
  });
});

describe('tagging names with letters outside Latin-1', () => {
  it('gives one token per word, sliced from the original text', () => {
    const text = 'Hackers hit Wodociągi Pomorskie in Łódź, said Krzysztof Zieliński.';
    const doc = { text, body: [{ start: 0, end: text.length }] } as unknown as Doc;
    const words = tagBody(doc).tokens.map((t) => text.slice(t.start, t.end));
    expect(words).toEqual(['Hackers', 'hit', 'Wodociągi', 'Pomorskie', 'in', 'Łódź', ',', 'said', 'Krzysztof', 'Zieliński', '.']);
  });
});
