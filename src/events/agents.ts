/**
 * What a noun phrase names when the matcher reads a role from it: its own agent;
 * else the name it stands in apposition to ("APT29, a group backed by Russia");
 * else the patron of an unnamed group ("hackers linked to Beijing", "hackers
 * working for its government"), which is the side the phrase points at.
 */
import type { SentenceSyntax } from '../syntax/clauses.js';
import type { NounChunk } from '../syntax/chunks.js';
import type { Agent } from '../syntax/view.js';

const AFFILIATE_VERBS = new Set(['link', 'tie', 'connect', 'affiliate', 'associate', 'back', 'sponsor', 'direct', 'control', 'run', 'employ', 'task', 'support', 'fund', 'base', 'work', 'operate', 'act']);
const GROUP_HEADS = /^(hackers?|group|groups|actors?|unit|units|operatives?|spies|agents?|officers?|individuals?|people|nationals|men|persons|team|crew|gang|campaign|operation|attackers?|intruders?)$/;

export function resolveAgents(syn: SentenceSyntax, np: NounChunk | undefined): Agent[] {
  if (!np) return [];
  const own = syn.agentsOf(np);
  if (own.length) return own;
  const v = syn.v;
  if (!GROUP_HEADS.test(v.lower[np.head])) return [];
  // "hackers linked to Beijing", "a group working for its government".
  const i = syn.chunks.indexOf(np);
  const next = syn.chunks[i + 1];
  if (next?.type === 'VG' && next.first === np.last + 1 && AFFILIATE_VERBS.has(next.lemma)) {
    const patron = syn.complements(next, 2).find((x) => /^(to|by|for|with|of|on)$/.test(x.prep));
    const agents = syn.agentsOf(patron?.np);
    if (agents.length) return agents;
  }
  // "APT29, a group …": the name before the comma.
  if (v.words[np.first - 1] === ',') {
    const prev = syn.npBefore(np.first - 1);
    const agents = syn.agentsOf(prev);
    if (agents.length) return agents;
  }
  return [];
}
