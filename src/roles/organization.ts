/**
 * Which organization a spokesperson speaks for when the sentence does not name it
 * outright: a leader's office ("press secretary to President X"), the nearest
 * organization of a type written in lower case ("an embassy spokesperson"), or the
 * body named just before ("The White House followed. … press secretary Sarah Sanders").
 */
import type { Doc } from '../doc/document.js';

/** Names of a head of state's or government's office (the Kremlin, the White House, the Élysée). */
const LEADER_OFFICE = /kremlin|white house|presiden|prime minister|élysée|elysee|blue house|downing street|chancellery/i;

/** The leader's office named nearest to `at` (the article's other offices belong to other leaders). */
export function leaderOffice(doc: Doc, at: number): number | undefined {
  const isOffice = (c: number | undefined) => c !== undefined && doc.clusters[c]?.kind === 'Organization'
    && [doc.clusters[c].label, ...doc.clusters[c].names].some((n) => LEADER_OFFICE.test(n));
  let best: { c: number; d: number } | undefined;
  for (const m of doc.mentions) {
    if (!isOffice(m.cluster)) continue;
    const d = Math.abs(m.start - at);
    if (!best || d < best.d) best = { c: m.cluster!, d };
  }
  return best?.c;
}

/** The nearest government body or organization (not a news outlet) named before `start`, in this or the previous sentence. */
export function nearestBody(doc: Doc, start: number, sentence: number): number | undefined {
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const m = doc.mentions[i];
    if (m.start >= start || m.cluster === undefined || m.modifier || m.kind !== 'Organization') continue;
    if (sentence - m.sentence > 1) break;
    if (doc.clusters[m.cluster]?.sub !== 'media') return m.cluster;
  }
  return undefined;
}

/** How far back (in sentences) a lower-case noun looks for the organization it names. */
const NOUN_REACH = 6;

/** "an embassy spokesperson": the nearest organization before `start` whose type the noun names. */
export function organizationOfNoun(doc: Doc, noun: string, start: number, sentence: number): number | undefined {
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const m = doc.mentions[i];
    if (m.start >= start || m.cluster === undefined || m.kind !== 'Organization' || m.modifier) continue;
    if (sentence - m.sentence > NOUN_REACH) break;
    const sub = doc.clusters[m.cluster].sub ?? '';
    // The type's stem: "embassy" → an 'embassy' organization, "ministry" → 'ministry', "government" → 'government'.
    if (sub.startsWith(noun.slice(0, 4)) || (noun === 'government' && sub === 'government')) return m.cluster;
  }
  return undefined;
}
