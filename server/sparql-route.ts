/**
 * /sparql: the SPARQL 1.1 Protocol over the store. GET ?query=, POST form or
 * application/sparql-query; results by Accept. SPARQL Update is refused (403): the graph
 * is derived from the articles, which change through /api/articles.
 */
import express, { Router } from 'express';
import type { SparqlStore } from './sparql-store.js';
import { checkNesting, negotiate, queryForm, readOperation } from './sparql-protocol.js';
import { BadRequestError, UpdateRefusedError } from './errors.js';
import { corsForReads, rateLimiter } from './guards.js';

/** Deepest { } ( ) [ ] nesting accepted; real queries stay under 10, oxigraph breaks near 500. */
export const MAX_QUERY_DEPTH = 64;

export interface SparqlRouteOptions {
  store: SparqlStore;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
}

export function sparqlRouter({ store, maxBodyBytes, rateLimitPerMinute }: SparqlRouteOptions): Router {
  const router = Router();
  router.use('/sparql', corsForReads, rateLimiter(rateLimitPerMinute));
  router.use(
    '/sparql',
    express.urlencoded({ extended: false, limit: maxBodyBytes, parameterLimit: 100 }),
    express.text({ type: ['application/sparql-query', 'application/sparql-update'], limit: maxBodyBytes }),
  );
  router.all('/sparql', async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, HEAD, POST, OPTIONS');
      throw new BadRequestError(`${req.method} is not part of the SPARQL protocol; use GET or POST`, 'method-not-allowed');
    }
    const op = readOperation(req);
    const form = queryForm(op.text);
    if (op.kind === 'update' || form === 'update') throw new UpdateRefusedError();
    checkNesting(op.text, MAX_QUERY_DEPTH);
    // An unrecognised form is sent as a SELECT so that the parser reports what is wrong.
    const neg = negotiate(req, form ?? 'select');
    // A client that leaves takes its query with it: dropped from the queue, or its worker ended.
    const gone = new AbortController();
    res.on('close', () => { if (!res.writableFinished) gone.abort(); });
    const body = await store.query(op.text, { resultsFormat: neg.resultsFormat, defaultGraphs: op.defaultGraphs, namedGraphs: op.namedGraphs, signal: gone.signal, client: req.ip });
    res.setHeader('Content-Type', `${neg.mediaType}; charset=utf-8`);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(body);
  });
  return router;
}
