/**
 * Heavy graph metrics off the main thread: betweenness centrality (graphology-metrics)
 * and Louvain communities (graphology-communities-louvain), over a simple undirected
 * copy of the drawn graph (both want one; direction and parallel edges add nothing here).
 */
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import * as betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import * as louvainModule from 'graphology-communities-louvain';

// Both packages are CommonJS: the function is the module itself or its default, depending on the bundler.
type Scores = (g: AbstractGraph, o?: Record<string, unknown>) => Record<string, number>;
const cjs = (m: unknown): Scores => ((m as { default?: unknown }).default ?? m) as Scores;
const betweenness = cjs(betweennessModule);
const louvain = cjs(louvainModule);

export interface MetricsRequest {
  id: number;
  metric: 'betweenness' | 'community';
  nodes: string[];
  /** Pairs of node indexes, with a weight. */
  edges: Array<[number, number, number]>;
}
export interface MetricsReply {
  id: number;
  values: Record<string, number>;
  error?: string;
}

function simple(req: MetricsRequest): AbstractGraph {
  const g = new UndirectedGraph();
  for (const n of req.nodes) g.addNode(n);
  for (const [a, b, w] of req.edges) {
    if (a === b) continue;
    const s = req.nodes[a]!;
    const t = req.nodes[b]!;
    if (g.hasEdge(s, t)) g.updateEdgeAttribute(s, t, 'weight', (x: number | undefined) => (x ?? 0) + w);
    else g.addEdge(s, t, { weight: w });
  }
  return g;
}

self.onmessage = (ev: MessageEvent<MetricsRequest>) => {
  const req = ev.data;
  try {
    const g = simple(req);
    // Louvain is seeded so a shared link shows the same communities.
    const values = req.metric === 'betweenness' ? betweenness(g, { normalized: true }) : louvain(g, { getEdgeWeight: 'weight', rng: seeded(1) });
    (self as unknown as Worker).postMessage({ id: req.id, values } satisfies MetricsReply);
  } catch (e) {
    (self as unknown as Worker).postMessage({ id: req.id, values: {}, error: (e as Error).message } satisfies MetricsReply);
  }
};

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
