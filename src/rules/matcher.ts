/**
 * A small matcher over the clause layer, in the spirit of spaCy's Matcher: a pattern
 * names the verb or noun lemmas that trigger it, the voice it needs, and for each role
 * the ordered places its filler is read from (subject, object, by-agent, a preposition,
 * a possessor…). Matching only reports what the sentence says; deciding what it means
 * (sides, which accusation a response answers) is policy, elsewhere.
 */
import type { Clause, SentenceSyntax } from '../syntax/clauses.js';
import { pastToLemma, type NounChunk, type VerbGroup } from '../syntax/chunks.js';
import type { Agent, DocView } from '../syntax/view.js';
import { ownString } from '../doc/own-string.js';

/** Where a role's filler is read, relative to the trigger. */
export type Slot =
  | 'subject' | 'object' | 'by' | 'possessor' | 'modifier' | 'head'
  /** for a noun: the trigger's own phrase, read by the resolver ("inside its network" → its owner) */
  | 'self'
  /** the subject of the that-clause the trigger governs ("said that X hacked", "the claim that X hacked") */
  | 'complement-subject'
  /** for a noun: the subject of the verb whose object it is ("X released a report", "X filed charges") */
  | 'governor-subject'
  /** for a noun: the object of the verb whose subject it is ("the report blamed X") */
  | 'governor-object'
  | `pp:${string}`;

export interface Example {
  text: string;
  /** Role → a word of the filler's name that must be found. */
  expect?: Record<string, string>;
}

export interface Pattern<R extends string = string, D = unknown> {
  id: string;
  /** Verb lemmas that trigger it; '*' for any verb (then other constraints must narrow it). */
  verbs?: readonly string[];
  nouns?: readonly string[];
  /** A word that must follow the trigger ("broke into", "carried out", "was behind"). */
  particle?: readonly string[];
  voice?: 'active' | 'passive';
  /** For nouns: an adjective that must modify it ("groundless accusations"). */
  modifiedBy?: readonly string[];
  /** Words that must stand after the trigger in its clause ("called the charges groundless"), or just before it ("take measures"). */
  after?: readonly string[];
  before?: readonly string[];
  /** Words that must not stand in the six tokens before the trigger ("urged China to take action" is no action of China's). */
  unless?: readonly string[];
  /**
   * Modals the verb group must carry ("should stop", "must withdraw"): the modal is what the
   * pattern reads (a demand), so the match is asserted, not hypothetical.
   */
  modal?: readonly string[];
  /** 'negative': matches only a negated verb ("had never engaged in hacking"). */
  polarity?: 'negative';
  slots: Partial<Record<R, readonly Slot[]>>;
  /** Roles that must be filled for the pattern to match. */
  require?: readonly R[];
  data: D;
  /** Sentences it must match (with the fillers named), and sentences it must not. */
  examples: readonly Example[];
  counter: readonly string[];
}

export interface Match<R extends string = string, D = unknown> {
  pattern: Pattern<R, D>;
  sentence: number;
  clause: number;
  /** Token index of the trigger word. */
  trigger: number;
  slots: Partial<Record<R, Agent[]>>;
  /** The noun phrase each role was read from, filled or not (a response's "the charges"). */
  phrases: Partial<Record<R, NounChunk>>;
  negated: boolean;
  /** may/might/could, or inside an if-/whether-clause: said to be possible, not asserted. */
  hypothetical: boolean;
}

const NONE: readonly never[] = [];

/**
 * Every noun any matcher is triggered by: the clause layer keeps only these tokens as noun
 * triggers, so each matcher looks up a handful of words per sentence, not every noun.
 */
export const NOUN_TRIGGERS = new Set<string>();
/** Every verb lemma any matcher is triggered by ('*' for any verb). */
export const VERB_TRIGGERS = new Set<string>();

/**
 * Which matchers each trigger word can start, a bit per matcher: a matcher skips the sentences
 * that hold none of its words, and a sentence no matcher can start in is never parsed.
 */
const WORD_BITS = new Map<string, number>();
/** Matchers with a pattern no word announces (any verb, no other word required): they read every sentence. */
let ALWAYS = 0;
let matchers = 0;

function addWord(w: string, bit: number): void {
  WORD_BITS.set(w, (WORD_BITS.get(w) ?? 0) | bit);
  // The word and its plural announce it: "charge" and "charges".
  for (const f of [w, `${w}s`]) FORM_BITS.set(f, (FORM_BITS.get(f) ?? 0) | bit);
  PAST_BITS.clear();
}

/**
 * The matchers that may start in tokens [first, last): a token names its lemma, its word, its
 * singular, and for an -ed word tagged as an adjective the verb the chunker reads ("alleged").
 */
