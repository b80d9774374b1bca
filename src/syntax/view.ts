/**
 * One shared view of a document's tokens and mentions, built once per article and
 * read by the clause layer, the role finder and the event rules: words, lower-case
 * forms, lemmas and POS tags by token index, and the entity mentions ("agents")
 * that each token belongs to. Replaces the token-offset maps each stage rebuilt.
 */
import type { Doc, Mention } from '../doc/document.js';

/** A resolved mention seen as the tokens it covers. */
export interface Agent {
  m: Mention;
  /** Index of the mention in doc.mentions. */
  mi: number;
  cluster: number;
  /** First and last token index (inclusive). */
  first: number;
  last: number;
}

export class DocView {
  readonly words: string[];
  readonly lower: string[];
  readonly lemma: string[];
  readonly pos: string[];
  /** Agents by sentence, in text order; aliases in brackets and unresolved mentions are left out. */
  readonly agents: Agent[][];
  /** The innermost agent covering each token, if any. */
  private readonly agentOf: (Agent | undefined)[];
  /** The outermost agent covering each token ("Chinese Foreign Ministry", not "Chinese"). */
  private readonly outerOf: (Agent | undefined)[];

  constructor(readonly doc: Doc) {
    const n = doc.tokens.length;
    // The token arrays depend on the tokens alone: later stages that copy the doc share them.
    const t = tokenArrays(doc);
    this.words = t.words;
    this.lower = t.lower;
    this.lemma = t.lemma;
    this.pos = t.pos;
    this.agents = doc.sentences.map(() => []);
    this.agentOf = new Array(n).fill(undefined);
    this.outerOf = new Array(n).fill(undefined);
    doc.mentions.forEach((m, mi) => {
      if (m.cluster === undefined || m.aliasOf !== undefined) return;
      const first = this.tokenStartingAt(m.start);
      const last = this.tokenEndingAt(m.end);
      if (first === undefined || last === undefined || m.sentence < 0) return;
      const a: Agent = { m, mi, cluster: m.cluster, first, last };
      this.agents[m.sentence].push(a);
      for (let k = first; k <= last; k++) {
        const cur = this.agentOf[k];
        // The innermost (shortest) mention wins: "Chinese" inside "Chinese Foreign Ministry" is its own agent.
        if (!cur || cur.last - cur.first > last - first) this.agentOf[k] = a;
        const out = this.outerOf[k];
        if (!out || out.last - out.first < last - first || (out.last - out.first === last - first && a.first < out.first)) this.outerOf[k] = a;
      }
    });
    for (const list of this.agents) list.sort((x, y) => x.first - y.first || y.last - x.last);
  }

  get size(): number { return this.words.length; }

  /** Per-token flags the chunker asks for many times, computed once (see chunks.ts). */
  flags?: Uint8Array;
  /** Per token: whether it is a noun some pattern is triggered by (see clauses.ts). */
  triggerTokens?: Int8Array;
  /** Per sentence: the trigger bits of the patterns that may match in it (see rules/matcher.ts). */
  sentenceBits?: Int32Array;

  agentAt(tok: number): Agent | undefined { return this.agentOf[tok]; }

  /** The outermost agent covering a token, in constant time. */
  outerAt(tok: number): Agent | undefined { return this.outerOf[tok]; }


  /** The token that starts (ends) exactly at a text offset: a binary search, as tokens are in text order and never overlap. */
  tokenStartingAt(offset: number): number | undefined { return tokenAt(this.doc.tokens, offset, 'start'); }
  tokenEndingAt(offset: number): number | undefined { return tokenAt(this.doc.tokens, offset, 'end'); }

  text(first: number, last: number): string {
    return this.doc.text.slice(this.doc.tokens[first].start, this.doc.tokens[last].end);
  }

  sentenceText(si: number): string {
    const s = this.doc.sentences[si];
    return this.doc.text.slice(s.start, s.end);
  }
}

export interface TokenArrays { words: string[]; lower: string[]; lemma: string[]; pos: string[] }

/**
 * The last few keys and values of a per-document cache. Stages read one article at a time, so a
 * cache of its last two documents hits as often as a WeakMap; unlike a WeakMap's entries, which
 * outlive many young-generation collections, these die with the next articles (measured: the
 * WeakMaps made the collector promote 155 MB per 1,000 articles instead of 88 MB, and a
 * scavenge take twice as long).
 */
class RecentCache<K extends object, V> {
  private readonly keys: (K | undefined)[] = [undefined, undefined];
  private readonly values: (V | undefined)[] = [undefined, undefined];
  get(k: K): V | undefined {
    return this.keys[0] === k ? this.values[0] : this.keys[1] === k ? this.values[1] : undefined;
  }
  set(k: K, v: V): void {
    this.keys[1] = this.keys[0]; this.values[1] = this.values[0];
    this.keys[0] = k; this.values[0] = v;
  }
}

const tokenCache = new RecentCache<Doc['tokens'], TokenArrays>();

/** Words, lower-case forms, lemmas and tags by token, made once per token list (the recogniser reads them too). */
export function tokenArrays(doc: Doc): TokenArrays {
  let t = tokenCache.get(doc.tokens);
  if (t) return t;
  const n = doc.tokens.length;
  t = { words: new Array(n), lower: new Array(n), lemma: new Array(n), pos: new Array(n) };
  doc.tokens.forEach((tok, i) => {
    const w = doc.text.slice(tok.start, tok.end);
    t!.words[i] = w;
    t!.lower[i] = w.toLowerCase();
    t!.lemma[i] = tok.lemma ?? t!.lower[i];
    t!.pos[i] = tok.pos;
  });
  tokenCache.set(doc.tokens, t);
  return t;
}

function tokenAt(tokens: Doc['tokens'], offset: number, side: 'start' | 'end'): number | undefined {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = tokens[mid][side];
    if (at === offset) return mid;
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Views are built once per document and shared by the stages that read it. */
const views = new RecentCache<Doc, DocView>();
export function viewOf(doc: Doc): DocView {
  let v = views.get(doc);
  if (!v) views.set(doc, (v = new DocView(doc)));
  return v;
}
