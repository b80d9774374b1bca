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
import { gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import type { Quad } from 'n3';
import type { Corpus } from './core.js';
import type { KgGraph } from './graphology.js';
import { SearchIndex, entityCatalog, searchEntities, searchEntitiesSteps, type CatalogEntity } from './search.js';
import { unnamedSpokespeopleLabels, unnamedSpokespeopleLabelsSteps } from '../src/graph/actor-view.js';
import { RDFS, SCHEMA } from '../src/ontology/terms.js';
import { preview, spokespeople, spokespeopleSteps, type SpokespersonOut } from './spokespeople.js';
import { drainAsync, turn } from '../src/steps.js';
import { jsonParts } from '../src/emit/stream.js';
import { bytesInTurns, etagOf } from './bytes.js';

/** A JSON answer serialised once: its bytes, gzipped bytes and ETag. */
export interface Encoded { json: Buffer; gzip: Buffer; etag: string }

export function encode(value: unknown): Encoded {
  const json = Buffer.from(JSON.stringify(value));
  return { json, gzip: gzipSync(json, { level: 6 }), etag: etagOf(createHash('sha1').update(json)) };
}

/** /api/spokespeople's rows per page when ?limit= is not given (every row at 10,000 articles is 27 MB). */
export const SPOKESPEOPLE_PAGE = 100;

/**
 * encode() between turns of the event loop: the same bytes, serialised a few hundred rows at a
 * time (jsonParts) and gzipped in the thread pool (the explorer's first view at 10,000
 * articles, 15 MB, held the loop 0.7 s in one go).
 */
export async function encodeAsync(value: unknown): Promise<Encoded> {
  const { bytes: json, etag } = await bytesInTurns(jsonParts(value));
  return { json, gzip: await promisify(gzip)(json, { level: 6 }), etag };
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
  /** The spokespeople table, every row (see spokespeople.ts). */
  spokespeople: ReturnType<typeof spokespeople> = [];
  /** The whole table serialised, made when first asked for (27 MB at 10,000 articles: not at every change). */
  private whole?: { rows: ReturnType<typeof spokespeople>; encoded: Promise<Encoded> };
  private byPerson?: { rows: ReturnType<typeof spokespeople>; index: Map<string, SpokespersonOut> };
  /** Its first SPOKESPEOPLE_PAGE rows serialised: /api/spokespeople's answer without ?limit=. */
  spokespeopleFirstPage: Encoded = encode([]);
  /** Entity IRIs each article mentions, by article IRI. */
  private readonly mentions = new Map<string, string[]>();

  /** At start-up: every article's mentions, then the rest as after a change. */
  static build(corpus: Corpus, graph: KgGraph, entityQuads: Quad[]): ApiIndexes {
    const x = new ApiIndexes();
    for (const rec of corpus.records()) x.mentions.set(corpus.articleIri(rec.id), articleMentions(corpus, rec.id));
    x.refresh(corpus, graph, entityQuads);
    return x;
  }

  /**
   * After `articleIds` were added, replaced or removed (their graphs are in the corpus, or gone).
   * `changed`: the entities whose descriptions in the entities graph changed; with it, only they
   * and the entities those articles mention are read again into the catalogue. Each step lets the
   * event loop answer, and the new indexes replace the old ones at once at the end.
   */
  async update(corpus: Corpus, graph: KgGraph, entityQuads: Quad[], articleIds: string[], changed?: Set<string>): Promise<void> {
    const affected = new Set(changed);
    for (const id of articleIds) {
      const iri = corpus.articleIri(id);
      for (const e of this.mentions.get(iri) ?? []) affected.add(e);
      if (!corpus.get(id)) { this.mentions.delete(iri); continue; }
      const now = articleMentions(corpus, id);
      // A replaced article moved to the end of the corpus: so do its mentions.
      this.mentions.delete(iri);
      this.mentions.set(iri, now);
      for (const e of now) affected.add(e);
    }
    await turn();
    const catalog = changed ? this.patchCatalog(entityQuads, affected) : this.catalogOf(corpus, entityQuads);
    await turn();
    const labels = await drainAsync(unnamedSpokespeopleLabelsSteps(graph));
    await turn();
    const entities = await drainAsync(searchEntitiesSteps(graph, catalog, labels));
    await turn();
    const rows = await this.spokespeopleAsync(graph, entityQuads, labels);
    await turn();
    const firstPage = await encodeAsync(rows.slice(0, SPOKESPEOPLE_PAGE).map(preview));
    this.catalog = catalog;
    this.labels = labels;
    this.search.sync(entities);
    this.spokespeople = rows;
    this.spokespeopleFirstPage = firstPage;
  }

  /** Every row of the spokespeople table serialised (between turns of the event loop), once per version of the table. */
  spokespeopleEncoded(): Promise<Encoded> {
    if (this.whole?.rows !== this.spokespeople) this.whole = { rows: this.spokespeople, encoded: encodeAsync(this.spokespeople.map(preview)) };
    return this.whole.encoded;
  }

  /** One spokesperson's row, with every sentence of evidence (GET /api/spokespeople/:id). */
  spokesperson(id: string): SpokespersonOut | undefined {
    if (this.byPerson?.rows !== this.spokespeople) this.byPerson = { rows: this.spokespeople, index: new Map(this.spokespeople.map((r) => [r.person.id, r])) };
    return this.byPerson.index.get(id);
  }

  private refresh(corpus: Corpus, graph: KgGraph, entityQuads: Quad[]): void {
    this.catalog = this.catalogOf(corpus, entityQuads);
    this.labels = unnamedSpokespeopleLabels(graph);
    this.search.sync(searchEntities(graph, this.catalog, this.labels));
    this.spokespeople = this.spokespeopleOf(graph, entityQuads, this.labels);
    this.spokespeopleFirstPage = encode(this.spokespeople.slice(0, SPOKESPEOPLE_PAGE).map(preview));
  }

  /** The same as spokespeopleOf, a few hundred people per turn of the event loop. */
  private async spokespeopleAsync(graph: KgGraph, entityQuads: Quad[], labels: Map<string, string>): Promise<ReturnType<typeof spokespeople>> {
    const labelled = new Set<string>();
    for (const q of entityQuads) if (q.predicate.value === RDFS.label.value) labelled.add(q.subject.value);
    await turn();
    const rows = await drainAsync(spokespeopleSteps(graph, (id) => labelled.has(id)));
    return rows.map((s) => (labels.has(s.person.id) ? { ...s, person: { ...s.person, label: labels.get(s.person.id)! } } : s));
  }

  /** Unnamed spokespeople read as "spokesperson for …", told apart (`named` stays false). */
  private spokespeopleOf(graph: KgGraph, entityQuads: Quad[], labels: Map<string, string>): ReturnType<typeof spokespeople> {
    const labelled = new Set<string>();
    for (const q of entityQuads) if (q.predicate.value === RDFS.label.value) labelled.add(q.subject.value);
    return spokespeople(graph, (id) => labelled.has(id))
      .map((s) => (labels.has(s.person.id) ? { ...s, person: { ...s.person, label: labels.get(s.person.id)! } } : s));
  }

  /** The catalogue with these entities read again (from their quads and every article's mentions); the rest is shared. */
  private patchCatalog(entityQuads: Quad[], affected: Set<string>): Map<string, CatalogEntity> {
    const fresh = entityCatalog(entityQuads.filter((q) => affected.has(q.subject.value)));
    const articles = new Map<string, string[]>();
    // The mentions are kept in the corpus's order (new and replaced articles go last in both).
    for (const [iri, ms] of this.mentions) for (const e of ms) if (affected.has(e)) (articles.get(e) ?? articles.set(e, []).get(e)!).push(iri);
    const catalog = new Map(this.catalog);
    for (const e of affected) {
      const entry = fresh.get(e);
      if (!entry) { catalog.delete(e); continue; }
      entry.articles = [...new Set(articles.get(e) ?? [])];
      catalog.set(e, entry);
    }
    return catalog;
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
