/**
 * A token-sequence matcher, in the spirit of spaCy's Matcher: a pattern is a list of
 * elements (a word set, any word, an organization or person mention, a group, each with
 * a repetition count), matched left to right over one sentence of the shared view, with
 * backtracking. Named elements capture what they read. Patterns may also name sequences
 * that must not stand just before or just after a match (lookarounds), which is how a
 * shape says "not when a name was already given". The matcher only reports matches;
 * what they mean is decided by the caller's policy.
 */
import type { EntityKind, Mention } from '../doc/document.js';
import type { Agent, DocView } from '../syntax/view.js';

/** What a capture read: a token range and, for a mention element, the mention. */
export interface Capture {
  first: number;
  last: number;
  agent?: Agent;
  mention?: Mention;
}

/** One way an element consumes tokens from k: the position after it, and its captures. */
export interface Step {
  next: number;
  agent?: Agent;
  mention?: Mention;
  caps?: Readonly<Record<string, Capture>>;
}

/** A sentence being matched: the view, the sentence index and its token range. */
export class SequenceSentence {
  readonly first: number;
  /** One past the last token. */
  readonly end: number;
  constructor(readonly v: DocView, readonly index: number, private readonly index_: MentionIndex) {
    const s = v.doc.sentences[index];
    this.first = s.firstToken;
    this.end = s.lastToken;
  }
  get agents(): readonly Agent[] { return this.v.agents[this.index] ?? []; }
  private starting?: Map<number, Agent[]>;
  /** The sentence's agents starting at token k, in the view's order (built on first use). */
  agentsAt(k: number): readonly Agent[] {
    if (!this.starting) {
      this.starting = new Map();
      for (const a of this.agents) (this.starting.get(a.first) ?? this.starting.set(a.first, []).get(a.first)!).push(a);
    }
    return this.starting.get(k) ?? NO_AGENTS;
  }
  /** Every mention starting at token k, resolved or not (the view's agents leave unresolved ones out). */
  mentionsAt(k: number): readonly Mention[] { return this.index_.at(k); }

  private readonly memo = new Map<Element, (readonly Step[] | undefined)[]>();
  /**
   * The ways an element matches at k, worked out once per sentence: patterns share their
   * elements (titles, qualifiers, names), and backtracking asks the same question again.
   */
  steps(e: Element, k: number): readonly Step[] {
    let row = this.memo.get(e);
    if (!row) this.memo.set(e, (row = []));
    return (row[k - this.first] ??= e.at(this, k));
  }
}

const NO_AGENTS: readonly Agent[] = [];

/** Mentions by first token, built once per document. */
class MentionIndex {
  private readonly byTok = new Map<number, Mention[]>();
  constructor(v: DocView) {
    for (const m of v.doc.mentions) {
      const k = v.tokenStartingAt(m.start);
      if (k !== undefined) (this.byTok.get(k) ?? this.byTok.set(k, []).get(k)!).push(m);
    }
  }
  at(k: number): readonly Mention[] { return this.byTok.get(k) ?? []; }
}

export interface Element {
  /** Ways to match at token k, in order of preference. */
  at(s: SequenceSentence, k: number): readonly Step[];
  min: number;
  max: number;
  /** Repeat as few times as will do, not as many. */
  lazy?: boolean;
  /** Shown in test names and errors. */
  label: string;
  /** Word sets the element cannot match without: each needs one of its words in the sentence (a quick filter). */
  needs?: readonly ReadonlySet<string>[];
  /** Whether the sentence has what the element needs at all (a mention of its kind): a quick filter. */
  possible?: (s: SequenceSentence) => boolean;
}

export interface SequencePattern<D = unknown> {
  id: string;
  elements: readonly Element[];
  /** A sequence that must not end just before the match (or one of its captures) / start just after it. */
  notBefore?: Lookaround;
  notAfter?: Lookaround;
  data: D;
}

export interface Lookaround {
  els: readonly Element[];
  /** Relative to this capture rather than to the whole match. */
  of?: string;
}

