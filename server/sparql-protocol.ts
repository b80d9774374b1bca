/**
 * The SPARQL 1.1 Protocol, minus the transport: which operation a request carries,
 * what kind of query it is, and which results format the client accepts.
 */
import type { Request } from 'express';
import { BadRequestError, NotAcceptableError, QueryTooDeepError, UnsupportedMediaTypeError } from './errors.js';

export type QueryForm = 'select' | 'ask' | 'construct' | 'describe';

export interface SparqlOperation {
  kind: 'query' | 'update';
  text: string;
  defaultGraphs: string[];
  namedGraphs: string[];
}

/** Results formats: [media type sent, oxigraph results_format, short name for `?format=`]. */
export const SOLUTION_FORMATS = [
  ['application/sparql-results+json', 'application/sparql-results+json', 'json'],
  ['application/sparql-results+xml', 'application/sparql-results+xml', 'xml'],
  ['text/csv', 'text/csv', 'csv'],
  ['text/tab-separated-values', 'text/tab-separated-values', 'tsv'],
  ['application/json', 'application/sparql-results+json', 'json'],
] as const;

export const GRAPH_FORMATS = [
  ['text/turtle', 'text/turtle', 'ttl'],
  ['application/n-triples', 'application/n-triples', 'nt'],
  ['application/ld+json', 'application/ld+json', 'jsonld'],
  ['application/n-quads', 'application/n-quads', 'nq'],
  ['application/rdf+xml', 'application/rdf+xml', 'rdf'],
] as const;

const PROLOGUE = /^(?:\s+|#[^\n]*(?:\n|$)|PREFIX\s*[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*?:\s*<[^>]*>|PREFIX\s*:\s*<[^>]*>|BASE\s*<[^>]*>)/i;

/**
 * The form of a query, read from the first keyword after the prologue (BASE/PREFIX and
 * comments). Anything else (INSERT, DELETE, LOAD, …) is an update, or not SPARQL at all.
 */
export function queryForm(text: string): QueryForm | 'update' | undefined {
  let rest = text;
  for (let m = PROLOGUE.exec(rest); m && m[0].length > 0; m = PROLOGUE.exec(rest)) rest = rest.slice(m[0].length);
  const word = /^[A-Za-z]+/.exec(rest)?.[0].toUpperCase();
  switch (word) {
    case 'SELECT': return 'select';
    case 'ASK': return 'ask';
    case 'CONSTRUCT': return 'construct';
    case 'DESCRIBE': return 'describe';
    case 'INSERT': case 'DELETE': case 'LOAD': case 'CLEAR': case 'CREATE': case 'DROP':
    case 'COPY': case 'MOVE': case 'ADD': case 'WITH':
      return 'update';
    default: return undefined;
  }
}

/**
 * Deepest nesting of { } ( ) [ ] in a query, outside strings, IRIs and comments. oxigraph's
 * parser and evaluator recurse on it and break (WebAssembly trap, stack overflow) at a few
 * hundred levels, so absurd nesting is refused here, in one linear pass, before it runs.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const iri = /<[^<>"{}|^`\\\x00-\x20]*>/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '#') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '<') {
      iri.lastIndex = i;
      if (iri.test(text)) i = iri.lastIndex - 1;
    } else if (c === '"' || c === "'") {
      const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
      i = j + quote.length - 1;
    }
  }
  return max;
}

/** Refuse a query nested deeper than `limit` (400 query-too-deep). */
export function checkNesting(text: string, limit: number): void {
  const depth = nestingDepth(text);
  if (depth > limit) throw new QueryTooDeepError(depth, limit);
}

function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

function single(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new BadRequestError(`give the ${name} parameter once, not ${v.length} times`);
  if (typeof v !== 'string') throw new BadRequestError(`the ${name} parameter must be a string`);
  return v;
}

/** Read the operation from GET ?query=, POST form (query= or update=), or a direct POST body. */
export function readOperation(req: Request): SparqlOperation {
  const q = req.query as Record<string, unknown>;
  const graphs = (src: Record<string, unknown>, prefix: '' | 'using-') => ({
    defaultGraphs: list(src[`${prefix}default-graph-uri`] ?? q[`${prefix}default-graph-uri`]),
    namedGraphs: list(src[`${prefix}named-graph-uri`] ?? q[`${prefix}named-graph-uri`]),
  });
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (q.update !== undefined) throw new BadRequestError('SPARQL Update must be sent with POST, not GET', 'update-needs-post');
    const text = single(q.query, 'query');
    if (text === undefined || text.trim() === '')
      throw new BadRequestError('missing the query parameter: send GET /sparql?query=<url-encoded SPARQL>, or POST it', 'missing-query');
    return { kind: 'query', text, ...graphs({}, '') };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const query = single(body.query, 'query');
    const update = single(body.update, 'update');
    if (query !== undefined && update !== undefined) throw new BadRequestError('send either query= or update=, not both');
    if (query !== undefined && query.trim()) return { kind: 'query', text: query, ...graphs(body, '') };
    if (update !== undefined && update.trim()) return { kind: 'update', text: update, ...graphs(body, 'using-') };
    throw new BadRequestError('the form has no query= or update= field', 'missing-query');
  }
  if (type === 'application/sparql-query' || type === 'application/sparql-update') {
    const text = typeof req.body === 'string' ? req.body : '';
    if (!text.trim()) throw new BadRequestError(`the ${type} body is empty`, 'missing-query');
    return { kind: type === 'application/sparql-query' ? 'query' : 'update', text, ...graphs({}, type === 'application/sparql-query' ? '' : 'using-') };
  }
  throw new UnsupportedMediaTypeError(type || '(none)', ['application/x-www-form-urlencoded', 'application/sparql-query', 'application/sparql-update']);
}

export interface Negotiated {
  /** Media type of the response. */
  mediaType: string;
  /** oxigraph results_format. */
  resultsFormat: string;
}

/**
 * Pick the results format for this query form from `?format=` (json, xml, csv, tsv, ttl, nt,
 * jsonld) or the Accept header; JSON for solutions and Turtle for graphs when anything goes.
 */
export function negotiate(req: Request, form: QueryForm): Negotiated {
  const table = form === 'select' || form === 'ask' ? SOLUTION_FORMATS : GRAPH_FORMATS;
  const byName = single((req.query as Record<string, unknown>).format, 'format');
  if (byName !== undefined) {
    const hit = table.find(([media, , name]) => name === byName || media === byName);
    if (!hit) throw new BadRequestError(`format=${byName} cannot be produced for a ${form.toUpperCase()} query; use one of: ${[...new Set(table.map((t) => t[2]))].join(', ')}`, 'bad-format');
    return { mediaType: hit[0], resultsFormat: hit[1] };
  }
  const offered = table.map(([media]) => media);
  if (!req.headers.accept) return { mediaType: table[0][0], resultsFormat: table[0][1] };
  const picked = req.accepts(offered);
  if (!picked) throw new NotAcceptableError(offered);
  const hit = table.find(([media]) => media === picked)!;
  return { mediaType: hit[0], resultsFormat: hit[1] };
}
