/**
 * What GET /sparql without a query answers: the SPARQL 1.1 Service Description (Turtle,
 * N-Triples, RDF/XML or JSON-LD by Accept) for RDF clients, a query page for browsers.
 */
import { Writer, DataFactory, type Quad } from 'n3';
import { serializeTriples } from './rdf-serialize.js';
import { GRAPH_FORMATS, SOLUTION_FORMATS } from './sparql-protocol.js';

const { namedNode, blankNode, literal, quad } = DataFactory;

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const FORMATS = 'http://www.w3.org/ns/formats/';
const RDF_TYPE = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const DCT_TITLE = namedNode('http://purl.org/dc/terms/title');

/** W3C format IRIs of the media types the endpoint writes. */
const FORMAT_IRIS: Record<string, string> = {
  'application/sparql-results+json': 'SPARQL_Results_JSON',
  'application/sparql-results+xml': 'SPARQL_Results_XML',
  'text/csv': 'SPARQL_Results_CSV',
  'text/tab-separated-values': 'SPARQL_Results_TSV',
  'text/turtle': 'Turtle',
  'application/n-triples': 'N-Triples',
  'application/ld+json': 'JSON-LD',
  'application/n-quads': 'N-Quads',
  'application/rdf+xml': 'RDF_XML',
};

/** Media types the description is available in, Turtle first (what `*\/*` gets). */
export const DESCRIPTION_TYPES = ['text/turtle', 'application/n-triples', 'application/rdf+xml', 'application/ld+json'];

export function descriptionQuads(endpoint: string, namedGraphs: string[]): Quad[] {
  const s = namedNode(endpoint);
  const sd = (n: string) => namedNode(SD + n);
  const out: Quad[] = [
    quad(s, RDF_TYPE, sd('Service')),
    quad(s, sd('endpoint'), s),
    quad(s, DCT_TITLE, literal('newskg: accusations and responses in cyber disputes')),
    quad(s, sd('supportedLanguage'), sd('SPARQL11Query')),
    quad(s, sd('feature'), sd('UnionDefaultGraph')),
    quad(s, sd('defaultEntailmentRegime'), namedNode('http://www.w3.org/ns/entailment/Simple')),
  ];
  for (const media of new Set([...SOLUTION_FORMATS, ...GRAPH_FORMATS].map((f) => f[0])))
    if (FORMAT_IRIS[media]) out.push(quad(s, sd('resultFormat'), namedNode(FORMATS + FORMAT_IRIS[media])));
  const ds = blankNode('dataset');
  const dg = blankNode('default');
  out.push(quad(s, sd('defaultDataset'), ds), quad(ds, RDF_TYPE, sd('Dataset')), quad(ds, sd('defaultGraph'), dg), quad(dg, RDF_TYPE, sd('Graph')));
  namedGraphs.forEach((g, i) => {
    const n = blankNode(`g${i}`);
    out.push(quad(ds, sd('namedGraph'), n), quad(n, RDF_TYPE, sd('NamedGraph')), quad(n, sd('name'), namedNode(g)));
  });
  return out;
}

export function describeService(endpoint: string, namedGraphs: string[], mediaType: string): string {
  const quads = descriptionQuads(endpoint, namedGraphs);
  if (mediaType === 'text/turtle') {
    const w = new Writer({ prefixes: { sd: SD, formats: FORMATS, dcterms: 'http://purl.org/dc/terms/' } });
    w.addQuads(quads);
    let out = '';
    w.end((_e, text: string) => { out = text; }); // n3 calls back synchronously for a string writer
    return out;
  }
  const nt = new Writer({ format: 'N-Triples' }).quadsToString(quads);
  return mediaType === 'application/n-triples' ? nt : serializeTriples(nt, mediaType);
}
