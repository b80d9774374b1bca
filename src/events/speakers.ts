/**
 * Who speaks each sentence. A sentence's own attribution comes first ("X said",
 * "according to X", "X's statement said"); a sentence without one keeps the previous
 * speaker only where it plainly continues their words: inside a quotation, a quote
 * that opens the paragraph, or the answer turn of a press-conference transcript
 * ("A: …"), where the speaker is the spokesperson who holds the conference.
 * Narrative sentences ("Last May, US prosecutors indicted …") are nobody's speech.
 */
import type { Doc } from '../doc/document.js';
import type { Match } from '../rules/matcher.js';
import type { Agent, DocView } from '../syntax/view.js';
import type { SpeechRole } from './patterns/speech.js';

const SPOKES_HEAD = /^spokes(man|woman|person)$|^secretary$/;

export interface Speakers {
  /** The cluster speaking each sentence, if any. */
  bySentence: (number | undefined)[];
  /** Sentences that carry their own attribution (not inherited). */
  attributed: boolean[];
}

export function findSpeakers(doc: Doc, v: DocView, matches: Match<SpeechRole>[][], clauseKinds: (ci: number, si: number) => string = () => 'main'): Speakers {
  const n = doc.sentences.length;
  const bySentence: (number | undefined)[] = new Array(n).fill(undefined);
  const attributed: boolean[] = new Array(n).fill(false);
  for (let si = 0; si < n; si++) {
    // Only a saying verb of the sentence's own clauses attributes it ("…, as the US announced charges" does not).
    const own = (matches[si] ?? []).filter((m) => !/^(adverbial|relative)$/.test(clauseKinds(m.clause, si)));
    const speaker = ownSpeaker(doc, v, si, own);
    if (speaker !== undefined) { bySentence[si] = speaker; attributed[si] = true; }
  }
  // A quoted paragraph attributed at its end ('"… ." Geng said.'): the attribution covers the quote before it.
  for (let si = n - 1; si > 0; si--) {
    if (!attributed[si] || !/^["“”]/.test(v.sentenceText(si)) && !/^[^"“”]*$/.test(v.sentenceText(si).split(/["“”]/)[0] ?? '')) continue;
    const block = doc.sentences[si].block;
    for (let k = si - 1; k >= 0 && doc.sentences[k].block === block && !attributed[k]; k--) bySentence[k] = bySentence[si];
  }
  const host = transcriptSpokesperson(doc, v);
  let inQuote = false;
  let turnHolder: number | undefined;
  for (let si = 0; si < n; si++) {
    const s = doc.sentences[si];
    const text = v.sentenceText(si);
    const prev = si > 0 ? doc.sentences[si - 1] : undefined;
    const turn = /^\s*(A|Answer|Response)\s*[:：]/.test(text) || (prev && prev.block === s.block && host !== undefined && answerTurnOf(doc, v, si));
    // The sentences after a "Name:" turn in its paragraph are that speaker's too.
    if (prev?.block !== s.block) turnHolder = undefined;
    const opens = turnSpeaker(doc, v, si);
    if (opens !== undefined) turnHolder = opens;
    else if (turnHolder !== undefined && !attributed[si]) { bySentence[si] = turnHolder; attributed[si] = true; }
    if (!attributed[si]) {
      if (host !== undefined && turn) bySentence[si] = host;
      else if (/^\s*(Q|Question)\s*[:：]/.test(text)) bySentence[si] = undefined;
      else if (si > 0 && prev!.block === s.block && (inQuote || /^["“]/.test(text)) && bySentence[si - 1] !== undefined) bySentence[si] = bySentence[si - 1];
      else if (si > 0 && prev!.block !== s.block && /^["“]/.test(text) && bySentence[si - 1] !== undefined) bySentence[si] = bySentence[si - 1];
    }
    // Track quotation marks left open across sentences of one paragraph.
    const quotes = (text.match(/["“”]/g) ?? []).length;
    if (prev && prev.block !== s.block) inQuote = false;
    if (quotes % 2 === 1) inQuote = !inQuote;
  }
  return { bySentence, attributed };
}

/** In a transcript, sentences after an "A:" line in its paragraph continue the answer. */
function answerTurnOf(doc: Doc, v: DocView, si: number): boolean {
  const block = doc.sentences[si].block;
  for (let k = si - 1; k >= 0 && doc.sentences[k].block === block; k--) {
    const t = v.sentenceText(k);
    if (/^\s*(A|Answer)\s*[:：]/.test(t)) return true;
    if (/^\s*(Q|Question)\s*[:：]/.test(t)) return false;
  }
  return false;
}

/** A transcript (Q:/A: turns) is held by the spokesperson named first in it. */
function transcriptSpokesperson(doc: Doc, v: DocView): number | undefined {
  const turns = doc.sentences.filter((_, si) => /^\s*(Q|A|Question|Answer)\s*[:：]/.test(v.sentenceText(si))).length;
  if (turns < 2) return undefined;
  return doc.roles[0]?.person;
}

/** "Mao Ning: We have noted the report." — a transcript turn headed by its speaker's name. */
function turnSpeaker(doc: Doc, v: DocView, si: number): number | undefined {
  const first = v.agents[si][0];
  const s = doc.sentences[si];
  if (!first || first.first !== s.firstToken || first.m.kind !== 'Person' || !/^[:：]$/.test(v.words[first.last + 1] ?? '')) return undefined;
  return first.cluster;
}

function ownSpeaker(doc: Doc, v: DocView, si: number, matches: Match<SpeechRole>[]): number | undefined {
  const turn = turnSpeaker(doc, v, si);
  if (turn !== undefined) return turn;
  // The attribution outside any quotation; the last one wins ("…, X said" closes the sentence).
  const candidates = matches
    .map((m) => ({ m, a: pickSpeaker(doc, v, si, m.slots.speaker ?? [], m) }))
    .filter((x): x is { m: Match<SpeechRole>; a: number } => x.a !== undefined && !insideQuote(v, si, x.m.trigger));
  if (!candidates.length) return undefined;
  const person = candidates.find((x) => doc.clusters[x.a]?.kind === 'Person');
  return (person ?? candidates[0]).a;
}

function pickSpeaker(doc: Doc, v: DocView, si: number, agents: Agent[], m: Match<SpeechRole>): number | undefined {
  const np = m.phrases.speaker;
  // "an embassy spokesperson said": the unnamed spokesperson the role finder made for this sentence.
  if (np && SPOKES_HEAD.test(v.lower[np.head])) {
    const person = agents.find((a) => a.m.kind === 'Person');
    if (person) return person.cluster;
    const role = doc.roles.find((r) => r.sentence === si) ?? [...doc.roles].reverse().find((r) => r.sentence < si && (!agents.length || agents.some((a) => a.cluster === r.org)));
    if (role) return role.person;
  }
  const own = agents.filter((a) => !(a.m.kind === 'Country' && a.m.demonym && a.m.modifier));
  return (own.find((a) => a.m.kind === 'Person') ?? own[0])?.cluster;
}

function insideQuote(v: DocView, si: number, tok: number): boolean {
  const s = v.doc.sentences[si];
  const before = v.doc.text.slice(s.start, v.doc.tokens[tok].start);
  return ((before.match(/["“”]/g) ?? []).length % 2) === 1;
}
