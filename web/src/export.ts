/**
 * Export: the whole graph as Turtle, GEXF and other formats (from the server), and the
 * current view — with its appearance, highlight and filters, as drawn — as PNG
 * (@sigma/export-image), SVG, GEXF and GraphML (positions, colours and sizes as drawn).
 */
import type Sigma from 'sigma';
import { MultiGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf/browser/index.js';
import { downloadAsPNG } from '@sigma/export-image';
import { EXPORT_FORMATS, exportUrl } from './api.js';
import { toGraphML } from './graphml.js';
import { announce, h, replace } from './dom.js';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings } from './settings.js';
import type { Visibility } from './visibility.js';

export async function exportPng(sigma: Sigma, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): Promise<void> {
  await downloadAsPNG(sigma, { fileName: s.pngFileName, backgroundColor: s.background });
}

const xml = (t: string) => t.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

/** The drawn nodes and edges, in viewport pixels, as an SVG document (text, never parsed into this page). */
export function viewAsSvg(sigma: Sigma, v: Visibility, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): string {
  const g = sigma.getGraph();
  const { width, height } = sigma.getDimensions();
  const px = (n: string) => {
    const d = sigma.getNodeDisplayData(n)!;
    return { ...sigma.framedGraphToViewport(d), d };
  };
  const shown = (n: string) => (!v.nodes || v.nodes.has(n)) && !sigma.getNodeDisplayData(n)?.hidden;
  const lines: string[] = [];
  g.forEachEdge((e, _a, src, tgt) => {
    if ((v.edges && !v.edges.has(e)) || !shown(src) || !shown(tgt)) return;
    const d = sigma.getEdgeDisplayData(e);
    if (!d || d.hidden) return;
    const a = px(src);
    const b = px(tgt);
    lines.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${xml(d.color)}" stroke-width="${d.size.toFixed(1)}"/>`);
  });
  const ratio = sigma.getCamera().getState().ratio;
  const labels: string[] = [];
  g.forEachNode((n) => {
    if (!shown(n)) return;
    const { x, y, d } = px(n);
    const r = Math.max(1, sigma.scaleSize(d.size, ratio));
    lines.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${xml(d.color)}"/>`);
    if (d.label && (d.forceLabel || d.highlighted || r > 6)) labels.push(`<text x="${(x + r + 3).toFixed(1)}" y="${(y + 4).toFixed(1)}">${xml(d.label)}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="${s.background}"/>`,
    ...lines,
    `<g font-family="${xml(s.labelFont)}" font-size="${s.labelSize}" fill="#1d1d1f" paint-order="stroke" stroke="${s.background}" stroke-width="3">`,
    ...labels,
    '</g></svg>',
  ].join('\n');
}

/** The drawn nodes and edges, each with its position, colour and size as drawn. */
export function drawnGraph(sigma: Sigma, v: Visibility): MultiGraph {
  const g = sigma.getGraph();
  const out = new MultiGraph();
  g.forEachNode((n, a) => {
    const d = sigma.getNodeDisplayData(n);
    if (!d || d.hidden || (v.nodes && !v.nodes.has(n))) return;
    out.addNode(n, { label: String(a.label ?? n), type: String(a.type ?? ''), x: a.x, y: a.y, size: d.size, color: d.color });
  });
  g.forEachEdge((e, a, src, tgt) => {
    const d = sigma.getEdgeDisplayData(e);
    if (!out.hasNode(src) || !out.hasNode(tgt) || !d || d.hidden || (v.edges && !v.edges.has(e))) return;
    out.addDirectedEdgeWithKey(e, src, tgt, { label: String(a.label ?? a.relation ?? ''), relation: String(a.relation ?? ''), weight: Number(a.weight ?? 1), color: d.color });
  });
  return out;
}

export const viewAsGexf = (sigma: Sigma, v: Visibility): string => writeGexf(drawnGraph(sigma, v), { version: '1.3' });
export const viewAsGraphML = (sigma: Sigma, v: Visibility): string => toGraphML(drawnGraph(sigma, v));

function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function renderExport(root: HTMLElement, sigma: () => Sigma | null, visibility: () => Visibility, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): void {
  const action = (id: string, text: string, run: (r: Sigma) => Promise<void> | void) => {
    const b = h('button', { type: 'button', class: 'btn', id }, text);
    b.addEventListener('click', async () => {
      const r = sigma();
      if (!r) return;
      b.disabled = true;
      try {
        await run(r);
        announce(`${text} saved`);
      } catch (e) {
        announce(`${text} failed: ${(e as Error).message}`, 'error');
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  const png = action('export-png', 'PNG', (r) => exportPng(r, s));
  const svg = action('export-svg', 'SVG', (r) => download(viewAsSvg(r, visibility(), s), 'image/svg+xml', `${s.pngFileName}.svg`));
  const gexf = action('export-view-gexf', 'GEXF', (r) => download(viewAsGexf(r, visibility()), 'application/gexf+xml', `${s.pngFileName}-view.gexf`));
  const graphml = action('export-view-graphml', 'GraphML', (r) => download(viewAsGraphML(r, visibility()), 'application/graphml+xml', `${s.pngFileName}-view.graphml`));
  const link = (f: (typeof EXPORT_FORMATS)[number]) =>
    h('a', { class: 'btn', href: exportUrl(f.ext), download: `newskg-graph.${f.ext}`, id: `export-${f.ext}` }, f.name);
  replace(
    root,
    h('h2', { class: 'side-title' }, 'Export this view'),
    h('div', { class: 'export-row' }, png, svg, gexf, graphml),
    h('h2', { class: 'side-title' }, 'Export the whole graph'),
    h('div', { class: 'export-row' }, ...EXPORT_FORMATS.filter((f) => f.ext === 'ttl' || f.ext === 'gexf').map(link)),
    h('details', { class: 'filter-group' }, h('summary', null, 'More formats'), h('div', { class: 'export-row' }, ...EXPORT_FORMATS.filter((f) => f.ext !== 'ttl' && f.ext !== 'gexf').map(link))),
  );
}
