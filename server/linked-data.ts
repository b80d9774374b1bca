/**
 * Linked data: the IRIs under the base IRI dereference here, at the base IRI's path
 * (e.g. /newskg/id/entity/qin-gang for https://w3id.org/newskg/id/entity/qin-gang). An RDF
 * client gets Turtle (or N-Triples, JSON-LD), a browser an HTML page (content negotiation).
 */
import { Router, type Request } from 'express';
import { Parser, type Quad } from 'n3';
import type { SparqlStore } from './sparql-store.js';
import { PREFIXES, RDF, RDFS, SCHEMA } from '../src/ontology/terms.js';
import { HttpNotFoundError, NotAcceptableError } from './errors.js';

const RDF_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'];

/** Path under which the base IRI is served, e.g. "/newskg/id/". */
export function basePath(baseIri: string): string {
  const p = new URL(baseIri).pathname;
  return p.endsWith('/') ? p : `${p}/`;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Describe a resource: its own triples, incoming links, and the labels of both ends. */
export function describeQuery(iri: string): string {
  const l = RDFS.label.value;
  return `CONSTRUCT { <${iri}> ?p ?o . ?o <${l}> ?ol . ?s ?q <${iri}> . ?s <${l}> ?sl . }
WHERE { { <${iri}> ?p ?o OPTIONAL { ?o <${l}> ?ol } } UNION { ?s ?q <${iri}> OPTIONAL { ?s <${l}> ?sl } } } LIMIT 5000`;
}

function compact(iri: string): string {
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
}

export function renderHtml(iri: string, quads: Quad[], baseIri: string): string {
  const local = (t: string) => (t.startsWith(baseIri) ? basePath(baseIri) + t.slice(baseIri.length) : t);
  const labels = new Map<string, string>();
  for (const q of quads) if (q.predicate.value === RDFS.label.value) labels.set(q.subject.value, q.object.value);
  const headline = quads.find((q) => q.subject.value === iri && q.predicate.value === SCHEMA.headline.value)?.object.value;
  const title = labels.get(iri) ?? headline ?? iri;
  const term = (t: Quad['object']) => {
    if (t.termType === 'Literal') return escapeHtml(t.value);
    if (t.termType === 'BlankNode') return `_:${escapeHtml(t.value)}`;
    const text = labels.get(t.value) ?? compact(t.value);
    return `<a href="${escapeHtml(local(t.value))}">${escapeHtml(text)}</a>`;
  };
  const types = quads.filter((q) => q.subject.value === iri && q.predicate.value === RDF.type.value).map((q) => term(q.object));
  const out = quads.filter((q) => q.subject.value === iri && q.predicate.value !== RDF.type.value && !(q.predicate.value === RDFS.label.value));
  const inc = quads.filter((q) => q.object.value === iri && q.subject.value !== iri);
  const row = (p: string, o: string) => `<tr><th>${escapeHtml(compact(p))}</th><td>${o}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — newskg</title>
<link rel="alternate" type="text/turtle" href="${escapeHtml(local(iri))}">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem;vertical-align:top;font-weight:500;color:#555}code{font-size:13px}</style>
</head><body>
<p><a href="/">newskg explorer</a></p>
<h1>${escapeHtml(title)}</h1>
<p><code>${escapeHtml(iri)}</code>${types.length ? ` — ${types.join(', ')}` : ''}</p>
<table>${out.map((q) => row(q.predicate.value, term(q.object))).join('\n')}</table>
${inc.length ? `<h2>Linked from</h2><table>${inc.map((q) => row(q.predicate.value, term(q.subject))).join('\n')}</table>` : ''}
<p>Also as <a href="${escapeHtml(local(iri))}?format=ttl">Turtle</a>.</p>
</body></html>`;
}

/** The contents of a named graph (an article's statements, or the entities graph). */
export function graphQuery(iri: string): string {
  return `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${iri}> { ?s ?p ?o } }`;
}

/** IRIs are pasted into a query: refuse anything an IRIREF may not hold. */
function safeIri(iri: string): boolean {
  return !/[\u0000-\u0020<>"{}|^`\\]/.test(iri);
}

const FORMAT_NAMES: Record<string, string> = { 'text/turtle': 'ttl', 'application/n-triples': 'nt', 'application/ld+json': 'jsonld', 'application/rdf+xml': 'rdf' };

function pick(req: Request): string | false {
  const f = req.query.format;
  if (f === 'ttl') return 'text/turtle';
  if (f === 'nt') return 'application/n-triples';
  if (f === 'jsonld') return 'application/ld+json';
  if (f === 'rdf') return 'application/rdf+xml';
  if (f === 'html') return 'text/html';
  return req.accepts(['text/html', ...RDF_TYPES]);
}

export function linkedDataRouter(store: SparqlStore, baseIri: string): Router {
  const r = Router();
  const prefix = basePath(baseIri);
  r.get(`${prefix}*rest`, async (req, res, next) => {
    const rest = req.path.slice(prefix.length);
    if (!rest) return next();
    const iri = baseIri + rest;
    if (!safeIri(iri)) throw new HttpNotFoundError(`${JSON.stringify(iri)} is not an IRI of this graph`);
    const type = pick(req);
    if (!type) throw new NotAcceptableError(['text/html', ...RDF_TYPES]);
    // A node is described by its triples and links; a name of a graph only (graph/entities) by its contents.
    let query = describeQuery(iri);
    let nt = await store.query(query, { resultsFormat: 'application/n-triples', client: req.ip });
    if (!nt.trim()) {
      query = graphQuery(iri);
      nt = await store.query(query, { resultsFormat: 'application/n-triples', client: req.ip });
    }
    if (!nt.trim()) throw new HttpNotFoundError(`nothing is known about ${iri}; search for entities with GET /api/search?q=`);
    const local = prefix + rest;
    res.setHeader('Vary', 'Accept');
    res.setHeader('Link', [`<${iri}>; rel="canonical"`, ...RDF_TYPES.map((t) => `<${local}?format=${FORMAT_NAMES[t]}>; rel="alternate"; type="${t}"`)].join(', '));
    if (type === 'text/html') {
      res.type('text/html').send(renderHtml(iri, new Parser({ format: 'N-Triples' }).parse(nt), baseIri));
      return;
    }
    const body = type === 'application/n-triples' ? nt : await store.query(query, { resultsFormat: type, client: req.ip });
    res.setHeader('Content-Type', `${type}; charset=utf-8`);
    res.send(body);
  });
  return r;
}

