/**
 * Sentences, tokens and part-of-speech tags with wink-nlp, one body block at a
 * time so that no sentence runs across a paragraph or into boilerplate. wink gives
 * token values and the spaces before each; offsets are rebuilt from those, so each
 * token is a span into the text read.
 */
import type { Doc, Sentence, Token } from '../doc/document.js';
import { nlp } from './wink.js';

export function tagBody(doc: Doc): { tokens: Token[]; sentences: Sentence[] } {
  const n = nlp();
  const its = n.its;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  doc.body.forEach((block, b) => {
    const wd = n.readDoc(doc.text.slice(block.start, block.end));
    const values = wd.tokens().out(its.value) as string[];
    const spaces = wd.tokens().out(its.precedingSpaces) as string[];
    const pos = wd.tokens().out(its.pos) as string[];
    const base = tokens.length;
    let off = block.start;
    for (let i = 0; i < values.length; i++) {
      off += spaces[i].length;
      tokens.push({ start: off, end: off + values[i].length, pos: pos[i], sentence: -1 });
      off += values[i].length;
    }
    wd.sentences().each((s: { out(x: unknown): unknown }) => {
      const [a, z] = s.out(its.span) as [number, number];
      const first = base + a;
      const last = base + z + 1;
      const si = sentences.length;
      for (let t = first; t < last; t++) tokens[t].sentence = si;
      sentences.push({ start: tokens[first].start, end: tokens[last - 1].end, firstToken: first, lastToken: last, block: b });
    });
  });
  return { tokens, sentences };
}
