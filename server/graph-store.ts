/**
 * The SPARQL 1.1 Graph Store HTTP Protocol, reading side: GET /store?graph=<iri> gives
 * one named graph (an article's statements, or the entities graph), GET /store?default
 * the default graph, in Turtle, N-Triples, N-Quads, RDF/XML or JSON-LD by Accept. Writes
 * (PUT, POST, DELETE) are refused like SPARQL Update: the graphs are built from the
 * articles, which change through /api/articles.
 */
import { Router } from 'express';
import type { SparqlStore } from './sparql-store.js';
import { GRAPH_FORMATS } from './sparql-protocol.js';
import { BadRequestError, HttpError, HttpNotFoundError, NotAcceptableError } from './errors.js';

const TYPES = GRAPH_FORMATS.map((f) => f[0]).filter((t) => t !== 'text/n3' && t !== 'application/n-quads');

export function graphStoreRouter(store: SparqlStore): Router {
  const r = Router();
  r.get('/store', async (req, res) => {
    const graph = req.query.graph;
    const isDefault = req.query.default !== undefined;
    if (isDefault === (typeof graph === 'string'))
      throw new BadRequestError('name one graph: GET /store?graph=<url-encoded IRI>, or GET /store?default', 'bad-graph');
    if (typeof graph === 'string' && (!/^[a-z][a-z0-9+.-]*:/i.test(graph) || /[\u0000-\u0020<>"{}|^`\\]/.test(graph)))
      throw new BadRequestError(`graph=${JSON.stringify(graph)} is not an absolute IRI`, 'bad-graph');
    const type = req.headers.accept ? req.accepts(TYPES) : TYPES[0];
    if (!type) throw new NotAcceptableError(TYPES);
    const query = isDefault ? 'CONSTRUCT WHERE { ?s ?p ?o }' : `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
    const known = isDefault || store.graphNames().includes(graph as string);
    if (!known) throw new HttpNotFoundError(`no named graph ${graph}; the service description at GET /sparql lists them`);
    const body = await store.query(query, { resultsFormat: type, client: req.ip });
    res.setHeader('Content-Type', `${type}; charset=utf-8`);
    res.setHeader('Vary', 'Accept');
    res.send(body);
  });
  r.all('/store', (req) => {
    throw new HttpError(403, 'graph-store-read-only', `${req.method} /store is not supported: the graphs are built from the articles. Add or replace an article with POST /api/articles, remove one with DELETE /api/articles/:id (bearer token)`);
  });
  return r;
}
