/**
 * Quads as JSON-LD 1.1 in expanded form: one `{@id, @graph}` object per named graph,
 * full IRIs as keys, so any JSON-LD processor reads it without a remote context.
 */
import type { Quad, Term } from 'n3';
import { NS } from '../src/ontology/terms.js';

type NodeObject = Record<string, unknown> & { '@id': string };

function id(t: Term): string {
  return t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
}

function objectOf(t: Term): Record<string, string> {
  if (t.termType === 'Literal') {
    const lit = t as Term & { language: string; datatype: { value: string } };
    if (lit.language) return { '@value': t.value, '@language': lit.language };
    if (lit.datatype && lit.datatype.value !== `${NS.xsd}string`) return { '@value': t.value, '@type': lit.datatype.value };
    return { '@value': t.value };
  }
  return { '@id': id(t) };
}

export function toJsonLd(quads: Iterable<Quad>): unknown[] {
  const graphs = new Map<string, Map<string, NodeObject>>();
  for (const q of quads) {
    const g = q.graph.termType === 'DefaultGraph' ? '' : id(q.graph);
    let nodes = graphs.get(g);
    if (!nodes) graphs.set(g, (nodes = new Map()));
    const s = id(q.subject);
    let node = nodes.get(s);
    if (!node) nodes.set(s, (node = { '@id': s }));
    if (q.predicate.value === `${NS.rdf}type` && q.object.termType !== 'Literal') {
      ((node['@type'] ??= []) as string[]).push(id(q.object));
    } else {
      ((node[q.predicate.value] ??= []) as unknown[]).push(objectOf(q.object));
    }
  }
  const out: unknown[] = [];
  for (const [g, nodes] of graphs) {
    if (g === '') out.push(...nodes.values());
    else out.push({ '@id': g, '@graph': [...nodes.values()] });
  }
  return out;
}
