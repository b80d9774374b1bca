/**
 * The document-level dispute model. Accusation matches become frames (accusers,
 * accused, victims, kind, when); frames with the same sides merge; an empty accuser
 * slot is filled from the sentence's speaker or the frame the article is about.
 * The principal frame is the one the headline and lead are about; frames cued by a
 * time phrase ("last May", "in 2014") or an earlier year are background. A response
 * links to one frame, in order: an accuser it names (or its demonym, possessive),
 * the head noun it answers ("the charges", "the report"), a time cue, else the
 * principal frame. Never "the first accusation found".
 */
import type { AccusationKind, Doc } from '../doc/document.js';
import type { Match } from '../rules/matcher.js';
import { COMPLEMENT_VERBS, type Clause, type DocSyntax } from '../syntax/clauses.js';
import type { VerbGroup } from '../syntax/chunks.js';
import { resolveAgents } from './agents.js';
import type { DocView } from '../syntax/view.js';
import type { AccusationData, AccusationRole } from './patterns/accusations.js';
import type { Sides } from './sides.js';

const OFFICE_TITLE = /spokes|secretary|minister|president|ambassador|official|chancellor|premier|director|attorney|general|envoy|chief|head|prosecutor|commissioner|leader|king|prime/i;
/** A name that is an office alone ("Defence Secretary", "Foreign Minister"). */
const OFFICE_ONLY = /^(?:[\p{Lu}][\p{L}-]*\s+){0,3}(?:Secretary|Minister|President|Chancellor|Premier|Ambassador|Envoy|Commissioner|Prosecutor|Attorney General)$/u;

export interface Frame {
  kind: AccusationKind;
  accusers: number[];
  accused: number[];
  targets: number[];
  sentence: number;
  trigger: { start: number; end: number };
  background: boolean;
  /** Read in an after-/following-clause of the lead ("…, hours after Canberra blamed …"). */
  answeredInLead?: boolean;
  /** Index of the frame this one was merged into (kept for evidence), or -1. */
  patterns: string[];
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const BACKGROUND_CUE = new RegExp(`\\b(last (year|month|spring|summer|autumn|fall|winter|${MONTHS})|earlier this year|(a|one|two|three|four|five|several|\\d+) (years?|months?) (ago|earlier|before)|previously|in the past|in a separate (case|report|incident)|the previous (year|month)|in (19|20)\\d\\d|since (19|20)\\d\\d)\\b`, 'i');
const IN_MONTH = new RegExp(`\\bin (${MONTHS})\\b`, 'i');
const MONTH_NAMES = MONTHS.split('|');
const KIND_NOUNS: [RegExp, AccusationKind[]][] = [
  [/^(charge|indictment|case|prosecution|lawsuit|complaint)$/, ['indictment', 'charge']],
  [/^(report|finding|assessment|conclusion|attribution|disclosure|statement|investigation)$/, ['report', 'allegation', 'advisory']],
  [/^(sanction|measure)$/, ['sanction']],
  [/^(expulsion)$/, ['expulsion']],
  [/^(warning|warn|advisory|alert|announcement|notice)$/, ['advisory', 'report', 'allegation']],
  [/^(accusation|allegation|claim|blame|smear|slander|speculation|assertion|rhetoric)$/, ['allegation', 'report', 'charge', 'indictment', 'advisory']],
];

export class DisputeModel {
  readonly frames: Frame[] = [];
  principal = -1;

  constructor(
    private readonly doc: Doc, private readonly v: DocView, private readonly syntax: DocSyntax,
    private readonly sides: Sides, private readonly speakers: (number | undefined)[],
  ) {}

  /** Build frames from the matches of every sentence (in text order). */
  /** Side keys of those who answer in the article (deny, reject…): the accusation they stand accused by is the one it is about. */
  private answering = new Set<string>();

  build(matches: Match<AccusationRole, AccusationData>[], answering: number[] = []): void {
    this.answering = new Set(answering.map((c) => this.sides.key(c)));
    const pending: Frame[] = [];
    const corefs: Match<AccusationRole, AccusationData>[] = [];
    for (const m of matches) {
      if (m.negated || m.hypothetical) continue;
      if (m.pattern.data.corefers) { corefs.push(m); continue; }
      const f = this.frameOf(m);
      if (f) pending.push(f);
    }
    for (const f of pending) this.add(f);
    this.principal = this.choosePrincipal();
    for (const m of corefs) this.corefer(m);
    this.fillAccusers();
  }

