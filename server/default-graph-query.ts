/**
 * Which requests the default graph alone answers (default-mirror.ts), decided on the text so
 * that the pool (sparql-store.ts) and the worker decide the same without parsing.
 */

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
