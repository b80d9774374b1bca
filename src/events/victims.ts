/**
 * Victims: the target frames' fillers attached to the accusation they belong to —
 * the frame read in the same sentence, else the principal frame when the hacking
 * told of is the accused side's (or nobody's). Owners of systems stand for them
 * ("a network used by the Ministry of Defence"); "among them X, Y" lists add victims.
 */
import type { Doc } from '../doc/document.js';
import type { Match } from '../rules/matcher.js';
import type { DisputeModel } from './dispute.js';
import type { TargetRole } from './patterns/targets.js';
import type { Sides } from './sides.js';

export function attachVictims(doc: Doc, dispute: DisputeModel, sides: Sides, matches: Match<TargetRole>[]): void {
  if (!dispute.frames.length) return;
  for (const m of matches) {
    if (m.negated || m.hypothetical) continue;
    const here = dispute.frames.findIndex((f) => f.sentence === m.sentence);
    const frame = dispute.frames[here >= 0 ? here : dispute.principal];
    if (!frame) continue;
    for (const a of m.slots.victim ?? []) {
      const cl = doc.clusters[a.cluster];
      if (!cl || cl.kind === 'Person' || cl.sub === 'threat-actor') continue;
      if (a.m.modifier && a.m.demonym) continue;
      // A dateline ("BERLIN - …") names where the story was filed.
      if (a.first === doc.sentences[m.sentence].firstToken && /^[-–—]$/.test(doc.text.slice(doc.tokens[a.last + 1]?.start ?? 0, doc.tokens[a.last + 1]?.end ?? 0))) continue;
      if (frame.accused.some((x) => sides.same(x, a.cluster))) continue;
      if (doc.roles.some((r) => r.org === a.cluster && r.sentence === m.sentence)) continue;
      if (!frame.targets.includes(a.cluster)) frame.targets.push(a.cluster);
    }
  }
}
