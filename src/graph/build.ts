/**
 * A graphology graph built from the quads alone (never from the annotations), so
 * the explorer shows exactly what SPARQL sees (what the graph takes of the quads is
 * facts.ts), and its ForceAtlas2 layout.
 */
import * as fa2 from 'graphology-layout-forceatlas2';
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import { createRequire } from 'node:module';
import { Graph, type KgGraph } from './graphology.js';
import { iterate, type Fa2Settings } from './fa2-iterate.js';

// The package is CommonJS; under NodeNext its default export sits on the namespace.
const forceAtlas2 = ((fa2 as unknown as { default?: unknown }).default ?? fa2) as {
  inferSettings(graph: KgGraph | number): ForceAtlas2Settings;
};
// The package's own pieces around its iterate (see fa2-iterate.ts), so layout() is its assign().
const require = createRequire(import.meta.url);
const fa2Helpers = require('graphology-layout-forceatlas2/helpers.js') as {
  graphToByteArrays(graph: KgGraph, weight: unknown): { nodes: Float32Array; edges: Float32Array };
  assignLayoutChanges(graph: KgGraph, nodes: Float32Array, reducer: null): void;
};
const FA2_DEFAULTS = require('graphology-layout-forceatlas2/defaults.js') as Fa2Settings;
const edgeWeight = (require('graphology-utils/getters') as { createEdgeWeightGetter(name: string): { fromEntry: unknown } }).createEdgeWeightGetter('weight').fromEntry;
import type { Quad } from 'n3';
import { GraphFacts, SLICE } from './facts.js';
import { drainAsync, turn } from '../steps.js';

export { GraphFacts, typeOf, RELATION_PREDICATES, edgeOf, nodeSize, defaultLabel, type ArticleFacts, type NodeType } from './facts.js';

export interface BuildGraphOptions {
  /** ForceAtlas2 iterations at most (fewer on large graphs, see layoutIterationsFor). */
  layoutIterations?: number;
  /** false: no layout here (the caller lays the graph out, e.g. in a worker); x and y are unset. */
  layout?: boolean;
}

export function buildGraph(quads: Iterable<Quad>, options: BuildGraphOptions = {}): KgGraph {
  const facts = new GraphFacts();
  facts.addAll(quads);
  const graph = facts.graph();
  if (options.layout !== false) layout(graph, options.layoutIterations ?? 200);
  return graph;
}

/**
 * The same graph, built in slices with the event loop free between them (a server adding
 * an article keeps answering while the graph is rebuilt). Never lays out: see place.ts.
 */
export async function buildGraphAsync(quads: Iterable<Quad>): Promise<KgGraph> {
  const facts = new GraphFacts();
  let batch: Quad[] = [];
  for (const q of quads) {
    batch.push(q);
    if (batch.length < SLICE) continue;
    facts.addAll(batch);
    batch = [];
    await turn();
  }
  facts.addAll(batch);
  return drainAsync(facts.graphSteps());
}

/**
 * ForceAtlas2 iterations for a graph of this size: the setting for small graphs, fewer as the
 * graph grows (a budget of node-iterations, never under 20), since Barnes-Hut's cost per
 * iteration grows with the node count and the layout of a 60k-node graph settles far sooner
 * per node than it costs.
 */
export function layoutIterationsFor(order: number, iterations: number): number {
  return Math.max(Math.min(iterations, 20), Math.min(iterations, Math.round(LAYOUT_BUDGET / Math.max(order, 1))));
}
const LAYOUT_BUDGET = 600_000;

/** Deterministic start (a circle by node order), then ForceAtlas2 with settings inferred from the graph's size. */
export function layout(graph: KgGraph, iterations: number, shared?: SharedLayout): void {
  circle(graph);
  if (graph.order > 1) forceAtlas2Assign(graph, layoutIterationsFor(graph.order, iterations), layoutSettings(graph), shared);
}

/**
 * A layout whose Barnes-Hut repulsion is shared with another thread (layout-helper.ts): the
 * node matrix and the regions live in shared memory, and `split` computes the repulsion of
 * every node from the regions (this thread one slice, the helper the other).
 */
export interface SharedLayout {
  nodes: Float32Array;
  regions: Float64Array;
  split(regions: Float64Array): void;
}

/** The regions a Barnes-Hut iteration may build for this many nodes: at most 4 subdivisions of 4 regions per node, and the root. */
export const regionDoubles = (nodes: number) => (16 * nodes + 1) * 9;

/** forceAtlas2.assign of the package (index.js), with its iterate's faster twin. */
function forceAtlas2Assign(graph: KgGraph, iterations: number, settings: ForceAtlas2Settings, shared?: SharedLayout): void {
  const s = fa2Settings(settings);
  const m = fa2Helpers.graphToByteArrays(graph, edgeWeight);
  let nodes = m.nodes;
  if (shared && s.barnesHutOptimize) {
    shared.nodes.set(m.nodes);
    nodes = shared.nodes;
  }
  const split = shared && s.barnesHutOptimize ? shared.split : undefined;
  for (let i = 0; i < iterations; i++) iterate(s, nodes, m.edges, split, split ? () => shared!.regions : undefined);
  fa2Helpers.assignLayoutChanges(graph, nodes, null);
}

/** The package's defaults under these settings, as its iterate reads them. */
export function fa2Settings(settings: ForceAtlas2Settings): Fa2Settings {
  return { ...FA2_DEFAULTS, ...settings } as Fa2Settings;
}

export function circle(graph: KgGraph): void {
  const n = graph.order || 1;
  let i = 0;
  graph.forEachNode((node) => {
    const angle = (2 * Math.PI * i++) / n;
    graph.mergeNodeAttributes(node, { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle) });
  });
}

/**
 * forceAtlas2.inferSettings (Barnes-Hut from 2,000 nodes), with Gephi's Barnes-Hut
 * approximation: theta 1.2 rather than the package's 0.5. On the 10k corpus's graph (51k
 * nodes) an iteration's repulsion took 544 ms at 0.5 and 230 ms at 1.2, and after the 20
 * iterations of its budget the mean edge length over the mean distance of random pairs was
 * the same (0.653 and 0.651; DEVELOPERS.md, the build's step 4).
 */
export function layoutSettings(graph: KgGraph | number): ForceAtlas2Settings {
  return { ...forceAtlas2.inferSettings(graph as KgGraph), adjustSizes: false, barnesHutTheta: BARNES_HUT_THETA };
}
const BARNES_HUT_THETA = 1.2;
