/**
 * /sparql: the SPARQL 1.1 Protocol over the store. GET ?query=, POST form or
 * application/sparql-query; results by Accept; updates only with the write token.
 */
import express, { Router } from 'express';
import type { SparqlStore } from './sparql-store.js';
import { negotiate, queryForm, readOperation } from './sparql-protocol.js';
import { BadRequestError } from './errors.js';
import { checkWriteToken, corsForReads, rateLimiter } from './guards.js';

export interface SparqlRouteOptions {
  store: SparqlStore;
  writeToken: string;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
}

export function sparqlRouter({ store, writeToken, maxBodyBytes, rateLimitPerMinute }: SparqlRouteOptions): Router {
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
    if (op.kind === 'update') {
      checkWriteToken(writeToken, req.headers.authorization, 'SPARQL Update');
      await store.update(op.text);
      res.status(204).end();
      return;
    }
    const form = queryForm(op.text);
    if (form === 'update')
      throw new BadRequestError('this is a SPARQL Update, not a query: POST it as update=… (form) or as application/sparql-update', 'update-as-query');
    // An unrecognised form is sent as a SELECT so that the parser reports what is wrong.
    const neg = negotiate(req, form ?? 'select');
    const body = await store.query(op.text, { resultsFormat: neg.resultsFormat, defaultGraphs: op.defaultGraphs, namedGraphs: op.namedGraphs });
    res.setHeader('Content-Type', `${neg.mediaType}; charset=utf-8`);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(body);
  });
  return router;
}
