/**
 * The line between the default graph's evidence and the rest (server/evidence-triples.ts):
 * which triples a warm start loads second, and which queries are answered before they are
 * in. A query judged able to run without them must never be one that can match them.
 */
import { describe, expect, it } from 'vitest';
import { readsNoEvidence, splitEvidence } from '../../server/evidence-triples.js';
import { SPOKESPERSON_QUERY, fixtureQuads } from './helpers.js';
import oxigraph from 'oxigraph';
import { DataFactory, Writer } from 'n3';

const P = `PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`;

describe('which queries run before the evidence is loaded', () => {
  it.each([
    ['the contract question', SPOKESPERSON_QUERY],
    ['a class that is not oa:', `${P}SELECT ?r WHERE { ?r a nkg:Response }`],
    ['a path of relations', `${P}SELECT ?x ?y WHERE { ?x nkg:respondsTo/nkg:accuser ?y }`],
    ['an alternative of labels', `${P}SELECT ?x ?l WHERE { ?x rdfs:label|<http://www.w3.org/2004/02/skos/core#altLabel> ?l }`],
    ['an empty ASK (the probe)', 'ASK {}'],
    ['a CONSTRUCT whose template has a variable predicate', `${P}CONSTRUCT { ?s ?p ?o } WHERE { ?s rdfs:label ?o BIND(rdfs:label AS ?p) }`],
    ['OPTIONAL, UNION and FILTER EXISTS of relations', `${P}SELECT * WHERE { ?r a nkg:Response OPTIONAL { ?r nkg:respondent ?p } { ?r nkg:respondsTo ?a } UNION { ?a nkg:accuser ?r } FILTER EXISTS { ?p rdfs:label ?l } }`],
  ])('runs: %s', (_name, query) => {
    expect(readsNoEvidence(query)).toBe(true);
  });

  it.each([
    ['a variable predicate (a point lookup)', 'SELECT ?p ?o WHERE { <https://w3id.org/newskg/id/event/x> ?p ?o }'],
    ['a variable class', `${P}SELECT ?x ?t WHERE { ?x a ?t }`],
    ['an oa: class', `${P}SELECT ?x WHERE { ?x a oa:Annotation }`],
    ['an oa: predicate', `${P}SELECT ?t WHERE { ?s oa:exact ?t }`],
    ['an oa: predicate by its full IRI', 'SELECT ?t WHERE { ?s <http://www.w3.org/ns/oa#start> ?t }'],
    ['nkg:evidence', `${P}SELECT ?e ?a WHERE { ?e nkg:evidence ?a }`],
    ['evidence in a path', `${P}SELECT ?e ?t WHERE { ?e nkg:evidence/oa:hasTarget ?t }`],
    ['rdf:type in a path', `${P}SELECT ?x ?c WHERE { ?x rdf:type/rdfs:subClassOf* ?c }`],
    ['a negated property set', `${P}SELECT ?x ?y WHERE { ?x !rdfs:label ?y }`],
    ['evidence under FILTER EXISTS', `${P}SELECT ?r WHERE { ?r a nkg:Response FILTER EXISTS { ?r nkg:evidence ?a } }`],
    ['a variable predicate in a subquery', `${P}SELECT ?r WHERE { ?r a nkg:Response { SELECT ?r WHERE { ?r ?p ?o } } }`],
    ['a DESCRIBE', 'DESCRIBE <https://w3id.org/newskg/id/event/x>'],
    ['a query sparqljs cannot read', 'SELECT WHERE { oops'],
  ])('waits: %s', (_name, query) => {
    expect(readsNoEvidence(query)).toBe(false);
  });
});

describe('the default graph split in two', () => {
  const nt = (quads: ReturnType<typeof fixtureQuads>) => {
    const store = new oxigraph.Store();
    store.load(new Writer({ format: 'N-Triples' }).quadsToString(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object))), { format: 'application/n-triples' });
    return store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() });
  };

  it('puts every triple in one part, the evidence (and only it) in the second, in the order given', () => {
    const text = nt(fixtureQuads()) + '<urn:ontology-term> <http://www.w3.org/2000/01/rdf-schema#range> <http://www.w3.org/ns/oa#Annotation> .\n';
    const { rest, evidence } = splitEvidence(text);
    const lines = (t: string) => t.split('\n').filter(Boolean);
    expect(lines(rest).length + lines(evidence).length).toBe(lines(text).length);
    expect(lines(rest)).toEqual(lines(text).filter((l) => lines(rest).includes(l)));
    expect(lines(evidence).length).toBeGreaterThan(10);
    for (const l of lines(evidence)) expect(l).toMatch(/^\S+ (<http:\/\/www\.w3\.org\/ns\/oa#|<https:\/\/w3id\.org\/newskg\/ontology#evidence>|<http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type> <http:\/\/www\.w3\.org\/ns\/oa#)/);
    for (const l of lines(rest)) expect(l).not.toMatch(/^\S+ (<http:\/\/www\.w3\.org\/ns\/oa#|<https:\/\/w3id\.org\/newskg\/ontology#evidence>|<http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type> <http:\/\/www\.w3\.org\/ns\/oa#)/);
    // An ontology triple that only names an oa: class stays with the rest.
    expect(rest).toContain('<urn:ontology-term> <http://www.w3.org/2000/01/rdf-schema#range>');
  });

  it('a query judged to run without the evidence answers the same from the rest alone as from all of it', () => {
    const text = nt(fixtureQuads());
    const all = new oxigraph.Store();
    all.load(text, { format: 'application/n-triples' });
    const part = new oxigraph.Store();
    part.load(splitEvidence(text).rest, { format: 'application/n-triples' });
    const q = `${P}SELECT ?r ?p WHERE { ?r a nkg:Response ; nkg:respondent ?p } ORDER BY ?r ?p`;
    expect(readsNoEvidence(q)).toBe(true);
    const rows = (s: typeof all) => s.query(q, { results_format: 'application/sparql-results+json' });
    expect(JSON.parse(rows(part) as string).results.bindings.length).toBeGreaterThan(0);
    expect(rows(part)).toBe(rows(all));
  });
});
