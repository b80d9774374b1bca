/**
 * The API's indexes, kept current at start-up and at every ingest or delete instead of
 * being computed by the first request after a change (at 10,000 articles that request
 * waited 7–8 s, and so did every one behind it): the catalogue of mentioned entities, the
 * unnamed spokespeople's labels, the search index, and /api/spokespeople serialised (and
 * gzipped) once.
 *
 * What grows with the corpus is updated by difference: the mentions of the changed
 * article only, and the search index entity by entity (SearchIndex.sync). The catalogue is
 * read from the entities graph and those mentions, never from every article's quads.
 */
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Quad } from 'n3';
import type { Corpus } from './core.js';
import type { KgGraph } from './graphology.js';
import { SearchIndex, entityCatalog, searchEntities, type CatalogEntity } from './search.js';
import { unnamedSpokespeopleLabels } from '../src/graph/actor-view.js';
import { RDFS, SCHEMA } from '../src/ontology/terms.js';
import { spokespeople } from './spokespeople.js';

/** A JSON answer serialised once: its bytes, gzipped bytes and ETag. */
export interface Encoded { json: Buffer; gzip: Buffer; etag: string }

export function encode(value: unknown): Encoded {
  const json = Buffer.from(JSON.stringify(value));
  return { json, gzip: gzipSync(json, { level: 6 }), etag: `"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"` };
}

/** The entities an article's graph says it mentions (schema:mentions), in quad order. */
export function mentionsIn(quads: Iterable<Quad>): string[] {
  const out: string[] = [];
  for (const q of quads) if (q.predicate.value === SCHEMA.mentions.value) out.push(q.object.value);
  return out;
}

/**
 * The same, without making the article's quads (at start-up, for 10,000 articles, that took
 * 1.8 s): Corpus.articleQuads says schema:mentions for each named cluster that resolved to an
 * entity, in cluster order, and articleLinks gives those entities.
 */
export function articleMentions(corpus: Corpus, id: string): string[] {
  const rec = corpus.get(id);
  const links = corpus.articleLinks(id);
  if (!rec || !links) return [];
  const clusters = (JSON.parse(links) as [(string | null)[]])[0];
  const out: string[] = [];
  rec.clusters.forEach((c, i) => { if (clusters[i] && !c.unnamed) out.push(clusters[i]!); });
  return out;
}

export class ApiIndexes {
  catalog = new Map<string, CatalogEntity>();
  labels = new Map<string, string>();
  readonly search = new SearchIndex();
  /** The spokespeople table, every row (see spokespeople.ts), and the same serialised. */
  spokespeople: ReturnType<typeof spokespeople> = [];
  spokespeopleEncoded: Encoded = encode([]);
  /** Entity IRIs each article mentions, by article IRI. */
  private readonly mentions = new Map<string, string[]>();

  /** At start-up: every article's mentions, then the rest as after a change. */
  static build(corpus: Corpus, graph: KgGraph, entityQuads: Quad[]): ApiIndexes {
    const x = new ApiIndexes();
    for (const rec of corpus.records()) x.mentions.set(corpus.articleIri(rec.id), articleMentions(corpus, rec.id));
    x.refresh(corpus, graph, entityQuads);
    return x;
  }

  /** After `articleIds` were added, replaced or removed (their graphs are in the corpus, or gone). */
  update(corpus: Corpus, graph: KgGraph, entityQuads: Quad[], articleIds: string[]): void {
    for (const id of articleIds) {
      const iri = corpus.articleIri(id);
      if (corpus.get(id)) this.mentions.set(iri, articleMentions(corpus, id));
      else this.mentions.delete(iri);
    }
    this.refresh(corpus, graph, entityQuads);
  }

  private refresh(corpus: Corpus, graph: KgGraph, entityQuads: Quad[]): void {
    this.catalog = this.catalogOf(corpus, entityQuads);
    this.labels = unnamedSpokespeopleLabels(graph);
    this.search.sync(searchEntities(graph, this.catalog, this.labels));
    const labelled = new Set<string>();
    for (const q of entityQuads) if (q.predicate.value === RDFS.label.value) labelled.add(q.subject.value);
    // Unnamed spokespeople read as "spokesperson for …", told apart (`named` stays false).
    this.spokespeople = spokespeople(graph, (id) => labelled.has(id))
      .map((s) => (this.labels.has(s.person.id) ? { ...s, person: { ...s.person, label: this.labels.get(s.person.id)! } } : s));
    this.spokespeopleEncoded = encode(this.spokespeople);
  }

  /** The catalogue: names and types from the entities graph, mentions in the articles' order. */
  private catalogOf(corpus: Corpus, entityQuads: Quad[]): Map<string, CatalogEntity> {
    const catalog = entityCatalog(entityQuads);
    for (const rec of corpus.records()) {
      const iri = corpus.articleIri(rec.id);
      for (const e of this.mentions.get(iri) ?? []) catalog.get(e)?.articles.push(iri);
    }
    for (const e of catalog.values()) if (e.articles.length > 1) e.articles = [...new Set(e.articles)];
    return catalog;
  }
}
