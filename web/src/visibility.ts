/**
 * Which nodes and edges the filters leave visible. Pure: reads the graph, never writes
 * it; the graph view applies the result through sigma reducers.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import type { ArticleMeta } from './api.js';
import { hasFilters, type Filters } from './state.js';
import { isEventType } from './settings.js';

export interface Visibility {
  /** null = every node (no filter). */
  nodes: Set<string> | null;
  edges: Set<string> | null;
}

export const ALL_VISIBLE: Visibility = Object.freeze({ nodes: null, edges: null });

/** Articles matching the article, outlet and date filters; null when none of those is set. */
export function allowedArticles(articles: readonly ArticleMeta[], f: Filters): Set<string> | null {
  if (!f.articles.size && !f.outlets.size && !f.from && !f.to) return null;
  const out = new Set<string>();
  for (const a of articles) {
    if (f.articles.size && !f.articles.has(a.id)) continue;
    if (f.outlets.size && !f.outlets.has(a.outlet)) continue;
    const d = (a.date ?? '').slice(0, 10);
    if (f.from && (!d || d < f.from)) continue;
    if (f.to && (!d || d > f.to)) continue;
    out.add(a.id);
  }
  return out;
}

function inArticles(list: unknown, allowed: Set<string> | null): boolean {
  if (!allowed) return true;
  if (!Array.isArray(list) || list.length === 0) return false;
  for (const a of list) if (allowed.has(a as string)) return true;
  return false;
}

export function computeVisibility(graph: Graph, articles: readonly ArticleMeta[], f: Filters): Visibility {
  if (!hasFilters(f)) return ALL_VISIBLE;
  const allowed = allowedArticles(articles, f);
  const narrowing = allowed !== null || f.kinds.size > 0;

  const nodes = new Set<string>();
  graph.forEachNode((key, a) => {
    const type = String(a.type ?? '');
    if (f.hiddenTypes.has(type)) return;
    if (f.kinds.size && isEventType(type) && !f.kinds.has(String(a.kind ?? ''))) return;
    if (!inArticles(a.articles, allowed)) return;
    nodes.add(key);
  });

  const edges = new Set<string>();
  graph.forEachEdge((key, a, source, target) => {
    if (!nodes.has(source) || !nodes.has(target)) return;
    if (f.hiddenRelations.has(String(a.relation ?? ''))) return;
    // Actor edges fold events: keep one when any of its events is of a chosen kind.
    if (f.kinds.size && Array.isArray(a.kinds) && a.kinds.length && !a.kinds.some((k: unknown) => f.kinds.has(String(k)))) return;
    const list = a.articles;
    if (allowed && Array.isArray(list) && list.length && !inArticles(list, allowed)) return;
    edges.add(key);
  });

  // An entity whose every relation led to something filtered out is noise: hide it too
  // (only when the filters narrow to articles or event kinds; a hidden type or relation
  // alone leaves entities in place).
  if (narrowing) {
    const touched = new Set<string>();
    for (const e of edges) {
      touched.add(graph.source(e));
      touched.add(graph.target(e));
    }
    for (const n of [...nodes]) {
      if (!touched.has(n) && graph.degree(n) > 0 && !isEventType(String(graph.getNodeAttribute(n, 'type')))) nodes.delete(n);
    }
  }
  return { nodes, edges };
}

/** Event kinds present in the graph (event nodes, or the kinds folded into actor edges), sorted. */
export function eventKinds(graph: Graph): string[] {
  const kinds = new Set<string>();
  graph.forEachNode((_, a) => {
    if (isEventType(String(a.type)) && a.kind) kinds.add(String(a.kind));
  });
  graph.forEachEdge((_, a) => {
    if (Array.isArray(a.kinds)) for (const k of a.kinds) kinds.add(String(k));
  });
  return [...kinds].sort();
}

/** Restrict a visibility to a set of nodes (the ego network), and the edges between them. */
export function within(graph: Graph, v: Visibility, only: ReadonlySet<string>): Visibility {
  const nodes = new Set<string>();
  for (const n of only) if (graph.hasNode(n) && (!v.nodes || v.nodes.has(n))) nodes.add(n);
  const edges = new Set<string>();
  graph.forEachEdge((e, _a, s, t) => {
    if (nodes.has(s) && nodes.has(t) && (!v.edges || v.edges.has(e))) edges.add(e);
  });
  return { nodes, edges };
}