export interface SequenceMatch<D = unknown> {
  pattern: SequencePattern<D>;
  sentence: number;
  first: number;
  /** Last token (inclusive). */
  last: number;
  caps: Record<string, Capture>;
}

// ---- elements ----

const one = (label: string, at: Element['at']): Element => ({ at, min: 1, max: 1, label });

/** A token whose lower-case form is one of the words. */
export function word(...words: string[]): Element {
  const set = new Set(words);
  return { ...one(words.join('|'), (s, k) => (k < s.end && set.has(s.v.lower[k]) ? [{ next: k + 1 }] : [])), needs: [set] };
}

/** Any one token, except the words given. */
export function anyBut(...words: string[]): Element {
  const set = new Set(words);
  return one(`¬(${words.join('|')})`, (s, k) => (k < s.end && !set.has(s.v.lower[k]) ? [{ next: k + 1 }] : []));
}

/** A token the test accepts (a word list written as a regular expression). */
export function wordLike(re: RegExp): Element {
  return one(String(re), (s, k) => (k < s.end && re.test(s.v.words[k]) ? [{ next: k + 1 }] : []));
}

/** The longest title the recogniser keeps with a name, in tokens ("Chinese Foreign Ministry Deputy Spokesperson"). */
const MAX_TITLE_TOKENS = 8;

const ORG_KINDS: readonly EntityKind[] = ['Organization', 'Country'];
const isOrg = (a: Agent) => ORG_KINDS.includes(a.m.kind) && !a.m.modifier;

/** A whole organization or country mention starting here (not a modifier such as "Chinese" in "Chinese hackers"). */
export function org(): Element {
  return { ...one('ORG', (s, k) => s.agentsAt(k).filter(isOrg).map((a) => ({ next: a.last + 1, agent: a }))), possible: (s) => s.agents.some(isOrg) };
}

/** An organization starting here, else one this token is inside ("for the US Justice Department" read from "US"). */
export function orgAt(): Element {
  return one('ORG@', (s, k) => {
    const a = s.agentsAt(k).find(isOrg) ?? s.agents.find((x) => x.first <= k && k <= x.last && isOrg(x));
    return a ? [{ next: a.last + 1, agent: a }] : [];
  });
}

/**
 * A named (resolved, not anaphoric) person. With `title`, the person's mention must carry a
 * title the recogniser kept with the name ("Foreign Ministry Spokesperson Hua Chunying"), and
 * the element starts at that title.
 */
export function person(opts: { title?: RegExp } = {}): Element {
  const named = (a: Agent) => a.m.kind === 'Person' && !a.m.anaphor;
  if (!opts.title) return { ...one('PERSON', (s, k) => s.agentsAt(k).filter(named).map((a) => ({ next: a.last + 1, agent: a }))), possible: (s) => s.agents.some(named) };
  const title = opts.title;
  const possible = (s: SequenceSentence) => s.agents.some((a) => named(a) && !!a.m.title && title.test(a.m.title));
  return { possible, ...titled(title, named) };
}

function titled(title: RegExp, named: (a: Agent) => boolean): Element {
  return one('TITLED-PERSON', (s, k) => {
    const out: Step[] = [];
    // The name starts a few tokens after its title.
    for (let j = k + 1; j < s.end && j <= k + MAX_TITLE_TOKENS; j++) {
      for (const a of s.agentsAt(j)) {
        if (!named(a) || !a.m.title || !title.test(a.m.title)) continue;
        if (s.v.tokenStartingAt(s.v.doc.text.lastIndexOf(a.m.title, a.m.start)) === k) out.push({ next: a.last + 1, agent: a });
      }
    }
    return out;
  });
}

/** Any person name starting here, resolved or not (for lookarounds: "a name is written here"). */
export function anyPerson(): Element {
  return one('ANY-PERSON', (s, k) => s.mentionsAt(k).filter((m) => m.kind === 'Person' && !m.anaphor)
    .map((m) => ({ next: (s.v.tokenEndingAt(m.end) ?? k) + 1, mention: m })));
}

