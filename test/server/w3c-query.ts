/**
 * A runner for W3C SPARQL 1.1 query-evaluation tests (mf:QueryEvaluationTest) in
 * test/fixtures/w3c/<category>/: reads each manifest, runs a test against an endpoint
 * over HTTP or against a bare oxigraph store, and compares the answer with the expected
 * results (.srx, .srj, rs:ResultSet Turtle, or a graph for CONSTRUCT). Rows are compared
 * as a bag, and blank nodes match any blank node: a weaker check than isomorphism, the
 * same for both sides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import { Parser, Store, type Term } from 'n3';

/** The base the W3C publishes these tests under; IRIs below it map to fixture files. */
export const W3C_BASE = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/';
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const RS = 'http://www.w3.org/2001/sw/DataAccess/tests/result-set#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface EvalTest {
  category: string;
  id: string;
  name: string;
  /** IRIs (under W3C_BASE) of the query, default-graph data, named-graph data and result. */
  query: string;
  data: string[];
  graphData: string[];
  result: string;
}

export function readEvalManifest(root: string, category: string): EvalTest[] {
  const base = `${W3C_BASE}${category}/manifest.ttl`;
  const store = new Store(new Parser({ baseIRI: base }).parse(readFileSync(join(root, category, 'manifest.ttl'), 'utf8')));
  const one = (s: Term, p: string) => store.getObjects(s, p, null)[0];
  const all = (s: Term, p: string) => store.getObjects(s, p, null).map((o) => o.value);
  const entries: Term[] = [];
  const manifest = store.getSubjects(`${RDF}type`, `${MF}Manifest`, null)[0]!;
  for (let n = one(manifest, `${MF}entries`); n && n.value !== `${RDF}nil`; n = one(n, `${RDF}rest`)) entries.push(one(n, `${RDF}first`)!);
  return entries
    .filter((t) => store.getObjects(t, `${RDF}type`, null).some((o) => o.value === `${MF}QueryEvaluationTest`))
    .map((t) => {
      const action = one(t, `${MF}action`)!;
      return {
        category,
        id: t.value.replace(/^.*#/, ''),
        name: one(t, `${MF}name`)?.value ?? '',
        query: one(action, `${QT}query`)!.value,
        data: all(action, `${QT}data`),
        graphData: all(action, `${QT}graphData`),
        result: one(t, `${MF}result`)!.value,
      };
    });
}

/** The fixture file of a W3C test IRI. */
export function fileOf(root: string, iri: string): string {
  if (!iri.startsWith(W3C_BASE)) throw new Error(`${iri} is not under ${W3C_BASE}`);
  return join(root, iri.slice(W3C_BASE.length));
}

function rdfFormat(iri: string): string {
  if (iri.endsWith('.rdf')) return 'application/rdf+xml';
  if (iri.endsWith('.nt')) return 'application/n-triples';
  return 'text/turtle';
}

/** N-Quads of a data file put in the named graph `iri` (parsed by oxigraph, which reads RDF/XML too). */
export function dataAsNQuads(root: string, iri: string): string {
  const s = new oxigraph.Store();
  s.load(readFileSync(fileOf(root, iri), 'utf8'), { format: rdfFormat(iri), base_iri: iri, to_graph_name: oxigraph.namedNode(iri) });
  return s.dump({ format: 'application/n-quads' });
}

/** The query, with the base of its file (as a W3C harness resolves relative IRIs). */
export function queryText(root: string, t: EvalTest): string {
  const text = readFileSync(fileOf(root, t.query), 'utf8');
  return /^\s*BASE\s/im.test(text) ? text : `BASE <${t.query}>\n${text}`;
}

export const usesFrom = (q: string) => /\bFROM\s+(NAMED\s+)?</i.test(q);

// ---- answers as comparable strings -------------------------------------------------

interface JsonTerm { type: string; value: string; datatype?: string; 'xml:lang'?: string }
const NUMERIC = new Set(['integer', 'decimal', 'double', 'float', 'int', 'long', 'short', 'byte'].map((t) => XSD + t));

function termKey(t: JsonTerm): string {
  if (t.type === 'uri') return `<${t.value}>`;
  if (t.type === 'bnode') return '_:';
  if (t['xml:lang']) return `"${t.value}"@${t['xml:lang'].toLowerCase()}`;
  const dt = t.datatype && t.datatype !== `${XSD}string` ? t.datatype : undefined;
  if (dt && NUMERIC.has(dt) && Number.isFinite(Number(t.value))) return `"${Number(t.value)}"^^<${dt}>`;
  return dt ? `"${t.value}"^^<${dt}>` : `"${t.value}"`;
}

/** An answer: rows (sorted keys), a boolean, or triples (sorted keys). */
export type Answer = { kind: 'rows'; rows: string[] } | { kind: 'boolean'; value: boolean } | { kind: 'graph'; triples: string[] };

function rowsAnswer(rows: Record<string, JsonTerm>[]): Answer {
  return { kind: 'rows', rows: rows.map((r) => Object.keys(r).sort().map((v) => `${v}=${termKey(r[v]!)}`).join(' ')).sort() };
}

export function fromJson(body: string): Answer {
  const j = JSON.parse(body) as { boolean?: boolean; results?: { bindings: Record<string, JsonTerm>[] } };
  if (typeof j.boolean === 'boolean') return { kind: 'boolean', value: j.boolean };
  return rowsAnswer(j.results!.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.type === 'typed-literal' ? { ...v, type: 'literal' } : v]))));
}

