/**
 * /api/spokespeople's table: each spokesperson, whom they speak for, and the accusers of
 * the accusations they responded to, from the graph (edges run actor → event → accused).
 */
import type { KgGraph } from './graphology.js';
import { edgeEvidence, evidenceFor, ref, type EvidenceOut, type Ref } from './evidence.js';
import { collate } from '../src/collate.js';
import { drain } from '../src/steps.js';

export interface SpokespersonOut {
  /** `named` is false for a spokesperson the articles do not name (no rdfs:label in the RDF). */
  person: Ref & { named: boolean };
  for: Ref[];
  respondedTo: (Ref & { count: number; evidence: EvidenceOut[] })[];
}

/** Evidence sentences a row of the table carries for each organization; the rest are counted (evidenceCount). */
export const EVIDENCE_PREVIEW = 3;

/** A row as the table's pages give it: each organization's first EVIDENCE_PREVIEW sentences and how many there are. */
export type SpokespersonPreview = Omit<SpokespersonOut, 'respondedTo'> & { respondedTo: (SpokespersonOut['respondedTo'][number] & { evidenceCount: number })[] };

/**
 * The row with its evidence cut to a preview (at 10,000 articles a person can answer one
 * organization in 124 sentences: a page of 100 full rows was 5.4 MB). GET
 * /api/spokespeople/:id gives one person's row with every sentence.
 */
export function preview(row: SpokespersonOut): SpokespersonPreview {
  return { ...row, respondedTo: row.respondedTo.map((t) => ({ ...t, evidence: t.evidence.slice(0, EVIDENCE_PREVIEW), evidenceCount: t.evidence.length })) };
}

/** The other ends of `node`'s edges with this relation (edges run actor → event → accused). */
function related(graph: KgGraph, node: string, relation: string): { other: string; edge: string }[] {
  const out: { other: string; edge: string }[] = [];
  graph.forEachEdge(node, (edge, a) => {
    if (a.relation === relation) out.push({ other: graph.opposite(node, edge), edge });
  });
  return out;
}

function typeIs(graph: KgGraph, node: string, type: string): boolean {
  return graph.getNodeAttribute(node, 'type') === type;
}

/**
 * Each spokesperson, whom they speak for, and the accusers of the accusations they
 * responded to, with counts of distinct responses: the SPARQL question of KG-CONTRACT.md.
 */
export function spokespeople(graph: KgGraph, named: (id: string) => boolean = () => true): SpokespersonOut[] {
  return drain(spokespeopleSteps(graph, named));
}

/** Spokespeople made between yields (at 10,000 articles the table took over a second in one go). */
const PEOPLE_PER_STEP = 50;

/** spokespeople() as a generator that yields every PEOPLE_PER_STEP people, so a caller can let the event loop answer. */
export function* spokespeopleSteps(graph: KgGraph, named: (id: string) => boolean = () => true): Generator<void, SpokespersonOut[]> {
  const byPerson = new Map<string, Set<string>>();
  graph.forEachEdge((_e, a, source, target) => {
    if (a.relation !== 'spokespersonFor') return;
    if (!byPerson.has(source)) byPerson.set(source, new Set());
    byPerson.get(source)!.add(target);
  });
  const out: SpokespersonOut[] = [];
  yield;
  for (const [person, orgs] of byPerson) {
    if (out.length % PEOPLE_PER_STEP === PEOPLE_PER_STEP - 1) yield;
    const responded = new Map<string, { responses: Set<string>; evidence: string[] }>();
    for (const { other: response, edge } of related(graph, person, 'respondent')) {
      if (!typeIs(graph, response, 'response')) continue;
      const evidence = [...edgeEvidence(graph.getEdgeAttributes(edge)), ...((graph.getNodeAttribute(response, 'evidence') as string[] | undefined) ?? [])];
      for (const { other: accusation } of related(graph, response, 'respondsTo')) {
        if (!typeIs(graph, accusation, 'accusation')) continue;
        for (const { other: accuser } of related(graph, accusation, 'accuser')) {
          let slot = responded.get(accuser);
          if (!slot) responded.set(accuser, (slot = { responses: new Set(), evidence: [] }));
          slot.responses.add(response);
          slot.evidence.push(...evidence);
        }
      }
    }
    out.push({
      person: { ...ref(graph, person), named: named(person) },
      for: [...orgs].map((o) => ref(graph, o)).sort((x, y) => collate(x.label, y.label)),
      respondedTo: [...responded].map(([x, s]) => ({ ...ref(graph, x), count: s.responses.size, evidence: evidenceFor(graph, s.evidence) }))
        .sort((x, y) => y.count - x.count || collate(x.label, y.label)),
    });
  }
  return out.sort((x, y) => collate(x.person.label, y.person.label) || collate(x.person.id, y.person.id));
}

