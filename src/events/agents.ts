/**
 * What a noun phrase names when the matcher reads a role from it: its own agent;
 * else the name it stands in apposition to ("APT29, a group backed by Russia");
 * else the patron of an unnamed group ("hackers linked to Beijing", "hackers
 * working for its government"), which is the side the phrase points at.
 */
import { SentenceSyntax } from '../syntax/clauses.js';
import type { NounChunk, VerbGroup } from '../syntax/chunks.js';
import type { Agent } from '../syntax/view.js';
import { SYSTEM_NOUNS } from './patterns/targets.js';

const AFFILIATE_VERBS = new Set(['link', 'tie', 'connect', 'affiliate', 'associate', 'back', 'sponsor', 'direct', 'control', 'run', 'employ', 'task', 'support', 'fund', 'base', 'work', 'operate', 'act']);
const DOCUMENT_HEADS = /^(report|statement|study|analysis|indictment|complaint|advisory|assessment|investigation|document|filing|paper|white|warning|alert|finding|findings|review|inquiry)$/;
const GROUP_HEADS = /^(members?|employees?|hackers?|group|groups|actors?|unit|units|operatives?|spies|agents?|officers?|individuals?|people|nationals|men|persons|team|crew|gang|campaign|operation|attackers?|intruders?)$/;

let resolvers = 0;

/**
 * Many patterns read the same phrase: each resolution is kept on the phrase itself (chunks live as
 * long as their sentence; a WeakMap's entries would outlive them in the collector's young generation).
 */
function memoised(find: (syn: SentenceSyntax, np: NounChunk) => Agent[]): (syn: SentenceSyntax, np: NounChunk | undefined) => Agent[] {
  const slot = resolvers++;
  return (syn, np) => {
    if (!np) return [];
    const memo = (np.memo ??= []);
    return (memo[slot] ??= find(syn, np));
  };
}

export const resolveAgents = memoised(findAgents);

function findAgents(syn: SentenceSyntax, np: NounChunk): Agent[] {
  const own = syn.agentsOf(np);
  if (own.length) return own;
  const v = syn.v;
  if (np.first === np.last && /^(it|they)$/.test(v.lower[np.first])) return antecedentOf(syn, np);
  // "Huawei denied a report that its equipment was used for spying": "its" is the main clause's subject.
  if (np.possessivePronoun && /^(its|their)$/.test(np.possessivePronoun) && !np.possessor) {
    const main = syn.clauses[0].chunks.find((c): c is VerbGroup => c.type === 'VG' && c.finite);
    const subject = main ? syn.agentsOf(syn.subject(main)).filter((a) => a.m.kind !== 'Person' && a.last < np.first) : [];
    if (subject.length) return subject;
  }
  // "Mandiant released a report which alleged …": the report speaks for whoever released it.
  if (DOCUMENT_HEADS.test(v.lemma[np.head])) {
    if (np.possessor) return [np.possessor];
    const by = syn.complements(np, 2).find((x) => /^(by|from)$/.test(x.prep));
    if (by) return syn.agentsOf(by.np);
    const gov = syn.governor(np);
    if (gov && gov.role !== 'subject') return syn.agentsOf(syn.subject(gov.vg));
    return [];
  }
  // "five members of the People's Liberation Army", "the People's Republic of China": the named body of the of-phrase.
  const of = syn.complements(np, 1).find((x) => x.prep === 'of');
  if (of) {
    const agents = syn.agentsOf(of.np);
    if (agents.length) return agents;
  }
  if (!GROUP_HEADS.test(v.lower[np.head])) return [];
  // "a group of hackers linked to …": the hackers' own phrase says whose they are.
  if (of && of.np !== np && GROUP_HEADS.test(v.lower[of.np.head])) {
    const agents = findAgents(syn, of.np);
    if (agents.length) return agents;
  }
  // "hackers from Russia's FSB".
  const from = syn.complements(np, 1).find((x) => x.prep === 'from');
  if (from) {
    const agents = syn.agentsOf(from.np);
    if (agents.length) return agents;
  }
  // "a group it calls Salt Typhoon", "a gang known as Black Heron", "hackers dubbed APT99": the name given.
  const named = namedAs(syn, np);
  if (named.length) return named;
  // "APT29, a group …": the name before the comma.
  if (v.words[np.first - 1] === ',') {
    const prev = syn.npBefore(np.first - 1);
    const agents = syn.agentsOf(prev);
    if (agents.length) return agents;
  }
  // "hackers linked to Beijing", "a group working for its government".
  const i = syn.indexOf(np);
  const next = syn.chunks[i + 1];
  if (next?.type === 'VG' && next.first === np.last + 1 && AFFILIATE_VERBS.has(next.lemma)) {
    // "working for, or on behalf of, its government": the first name within a few words.
    for (const c of syn.chunks.slice(i + 2, i + 6)) {
      if (c.type === 'VG') break;
      const agents = syn.agentsOf(c);
      if (agents.length) return agents;
      // "linked to the Chinese state": the state its demonym names.
      if (STATE_HEADS.has(v.lower[c.head])) {
        const state = syn.agentsOf(c, { modifiers: true }).filter((a) => a.m.kind === 'Country');
        if (state.length) return state;
      }
    }
  }
  return [];
}

