/**
 * Noun-phrase and verb-group chunks over wink's POS tags, one sentence at a time.
 * A mention is never split: its tokens (the "of" in "Ministry of Foreign Affairs"
 * included) always fall in one noun phrase. Verb groups carry what the rules ask
 * of them: the main verb's lemma, voice, negation and modality.
 */
import type { Agent, DocView } from './view.js';

export interface NounChunk {
  type: 'NP';
  /** Position in its sentence's chunks (set by chunkSentence): the clause layer's memo tables are arrays by it. */
  index: number;
  first: number;
  last: number;
  /** Index of the head token (the last noun, or the last token). */
  head: number;
  agents: Agent[];
  /** The agent before a possessive "'s" in the chunk ("Russia's military"), or a possessive pronoun. */
  possessor?: Agent;
  possessivePronoun?: string;
  /** What the event layer's resolvers made of the phrase, by resolver (see memoised in events/agents.ts). */
  memo?: (Agent[] | undefined)[];
}

export interface VerbGroup {
  type: 'VG';
  /** Position in its sentence's chunks (set by chunkSentence). */
  index: number;
  first: number;
  last: number;
  /** Index of the main verb (the last verb; the copula when there is none). */
  main: number;
  lemma: string;
  passive: boolean;
  negated: boolean;
  /** may, might, could… : what the group says is possible, not asserted. */
  modal?: string;
  /** A participle with no auxiliary after a noun ("hackers backed by Russia"). */
  reduced: boolean;
  /** A participle modifying the noun before it, passive or not ("hackers backed by", "hackers working for"). */
  modifier: boolean;
  /** The group has a finite verb (an auxiliary or a past/present form), so it can head a clause. */
  finite: boolean;
}

export type Chunk = NounChunk | VerbGroup;

const NP_POS = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'PRON']);
const HEAD_POS = new Set(['NOUN', 'PROPN', 'PRON', 'NUM']);
const NOT_NP_PRON = new Set(['who', 'whom', 'which', 'that', 'what', 'whose', 'where', 'whoever']);
const VG_POS = new Set(['AUX', 'VERB']);
const SUBJECT_PRONOUNS = new Set(['it', 'they', 'he', 'she', 'we', 'i', 'you']);
/** Verbs of saying and thinking, which end their group before the next clause's auxiliary. */
const REPORTING_LEMMAS = new Set(['say', 'tell', 'believe', 'think', 'claim', 'add', 'insist', 'allege', 'suspect', 'assess', 'conclude', 'find', 'know', 'argue', 'note', 'warn', 'state', 'report', 'confirm']);
const QUOTES = new Set(['"', '“', '”']);
const NEGATORS = new Set(['not', "n't", 'never', 'neither', 'nor']);
const MODALS = new Set(['may', 'might', 'could', 'can', 'would', 'should', 'must', 'will', 'shall', 'ca', 'wo']);
const POSSESSIVE_PRONOUNS = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);
/** Past participles that do not end in -ed/-en. */
const IRREGULAR_PARTICIPLES = new Set(['hit', 'put', 'set', 'cut', 'hurt', 'struck', 'caught', 'brought', 'bought', 'sought', 'thought', 'taught', 'held', 'told', 'sold', 'found', 'made', 'led', 'met', 'paid', 'said', 'sent', 'spent', 'built', 'left', 'lost', 'kept', 'felt', 'meant', 'read', 'run', 'won', 'shut', 'spread', 'leaked', 'stolen', 'hung', 'dealt', 'slain', 'spun', 'begun', 'done', 'gone', 'seen', 'shown', 'known', 'drawn', 'thrown']);

/** Verbs that need an object: followed straight by a preposition, their participle is passive ("officers charged with"). */
const OBJECT_VERBS = new Set(['accuse', 'charge', 'suspect', 'link', 'tie', 'back', 'sponsor', 'affiliate', 'connect', 'indict', 'blame', 'attribute', 'associate', 'base', 'direct', 'task', 'employ', 'hire', 'sanction', 'convict', 'implicate', 'name', 'identify', 'target', 'hack', 'breach', 'compromise', 'expel', 'arrest', 'detain', 'sentence', 'trace', 'use', 'run', 'control', 'operate', 'fund', 'support', 'own']);

