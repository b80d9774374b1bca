/**
 * The events stage: run the pattern tables over the clause layer of every sentence,
 * then let policy decide — who speaks (./speakers.ts), which side each entity is on
 * (./sides.ts), which accusations the article holds and which one each response
 * answers (./dispute.ts), and who was hacked (./victims.ts).
 */
import type { Accusation, Doc, Response } from '../doc/document.js';
import { Matcher, mayTrigger, type Match } from '../rules/matcher.js';
import { DocSyntax, type SentenceSyntax } from '../syntax/clauses.js';
import type { NounChunk } from '../syntax/chunks.js';
import { viewOf, type Agent, type DocView } from '../syntax/view.js';
import { DisputeModel } from './dispute.js';
import { ACCUSATION_PATTERNS } from './patterns/accusations.js';
import { AFFILIATION_PATTERNS } from './patterns/affiliations.js';
import { RESPONSE_PATTERNS, type ResponseData, type ResponseRole } from './patterns/responses.js';
import { SPEECH_PATTERNS } from './patterns/speech.js';
import { TARGET_PATTERNS } from './patterns/targets.js';
import { Sides } from './sides.js';
import { findSpeakers } from './speakers.js';
import { attachVictims } from './victims.js';
import { resolveAgents, resolveVictims } from './agents.js';

const speech = new Matcher(SPEECH_PATTERNS, resolveAgents);
const affiliations = new Matcher(AFFILIATION_PATTERNS, resolveAgents);
const accusations = new Matcher(ACCUSATION_PATTERNS, resolveAgents);
const responses = new Matcher(RESPONSE_PATTERNS, resolveAgents);
const targets = new Matcher(TARGET_PATTERNS, resolveVictims);

export function findEvents(doc: Doc): Doc {
  const v = viewOf(doc);
  const syntax = new DocSyntax(v);
  // Parsed on first use (syntax.sentence caches): sentences that can fill no role are never parsed.
  const sentence = (si: number) => syntax.sentence(si);
  const indices = doc.sentences.map((_, si) => si);
  // A sentence that names no one, has no "it"/"they" to stand for someone and no speaker can fill no role:
  // it is never parsed (most of the cost of this stage is the clause layer).
  const mayName = doc.sentences.map((s, si) => (v.agents[si].length > 0 || hasPronounSubject(v, s.firstToken, s.lastToken))
    && mayTrigger(v, si));
  const none: never[] = [];
  const speakers = findSpeakers(doc, v, indices.map((si) => (mayName[si] && speech.mayMatch(v, si) ? speech.match(sentence(si)) : none)), (ci, si) => sentence(si).clauses[ci]?.kind ?? 'main');
  const active = mayName.map((m, si) => m || speakers.bySentence[si] !== undefined);
  // A table runs on the sentences that hold one of its words; the others are not parsed for it.
  const runs = <R extends string, D>(matcher: Matcher<R, D>, si: number): Match<R, D>[] => (active[si] && matcher.mayMatch(v, si) ? matcher.match(sentence(si)) : none);
  const each = <R extends string, D>(matcher: Matcher<R, D>) => indices.flatMap((si) => runs(matcher, si));
  const sides = new Sides(doc, v, syntax, each(affiliations));
  adoptParagraphSides(doc, syntax, sides, speakers.bySentence);
  const dispute = new DisputeModel(doc, v, syntax, sides, speakers.bySentence);
  const responseMatches = indices.map((si) => runs(responses, si));
  dispute.build(each(accusations), answeringParties(doc, responseMatches, speakers.bySentence, sides));
  attachVictims(doc, v, dispute, sides, each(targets));
  const out = linkResponses(doc, v, syntax, responseMatches, dispute, sides, speakers.bySentence);
  counterAccusations(doc, dispute, sides, out);
  const accs: Accusation[] = dispute.frames.map((f) => ({
    kind: f.kind, accusers: f.accusers, accused: f.accused, targets: f.targets, sentence: f.sentence, trigger: f.trigger, rule: f.patterns.join(' '),
    ...(f.background ? { background: true } : {}),
  }));
  return { ...doc, accusations: accs, responses: out };
}

function hasPronounSubject(v: DocView, first: number, last: number): boolean {
  for (let t = first; t < last; t++) if (v.lower[t] === 'it' || v.lower[t] === 'they') return true;
  return false;
}

