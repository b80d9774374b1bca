/**
 * A shallow clause analysis of one sentence over its chunks: where clauses begin
 * (that-clauses, relative clauses, reported speech, participial and coordinate
 * clauses), and for each verb group its subject, object, by-agent and prepositional
 * complements, with coordination ("Britain and the US") and apposition expanded.
 * Not a parser: it reads what news English puts in the usual places, and says
 * nothing where it cannot tell.
 */
import { chunkSentence, type Chunk, type NounChunk, type VerbGroup } from './chunks.js';
import type { Agent, DocView } from './view.js';
import { nounTriggerKey } from '../rules/matcher.js';

export type ClauseKind = 'main' | 'complement' | 'relative' | 'adverbial' | 'participial' | 'coordinate';

export interface Clause {
  kind: ClauseKind;
  first: number;
  last: number;
  /** The word that opened it ("that", "who", "because", ","). */
  marker?: string;
  /** Index of the clause it depends on (the one before it, for complements and relatives). */
  parent?: number;
  /** A relative clause's antecedent noun phrase. */
  antecedent?: NounChunk;
  /** Chunks inside, in order. */
  chunks: Chunk[];
}

const TRIGGER_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ']);
const SUBORDINATORS = new Set(['because', 'after', 'while', 'although', 'though', 'if', 'whether', 'since', 'before', 'until', 'unless', 'when', 'once', 'as', 'whereas']);
const RELATIVES = new Set(['who', 'whom', 'which', 'whose', 'where']);
/** Verbs whose complement clause may come without "that" ("said the charges were false"). */
export const COMPLEMENT_VERBS = new Set(['say', 'tell', 'add', 'claim', 'insist', 'believe', 'think', 'decide', 'conclude', 'assess', 'find', 'suspect', 'know', 'argue', 'state', 'note', 'allege', 'warn', 'maintain', 'stress', 'suggest', 'announce', 'confirm', 'deny', 'report', 'write', 'indicate', 'declare', 'explain']);
/** Time-words that make a noun phrase an adverbial, not a subject ("Last May, …"). */
const TIME_NOUNS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|week|month|year|years|weeks|months|day|days|time|morning|evening|night|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|fall|winter|decade|period|weekend|\d{4})$/;

/** What may stand between the noun phrases of a clause's subject ("Britain and the US", "the head of X"). */
const TIGHT_GAP = /^(and|&)$/;
const LOOSE_GAP = /^(and|,|of|&)$/;

/** Marks a subject being worked out, so a cycle through coordinated predicates ends. */
const CYCLE = Symbol('cycle');

export class SentenceSyntax {
  readonly chunks: Chunk[];
  readonly clauses: Clause[];
  private readonly clauseOfChunk: number[] = [];

  /** `doc`: the document's syntax this sentence belongs to, so a rule reading the sentence before shares its parse. */
  constructor(readonly v: DocView, readonly si: number, private readonly doc?: DocSyntax) {
    const s = v.doc.sentences[si];
    this.chunks = chunkSentence(v, si, s.firstToken, s.lastToken);
    this.clauses = this.segment(s.firstToken, s.lastToken);
  }

  /** The syntax of the sentence before (parsed once when the document's syntax holds it). */
  previous(): SentenceSyntax | undefined {
    if (this.si === 0) return undefined;
    return this.doc ? this.doc.sentence(this.si - 1) : new SentenceSyntax(this.v, this.si - 1);
  }

  /** The index of a chunk of this sentence in `chunks` (-1 for one of another sentence). */
  indexOf(chunk: Chunk): number { return this.chunks[chunk.index] === chunk ? chunk.index : -1; }

