/**
 * The SPARQL 1.1 Protocol, minus the transport: which operation a request carries,
 * what kind of query it is, and which results format the client accepts.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { BadRequestError, NotAcceptableError, QueryTooDeepError, UnsupportedMediaTypeError } from './errors.js';

export type QueryForm = 'select' | 'ask' | 'construct' | 'describe';

/**
 * What the protocol reads of a request: Express's Request has it, and so does the view of a
 * plain request that server/fast-lane.ts builds (without Express's prototypes).
 */
export interface ProtocolRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The URL's parameters, parsed as Express's query parser does. */
  query: unknown;
  /** A POST's parsed body (a form's fields, or the query text). */
  body?: unknown;
  /** The client's address: the rate limit's and the queue's key. */
  ip?: string;
  /** The first of `types` the Accept header allows, or false (Express's req.accepts). */
  accepts(types: string[]): string | false;
}

export interface SparqlOperation {
  kind: 'query' | 'update';
  text: string;
  defaultGraphs: string[];
  namedGraphs: string[];
}

/**
 * Results formats: [media type sent, oxigraph results_format, names accepted in `?format=`].
 * The names include what common clients send (SPARQLWrapper: json, xml, csv, tsv, turtle,
 * n3, rdf, rdf+xml, json-ld; some send the media type itself).
 */
export const SOLUTION_FORMATS: readonly (readonly [string, string, readonly string[]])[] = [
  ['application/sparql-results+json', 'application/sparql-results+json', ['json', 'srj']],
  ['application/sparql-results+xml', 'application/sparql-results+xml', ['xml', 'srx']],
  ['text/csv', 'text/csv', ['csv']],
  ['text/tab-separated-values', 'text/tab-separated-values', ['tsv']],
  ['application/json', 'application/sparql-results+json', []],
];

export const GRAPH_FORMATS: readonly (readonly [string, string, readonly string[]])[] = [
  ['text/turtle', 'text/turtle', ['ttl', 'turtle', 'n3']],
  ['application/n-triples', 'application/n-triples', ['nt', 'ntriples', 'n-triples']],
  ['application/ld+json', 'application/ld+json', ['jsonld', 'json-ld', 'json']],
  ['application/n-quads', 'application/n-quads', ['nq', 'nquads']],
  ['application/rdf+xml', 'application/rdf+xml', ['rdf', 'rdf+xml', 'rdfxml', 'xml', 'owl']],
  ['text/n3', 'text/turtle', []],
];

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

/** The protocol carries UTF-8 only (SPARQL 1.1 Protocol 2.1.2, 2.2.2): refuse any other charset. */
function checkCharset(contentType: string): void {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  const cs = m?.[1]!.toLowerCase();
  if (cs && cs !== 'utf-8' && cs !== 'utf8' && cs !== 'us-ascii')
    throw new UnsupportedMediaTypeError(`${contentType.split(';')[0]} in charset ${m![1]}`, ['UTF-8 (charset=utf-8, or no charset)']);
}

/** Words outside IRIs, strings and comments, upper case: what a keyword check may look at. */
function keywords(text: string): Set<string> {
  const bare = text.replace(/<[^<>\s]*>|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, ' ');
  return new Set(bare.toUpperCase().match(/[A-Z]+/g) ?? []);
}

/**
 * using-graph-uri / using-named-graph-uri may not be combined with USING or WITH in the
 * update (SPARQL 1.1 Protocol 2.2.3): 400, whatever is later done with the update.
 */
export function checkUpdateDataset(op: SparqlOperation): void {
  if (op.kind !== 'update' || (!op.defaultGraphs.length && !op.namedGraphs.length)) return;
  const words = keywords(op.text);
  if (words.has('USING') || words.has('WITH'))
    throw new BadRequestError('the update names its dataset with USING or WITH and the request also gives using-graph-uri / using-named-graph-uri; give one or the other', 'dataset-conflict');
}

/** Read the operation from GET ?query=, POST form (query= or update=), or a direct POST body. */
export function readOperation(req: ProtocolRequest): SparqlOperation {
  const q = req.query as Record<string, unknown>;
  // Queries: default-graph-uri, named-graph-uri; updates: using-graph-uri, using-named-graph-uri.
  const graphs = (src: Record<string, unknown>, prefix: '' | 'using-') => {
    const d = prefix ? 'using-graph-uri' : 'default-graph-uri';
    const n = `${prefix}named-graph-uri`;
    return { defaultGraphs: list(src[d] ?? q[d]), namedGraphs: list(src[n] ?? q[n]) };
  };
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (q.update !== undefined) throw new BadRequestError('SPARQL Update must be sent with POST, not GET', 'update-needs-post');
    const text = single(q.query, 'query');
    if (text === undefined || text.trim() === '')
      throw new BadRequestError('missing the query parameter: send GET /sparql?query=<url-encoded SPARQL>, or POST it', 'missing-query');
    return { kind: 'query', text, ...graphs({}, '') };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  checkCharset(req.headers['content-type'] ?? '');
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

type Table = typeof SOLUTION_FORMATS;

const hit = (row: Table[number]): Negotiated => ({ mediaType: row[0] === 'text/n3' ? 'text/turtle' : row[0], resultsFormat: row[1] });

/** The media ranges of an Accept header (parameters and q dropped), lower case. */
function acceptRanges(accept: string): string[] {
  return accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase()).filter(Boolean);
}

/**
 * Pick the results format for this query form. An Accept header that names a format this
 * form has wins (SPARQLWrapper sends a valid Accept and a `format` of its own naming);
 * else the first `?format=` this form has (json, xml, csv, tsv, ttl, nt, jsonld, rdf, or a
 * media type); else Accept with wildcards. A graph query whose client asks only for
 * results formats gets RDF: RDF/XML when it asked for SPARQL XML (roqet), else Turtle.
 */
export function negotiate(req: ProtocolRequest, form: QueryForm): Negotiated {
  const graphForm = form === 'construct' || form === 'describe';
  const table = graphForm ? GRAPH_FORMATS : SOLUTION_FORMATS;
  const offered = table.map(([media]) => media);
  const accept = req.headers.accept ?? '';
  const ranges = acceptRanges(accept);
  if (ranges.some((r) => offered.includes(r))) return hit(table.find(([m]) => m === req.accepts(offered))!);
  const src = { ...(req.method === 'POST' && typeof req.body === 'object' ? req.body : {}), ...(req.query as object) } as Record<string, unknown>;
  const names = list(src.format ?? src.output).map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (names.length) {
    for (const n of names) {
      const row = table.find(([media, , short]) => media === n || short.includes(n));
      if (row) return hit(row);
    }
    const known = [...new Set(table.flatMap((t) => t[2].slice(0, 1)))];
    throw new BadRequestError(`format=${names.join(',')} cannot be produced for a ${form.toUpperCase()} query; use one of: ${known.join(', ')}`, 'bad-format');
  }
  if (ranges.length === 0) return hit(table[0]!);
  const picked = req.accepts(offered);
  if (picked) return hit(table.find(([m]) => m === picked)!);
  const asksForResults = ranges.some((r) => SOLUTION_FORMATS.some(([m]) => m === r));
  // roqet asks for SPARQL XML and parses whatever comes as XML: it reads RDF/XML.
  if (graphForm && asksForResults) return hit(table.find(([m]) => m === (ranges.includes('application/sparql-results+xml') ? 'application/rdf+xml' : 'text/turtle'))!);
  throw new NotAcceptableError(offered);
}
