/**
 * Evidence and article metadata as the graph records them (buildGraph): an article's
 * headline, outlet and date by IRI or id, and the sentences behind an edge or event.
 */
import type { Attributes } from 'graphology-types';
import type { KgGraph } from './graphology.js';
import { collate } from '../src/collate.js';

export interface ArticleMeta { id: string; headline: string; outlet: string; date: string }
export interface EvidenceOut { text: string; start: number; end: number; article: ArticleMeta | { id: string } }
export interface Ref { id: string; label: string }

/** Article metadata by article IRI and by article id (file name), as buildGraph records it. */
const articleIndexes = new WeakMap<KgGraph, Map<string, ArticleMeta & { iri: string }>>();
export function articleIndex(graph: KgGraph): Map<string, ArticleMeta & { iri: string }> {
  let index = articleIndexes.get(graph);
  if (!index) {
    index = new Map();
    const byIri = (graph.getAttribute('articles') as Record<string, ArticleMeta> | undefined) ?? {};
    for (const [iri, meta] of Object.entries(byIri)) {
      const m = { ...meta, iri };
      index.set(iri, m);
      if (meta.id) index.set(meta.id, m);
    }
    articleIndexes.set(graph, index);
  }
  return index;
}

/**
 * Articles added to the graph in place, or their metadata changed (server/graph-append.ts,
 * graph-remove.ts): into its index, if one was made
 * (making it again from every article cost 0.5 s at 10,000 articles).
 */
export function indexArticles(graph: KgGraph, byIri: Record<string, ArticleMeta>): void {
  const index = articleIndexes.get(graph);
  if (!index) return;
  for (const [iri, meta] of Object.entries(byIri)) {
    const m = { ...meta, iri };
    index.set(iri, m);
    if (meta.id) index.set(meta.id, m);
  }
}

/** Articles taken out of the graph in place (server/graph-remove.ts): out of its index, if one was made. */
export function unindexArticles(graph: KgGraph, iris: Iterable<string>, id: string): void {
  const index = articleIndexes.get(graph);
  if (!index) return;
  for (const iri of iris) index.delete(iri);
  index.delete(id);
}

/** Evidence sentences for annotation IRIs, with their article's headline, outlet and date. */
export function evidenceFor(graph: KgGraph, iris: Iterable<string>): EvidenceOut[] {
  const all = (graph.getAttribute('evidence') as Record<string, { article: string; text: string; start: number; end: number }> | undefined) ?? {};
  const arts = articleIndex(graph);
  const out: EvidenceOut[] = [];
  for (const iri of new Set(iris)) {
    const e = all[iri];
    if (!e) continue;
    out.push({ text: e.text, start: e.start, end: e.end, article: arts.get(e.article) ?? { id: e.article } });
  }
  return out.sort((a, b) => collate(String((a.article as ArticleMeta).date ?? ''), String((b.article as ArticleMeta).date ?? ''))
    || collate(a.article.id, b.article.id) || a.start - b.start);
}

export function ref(graph: KgGraph, id: string): Ref {
  return { id, label: String(graph.getNodeAttribute(id, 'label') ?? '') };
}

export function edgeEvidence(a: Attributes): string[] {
  return (a.evidence as string[] | undefined) ?? [];
}

