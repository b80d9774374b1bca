/**
 * The graph as GEXF 1.2 for Gephi: label, position and size as viz attributes; type,
 * kind, CAMEO code, aliases and articles as node attributes (lists joined with " | ").
 */
import gexf from 'graphology-gexf';
import type { KgGraph } from './graphology.js';

function scalar(v: unknown): string | number | boolean | undefined {
  if (Array.isArray(v)) return v.join(' | ');
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  return v as string | number | boolean;
}

const GEXF_NODE_ATTRS = ['type', 'kind', 'cameo', 'altLabels', 'articles'];
const GEXF_EDGE_ATTRS = ['relation', 'articles'];

export function toGexf(graph: KgGraph): string {
  return gexf.write(graph, {
    version: '1.2',
    formatNode: (_key, a) => ({
      label: String(a.label ?? ''),
      attributes: Object.fromEntries(GEXF_NODE_ATTRS.map((k) => [k, scalar(a[k])]).filter(([, v]) => v !== undefined)),
      viz: { x: Number(a.x ?? 0), y: Number(a.y ?? 0), size: Number(a.size ?? 1) },
    }),
    formatEdge: (_key, a) => ({
      label: String(a.label ?? a.relation ?? ''),
      attributes: Object.fromEntries(GEXF_EDGE_ATTRS.map((k) => [k, scalar(a[k])]).filter(([, v]) => v !== undefined)),
    }),
  });
}