/** An anaphoric person mention starting here whose text the test accepts ("the spokesperson"). */
export function anaphor(re: RegExp): Element {
  return one('ANAPHOR', (s, k) => s.mentionsAt(k).filter((m) => m.kind === 'Person' && m.anaphor && re.test(s.v.doc.text.slice(m.start, m.end)))
    .map((m) => ({ next: (s.v.tokenEndingAt(m.end) ?? k) + 1, mention: m })));
}

/** Alternatives, tried in order (every way of the first, then of the next…). */
export function alt(...els: Element[]): Element {
  const e = one(`(${els.map((x) => x.label).join(' | ')})`, (s, k) => els.flatMap((x) => stepsOf(s, [x], k)));
  // Needs one of the words some alternative needs, when every alternative needs some.
  const each = els.map((x) => requirements([x]));
  return each.every((n) => n.length) ? { ...e, needs: [new Set(each.flatMap((n) => n.flatMap((w) => [...w])))] } : e;
}

/** A sub-sequence, as one element (every way it matches, so what follows can backtrack into it). */
export function group(...els: Element[]): Element {
  const e = one(`[${els.map((x) => x.label).join(' ')}]`, (s, k) => stepsOf(s, els, k));
  return { ...e, needs: requirements(els) };
}

export const opt = (e: Element): Element => ({ ...e, min: 0, max: 1, label: `${e.label}?` });
export const star = (e: Element, max = Infinity): Element => ({ ...e, min: 0, max, label: `${e.label}*` });
/** Between min and max tokens, as few as will do. */
export const gap = (e: Element, min: number, max: number): Element => ({ ...e, min, max, lazy: true, label: `${e.label}{${min},${max}}` });

/** Names what an element reads, so the caller finds it in match.caps. */
export function cap(name: string, e: Element): Element {
  return {
    ...e,
    possible: e.possible,
    label: `${name}:${e.label}`,
    at: (s, k) => e.at(s, k).map((st) => ({ ...st, caps: { ...st.caps, [name]: { first: k, last: st.next - 1, agent: st.agent, mention: st.mention } } })),
  };
}

// ---- matching ----

interface Result { next: number; caps: Record<string, Capture> }

/** The word sets a sequence cannot match without (those of its required elements). */
function requirements(els: readonly Element[]): ReadonlySet<string>[] {
  return els.flatMap((e) => (e.min > 0 ? e.needs ?? [] : []));
}

/** Every way to match a whole sequence at k, as single steps (for groups and alternatives). */
function stepsOf(s: SequenceSentence, els: readonly Element[], k: number): Step[] {
  const out: Step[] = [];
  ways(s, els, 0, k, {}, (r) => { out.push({ next: r.next, caps: r.caps }); return false; });
  return out;
}

/** The first way (in order of preference) to match a whole sequence at k. */
function firstWay(s: SequenceSentence, els: readonly Element[], k: number): Result | undefined {
  let found: Result | undefined;
  ways(s, els, 0, k, {}, (r) => { found = r; return true; });
  return found;
}

/** Receives each way to match, in order of preference; answers true to stop the search. */
type Sink = (r: Result) => boolean;

/**
 * Every way to match els[i..] from token k, in order of preference (greedy repetition first,
 * unless lazy), handed to the sink until it says stop. A depth-first search with callbacks:
 * nested generators cost a resumption per level for every way found, and this runs for
 * every candidate start token.
 */
function ways(s: SequenceSentence, els: readonly Element[], i: number, k: number, caps: Record<string, Capture>, sink: Sink): boolean {
  return i === els.length ? sink({ next: k, caps }) : repeats(s, els, i, k, 0, caps, sink);
}

