/**
 * The page around the graph: the tabs (graph, spokespeople, SPARQL, add), the counts
 * and notes that say what is drawn (shown of total, what the filters hide, the partial
 * graph of a large corpus, the empty state).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { $, announce, replace } from './dom.js';
import type { GraphView } from './graph-view.js';
import { hiddenSummary, renderEmptyState, type Legend } from './legend.js';
import type { GraphMeta } from './api.js';
import type { Appearance } from './appearance.js';
import type { SpokespeopleView } from './spokespeople.js';
import { EMPTY_FILTERS, type Store, type View } from './state.js';
import type { Visibility } from './visibility.js';

export const VIEWS = ['graph', 'spokespeople', 'sparql', 'add'] as const;

/** Tabs write the view into the store; `showView` follows the store. */
export function wireTabs(store: Store): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
    b.addEventListener('click', () => store.set({ view: b.dataset.view as View }));
  }
}

export function showView(v: View, graph: GraphView | null, spokespeople: SpokespeopleView): void {
  for (const id of VIEWS) $(`#view-${id}`).hidden = id !== v;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
    if (b.dataset.view === v) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  document.body.dataset.view = v;
  // What the status line said was about the view being left.
  announce('');
  if (v === 'graph' && graph) {
    graph.sigma.resize();
    graph.sigma.refresh();
  }
  if (v === 'spokespeople') void spokespeople.show();
}

export function countText(g: Graph, v: Visibility): string {
  return `${v.nodes ? v.nodes.size : g.order} of ${g.order} nodes shown`;
}

/** Counts, the legend's shown/total, the hidden note and the empty state, after a filter change. */
export function showCounts(g: Graph, v: Visibility, legend: Legend | null, appearance: Appearance | null, store: Store): void {
  const shown = v.nodes ? v.nodes.size : g.order;
  const f = document.getElementById('f-count');
  if (f) f.textContent = countText(g, v);
  $('#graph').dataset.visibleNodes = String(shown);
  legend?.update(v, appearance);
  const summary = hiddenSummary(g, v, store);
  const note = $('#hidden-note');
  note.hidden = !summary;
  replace(note, summary ?? '');
  renderEmptyState($('#graph-empty'), g.order, shown, () => store.set({ ...EMPTY_FILTERS, ego: null, expanded: new Set() }));
}

/** Above the canvas when the server sent part of a large graph: how much, and how to reach the rest. */
export function showScaleNote(g: Graph, m: GraphMeta): void {
  const note = $('#scale-note');
  note.hidden = m.complete && m.omitted === 0;
  const n = (x: number) => x.toLocaleString('en');
  note.textContent = m.complete ? '' : `Showing the ${n(g.order)} most connected of ${n(m.total.nodes)} in the ${m.view} view${m.omittedEdges ? `, with their ${n(g.size)} strongest links` : ''}; search, expand and the event view load the rest from the server.`;
}