  private frameOf(m: Match<AccusationRole, AccusationData>): Frame | undefined {
    let accusers = (m.slots.accuser ?? []).map((a) => a.cluster);
    // Who makes an attribution: the subject of the verb that governs its clause ("Germany decided that
    // Russia was to blame", "the government said a group was behind"), else the sentence's speaker.
    if (!accusers.length) accusers = this.governingSubject(m) ?? (this.speakers[m.sentence] !== undefined ? [this.speakers[m.sentence]!] : []);
    const accused = [...new Set((m.slots.accused ?? []).map((a) => a.cluster))].filter((c) => !accusers.some((x) => this.sides.same(x, c)));
    if (!accused.length) return undefined;
    accusers = this.withOfficeState([...new Set(accusers)].filter((c) => this.canAccuse(c)));
    const t = this.doc.tokens[m.trigger];
    let kind = m.pattern.data.kind;
    if (accusers.length && kind === 'allegation' && accusers.every((c) => this.doc.clusters[c]?.sub === 'company')) kind = 'report';
    const clause = this.syntax.sentence(m.sentence).clauses[m.clause];
    const answeredInLead = clause.kind === 'adverbial' && /^(after|following|since)$/.test(clause.marker ?? '');
    return { kind, accusers, accused, targets: [], sentence: m.sentence, trigger: { start: t.start, end: t.end }, background: this.isBackground(m), answeredInLead, patterns: [m.pattern.id] };
  }

  /** "The warning was issued by the FBI": the accuser joins the frame the noun refers to. */
  private corefer(m: Match<AccusationRole, AccusationData>): void {
    const np = m.phrases.document;
    if (!np) return;
    const noun = this.v.lemma[np.head];
    const kinds = KIND_NOUNS.find(([re]) => re.test(noun) || re.test(this.v.lower[np.head]))?.[1];
    if (!kinds) return;
    const definite = /^(the|this|that|these|those|its|their)$/.test(this.v.lower[np.first]);
    const candidates = this.frames.map((_, i) => i).filter((i) => kinds.includes(this.frames[i].kind) || kinds[0] === 'allegation');
    const i = definite && candidates.includes(this.principal) ? this.principal : candidates.find((k) => this.frames[k].sentence <= m.sentence);
    if (i === undefined) return;
    const f = this.frames[i];
    for (const a of m.slots.accuser ?? []) {
      if (this.canAccuse(a.cluster) && !f.accused.some((x) => this.sides.same(x, a.cluster)) && !f.accusers.includes(a.cluster)) f.accusers.push(a.cluster);
    }
  }

  /** The agents of the subject of the verb that governs the trigger's clause, when that verb reports or judges. */
  private governingSubject(m: Match<AccusationRole, AccusationData>): number[] | undefined {
    const syn = this.syntax.sentence(m.sentence);
    const own = this.reportedInRelative(m);
    if (own) return own;
    for (let ci: number | undefined = m.clause, hops = 0; ci !== undefined && hops < 3; hops++) {
      const clause: Clause = syn.clauses[ci];
      if (clause.kind !== 'complement' || clause.parent === undefined) return undefined;
      const parent = syn.clauses[clause.parent];
      const vg = [...parent.chunks].reverse().find((c): c is VerbGroup => c.type === 'VG' && c.last < clause.first);
      if (vg && COMPLEMENT_VERBS.has(vg.lemma)) {
        const agents = resolveAgents(syn, syn.subject(vg)).map((a) => a.cluster).filter((c) => this.canAccuse(c));
        if (agents.length) return agents;
        return undefined;
      }
      ci = clause.parent;
    }
    return undefined;
  }

  /** "Unit 26165, which the council said had carried out the attacks": the relative clause reports it itself. */
  private reportedInRelative(m: Match<AccusationRole, AccusationData>): number[] | undefined {
    const syn = this.syntax.sentence(m.sentence);
    const clause: Clause | undefined = syn.clauses[m.clause];
    if (clause?.kind !== 'relative') return undefined;
    const vg = [...clause.chunks].reverse().find((c): c is VerbGroup => c.type === 'VG' && c.last < m.trigger && COMPLEMENT_VERBS.has(c.lemma));
    if (!vg) return undefined;
    const agents = resolveAgents(syn, syn.subject(vg)).map((a) => a.cluster).filter((c) => this.canAccuse(c));
    return agents.length ? agents : undefined;
  }

  /** Background verdicts by sentence and clause read: several patterns match in one clause. */
  private readonly backgrounds = new Map<number, boolean>();

  /** A time phrase in the trigger's clause, or a year before the article's. */
  private isBackground(m: Match<AccusationRole, AccusationData>): boolean {
    // "PST said on Wednesday that hackers had broken in in February": when the attack happened is not when
    // it was attributed; a reported attribution takes its time from the clause that reports it.
    const ci = m.pattern.data.reported && m.clause > 0 ? 0 : m.clause;
    const key = m.sentence * 4096 + ci * 2 + (m.clause === 0 ? 1 : 0);
    let known = this.backgrounds.get(key);
    if (known === undefined) this.backgrounds.set(key, (known = this.readsAsBackground(m.sentence, ci, m.clause === 0)));
    return known;
  }

