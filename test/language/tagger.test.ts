import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { nlp } from '../../src/language/wink.js';
import type { Doc } from '../../src/doc/document.js';

const settings = resolveSettings();
const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const UPOS = new Set(['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE']);

let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });
const annotate = (name: string, data: string | Buffer): Doc => annotateDoc(readDoc({ name, data }, settings), kb);

/** Checks that hold for any annotated document. */
function checkLayers(doc: Doc): void {
  const n = nlp();
  // Tokens: spans in text order, each slicing back to the token wink read in its block.
  for (const [b, block] of doc.body.entries()) {
    const want = n.readDoc(doc.text.slice(block.start, block.end)).tokens().out(n.its.value) as string[];
    const got = doc.tokens.filter((t) => t.start >= block.start && t.end <= block.end).map((t) => doc.text.slice(t.start, t.end));
    expect(got, `block ${b}`).toEqual(want);
  }
  for (let i = 1; i < doc.tokens.length; i++) expect(doc.tokens[i].start).toBeGreaterThanOrEqual(doc.tokens[i - 1].end);
  // Between two tokens of a block there is only whitespace.
  for (let i = 1; i < doc.tokens.length; i++) {
    const gap = doc.text.slice(doc.tokens[i - 1].end, doc.tokens[i].start);
    if (!gap.includes('\n')) expect(gap.trim(), `gap before token ${i}`).toBe('');
  }
  // Sentences: inside one body block, covering exactly their tokens, every token in one sentence.
  for (const [si, s] of doc.sentences.entries()) {
    const block = doc.body[s.block];
    expect(s.start, `sentence ${si}`).toBeGreaterThanOrEqual(block.start);
    expect(s.end, `sentence ${si}`).toBeLessThanOrEqual(block.end);
    expect(doc.text.slice(s.start, s.end)).not.toContain('\n');
    expect(s.start).toBe(doc.tokens[s.firstToken].start);
    expect(s.end).toBe(doc.tokens[s.lastToken - 1].end);
    for (let t = s.firstToken; t < s.lastToken; t++) expect(doc.tokens[t].sentence).toBe(si);
    if (si > 0) expect(s.firstToken).toBe(doc.sentences[si - 1].lastToken);
  }
  expect(doc.sentences.at(-1)?.lastToken ?? 0).toBe(doc.tokens.length);
  // No token or sentence in the boilerplate.
  for (const bp of doc.boilerplate) expect(doc.tokens.some((t) => t.start < bp.end && t.end > bp.start)).toBe(false);
  // Part of speech on every token.
  for (const t of doc.tokens) expect(UPOS.has(t.pos), `${doc.text.slice(t.start, t.end)} ${t.pos}`).toBe(true);
}

describe('tagBody on the seed articles', () => {
  it.each(readdirSync(SEEDS).filter((f) => f.endsWith('.txt')))('%s: token offsets, sentences within blocks, POS', (f) => {
    const doc = annotate(f, readFileSync(SEEDS + f));
    expect(doc.tokens.length).toBeGreaterThan(300);
    checkLayers(doc);
  });
});

describe('tagBody on made-up text', () => {
  const text = [
    'Home | World | Tech',
    'Officials in Ottawa said they didn\'t know who was behind the attack on the U.S.\u00a0embassy\'s e-mail servers.',
    'The minister said  the hackers can\'t have acted alone.   She called it "an attack on us all" at 5:30 p.m. on Monday.',
    'Dr. Smith told reporters that the U.S. and Canada would respond. The agency declined to comment.',
  ].join('\n');
  let doc: Doc;
  beforeAll(() => { doc = annotate('made-up.txt', text); });

  it('keeps offsets through contractions, non-breaking spaces, double spaces and abbreviations', () => {
    checkLayers(doc);
    const words = doc.tokens.map((t) => doc.text.slice(t.start, t.end));
    expect(words).toContain('U.S.');
    expect(words).toContain("n't");
  });

  it('splits sentences inside a paragraph but never across two paragraphs', () => {
    const sentences = doc.sentences.map((s) => doc.text.slice(s.start, s.end));
    expect(sentences).toContain('The minister said  the hackers can\'t have acted alone.');
    expect(sentences).toContain('She called it "an attack on us all" at 5:30 p.m. on Monday.');
    // Abbreviations ("Dr.", "U.S.") do not end a sentence.
    expect(sentences).toContain('Dr. Smith told reporters that the U.S. and Canada would respond.');
    expect(sentences.at(-1)).toBe('The agency declined to comment.');
    expect(new Set(doc.sentences.map((s) => s.block)).size).toBe(doc.body.length);
  });

  it('tags names as proper nouns and "said" as a verb', () => {
    const pos = (w: string) => doc.tokens.find((t) => doc.text.slice(t.start, t.end) === w)?.pos;
    expect(pos('Ottawa')).toBe('PROPN');
    expect(pos('said')).toBe('VERB');
    expect(pos('minister')).toBe('NOUN');
    expect(pos('the')).toBe('DET');
  });
});
