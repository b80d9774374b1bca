/**
 * The build's layout off the main thread: ForceAtlas2 runs in a worker (layout-worker.ts)
 * while the caller writes Turtle and N-Triples, and the positions are set on the graph
 * when it is done. The result equals layout(graph, iterations) in this thread. A large graph's
 * layout takes two threads (layout-shared.ts), since the build's main thread waits for it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SerializedGraph } from 'graphology-types';
import type { KgGraph } from './graphology.js';
import { placeFrom, type Positions } from './place.js';
import { availableParallelism } from 'node:os';
import { spawnWorker } from '../pipeline/spawn.js';
import { layoutSettings } from './build.js';
import { sharedBuffers, stopHelper } from './layout-shared.js';

export function layoutInWorker(graph: KgGraph, iterations: number): Promise<void> {
  const index = new Map<string, number>();
  const sizes = new Float64Array(graph.order);
  graph.forEachNode((n, a) => { sizes[index.size] = a.size as number; index.set(n, index.size); });
  const sources = new Uint32Array(graph.size);
  const targets = new Uint32Array(graph.size);
  let e = 0;
  graph.forEachEdge((_k, _a, s, t) => { sources[e] = index.get(s)!; targets[e++] = index.get(t)!; });
  // A large graph's Barnes-Hut repulsion is split with a helper thread when there is a core for it.
  const split = graph.order >= SPLIT_NODES && layoutSettings(graph.order).barnesHutOptimize && availableParallelism() > 1;
  const run = (shared: boolean) => runLayout(graph, { sizes, sources, targets, iterations }, shared);
  return split ? run(true).catch((e) => (e instanceof HelperLost ? run(false) : Promise.reject(e))) : run(false);
}

/**
 * Nodes from which the layout takes two threads: each iteration's halves meet twice, and on a
 * busy machine a thread waits for the other to be scheduled. At 51k nodes (10k articles, 20
 * iterations of 0.4 s) the split halves the layout; at 6.5k (1k articles, 92 of 30 ms) it
 * was slower under load.
 */
const SPLIT_NODES = 20_000;

/** The helper thread of a shared layout stopped before the layout was done. */
class HelperLost extends Error {}

function runLayout(graph: KgGraph, data: { sizes: Float64Array; sources: Uint32Array; targets: Uint32Array; iterations: number }, split: boolean): Promise<void> {
  const shared = split ? sharedBuffers(graph.order) : undefined;
  const helper = shared && spawnWorker(import.meta.url, 'layout-helper', { workerData: { shared, order: graph.order } });
  const w = spawnWorker(import.meta.url, 'layout-worker', { workerData: { ...data, shared } });
  const end = () => {
    if (shared) stopHelper(shared.control);
    void w.terminate();
    void helper?.terminate();
  };
  return new Promise<void>((resolve, reject) => {
    w.once('message', ({ x, y }: { x: Float64Array; y: Float64Array }) => {
      let i = 0;
      graph.forEachNode((n) => { graph.mergeNodeAttributes(n, { x: x[i], y: y[i++] }); });
      end();
      resolve();
    });
    w.once('error', (e) => { end(); reject(e); });
    w.once('exit', (code) => { end(); reject(new Error(`the layout worker stopped (exit code ${code})`)); });
    // The leader would wait for it for ever.
    helper?.once('error', () => { end(); reject(new HelperLost()); });
    helper?.once('exit', () => { end(); reject(new HelperLost()); });
  });
}

/** Share of a graph's nodes a previous layout must have for the rebuild to keep it. */
const KEEP_SHARE = 0.9;

/** Beside graph.json: its node positions alone, so a rebuild need not parse the whole graph. */
export const POSITIONS_FILE = '.positions.json';
interface PositionsFile { graphJsonBytes: number; keys: string[]; x: number[]; y: number[] }

/** The positions file of a laid-out graph whose graph.json has this many bytes. */
export function positionsText(graph: KgGraph, graphJsonBytes: number): string {
  const p: PositionsFile = { graphJsonBytes, keys: [], x: [], y: [] };
  graph.forEachNode((n, a) => { p.keys.push(n); p.x.push(a.x as number); p.y.push(a.y as number); });
  return JSON.stringify(p);
}

function positionsOf(keys: string[], x: number[], y: number[]): Positions {
  const at = new Map(keys.map((k, i) => [k, i]));
  return { hasNode: (n) => at.has(n), getNodeAttributes: (n) => ({ x: x[at.get(n)!], y: y[at.get(n)!] }) };
}

/** The previous build's positions: from the positions file when it belongs to this graph.json, else from graph.json. */
async function previousPositions(dir: string): Promise<Positions | undefined> {
  const json = join(dir, 'graph.json');
  const bytes = (await stat(json).catch(() => undefined))?.size;
  if (bytes === undefined) return undefined;
  try {
    const p = JSON.parse(await readFile(join(dir, POSITIONS_FILE), 'utf8')) as PositionsFile;
    if (p.graphJsonBytes === bytes && p.keys.length === p.x.length && p.keys.length === p.y.length) return positionsOf(p.keys, p.x, p.y);
  } catch {
    // No positions file, or not this graph's: read graph.json.
  }
  try {
    const g = JSON.parse(await readFile(json, 'utf8')) as SerializedGraph;
    const nodes = g.nodes ?? [];
    return positionsOf(nodes.map((n) => n.key), nodes.map((n) => n.attributes?.x as number), nodes.map((n) => n.attributes?.y as number));
  } catch {
    return undefined;
  }
}

/**
 * A rebuild into the same folder keeps the previous graph.json's positions when it covers
 * most of the nodes: old nodes stay put and new ones go next to their neighbours (place.ts),
 * instead of a new ForceAtlas2 run. Returns false (nothing changed) when there is no usable
 * previous layout.
 */
export async function keepPreviousLayout(graph: KgGraph, outDir: string): Promise<boolean> {
  const old = await previousPositions(outDir);
  if (!old) return false;
  let known = 0;
  graph.forEachNode((n) => { if (old.hasNode(n)) known++; });
  if (known < KEEP_SHARE * graph.order) return false;
  placeFrom(old, graph);
  return true;
}
