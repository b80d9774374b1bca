/**
 * The query page a browser gets at GET /sparql: a plain HTML form (no script, so the
 * CSP stays strict) with the contract's question as the starting query and saved examples.
 */
import { SPOKESPERSON_QUERY, SPOKESPERSON_QUERY_WITH_UNNAMED } from '../src/ontology/queries.js';

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Saved examples: [title, query]. The first is the contract's question. */
export const EXAMPLES: [string, string][] = [
  ['Which organizations did each spokesperson respond to? (the contract\'s question)', SPOKESPERSON_QUERY],
  ['The same, with unnamed spokespeople named by their organization (as /api/spokespeople answers)', SPOKESPERSON_QUERY_WITH_UNNAMED],
  ['Accusations with their accuser and accused', `PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?accusation ?accuser ?accused WHERE {
  ?a a nkg:Accusation ; nkg:accuser ?x ; nkg:accused ?y .
  ?x rdfs:label ?accuser . ?y rdfs:label ?accused .
  BIND(STR(?a) AS ?accusation)
} LIMIT 100`],
  ['Articles per named graph', `PREFIX schema: <https://schema.org/>
SELECT ?g ?headline ?date WHERE { GRAPH ?g { ?g a schema:NewsArticle . OPTIONAL { ?g schema:headline ?headline } OPTIONAL { ?g schema:datePublished ?date } } } ORDER BY DESC(?date) LIMIT 100`],
];

const FORMAT_CHOICES: [string, string][] = [
  ['json', 'SPARQL JSON'], ['xml', 'SPARQL XML'], ['csv', 'CSV'], ['tsv', 'TSV'], ['ttl', 'Turtle (CONSTRUCT, DESCRIBE)'], ['rdf', 'RDF/XML (CONSTRUCT, DESCRIBE)'],
];

export function queryPage(endpoint: string, query = SPOKESPERSON_QUERY): string {
  const examples = EXAMPLES.map(([title, q]) =>
    `<li><a href="?query=${encodeURIComponent(q)}&amp;format=json">${escapeHtml(title)}</a> (<a href="?edit=1&amp;q=${encodeURIComponent(q)}">edit</a>)</li>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL — newskg</title>
<link rel="alternate" type="text/turtle" href="${escapeHtml(endpoint)}" title="Service description">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem}textarea{width:100%;font:13px/1.4 ui-monospace,monospace}label{margin-right:1rem}</style>
</head><body>
<p><a href="/">newskg explorer</a></p>
<h1>SPARQL endpoint</h1>
<p>Endpoint <code>${escapeHtml(endpoint)}</code> (SPARQL 1.1 Query; GET or POST; results by <code>Accept</code>).
Its service description is the Turtle this URL sends to RDF clients. SPARQL Update is not accepted: the graph is built from the articles.</p>
<form method="get" action="${escapeHtml(endpoint)}">
<p><textarea name="query" rows="14" spellcheck="false" aria-label="SPARQL query">${escapeHtml(query)}</textarea></p>
<p>${FORMAT_CHOICES.map(([v, t], i) => `<label><input type="radio" name="format" value="${v}"${i === 0 ? ' checked' : ''}> ${escapeHtml(t)}</label>`).join('\n')}</p>
<p><button type="submit">Run query</button></p>
</form>
<h2>Examples</h2>
<ul>${examples}</ul>
</body></html>`;
}
