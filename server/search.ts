/**
 * Search over the labels and aliases of every entity the articles mention (those with
 * no relation too, which are not nodes of the graph): exact, prefix, word prefix,
 * substring, then fuzzy (edit distance) matches, best first.
 *
 * The names' words are held in a radix tree (MiniSearch's SearchableMap), which finds the
 * candidates: names in which every query word is a prefix of a word, or within a few edits
 * of one. Only those are scored (scoreOf), so a query costs the same at 10 or 10,000
 * articles; a scan with edit distance over every name took seconds at 10,000. The fuzzy
 * candidates are looked for only when the prefix ones leave room in the answer: they score
 * below every prefix match. (MiniSearch's own search ranked thousands of candidates with BM25
 * that scoreOf then ranked again: 15-50 ms for a 'spokes…' at 10,000 articles.)
 * Entities are replaced one by one (set/remove) when the graph changes.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Quad } from 'n3';
import type { KgGraph } from './graphology.js';
import { typeOf } from '../src/graph/build.js';
import { RDF, RDFS, SCHEMA, SKOS } from '../src/ontology/terms.js';
import { collate } from '../src/collate.js';
import { drain } from '../src/steps.js';

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

/** One name of an entity, as indexed. */
interface Entry {
  key: number;
  id: string;
  label: string;
  type: string;
  name: string;
  norm: string;
  words: string[];
  inGraph: boolean;
}

/** What search knows of an entity: its label, type, other names, and whether it is drawn. */
export interface SearchEntity {
  id: string;
  label: string;
  type: string;
  altLabels: string[];
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


/** Entry keys by the words of their names, in a radix tree: by prefix, and within edits. */
class WordIndex {
  private readonly words = new SearchableMap<Set<number>>();

  add(key: number, words: string[]): void {
    for (const w of words) this.words.fetch(w, () => new Set()).add(key);
  }

  remove(key: number, words: string[]): void {
    for (const w of words) {
      const keys = this.words.get(w);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.words.delete(w);
    }
  }

  /** Keys of the entries with a word that starts with `w`, or is within `edits` edits of it (0: none). */
  matching(w: string, edits: number): Set<number> {
    const out = new Set<number>();
    for (const [, keys] of this.words.atPrefix(w)) for (const k of keys) out.add(k);
    if (edits) for (const [, [keys]] of this.words.fuzzyGet(w, edits)) for (const k of keys) out.add(k);
    return out;
  }
}

/** Search answers kept (SearchIndex.answers). */
const ANSWERS_KEPT = 2048;

/** Edits a query word may be from a name's word: none up to 3 letters, 1 up to 6, else 2. */
const maxEdits = (w: string) => (w.length <= 3 ? 0 : w.length <= 6 ? 1 : 2);

const EVENT_TYPES = new Set(['accusation', 'response']);

/** Search's view of the graph's entities (with `labels` overriding theirs), then the catalogue's entities not in the graph. */
export function searchEntities(graph: KgGraph, catalog: Map<string, CatalogEntity> = new Map(), labels: Map<string, string> = new Map()): SearchEntity[] {
  return drain(searchEntitiesSteps(graph, catalog, labels));
}

const signed = (e: SearchEntity): Signed => Object.assign(e, { signature: signature(e) });

/** Nodes or catalogue entries between the yields of searchEntitiesSteps (91k nodes at 10,000 articles took 120-150 ms in one go). */
const ENTITIES_PER_STEP = 10_000;

/** searchEntities() as a generator that yields every ENTITIES_PER_STEP nodes or entries. */
export function* searchEntitiesSteps(graph: KgGraph, catalog: Map<string, CatalogEntity> = new Map(), labels: Map<string, string> = new Map()): Generator<void, SearchEntity[]> {
  const out: SearchEntity[] = [];
  let n = 0;
  for (const { node: id, attributes: a } of graph.nodeEntries()) {
    if (++n % ENTITIES_PER_STEP === 0) yield;
    const type = String(a.type ?? '');
    if (EVENT_TYPES.has(type)) continue;
    const altLabels = [...((a.altLabels as string[] | undefined) ?? []), ...(catalog.get(id)?.altLabels ?? [])];
    out.push(signed({ id, label: labels.get(id) ?? String(a.label ?? ''), type, altLabels, inGraph: true }));
  }
  for (const e of catalog.values()) {
    if (++n % ENTITIES_PER_STEP === 0) yield;
    if (!graph.hasNode(e.id)) out.push(signed({ id: e.id, label: e.label, type: e.type, altLabels: e.altLabels, inGraph: false }));
  }
  return out;
}

/** A string that changes when anything search shows of the entity changes. */
function signature(e: SearchEntity): string {
  return JSON.stringify([e.label, e.type, e.inGraph, e.altLabels]);
}

/** An entity with its signature made already (by searchEntitiesSteps, a step at a time), so sync only compares. */
type Signed = SearchEntity & { signature?: string };

export class SearchIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly keysOf = new Map<string, { keys: number[]; signature: string }>();
  private nextKey = 0;
  /** Names and queries are normalized first (normalize), so words are split on spaces only. */
  private readonly words = new WordIndex();
  /**
   * Answers by query and limit, least recently asked out first, emptied by any change: a box
   * that searches as one types asks the same prefixes again and again, and a short one ('spoke',
   * 'unnam') scores thousands of names (5-30 ms at 10,000 articles, the event loop held meanwhile).
   */
  private readonly answers = new Map<string, SearchHit[]>();

  /** The graph's entities (with `labels` overriding theirs), then the catalogue's entities not in the graph. */
  constructor(graph?: KgGraph, catalog: Map<string, CatalogEntity> = new Map(), labels: Map<string, string> = new Map()) {
    if (graph) for (const e of searchEntities(graph, catalog, labels)) this.set(e);
  }

