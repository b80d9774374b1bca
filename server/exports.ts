/**
 * /export/graph.{ttl,nt,trig,jsonld,gexf,graphml}: the whole graph as a download, with its
 * media type and file name. Each is built once per revision of the graph.
 */
import { Router } from 'express';
import { toNTriples, toTriG, toTurtle } from './core.js';
import type { KnowledgeGraph } from './state.js';
import { toJsonLd } from './jsonld.js';
import { toGraphML } from './graphml.js';
import { toGexf } from './gexf.js';
import { HttpNotFoundError } from './errors.js';

export const EXPORTS = {
  ttl: { mediaType: 'text/turtle', what: 'Turtle (all articles merged)' },
  nt: { mediaType: 'application/n-triples', what: 'N-Triples (all articles merged)' },
  trig: { mediaType: 'application/trig', what: 'TriG, one named graph per article' },
  jsonld: { mediaType: 'application/ld+json', what: 'JSON-LD, one named graph per article' },
  gexf: { mediaType: 'application/gexf+xml', what: 'GEXF for Gephi' },
  graphml: { mediaType: 'application/graphml+xml', what: 'GraphML' },
} as const;

export type ExportFormat = keyof typeof EXPORTS;

export function renderExport(kg: KnowledgeGraph, format: ExportFormat): string {
  switch (format) {
    case 'ttl': return toTurtle(kg.corpus.quads());
    case 'nt': return toNTriples(kg.corpus.quads());
    case 'trig': return toTriG(kg.corpus.quads());
    case 'jsonld': return JSON.stringify(toJsonLd(kg.corpus.quads()));
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
    res.send(body);
  });
  return r;
}
