/**
 * The corpus's quads and its default-graph triples as streams, article by article, so a
 * build never holds every quad at once (1.6M at 10k articles, several times over).
 *
 * The triples are de-duplicated exactly as toDefaultGraph (src/corpus/corpus.ts) does,
 * first occurrence kept, but without one Set of every triple: an article's own subjects
 * (its IRI, its events and evidence, all named after its slug) appear in no other article,
 * so their duplicates are found with a Set per article; only the shared subjects (entities)
 * go through a corpus-wide Set. When two articles share a slug, everything goes through it.
 */
import { DataFactory, type NamedNode, type Quad } from 'n3';
import type { Corpus } from '../corpus/corpus.js';
import { slug } from '../corpus/corpus.js';

const { quad, defaultGraph } = DataFactory;

/** Each article's named graph, then the entities graph (the order of corpus.quads()). */
export function* corpusQuads(corpus: Corpus, entities: Quad[] = corpus.entityQuads()): Generator<Quad> {
  for (const rec of corpus.records()) yield* corpus.articleQuads(rec.id);
  yield* entities;
}

const tripleKey = (q: Quad) =>
  `${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.termType}${q.object.value}${q.object.termType === 'Literal' ? (q.object as { datatype: NamedNode }).datatype.value : ''}`;

/** The triples of corpusQuads() in the default graph, each once (the same list as toDefaultGraph). */
export function* defaultGraphTriples(corpus: Corpus, entities: Quad[] = corpus.entityQuads()): Generator<Quad> {
  const base = corpus.base;
  const own = [`${base}article/`, `${base}event/`, `${base}evidence/`];
  const records = corpus.records();
  const slugs = new Set(records.map((r) => slug(r.id)));
  const perArticle = slugs.size === records.length;
  const shared = new Set<string>();
  const local = new Set<string>();
  const fresh = (q: Quad): boolean => {
    const s = q.subject.value;
    const set = perArticle && own.some((p) => s.startsWith(p)) ? local : shared;
    const k = tripleKey(q);
    if (set.has(k)) return false;
    set.add(k);
    return true;
  };
  for (const rec of records) {
    local.clear();
    for (const q of corpus.articleQuads(rec.id)) if (fresh(q)) yield quad(q.subject, q.predicate, q.object, defaultGraph());
  }
  for (const q of entities) if (fresh(q)) yield quad(q.subject, q.predicate, q.object, defaultGraph());
}
