/**
 * A deleted article taken out of the live graph in place, instead of building the whole graph
 * again from every other article's quads (at 10,000 articles a DELETE answered in 9–11 s and
 * held `/api/config` up to 0.7 s while the graph, a second copy of it, was made).
 *
 * Every relation lies in an article's named graph (the entities graph only describes), and
 * buildGraph files each relation under that article. So an edge the article's relations made
 * stays exactly when another article names it too: its `articles` list, less this article, is
 * not empty. A node stays when an edge still touches it. What the article added to a node or
 * an edge that stays (its id, its evidence annotations, which no other article shares) is
 * taken out of their lists, which keeps the others in the order a build gives them.
 *
 * The result is the graph buildGraph gives for the corpus without the article, node for node
 * and edge for edge, with the same attributes and lists (test/server/graph-remove.test.ts); only
 * the order in which the graph holds a node first named by the removed article can differ (a
 * build meets it later). Drawn nodes keep their places. Synchronous; proportional to the
 * article, bar one pass over the entities graph.
 */
import type { Quad } from 'n3';
import { defaultLabel, edgeOf, nodeSize, RELATION_PREDICATES, typeOf } from '../src/graph/build.js';
import { NS, OA, RDF, RDFS, SKOS } from '../src/ontology/terms.js';
import type { KgGraph } from './graphology.js';
import { indexArticles, unindexArticles, type ArticleMeta } from './evidence.js';

/** What an article's quads give the graph: its edges' keys (as buildGraph makes them), their ends, its annotations. */
function contribution(quads: Quad[]): { edges: Set<string>; ends: Set<string>; named: Set<string>; annotations: Set<string>; articleIris: Set<string> } {
  const edges = new Set<string>();
  const named = new Set<string>();
  const ends = new Set<string>();
  const annotations = new Set<string>();
  const articleIris = new Set<string>();
  for (const q of quads) {
    const p = q.predicate.value;
    if (q.object.termType === 'NamedNode') named.add(q.object.value);
    if (RELATION_PREDICATES.has(p)) {
      const { from, to, key } = edgeOf(q.subject.value, p.slice(NS.nkg.length), q.object.value);
      edges.add(key);
      ends.add(from).add(to);
    } else if (p === OA.hasTarget.value) annotations.add(q.subject.value);
    else if (p === RDF.type.value && q.object.value === `${NS.schema}NewsArticle`) articleIris.add(q.subject.value);
  }
  return { edges, ends, named, annotations, articleIris };
}

/** Take out of a list, in place, what `gone` says; the rest keep their order. */
function without(list: unknown[], gone: (x: unknown) => boolean): void {
  let w = 0;
  for (let r = 0; r < list.length; r++) if (!gone(list[r])) list[w++] = list[r];
  list.length = w;
}

/**
 * Remove an article from `graph` (built by buildGraph, or grown by appendArticle, from a corpus
 * holding it): `articleQuads` its named graph, `articleId` its id, `entityQuads` the entities
 * graph without it, `changed` the entities whose description changed with it (their label, type
 * and aliases are read again). Returns the nodes it removed, with the places they had (a replaced
 * article's new version puts the nodes it names again back where they were).
 */
export function removeArticle(graph: KgGraph, articleId: string, articleQuads: Quad[], entityQuads: Iterable<Quad>, changed: Set<string>): Map<string, Place> {
  const { edges, ends, named, annotations, articleIris } = contribution(articleQuads);
  const mine = (x: unknown) => x === articleId;
  const itsEvidence = (x: unknown) => annotations.has(x as string);

  for (const key of edges) {
    if (!graph.hasEdge(key)) continue;
    const a = graph.getEdgeAttributes(key);
    const arts = a.articles as string[];
    without(arts, mine);
    if (!arts.length) graph.dropEdge(key);
    else without(a.evidence as unknown[], itsEvidence);
  }

  const removed = new Map<string, Place>();
  for (const n of ends) {
    if (!graph.hasNode(n)) continue;
    const a = graph.getNodeAttributes(n);
    without(a.articles as string[], mine);
    // Every edge files its article under both its ends: a node no edge touches any more had only this article.
    if (graph.degree(n) === 0) { removed.set(n, { x: a.x as number, y: a.y as number }); graph.dropNode(n); continue; }
    if (Array.isArray(a.evidence)) without(a.evidence, itsEvidence);
    graph.setNodeAttribute(n, 'size', nodeSize(a.type, graph.degree(n)));
  }

  const articles = (graph.getAttribute('articles') ?? {}) as Record<string, unknown>;
  for (const iri of articleIris) delete articles[iri];
  unindexArticles(graph, articleIris, articleId);
  const evidence = (graph.getAttribute('evidence') ?? {}) as Record<string, unknown>;
  for (const ann of annotations) delete evidence[ann];

  // The names of an entity the article named may come in another order without it (each keeps
  // its first mention's place): the store's diff sees the same quads, so they are read again too.
  redescribe(graph, entityQuads, new Set([...changed, ...named]));
  return removed;
}

/** Where a node was drawn. */
export interface Place { x: number; y: number }

interface EntityFacts { types: Set<string>; label?: string; alts: string[] }

/**
 * The outlet names the graph's articles carry, read again for outlets among `changed`: an
 * organization's label is its first article's name for it, so it changes when that article goes.
 * `outlets` gives each article's IRI and its outlet's IRI (Corpus.outlets).
 */
export function relabelOutlets(graph: KgGraph, outlets: Iterable<[string, string]>, entityQuads: Iterable<Quad>, changed: Set<string>): void {
  const articles = (graph.getAttribute('articles') ?? {}) as Record<string, { outlet?: string }>;
  const stale: [string, string][] = [];
  for (const [a, o] of outlets) if (changed.has(o) && articles[a]) stale.push([a, o]);
  if (!stale.length) return;
  const labels = new Map<string, string>();
  for (const q of entityQuads) if (q.predicate.value === RDFS.label.value && changed.has(q.subject.value)) labels.set(q.subject.value, q.object.value);
  for (const [a, o] of stale) {
    if (labels.has(o)) articles[a]!.outlet = labels.get(o);
    else delete articles[a]!.outlet;
  }
  indexArticles(graph, Object.fromEntries(stale.map(([a]) => [a, articles[a] as ArticleMeta])));
}

/**
 * The nodes among `changed` read again from the entities graph: label, type and aliases, as
 * buildGraph sets them. One pass over the entities graph.
 */
export function redescribe(graph: KgGraph, entityQuads: Iterable<Quad>, changed: Set<string>): void {
  const facts = new Map<string, EntityFacts>();
  for (const n of changed) if (graph.hasNode(n)) facts.set(n, { types: new Set(), alts: [] });
  if (!facts.size) return;
  for (const q of entityQuads) {
    const f = facts.get(q.subject.value);
    if (!f) continue;
    const p = q.predicate.value;
    if (p === RDF.type.value) f.types.add(q.object.value);
    else if (p === RDFS.label.value) f.label = q.object.value;
    else if (p === SKOS.altLabel.value && !f.alts.includes(q.object.value)) f.alts.push(q.object.value);
  }
  for (const [n, f] of facts) {
    const type = typeOf(f.types);
    if (type) graph.mergeNodeAttributes(n, { label: f.label ?? defaultLabel(type), type, altLabels: f.alts, size: nodeSize(type, graph.degree(n)) });
  }
}
