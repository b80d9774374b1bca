/**
 * The graph as GEXF 1.2 for Gephi and networkx: label; position, size and colour (by
 * type, the explorer's default palette) as viz attributes; type, kind, CAMEO code,
 * aliases and articles as node attributes (lists joined with " | ").
 */
import gexf from 'graphology-gexf';
import type { KgGraph } from './graphology.js';

function scalar(v: unknown): string | number | boolean | undefined {
  if (Array.isArray(v)) return v.join(' | ');
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  return v as string | number | boolean;
}

/** The explorer's default colours by node type (web/src/settings.ts), so Gephi opens it looking the same. */
export const TYPE_COLORS: Record<string, string> = {
  person: '#2f5bd0', government: '#7b3fa0', military: '#52661f', company: '#1f7a3a', media: '#b0287e',
  university: '#8d5524', organization: '#56697a', country: '#c25500', place: '#8a7300', accusation: '#d0262d', response: '#00808a',
};
const UNKNOWN_COLOR = '#6b6b6b';

/**
 * graphology-gexf 0.13 writes the 1.2 viz namespace as "http:///www.gexf.net/1.1draft/viz"
 * (three slashes), which Gephi and networkx do not know, so they drop every position, size
 * and colour. GEXF 1.2's viz namespace is written here instead.
 */
export const VIZ_NS = 'http://www.gexf.net/1.2draft/viz';

const GEXF_NODE_ATTRS = ['type', 'kind', 'cameo', 'altLabels', 'articles'];
const GEXF_EDGE_ATTRS = ['relation', 'articles'];

export function toGexf(graph: KgGraph): string {
  const xml = gexf.write(graph, {
    version: '1.2',
    formatNode: (_key, a) => ({
      label: String(a.label ?? ''),
      attributes: Object.fromEntries(GEXF_NODE_ATTRS.map((k) => [k, scalar(a[k])]).filter(([, v]) => v !== undefined)),
      viz: { x: Number(a.x ?? 0), y: Number(a.y ?? 0), size: Number(a.size ?? 1), color: TYPE_COLORS[String(a.type)] ?? UNKNOWN_COLOR },
    }),
    formatEdge: (_key, a) => ({
      label: String(a.label ?? a.relation ?? ''),
      attributes: Object.fromEntries(GEXF_EDGE_ATTRS.map((k) => [k, scalar(a[k])]).filter(([, v]) => v !== undefined)),
    }),
  });
  return xml.replace(/xmlns:viz="[^"]*"/, `xmlns:viz="${VIZ_NS}"`);
}
