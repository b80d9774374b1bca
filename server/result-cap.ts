/**
 * The result cap applied while the store evaluates, not after. oxigraph's JS binding
 * serializes a whole result into one string before returning it (a 59 MB CONSTRUCT took
 * the server from 285 to 708 MB before its 422), so a cap on the string comes too late.
 * Instead the query is parsed (sparqljs) and, unless it has a LIMIT within the cap already,
 * run with LIMIT cap+1: the store stops after that many solutions, whatever the data.
 *
 *   SELECT               run with LIMIT cap+1; more than `cap` rows came back → over the cap.
 *   CONSTRUCT, DESCRIBE  their output does not count solutions, so a probe first:
 *                        SELECT * WHERE {same pattern} OFFSET cap LIMIT 1. A row → over the
 *                        cap, and the graph is never built. A CONSTRUCT's cap is in triples:
 *                        cap / (triples of its template) solutions.
 *   ASK, a DESCRIBE of IRIs only, a grouped CONSTRUCT:
 *                        run as it is (bounded by their nature, or too rare to rewrite; the
 *                        byte cap still applies after).
 *   a query sparqljs cannot read (SPARQL 1.2 syntax that oxigraph reads: triple terms,
 *                        directional language tags): asked for in a SELECT results format, it
 *                        is run with "LIMIT cap+1" on a line of its own when oxigraph's grammar
 *                        takes that, and its rows counted; otherwise as it is.
 */
import sparqljs from 'sparqljs';

export interface CappedPlan {
  /** The query to run. */
  query: string;
  /** SELECT: count the rows of the result; more than `solutions` is over the cap. */
  countRows: boolean;
  /** CONSTRUCT / DESCRIBE: run this first; any row means over the cap. */
  probe?: string;
  /** Solutions allowed. */
  solutions: number;
  kind: 'SELECT' | 'CONSTRUCT' | 'DESCRIBE';
}

/** The query makes more result rows than the cap allows (`solutions` of a query of this kind). */
export class TooManyRows extends Error {
  constructor(readonly solutions: number, readonly kind: CappedPlan['kind']) {
    super(`more than ${solutions} solutions`);
  }
}

/** Results formats of SELECT (and ASK), whose rows countRows counts. */
const SOLUTION_FORMATS = new Set(['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']);

/** oxigraph's parse errors read "error at L:C: …". */
const isParseError = (e: unknown) => /^error at \d+:\d+|^Parser error/i.test(e instanceof Error ? e.message : String(e));

/**
 * Run `query` through `run` (the store, in `format`) so that it never makes more than `maxRows`
 * result rows; throws TooManyRows when it would.
 */
export function runCapped(run: (query: string, format: string) => string, query: string, format: string, maxRows: number, baseIri?: string): string {
  const plan = capQuery(query, maxRows, baseIri);
  if (plan === 'unread') {
    if (!SOLUTION_FORMATS.has(format)) return run(query, format);
    let text: string;
    try {
      text = run(`${query}\nLIMIT ${maxRows + 1}`, format);
    } catch (e) {
      if (!isParseError(e)) throw e;
      return run(query, format); // it has a LIMIT or VALUES already, or does not parse at all
    }
    if (countRows(text, format) > maxRows) throw new TooManyRows(maxRows, 'SELECT');
    return text;
  }
  if (plan === 'as-is') return run(query, format);
  if (plan.probe !== undefined && run(plan.probe, 'application/sparql-results+json').includes('"bindings":[{'))
    throw new TooManyRows(plan.solutions, plan.kind);
  const text = run(plan.query, format);
  if (plan.countRows && countRows(text, format) > plan.solutions) throw new TooManyRows(plan.solutions, plan.kind);
  return text;
}

/**
 * How to run `query` so that the store never makes more than `maxRows` result rows. 'as-is':
 * bounded already (or not worth a rewrite); 'unread': sparqljs cannot parse it.
 */
export function capQuery(query: string, maxRows: number, baseIri?: string): CappedPlan | 'as-is' | 'unread' {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(query);
  } catch {
    return 'unread';
  }
  if (parsed.type !== 'query' || parsed.queryType === 'ASK') return 'as-is';
  // The typings give solution modifiers to SELECT only; the parser reads them on every form.
  const q = parsed as sparqljs.Query & { limit?: number; offset?: number; group?: unknown[]; having?: unknown[] };
  if (q.queryType === 'DESCRIBE' && !q.where?.length) return 'as-is';
  const template = q.queryType === 'CONSTRUCT' ? Math.max(1, q.template?.length ?? 1) : 1;
  const solutions = Math.max(1, Math.floor(maxRows / template));
  if (q.limit !== undefined && q.limit <= solutions) return 'as-is';
  if (q.queryType === 'SELECT') {
    // Appended as written where the grammar allows (no VALUES after the modifiers): the query
    // oxigraph reads is the user's text, byte for byte, plus one line.
    const text = q.limit === undefined && !q.values ? `${query}\nLIMIT ${solutions + 1}` : generate({ ...q, limit: solutions + 1 } as sparqljs.SelectQuery);
    return { query: text, countRows: true, solutions, kind: 'SELECT' };
  }
  if (q.group || q.having) return 'as-is';
  const probe: sparqljs.SelectQuery = {
    type: 'query', queryType: 'SELECT', prefixes: q.prefixes, base: q.base, from: q.from,
    variables: [new sparqljs.Wildcard()], where: q.where, values: q.values,
    offset: (q.offset ?? 0) + solutions, limit: 1,
  };
  return { query, countRows: false, probe: generate(probe), solutions, kind: q.queryType as 'CONSTRUCT' | 'DESCRIBE' };
}

function generate(q: sparqljs.SparqlQuery): string {
  return new sparqljs.Generator({ sparqlStar: true }).stringify(q);
}

/**
 * Rows of a serialized SELECT result (oxigraph's writers): JSON objects in "bindings", XML
 * <result> elements, CSV / TSV lines after the header. Literals cannot fake a row: JSON and CSV
 * are scanned outside strings, XML escapes '<', TSV escapes newlines.
 */
export function countRows(text: string, format: string): number {
  if (format.endsWith('+xml')) return (text.match(/<result[>/]/g) ?? []).length;
  if (format === 'text/tab-separated-values') return Math.max(0, countOutsideQuotes(text, '\n', false) - 1);
  if (format === 'text/csv') return Math.max(0, countOutsideQuotes(text, '\n', true) - 1);
  const start = text.indexOf('"bindings":[');
  if (start < 0) return 0;
  let rows = 0;
  let depth = 0;
  let inString = false;
  for (let i = start + 12; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) { if (depth++ === 0) rows++; }
    else if (c === 125) depth--;
    else if (c === 93 && depth === 0) break;
  }
  return rows;
}

function countOutsideQuotes(text: string, ch: string, quotes: boolean): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quotes && c === '"') inQuotes = !inQuotes; // "" inside a field toggles twice
    else if (c === ch && !inQuotes) n++;
  }
  return n;
}
