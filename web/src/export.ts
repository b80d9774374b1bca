/**
 * Export: the whole graph as Turtle, GEXF and other formats (from the server), and a
 * PNG of the current view — with the current highlight and filters — drawn by
 * @sigma/export-image.
 */
import type Sigma from 'sigma';
import { downloadAsPNG } from '@sigma/export-image';
import { EXPORT_FORMATS, exportUrl } from './api.js';
import { announce, h, replace } from './dom.js';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings } from './settings.js';

export async function exportPng(sigma: Sigma, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): Promise<void> {
  await downloadAsPNG(sigma, { fileName: s.pngFileName, backgroundColor: s.background });
}

export function renderExport(root: HTMLElement, sigma: () => Sigma | null, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): void {
  const png = h('button', { type: 'button', class: 'btn', id: 'export-png' }, 'PNG of this view');
  png.addEventListener('click', async () => {
    const r = sigma();
    if (!r) return;
    png.disabled = true;
    try {
      await exportPng(r, s);
      announce('PNG saved');
    } catch (e) {
      announce(`PNG export failed: ${(e as Error).message}`, 'error');
    } finally {
      png.disabled = false;
    }
  });
  const main = EXPORT_FORMATS.filter((f) => f.ext === 'ttl' || f.ext === 'gexf');
  const more = EXPORT_FORMATS.filter((f) => f.ext !== 'ttl' && f.ext !== 'gexf');
  const link = (f: (typeof EXPORT_FORMATS)[number]) =>
    h('a', { class: 'btn', href: exportUrl(f.ext), download: `newskg-graph.${f.ext}`, id: `export-${f.ext}` }, f.name);
  replace(
    root,
    h('h2', { class: 'side-title' }, 'Export'),
    h('div', { class: 'export-row' }, ...main.map(link), png),
    h('details', { class: 'filter-group' }, h('summary', null, 'More formats'), h('div', { class: 'export-row' }, ...more.map(link))),
  );
}