export function triggerBits(lower: readonly string[], lemma: readonly string[], first: number, last: number): number {
  let m = ALWAYS;
  for (let t = first; t < last; t++) {
    const w = lower[t];
    m |= wordBits(w);
    if (lemma[t] !== w) m |= WORD_BITS.get(lemma[t]) ?? 0;
  }
  return m;
}

/**
 * The bits of each trigger word and of its plural: a word's own bits and its singular's, in one
 * lookup in a table the size of the pattern tables' vocabulary (a memo of every word seen was a
 * table of the whole vocabulary of the articles, and each token's lookup missed the cache).
 */
const FORM_BITS = new Map<string, number>();
/** The bits of the verb an -ed form stands for, memoised per word form. */
const PAST_BITS = new Map<string, number>();

/** The bits of a word form (itself, its singular, the verb of an -ed form). */
function wordBits(w: string): number {
  const b = FORM_BITS.get(w) ?? 0;
  return w.endsWith('ed') ? b | pastBits(w) : b;
}

function pastBits(w: string): number {
  let b = PAST_BITS.get(w);
  if (b === undefined) {
    b = WORD_BITS.get(pastToLemma(w)) ?? 0;
    // A vocabulary, not the text: bounded so that hostile input cannot grow it.
    if (PAST_BITS.size < 200_000) PAST_BITS.set(ownString(w), b);
  }
  return b;
}

/** Can any pattern of any matcher start in sentence si? A sentence with no trigger word is never parsed. */
export function mayTrigger(v: DocView, si: number): boolean {
  return bitsOf(v, si) !== 0;
}

/** Each sentence's trigger bits, worked out once per view (-1: not yet). */
function bitsOf(v: DocView, si: number): number {
  const bits = (v.sentenceBits ??= new Int32Array(v.doc.sentences.length).fill(-1));
  if (bits[si] < 0) {
    const s = v.doc.sentences[si];
    bits[si] = triggerBits(v.lower, v.lemma, s.firstToken, s.lastToken);
  }
  return bits[si];
}

/** The trigger key of a word: its lemma, the word, or its singular, whichever some pattern names. */
export function nounTriggerKey(lower: string, lemma: string): string | undefined {
  if (NOUN_TRIGGERS.has(lemma)) return lemma;
  if (NOUN_TRIGGERS.has(lower)) return lower;
  if (lower.endsWith('s') && NOUN_TRIGGERS.has(lower.slice(0, -1))) return lower.slice(0, -1);
  return undefined;
}

/** Patterns indexed by trigger lemma, so each token costs one map lookup. */
export class Matcher<R extends string, D> {
  private readonly byVerb = new Map<string, Pattern<R, D>[]>();
  private readonly byNoun = new Map<string, Pattern<R, D>[]>();

  /** This matcher's bit in the trigger words' masks. */
  private readonly bit: number;

  constructor(readonly patterns: readonly Pattern<R, D>[], private readonly resolve: (syn: SentenceSyntax, np: NounChunk | undefined) => Agent[] = defaultAgents) {
    // Past 30 matchers the masks run out of bits: the rest read every sentence.
    this.bit = matchers < 30 ? 1 << matchers++ : 0;
    if (!this.bit) ALWAYS |= 1 << 30;
    for (const p of patterns) {
      for (const v of p.verbs ?? []) {
        (this.byVerb.get(v) ?? this.byVerb.set(v, []).get(v)!).push(p);
        VERB_TRIGGERS.add(v);
        // A pattern on any verb is announced by the words it needs before it, else by nothing.
        if (v !== '*') addWord(v, this.bit);
        else if (p.before?.length) for (const w of p.before) addWord(w, this.bit);
        else ALWAYS |= this.bit;
      }
      for (const n of p.nouns ?? []) {
        (this.byNoun.get(n) ?? this.byNoun.set(n, []).get(n)!).push(p);
        NOUN_TRIGGERS.add(n);
        addWord(n, this.bit);
      }
    }
  }

  /** Does sentence si hold a word of this table? If not, it need not even be parsed. */
  mayMatch(v: DocView, si: number): boolean {
    return !this.bit || (bitsOf(v, si) & this.bit) !== 0;
  }

  match(syn: SentenceSyntax): Match<R, D>[] {
    if (!this.mayMatch(syn.v, syn.si)) return [];
    const out: Match<R, D>[] = [];
    const v = syn.v;
    for (const c of syn.chunks) {
      if (c.type === 'VG') {
        for (const p of this.verbPatterns(c.lemma)) {
          if (p.voice && (p.voice === 'passive') !== c.passive) continue;
          if (p.particle && !p.particle.includes(v.lower[c.last + 1] ?? '')) continue;
          if (p.modal && !p.modal.includes(c.modal ?? '')) continue;
          const m = this.fill(syn, p, c, c.main);
          if (m) out.push(m);
        }
      } else {
        for (const t of syn.nounTriggers(c)) {
          for (const p of this.nounPatterns(v.lower[t], v.lemma[t])) {
            if (p.particle && !p.particle.includes(v.lower[t + 1] ?? '')) continue;
            if (p.modifiedBy && !anyIn(v.lower, c.first, t, (w) => p.modifiedBy!.includes(w))) continue;
            const m = this.fill(syn, p, c, t);
            if (m) out.push(m);
          }
        }
      }
    }
    return out;
  }

