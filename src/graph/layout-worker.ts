/**
 * ForceAtlas2 in a worker thread, so a build serialises its RDF while the layout runs.
 * workerData: {sizes: Float64Array, sources, targets: Uint32Array (node indices), iterations,
 * shared?}; posts back {x, y: Float64Array} in node order. The graph is rebuilt here with the
 * same node and edge order, so the positions equal those of layout() on the main thread. With
 * `shared` (layout.ts), a helper thread (layout-helper.ts) computes half of each iteration's
 * Barnes-Hut repulsion.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Graph } from './graphology.js';
import { fa2Settings, layout, layoutSettings, type SharedLayout } from './build.js';
import { repulseRegions } from './fa2-iterate.js';
import { helperSlice, type SharedBuffers } from './layout-shared.js';

const { sizes, sources, targets, iterations, shared } = workerData as { sizes: Float64Array; sources: Uint32Array; targets: Uint32Array; iterations: number; shared?: SharedBuffers };
const g = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
for (let i = 0; i < sizes.length; i++) g.addNode(i, { size: sizes[i] });
for (let i = 0; i < sources.length; i++) g.addDirectedEdge(sources[i], targets[i]);
layout(g, iterations, shared && sharedLayout(shared, sizes.length));
const x = new Float64Array(sizes.length);
const y = new Float64Array(sizes.length);
let i = 0;
g.forEachNode((_n, a) => { x[i] = a.x as number; y[i++] = a.y as number; });
parentPort!.postMessage({ x, y }, [x.buffer, y.buffer]);

/** This thread's side of the shared repulsion: start the helper's slice, do the first, wait for the helper. */
function sharedLayout(b: SharedBuffers, order: number): SharedLayout {
  const control = new Int32Array(b.control);
  const settings = fa2Settings(layoutSettings(order));
  const [mid] = helperSlice(order);
  const nodes = new Float32Array(b.nodes);
  let round = 0;
  return {
    nodes,
    regions: new Float64Array(b.regions),
    split(regions) {
      Atomics.store(control, 0, ++round);
      Atomics.notify(control, 0);
      repulseRegions(settings, nodes, regions, 0, mid);
      for (let done = Atomics.load(control, 1); done !== round; done = Atomics.load(control, 1)) Atomics.wait(control, 1, done);
    },
  };
}