  /** Split the sentence at clause markers, keeping each chunk in exactly one clause. */
  private segment(first: number, last: number): Clause[] {
    const v = this.v;
    const clauses: Clause[] = [];
    let cur: Clause = { kind: 'main', first, last: last - 1, chunks: [] };
    const open = (kind: ClauseKind, at: number, marker: string, antecedent?: NounChunk, parent?: number) => {
      cur.last = at - 1;
      clauses.push(cur);
      cur = { kind, first: at, last: last - 1, marker, parent: parent ?? clauses.length - 1, antecedent, chunks: [] };
    };
    let ci = 0;
    // The clause a finite verb was last put in: "does the current clause have a verb yet" without a scan per token.
    let withVerb: Clause | undefined;
    for (let t = first; t < last; t++) {
      const l = v.lower[t];
      const chunk = this.chunks[ci]?.first === t ? this.chunks[ci] : undefined;
      const prevChunk = cur.chunks.at(-1);
      const hasVerb = withVerb === cur;
      if (!chunk) {
        if (l === 'that' && v.pos[t] === 'SCONJ' || l === 'that' && prevChunk?.type === 'VG') open('complement', t, l, prevChunk?.type === 'NP' ? prevChunk : undefined);
        // "a finding that hackers broke in" completes the noun; "hackers that broke in" is a relative clause.
        else if ((RELATIVES.has(l) || (l === 'that' && v.pos[t] !== 'SCONJ')) && prevChunk?.type === 'NP') open(l === 'that' && this.startsClause(ci) ? 'complement' : 'relative', t, l, prevChunk);
        else if (l === 'that') open('complement', t, l);
        else if (SUBORDINATORS.has(l) && (v.pos[t] === 'SCONJ' || this.startsClause(ci, true, true))) open('adverbial', t, l);
        else if (l === ';' || l === ':') open('coordinate', t, l, undefined, clauses.length > 0 ? cur.parent : undefined);
        else if ((l === ',' || l === '—' || l === '–') && this.chunks[ci]?.type === 'VG' && this.chunks[ci].first === t + 1 && /ing$/.test(v.lower[t + 1]))
          open('participial', t, ',', undefined, lastIndependent(clauses, cur));
        else if (/^(and|but)$/.test(l) && hasVerb && this.startsClause(ci)) open('coordinate', t, l);
        // "…, he said." / "…, the ministry said": a new clause after a comma, never an apposition ("X, the spokeswoman, said").
        else if (l === ',' && hasVerb && !RELATIVES.has(v.lower[t + 1] ?? '') && v.lower[t + 1] !== 'that' && this.startsClause(ci, true, true)) open('coordinate', t, l);
        // A quotation opens a clause of its own, unless a verb before it takes it as its complement ("were \"a repeat …\"").
        else if (/^["“”]$/.test(l) && hasVerb && prevChunk?.type !== 'VG' && this.startsClause(ci, true)) open('coordinate', t, l);
        continue;
      }
      // "said the accusations were groundless": a noun phrase that is the subject of a second finite verb.
      if (chunk.type === 'NP' && prevChunk?.type === 'VG' && COMPLEMENT_VERBS.has(prevChunk.lemma) && this.startsClause(ci, true)) open('complement', t, '');
      cur.chunks.push(chunk);
      if (chunk.type === 'VG' && chunk.finite) withVerb = cur;
      this.clauseOfChunk[ci] = clauses.length;
      t = chunk.last;
      ci++;
    }
    clauses.push(cur);
    // Fix the chunk → clause map (open() shifted indices as clauses were pushed).
    this.clauseOfChunk.length = 0;
    clauses.forEach((c, i) => c.chunks.forEach((ch) => { this.clauseOfChunk[this.indexOf(ch)] = i; }));
    return clauses;
  }

  /** Does chunk ci begin "NP (NP…) VG-finite", i.e. a clause of its own? */
  private startsClause(ci: number, mustBeNpHere = false, tight = false): boolean {
    let k = ci;
    if (mustBeNpHere && this.chunks[k]?.type !== 'NP') return false;
    let nps = 0;
    while (this.chunks[k]?.type === 'NP') {
      nps++; k++;
      if (this.chunks[k]) {
        const ok = tight ? TIGHT_GAP : LOOSE_GAP;
        for (let t = this.chunks[k - 1].last + 1; t < this.chunks[k].first; t++) if (!ok.test(this.v.lower[t])) return false;
      }
    }
    // "hackers linked to Beijing were …": a reduced relative and its phrases stand between subject and verb.
    while (this.chunks[k]?.type === 'VG' && ((this.chunks[k] as VerbGroup).reduced || !(this.chunks[k] as VerbGroup).finite && /ing$/.test(this.v.lower[this.chunks[k].first]))) {
      k++;
      while (this.chunks[k]?.type === 'NP' && (this.v.pos[this.chunks[k].first - 1] === 'ADP' || this.v.words[this.chunks[k].first - 1] === ',')) k++;
    }
    const vg = this.chunks[k];
    return nps > 0 && vg?.type === 'VG' && vg.finite && !vg.reduced;
  }

  // Every matcher asks the same questions of a sentence: each is answered once, kept in arrays
  // by chunk index (a handful of Maps per parsed sentence cost more than the questions).
  private readonly triggers: (number[] | undefined)[] = [];
  /** null: no subject; CYCLE: being worked out. */
  private readonly subjects: (NounChunk | null | typeof CYCLE | undefined)[] = [];
  private readonly objects: (NounChunk | null | undefined)[] = [];
  private readonly comps: ({ prep: string; np: NounChunk }[] | undefined)[] = [];

  /**
   * The tokens of a noun phrase that may trigger a pattern: nouns, names, participles and adjectives,
   * heads or modifiers ("hacking charges", "the attack on"), never a word tied by a hyphen
   * ("denial-of-service"). Computed once and shared by every matcher.
   */
  nounTriggers(np: NounChunk): number[] {
    const own = this.indexOf(np) >= 0;
    let out = own ? this.triggers[np.index] : undefined;
    if (out) return out;
    out = [];
    const v = this.v;
    const known = (v.triggerTokens ??= new Int8Array(v.size));
    for (let t = np.first; t <= np.last; t++) {
      // Per token of the document, once: 1 = a noun some pattern names, -1 = not.
      if (known[t] === 0) known[t] = TRIGGER_POS.has(v.pos[t]) && nounTriggerKey(v.lower[t], v.lemma[t]) !== undefined ? 1 : -1;
      if (known[t] < 0) continue;
      if (v.words[t + 1] === '-' && v.doc.tokens[t + 1].start === v.doc.tokens[t].end) continue;
      // A word of a name ("Federal Bureau of Investigation", "Office of the Inspector General") is not a trigger.
      const inName = v.outerAt(t);
      if (inName && inName.m.kind === 'Organization' && !inName.m.anaphor && inName.first < t) continue;
      out.push(t);
    }
    if (own) this.triggers[np.index] = out;
    return out;
  }

  clauseOf(chunk: Chunk): Clause {
    return this.clauses[this.clauseOfChunk[this.indexOf(chunk)]];
  }

  clauseIndex(chunk: Chunk): number { return this.clauseOfChunk[this.indexOf(chunk)]; }

  verbGroups(): VerbGroup[] { return this.chunks.filter((c): c is VerbGroup => c.type === 'VG'); }
  nounChunks(): NounChunk[] { return this.chunks.filter((c): c is NounChunk => c.type === 'NP'); }

  /** The noun phrase right before a token, if only the given words stand between. */
  npBefore(tok: number, allowGap: RegExp = /^$/): NounChunk | undefined {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const c = this.chunks[i];
      if (c.last >= tok) continue;
      if (c.type !== 'NP') return undefined;
      const gap = this.v.lower.slice(c.last + 1, tok);
      return gap.every((w) => allowGap.test(w)) ? c : undefined;
    }
    return undefined;
  }

  /** The noun phrase starting right after a token (skipping the given words). */
  npAfter(tok: number, skip: RegExp = /^$/): NounChunk | undefined {
    for (const c of this.chunks) {
      if (c.first <= tok) continue;
      const gap = this.v.lower.slice(tok + 1, c.first);
      if (!gap.every((w) => skip.test(w))) return undefined;
      return c.type === 'NP' ? c : undefined;
    }
    return undefined;
  }

  /** Is the noun phrase the object of a preposition ("of X", "in Beijing")? Not when the word opens its clause ("after X did…"). */
  afterPreposition(np: NounChunk): boolean {
    if (this.clauseOf(np)?.first === np.first - 1 && this.clauseOf(np).kind !== 'main') return false;
    return this.v.pos[np.first - 1] === 'ADP' || /^(of|to|by|for|with|in|at|on|from|against|about|into|over)$/.test(this.v.lower[np.first - 1] ?? '');
  }

  isTimePhrase(np: NounChunk): boolean {
    return TIME_NOUNS.test(this.v.lower[np.head]) && !np.agents.length;
  }

  /** The subject of a verb group: the nearest noun phrase before it in its clause, else what the clause inherits. */
  subject(vg: VerbGroup): NounChunk | undefined {
    const i = this.indexOf(vg);
    if (i < 0) return this.findSubject(vg);
    const known = this.subjects[i];
    if (known !== undefined) return known === null || known === CYCLE ? undefined : known;
    this.subjects[i] = CYCLE; // a cycle through coordinated predicates ends here
    const found = this.findSubject(vg);
    this.subjects[i] = found ?? null;
    return found;
  }

  /** In "NP they said VERB", the noun phrase before the pronoun is the verb's subject. */
  private contactRelative(vg: VerbGroup, before: Chunk[], prevVg: VerbGroup | undefined): NounChunk | undefined {
    if (!prevVg || before.at(-1) !== prevVg || !COMPLEMENT_VERBS.has(prevVg.lemma) || prevVg.last + 1 !== vg.first) return undefined;
    const pron = before.at(-2);
    const np = before.at(-3);
    if (pron?.type !== 'NP' || np?.type !== 'NP' || pron.first !== pron.last || !/^(they|it|he|she|we|officials)$/.test(this.v.lower[pron.first])) return undefined;
    return np.last + 1 === pron.first && pron.last + 1 === prevVg.first ? np : undefined;
  }

  private findSubject(vg: VerbGroup): NounChunk | undefined {
    const ci = this.clauseIndex(vg);
    const clause = this.clauses[ci];
    const before = clause.chunks.slice(0, clause.chunks.indexOf(vg));
    // The verb of a coordinated predicate ("denied the charges and accused …") shares the first one's subject.
    const prevVg = [...before].reverse().find((c): c is VerbGroup => c.type === 'VG' && (c.finite || c.reduced));
    if (prevVg && this.v.lower[vg.first - 1] === 'and' && before.at(-1) !== prevVg) {
      // "were indicted by a grand jury and accused of …": the second verb shares the first one's subject.
      const sub = this.subject(prevVg);
      if (sub) return sub;
    }
    if (prevVg && !vg.reduced) {
      const between = this.v.lower.slice(prevVg.last + 1, vg.first);
      const onlyObjects = before.slice(before.indexOf(prevVg) + 1).every((c) => c.type === 'NP');
      if (between.includes('and') && onlyObjects && !this.startsClauseAt(vg, before)) return this.subject(prevVg);
    }
    // "Unit 26165, which the council said had carried out the attacks": a verb right after a reporting verb
    // inside a relative clause has the antecedent as its subject.
    if (clause.kind === 'relative' && clause.antecedent && prevVg && before.at(-1) === prevVg && vg.finite && COMPLEMENT_VERBS.has(prevVg.lemma)) return clause.antecedent;
    // "a group they said works for …": the same without "which".
    const contact = this.contactRelative(vg, before, prevVg);
    if (contact) return contact;
    // A gerund after a preposition takes its subject from the verb it depends on:
    // "X joined Y in blaming Z" (X), "X accused Y of hacking Z" (Y, the object).
    if (!vg.finite && !vg.reduced && /ing$/.test(this.v.lower[vg.first]) && this.v.pos[vg.first - 1] === 'ADP' && prevVg) {
      return this.v.lower[vg.first - 1] === 'of' ? this.object(prevVg) ?? this.subject(prevVg) : this.subject(prevVg);
    }
    for (let i = before.length - 1; i >= 0; i--) {
      const c = before[i];
      if (c.type === 'VG') {
        if (vg.reduced && c.finite) break;
        if (!c.modifier) break;
        continue;
      }
      if (this.afterPreposition(c) || this.isTimePhrase(c)) continue;
      return this.appositionHead(c, before);
    }
    if (vg.reduced) {
      const np = this.npBefore(vg.first, /^(,|and)$/);
      if (np) return np;
    }
    if (clause.kind === 'relative' && clause.antecedent) return clause.antecedent;
    if ((clause.kind === 'participial' || clause.kind === 'coordinate') && clause.parent !== undefined) {
      const parentVg = this.clauses[clause.parent].chunks.find((c): c is VerbGroup => c.type === 'VG' && c.finite);
      if (parentVg) return this.subject(parentVg);
    }
    return undefined;
  }

  private startsClauseAt(vg: VerbGroup, before: Chunk[]): boolean {
    const last = before.at(-1);
    return last?.type === 'NP' && this.v.lower[last.first - 1] === 'and';
  }

  /** "Maria Zakharova, the foreign ministry spokeswoman, said": the name, not the title. */
  private appositionHead(np: NounChunk, before: Chunk[]): NounChunk {
    const i = before.indexOf(np);
    const prev = before[i - 1];
    // The apposition ends after its prepositional phrases: "Wang Xiaojian, a spokesman for the embassy, said".
    let end = np;
    for (let k = i + 1; k < before.length && before[k].type === 'NP' && this.afterPreposition(before[k] as NounChunk); k++) end = before[k] as NounChunk;
    if (prev?.type === 'NP' && this.v.words[prev.last + 1] === ',' && np.first === prev.last + 2 && this.v.words[end.last + 1] === ',' && prev.agents.length)
      return prev;
    return np;
  }

  /** The verb a noun phrase depends on, and how: its object ("released a report"), its subject ("the report blamed"). */
  governor(np: NounChunk): { vg: VerbGroup; role: 'object' | 'subject' | 'by' } | undefined {
    const clause = this.clauseOf(np);
    const i = clause.chunks.indexOf(np);
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const c = clause.chunks[k];
      if (c.type !== 'VG') continue;
      if (this.object(c) === np) return { vg: c, role: 'object' };
      if (this.complements(c, 2).some((x) => x.np === np && !/^(of|against|on|about)$/.test(x.prep))) return { vg: c, role: 'by' };
      return undefined;
    }
    // The verb after the noun and its prepositional phrases ("a report by Mandiant said").
    let j = i + 1;
    while (clause.chunks[j]?.type === 'NP' && this.v.pos[clause.chunks[j].first - 1] === 'ADP') j++;
    const next = clause.chunks[j];
    if (next?.type === 'VG' && (this.subject(next) === np || j > i + 1)) return { vg: next, role: 'subject' };
    // "a report which alleged …": the relative clause's verb has the noun for subject.
    const rel = this.clauses.find((cl) => cl.antecedent === np && cl.kind === 'relative');
    const rv = rel?.chunks.find((c): c is VerbGroup => c.type === 'VG');
    if (rv && this.subject(rv) === np) return { vg: rv, role: 'subject' };
    return undefined;
  }

