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
import type { DocView } from '../syntax/view.js';

function attackerFits(doc: Doc, v: DocView, m: Match<TargetRole>, frame: { accused: number[] }, sides: Sides): boolean {
  const accusedSide = (c: number) => frame.accused.some((x) => sides.same(x, c));
  const named = m.slots.attacker ?? [];
  if (named.length) return named.some((a) => accusedSide(a.cluster));
  if (m.sentence <= 2) return true;
  // "the alleged Chinese hacking", "the hackers": the sentence points at the accused side or the story's attackers.
  if (v.agents[m.sentence].some((a) => accusedSide(a.cluster))) return true;
  // An attacker the sentence does not name ("NotPetya", "hackers") points at no other side.
  return !!m.phrases.attacker;
}

/**
 * The frame read in the victim's own sentence; of several ("accused China of …, and accused Russia of hacking
 * the State Department"), the one whose accused is the attacker named, else the nearest trigger before it.
 */
function frameHere(doc: Doc, m: Match<TargetRole>, dispute: DisputeModel, sides: Sides): number {
  const here = dispute.frames.map((f, i) => (f.sentence === m.sentence ? i : -1)).filter((i) => i >= 0);
  if (here.length <= 1) return here[0] ?? -1;
  const named = m.slots.attacker ?? [];
  const byAttacker = here.find((i) => named.some((a) => dispute.frames[i].accused.some((x) => sides.same(x, a.cluster))));
  if (byAttacker !== undefined) return byAttacker;
  const at = doc.tokens[m.trigger].start;
  const before = here.filter((i) => dispute.frames[i].trigger.start <= at);
  return before.length ? before.reduce((a, b) => (dispute.frames[b].trigger.start > dispute.frames[a].trigger.start ? b : a)) : here[0];
}

export function attachVictims(doc: Doc, v: DocView, dispute: DisputeModel, sides: Sides, matches: Match<TargetRole>[]): void {
  if (!dispute.frames.length) return;
  for (const m of matches) {
    if (m.negated || m.hypothetical) continue;
    const here = frameHere(doc, m, dispute, sides);
    const frame = dispute.frames[here >= 0 ? here : dispute.principal];
    if (!frame) continue;
    // Hacking told outside any accusation belongs to the principal one only when its attacker is the accused
    // side, "the hackers" of the story, or it is told in the lead.
    if (here < 0 && !attackerFits(doc, v, m, frame, sides)) continue;
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
