/**
 * A new article added to the live graph in place, instead of building the whole graph again
 * from every article's quads (at 10,000 articles that was 1.5M quads, a second 60k-node graph,
 * 8–12 s of the event loop and most of the garbage a POST made).
 *
 * It gives the graph buildGraph would give for the corpus with the article appended (node for
 * node, edge for edge, in the same order; test/server/graph-append.test.ts): an article joins the
 * corpus last, so its relations come after every other article's, and what it adds to a node or
 * an edge (an article, an evidence annotation) goes at the end of their lists, as buildGraph's
 * first-seen order puts it. The entities whose description changed with it (a longer name, a
 * new alias, a type) are read again from the entities graph. A replaced or removed article is
 * taken out first (graph-remove.ts).
 */
import type { Quad } from 'n3';
import { buildGraph, nodeSize } from '../src/graph/build.js';
import { placeFrom } from '../src/graph/place.js';
import type { KgGraph } from './graphology.js';
import { indexArticles, type ArticleMeta } from './evidence.js';
import { redescribe, type Place } from './graph-remove.js';

/** Append what `from` adds to a list, each once (the lists hold distinct ids in first-seen order). */
function appendAll(list: string[], from: readonly string[]): void {
  for (const x of from) if (!list.includes(x)) list.push(x);
}

/**
 * Add a new article to `graph` (built by buildGraph from the corpus without it): `articleQuads`
 * its named graph, `entityQuads` the entities graph with it, `changed` the entities whose
 * description changed. The article's own graph is built alone (with the descriptions of what it
 * names) and merged in. New nodes are placed next to their neighbours (place.ts), as after a
 * rebuild. Synchronous; proportional to the article, bar one pass over the entities graph and
 * one over the nodes. `places`: where nodes it adds were drawn before (a replaced article's). Returns
 * the nodes it added.
 */
export function appendArticle(graph: KgGraph, articleQuads: Quad[], entityQuads: Iterable<Quad>, changed: Set<string>, places?: ReadonlyMap<string, Place>): string[] {
  const named = new Set(changed);
  for (const q of articleQuads) { named.add(q.subject.value); if (q.object.termType === 'NamedNode') named.add(q.object.value); }
  const described: Quad[] = [];
  for (const q of entityQuads) if (named.has(q.subject.value)) described.push(q);
  const own = buildGraph([...articleQuads, ...described], { layout: false });

  const articles = (graph.getAttribute('articles') ?? {}) as Record<string, unknown>;
  const ownArticles = (own.getAttribute('articles') ?? {}) as Record<string, ArticleMeta>;
  Object.assign(articles, ownArticles);
  indexArticles(graph, ownArticles);
  const evidence = (graph.getAttribute('evidence') ?? {}) as Record<string, unknown>;
  Object.assign(evidence, own.getAttribute('evidence') ?? {});

  // Entities already drawn whose description changed: label, type and aliases read again.
  redescribe(graph, described, changed);

  // In the article's order, as buildGraph meets them after every other article's.
  const added: string[] = [];
  const touched = new Set<string>();
  own.forEachNode((n, a) => {
    if (graph.hasNode(n)) { appendAll(graph.getNodeAttribute(n, 'articles') as string[], a.articles as string[]); return; }
    const p = places?.get(n);
    graph.addNode(n, p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { ...a, x: p.x, y: p.y } : { ...a });
    added.push(n);
    touched.add(n);
  });
  own.forEachEdge((key, a, source, target) => {
    if (!graph.hasEdge(key)) {
      graph.addDirectedEdgeWithKey(key, source, target, { ...a });
      touched.add(source).add(target);
      return;
    }
    const e = graph.getEdgeAttributes(key);
    appendAll(e.articles as string[], a.articles as string[]);
    appendAll(e.evidence as string[], a.evidence as string[]);
  });
  for (const n of touched) graph.setNodeAttribute(n, 'size', nodeSize(graph.getNodeAttribute(n, 'type'), graph.degree(n)));
  // Every node drawn keeps its place; the new ones go next to their neighbours.
  if (added.length) placeFrom(graph, graph);
  return added;
}