  /** The direct object: the first noun phrase after the verb group, before any other verb. */
  object(vg: VerbGroup): NounChunk | undefined {
    const i = this.indexOf(vg);
    if (i < 0) return this.findObject(vg);
    const known = this.objects[i];
    if (known !== undefined) return known ?? undefined;
    const found = this.findObject(vg);
    this.objects[i] = found ?? null;
    return found;
  }

  private findObject(vg: VerbGroup): NounChunk | undefined {
    const clause = this.clauseOf(vg);
    const at = clause.chunks.indexOf(vg);
    const after = clause.chunks.slice(at + 1);
    for (const c of after) {
      if (c.type === 'VG') break;
      if (this.afterPreposition(c)) break;
      if (this.isTimePhrase(c)) continue;
      return c;
    }
    return this.relativeObject(vg, clause, at);
  }

  /**
   * "the gang, which it accused of extorting …": in a relative clause with a subject of its own, an active
   * verb with no object after it has the antecedent as its object.
   */
  private relativeObject(vg: VerbGroup, clause: Clause, at: number): NounChunk | undefined {
    if (clause.kind !== 'relative' || !clause.antecedent) return undefined;
    const before = clause.chunks.slice(0, at);
    if (before.length !== 1 || before[0].type !== 'NP') return undefined;
    return clause.antecedent;
  }

