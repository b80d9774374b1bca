/**
 * Write the build's files atomically: each goes to a temporary name in the same
 * folder and is renamed into place only when complete, so a failed or interrupted
 * run never leaves a partial graph.ttl behind.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KgGraph } from '../graph/graphology.js';
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
export async function writeOutputs(dir: string, quads: Quad[], graph: KgGraph): Promise<OutputFiles> {
  await mkdir(dir, { recursive: true });
  // Serialise everything first: nothing is renamed into place unless all of it succeeded.
  const files: [string, string][] = [
    ['graph.ttl', toTurtle(quads)],
    ['graph.nt', toNTriples(quads)],
    ['graph.json', JSON.stringify(graph.export())],
  ];
  // All temporary files are complete before any is renamed into place.
  const tmps: [string, string][] = [];
  try {
    for (const [name, data] of files) {
      const tmp = join(dir, `.${name}.tmp-${process.pid}`);
      await writeFile(tmp, data);
      tmps.push([tmp, join(dir, name)]);
    }
  } catch (e) {
    await Promise.all(tmps.map(([t]) => rm(t, { force: true })));
    throw e;
  }
  // A target that cannot be replaced (a folder in the way) fails the run before anything moves.
  for (const [, path] of tmps) {
    if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      await Promise.all(tmps.map(([t]) => rm(t, { force: true })));
      throw new Error(`cannot write ${path}: a folder is in the way; remove it or choose another --out`);
    }
  }
  for (const [tmp, path] of tmps) await rename(tmp, path);
  return { ttl: join(dir, 'graph.ttl'), nt: join(dir, 'graph.nt'), json: join(dir, 'graph.json') };
}
