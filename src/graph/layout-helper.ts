/**
 * The second thread of a shared layout (layout-shared.ts): each round the leader starts, the
 * Barnes-Hut repulsion of the second half of the nodes, from the regions the leader built.
 * workerData: {shared: SharedBuffers, order}. Ends when the leader (or the build) says stop.
 */
import { workerData } from 'node:worker_threads';
import { repulseRegions } from './fa2-iterate.js';
import { fa2Settings, layoutSettings } from './build.js';
import { helperSlice, type SharedBuffers } from './layout-shared.js';

const { shared, order } = workerData as { shared: SharedBuffers; order: number };
const control = new Int32Array(shared.control);
const nodes = new Float32Array(shared.nodes);
const regions = new Float64Array(shared.regions);
const settings = fa2Settings(layoutSettings(order));
const [first, end] = helperSlice(order);
for (let seen = 0; ;) {
  Atomics.wait(control, 0, seen);
  const round = Atomics.load(control, 0);
  if (round < 0) break;
  if (round === seen) continue;
  seen = round;
  repulseRegions(settings, nodes, regions, first, end);
  Atomics.store(control, 1, round);
  Atomics.notify(control, 1);
}
