/**
 * HTTP errors. Every error a client sees is JSON `{error, detail}`: `error` is a short
 * stable code, `detail` says what was wrong and how to fix it. Stack traces stay in the log.
 */
import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError, UnreadableInputError, InvalidSettingsError } from '../src/errors.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(detail: string, code = 'bad-request') { super(400, code, detail); }
}

/**
 * The parser's message, short: an undeclared prefix is named with the fix, and oxigraph's
 * lists of character ranges (hundreds of characters of \u{…}) are cut.
 */
export function shortParserMessage(message: string, query?: string): string {
  const at = /^error at (\d+):(\d+): /.exec(message);
  if (at && /Prefix not found/.test(message)) {
    const line = query?.split('\n')[Number(at[1]) - 1] ?? '';
    const before = line.slice(0, Number(at[2]) - 1);
    const name = /([A-Za-z_][\w.-]*)?:?[\w-]*$/.exec(before)?.[1];
    return `${at[0]}the prefix ${name ? `"${name}:"` : ''} is not declared; add PREFIX ${name ?? 'p'}: <namespace IRI> before the query`.replace('prefix  is', 'prefix is');
  }
  if (message.length <= 200 || !/\\u\{/.test(message)) return message;
  return `${message.slice(0, 160).replace(/,[^,]*$/, '')}, …`;
}

/** A SPARQL query or update the parser rejected; `detail` is the parser's message, shortened. */
export class MalformedQueryError extends HttpError {
  constructor(parserMessage: string, query?: string) { super(400, 'malformed-query', shortParserMessage(parserMessage, query)); }
}

export class UnauthorizedError extends HttpError {
  constructor(detail: string) { super(401, 'unauthorized', detail, { 'WWW-Authenticate': 'Bearer realm="newskg"' }); }
}

export class ReadOnlyError extends HttpError {
  constructor(what: string) {
    super(403, 'read-only', `${what} is disabled: this server is read-only. Start it with the environment variable KG_WRITE_TOKEN set and send "Authorization: Bearer <token>".`);
  }
}

export class HttpNotFoundError extends HttpError {
  constructor(detail: string) { super(404, 'not-found', detail); }
}

export class NotAcceptableError extends HttpError {
  constructor(offered: string[]) { super(406, 'not-acceptable', `none of the media types in Accept can be produced here; use one of: ${offered.join(', ')}`); }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limit: number) { super(413, 'payload-too-large', `the request body is larger than the limit of ${limit} bytes; send less, or raise KG_MAX_BODY_BYTES`); }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(got: string, expected: string[]) { super(415, 'unsupported-media-type', `cannot read a body of type ${JSON.stringify(got)}; send one of: ${expected.join(', ')}`); }
}

/** The results of a query are larger than `maxResultBytes`. */
export class ResultTooLargeError extends HttpError {
  constructor(bytes: number, limit: number) {
    super(422, 'result-too-large', `the results are ${bytes} bytes, over the limit of ${limit} bytes; add a LIMIT, select fewer variables, or raise KG_MAX_RESULT_BYTES`);
  }
}

/**
 * A query would make more result rows than `maxResultRows` (solutions of a SELECT or DESCRIBE,
 * triples of a CONSTRUCT's template); found while the store evaluates, which stopped there.
 */
export class ResultTooManyRowsError extends HttpError {
  constructor(solutions: number, rows: number, kind = 'SELECT') {
    const what = kind === 'CONSTRUCT' && solutions !== rows
      ? `more than ${solutions} solutions, whose template makes more than the limit of ${rows} triples`
      : `more than ${solutions} ${kind === 'CONSTRUCT' ? 'triples' : kind === 'DESCRIBE' ? 'solutions to describe' : 'solutions'}, over the limit of ${rows} result rows`;
    super(422, 'result-too-large', `the query has ${what}; add a LIMIT, make it more selective, or raise KG_MAX_RESULT_ROWS`);
  }
}

/** A query passed its time limit, counted from its arrival (waiting included); it was stopped. */
export class QueryTimeoutError extends HttpError {
  constructor(ms: number, waited = false) {
    super(503, 'query-timeout', waited
      ? `the query waited for a free store worker longer than the limit of ${ms} ms (the limit counts from arrival); retry later, or raise KG_QUERY_TIMEOUT_MS`
      : `the query ran longer than the limit of ${ms} ms and was stopped; make it more selective (bind a subject or predicate, add a LIMIT, avoid cross products) or raise KG_QUERY_TIMEOUT_MS`,
    { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) });
  }
}

