/**
 * The shared memory of a layout split over two threads (layout-worker.ts and layout-helper.ts):
 * the node matrix, the Barnes-Hut regions, and a control word pair: [0] the round the leader
 * started (-1: stop), [1] the round the helper finished.
 */
import { regionDoubles } from './build.js';

export interface SharedBuffers { nodes: SharedArrayBuffer; regions: SharedArrayBuffer; control: SharedArrayBuffer }

/** ForceAtlas2's values per node in its matrix (helpers.js PPN). */
const PPN = 10;

export function sharedBuffers(order: number): SharedBuffers {
  return {
    nodes: new SharedArrayBuffer(order * PPN * Float32Array.BYTES_PER_ELEMENT),
    regions: new SharedArrayBuffer(regionDoubles(order) * Float64Array.BYTES_PER_ELEMENT),
    control: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
  };
}

/** The helper's slice of the node matrix, [start, end) in matrix offsets: the second half of the nodes. */
export function helperSlice(order: number): [number, number] {
  return [Math.floor(order / 2) * PPN, order * PPN];
}

/** Tell the helper to stop (after the last round, or when the layout failed). */
export function stopHelper(control: SharedArrayBuffer): void {
  const c = new Int32Array(control);
  Atomics.store(c, 0, -1);
  Atomics.notify(c, 0);
}
