/**
 * SPARQL the project asks of its own graphs. SPOKESPERSON_QUERY is the contract's
 * question (KG-CONTRACT.md): which organizations did each spokesperson respond to?
 * Tests, benchmarks and the explorer's examples all use this one text.
 */
export const SPOKESPERSON_QUERY = `PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?spokesperson ?for ?respondedTo (COUNT(DISTINCT ?r) AS ?responses) WHERE {
  ?p nkg:spokespersonFor ?o .
  ?r a nkg:Response ; nkg:respondent ?p ; nkg:respondsTo ?a .
  ?a nkg:accuser ?x .
  ?p rdfs:label ?spokesperson . ?o rdfs:label ?for . ?x rdfs:label ?respondedTo .
} GROUP BY ?spokesperson ?for ?respondedTo ORDER BY ?spokesperson`;