  /** The patterns of a verb lemma, then those that take any verb ('*'). */
  private verbPatterns(lemma: string): readonly Pattern<R, D>[] {
    const own = this.byVerb.get(lemma);
    const any = this.byVerb.get('*');
    if (!any) return own ?? NONE;
    if (!own) return any;
    let both = this.withAny.get(lemma);
    if (!both) this.withAny.set(lemma, (both = [...own, ...any]));
    return both;
  }

  private readonly withAny = new Map<string, Pattern<R, D>[]>();

  /** wink lemmatises some nouns as verbs ("warning" → "warn"): try the lemma, then the word and its singular. */
  private nounPatterns(lower: string, lemma: string): readonly Pattern<R, D>[] {
    return this.byNoun.get(lemma) ?? this.byNoun.get(lower) ?? (lower.endsWith('s') ? this.byNoun.get(lower.slice(0, -1)) : undefined) ?? NONE;
  }

  private readonly orders = new Map<Pattern<R, D>, R[]>();
  private roleOrder(p: Pattern<R, D>): R[] {
    let o = this.orders.get(p);
    if (!o) {
      const roles = Object.keys(p.slots) as R[];
      o = [...roles.filter((r) => p.require?.includes(r)), ...roles.filter((r) => !p.require?.includes(r))];
      this.orders.set(p, o);
    }
    return o;
  }

  private fill(syn: SentenceSyntax, p: Pattern<R, D>, c: VerbGroup | NounChunk, trigger: number): Match<R, D> | undefined {
    const v = syn.v;
    if (p.polarity === 'negative' && !(c.type === 'VG' && c.negated)) return undefined;
    if (p.after) {
      const clause = syn.clauseOf(c);
      // Plural forms count ("a repeat of old fabrications").
      const after = p.after;
      if (!anyIn(v.lower, trigger + 1, Math.min(clause.last, trigger + 12) + 1, (w) => after.includes(w) || (w.endsWith('s') && after.includes(w.slice(0, -1))))) return undefined;
    }
    if (p.before && !anyIn(v.lower, Math.max(0, (c.type === 'VG' ? c.first : trigger) - 3), trigger, (w) => p.before!.includes(w))) return undefined;
    if (p.unless && anyIn(v.lower, Math.max(0, trigger - 6), trigger, (w) => p.unless!.includes(w))) return undefined;
    const slots: Partial<Record<R, Agent[]>> = {};
    const phrases: Partial<Record<R, NounChunk>> = {};
    // Required roles first: most candidate triggers fail there, before the other roles are read.
    for (const role of this.roleOrder(p)) {
      for (const slot of p.slots[role]!) {
        const { np, agents } = this.read(syn, c, trigger, slot);
        phrases[role] ??= np;
        if (agents.length) { slots[role] = agents; phrases[role] = np; break; }
      }
      if (!slots[role] && p.require?.includes(role)) return undefined;
    }
    const ci = syn.clauseIndex(c);
    const clause = syn.clauses[ci];
    const negated = c.type === 'VG' ? c.negated : negatedNoun(syn, c);
    const governing = c.type === 'VG' ? c : undefined;
    return {
      pattern: p, sentence: syn.si, clause: ci, trigger, slots, phrases, negated,
      hypothetical: (!!governing?.modal && !p.modal) || isConditional(syn, clause),
    };
  }

  private read(syn: SentenceSyntax, c: VerbGroup | NounChunk, trigger: number, slot: Slot): { np?: NounChunk; agents: Agent[] } {
    const np = locate(syn, c, trigger, slot);
    if (slot === 'possessor' || slot === 'modifier' || slot === 'head') return { np: c.type === 'NP' ? c : undefined, agents: np ? innerAgents(syn, c as NounChunk, trigger, slot) : [] };
    return { np, agents: this.resolve(syn, np) };
  }
}

/** Does any word of tokens [from, to) pass the test? (No slice: fill runs for every candidate trigger.) */
function anyIn(words: readonly string[], from: number, to: number, test: (w: string) => boolean): boolean {
  for (let t = from; t < to; t++) if (test(words[t])) return true;
  return false;
}

