/**
 * The evidence triples of the default graph (the W3C Web Annotation nodes: annotation, target,
 * selectors, and the nkg:evidence links to them), told apart from the rest, so that a warm
 * start loads the rest first and answers the queries that cannot read evidence while the
 * evidence loads (store-file.ts, store-worker.ts).
 *
 * Why: at 10,000 articles the default graph is 2.7M triples and half of them are evidence
 * (about 13 per sentence read); oxigraph took 12–14 s to load them all, 5 s without them.
 *
 * The line is drawn by predicate, so that a query can be judged by its text alone: a triple
 * is evidence when its predicate is in the oa: namespace or is nkg:evidence, or it is an
 * rdf:type whose class is in the oa: namespace. A query whose every triple pattern names a
 * predicate outside that set (and a class outside oa: for rdf:type) cannot match one.
 */
import sparqljs from 'sparqljs';
import { NS } from '../src/ontology/terms.js';

const OA_NS = NS.oa;
const EVIDENCE = `${NS.nkg}evidence`;
const RDF_TYPE = `${NS.rdf}type`;

const OA_IRI = `<${OA_NS}`;
const EVIDENCE_IRI = `<${EVIDENCE}>`;
const TYPE_IRI = `<${RDF_TYPE}>`;

/** Whether a triple (its predicate and object IRIs, or undefined for a literal or blank object) is evidence. */
export function isEvidenceTriple(predicate: string, object: string | undefined): boolean {
  if (predicate.startsWith(OA_NS) || predicate === EVIDENCE) return true;
  return predicate === RDF_TYPE && object !== undefined && object.startsWith(OA_NS);
}

/** isEvidenceTriple for one N-Triples line (`<s> <p> <o> .`; subjects are IRIs or blank nodes, neither with spaces). */
function isEvidenceLine(nt: string, start: number): boolean {
  const p = nt.indexOf(' ', start) + 1;
  if (nt.startsWith(OA_IRI, p) || nt.startsWith(EVIDENCE_IRI, p)) return true;
  return nt.startsWith(TYPE_IRI, p) && nt.startsWith(OA_IRI, p + TYPE_IRI.length + 1);
}

/** N-Triples split into the triples that are not evidence and those that are, each in the order given. */
export function splitEvidence(nt: string): { rest: string; evidence: string } {
  const rest: string[] = [];
  const evidence: string[] = [];
  for (let at = 0; at < nt.length;) {
    const nl = nt.indexOf('\n', at);
    const end = nl < 0 ? nt.length : nl + 1;
    if (end - at > 1) (isEvidenceLine(nt, at) ? evidence : rest).push(nt.slice(at, end));
    at = end;
  }
  return { rest: rest.join(''), evidence: evidence.join('') };
}

const parser = new sparqljs.Parser();

/**
 * Whether a query can be answered without the evidence triples: a SELECT, ASK or CONSTRUCT
 * whose every triple pattern (in any group, subquery, EXISTS or path) has a predicate IRI that
 * is not evidence, and for rdf:type a class IRI that is not. A variable predicate, a path with
 * rdf:type or a negated set in it, a DESCRIBE, or a query sparqljs cannot read: false (it waits).
 */
export function readsNoEvidence(query: string): boolean {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = parser.parse(query) as sparqljs.SparqlQuery;
  } catch {
    return false;
  }
  if (parsed.type !== 'query' || parsed.queryType === 'DESCRIBE') return false;
  return patternsAvoidEvidence(parsed.where ?? []);
}

/** Walks everything a query reads (not a CONSTRUCT's template), looking at each triple pattern. */
function patternsAvoidEvidence(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(patternsAvoidEvidence);
  if (node === null || typeof node !== 'object') return true;
  const o = node as Record<string, unknown>;
  if ('subject' in o && 'predicate' in o && 'object' in o) return tripleAvoidsEvidence(o.predicate, o.object);
  for (const [k, v] of Object.entries(o)) if (k !== 'template' && !patternsAvoidEvidence(v)) return false;
  return true;
}

function tripleAvoidsEvidence(predicate: unknown, object: unknown): boolean {
  const p = predicate as { termType?: string; value?: string; type?: string };
  if (p.type === 'path') return pathAvoidsEvidence(p);
  if (p.termType !== 'NamedNode') return false;
  const obj = object as { termType?: string; value?: string };
  if (p.value === RDF_TYPE) return obj.termType === 'NamedNode' && !obj.value!.startsWith(OA_NS);
  return !isEvidenceTriple(p.value!, undefined);
}

/** A path of plain predicates outside the evidence set (rdf:type's class is unknown inside a path). */
function pathAvoidsEvidence(path: unknown): boolean {
  const p = path as { type?: string; pathType?: string; items?: unknown[]; termType?: string; value?: string };
  if (p.type === 'path') return p.pathType !== '!' && (p.items ?? []).every(pathAvoidsEvidence);
  return p.termType === 'NamedNode' && p.value !== RDF_TYPE && !isEvidenceTriple(p.value!, undefined);
}
