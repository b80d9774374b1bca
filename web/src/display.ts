/**
 * Pure display computations for the graph view: sizes from degree, cut labels, the
 * neighbourhood a selection highlights. No sigma, no DOM: unit-testable in Node.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings, isEventType } from './settings.js';

/** Nodes around `node` worth showing with it: its neighbours, and the neighbours of the events among them. */
export function neighbourhood(graph: Graph, node: string): Set<string> {
  const out = new Set<string>([node]);
  if (!graph.hasNode(node)) return out;
  graph.forEachNeighbor(node, (n, a) => {
    out.add(n);
    if (isEventType(String(a.type))) graph.forEachNeighbor(n, (m) => out.add(m));
  });
  return out;
}

/** Node size from degree: entities grow with √degree; events (accusations, responses) stay small. */
export function sizeFromDegree(type: string, degree: number, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): number {
  const r = isEventType(type) ? s.eventSize : s.entitySize;
  return Math.min(r.max, r.min + r.scale * Math.sqrt(degree));
}

/** A label cut to `max` characters (with an ellipsis). */
export function shortLabel(label: unknown, max: number): string | null {
  if (label == null || label === '') return null;
  const text = String(label);
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
