/**
 * ArticleRecord: what the graph needs from one annotated article, as plain JSON.
 * The server persists these, so a restart rebuilds the graph without annotating again.
 */
import type { Accusation, Cluster, Doc, Metadata, Response, Role, Span } from '../doc/document.js';

export const RECORD_VERSION = 1;

/**
 * The annotation pipeline's version: bump it whenever a change to the pipeline (stages,
 * patterns, knowledge-base code) changes the records it makes, so cached records
 * (src/corpus/cache.ts) are annotated again. Checkouts running the TypeScript sources
 * also key the cache on the code itself.
 */
export const PIPELINE_VERSION = '2026.12.4';

export interface ArticleRecord {
  version: number;
  id: string;
  format: Doc['format'];
  /** The text the pipeline read; every offset below points into it. */
  text: string;
  meta: Metadata;
  sentences: Span[];
  clusters: Omit<Cluster, 'mentions'>[];
  roles: Role[];
  accusations: Accusation[];
  responses: Response[];
  warnings: string[];
}

export function toRecord(doc: Doc): ArticleRecord {
  return {
    version: RECORD_VERSION,
    id: doc.id,
    format: doc.format,
    text: doc.text,
    meta: doc.meta,
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    clusters: doc.clusters.map(({ mentions: _m, ...c }) => c),
    roles: doc.roles,
    accusations: doc.accusations,
    responses: doc.responses,
    warnings: doc.warnings,
  };
}