  /** Entities indexed. */
  get size(): number { return this.keysOf.size; }

  /** Add or replace an entity's names (nothing happens when nothing search shows of it changed). */
  set(e: SearchEntity): void {
    const sig = (e as Signed).signature ?? signature(e);
    if (this.keysOf.get(e.id)?.signature === sig) return;
    this.remove(e.id);
    this.answers.clear();
    const keys: number[] = [];
    for (const name of new Set([e.label, ...e.altLabels].filter(Boolean))) {
      const norm = normalize(name);
      if (!norm) continue;
      const entry: Entry = { key: this.nextKey++, id: e.id, label: e.label, type: e.type, name, norm, words: norm.split(' '), inGraph: e.inGraph };
      this.entries.set(entry.key, entry);
      this.words.add(entry.key, entry.words);
      keys.push(entry.key);
    }
    this.keysOf.set(e.id, { keys, signature: sig });
  }

  remove(id: string): void {
    const held = this.keysOf.get(id);
    if (!held) return;
    this.answers.clear();
    for (const k of held.keys) {
      this.words.remove(k, this.entries.get(k)!.words);
      this.entries.delete(k);
    }
    this.keysOf.delete(id);
  }

  /** Make the index hold exactly these entities: changed ones replaced, missing ones removed. */
  sync(entities: Iterable<SearchEntity>): void {
    const seen = new Set<string>();
    for (const e of entities) {
      seen.add(e.id);
      this.set(e);
    }
    for (const id of [...this.keysOf.keys()]) if (!seen.has(id)) this.remove(id);
  }

  /** `near[i]`: the distance of query word i from each name word seen so far (names share words). */
  private scoreOf(q: string, qWords: string[], e: Entry, near: Map<string, number>[]): number {
    if (e.norm === q) return 1;
    if (e.norm.startsWith(q)) return 0.9 - Math.min(0.1, (e.norm.length - q.length) / 200);
    if (qWords.every((w) => e.words.some((x) => x.startsWith(w)))) return 0.8;
    if (e.norm.includes(q)) return 0.65;
    // Fuzzy: every query word is close to some word of the name (or to the name's start).
    let total = 0;
    for (let i = 0; i < qWords.length; i++) {
      const w = qWords[i]!;
      let best = Infinity;
      for (const x of e.words) {
        let d = near[i]!.get(x);
        if (d === undefined) near[i]!.set(x, (d = Math.min(editDistance(w, x, maxEdits(w)), editDistance(w, x.slice(0, w.length), maxEdits(w)) + 0.5)));
        best = Math.min(best, d);
        if (best === 0) break;
      }
      if (best > maxEdits(w)) return 0;
      total += best;
    }
    return Math.max(0.1, 0.6 - 0.1 * total);
  }

  /**
   * The candidates: names where every query word starts a word, or (`fuzzy`) is also within
   * its edits of one, in the order they were indexed. The radix tree counts edits without
   * transpositions, so it is given one edit more than scoreOf allows ("gnag" is 1
   * transposition but 2 plain edits from "gang").
   */
  private candidates(qWords: string[], fuzzy: boolean): Entry[] {
    const sets = qWords.map((w) => this.words.matching(w, fuzzy && maxEdits(w) ? maxEdits(w) + 1 : 0)).sort((a, b) => a.size - b.size);
    const keys = [...sets[0]!].filter((k) => sets.every((s) => s.has(k))).sort((a, b) => a - b);
    return keys.map((k) => this.entries.get(k)!);
  }

  /** The best-scoring name of each candidate entity. */
  private scored(q: string, qWords: string[], candidates: Entry[]): Map<string, SearchHit> {
    const near = qWords.map(() => new Map<string, number>());
    const best = new Map<string, SearchHit>();
    for (const e of candidates) {
      const score = this.scoreOf(q, qWords, e, near);
      if (score <= 0) continue;
      const prev = best.get(e.id);
      if (!prev || score > prev.score) best.set(e.id, { id: e.id, label: e.label, type: e.type, matched: e.name, score: Math.round(score * 1000) / 1000, inGraph: e.inGraph });
    }
    return best;
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = normalize(query);
    if (!q) return [];
    const key = `${limit}\u0000${q}`;
    const known = this.answers.get(key);
    if (known) {
      this.answers.delete(key);
      this.answers.set(key, known);
      return known.map((h) => ({ ...h }));
    }
    const hits = this.searchNormalized(q, limit);
    this.answers.set(key, hits);
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
    return hits.map((h) => ({ ...h }));
  }

  private searchNormalized(q: string, limit: number): SearchHit[] {
    const qWords = q.split(' ');
    // Every prefix candidate scores 0.8 or more, every other one 0.65 or less.
    let best = this.scored(q, qWords, this.candidates(qWords, false));
    if (best.size < limit) best = this.scored(q, qWords, this.candidates(qWords, true));
    return topHits([...best.values()], limit);
  }
}

/**
 * The `limit` best hits, best first, ties by label. Only the hits that score at least the
 * limit-th best are sorted by label: a prefix as short as 'spoke' or 'Wan' has thousands of
 * candidates at 10,000 articles, and collating them all held the event loop 15-30 ms.
 */
export function topHits(hits: SearchHit[], limit: number): SearchHit[] {
  let kept = hits;
  if (hits.length > limit) {
    const cut = hits.map((h) => h.score).sort((a, b) => b - a)[limit - 1]!;
    kept = hits.filter((h) => h.score >= cut);
  }
  return kept.sort((a, b) => b.score - a.score || collate(a.label, b.label)).slice(0, limit);
}