/** The query queue is full: too many queries are waiting for a store worker. */
export class QueueFullError extends HttpError {
  constructor(length: number, retryAfterS: number, yours = false) {
    super(503, 'queue-full', yours
      ? `${length} of your queries are already waiting for the SPARQL store (one client may fill a quarter of the queue); wait for their answers and retry after ${retryAfterS} s`
      : `${length} queries are already waiting for the SPARQL store; retry after ${retryAfterS} s, or raise KG_QUERY_QUEUE`,
    { 'Retry-After': String(retryAfterS) });
  }
}

/** The store engine failed on a query (a WebAssembly trap, memory or stack exhausted); the worker was replaced. */
export class QueryEngineError extends HttpError {
  constructor(message: string) {
    super(400, 'query-failed', `the SPARQL engine failed on this query (${message}), usually because it is too deeply nested or too large; simplify it. The store was restarted and serves other queries`);
  }
}

/** The query nests groups or expressions deeper than the store can evaluate; refused before it runs. */
export class QueryTooDeepError extends HttpError {
  constructor(depth: number, limit: number) {
    super(400, 'query-too-deep', `the query nests { } or ( ) ${depth} levels deep, over the limit of ${limit}; flatten it (nested groups without FILTER or OPTIONAL can be merged)`);
  }
}

/** The client closed the connection before its query ran or finished. */
export class ClientGoneError extends HttpError {
  constructor() { super(499, 'client-closed', 'the client closed the connection; the query was cancelled'); }
}

/** SPARQL Update is not accepted: the graph is derived from the articles. */
export class UpdateRefusedError extends HttpError {
  constructor() {
    super(403, 'update-not-supported', 'SPARQL Update is not supported: the graph is built from the articles, and a change made by an update would disagree with /api/graph and the exports and be lost at the next rebuild. Add or replace an article with POST /api/articles, remove one with DELETE /api/articles/:id (bearer token), or edit the knowledge base in ontology/kb/');
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(limit: number) { super(429, 'too-many-requests', `more than ${limit} requests per minute from this client; wait a minute and retry`); }
}

/** The store refused data the server wrote (an article's graph); nothing of it was kept. */
export class StoreRejectedError extends HttpError {
  constructor(what: string, why: string) {
    super(503, 'store-rejected', `the SPARQL store did not accept ${what} (${why.slice(0, 200)}); nothing was kept; retry, and report it if it persists`);
  }
}

export class UnprocessableInputError extends HttpError {
  constructor(detail: string) { super(422, 'unreadable-input', detail); }
}

/** Body-parser and multer errors carry a `type`/`code`; map them to typed HTTP errors. */
function fromLibraryError(err: unknown, bodyLimit: number): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof NotFoundError) return new HttpNotFoundError(err.message);
  if (err instanceof UnreadableInputError) return new UnprocessableInputError(err.message);
  if (err instanceof InvalidSettingsError) return new BadRequestError(err.message);
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { type?: string; code?: string; status?: number; message?: string };
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE') return new PayloadTooLargeError(bodyLimit);
  if (e.type === 'entity.parse.failed') return new BadRequestError(`the JSON body does not parse: ${e.message ?? ''}`, 'malformed-body');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new UnsupportedMediaTypeError(e.message ?? 'unknown encoding', ['utf-8']);
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) return new BadRequestError(`multipart upload refused: ${e.message ?? e.code}`, 'bad-upload');
  if (e.type === 'request.aborted') return new BadRequestError('the request was aborted by the client', 'aborted');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad-request', e.message ?? 'bad request');
  return undefined;
}

export function errorBody(err: HttpError): { error: string; detail: string } {
  return { error: err.code, detail: err.detail };
}

/** What a client is told of `err`: the HttpError it is or stands for; anything else is logged and is a 500. */
export function toHttpError(err: unknown, bodyLimit: number, what: string, log: (msg: string) => void = (m) => console.error(m)): HttpError {
  const http = fromLibraryError(err, bodyLimit);
  if (http) return http;
  log(`newskg server: ${what} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return new HttpError(500, 'internal-error', 'the server failed to answer this request; the cause is in the server log');
}

/** Send `http` as JSON `{error, detail}` with its headers (plain Node: the app's error handler and the SPARQL lane send the same bytes). */
export function writeHttpError(res: ServerResponse, http: HttpError): void {
  const body = Buffer.from(JSON.stringify(errorBody(http)));
  for (const [k, v] of Object.entries(http.headers)) res.setHeader(k, v);
  res.statusCode = http.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** The last middleware: JSON errors, no stack traces; unexpected errors are logged. */
export function errorHandler(bodyLimit: number, log?: (msg: string) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    writeHttpError(res, toHttpError(err, bodyLimit, `${req.method} ${req.originalUrl}`, log));
  };
}

/** 404 for anything no route answered. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpNotFoundError(`no resource at ${req.method} ${req.path}; see DEVELOPERS.md for the HTTP API`));
};