  private readsAsBackground(si: number, ci: number, inMain: boolean): boolean {
    const syn = this.syntax.sentence(si);
    const clause = syn.clauses[ci];
    // A time phrase of the main clause dates what its subordinate clauses report too
    // ("Microsoft said in a report last year that a group it links to X …").
    const main = syn.clauses[0];
    const text = clause === main || inMain ? this.v.text(clause.first, clause.last) : `${this.v.text(clause.first, clause.last)} ${this.v.text(main.first, main.last)}`;
    const cue = BACKGROUND_CUE.exec(text);
    if (cue && !/^\s*['’]s/.test(text.slice(cue.index + cue[0].length))) return true;
    const year = Number(this.doc.meta.datePublished?.slice(0, 4));
    // "In July, the Justice Department charged …" in an article of September.
    const month = IN_MONTH.exec(text);
    const published = Number(this.doc.meta.datePublished?.slice(5, 7));
    if (month && published && MONTH_NAMES.indexOf(month[1].toLowerCase()) + 1 !== published) return true;
    const years = [...text.matchAll(/\b(19|20)\d\d\b/g)].map((x) => Number(x[0]));
    return !!year && years.some((y) => y < year && !/['’]s/.test(text.slice(text.indexOf(String(y)) + 4, text.indexOf(String(y)) + 7)));
  }

  canAccuse(c: number): boolean {
    const cl = this.doc.clusters[c];
    if (!cl) return false;
    if (cl.kind !== 'Person') return true;
    return this.sides.speaksFor(c) !== undefined || this.isOffice(cl) || cl.mentions.some((mi) => OFFICE_TITLE.test(this.doc.mentions[mi].title ?? ''));
  }

  /** "The UK Defence Secretary said …": a person known only by an office. */
  private isOffice(cl: Doc['clusters'][number]): boolean {
    return cl.kind === 'Person' && !cl.names.length && OFFICE_ONLY.test(cl.label);
  }

  /** An accuser known only by an office speaks for its state: the state accuses with it. */
  private withOfficeState(accusers: number[]): number[] {
    const out = [...accusers];
    for (const c of accusers) {
      if (!this.isOffice(this.doc.clusters[c])) continue;
      const state = this.sides.countryNode(c);
      if (state !== undefined && !out.includes(state)) out.push(state);
    }
    return out;
  }

  private sideSet(cs: number[]): Set<string> { return new Set(cs.map((c) => this.sides.key(c))); }

  /** Merge into a frame with the same accusing and accused sides, the same time. */
  private add(f: Frame): void {
    const fa = this.sideSet(f.accusers);
    const fb = this.sideSet(f.accused);
    const same = this.frames.find((g) => g.background === f.background && intersects(this.sideSet(g.accused), fb)
      && (!f.accusers.length || !g.accusers.length || intersects(this.sideSet(g.accusers), fa)));
    if (!same) { this.frames.push(f); return; }
    for (const c of f.accusers) if (!same.accusers.includes(c)) same.accusers.push(c);
    for (const c of f.accused) if (!same.accused.includes(c)) same.accused.push(c);
    same.patterns.push(...f.patterns);
    // An indictment named later outranks the allegation read first.
    if (same.kind === 'allegation' && f.kind !== 'allegation') same.kind = f.kind;
  }

  /** The frame of the headline and lead: not background, earliest in the first paragraphs, named in the headline. */
  private choosePrincipal(): number {
    if (!this.frames.length) return -1;
    const headline = (this.doc.meta.headline ?? '').toLowerCase();
    const firstBlock = this.doc.sentences[0]?.block ?? 0;
    const score = (f: Frame) => {
      let s = 0;
      if (!f.background) s += 4;
      // "X hit back after Y blamed Z": the accusation told in the after-clause is the one answered.
      if (f.answeredInLead) s += 2;
      // Of two sides accusing each other, the article is about the accusation the other side answers.
      const accusedAnswer = f.accused.some((c) => this.answering.has(this.sides.key(c)));
      const accuserAnswers = f.accusers.some((c) => this.answering.has(this.sides.key(c)));
      if (accusedAnswer && !accuserAnswers) s += 2;
      if (this.doc.sentences[f.sentence].block <= firstBlock + 1) s += 2;
      if (f.accusers.some((c) => this.named(headline, c))) s += 1;
      if (f.accused.some((c) => this.named(headline, c))) s += 1;
      return s - f.sentence / 1000;
    };
    const scores = this.frames.map(score);
    let best = 0;
    scores.forEach((x, i) => { if (x > scores[best]) best = i; });
    return best;
  }

  private named(text: string, c: number): boolean {
    if (!text) return false;
    const cl = this.doc.clusters[c];
    const names = [cl.label, ...cl.names].filter((n) => n.length > 2).map((n) => n.toLowerCase());
    const country = this.sides.countryNode(c);
    if (country !== undefined) names.push(...[this.doc.clusters[country].label, ...this.doc.clusters[country].names].map((n) => n.toLowerCase()));
    return names.some((n) => text.includes(n));
  }

  /** The speaker of one of the next two sentences, when it may accuse and is not on the accused side. */
  private nextSpeaker(f: Frame): number[] {
    for (let si = f.sentence + 1; si <= f.sentence + 2 && si < this.speakers.length; si++) {
      const c = this.speakers[si];
      if (c !== undefined && this.canAccuse(c) && !f.accused.some((x) => this.sides.same(x, c))) return [c];
    }
    return [];
  }

  /** A frame with no accuser ("five officers were indicted") takes the accuser of the frame it continues. */
  private fillAccusers(): void {
    const p = this.frames[this.principal];
    for (let i = 0; i < this.frames.length; i++) {
      const f = this.frames[i];
      if (f.accusers.length) continue;
      // The frame told just before (two sentences at most), else the principal when this one continues it.
      const before = this.frames.slice(0, i).reverse().find((g) => g.accusers.length && f.sentence - g.sentence <= 2);
      const continues = p?.accusers.length && f.accused.some((x) => p.accused.some((y) => this.sides.same(x, y))) ? p : undefined;
      const source = before ?? continues;
      if (source) f.accusers = source.accusers.filter((c) => !f.accused.some((x) => this.sides.same(x, c)));
      // "Seven Chinese nationals were charged … The Justice Department said the men …": the next speaker.
      else f.accusers = this.nextSpeaker(f);
    }
    // Frames that still have no accuser say nothing the graph can hold.
    const keep = this.frames.map((f) => f.accusers.length > 0);
    const principal = this.frames[this.principal];
    for (let i = this.frames.length - 1; i >= 0; i--) if (!keep[i]) this.frames.splice(i, 1);
    this.principal = principal ? this.frames.indexOf(principal) : -1;
    if (this.principal < 0 && this.frames.length) this.principal = this.choosePrincipal();
  }

  /** Is the cluster on the accused side of frame i (and not its accuser)? */
  answers(c: number, i: number): boolean {
    const f = this.frames[i];
    if (f.accusers.some((x) => this.sides.same(x, c))) return false;
    return f.accused.some((x) => this.sides.same(x, c));
  }

  /** Foreground frames the respondent answers, starting with the one chosen (at most three). */
  foregroundAnswered(respondent: number, chosen: number): number[] {
    const rest = this.frames.map((_, i) => i).filter((i) => i !== chosen && !this.frames[i].background && this.answers(respondent, i));
    return [chosen, ...rest].slice(0, 3);
  }

  /** Which frame a response answers. */
  link(respondent: number, cues: { accusers: number[]; noun?: string; sentence: number }): number | undefined {
    const open = this.frames.map((_, i) => i).filter((i) => this.answers(respondent, i));
    if (!open.length) return undefined;
    // 1. An accuser it names: "the British allegations", "Merkel's claims", "urged the US to withdraw".
    const named = open.filter((i) => this.frames[i].accusers.some((a) => cues.accusers.some((c) => this.sides.same(a, c))));
    if (named.length) return this.prefer(named, cues.noun);
    // 2. The head noun: "the charges" answers the indictment, "the report" the report.
    if (cues.noun) {
      const kinds = KIND_NOUNS.find(([re]) => re.test(cues.noun!))?.[1];
      const byNoun = kinds ? open.filter((i) => kinds.includes(this.frames[i].kind)) : [];
      if (byNoun.length && kinds![0] !== 'allegation') return this.prefer(byNoun);
    }
    // 3. A time cue in the response's sentence: a background frame.
    const text = this.v.sentenceText(cues.sentence);
    if (BACKGROUND_CUE.test(text)) {
      const bg = open.filter((i) => this.frames[i].background);
      if (bg.length === 1) return bg[0];
    }
    // 4. The frame the article is about.
    if (open.includes(this.principal)) return this.principal;
    return this.prefer(open);
  }

  private prefer(ids: number[], noun?: string): number {
    if (ids.includes(this.principal)) return this.principal;
    const fg = ids.filter((i) => !this.frames[i].background);
    if (noun) {
      const kinds = KIND_NOUNS.find(([re]) => re.test(noun))?.[1];
      const k = (fg.length ? fg : ids).find((i) => kinds?.includes(this.frames[i].kind));
      if (k !== undefined) return k;
    }
    return (fg.length ? fg : ids)[0];
  }
}

function intersects<T>(a: Set<T>, b: Set<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
