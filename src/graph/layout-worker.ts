/**
 * ForceAtlas2 in a worker thread, so a build serialises its RDF while the layout runs.
 * workerData: {sizes: Float64Array, sources, targets: Uint32Array (node indices), iterations};
 * posts back {x, y: Float64Array} in node order. The graph is rebuilt here with the same
 * node and edge order, so the positions equal those of layout() on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Graph } from './graphology.js';
import { layout } from './build.js';

const { sizes, sources, targets, iterations } = workerData as { sizes: Float64Array; sources: Uint32Array; targets: Uint32Array; iterations: number };
const g = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
for (let i = 0; i < sizes.length; i++) g.addNode(i, { size: sizes[i] });
for (let i = 0; i < sources.length; i++) g.addDirectedEdge(sources[i], targets[i]);
layout(g, iterations);
const x = new Float64Array(sizes.length);
const y = new Float64Array(sizes.length);
let i = 0;
g.forEachNode((_n, a) => { x[i] = a.x as number; y[i++] = a.y as number; });
parentPort!.postMessage({ x, y }, [x.buffer, y.buffer]);