const unxml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_m, e: string) =>
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!);

function fromSrx(xml: string): Answer {
  const b = /<boolean>\s*(true|false)\s*<\/boolean>/.exec(xml);
  if (b) return { kind: 'boolean', value: b[1] === 'true' };
  const rows: Record<string, JsonTerm>[] = [];
  for (const r of xml.matchAll(/<result>([\s\S]*?)<\/result>|<result\s*\/>/g)) {
    const row: Record<string, JsonTerm> = {};
    for (const m of (r[1] ?? '').matchAll(/<binding\s+name=["']([^"']+)["']\s*>\s*<(uri|literal|bnode)([^>]*?)(?:\/>|>([\s\S]*?)<\/\2>)\s*<\/binding>/g)) {
      const attrs = m[3] ?? '';
      const dt = /datatype=["']([^"']*)["']/.exec(attrs)?.[1];
      const lang = /xml:lang=["']([^"']*)["']/.exec(attrs)?.[1];
      row[m[1]!] = { type: m[2]!, value: unxml(m[4] ?? ''), ...(dt ? { datatype: unxml(dt) } : {}), ...(lang ? { 'xml:lang': lang } : {}) };
    }
    rows.push(row);
  }
  return rowsAnswer(rows);
}

function toJsonTerm(t: Term): JsonTerm {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  const l = t as Term & { language: string; datatype: { value: string } };
  return { type: 'literal', value: l.value, ...(l.language ? { 'xml:lang': l.language } : { datatype: l.datatype.value }) };
}

function fromGraph(text: string, format: string, base: string): Answer {
  const quads = new Parser({ format, baseIRI: base }).parse(text);
  const store = new Store(quads);
  const set = store.getSubjects(`${RDF}type`, `${RS}ResultSet`, null)[0];
  if (set) {
    const bool = store.getObjects(set, `${RS}boolean`, null)[0];
    if (bool) return { kind: 'boolean', value: bool.value === 'true' };
    return rowsAnswer(store.getObjects(set, `${RS}solution`, null).map((s) => Object.fromEntries(
      store.getObjects(s, `${RS}binding`, null).map((b) => [store.getObjects(b, `${RS}variable`, null)[0]!.value, toJsonTerm(store.getObjects(b, `${RS}value`, null)[0]!)]))));
  }
  return { kind: 'graph', triples: quads.map((q) => [q.subject, q.predicate, q.object].map((t) => termKey(toJsonTerm(t))).join(' ')).sort() };
}

