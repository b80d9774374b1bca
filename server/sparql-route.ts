/**
 * /sparql: the SPARQL 1.1 Protocol over the store. GET ?query=, POST form or
 * application/sparql-query; results by Accept; relative IRIs against the data's base IRI.
 * GET without a query answers the service description (RDF clients) or a query page
 * (browsers: YASGUI, server/yasgui.ts). SPARQL Update is refused (403): the graph is derived from the articles,
 * which change through /api/articles.
 */
import type { ServerResponse } from 'node:http';
import express, { Router, type Request, type RequestHandler } from 'express';
import fresh from 'fresh';
import type { QueryOptions, SparqlStore } from './sparql-store.js';
import { checkNesting, checkUpdateDataset, negotiate, queryForm, readOperation, type ProtocolRequest } from './sparql-protocol.js';
import { BadRequestError, NotAcceptableError, UpdateRefusedError } from './errors.js';
import { rateLimiter } from './guards.js';
import { departureOf } from './client-gone.js';
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

/**
 * The answer's bytes as Express's res.send would send them, on plain Node: 304 when a GET's
 * client holds this ETag already; no body for HEAD (Node drops it).
 */
function sendBytes(req: ProtocolRequest, res: ServerResponse, body: Buffer | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = res.getHeader('ETag');
  if ((req.method === 'GET' || req.method === 'HEAD') && etag !== undefined && fresh(req.headers, { etag })) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.end();
    return;
  }
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/** The /sparql endpoint: its Express router, and what server/fast-lane.ts runs for a plain GET query. */
export interface SparqlEndpoint {
  router: Router;
  /** CORS and the rate limit (the router's instances, in its order), then `answer`: a GET has no body to parse. */
  lane: { before: RequestHandler[]; answer(req: ProtocolRequest, res: ServerResponse): Promise<void> };
}

export function sparqlEndpoint({ store, maxBodyBytes, rateLimitPerMinute, baseIri = DEFAULT_BASE_IRI }: SparqlRouteOptions): SparqlEndpoint {
  const limiter = rateLimiter(rateLimitPerMinute);
  /** A query, by GET or POST: checked, run, and sent, or an HttpError thrown. Plain Node on the response. */
  const answer = async (req: ProtocolRequest, res: ServerResponse): Promise<void> => {
    const op = readOperation(req);
    const form = queryForm(op.text);
    checkUpdateDataset(op);
    if (op.kind === 'update' || form === 'update') throw new UpdateRefusedError();
    checkNesting(op.text, MAX_QUERY_DEPTH);
    // An unrecognised form is sent as a SELECT so that the parser reports what is wrong.
    const neg = negotiate(req, form ?? 'select');
    // A client that leaves takes its query with it: dropped from the queue, or its worker ended.
    const out = await answerFrom(store, op.text, {
      resultsFormat: neg.resultsFormat, baseIri, defaultGraphs: op.defaultGraphs, namedGraphs: op.namedGraphs, gone: departureOf(res), client: req.ip,
    });
    res.setHeader('Content-Type', `${neg.mediaType}; charset=utf-8`);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'no-cache');
    // The worker's bytes and ETag as they are: no re-encoding or hashing of a several-MB answer on the event loop.
    if (out.etag) res.setHeader('ETag', out.etag);
    sendBytes(req, res, out.body);
  };
  const handler: RequestHandler = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, HEAD, POST, OPTIONS');
      throw new BadRequestError(`${req.method} is not part of the SPARQL protocol; use GET or POST`, 'method-not-allowed');
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && req.query.query === undefined && req.query.update === undefined) {
      describe(req, res, store);
      return;
    }
    await answer(req, res);
  };
  const router = Router();
  router.use(yasguiRouter());
  router.use('/sparql', corsForQueries, limiter);
  router.use(
    '/sparql',
    express.urlencoded({ extended: false, limit: maxBodyBytes, parameterLimit: 100 }),
    express.text({ type: ['application/sparql-query', 'application/sparql-update'], limit: maxBodyBytes }),
  );
  router.all('/sparql', handler);
  return { router, lane: { before: [corsForQueries, limiter], answer } };
}

export function sparqlRouter(options: SparqlRouteOptions): Router {
  return sparqlEndpoint(options).router;
}
