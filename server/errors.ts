/**
 * HTTP errors. Every error a client sees is JSON `{error, detail}`: `error` is a short
 * stable code, `detail` says what was wrong and how to fix it. Stack traces stay in the log.
 */
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

/** A SPARQL query or update the parser rejected; `detail` is the parser's message. */
export class MalformedQueryError extends HttpError {
  constructor(parserMessage: string) { super(400, 'malformed-query', parserMessage); }
}

export class UnauthorizedError extends HttpError {
  constructor(detail: string) { super(401, 'unauthorized', detail, { 'WWW-Authenticate': 'Bearer realm="newskg"' }); }
}

export class ReadOnlyError extends HttpError {
  constructor(what: string) {
    super(403, 'read-only', `${what} is disabled: this server is read-only. Start it with KG_WRITE_TOKEN set (or --write-token) and send "Authorization: Bearer <token>".`);
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

/** A query ran past the time limit; the store was restarted. */
export class QueryTimeoutError extends HttpError {
  constructor(ms: number) {
    super(503, 'query-timeout', `the query ran longer than the limit of ${ms} ms and was stopped; make it more selective (bind a subject or predicate, add a LIMIT, avoid cross products) or raise KG_QUERY_TIMEOUT_MS`);
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(limit: number) { super(429, 'too-many-requests', `more than ${limit} requests per minute from this client; wait a minute and retry`); }
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

/** The last middleware: JSON errors, no stack traces; unexpected errors are logged. */
export function errorHandler(bodyLimit: number, log: (msg: string) => void = (m) => console.error(m)): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let http = fromLibraryError(err, bodyLimit);
    if (!http) {
      log(`newskg server: ${req.method} ${req.originalUrl} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      http = new HttpError(500, 'internal-error', 'the server failed to answer this request; the cause is in the server log');
    }
    for (const [k, v] of Object.entries(http.headers)) res.setHeader(k, v);
    res.status(http.status).type('application/json').json(errorBody(http));
  };
}

/** 404 for anything no route answered. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpNotFoundError(`no resource at ${req.method} ${req.path}; see DEVELOPERS.md for the HTTP API`));
};