export function expectedAnswer(root: string, t: EvalTest): Answer {
  const text = readFileSync(fileOf(root, t.result), 'utf8');
  if (t.result.endsWith('.srx')) return fromSrx(text);
  if (t.result.endsWith('.srj')) return fromJson(text);
  return fromGraph(text, t.result.endsWith('.nt') ? 'N-Triples' : 'Turtle', t.result);
}

export const fromNTriples = (text: string): Answer => fromGraph(text, 'N-Triples', W3C_BASE);

/** Undefined when equal, else a short account of the difference. */
export function differ(expected: Answer, actual: Answer): string | undefined {
  if (expected.kind !== actual.kind) return `a ${actual.kind} answer, expected ${expected.kind}`;
  if (expected.kind === 'boolean') return expected.value === (actual as typeof expected).value ? undefined : `${!expected.value}, expected ${expected.value}`;
  const e = expected.kind === 'rows' ? expected.rows : expected.triples;
  const a = actual.kind === 'rows' ? actual.rows : (actual as { triples: string[] }).triples;
  if (e.length === a.length && e.every((x, i) => x === a[i])) return undefined;
  const missing = e.filter((x) => !a.includes(x));
  const extra = a.filter((x) => !e.includes(x));
  return `${a.length} ${expected.kind === 'rows' ? 'rows' : 'triples'}, expected ${e.length}; missing ${missing.slice(0, 2).join(', ') || '-'}; extra ${extra.slice(0, 2).join(', ') || '-'}`.slice(0, 300);
}

// ---- the two ways of running a test -------------------------------------------------

const wantsGraph = (a: Answer) => a.kind === 'graph';

/** Through the endpoint: the test's data is already in the store as named graphs (its IRI). */
export async function runOnEndpoint(root: string, endpoint: string, t: EvalTest): Promise<string | undefined> {
  const expected = expectedAnswer(root, t);
  const query = queryText(root, t);
  const form = new URLSearchParams({ query });
  if (!usesFrom(query)) {
    // The test's dataset through the protocol; an empty default graph when it has no data.
    for (const d of t.data.length || t.graphData.length ? t.data : ['urn:x-w3c:empty']) form.append('default-graph-uri', d);
    for (const g of t.graphData) form.append('named-graph-uri', g);
  }
  const res = await fetch(`${endpoint}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: wantsGraph(expected) ? 'application/n-triples' : 'application/sparql-results+json' },
    body: form.toString(),
  });
  const body = await res.text();
  if (!res.ok) return `status ${res.status}: ${body.slice(0, 160)}`;
  return differ(expected, wantsGraph(expected) ? fromNTriples(body) : fromJson(body));
}

/** In a fresh bare oxigraph store: data in its default graph, graph data in named graphs. */
export function runOnOxigraph(root: string, t: EvalTest): string | undefined {
  const expected = expectedAnswer(root, t);
  const query = queryText(root, t);
  const store = new oxigraph.Store();
  for (const d of t.data) store.load(readFileSync(fileOf(root, d), 'utf8'), { format: rdfFormat(d), base_iri: d });
  const named = usesFrom(query) ? [...t.data, ...t.graphData] : t.graphData;
  for (const g of named) store.load(dataAsNQuads(root, g), { format: 'application/n-quads' });
  try {
    const body = store.query(query, { results_format: wantsGraph(expected) ? 'application/n-triples' : 'application/sparql-results+json' }) as string;
    return differ(expected, wantsGraph(expected) ? fromNTriples(body) : fromJson(body));
  } catch (e) {
    return `error: ${(e as Error).message.slice(0, 160)}`;
  }
}

/** Every data file the tests name, for loading once into the endpoint's store. */
export function allData(root: string, tests: EvalTest[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tests) for (const g of [...t.data, ...t.graphData])
    if (!out.has(g) && existsSync(fileOf(root, g))) out.set(g, dataAsNQuads(root, g));
  return out;
}
