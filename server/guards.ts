/**
 * Request guards: the bearer token for writes, rate limits (CORS is in cors.ts).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ReadOnlyError, TooManyRequestsError, UnauthorizedError } from './errors.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Throws unless writes are enabled and the request carries the right bearer token. */
export function checkWriteToken(writeToken: string, authorization: string | undefined, what: string): void {
  if (!writeToken) throw new ReadOnlyError(what);
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw new UnauthorizedError(`${what} needs "Authorization: Bearer <token>" with the token the server was started with (KG_WRITE_TOKEN)`);
  if (!timingSafeEqual(digest(m[1]!), digest(writeToken))) throw new UnauthorizedError(`the bearer token is wrong; use the token the server was started with (KG_WRITE_TOKEN)`);
}

export function requireWriteToken(writeToken: string, what: string): RequestHandler {
  return (req, _res, next) => {
    checkWriteToken(writeToken, req.headers.authorization, what);
    next();
  };
}

/** At most `perMinute` requests per minute per client address; 429 with a JSON error beyond. */
export function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The peer's address (the server trusts no proxy headers), IPv6 by its /56 as by default.
    // Read off the socket, so that the SPARQL lane's plain requests count as the app's do.
    keyGenerator: (req) => ipKeyGenerator(req.socket.remoteAddress ?? ''),
    handler: (_req, _res, next) => next(new TooManyRequestsError(perMinute)),
  });
}