function repeats(s: SequenceSentence, els: readonly Element[], i: number, k: number, count: number, caps: Record<string, Capture>, sink: Sink): boolean {
  const e = els[i];
  if (e.lazy && count >= e.min && ways(s, els, i + 1, k, caps, sink)) return true;
  if (count < e.max) {
    for (const st of s.steps(e, k)) {
      const next = st.caps ? { ...caps, ...st.caps } : caps;
      // A step that reads nothing (an empty group) counts once; repeating it would loop.
      if (st.next <= k) {
        if (count + 1 >= e.min && ways(s, els, i + 1, k, next, sink)) return true;
      } else if (repeats(s, els, i, st.next, count + 1, next, sink)) return true;
    }
  }
  return !e.lazy && count >= e.min && ways(s, els, i + 1, k, caps, sink);
}

/** Whether `els` can match ending exactly at token `end` - 1, starting no earlier than the sentence. */
function endsAt(s: SequenceSentence, els: readonly Element[], end: number): boolean {
  const stop: Element = { at: (_s, k) => (k === end ? [{ next: k }] : []), min: 1, max: 1, label: 'END' };
  const seq = [...els, stop];
  for (let start = end - 1; start >= s.first; start--) if (firstWay(s, seq, start)) return true;
  return false;
}

function hasAny(words: ReadonlySet<string>, present: ReadonlySet<string>): boolean {
  for (const w of words) if (present.has(w)) return true;
  return false;
}

/**
 * Can a match start at k? Some element up to the first required one must match there (an
 * optional one may be skipped, a required one may not). Conservative: a zero-width step counts.
 */
function canStart(s: SequenceSentence, els: readonly Element[], k: number): boolean {
  for (const e of els) {
    if (s.steps(e, k).length) return true;
    if (e.min > 0) return false;
  }
  return true;
}

/** Each pattern's required word sets, worked out once. */
const needed = new WeakMap<object, readonly ReadonlySet<string>[]>();

/** How far before its first needed word a match may start ("the Chinese Foreign Ministry's deputy spokesperson"). */
const MAX_LEAD = 16;

/** Patterns matched over sentences of one document view. */
export class SequenceMatcher<D> {
  private readonly index: MentionIndex;
  constructor(readonly v: DocView, readonly patterns: readonly SequencePattern<D>[]) {
    this.index = new MentionIndex(v);
  }

  /** Every match in a sentence: for each pattern and start token, its first way to match. */
  sentence(si: number): SequenceMatch<D>[] {
    const s = new SequenceSentence(this.v, si, this.index);
    const out: SequenceMatch<D>[] = [];
    const present = new Set(this.v.lower.slice(s.first, s.end));
    for (const p of this.patterns) {
      if (!this.needs(p).every((set) => hasAny(set, present))) continue;
      if (p.elements.some((e) => e.min > 0 && e.possible && !e.possible(s))) continue;

      // A match holds its needed words: it starts at most a few tokens before the first of them.
      const needs = this.needs(p);
      let from = s.first;
      let to = s.end;
      if (needs.length) {
        const at: number[] = [];
        for (let t = s.first; t < s.end; t++) if (needs.some((set) => set.has(this.v.lower[t]))) at.push(t);
        from = Math.max(s.first, at[0] - MAX_LEAD);
        to = at[at.length - 1] + 1;
      }
      for (let k = from; k < to; k++) {
        // Most tokens cannot open a match: test the leading elements before starting the backtracking search.
        if (!canStart(s, p.elements, k)) continue;
        const r = firstWay(s, p.elements, k);
        if (!r || r.next === k) continue;
        const around = (l: Lookaround) => (l.of ? r.caps[l.of] : undefined) ?? { first: k, last: r.next - 1 };
        if (p.notBefore && endsAt(s, p.notBefore.els, around(p.notBefore).first)) continue;
        if (p.notAfter && firstWay(s, p.notAfter.els, around(p.notAfter).last + 1)) continue;
        out.push({ pattern: p, sentence: si, first: k, last: r.next - 1, caps: r.caps });
      }
    }
    return out;
  }

  private needs(p: SequencePattern<D>): readonly ReadonlySet<string>[] {
    let n = needed.get(p);
    if (!n) needed.set(p, (n = requirements(p.elements)));
    return n;
  }

  all(): SequenceMatch<D>[] {
    return this.v.doc.sentences.flatMap((_, si) => this.sentence(si));
  }
}
