/**
 * A worker that writes a download off the event loop, from bytes the main thread made in
 * steps and transferred: RDF/XML from N-Triples (oxigraph loads 2.7M triples at 10,000
 * articles), JSON-LD from N-Quads, GEXF and GraphML from the serialised graph (JSON).
 * Gets { kind, bytes, base }; answers { bytes, etag } with the bytes' buffer transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { Parser } from 'n3';
import { serializeTriples } from './rdf-serialize.js';
import { toCompactJsonLd } from './jsonld.js';
import { toGexf } from './gexf.js';
import { toGraphML } from './graphml.js';
import { Graph } from './graphology.js';

export type WorkerKind = 'rdf' | 'jsonld' | 'gexf' | 'graphml';

const { kind, bytes, base } = workerData as { kind: WorkerKind; bytes: Uint8Array; base: string };
const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

function render(): string {
  switch (kind) {
    case 'rdf': return serializeTriples(input, 'application/rdf+xml');
    case 'jsonld': return JSON.stringify(toCompactJsonLd(new Parser({ format: 'N-Quads' }).parse(input), base));
    case 'gexf': return toGexf(Graph.from(JSON.parse(input)));
    case 'graphml': return toGraphML(Graph.from(JSON.parse(input)));
  }
}

const out = new TextEncoder().encode(render());
const etag = `"${createHash('sha1').update(out).digest('base64url').slice(0, 27)}"`;
parentPort!.postMessage({ bytes: out, etag }, [out.buffer]);
