/**
 * /export/graph.{ttl,nt,trig,rdf,jsonld,gexf,graphml}: the whole graph as a download, with
 * its media type and file name, gzipped when the client accepts it. Each is built (and
 * compressed, in the thread pool) once per revision of the graph, with the event loop free
 * (export-render.ts).
 */
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { Router } from 'express';
import type { KnowledgeGraph } from './state.js';
import { HttpNotFoundError } from './errors.js';
import { renderExportInTurns } from './export-render.js';
import { drainAsync } from '../src/steps.js';

const gzipAsync = promisify(gzip);

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

export function exportsRouter(kg: KnowledgeGraph): Router {
  const r = Router();
  r.get('/export/:file', async (req, res) => {
    const m = /^graph\.([a-z]+)$/.exec(req.params.file);
    const format = m?.[1] as ExportFormat | undefined;
    if (!format || !(format in EXPORTS))
      throw new HttpNotFoundError(`no export ${JSON.stringify(req.params.file)}; available: ${Object.keys(EXPORTS).map((f) => `/export/graph.${f}`).join(', ')}`);
    const entities = () => kg.memoAsync('export/entity-quads', () => drainAsync(kg.corpus.entityQuadsSteps()));
    const rendered = await kg.memoAsync(`export/${format}`, () => renderExportInTurns(kg.corpus, kg.graph, format, entities));
    res.setHeader('Content-Type', `${EXPORTS[format].mediaType}; charset=utf-8`);
    res.setHeader('Content-Disposition', `attachment; filename="newskg-graph.${format}"`);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    // Each encoding its own ETag (else Express hashes the whole body on the event loop).
    res.setHeader('ETag', gzipped ? rendered.etag.replace(/"$/, '-gz"') : rendered.etag);
    if (gzipped) {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(await kg.memoAsync(`export/${format}.gz`, () => gzipAsync(rendered.bytes, { level: 6 })));
      return;
    }
    res.send(rendered.bytes);
  });
  return r;
}
