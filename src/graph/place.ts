/**
 * Positions for a graph rebuilt after an article was added or removed, without laying it
 * out again: every node the previous graph had keeps its place, and each new node goes
 * next to its already placed neighbours (their mean, nudged by an angle taken from its key,
 * so two new nodes never coincide); new nodes with no placed neighbour, such as a whole new
 * dispute, go on a ring just outside the drawing. Linear in the graph; deterministic.
 */
import { createHash } from 'node:crypto';
import type { KgGraph } from './graphology.js';

function angleOf(key: string): number {
  return (createHash('sha1').update(key).digest().readUInt32BE(0) / 2 ** 32) * 2 * Math.PI;
}

/** What placeFrom reads of the previous graph: a graph, or positions read from a file. */
export interface Positions {
  hasNode(node: string): boolean;
  getNodeAttributes(node: string): { x?: unknown; y?: unknown };
}

export function placeFrom(previous: Positions, graph: KgGraph): { kept: number; placed: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const fresh: string[] = [];
  // Placing a graph from itself (a grown live graph): its drawn nodes are where they are, and
  // their attributes are read as the walk hands them over (two lookups a node were half the
  // 36 ms a POST held the event loop for at 10,000 articles).
  const self = previous === graph;
  graph.forEachNode((n, attrs) => {
    const p = self ? attrs : previous.hasNode(n) ? previous.getNodeAttributes(n) : undefined;
    const x = p?.x, y = p?.y;
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      if (!self) graph.mergeNodeAttributes(n, { x, y });
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    } else fresh.push(n);
  });
  if (!Number.isFinite(minX)) { minX = minY = -100; maxX = maxY = 100; }
  const span = Math.max(maxX - minX, maxY - minY, 1);
  const step = span / Math.max(Math.sqrt(graph.order), 1);
  const placed = new Set<string>();
  const freshSet = new Set(fresh);
  const ready = (n: string) => !freshSet.has(n) || placed.has(n);
  // Breadth first from the placed part, so a chain of new nodes grows out from it.
  let pending = fresh;
  while (pending.length) {
    const next: string[] = [];
    for (const n of pending) {
      const around = graph.neighbors(n).filter(ready);
      if (!around.length) { next.push(n); continue; }
      let x = 0, y = 0;
      for (const m of around) { x += graph.getNodeAttribute(m, 'x') as number; y += graph.getNodeAttribute(m, 'y') as number; }
      const a = angleOf(n);
      graph.mergeNodeAttributes(n, { x: x / around.length + step * Math.cos(a), y: y / around.length + step * Math.sin(a) });
      placed.add(n);
    }
    if (next.length === pending.length) {
      // Nothing placed this round: seed the first unplaced node on the ring and go on.
      const n = next.shift()!;
      const a = angleOf(n);
      const r = span / 2 + step;
      graph.mergeNodeAttributes(n, { x: (minX + maxX) / 2 + r * Math.cos(a), y: (minY + maxY) / 2 + r * Math.sin(a) });
      placed.add(n);
    }
    pending = next;
  }
  return { kept: graph.order - fresh.length, placed: fresh.length };
}
