/**
 * /export/graph.{ttl,nt,trig,rdf,jsonld,gexf,graphml}: the whole graph as a download, with
 * its media type and file name, gzipped when the client accepts it. Each is built (and
 * compressed) once per revision of the graph.
 */
import { gzipSync } from 'node:zlib';
import { Router } from 'express';
import { toNTriples, toTriG, toTurtle } from './core.js';
import type { KnowledgeGraph } from './state.js';
import { toCompactJsonLd } from './jsonld.js';
import { serializeTriples } from './rdf-serialize.js';
import { toGraphML } from './graphml.js';
import { toGexf } from './gexf.js';
import { HttpNotFoundError } from './errors.js';

export const EXPORTS = {
  ttl: { mediaType: 'text/turtle', what: 'Turtle (all articles merged)' },
  nt: { mediaType: 'application/n-triples', what: 'N-Triples (all articles merged)' },
  trig: { mediaType: 'application/trig', what: 'TriG, one named graph per article' },
  rdf: { mediaType: 'application/rdf+xml', what: 'RDF/XML (all articles merged)' },
  jsonld: { mediaType: 'application/ld+json', what: 'JSON-LD compacted with the project\'s @context, one named graph per article' },
  gexf: { mediaType: 'application/gexf+xml', what: 'GEXF for Gephi' },
  graphml: { mediaType: 'application/graphml+xml', what: 'GraphML' },
} as const;

export type ExportFormat = keyof typeof EXPORTS;

export function renderExport(kg: KnowledgeGraph, format: ExportFormat): string {
  switch (format) {
    case 'ttl': return toTurtle(kg.corpus.quads());
    case 'nt': return toNTriples(kg.corpus.quads());
    case 'trig': return toTriG(kg.corpus.quads());
    case 'rdf': return serializeTriples(toNTriples(kg.corpus.quads()), 'application/rdf+xml');
    case 'jsonld': return JSON.stringify(toCompactJsonLd(kg.corpus.quads(), kg.corpus.base));
    case 'gexf': return toGexf(kg.graph);
    case 'graphml': return toGraphML(kg.graph);
  }
}

export function exportsRouter(kg: KnowledgeGraph): Router {
  const r = Router();
  r.get('/export/:file', (req, res) => {
    const m = /^graph\.([a-z]+)$/.exec(req.params.file);
    const format = m?.[1] as ExportFormat | undefined;
    if (!format || !(format in EXPORTS))
      throw new HttpNotFoundError(`no export ${JSON.stringify(req.params.file)}; available: ${Object.keys(EXPORTS).map((f) => `/export/graph.${f}`).join(', ')}`);
    const body = kg.memo(`export/${format}`, () => renderExport(kg, format));
    res.setHeader('Content-Type', `${EXPORTS[format].mediaType}; charset=utf-8`);
    res.setHeader('Content-Disposition', `attachment; filename="newskg-graph.${format}"`);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(kg.memo(`export/${format}.gz`, () => gzipSync(body, { level: 6 })));
      return;
    }
    res.send(body);
  });
  return r;
}
