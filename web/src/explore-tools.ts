/**
 * The exploration controls in the panel of a drawn node: ego network depth, "only this
 * neighbourhood", expand / collapse, the path to another node (and the path found),
 * zoom to it, unpin a dragged node. Plain DOM; every action goes through the hooks.
 */
import { h, swatch } from './dom.js';
import { nodeColor, relationName } from './settings.js';
import { inverseName } from './edge-panel.js';
import type { ViewState } from './state.js';

export interface PathView {
  status: 'picking' | 'loading' | 'found' | 'none' | 'error';
  /** Each node of the path and the relation that led to it; `reversed` when that edge points back ("accused by"). */
  steps: Array<{ id: string; label: string; type: string; relation?: string; reversed?: boolean }>;
  message?: string;
}

export interface ToolHooks {
  set(patch: Partial<ViewState>): void;
  expand(id: string): void;
  collapse(id: string): void;
  pickPath(): void;
  zoomTo(id: string): void;
  unpin(id: string): void;
  select(id: string): void;
}

function pathSection(p: PathView, hooks: ToolHooks): HTMLElement {
  const body =
    p.status === 'found'
      ? h(
          'ol',
          { class: 'path-list', id: 'path-list' },
          ...p.steps.map((s) =>
            h(
              'li',
              null,
              s.relation ? h('span', { class: 'path-rel' }, `${s.reversed ? inverseName(s.relation) : relationName(s.relation)} `) : null,
              h('button', { type: 'button', class: 'node-ref', on: { click: () => hooks.select(s.id) } }, swatch(nodeColor(s.type)), s.label),
            ),
          ),
        )
      : h('p', { class: p.status === 'error' ? 'error' : 'muted', id: 'path-status' }, p.message ?? '');
  return h(
    'div',
    { class: 'path-box', id: 'path-box' },
    h('h4', null, 'Path'),
    body,
    h('button', { type: 'button', class: 'btn btn-small', id: 'path-clear', on: { click: () => hooks.set({ pathTo: null }) } }, 'Clear the path'),
  );
}

export function explorationTools(id: string, s: ViewState, opts: { pinned: boolean; expandable: boolean; path: PathView | null }, hooks: ToolHooks): HTMLElement {
  const depthButtons = [1, 2, 3].map((d) =>
    h('button', { type: 'button', class: 'btn btn-small', dataset: { depth: String(d) }, attrs: { 'aria-pressed': String(s.depth === d) }, on: { click: () => hooks.set({ depth: d }) } }, String(d)),
  );
  // The ego network stays rooted where it was drawn from while other nodes are selected in it.
  const rooted = s.ego === id;
  const ego = h('input', { type: 'checkbox', id: 'ego-only', checked: rooted });
  ego.addEventListener('change', () => hooks.set({ ego: ego.checked ? id : null, expanded: new Set() }));
  const expanded = s.expanded.has(id);
  return h(
    'section',
    { class: 'panel-section explore', id: 'explore-tools', attrs: { 'aria-label': 'Explore from here' } },
    h('div', { class: 'row' }, h('span', { class: 'muted' }, 'Neighbourhood depth'), h('span', { class: 'seg', role: 'group', attrs: { 'aria-label': 'Depth' } }, ...depthButtons)),
    h('div', { class: 'row' }, ego, h('label', { htmlFor: 'ego-only' }, s.ego && !rooted ? 'Draw only the neighbourhood of this node instead' : 'Draw only this neighbourhood')),
    h(
      'div',
      { class: 'row' },
      s.ego && !rooted && opts.expandable
        ? h('button', { type: 'button', class: 'btn btn-small', id: expanded ? 'collapse-node' : 'expand-node', on: { click: () => (expanded ? hooks.collapse(id) : hooks.expand(id)) } }, expanded ? 'Collapse' : 'Expand its neighbours')
        : null,
      h('button', { type: 'button', class: 'btn btn-small', id: 'path-pick', on: { click: () => hooks.pickPath() } }, 'Path to…'),
      h('button', { type: 'button', class: 'btn btn-small', id: 'zoom-to', on: { click: () => hooks.zoomTo(id) } }, 'Zoom to'),
      opts.pinned ? h('button', { type: 'button', class: 'btn btn-small', id: 'unpin', on: { click: () => hooks.unpin(id) } }, 'Unpin') : null,
    ),
    opts.path ? pathSection(opts.path, hooks) : null,
  );
}
