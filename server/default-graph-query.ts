/**
 * Which requests the default graph alone answers (default-mirror.ts), decided on the text so
 * that the pool (sparql-store.ts) and the worker decide the same.
 */
import { readsNoEvidence } from './evidence-triples.js';

/** A request of this shape (store-worker.ts WorkerRequest) reads only the default graph. */
export interface RequestShape { op: string; query?: string; defaultGraphs?: string[]; namedGraphs?: string[] }

/**
 * A query with no GRAPH, FROM or FROM NAMED in its text (a word anywhere, a comment too: a
 * false alarm only sends it to the full store) and no dataset from the protocol.
 */
export function readsDefaultGraphOnly(req: RequestShape): boolean {
  return req.op === 'query' && !req.defaultGraphs?.length && !req.namedGraphs?.length && !GRAPH_WORDS.test(req.query ?? '');
}

const GRAPH_WORDS = /\b(?:GRAPH|FROM)\b/i;

/**
 * What a worker still loading its store file answers (store-worker.ts, store-slot.ts): with
 * the default graph's triples but not yet its evidence ('no-evidence'), the queries of the
 * default graph that cannot read evidence (evidence-triples.ts); with all of it ('defaults'),
 * every query of the default graph.
 */
export function servesWhileStaging(req: RequestShape, holds: 'no-evidence' | 'defaults'): boolean {
  if (!readsDefaultGraphOnly(req)) return false;
  if (holds === 'defaults') return true;
  // The pool asks again at each turn for a query that waits: it is parsed once.
  let no = noEvidence.get(req);
  if (no === undefined) noEvidence.set(req, (no = readsNoEvidence(req.query!)));
  return no;
}

const noEvidence = new WeakMap<RequestShape, boolean>();
