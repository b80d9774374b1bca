/**
 * A graph as GraphML text, with each node's position, size and colour as drawn: under
 * `x`, `y`, `size` and `r`/`g`/`b` (what Gephi's importer reads as layout and colour)
 * and `color` (hex, for yEd, networkx and people). graphology-graphml only parses.
 */
import type { AbstractGraph as Graph } from 'graphology-types';

// XML 1.0 forbids these characters even escaped.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xml = (t: unknown) => String(t).replace(FORBIDDEN, '').replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

type Kind = 'string' | 'double' | 'int';
const NODE_KEYS: ReadonlyArray<[string, Kind]> = [['label', 'string'], ['type', 'string'], ['x', 'double'], ['y', 'double'], ['size', 'double'], ['color', 'string'], ['r', 'int'], ['g', 'int'], ['b', 'int']];
const EDGE_KEYS: ReadonlyArray<[string, Kind]> = [['label', 'string'], ['relation', 'string'], ['weight', 'double'], ['color', 'string']];

/** `#rrggbb` or `#rgb` to its channels; other colour syntaxes give none. */
export function channels(color: unknown): { r: number; g: number; b: number } | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color ?? ''));
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16) };
}

function data(prefix: string, keys: ReadonlyArray<[string, Kind]>, a: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k] of keys) {
    const v = a[k];
    if (v === undefined || v === null || v === '' || (typeof v === 'number' && !Number.isFinite(v))) continue;
    out.push(`      <data key="${prefix}_${k}">${xml(v)}</data>`);
  }
  return out;
}

export function toGraphML(g: Graph): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_KEYS.map(([k, t]) => `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`),
    ...EDGE_KEYS.map(([k, t]) => `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`),
    '  <graph id="newskg-view" edgedefault="directed">',
  ];
  g.forEachNode((n, a) => {
    out.push(`    <node id="${xml(n)}">`, ...data('n', NODE_KEYS, { ...a, ...channels(a.color) }), '    </node>');
  });
  g.forEachEdge((e, a, src, tgt) => {
    out.push(`    <edge id="${xml(e)}" source="${xml(src)}" target="${xml(tgt)}">`, ...data('e', EDGE_KEYS, a), '    </edge>');
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
