/**
 * Sentences, tokens and part-of-speech tags with wink-nlp. The body blocks are read
 * in one wink pass (a pass per block cost more than the tagging itself), joined by
 * blank lines so that wink ends a sentence at each block; a sentence that still runs
 * across blocks is split there, so none runs into boilerplate. wink gives token
 * values and the spaces before each; offsets are rebuilt from those, so each token
 * is a span into the text read.
 */
import type { Doc, Sentence, Token } from '../doc/document.js';
import { nlp } from './wink.js';
import { splitLongRuns } from './long-runs.js';
import { foldForTagger } from './fold.js';

const SEP = '\n\n';

export function tagBody(doc: Doc): { tokens: Token[]; sentences: Sentence[] } {
  const n = nlp();
  const its = n.its;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  if (!doc.body.length) return { tokens, sentences };

  // Where each block starts in the joined string, to map offsets back into doc.text.
  const parts: string[] = [];
  const joinedStart: number[] = [];
  let len = 0;
  for (const b of doc.body) {
    joinedStart.push(len);
    parts.push(doc.text.slice(b.start, b.end));
    len += b.end - b.start + SEP.length;
  }
  const wd = n.readDoc(foldForTagger(splitLongRuns(parts.join(SEP))));
  const values = wd.tokens().out(its.value) as string[];
  const spaces = wd.tokens().out(its.precedingSpaces) as string[];
  const pos = wd.tokens().out(its.pos) as string[];
  const lemma = wd.tokens().out(its.lemma as typeof its.value) as string[];

  // Joined-string offset of each token → block and text offset; whitespace tokens are dropped.
  const keep = new Int32Array(values.length).fill(-1);
  const blockOf = new Int32Array(values.length).fill(-1);
  let off = 0;
  let b = 0;
  for (let i = 0; i < values.length; i++) {
    off += spaces[i].length;
    const start = off;
    off += values[i].length;
    if (!values[i].trim()) continue;
    while (b + 1 < joinedStart.length && start >= joinedStart[b + 1]) b++;
    const textStart = doc.body[b].start + (start - joinedStart[b]);
    keep[i] = tokens.length;
    blockOf[i] = b;
    tokens.push({ start: textStart, end: textStart + values[i].length, pos: pos[i], lemma: lemma[i].toLowerCase(), sentence: -1 });
  }

  const open = (first: number, block: number) => ({ first, block });
  wd.sentences().each((s: { out(x: unknown): unknown }) => {
    const [a, z] = s.out(its.span) as [number, number];
    let cur: { first: number; block: number } | undefined;
    const close = (lastTok: number) => {
      if (!cur) return;
      const si = sentences.length;
      for (let t = cur.first; t < lastTok; t++) tokens[t].sentence = si;
      sentences.push({ start: tokens[cur.first].start, end: tokens[lastTok - 1].end, firstToken: cur.first, lastToken: lastTok, block: cur.block });
      cur = undefined;
    };
    for (let i = a; i <= z; i++) {
      const t = keep[i];
      if (t < 0) continue;
      if (cur && blockOf[i] !== cur.block) close(t);
      cur ??= open(t, blockOf[i]);
    }
    let lastKept = -1;
    for (let i = z; i >= a && lastKept < 0; i--) lastKept = keep[i];
    if (lastKept >= 0) close(lastKept + 1);
  });
  return { tokens, sentences };
}
