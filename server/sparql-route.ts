/**
 * /sparql: the SPARQL 1.1 Protocol over the store. GET ?query=, POST form or
 * application/sparql-query; results by Accept; relative IRIs against the data's base IRI.
 * GET without a query answers the service description (RDF clients) or a query page
 * (browsers: YASGUI, server/yasgui.ts). SPARQL Update is refused (403): the graph is derived from the articles,
 * which change through /api/articles.
 */
import express, { Router, type Request } from 'express';
import type { QueryOptions, SparqlStore } from './sparql-store.js';
import { checkNesting, checkUpdateDataset, negotiate, queryForm, readOperation } from './sparql-protocol.js';
import { BadRequestError, NotAcceptableError, UpdateRefusedError } from './errors.js';
import { rateLimiter } from './guards.js';
import { corsForQueries } from './cors.js';
import { DESCRIPTION_TYPES, describeService } from './service-description.js';
import { queryPage } from './query-page.js';
import { yasguiPage, yasguiRouter } from './yasgui.js';
import { DEFAULT_BASE_IRI } from '../src/ontology/terms.js';

/** Deepest { } ( ) [ ] nesting accepted; real queries stay under 10, oxigraph breaks near 500. */
export const MAX_QUERY_DEPTH = 64;

export interface SparqlRouteOptions {
  store: SparqlStore;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  /** Base IRI for relative IRIs in queries (the data's base IRI). */
  baseIri?: string;
}

/** The endpoint's own URL, as the client reached it. */
function endpointUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}/sparql`;
}

/** GET /sparql with no query parameter at all: the service description, or the query page. */
function describe(req: Request, res: express.Response, store: SparqlStore): void {
  const accept = req.headers.accept ?? '';
  res.setHeader('Vary', 'Accept');
  if (/\btext\/html\b|\bapplication\/xhtml\+xml\b/.test(accept) && req.accepts(['text/html', ...DESCRIPTION_TYPES]) === 'text/html') {
    // YASGUI, or the plain form (no script) when asked for it.
    const q = typeof req.query.q === 'string' ? req.query.q : undefined;
    const plain = req.query.form !== undefined || req.query.edit !== undefined;
    res.type('text/html').send(plain ? queryPage(endpointUrl(req), q) : yasguiPage(endpointUrl(req)));
    return;
  }
  const type = accept ? req.accepts(DESCRIPTION_TYPES) : DESCRIPTION_TYPES[0];
  if (!type) throw new NotAcceptableError([...DESCRIPTION_TYPES, 'text/html']);
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.send(describeService(endpointUrl(req), store.graphNames(), type));
}

/** The answer as bytes: from the embedded store's answer(), or an external store's string. */
async function answerFrom(store: SparqlStore, query: string, options: QueryOptions): Promise<{ body: Buffer | string; etag?: string }> {
  if (typeof (store as Partial<SparqlStore>).answer === 'function') return store.answer(query, options);
  return { body: await store.query(query, options) };
}

export function sparqlRouter({ store, maxBodyBytes, rateLimitPerMinute, baseIri = DEFAULT_BASE_IRI }: SparqlRouteOptions): Router {
  const router = Router();
  router.use(yasguiRouter());
  router.use('/sparql', corsForQueries, rateLimiter(rateLimitPerMinute));
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
    if ((req.method === 'GET' || req.method === 'HEAD') && req.query.query === undefined && req.query.update === undefined) {
      describe(req, res, store);
      return;
    }
    const op = readOperation(req);
    const form = queryForm(op.text);
    checkUpdateDataset(op);
    if (op.kind === 'update' || form === 'update') throw new UpdateRefusedError();
    checkNesting(op.text, MAX_QUERY_DEPTH);
    // An unrecognised form is sent as a SELECT so that the parser reports what is wrong.
    const neg = negotiate(req, form ?? 'select');
    // A client that leaves takes its query with it: dropped from the queue, or its worker ended.
    const gone = new AbortController();
    res.on('close', () => { if (!res.writableFinished) gone.abort(); });
    const answer = await answerFrom(store, op.text, {
      resultsFormat: neg.resultsFormat, baseIri, defaultGraphs: op.defaultGraphs, namedGraphs: op.namedGraphs, signal: gone.signal, client: req.ip,
    });
    res.setHeader('Content-Type', `${neg.mediaType}; charset=utf-8`);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'no-cache');
    // The worker's bytes and ETag as they are: no re-encoding or hashing of a several-MB answer on the event loop.
    if (answer.etag) res.setHeader('ETag', answer.etag);
    res.send(answer.body);
  });
  return router;
}