/** Every response match, linked to the one frame it answers. */
/**
 * "Moscow has rejected the accusations. …, Foreign Minister Sergei Lavrov said": an official whose
 * state the article never names speaks for the body the paragraph is about.
 */
function adoptParagraphSides(doc: Doc, syntax: DocSyntax, sides: Sides, speakers: (number | undefined)[]): void {
  speakers.forEach((c, si) => {
    if (c === undefined || doc.clusters[c]?.kind !== 'Person' || sides.country(c) !== undefined) return;
    if (!doc.clusters[c].mentions.some((mi) => OFFICIAL.test(doc.mentions[mi].title ?? ''))) return;
    const block = doc.sentences[si].block;
    for (let k = si - 1; k >= 0 && doc.sentences[k].block === block; k--) {
      const syn = syntax.sentence(k);
      const vg = syn.verbGroups().find((g) => g.finite && syn.clauseIndex(g) === 0);
      const body = vg ? syn.agentsOf(syn.subject(vg)).find((a) => a.m.kind !== 'Person' && sides.country(a.cluster)) : undefined;
      if (body) { sides.adopt(c, sides.country(body.cluster)!); return; }
    }
  });
}

/** Who answers anything in the article: the speaker of each response match, else the party it names. */
function answeringParties(doc: Doc, matches: Match<ResponseRole, ResponseData>[][], speakers: (number | undefined)[], sides: Sides): number[] {
  const out: number[] = [];
  matches.forEach((list, si) => {
    for (const m of list) {
      if (m.hypothetical || (m.negated && m.pattern.polarity !== 'negative')) continue;
      // "… has never …" is a denial only in someone's words.
      const c = m.pattern.polarity === 'negative' ? speakers[si] : speakers[si] ?? m.slots.respondent?.[0]?.cluster;
      if (c !== undefined && doc.clusters[c]?.sub !== 'media' && deniesForOwnSide(m, c, sides)) out.push(c);
    }
  });
  return out;
}

/** "X has never …" is a denial only when X is the speaker's own side ("China has never…", said by Beijing), not the other's. */
function deniesForOwnSide(m: Match<ResponseRole, ResponseData>, respondent: number, sides: Sides): boolean {
  if (m.pattern.polarity !== 'negative') return true;
  const subject = m.slots.respondent ?? [];
  return !subject.length || subject.some((a) => sides.same(a.cluster, respondent));
}

