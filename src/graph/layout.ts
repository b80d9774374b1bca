/**
 * The build's layout off the main thread: ForceAtlas2 runs in a worker (layout-worker.ts)
 * while the caller writes Turtle and N-Triples, and the positions are set on the graph
 * when it is done. The result equals layout(graph, iterations) in this thread.
 */
import { readFile } from 'node:fs/promises';
import type { SerializedGraph } from 'graphology-types';
import { Graph, type KgGraph } from './graphology.js';
import { placeFrom } from './place.js';
import { spawnWorker } from '../pipeline/spawn.js';

export function layoutInWorker(graph: KgGraph, iterations: number): Promise<void> {
  const index = new Map<string, number>();
  const sizes = new Float64Array(graph.order);
  graph.forEachNode((n, a) => { sizes[index.size] = a.size as number; index.set(n, index.size); });
  const sources = new Uint32Array(graph.size);
  const targets = new Uint32Array(graph.size);
  let e = 0;
  graph.forEachEdge((_k, _a, s, t) => { sources[e] = index.get(s)!; targets[e++] = index.get(t)!; });
  const w = spawnWorker(import.meta.url, 'layout-worker', { workerData: { sizes, sources, targets, iterations } });
  return new Promise((resolve, reject) => {
    w.once('message', ({ x, y }: { x: Float64Array; y: Float64Array }) => {
      let i = 0;
      graph.forEachNode((n) => { graph.mergeNodeAttributes(n, { x: x[i], y: y[i++] }); });
      void w.terminate();
      resolve();
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the layout worker stopped (exit code ${code})`)));
  });
}

/** Share of a graph's nodes a previous layout must have for the rebuild to keep it. */
const KEEP_SHARE = 0.9;

/**
 * A rebuild into the same folder keeps the previous graph.json's positions when it covers
 * most of the nodes: old nodes stay put and new ones go next to their neighbours (place.ts),
 * instead of a new ForceAtlas2 run. Returns false (nothing changed) when there is no usable
 * previous layout.
 */
export async function keepPreviousLayout(graph: KgGraph, previousJson: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(previousJson, 'utf8');
  } catch {
    return false;
  }
  let old: KgGraph;
  try {
    old = Graph.from(JSON.parse(text) as SerializedGraph);
  } catch {
    return false;
  }
  let known = 0;
  graph.forEachNode((n) => { if (old.hasNode(n)) known++; });
  if (known < KEEP_SHARE * graph.order) return false;
  placeFrom(old, graph);
  return true;
}
