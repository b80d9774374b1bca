/**
 * Clients no one here wrote, in their default modes, against the endpoint over the
 * fixture graphs: Debian's python3-sparqlwrapper (every query form, every format it
 * offers), rdflib's SPARQLStore, and roqet -p (SELECT and CONSTRUCT).
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { sparqlRouter } from '../../server/sparql-route.js';
import { errorHandler, notFoundHandler } from '../../server/errors.js';
import { SPOKESPERSON_QUERY, fixtureQuads, graphsOf, listen, run, type Listening } from './helpers.js';

let store: SparqlStore;
let http: Listening;
let endpoint: string;
beforeAll(async () => {
  store = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 1_000_000 });
  await store.setGraphs(graphsOf(fixtureQuads()));
  const app = express();
  app.use(sparqlRouter({ store, maxBodyBytes: 100_000, rateLimitPerMinute: 100_000 }));
  app.use(notFoundHandler);
  app.use(errorHandler(100_000, () => {}));
  http = await listen(app);
  endpoint = `${http.url}/sparql`;
});
afterAll(async () => { await http?.close(); await store?.close(); });


const PERSON_LABELS = 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a <https://schema.org/Person> ; rdfs:label ?l }';

describe('python3-sparqlwrapper, default mode', () => {
  it('reads SELECT as JSON, XML, CSV and TSV, all the same rows', async () => {
    const out = await run('/usr/bin/python3', ['-c', `
import sys, json, csv, io
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, TSV
s = SPARQLWrapper(sys.argv[1]); s.setQuery(sys.stdin.read())
rows = {}
s.setReturnFormat(JSON); rows['json'] = sorted((b['spokesperson']['value'], b['respondedTo']['value']) for b in s.query().convert()['results']['bindings'])
s.setReturnFormat(XML); x = s.query().convert()
rows['xml'] = sorted(tuple(r2[k] for k in ('spokesperson', 'respondedTo')) for r2 in ({b.getAttribute('name'): b.firstChild.firstChild.nodeValue for b in r.getElementsByTagName('binding')} for r in x.getElementsByTagName('result')))
s.setReturnFormat(CSV); rows['csv'] = sorted((r['spokesperson'], r['respondedTo']) for r in csv.DictReader(io.StringIO(s.query().convert().decode())))
s.setReturnFormat(TSV); t = list(csv.DictReader(io.StringIO(s.query().convert().decode()), delimiter='\\t'))
rows['tsv'] = sorted((r['?spokesperson'].strip('"'), r['?respondedTo'].strip('"')) for r in t)
print(json.dumps(rows))
`, endpoint], SPOKESPERSON_QUERY);
    const rows = JSON.parse(out) as Record<string, string[][]>;
    expect(rows.json!.length).toBeGreaterThan(0);
    for (const f of ['xml', 'csv', 'tsv']) expect(rows[f], f).toEqual(rows.json);
  });

  it('reads ASK, and CONSTRUCT and DESCRIBE as Turtle and RDF/XML', async () => {
    const out = await run('/usr/bin/python3', ['-c', `
import sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML
s = SPARQLWrapper(sys.argv[1]); s.setQuery('ASK { ?s a <https://schema.org/Person> }')
s.setReturnFormat(JSON); j = s.query().convert()['boolean']
s.setReturnFormat(XML); x = s.query().convert().getElementsByTagName('boolean')[0].firstChild.nodeValue
print(j, x)
`, endpoint]);
    expect(out.trim()).toBe('True true');
    const graphs = await run('/usr/bin/python3', ['-c', `
import sys, json, rdflib
from SPARQLWrapper import SPARQLWrapper, TURTLE, RDFXML, XML, N3
s = SPARQLWrapper(sys.argv[1])
out = {}
for form, q in (('construct', sys.stdin.read()), ('describe', 'DESCRIBE <https://w3id.org/newskg/id/entity/hong-lei>')):
    for name, fmt in (('turtle', TURTLE), ('rdfxml', RDFXML), ('xml', XML), ('n3', N3)):
        s.setQuery(q); s.setReturnFormat(fmt)
        r = s.query().convert()
        g = r if isinstance(r, rdflib.Graph) else rdflib.Graph().parse(data=r, format='turtle')
        out[form + ':' + name] = len(g)
print(json.dumps(out))
`, endpoint], PERSON_LABELS);
    const sizes = JSON.parse(graphs) as Record<string, number>;
    expect(Object.keys(sizes)).toHaveLength(8);
    for (const [k, n] of Object.entries(sizes)) expect(n, k).toBeGreaterThan(0);
    expect(sizes['construct:rdfxml']).toBe(sizes['construct:turtle']);
  });
});

describe('rdflib SPARQLStore', () => {
  it('runs the contract question and a CONSTRUCT through the endpoint', async () => {
    const out = await run('/usr/bin/python3', ['-c', `
import sys, json
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib import Graph
st = SPARQLStore(sys.argv[1])
rows = sorted((str(r[0]), str(r[2])) for r in st.query(sys.stdin.read()))
g = st.query('CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://schema.org/Person> ; ?p ?o }').graph
print(json.dumps({'rows': rows, 'triples': len(g)}))
`, endpoint], SPOKESPERSON_QUERY);
    const res = JSON.parse(out) as { rows: string[][]; triples: number };
    expect(res.rows.length).toBe(2);
    expect(res.triples).toBeGreaterThan(0);
  });
});

describe('roqet -p', () => {
  it('runs a SELECT', async () => {
    const sel = await run('roqet', ['-q', '-p', endpoint, '-r', 'csv', '-e', 'SELECT ?l WHERE { ?s a <https://schema.org/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l']);
    const lines = sel.trim().split(/\r?\n/);
    expect(lines[0]).toBe('l');
    expect(lines).toContain('Qin Gang');
  });

  it('gets RDF/XML for a CONSTRUCT (it asks for SPARQL XML), which rapper reads', async () => {
    // rasqal 0.9.33 reads a service's answer as SPARQL XML results whatever it is, so
    // roqet prints no triples; the request itself succeeds (it was a 406) and the RDF is sound.
    await run('roqet', ['-q', '-p', endpoint, '-e', PERSON_LABELS]);
    const url = `${endpoint}?query=${encodeURIComponent(PERSON_LABELS)}`;
    const res = await fetch(url, { headers: { accept: 'application/sparql-results+xml' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/rdf\+xml/);
    const nt = await run('rapper', ['-q', '-i', 'rdfxml', '-o', 'ntriples', '-', 'http://example.org/'], await res.text());
    expect(nt).toContain('"Qin Gang"');
  });
});