const STATE_HEADS = new Set(['state', 'regime', 'authorities', 'intelligence', 'military', 'army']);

const NAMING = /^(calls?|dubs?|dubbed|named|called|known|tracks?|tracked|labels?|labelled|labeled|designates?|designated)$/;

/** The name a following naming phrase gives a group ("it calls X", "known as X", "tracked as X"). */
function namedAs(syn: SentenceSyntax, np: NounChunk): Agent[] {
  const v = syn.v;
  for (let t = np.last + 1; t < Math.min(np.last + 5, v.doc.sentences[syn.si].lastToken); t++) {
    if (!NAMING.test(v.lower[t])) continue;
    const after = syn.npAfter(v.lower[t + 1] === 'as' ? t + 1 : t, /^(as|by|the)$/);
    return syn.agentsOf(after);
  }
  return [];
}

/**
 * "It attributed the activity to APT40": "it"/"they" as a subject stands for the body that was
 * the subject of a verb in the sentence before (main clause first), never a person.
 */
function antecedentOf(syn: SentenceSyntax, np: NounChunk): Agent[] {
  const v = syn.v;
  const si = syn.si;
  const isBody = (a: Agent) => a.m.kind !== 'Person' && !a.m.modifier;
  // Only the subject of the main clause, with no name before it in the sentence ("In a statement, it said").
  if (syn.clauseIndex(np) !== 0 || v.agents[si].some((a) => a.last < np.first)) return [];
  if (si === 0 || v.doc.sentences[si - 1].block !== v.doc.sentences[si].block) return [];
  const prev = syn.previous()!;
  for (const clause of prev.clauses) {
    for (const c of clause.chunks) {
      if (c.type !== 'VG') continue;
      const subj = prev.agentsOf(prev.subject(c)).filter(isBody);
      if (subj.length) return subj;
    }
  }
  return [];
}

/** The names an "among them", "including" or "such as" list gives for a phrase, within its sentence. */
function listAfter(syn: SentenceSyntax, np: NounChunk): Agent[] {
  const v = syn.v;
  const end = v.doc.sentences[syn.si].lastToken;
  for (let t = np.last + 1; t < Math.min(end, np.last + 30); t++) {
    const l = v.lower[t];
    const opens = (l === 'among' && /^(them|others|those)$/.test(v.lower[t + 1] ?? '')) || l === 'including' || (l === 'such' && v.lower[t + 1] === 'as');
    if (!opens) continue;
    const first = syn.npAfter(l === 'including' ? t : t + 1, /^(,|:)$/);
    if (!first) return [];
    const head = first.agents.filter((a) => !a.m.modifier).sort((x, y) => (y.last - y.first) - (x.last - x.first)).slice(0, 1);
    return syn.coordinated(first, head.length ? head : first.agents.filter((a) => a.last === first.last).slice(0, 1));
  }
  return [];
}

/** A victim phrase: its agents, or the owner of the systems it names ("the networks of HPE and IBM", "a network used by the Ministry of Defence"). */
export const resolveVictims = memoised(findVictims);

function findVictims(syn: SentenceSyntax, np: NounChunk): Agent[] {
  // "U.S. companies", "Chinese networks": a country that only qualifies a common noun names no victim.
  const own = syn.agentsOf(np, { modifiers: false }).filter((a) => !a.m.modifier);
  if (own.length) return own;
  // "hit 46 organisations, most of them in finance, among them the New York Stock Exchange, Nasdaq …".
  const listed = listAfter(syn, np);
  if (listed.length) return listed;
  // "inside its computer network": the body "its" stands for, named before in the sentence.
  if (np.possessivePronoun && /^(its|their)$/.test(np.possessivePronoun) && SYSTEM_NOUNS.has(syn.v.lower[np.head])) {
    const before = syn.v.agents[syn.si].filter((a) => a.last < np.first && a.m.kind === 'Organization' && !a.m.modifier);
    if (before.length) return [before.at(-1)!];
  }
  if (!SYSTEM_NOUNS.has(syn.v.lower[np.head])) return [];
  if (np.possessor) return [np.possessor];
  // "patient records and appointment systems at Hospital A": the phrase may follow the last of a pair.
  let last = np;
  for (let i = syn.indexOf(np) + 1; i < syn.chunks.length; i++) {
    const c = syn.chunks[i];
    const gap = syn.v.lower.slice(last.last + 1, c.first);
    if (c.type !== 'NP' || !gap.length || !gap.every((w) => w === 'and' || w === ',')) break;
    last = c;
  }
  const of = syn.complements(last, 2).find((x) => /^(of|at|in|belonging)$/.test(x.prep));
  if (of) return syn.agentsOf(of.np);
  const i = syn.indexOf(np);
  const next = syn.chunks[i + 1];
  if (next?.type === 'VG' && next.reduced && /^(use|run|own|operate|belong|manage)$/.test(next.lemma)) {
    const by = syn.complements(next, 2).find((x) => /^(by|to)$/.test(x.prep));
    return syn.agentsOf(by?.np);
  }
  return [];
}
