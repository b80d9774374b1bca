/**
 * The corpus's quads and its default-graph triples as streams, article by article, so a
 * build never holds every quad at once (1.6M at 10k articles, several times over).
 *
 * The triples are de-duplicated exactly as toDefaultGraph (src/corpus/corpus.ts) does,
 * first occurrence kept, but without one Set of every triple: an article's own subjects
 * (its IRI, its events and evidence, all named after its slug) appear in no other article,
 * so their duplicates are looked for among that article's triples only; only the shared
 * subjects (entities) are kept corpus-wide. When two articles share a slug, all are.
 */
import { DataFactory, type Quad } from 'n3';
import type { Corpus } from '../corpus/corpus.js';
import { slug } from '../corpus/corpus.js';

const { quad, defaultGraph } = DataFactory;

/** Each article's named graph, then the entities graph (the order of corpus.quads()). */
export function* corpusQuads(corpus: Corpus, entities: Quad[] = corpus.entityQuads()): Generator<Quad> {
  for (const id of corpus.ids()) yield* corpus.articleQuads(id);
  yield* entities;
}

/**
 * Triples seen, by subject: a duplicate is found by comparing the term ids (n3 keeps each
 * term's id string) with the few triples of its subject, so no key string is built per
 * triple (building them was most of the time and of the garbage at 10k articles).
 */
export class TripleSet {
  private readonly bySubject = new Map<string, Quad[]>();
  /** False when this triple (graph aside) was added before. */
  add(q: Quad): boolean {
    const list = this.bySubject.get(q.subject.id);
    if (!list) { this.bySubject.set(q.subject.id, [q]); return true; }
    for (const x of list) if (x.predicate.id === q.predicate.id && x.object.id === q.object.id) return false;
    list.push(q);
    return true;
  }
  clear(): void { this.bySubject.clear(); }
}

/** The triples of corpusQuads() in the default graph, each once (the same list as toDefaultGraph). */
export function* defaultGraphTriples(corpus: Corpus, entities: Quad[] = corpus.entityQuads()): Generator<Quad> {
  const base = corpus.base;
  const own = [`${base}article/`, `${base}event/`, `${base}evidence/`];
  const records = corpus.records();
  const slugs = new Set(records.map((r) => slug(r.id)));
  const perArticle = slugs.size === records.length;
  const shared = new TripleSet();
  const local = new TripleSet();
  const fresh = (q: Quad): boolean => {
    const s = q.subject.value;
    return (perArticle && own.some((p) => s.startsWith(p)) ? local : shared).add(q);
  };
  for (const rec of records) {
    local.clear();
    for (const q of corpus.articleQuads(rec.id)) if (fresh(q)) yield quad(q.subject, q.predicate, q.object, defaultGraph());
  }
  for (const q of entities) if (fresh(q)) yield quad(q.subject, q.predicate, q.object, defaultGraph());
}
