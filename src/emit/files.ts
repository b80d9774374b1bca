/**
 * Write the build's files atomically: each goes to a temporary name in the same
 * folder and is renamed into place only when complete, so a failed or interrupted
 * run never leaves a partial graph.ttl behind.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Graph from 'graphology';
import type { Quad } from 'n3';
import { toNTriples, toTurtle } from './serialize.js';

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
}

/** graph.ttl (Turtle with prefixes), graph.nt (N-Triples), graph.json (graphology, with positions). */
export async function writeOutputs(dir: string, quads: Quad[], graph: Graph): Promise<OutputFiles> {
  await mkdir(dir, { recursive: true });
  // Serialise everything first: nothing is renamed into place unless all of it succeeded.
  const files: [string, string][] = [
    ['graph.ttl', toTurtle(quads)],
    ['graph.nt', toNTriples(quads)],
    ['graph.json', JSON.stringify(graph.export())],
  ];
  for (const [name, data] of files) await writeAtomic(join(dir, name), data);
  return { ttl: join(dir, 'graph.ttl'), nt: join(dir, 'graph.nt'), json: join(dir, 'graph.json') };
}
