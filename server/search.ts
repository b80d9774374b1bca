/**
 * Search over the labels and aliases of every entity the articles mention (those with
 * no relation too, which are not nodes of the graph): exact, prefix, word prefix,
 * substring, then fuzzy (edit distance) matches, best first.
 */
import type { Quad } from 'n3';
import type { KgGraph } from './graphology.js';
import { typeOf } from '../src/graph/build.js';
import { RDF, RDFS, SCHEMA, SKOS } from '../src/ontology/terms.js';

/** An entity as the quads describe it, whether or not it has a relation. */
export interface CatalogEntity {
  id: string;
  label: string;
  type: string;
  altLabels: string[];
  /** Article IRIs that mention it (schema:mentions). */
  articles: string[];
}

/** Every typed entity in the quads, with its names and the articles mentioning it. */
export function entityCatalog(quads: Iterable<Quad>): Map<string, CatalogEntity> {
  const types = new Map<string, Set<string>>();
  const labels = new Map<string, string>();
  const alts = new Map<string, string[]>();
  const mentions = new Map<string, string[]>();
  for (const q of quads) {
    const s = q.subject.value;
    const p = q.predicate.value;
    if (p === RDF.type.value) (types.get(s) ?? types.set(s, new Set()).get(s)!).add(q.object.value);
    else if (p === RDFS.label.value) labels.set(s, q.object.value);
    else if (p === SKOS.altLabel.value) (alts.get(s) ?? alts.set(s, []).get(s)!).push(q.object.value);
    else if (p === SCHEMA.mentions.value) (mentions.get(q.object.value) ?? mentions.set(q.object.value, []).get(q.object.value)!).push(s);
  }
  const out = new Map<string, CatalogEntity>();
  for (const [id, t] of types) {
    const type = typeOf(t);
    if (!type || type === 'accusation' || type === 'response' || !labels.has(id)) continue;
    out.set(id, { id, label: labels.get(id)!, type, altLabels: [...new Set(alts.get(id) ?? [])], articles: [...new Set(mentions.get(id) ?? [])] });
  }
  return out;
}

export interface SearchHit {
  id: string;
  label: string;
  type: string;
  /** The label or alias that matched. */
  matched: string;
  score: number;
  /** False for an entity with no relation: it is not drawn in the graph. */
  inGraph: boolean;
}

interface Entry {
  id: string;
  label: string;
  type: string;
  name: string;
  norm: string;
  words: string[];
  inGraph: boolean;
}

/** Lower case, no diacritics, punctuation as spaces. */
export function normalize(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const EVENT_TYPES = new Set(['accusation', 'response']);

export class SearchIndex {
  private readonly entries: Entry[] = [];

  /** The graph's entities (with `labels` overriding theirs), then the catalogue's entities not in the graph. */
  constructor(graph: KgGraph, catalog: Map<string, CatalogEntity> = new Map(), labels: Map<string, string> = new Map()) {
    const add = (id: string, label: string, type: string, alt: string[], inGraph: boolean) => {
      for (const name of new Set([label, ...alt].filter(Boolean))) {
        const norm = normalize(name);
        if (norm) this.entries.push({ id, label, type, name, norm, words: norm.split(' '), inGraph });
      }
    };
    graph.forEachNode((id, a) => {
      const type = String(a.type ?? '');
      if (EVENT_TYPES.has(type)) return;
      const label = labels.get(id) ?? String(a.label ?? '');
      add(id, label, type, [...((a.altLabels as string[] | undefined) ?? []), ...(catalog.get(id)?.altLabels ?? [])], true);
    });
    for (const e of catalog.values()) if (!graph.hasNode(e.id)) add(e.id, e.label, e.type, e.altLabels, false);
  }

  private scoreOf(q: string, qWords: string[], e: Entry): number {
    if (e.norm === q) return 1;
    if (e.norm.startsWith(q)) return 0.9 - Math.min(0.1, (e.norm.length - q.length) / 200);
    if (qWords.every((w) => e.words.some((x) => x.startsWith(w)))) return 0.8;
    if (e.norm.includes(q)) return 0.65;
    // Fuzzy: every query word is close to some word of the name (or to the name's start).
    const max = (w: string) => (w.length <= 3 ? 0 : w.length <= 6 ? 1 : 2);
    let total = 0;
    for (const w of qWords) {
      let best = Infinity;
      for (const x of e.words) {
        best = Math.min(best, editDistance(w, x, max(w)), editDistance(w, x.slice(0, w.length), max(w)) + 0.5);
        if (best === 0) break;
      }
      if (best > max(w)) return 0;
      total += best;
    }
    return Math.max(0.1, 0.6 - 0.1 * total);
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = normalize(query);
    if (!q) return [];
    const qWords = q.split(' ');
    const best = new Map<string, SearchHit>();
    for (const e of this.entries) {
      const score = this.scoreOf(q, qWords, e);
      if (score <= 0) continue;
      const prev = best.get(e.id);
      if (!prev || score > prev.score) best.set(e.id, { id: e.id, label: e.label, type: e.type, matched: e.name, score: Math.round(score * 1000) / 1000, inGraph: e.inGraph });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, limit);
  }
}
