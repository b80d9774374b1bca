/**
 * The lean lane for `GET /sparql?query=…`, the protocol's commonest request (a client looking up
 * one resource after another sends thousands a second). It runs what the Express app runs for
 * such a request, the same instances in the same order (security headers, CORS, the rate limit,
 * then the endpoint's `answer`, and errors as the app's error handler sends them), on Node's own
 * request and response.
 *
 * Why: Express gives every request its prototypes (Object.setPrototypeOf on the request and the
 * response), and V8 then kept those objects through young-generation collections. Under point
 * lookups 2–3 MB survived each scavenge instead of about 15 KB (measured on a bare Express app
 * too), each scavenge took 4–9 ms instead of about 1, and the promoted garbage brought a full
 * collection of the 10,000-article server's 700 MB heap every few seconds, with 20 ms steps.
 *
 * Only a plain GET takes the lane: the exact path /sparql, a `query=` parameter, no body, and an
 * app that trusts no proxy (the client is the socket's peer). Anything else (HEAD, POST, /sparql/
 * or /SPARQL, the service description, a GET with a body) goes to the app, as before.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import accepts from 'accepts';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { ProtocolRequest } from './sparql-protocol.js';

export interface Lane {
  /** Middleware run first, in order; each only sets headers or passes an error on. */
  before: readonly RequestHandler[];
  /** Answers the query, or throws an HttpError. */
  answer(req: ProtocolRequest, res: ServerResponse): Promise<void>;
  /** Sends an error as the app's error handler does. */
  fail(err: unknown, req: IncomingMessage, res: ServerResponse): void;
}

/** Whether this request takes the lane (see above). */
export function takesLane(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return req.method === 'GET'
    && url.startsWith('/sparql?')
    && /[?&]query=/.test(url)
    && req.headers['content-length'] === undefined
    && req.headers['transfer-encoding'] === undefined;
}

/** The protocol's view of a plain request: the query string parsed by the app's own parser. */
function viewOf(req: IncomingMessage, parseQuery: (qs: string) => unknown): ProtocolRequest {
  const url = req.url!;
  return {
    method: req.method!,
    headers: req.headers,
    query: parseQuery(url.slice(url.indexOf('?') + 1)),
    ip: req.socket.remoteAddress,
    accepts: (types) => accepts(req).type(types) as string | false,
  };
}

function run(lane: Lane, i: number, req: IncomingMessage, res: ServerResponse, view: () => ProtocolRequest): void {
  const fail = (err: unknown) => {
    if (res.headersSent) res.destroy();
    else lane.fail(err, req, res);
  };
  if (i === lane.before.length) {
    lane.answer(view(), res).catch(fail);
    return;
  }
  const next: NextFunction = (err?: unknown) => {
    if (err !== undefined && err !== null && err !== 'route' && err !== 'router') fail(err);
    else run(lane, i + 1, req, res, view);
  };
  try {
    const out = lane.before[i]!(req as Request, res as Response, next) as unknown;
    if (out && typeof (out as Promise<void>).then === 'function') (out as Promise<void>).then(undefined, fail);
  } catch (e) {
    fail(e);
  }
}

/** The server's request listener: the lane for plain SPARQL GETs, `app` for everything else. */
export function withSparqlLane(app: Express, lane: Lane): RequestListener {
  // With a trusted proxy the client is not the socket's peer: everything then goes through the app.
  if (app.get('trust proxy')) return app;
  const parseQuery = app.get('query parser fn') as (qs: string) => unknown;
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!takesLane(req)) app(req, res);
    else run(lane, 0, req, res, () => viewOf(req, parseQuery));
  };
}
