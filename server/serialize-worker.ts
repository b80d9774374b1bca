/**
 * A worker that turns N-Triples into another RDF syntax through oxigraph (rdf-serialize.ts),
 * off the event loop: RDF/XML of 10,000 articles loads 2.7M triples into a store first.
 * Gets { bytes, mediaType }; answers { bytes, etag } with the bytes' buffer transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { serializeTriples } from './rdf-serialize.js';

const { bytes, mediaType } = workerData as { bytes: Uint8Array; mediaType: string };
const text = serializeTriples(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), mediaType);
const out = new TextEncoder().encode(text);
const etag = `"${createHash('sha1').update(out).digest('base64url').slice(0, 27)}"`;
parentPort!.postMessage({ bytes: out, etag }, [out.buffer]);