/** A verb's lemma from its -ed form, for the words wink tagged as adjectives ("alleged" → "allege"). */
export function pastToLemma(w: string): string {
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  const stem = w.slice(0, -2);
  return /(g|s|c|v|z|at|ut|ur|iz|ag|um|ul)$/.test(stem) && !/(ss|ll)$/.test(stem) ? `${stem}e` : stem;
}

export function isParticiple(word: string, lemma: string): boolean {
  const w = word.toLowerCase();
  if (w.endsWith('ing')) return false;
  return (w !== lemma && (/(ed|en|wn)$/.test(w))) || IRREGULAR_PARTICIPLES.has(w);
}

/** Chunk the tokens [first, last) of one sentence. */
export function chunkSentence(v: DocView, si: number, first: number, last: number): Chunk[] {
  const out: Chunk[] = [];
  const agents = v.agents[si];
  let k = first;
  while (k < last) {
    const np = nounChunkAt(v, agents, k, last);
    if (np) { np.index = out.length; out.push(np); k = np.last + 1; continue; }
    const vg = verbGroupAt(v, k, last, out.at(-1));
    if (vg) { vg.index = out.length; out.push(vg); k = vg.last + 1; continue; }
    k++;
  }
  return out;
}

/** wink tags some past forms after a noun as adjectives ("the Department unsealed charges"): they are verbs. */
function verbTaggedAdjective(v: DocView, k: number): boolean {
  // Plain comparisons, not regular expressions: the chunker asks this of every token, several times.
  const p = v.pos[k];
  if ((p !== 'ADJ' && p !== 'NOUN') || !v.lower[k].endsWith('ed') || v.lower[k] === 'based') return false;
  // "the Department unsealed charges", "a report which alleged", "was unsealed by".
  const before = v.pos[k - 1], prev = v.lower[k - 1];
  return (p === 'ADJ' && (before === 'NOUN' || before === 'PROPN')) || prev === 'which' || prev === 'who' || prev === 'that'
    || (v.lemma[k - 1] === 'be' && v.lower[k + 1] === 'by');
}

const VERB = 1, NOUNISH = 2, KNOWN = 4;

/** isVerb and inNp for every token, once per document: the chunker asks each several times. */
function flag(v: DocView, t: number, bit: number): boolean {
  const f = (v.flags ??= new Uint8Array(v.size));
  if (t < 0 || t >= v.size) return bit === VERB ? computeIsVerb(v, t) : computeInNp(v, t);
  if (!(f[t] & KNOWN)) f[t] = KNOWN | (computeIsVerb(v, t) ? VERB : 0) | (computeInNp(v, t) ? NOUNISH : 0);
  return (f[t] & bit) !== 0;
}

function isVerb(v: DocView, t: number): boolean { return flag(v, t, VERB); }
function inNp(v: DocView, k: number): boolean { return flag(v, k, NOUNISH); }

function computeIsVerb(v: DocView, t: number): boolean {
  // A capitalised word inside a sentence is a name, whatever the tagger says ("in Shanghai was").
  if (VG_POS.has(v.pos[t]) && startsUpper(v.words[t]) && t > 0 && v.doc.tokens[t - 1]?.sentence === v.doc.tokens[t].sentence && v.pos[t] !== 'AUX') return false;
  return VG_POS.has(v.pos[t]) || verbTaggedAdjective(v, t);
}

/** /^\p{Lu}/u, with ASCII answered without the regular expression. */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(w);
}

