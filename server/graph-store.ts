/**
 * The SPARQL 1.1 Graph Store HTTP Protocol. GET /store?graph=<iri> gives one named graph
 * (an article's statements, or the entities graph), GET /store?default the default graph,
 * in Turtle, N-Triples, RDF/XML or JSON-LD by Accept, to anyone.
 *
 * Writes need the bearer token and take the path of article ingest, since an article's
 * graph is what the pipeline reads from its text: PUT (or POST) /store?graph=<article IRI>
 * with the article as text/plain or text/html adds or replaces that article; DELETE
 * removes it. RDF bodies get 415, and the entities and default graphs cannot be written:
 * they follow from the articles.
 */
import express, { Router, type Request } from 'express';
import type { SparqlStore } from './sparql-store.js';
import type { KnowledgeGraph } from './state.js';
import { GRAPH_FORMATS } from './sparql-protocol.js';
import { rateLimiter, requireWriteToken } from './guards.js';
import { BadRequestError, HttpError, HttpNotFoundError, NotAcceptableError } from './errors.js';

const TYPES = GRAPH_FORMATS.map((f) => f[0]).filter((t) => t !== 'text/n3' && t !== 'application/n-quads');

export interface GraphStoreWrites {
  kg: KnowledgeGraph;
  writeToken: string;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
}

/** The graph a write names; only article graphs (<base>article/...) can be written. */
function articleGraph(req: Request, kg: KnowledgeGraph): string {
  const graph = req.query.graph;
  if (typeof graph !== 'string')
    throw new BadRequestError(`${req.method} /store needs ?graph=<article IRI>; the default graph is the union of the articles and is not written directly`, 'bad-graph');
  if (!graph.startsWith(kg.corpus.articleIri('x').slice(0, -1)))
    throw new HttpError(403, 'graph-not-writable', `${graph} is not an article graph (${kg.corpus.articleIri('NAME-txt')}); only article graphs are written, and the others follow from them`);
  return graph;
}

/**
 * The file name of the article a PUT writes. Replacing: the name it was added under (an
 * article's IRI is the slug of its file name, extension included). New: <name>-txt or
 * <name>-html gives <name>.txt or <name>.html, when that name's IRI is the graph.
 */
function articleName(graph: string, html: boolean, kg: KnowledgeGraph): string {
  const existing = kg.corpus.records().find((r) => kg.corpus.articleIri(r.id) === graph);
  if (existing) {
    if (/\.html?$/i.test(existing.id) !== html)
      throw new HttpError(409, 'article-kind-conflict', `${graph} was added as ${existing.id}; send it as ${html ? 'text/plain' : 'text/html'}, or DELETE it first`);
    return existing.id;
  }
  const m = /\/article\/([a-z0-9-]+)-(txt|html)$/.exec(graph);
  const name = m && `${m[1]}.${m[2]}`;
  if (!name || kg.corpus.articleIri(name) !== graph || (m[2] === 'html') !== html)
    throw new BadRequestError(`a new article graph is named after its file: ${kg.corpus.articleIri('my-article-txt')} for text/plain, …-html for text/html (lower-case letters, digits and '-')`, 'bad-graph');
  return name;
}

export function graphStoreRouter(store: SparqlStore, writes?: GraphStoreWrites): Router {
  const r = Router();
  if (writes) mountWrites(r, writes);
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
  r.all('/store', (req, res) => {
    res.setHeader('Allow', writes ? 'GET, HEAD, PUT, POST, DELETE' : 'GET, HEAD');
    throw new HttpError(405, 'method-not-allowed', `${req.method} /store is not part of the Graph Store Protocol here; GET reads a graph, and PUT, POST and DELETE of an article graph (bearer token) write one`);
  });
  return r;
}

function mountWrites(r: Router, { kg, writeToken, maxBodyBytes, rateLimitPerMinute }: GraphStoreWrites): void {
  const guard = [rateLimiter(rateLimitPerMinute), requireWriteToken(writeToken, 'Writing a graph')];
  const put = async (req: Request, res: express.Response) => {
    const graph = articleGraph(req, kg);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/plain' && type !== 'text/html')
      throw new HttpError(415, 'unsupported-media-type', `cannot write a body of type ${JSON.stringify(type || '(none)')}: an article graph is read from the article itself; send its text (text/plain) or HTML page (text/html), not RDF`);
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!data.length) throw new BadRequestError('the article is empty', 'bad-body');
    const change = await kg.addArticle({ name: articleName(graph, type === 'text/html', kg), data });
    res.status(change.replaced ? 200 : 201).location(`/store?graph=${encodeURIComponent(change.iri)}`)
      .json({ id: change.id, graph: change.iri, replaced: change.replaced });
  };
  const raw = express.raw({ type: () => true, limit: maxBodyBytes });
  r.put('/store', ...guard, raw, put);
  r.post('/store', ...guard, raw, put);
  r.delete('/store', ...guard, async (req, res) => {
    await kg.removeArticle(articleGraph(req, kg));
    res.status(204).end();
  });
}
