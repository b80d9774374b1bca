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

/**
 * The same question with the unnamed spokespeople too. The contract keeps an unnamed
 * spokesperson "a schema:Person node without a name", so the contract's query, which
 * asks for an rdfs:label, leaves them out; this one names each by its organization, as
 * /api/spokespeople and the explorer do, and gives the person's IRI to tell several apart.
 */
export const SPOKESPERSON_QUERY_WITH_UNNAMED = `PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?spokesperson ?for ?respondedTo (COUNT(DISTINCT ?r) AS ?responses) WHERE {
  ?p nkg:spokespersonFor ?o .
  ?r a nkg:Response ; nkg:respondent ?p ; nkg:respondsTo ?a .
  ?a nkg:accuser ?x .
  ?o rdfs:label ?for . ?x rdfs:label ?respondedTo .
  OPTIONAL { ?p rdfs:label ?name }
  BIND(STR(?p) AS ?person)
  BIND(COALESCE(?name, CONCAT("spokesperson for ", ?for)) AS ?spokesperson)
} GROUP BY ?person ?spokesperson ?for ?respondedTo ORDER BY ?spokesperson`;
