/**
 * Write the build's files atomically: each goes to a temporary name in the same
 * folder and is renamed into place only when all are complete, so a failed or
 * interrupted run never leaves a partial graph.ttl behind. Each file is streamed
 * (src/emit/stream.ts); graph.json is written last, so a layout still running in a
 * worker overlaps the RDF writing.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KgGraph } from '../graph/graphology.js';
import type { Quad } from 'n3';
import { PREFIXES } from '../ontology/terms.js';
import { writeGraphJson, writeQuadsFile } from './stream.js';

export async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export interface OutputFiles {
  ttl: string;
  nt: string;
  json: string;
  /** Triples in graph.nt (and graph.ttl). */
  triples: number;
}

/**
 * The triples, or a function that makes them afresh for each file (a stream is read once), or
 * a writer of both RDF files (src/emit/fragments.ts) that resolves to the number of triples.
 */
export type TripleSource = Quad[] | (() => Iterable<Quad>) | { writeRdf(ttlPath: string, ntPath: string): Promise<number> };

/** A writer of graph.json made elsewhere (src/emit/graph-thread.ts): it runs beside the RDF writing. */
export interface GraphJsonWriter { writeJson(path: string): Promise<void> }

/**
 * graph.ttl (Turtle with prefixes), graph.nt (N-Triples), graph.json (graphology, with positions).
 * `triples` are in the default graph, de-duplicated (toDefaultGraph, or defaultGraphTriples of
 * src/emit/triples.ts); `layout`, when given, is awaited before graph.json is written. A
 * GraphJsonWriter writes graph.json while the RDF files are written (it waits for its own layout).
 * `afterRdf` runs once graph.ttl and graph.nt are complete (under their temporary names), beside
 * graph.json; the files are renamed into place when both are done.
 */
export async function writeOutputs(dir: string, triples: TripleSource, graph: KgGraph | GraphJsonWriter, layout?: Promise<void>, afterRdf?: (tmp: { ttl: string; nt: string }) => Promise<void>): Promise<OutputFiles> {
  const each = typeof triples === 'function' ? triples : Array.isArray(triples) ? () => triples : undefined;
  await mkdir(dir, { recursive: true });
  // A target that cannot be replaced (a folder in the way) fails the run before anything is written.
  const names = ['graph.ttl', 'graph.nt', 'graph.json'];
  for (const name of names) {
    const path = join(dir, name);
    if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      await layout?.catch(() => undefined);
      throw new Error(`cannot write ${path}: a folder is in the way; remove it or choose another --out`);
    }
  }
  const tmp = (name: string) => join(dir, `.${name}.tmp-${process.pid}`);
  let count = 0;
  const writeRdf = async () => {
    if (!each) count = await (triples as { writeRdf(ttlPath: string, ntPath: string): Promise<number> }).writeRdf(tmp('graph.ttl'), tmp('graph.nt'));
    else {
      await writeQuadsFile(tmp('graph.ttl'), each(), 'Turtle', PREFIXES);
      count = await writeQuadsFile(tmp('graph.nt'), each(), 'N-Triples');
    }
  };
  const elsewhere = 'writeJson' in graph ? graph.writeJson(tmp('graph.json')) : undefined;
  elsewhere?.catch(() => undefined);
  let after: Promise<void> | undefined;
  try {
    await writeRdf();
    // What depends only on the RDF (a rebuild's indexes) is written while graph.json is made.
    after = afterRdf?.({ ttl: tmp('graph.ttl'), nt: tmp('graph.nt') });
    after?.catch(() => undefined);
    // The layout may still be running: graph.json's positions are written last.
    if (elsewhere) await elsewhere;
    else await writeGraphJson(tmp('graph.json'), graph as KgGraph, layout);
    await after;
  } catch (e) {
    await layout?.catch(() => undefined);
    await elsewhere?.catch(() => undefined);
    await after?.catch(() => undefined);
    await Promise.all(names.map((n) => rm(tmp(n), { force: true })));
    throw e;
  }
  // All temporary files are complete before any is renamed into place.
  for (const name of names) await rename(tmp(name), join(dir, name));
  return { ttl: join(dir, 'graph.ttl'), nt: join(dir, 'graph.nt'), json: join(dir, 'graph.json'), triples: count };
}
