/**
 * The graph as GraphML (for Gephi, yEd, networkx): node label, type, position, size and
 * articles; edge relation and label. List-valued attributes are joined with " | ".
 */
import type { KgGraph } from './graphology.js';

function xml(s: unknown): string {
  return String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 forbids.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

const NODE_KEYS = [
  ['label', 'string'], ['type', 'string'], ['kind', 'string'], ['cameo', 'string'],
  ['x', 'double'], ['y', 'double'], ['size', 'double'], ['altLabels', 'string'], ['articles', 'string'],
] as const;
const EDGE_KEYS = [['relation', 'string'], ['label', 'string'], ['articles', 'string']] as const;

function value(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.join(' | ');
  if (typeof v === 'object') return undefined;
  return String(v);
}

export function toGraphML(graph: KgGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [k, t] of NODE_KEYS) out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`);
  for (const [k, t] of EDGE_KEYS) out.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`);
  out.push(`  <graph id="newskg" edgedefault="directed">`);
  graph.forEachNode((id, a) => {
    out.push(`    <node id="${xml(id)}">`);
    for (const [k] of NODE_KEYS) {
      const v = value(a[k]);
      if (v !== undefined) out.push(`      <data key="n_${k}">${xml(v)}</data>`);
    }
    out.push('    </node>');
  });
  graph.forEachEdge((id, a, source, target) => {
    out.push(`    <edge id="${xml(id)}" source="${xml(source)}" target="${xml(target)}">`);
    for (const [k] of EDGE_KEYS) {
      const v = value(a[k]);
      if (v !== undefined) out.push(`      <data key="e_${k}">${xml(v)}</data>`);
    }
    out.push('    </edge>');
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
