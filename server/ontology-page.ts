/**
 * The ontology served at its own IRI (https://w3id.org/newskg/ontology, path
 * /newskg/ontology): Turtle as written in ontology/newskg.ttl, N-Triples, RDF/XML and
 * JSON-LD through oxigraph, and an HTML page with one anchor per term, so that
 * nkg:Accusation (…/ontology#Accusation) lands on its entry in a browser.
 */
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { Parser, type Quad } from 'n3';
import { NS, RDF, RDFS } from '../src/ontology/terms.js';
import { ONTOLOGY_FILE } from './build.js';
import { serializeTriples } from './rdf-serialize.js';
import { NotAcceptableError } from './errors.js';

export const ONTOLOGY_IRI = NS.nkg.replace(/#$/, '');
const TYPES = ['text/html', 'text/turtle', 'application/rdf+xml', 'application/n-triples', 'application/ld+json'];
const BY_NAME: Record<string, string> = { ttl: 'text/turtle', rdf: 'application/rdf+xml', owl: 'application/rdf+xml', nt: 'application/n-triples', jsonld: 'application/ld+json', html: 'text/html' };

/** Path of the ontology IRI on this server. */
export function ontologyPath(): string {
  return new URL(ONTOLOGY_IRI).pathname;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function ontologyHtml(quads: Quad[]): string {
  const about = new Map<string, Quad[]>();
  for (const q of quads) if (q.subject.value.startsWith(NS.nkg)) about.set(q.subject.value, [...(about.get(q.subject.value) ?? []), q]);
  const one = (qs: Quad[], p: string) => qs.find((q) => q.predicate.value === p && (q.object.termType !== 'Literal' || !('language' in q.object) || !q.object.language || q.object.language === 'en'))?.object.value;
  const short = (iri: string) => (iri.startsWith(NS.nkg) ? `nkg:${iri.slice(NS.nkg.length)}` : iri);
  const entries = [...about].sort(([a], [b]) => a.localeCompare(b)).map(([iri, qs]) => {
    const name = iri.slice(NS.nkg.length);
    const types = qs.filter((q) => q.predicate.value === RDF.type.value).map((q) => short(q.object.value)).join(', ');
    const supers = qs.filter((q) => q.predicate.value === RDFS.subClassOf.value || q.predicate.value === RDFS.subPropertyOf.value).map((q) => short(q.object.value));
    return `<section id="${escapeHtml(name)}"><h2>nkg:${escapeHtml(name)}</h2>
<p><code>${escapeHtml(iri)}</code> — ${escapeHtml(types)}${supers.length ? `; under ${supers.map(escapeHtml).join(', ')}` : ''}</p>
<p>${escapeHtml(one(qs, RDFS.comment.value) ?? one(qs, RDFS.label.value) ?? '')}</p></section>`;
  });
  const head = quads.filter((q) => q.subject.value === ONTOLOGY_IRI);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newskg ontology</title>
<link rel="alternate" type="text/turtle" href="?format=ttl"><link rel="alternate" type="application/rdf+xml" href="?format=rdf">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #ddd}h2{font-size:1.1rem}</style>
</head><body>
<h1>${escapeHtml(one(head, 'http://purl.org/dc/terms/title') ?? 'newskg ontology')}</h1>
<p><code>${escapeHtml(ONTOLOGY_IRI)}</code>. Also as <a href="?format=ttl">Turtle</a>, <a href="?format=rdf">RDF/XML</a>, <a href="?format=nt">N-Triples</a>, <a href="?format=jsonld">JSON-LD</a>.</p>
<p>${escapeHtml(one(head, RDFS.comment.value) ?? '')}</p>
${entries.join('\n')}
</body></html>`;
}

export function ontologyRouter(file = ONTOLOGY_FILE): Router {
  const r = Router();
  const turtle = readFileSync(file, 'utf8');
  const cache = new Map<string, string>();
  const render = (type: string) => {
    if (!cache.has(type)) {
      cache.set(type, type === 'text/turtle' ? turtle
        : type === 'text/html' ? ontologyHtml(new Parser({ baseIRI: ONTOLOGY_IRI }).parse(turtle))
          : serializeTriples(turtle, type, 'text/turtle'));
    }
    return cache.get(type)!;
  };
  r.get(ontologyPath(), (req, res) => {
    const f = typeof req.query.format === 'string' ? BY_NAME[req.query.format] : undefined;
    const type = f ?? (req.headers.accept ? req.accepts(TYPES) : 'text/turtle');
    if (!type) throw new NotAcceptableError(TYPES);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Link', `<${ONTOLOGY_IRI}>; rel="canonical"`);
    res.setHeader('Content-Type', `${type}; charset=utf-8`);
    res.send(render(type));
  });
  return r;
}