function linkResponses(doc: Doc, v: DocView, syntax: DocSyntax, matches: Match<ResponseRole, ResponseData>[][], dispute: DisputeModel, sides: Sides, speakers: (number | undefined)[]): Response[] {
  const out: Response[] = [];
  const seen = new Set<string>();
  for (let si = 0; si < matches.length; si++) {
    if (!matches[si].length) continue;
    const syn = syntax.sentence(si);
    for (const m of matches[si]) {
      if (m.hypothetical || (m.negated && m.pattern.polarity !== 'negative')) continue;
      const respondent = respondentOf(doc, m, speakers[syn.si], dispute, sides);
      if (respondent === undefined) continue;
      // The side that made the article's accusation does not "answer" the counter-charges it drew.
      const principal = dispute.frames[dispute.principal];
      if (principal && principal.accusers.some((a) => sides.same(a, respondent)) && !dispute.answers(respondent, dispute.principal)) continue;
      const answered = m.phrases.answered;
      const cues = {
        accusers: [...(m.slots.addressee ?? []), ...answeredAgents(answered), ...syn.v.agents[syn.si].filter((a) => !sides.same(a.cluster, respondent))].map((a) => a.cluster),
        noun: answered ? v.lemma[answered.head] : undefined,
        sentence: syn.si,
      };
      const frame = dispute.link(respondent, cues);
      if (frame === undefined) continue;
      // "denied the accusations" with no accuser named answers every accusation of the day against its side.
      // Not when the sentence names the accuser it answers ("… accusations after the government said …").
      const namesAccuser = cues.accusers.some((c) => dispute.frames[frame].accusers.some((a) => sides.same(a, c)));
      // Nor "those charges": a demonstrative points back at the one accusation just told.
      const pointsBack = !!answered && /^(those|these|such)$/.test(v.lower[answered.first]);
      const plural = !!answered && /s$/.test(v.lower[answered.head]) && !answeredAgents(answered).length && !namesAccuser && !pointsBack;
      const frames = plural ? dispute.foregroundAnswered(respondent, frame) : [frame];
      for (const f of frames) {
        const key = `${respondent}>${f}:${m.pattern.data.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const t = doc.tokens[m.trigger];
        const s = doc.sentences[syn.si];
        out.push({ kind: m.pattern.data.kind, respondents: [respondent], respondsTo: f, sentence: syn.si, trigger: { start: t.start, end: t.end }, quote: quoteIn(doc, s.start, s.end), rule: m.pattern.id });
      }
    }
  }
  return out;
}

function answeredAgents(np: NounChunk | undefined): Agent[] {
  return np ? np.agents : [];
}

/** The subject when it is an accused party that may answer, else the sentence's speaker. */
function respondentOf(doc: Doc, m: Match<ResponseRole, ResponseData>, speaker: number | undefined, dispute: DisputeModel, sides: Sides): number | undefined {
  const accusedAnywhere = (c: number) => dispute.frames.some((_, i) => dispute.answers(c, i));
  const named = (m.slots.respondent ?? []).filter((a) => !(a.m.kind === 'Country' && a.m.demonym && a.m.modifier)).map((a) => a.cluster);
  // The contract's respondent is the spokesperson when one speaks: the speaker first, then who the clause names.
  const order = m.pattern.polarity === 'negative' ? [speaker] : [speaker, ...named];
  for (const c of order) {
    if (c === undefined || !canRespond(doc, c, sides) || !deniesForOwnSide(m, c, sides)) continue;
    if (accusedAnywhere(c)) return c;
  }
  return undefined;
}

function canRespond(doc: Doc, c: number, sides: Sides): boolean {
  const cl = doc.clusters[c];
  if (!cl || cl.sub === 'media') return false;
  if (cl.kind !== 'Person') return true;
  // A person answers for a side only with an office: a spokesperson, a minister, an official.
  return sides.speaksFor(c) !== undefined || cl.unnamed === true || cl.mentions.some((mi) => OFFICIAL.test(doc.mentions[mi].title ?? '')) || sides.employer(c) !== undefined || sides.holdsOffice(c);
}

const OFFICIAL = /spokes|secretary|minister|president|ambassador|official|chancellor|premier|director|envoy|chief|head|commissioner|leader|king|prime|diplomat|consul|press/i;

/** An accused side that accuses its accuser back ("Washington is the biggest hacker") answers with a counter-accusation. */
function counterAccusations(doc: Doc, dispute: DisputeModel, sides: Sides, out: Response[]): void {
  // Only the side the principal accusation accuses counters it; its accuser does not "answer" the counter-charge.
  const p = dispute.frames[dispute.principal];
  if (!p) return;
  dispute.frames.forEach((f, i) => {
    if (i === dispute.principal) return;
    for (const by of f.accusers) {
      if (!dispute.answers(by, dispute.principal)) continue;
      // It answers the frame whose accusers it accuses back ("he accused the United States of …"): the principal if so, else another.
      const accusesBack = (j: number) => j !== i && dispute.answers(by, j) && f.accused.some((x) => dispute.frames[j].accusers.some((a) => sides.same(a, x)));
      const answered = accusesBack(dispute.principal) ? dispute.principal : dispute.frames.findIndex((_, j) => accusesBack(j));
      if (answered < 0) continue;
      if (!canRespond(doc, by, sides)) continue;
      if (out.some((r) => r.respondents[0] === by && r.respondsTo === answered && r.kind === 'counter-accusation')) continue;
      const s = doc.sentences[f.sentence];
      out.push({ kind: 'counter-accusation', respondents: [by], respondsTo: answered, sentence: f.sentence, trigger: f.trigger, quote: quoteIn(doc, s.start, s.end), rule: `counter:${f.patterns[0]}` });
    }
  });
}

function quoteIn(doc: Doc, start: number, end: number) {
  const m = /["“]([^"”]{8,})["”]/.exec(doc.text.slice(start, end));
  return m ? { start: start + m.index + 1, end: start + m.index + 1 + m[1].length } : undefined;
}
