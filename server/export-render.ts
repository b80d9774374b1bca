/**
 * The downloads, which grow with the corpus, made with the event loop free: Turtle, N-Triples
 * and TriG written between its turns; RDF/XML, JSON-LD, GEXF and GraphML in a worker
 * (serialize-worker.ts) from N-Triples, N-Quads or the graph's JSON (graphJsonParts) made so. At 10,000
 * articles /export/graph.nt (440 MB) took 28 s and .ttl 15 s in one go, with every other
 * request waiting. The same text as before: toTurtle, toNTriples and toTriG of the corpus's
 * quads (the same triples in the same order through n3's Writer), and the same writers.
 */
import type { Quad } from 'n3';
import type { Corpus } from './core.js';
import { defaultGraphTriples } from '../src/emit/triples.js';
import { PREFIXES } from '../src/ontology/terms.js';
import { spawnModuleWorker } from './ts-worker.js';
import type { KgGraph } from './graphology.js';
import type { WorkerKind } from './serialize-worker.js';
import { graphJsonParts, quadTextParts } from '../src/emit/stream.js';
import { bytesInTurns } from './bytes.js';
import { HttpError } from './errors.js';

export type ExportFormat = 'ttl' | 'nt' | 'trig' | WorkerKind;

/** A download written in a worker (serialize-worker.ts) from bytes made here. */
function inWorker(kind: WorkerKind, bytes: Buffer, base = ''): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const worker = spawnModuleWorker('serialize-worker', { kind, bytes, base });
    worker.once('message', (m: { bytes: Uint8Array; etag: string }) => resolve({ bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), etag: m.etag }));
    worker.once('error', (e: Error) => reject(/longer than 0x[0-9a-f]+ characters|Invalid string length/.test(e.message)
      ? new HttpError(507, 'export-too-large', `the ${kind} download of this graph is larger than one JavaScript string can hold (512 MB); download /export/graph.nt, .ttl or .trig, or ask /sparql for the part you need`)
      : new Error(`writing the ${kind} download: ${e.message}`)));
    worker.once('exit', (code) => reject(new Error(`writing the ${kind} download: the worker exited with code ${code}`)));
  });
}

/** Each article's quads, then the entities graph's: the order of Corpus.quads(). */
function* corpusQuads(corpus: Corpus, entities: Quad[]): Generator<Quad> {
  for (const rec of corpus.records()) yield* corpus.articleQuads(rec.id);
  yield* entities;
}

/** A download as bytes, and its ETag (server/bytes.ts). */
export interface Rendered { bytes: Buffer; etag: string }

/**
 * The download in `format` of this corpus and its graph, with the event loop free between
 * steps. `entities`: the entities graph's quads (shared by the downloads of one version).
 */
export async function renderExportInTurns(corpus: Corpus, graph: KgGraph, format: ExportFormat, entities: () => Promise<Quad[]>): Promise<Rendered> {
  switch (format) {
    case 'gexf':
    case 'graphml': return inWorker(format, (await bytesInTurns(graphJsonParts(graph))).bytes);
    case 'ttl': return bytesInTurns(quadTextParts(defaultGraphTriples(corpus, await entities()), 'Turtle', PREFIXES));
    case 'nt': return bytesInTurns(quadTextParts(defaultGraphTriples(corpus, await entities()), 'N-Triples'));
    case 'trig': return bytesInTurns(quadTextParts(corpusQuads(corpus, await entities()), 'TriG', PREFIXES));
    case 'rdf': return inWorker('rdf', (await bytesInTurns(quadTextParts(defaultGraphTriples(corpus, await entities()), 'N-Triples'))).bytes);
    case 'jsonld': return inWorker('jsonld', (await bytesInTurns(quadTextParts(corpusQuads(corpus, await entities()), 'N-Quads'))).bytes, corpus.base);
  }
}
