/**
 * CORS for what anyone may read: SPARQL queries (GET and POST, and their preflight), the
 * graph API's GETs, the exports, the Graph Store GETs and the linked-data pages. Writes
 * (POST/PUT/DELETE with the bearer token) get no CORS headers: they stay same-origin, and
 * Authorization is not an allowed header, so no other site's page can send the token.
 */
import type { RequestHandler } from 'express';

export function corsFor(methods: readonly string[]): RequestHandler {
  const allowed = new Set(methods);
  const list = [...allowed, 'OPTIONS'].join(', ');
  return (req, res, next) => {
    const open = allowed.has(req.method) || req.method === 'OPTIONS';
    if (open) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Type, Content-Length, Content-Disposition, Link, ETag, Retry-After');
      // helmet's same-origin default would stop a cross-origin fetch even with CORS.
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    if (req.method !== 'OPTIONS') return next();
    const asked = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
    if (asked && !allowed.has(asked)) {
      res.setHeader('Allow', list);
      res.status(204).end(); // no Allow-Methods for it: the browser refuses the request
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', list);
    res.setHeader('Access-Control-Allow-Headers', 'Accept, Content-Type, Accept-Encoding, If-None-Match');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.setHeader('Vary', 'Origin, Access-Control-Request-Method');
    res.status(204).end();
  };
}

/** /sparql: queries by GET or POST (updates are refused anyway). */
export const corsForQueries = corsFor(['GET', 'HEAD', 'POST']);

/** Read-only routes: GET and HEAD. */
export const corsForReads = corsFor(['GET', 'HEAD']);
