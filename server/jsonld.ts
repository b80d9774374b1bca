/**
 * Quads as JSON-LD 1.1. Compacted (the export): the project's `@context` (its prefixes,
 * and `id:` for the data's base IRI) inline, so it needs no remote context; compact IRIs
 * as keys, types and ids; plain strings for xsd:string; one `{@id, @graph}` object per
 * named graph. Expanded (toJsonLd): full IRIs everywhere, for processors without contexts.
 */
import type { Quad, Term } from 'n3';
import { NS, PREFIXES } from '../src/ontology/terms.js';

type NodeObject = Record<string, unknown> & { '@id': string };
type Shorten = (iri: string) => string;

function id(t: Term, short: Shorten): string {
  return t.termType === 'BlankNode' ? `_:${t.value}` : short(t.value);
}

function objectOf(t: Term, short: Shorten, compact: boolean): unknown {
  if (t.termType === 'Literal') {
    const lit = t as Term & { language: string; datatype: { value: string } };
    if (lit.language) return { '@value': t.value, '@language': lit.language };
    if (lit.datatype && lit.datatype.value !== `${NS.xsd}string`) return { '@value': t.value, '@type': short(lit.datatype.value) };
    return compact ? t.value : { '@value': t.value };
  }
  return { '@id': id(t, short) };
}

function graphsOf(quads: Iterable<Quad>, short: Shorten, compact: boolean): unknown[] {
  const graphs = new Map<string, Map<string, NodeObject>>();
  for (const q of quads) {
    const g = q.graph.termType === 'DefaultGraph' ? '' : id(q.graph, short);
    let nodes = graphs.get(g);
    if (!nodes) graphs.set(g, (nodes = new Map()));
    const s = id(q.subject, short);
    let node = nodes.get(s);
    if (!node) nodes.set(s, (node = { '@id': s }));
    if (q.predicate.value === `${NS.rdf}type` && q.object.termType !== 'Literal') {
      ((node['@type'] ??= []) as string[]).push(id(q.object, short));
    } else {
      ((node[short(q.predicate.value)] ??= []) as unknown[]).push(objectOf(q.object, short, compact));
    }
  }
  const out: unknown[] = [];
  for (const [g, nodes] of graphs) {
    if (g === '') out.push(...nodes.values());
    else out.push({ '@id': g, '@graph': [...nodes.values()] });
  }
  return out;
}

export function toJsonLd(quads: Iterable<Quad>): unknown[] {
  return graphsOf(quads, (iri) => iri, false);
}

/** The project's JSON-LD context: its prefixes, and `id:` for the IRIs of the data. */
export function jsonLdContext(baseIri: string): Record<string, string> {
  return { ...PREFIXES, dcterms: NS.dcterms, owl: NS.owl, id: baseIri };
}

/** A compact IRI when a prefix fits and the rest is safe to write after it, else the IRI. */
function shortener(context: Record<string, string>): Shorten {
  const prefixes = Object.entries(context).sort((a, b) => b[1].length - a[1].length);
  return (iri) => {
    for (const [p, ns] of prefixes) {
      if (!iri.startsWith(ns) || iri.length === ns.length) continue;
      const rest = iri.slice(ns.length);
      // "//" after a prefix would read as a network path, ":" as another prefix.
      if (!rest.startsWith('/') && !rest.includes(':')) return `${p}:${rest}`;
    }
    return iri;
  };
}

export function toCompactJsonLd(quads: Iterable<Quad>, baseIri: string): { '@context': Record<string, string>; '@graph': unknown[] } {
  const context = jsonLdContext(baseIri);
  return { '@context': context, '@graph': graphsOf(quads, shortener(context), true) };
}
