/**
 * SHACL validation of an export against ontology/shapes.ttl (the graph contract).
 *
 * Named graphs are flattened first: the shapes describe the union of the article
 * graphs and the entities graph (an event's accuser is typed in the entities graph).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Parser } from 'n3';
import type { Literal, Quad, Term } from '@rdfjs/types';
import rdf from '@zazuko/env-node';
import SHACLValidator from 'rdf-validate-shacl';
import { DEFAULT_BASE_IRI, PREFIXES, XSD } from '../ontology/terms.js';

export interface ShaclResult {
  /** IRI (or blank node label, `_:b0`) of the node that broke a constraint. */
  focusNode: string;
  /** IRI of the property path, or null for node-level constraints and complex paths. */
  path: string | null;
  message: string;
  /** Local name of the severity: `Violation`, `Warning` or `Info`. */
  severity: string;
  /** Local name of the SHACL constraint component, e.g. `MinCountConstraintComponent`. */
  constraint: string | null;
  /** The offending value (IRI, `_:label`, or a literal as a JSON string), when there is one. */
  value: string | null;
  /** Why a value failed an `sh:node` shape: the results of that nested shape. */
  details: ShaclResult[];
}

export interface ShaclReport {
  conforms: boolean;
  results: ShaclResult[];
}

/** Resolved next to this module, so validation works from any working directory. */
export const SHAPES_PATH = fileURLToPath(new URL('../../ontology/shapes.ttl', import.meta.url));

let shapes: Promise<Quad[]> | undefined;

function loadShapes(): Promise<Quad[]> {
  shapes ??= (async () => {
    let text: string;
    try {
      text = await readFile(SHAPES_PATH, 'utf8');
    } catch (err) {
      throw new Error(`validateShacl: cannot read the SHACL shapes at ${SHAPES_PATH} (${String(err)}); restore ontology/shapes.ttl`);
    }
    return parseTurtle(text, SHAPES_PATH);
  })().catch((err: unknown) => {
    shapes = undefined; // a later call retries once the file is fixed
    throw err;
  });
  return shapes;
}

function parseTurtle(text: string, source: string): Quad[] {
  try {
    // TriG is a superset of Turtle, so per-article named graphs parse too.
    return new Parser({ format: 'application/trig', baseIRI: DEFAULT_BASE_IRI }).parse(text);
  } catch (err) {
    throw new Error(`validateShacl: ${source} is not valid Turtle/TriG: ${(err as Error).message}`);
  }
}

function termString(term: Term | null | undefined): string | null {
  if (!term) return null;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType === 'Literal') {
    // Show what made a literal fail a datatype check: its language or non-string datatype.
    const lit = term as Literal;
    if (lit.language) return `${JSON.stringify(lit.value)}@${lit.language}`;
    const dt = lit.datatype?.value;
    return dt && dt !== XSD.string.value ? `${JSON.stringify(lit.value)}^^${shorten(dt)}` : JSON.stringify(lit.value);
  }
  return term.value;
}

function localName(term: Term | null | undefined): string | null {
  if (!term) return null;
  return term.value.replace(/^.*[#/]/, '');
}

const SH_CLASS = 'http://www.w3.org/ns/shacl#class';

type LibResult = Awaited<ReturnType<SHACLValidator['validate']>>['results'][number];

function toResult(r: LibResult, shapeQuads: Quad[]): ShaclResult {
  const path = r.path;
  const constraint = localName(r.sourceConstraintComponent);
  let message = r.message.map((m) => m.value).join('; ');
  if (!message && constraint === 'ClassConstraintComponent') {
    // The library has no default text for sh:class; name the class the shape wants.
    const cls = shapeQuads.find((q) => q.subject.equals(r.sourceShape) && q.predicate.value === SH_CLASS)?.object;
    message = cls ? `Value is not an instance of ${shorten(cls.value)}` : 'Value is not an instance of the required class';
  }
  return {
    focusNode: termString(r.focusNode) ?? '',
    path: path?.termType === 'NamedNode' ? path.value : null,
    message,
    severity: localName(r.severity) ?? 'Violation',
    constraint,
    value: termString(r.value),
    details: r.detail.map((d) => toResult(d, shapeQuads)),
  };
}

/**
 * Validate quads (any graphs) or a Turtle/TriG string against ontology/shapes.ttl.
 * A new validator per call: the library keeps the data graph on the instance, so one
 * shared instance would mix up concurrent calls. The parsed shapes are shared.
 */
export async function validateShacl(data: Quad[] | string): Promise<ShaclReport> {
  const shapeQuads = await loadShapes();
  const input = typeof data === 'string' ? parseTurtle(data, 'the data') : data;
  const dataset = rdf.dataset(input.map((q) => rdf.quad(q.subject, q.predicate, q.object)));
  const validator = new SHACLValidator(rdf.dataset(shapeQuads), { factory: rdf });
  const report = await validator.validate(dataset);
  const results = report.results.map((r) => toResult(r, shapeQuads));
  return { conforms: report.conforms, results };
}

function shorten(iri: string): string {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iri.startsWith('_:') || iri.startsWith('"') ? iri : `<${iri}>`;
}

function formatResult(r: ShaclResult, indent: string): string[] {
  const where = r.path ? `${shorten(r.focusNode)} ${shorten(r.path)}` : shorten(r.focusNode);
  // A node-level result repeats the focus node as its value; say it once.
  const value = r.value !== null && r.value !== r.focusNode ? ` (value ${shorten(r.value)})` : '';
  const why = r.message || r.constraint || 'constraint violated';
  return [`${indent}${r.severity}: ${where}: ${why}${value}`, ...r.details.flatMap((d) => formatResult(d, `${indent}    `))];
}

/** One line per result (nested sh:node results indented below), with prefixed names. */
export function formatShaclReport(report: ShaclReport): string {
  if (report.conforms) return 'SHACL: conforms';
  const lines = report.results.flatMap((r) => formatResult(r, '  '));
  return `SHACL: ${report.results.length} result(s)\n${lines.join('\n')}`;
}