  /** Noun phrases after the verb (or noun) introduced by a preposition, in order: [{prep, np}]. */
  complements(after: Chunk, limit = 4): { prep: string; np: NounChunk }[] {
    const i = this.indexOf(after);
    if (i < 0) return this.findComplements(after, limit);
    const key = i * 8 + limit;
    return (this.comps[key] ??= this.findComplements(after, limit));
  }

  private findComplements(after: Chunk, limit: number): { prep: string; np: NounChunk }[] {
    const out: { prep: string; np: NounChunk }[] = [];
    const i = this.indexOf(after);
    for (let k = i + 1; k < this.chunks.length && out.length < limit; k++) {
      const c = this.chunks[k];
      if (c.type === 'VG') {
        // A gerund continues the phrase ("accused of hacking X"): keep reading past it.
        if (/ing$/.test(this.v.lower[c.first]) && this.v.pos[c.first - 1] === 'ADP') continue;
        break;
      }
      const prep = this.v.lower[c.first - 1];
      if (this.v.pos[c.first - 1] === 'ADP' || /^(to|of|by|for|against)$/.test(prep)) out.push({ prep, np: c });
      else if (k !== i + 1 || after.type !== 'VG') break;
    }
    return out;
  }

  /** The agent a noun phrase names: the head mention, else a country modifier or possessor in it. */
  agentsOf(np: NounChunk | undefined, opts: { modifiers?: boolean } = {}): Agent[] {
    if (!np) return [];
    const i = this.indexOf(np);
    if (i < 0) return this.findAgents(np, opts);
    const memo = opts.modifiers === false ? this.agentsNoMod : this.agentsAll;
    return (memo[i] ??= this.findAgents(np, opts));
  }