function computeInNp(v: DocView, k: number): boolean {
  const p = v.pos[k];
  if (verbTaggedAdjective(v, k)) return false;
  if (p === 'PRON' && NOT_NP_PRON.has(v.lower[k])) return false;
  if (v.lower[k] === 'that' || v.lower[k] === 'which') return false;
  // Currency signs belong to the amount ("$81 million").
  return NP_POS.has(p) || v.lower[k] === "'s" || v.lower[k] === '’s' || (p === 'SYM' && /^[$€£¥]$/.test(v.words[k]));
}

const TIME_OPENERS = new Set(['last', 'next', 'this', 'earlier', 'later', 'early', 'late']);
const isPossessiveS = (w: string) => w === "'s" || w === '’s';

function nounChunkAt(v: DocView, agents: Agent[], k: number, last: number): NounChunk | undefined {
  if (!inNp(v, k) && !v.outerAt(k)) return undefined;
  // A lone pronoun is its own chunk ("he", "it", "they"); possessive pronouns open a chunk.
  if (v.pos[k] === 'PRON' && !POSSESSIVE_PRONOUNS.has(v.lower[k])) return makeNp(v, agents, k, k);
  let j = k;
  while (j + 1 < last) {
    const n = j + 1;
    const a = v.outerAt(n);
    if (a && a.first <= j) { j = Math.max(j, a.last); continue; } // inside a mention
    if (a) { j = a.last; continue; }
    if (v.pos[n] === 'PRON' && !POSSESSIVE_PRONOUNS.has(v.lower[n])) break;
    // After a name, an adjective or determiner opens another phrase ("breached Microsoft last year").
    if (v.outerAt(j) && v.outerAt(j)!.last === j && (v.pos[n] === 'DET' || TIME_OPENERS.has(v.lower[n]))) break;
    if (inNp(v, n)) { if (v.pos[n] === 'DET' && v.pos[j] !== 'DET' && !isPossessiveS(v.lower[j])) break; j = n; continue; }
    // "state-sponsored hackers", "the leaked files": a participle inside a noun phrase.
    // Not a gerund before a name: "an advisory accusing APT40" has a verb.
    if (v.pos[n] === 'VERB' && /^(DET|ADJ|NUM)$/.test(v.pos[j]) && /^(NOUN|PROPN|ADJ)$/.test(v.pos[n + 1] ?? '') && !(/ing$/.test(v.lower[n]) && (v.pos[n + 1] === 'PROPN' || v.outerAt(n + 1)))) { j = n; continue; }
    // Tight hyphen compounds ("China-linked", "state-backed").
    if (v.words[n] === '-' && v.doc.tokens[n].start === v.doc.tokens[j].end && v.doc.tokens[n + 1]?.start === v.doc.tokens[n].end && n + 1 < last) { j = n + 1; continue; }
    break;
  }
  // A chunk never ends on "'s" or a determiner.
  while (j > k && (v.pos[j] === 'DET' || isPossessiveS(v.lower[j])) && !v.outerAt(j)) j--;
  return makeNp(v, agents, k, j);
}


function makeNp(v: DocView, agents: Agent[], first: number, last: number): NounChunk {
  let head = last;
  while (head > first && !HEAD_POS.has(v.pos[head]) && !v.outerAt(head)) head--;
  // "a joint advisory" tagged DET ADJ ADJ: no noun at all, so the last word is the head.
  if (!HEAD_POS.has(v.pos[head]) && !v.outerAt(head)) head = last;
  const inside = agents.filter((a) => a.first >= first && a.last <= last);
  const np: NounChunk = { type: 'NP', index: -1, first, last, head, agents: inside, possessor: undefined, possessivePronoun: undefined, memo: undefined };
  for (let t = first; t < last; t++) {
    if (v.lower[t + 1] === "'s" || v.lower[t + 1] === '’s') {
      const p = inside.filter((a) => a.last === t).sort((x, y) => x.first - y.first)[0];
      if (p) np.possessor = p;
    }
  }
  if (POSSESSIVE_PRONOUNS.has(v.lower[first])) np.possessivePronoun = v.lower[first];
  return np;
}

