/**
 * A runner for the W3C SPARQL 1.1 Protocol manifest (mf:ProtocolTest): reads each test's
 * graph data and requests from manifest.ttl, sends the requests to an endpoint and checks
 * the status class, the results format and the boolean the manifest expects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store, type Term } from 'n3';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const CNT = 'http://www.w3.org/2011/content#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

export interface ProtocolRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  expect: { status: string[]; format?: string; boolean?: boolean };
}

export interface ProtocolTest {
  id: string;
  name: string;
  /** Named graphs to hold before the test: graph IRI → N-Triples file. */
  data: { graph: string; file: string }[];
  requests: ProtocolRequest[];
  /** A test that needs SPARQL Update to succeed. */
  needsUpdate: boolean;
}

export function readManifest(dir: string): ProtocolTest[] {
  const base = `file://${join(dir, 'manifest.ttl')}`;
  const store = new Store(new Parser({ baseIRI: base }).parse(readFileSync(join(dir, 'manifest.ttl'), 'utf8')));
  const one = (s: Term, p: string) => store.getObjects(s, p, null)[0];
  const all = (s: Term, p: string) => store.getObjects(s, p, null);
  const list = (head: Term | undefined): Term[] => {
    const out: Term[] = [];
    for (let n = head; n && n.value !== `${RDF}nil`; n = one(n, `${RDF}rest`)) out.push(one(n, `${RDF}first`)!);
    return out;
  };
  const manifest = store.getSubjects(`${RDF}type`, `${MF}Manifest`, null)[0]!;
  return list(one(manifest, `${MF}entries`)).map((t) => {
    const data = all(t, `${UT}graphData`).map((g) => ({ graph: one(g, `${RDFS}label`)!.value, file: one(g, `${UT}graph`)!.value.replace('file://', '') }));
    const requests = list(one(one(t, `${MF}action`)!, `${HT}requests`)).map((r): ProtocolRequest => {
      const headers: Record<string, string> = {};
      for (const h of list(one(r, `${HT}headers`))) headers[one(h, `${HT}fieldName`)!.value] = one(h, `${HT}fieldValue`)!.value;
      const b = one(r, `${HT}body`);
      const chars = b && one(b, `${CNT}chars`)?.value;
      const utf16 = b && /utf-16/i.test(one(b, `${CNT}characterEncoding`)?.value ?? '');
      const resp = one(r, `${HT}resp`)!;
      const bool = one(resp, `${MF}expectedBoolean`);
      return {
        method: one(r, `${HT}methodName`)!.value,
        path: one(r, `${HT}absolutePath`)!.value.replace(/^\/sparql\/?/, '/sparql'),
        headers,
        body: chars === undefined ? undefined : utf16 ? Buffer.from(`\ufeff${chars}`, 'utf16le') : Buffer.from(chars, 'utf8'),
        expect: {
          status: all(resp, `${MF}expectedStatus`).map((s) => s.value.replace(/^.*StatusCode/, '')),
          format: one(resp, `${MF}expectedFormat`)?.value,
          boolean: bool ? bool.value === 'true' : undefined,
        },
      };
    });
    const needsUpdate = requests.some((r) => /sparql-update/.test(r.headers['content-type'] ?? '') || r.body?.toString().startsWith('update='))
      && requests[0]!.expect.status.includes('2xx');
    return { id: t.value.replace(/^.*#/, ''), name: one(t, `${MF}name`)!.value, data, requests, needsUpdate };
  });
}

const RESULT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
const RDF_TYPES = ['text/turtle', 'application/n-triples', 'application/rdf+xml', 'application/ld+json'];

/** Send one request; undefined when it answered as expected, else what differed. */
export async function check(endpoint: string, r: ProtocolRequest, extraHeaders: Record<string, string> = {}): Promise<string | undefined> {
  const res = await fetch(endpoint + r.path, { method: r.method, headers: { ...r.headers, ...extraHeaders }, body: r.body ? new Uint8Array(r.body) : undefined });
  const body = await res.text();
  const cls = `${String(res.status)[0]}xx`;
  if (!r.expect.status.includes(cls)) return `status ${res.status} (${body.slice(0, 120)}), expected ${r.expect.status.join(' or ')}`;
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (r.expect.format === 'boolean' || r.expect.boolean !== undefined) {
    let value: boolean | undefined;
    if (type === 'application/sparql-results+json') value = (JSON.parse(body) as { boolean?: boolean }).boolean;
    else if (type === 'application/sparql-results+xml') value = /<boolean>\s*true\s*<\/boolean>/.test(body) ? true : /<boolean>\s*false/.test(body) ? false : undefined;
    if (value === undefined) return `no boolean result in ${type}`;
    if (r.expect.boolean !== undefined && value !== r.expect.boolean) return `boolean ${value}, expected ${r.expect.boolean}`;
  }
  if (r.expect.format === 'tabular' && !RESULT_TYPES.includes(type)) return `tabular results expected, got ${type}`;
  if (r.expect.format === 'RDF') {
    if (!RDF_TYPES.includes(type)) return `RDF expected, got ${type}`;
    if (type === 'text/turtle' || type === 'application/n-triples') new Parser({ format: type }).parse(body);
  }
  return undefined;
}