  private readonly agentsAll: (Agent[] | undefined)[] = [];
  private readonly agentsNoMod: (Agent[] | undefined)[] = [];

  private findAgents(np: NounChunk, opts: { modifiers?: boolean }): Agent[] {
    const head = np.agents.filter((a) => !a.m.modifier && a.first <= np.head && np.head <= a.last);
    const own = head.length ? head : np.agents.filter((a) => !a.m.modifier && a.last === np.last);
    const base = own.length ? [own.sort((x, y) => (y.last - y.first) - (x.last - x.first))[0]] : (opts.modifiers === false ? [] : np.agents.filter((a) => a !== np.possessor).slice(-1));
    // "Australia and seven other countries issued …": the unnamed conjunct stands with the named one before it.
    if (!base.length && this.v.lower[np.first - 1] === 'and') {
      const prev = this.npBefore(np.first - 1, /^and$/);
      const named = prev && prev !== np ? prev.agents.filter((a) => !a.m.modifier && a !== prev.possessor) : [];
      if (named.length) return named;
    }
    return this.coordinated(np, base);
  }

  /** Agents coordinated with a noun phrase's ("Britain and the US", "the FBI, CISA and the NSA"). */
  coordinated(np: NounChunk, base: Agent[]): Agent[] {
    if (!base.length) return base;
    const out = [...base];
    const i = this.indexOf(np);
    // Forward: ", X", "and X", ", and X".
    for (let k = i + 1; k < this.chunks.length; k++) {
      let c = this.chunks[k];
      let prevLast = this.chunks[k - 1].last;
      // "the Parliamentary Counsel Office, which drafts legislation, and the Parliamentary Service": skip the relative clause.
      const rel = this.clauses.find((cl) => cl.kind === 'relative' && cl.antecedent === this.chunks[k - 1]);
      if (rel && this.v.words[rel.last] === ',' && this.v.lower[rel.last + 1] === 'and') {
        const after = this.chunks.findIndex((x) => x.first > rel.last);
        if (after < 0) break;
        k = after; c = this.chunks[k]; prevLast = rel.last - 1;
      }
      // "at Hospital A in Valladolid and at Hospital B": a place after a name is part of it, and a
      // repeated preposition after "and" keeps the list going.
      if (c.type === 'NP' && this.v.lower[c.first - 1] === 'in' && prevLast + 2 === c.first && !c.agents.some((a) => a.m.kind === 'Organization') && this.v.pos[c.head] === 'PROPN') {
        prevLast = c.last;
        c = this.chunks[++k];
        if (!c) break;
      }
      let gap = this.v.lower.slice(prevLast + 1, c.first);
      if (gap.length >= 2 && gap.at(-1) === this.v.lower[np.first - 1] && this.v.pos[c.first - 1] === 'ADP') gap = gap.slice(0, -1);
      if (c.type !== 'NP' || !gap.length || !gap.every((w) => /^(and|,|&|as well as|or)$/.test(w))) break;
      const a = this.agentsOf(c, {}).filter((x) => !out.includes(x));
      // A name the recogniser did not know ("Nasdaq") does not end a list of names.
      if (!a.length && !(this.v.pos[c.head] === 'PROPN' && gap.includes(','))) break;
      if (a.length) out.push(a[0]);
      if (gap.includes('and')) break;
    }
    // Backward: "A, B and C are among the targets" read from C.
    if (/^(and|&|or)$/.test(this.v.lower[np.first - 1] ?? '')) {
      for (let k = i - 1; k >= 0; k--) {
        const c = this.chunks[k];
        const gap = this.v.lower.slice(c.last + 1, this.chunks[k + 1].first);
        if (c.type !== 'NP' || !gap.length || !gap.every((w) => /^(and|,|&|or)$/.test(w))) break;
        const a = c.agents.filter((x) => !x.m.modifier && x.last === c.last);
        if (!a.length) break;
        out.unshift(a[0]);
      }
    }
    return out;
  }
}

function lastIndependent(clauses: Clause[], cur: Clause): number {
  const all = [...clauses, cur];
  for (let i = all.length - 1; i >= 0; i--) if (all[i].kind === 'main' || all[i].kind === 'coordinate' && all[i].marker !== ',') return i;
  return 0;
}

/** Syntax of every sentence, built on demand and kept with the view. */
export class DocSyntax {
  private readonly cache: (SentenceSyntax | undefined)[] = [];
  constructor(readonly v: DocView) {}
  sentence(si: number): SentenceSyntax {
    return (this.cache[si] ??= new SentenceSyntax(this.v, si, this));
  }
}