/** The prepositions of a 'pp:of|against' slot, split once per slot. */
const PREPS = new Map<string, readonly string[]>();
function prepsOf(slot: string): readonly string[] {
  let p = PREPS.get(slot);
  if (!p) PREPS.set(slot, (p = slot.slice(3).split('|')));
  return p;
}

function locate(syn: SentenceSyntax, c: VerbGroup | NounChunk, trigger: number, slot: Slot): NounChunk | undefined {
  if (slot === 'self') return c.type === 'NP' ? c : undefined;
  if (slot === 'possessor' || slot === 'modifier' || slot === 'head') return c.type === 'NP' ? c : undefined;
  if (c.type === 'VG') {
    if (slot === 'subject') return syn.subject(c);
    if (slot === 'object') return syn.object(c);
    if (slot === 'by') return syn.complements(c).find((x) => x.prep === 'by')?.np;
    if (slot === 'complement-subject') return complementSubject(syn, c);
    if (slot.startsWith('pp:')) {
      const preps = prepsOf(slot);
      return syn.complements(c).find((x) => preps.includes(x.prep))?.np;
    }
    return undefined;
  }
  if (slot === 'by') return syn.complements(c).find((x) => x.prep === 'by')?.np;
  if (slot.startsWith('pp:')) {
    const preps = prepsOf(slot);
    // Only phrases that follow the trigger word, not the head's other modifiers.
    return trigger < c.head ? undefined : syn.complements(c).find((x) => preps.includes(x.prep))?.np;
  }
  if (slot === 'complement-subject') return complementSubject(syn, c);
  const gov = syn.governor(c);
  if (slot === 'governor-subject') return gov?.role === 'object' || gov?.role === 'by' ? syn.subject(gov.vg) : undefined;
  if (slot === 'governor-object') return gov?.role === 'subject' ? syn.object(gov.vg) : undefined;
  return undefined;
}

function complementSubject(syn: SentenceSyntax, c: VerbGroup | NounChunk): NounChunk | undefined {
  const ci = syn.clauseIndex(c);
  // For a noun, the clause may follow its phrases: "a report by FireEye that hackers …".
  const ownsClause = (cl: Clause) => {
    if (!cl.antecedent || cl.antecedent.first < c.first) return false;
    // Only noun phrases (their prepositions, "and", commas) stand between the noun and its clause.
    const between = syn.chunks.filter((x) => x.first > c.last && x.last < cl.first);
    return between.every((x) => x.type === 'NP') && cl.first - c.last < 16;
  };
  const child = syn.clauses.find((cl, k) => k >= ci && cl.kind === 'complement' && (c.type === 'VG' ? cl.parent === ci && k > ci : ownsClause(cl)));
  // "A report by Mandiant said that …": the noun is the subject of the verb that governs the clause.
  if (!child && c.type === 'NP') {
    const gov = syn.governor(c);
    if (gov?.role === 'subject') return complementSubject(syn, gov.vg);
  }
  const vg = child?.chunks.find((x): x is VerbGroup => x.type === 'VG');
  return vg ? syn.subject(vg) : undefined;
}

/** Agents inside the trigger's noun phrase: its possessor, or a name modifying it ("US charges", "Dutch claim"). */
function innerAgents(syn: SentenceSyntax, np: NounChunk, trigger: number, slot: Slot): Agent[] {
  if (slot === 'possessor') return np.possessor && np.possessor.last < trigger ? [np.possessor] : [];
  const before = np.agents.filter((a) => a.last < trigger && a !== np.possessor);
  if (slot === 'modifier') return before.length ? [before.at(-1)!] : [];
  return np.agents.filter((a) => a.first <= np.head && np.head <= a.last);
}

function negatedNoun(syn: SentenceSyntax, np: NounChunk): boolean {
  const v = syn.v;
  if (/^(no|without)$/.test(v.lower[np.first]) || v.lower[np.first - 1] === 'without') return true;
  const clause = syn.clauseOf(np);
  let vg: VerbGroup | undefined;
  for (let k = clause.chunks.indexOf(np) - 1; k >= 0 && !vg; k--) if (clause.chunks[k].type === 'VG') vg = clause.chunks[k] as VerbGroup;
  return !!vg?.negated && syn.object(vg) === np;
}

function isConditional(syn: SentenceSyntax, clause: Clause): boolean {
  for (let c: Clause | undefined = clause; c; c = c.parent !== undefined && c.parent !== syn.clauses.indexOf(c) ? syn.clauses[c.parent] : undefined) {
    if (c.kind === 'adverbial' && /^(if|unless|whether)$/.test(c.marker ?? '')) return true;
    if (c.kind === 'main') break;
  }
  return false;
}

export function defaultAgents(syn: SentenceSyntax, np: NounChunk | undefined): Agent[] {
  return syn.agentsOf(np);
}
