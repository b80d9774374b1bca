/**
 * A worker that writes a download off the event loop, from bytes the main thread made in
 * steps and transferred: RDF/XML from N-Triples (oxigraph loads 2.7M triples at 10,000
 * articles), JSON-LD from N-Quads, GEXF and GraphML from the serialised graph (JSON).
 * Gets { kind, bytes, base }; answers { bytes, etag } with the bytes' buffer transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { Parser, type Quad } from 'n3';
import { serializeTriples } from './rdf-serialize.js';
import { toCompactJsonLd } from './jsonld.js';
import { toGexf } from './gexf.js';
import { toGraphML } from './graphml.js';
import { Graph } from './graphology.js';
import { etagOf } from './bytes.js';

export type WorkerKind = 'rdf' | 'jsonld' | 'gexf' | 'graphml';

const { kind, bytes, base } = workerData as { kind: WorkerKind; bytes: Uint8Array; base: string };
const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The input as strings of whole lines, 64 MB at a time (a string holds at most 512 MB). */
function* lineSlices(size = 64 << 20): Generator<string> {
  for (let at = 0; at < buf.length;) {
    let end = Math.min(buf.length, at + size);
    if (end < buf.length) {
      const nl = buf.indexOf(10, end);
      end = nl < 0 ? buf.length : nl + 1;
    }
    yield buf.toString('utf8', at, end);
    at = end;
  }
}

/** JSON-LD as bytes, one named graph at a time: at 10,000 articles it is longer than one string can be. */
function jsonLdBytes(): Uint8Array[] {
  const quads: Quad[] = [];
  // One label space for every slice: the same blank node in two slices stays one node.
  for (const text of lineSlices()) for (const q of new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text)) quads.push(q);
  const doc = toCompactJsonLd(quads, base);
  const enc = new TextEncoder();
  const out = [enc.encode(`{"@context":${JSON.stringify(doc['@context'])},"@graph":[`)];
  doc['@graph'].forEach((g, i) => out.push(enc.encode(`${i ? ',' : ''}${JSON.stringify(g)}`)));
  out.push(enc.encode(']}'));
  return out;
}

function render(): Uint8Array[] {
  const enc = new TextEncoder();
  switch (kind) {
    case 'rdf': return [enc.encode(serializeTriples(lineSlices(), 'application/rdf+xml'))];
    case 'jsonld': return jsonLdBytes();
    case 'gexf': return [enc.encode(toGexf(Graph.from(JSON.parse(buf.toString('utf8')))))];
    case 'graphml': return [enc.encode(toGraphML(Graph.from(JSON.parse(buf.toString('utf8')))))];
  }
}

const parts = render();
const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
const etag = etagOf(createHash('sha1').update(out));
// A Buffer may sit in a shared pool: transfer only a buffer of its own.
const own = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
parentPort!.postMessage({ bytes: own, etag }, [own.buffer as ArrayBuffer]);