function isVerbFiller(v: DocView, t: number): boolean {
  return v.pos[t] === 'ADV' || NEGATORS.has(v.lower[t]) || (v.lower[t] === 'to' && isVerb(v, t + 1));
}

function verbGroupAt(v: DocView, k: number, last: number, prev: Chunk | undefined): VerbGroup | undefined {
  // A group may open on a negator or adverb only when a verb follows ("never engaged").
  let j = k;
  if (!isVerb(v, k)) {
    if (!isVerbFiller(v, k)) return undefined;
    while (j < last && isVerbFiller(v, j)) j++;
    if (j >= last || !isVerb(v, j)) return undefined;
  }
  let end = j;
  // A quotation that opens after the auxiliary stays in the group: 'should "stop politicising', 'has "never engaged'.
  const quoted = (t: number) => v.pos[t - 1] === 'AUX' && QUOTES.has(v.words[t]) && (isVerb(v, t + 1) || isVerbFiller(v, t + 1));
  while (end + 1 < last && (isVerb(v, end + 1) || quoted(end + 1) || (isVerbFiller(v, end + 1) && (isVerb(v, end + 2) || (isVerbFiller(v, end + 2) && isVerb(v, end + 3)))))) {
    // Two finite verbs side by side belong to two clauses ("which it believes works for …").
    if (v.pos[end] === 'VERB' && v.pos[end + 1] === 'VERB' && !/ing$/.test(v.lower[end + 1]) && !isParticiple(v.words[end + 1], v.lemma[end + 1])) break;
    // A reporting verb and an auxiliary after it, too ("which the council said had carried out …").
    if (v.pos[end] === 'VERB' && v.pos[end + 1] === 'AUX' && REPORTING_LEMMAS.has(v.lemma[end])) break;
    end++;
  }
  let main = end;
  while (main > k && !(v.pos[main] === 'VERB' || verbTaggedAdjective(v, main))) main--;
  if (!(v.pos[main] === 'VERB' || verbTaggedAdjective(v, main))) main = end;
  let negated = false;
  let modal: string | undefined;
  let be = false;
  let finite = false;
  for (let t = k; t <= end; t++) {
    const l = v.lower[t];
    if (NEGATORS.has(l)) negated = true;
    if (v.pos[t] === 'AUX') {
      finite = true;
      if (MODALS.has(l) && !['will', 'would', 'shall', 'wo'].includes(l)) modal ??= l;
      if (t < main && (v.lemma[t] === 'be' || v.lemma[t] === 'get')) be = true;
    }
  }
  const lemma = verbTaggedAdjective(v, main) ? pastToLemma(v.lower[main]) : v.lemma[main];
  const participle = isParticiple(v.words[main], lemma);
  const passive = be && participle && main !== j;
  if (!finite) finite = isVerb(v, j) && !v.lower[j].endsWith('ing') && v.lower[j - 1] !== 'to' && v.lower[k - 1] !== 'to';
  // No auxiliary, a participle right after a noun phrase or a comma, then by/of/with/in: a reduced passive.
  const next = v.lower[end + 1] ?? '';
  // A personal pronoun is a subject, never what a participle modifies ("which it accused of …").
  const pronounBefore = prev?.type === 'NP' && prev.first === prev.last && SUBJECT_PRONOUNS.has(v.lower[prev.first]);
  const reduced = !be && participle && main === j && !pronounBefore && (prev?.type === 'NP' && prev.last === k - 1 || v.words[k - 1] === ',' || v.lower[k - 1] === 'and')
    && (next === 'by' || (OBJECT_VERBS.has(v.lemma[main]) && /^(of|with|in|to|for|from|as|over)$/.test(next)));
  const ingModifier = !be && main === j && /ing$/.test(v.lower[j]) && !finite && prev?.type === 'NP' && prev.last === k - 1 && v.pos[end + 1] === 'ADP';
  return { type: 'VG', index: -1, first: k, last: end, main, lemma, passive: passive || reduced, negated, modal, reduced, modifier: reduced || ingModifier, finite: finite && !reduced };
}
