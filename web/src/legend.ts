/**
 * The legend: one toggle per node type and per relation present in the graph, with
 * its colour and count. Toggling hides that type/relation (a filter in the store).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { h, replace, swatch } from './dom.js';
import { NODE_TYPES, RELATIONS, edgeColor, nodeColor, relationName, typeName } from './settings.js';
import { toggled, type Store } from './state.js';

function counts(order: readonly string[], each: (cb: (v: string) => void) => void): Array<[string, number]> {
  const m = new Map<string, number>();
  each((v) => m.set(v, (m.get(v) ?? 0) + 1));
  const known = order.filter((t) => m.has(t));
  const extra = [...m.keys()].filter((t) => !order.includes(t)).sort();
  return [...known, ...extra].map((t) => [t, m.get(t)!]);
}

export function renderLegend(root: HTMLElement, graph: Graph, store: Store): () => void {
  const types = counts(NODE_TYPES, (cb) => graph.forEachNode((_, a) => cb(String(a.type))));
  const relations = counts(RELATIONS, (cb) => graph.forEachEdge((_, a) => cb(String(a.relation))));

  const typeButtons = types.map(([type, n]) =>
    h(
      'button',
      {
        type: 'button',
        class: 'legend-item',
        dataset: { type },
        title: `Show or hide ${typeName(type).toLowerCase()} nodes`,
        on: { click: () => store.set({ hiddenTypes: toggled(store.get().hiddenTypes, type) }) },
      },
      swatch(nodeColor(type)),
      h('span', { class: 'legend-name' }, typeName(type)),
      h('span', { class: 'legend-count' }, n),
    ),
  );
  const relButtons = relations.map(([rel, n]) =>
    h(
      'button',
      {
        type: 'button',
        class: 'legend-item',
        dataset: { relation: rel },
        title: `Show or hide “${relationName(rel)}” edges`,
        on: { click: () => store.set({ hiddenRelations: toggled(store.get().hiddenRelations, rel) }) },
      },
      h('span', { class: 'edge-swatch', style: { background: edgeColor(rel) }, attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'legend-name' }, relationName(rel)),
      h('span', { class: 'legend-count' }, n),
    ),
  );

  replace(
    root,
    h('h2', { class: 'side-title', id: 'legend-types-title' }, 'Node types'),
    h('div', { class: 'legend', role: 'group', attrs: { 'aria-labelledby': 'legend-types-title' } }, ...typeButtons),
    h('p', { class: 'hint' }, 'Size grows with the number of connections. Click a type to hide or show it.'),
    h('h2', { class: 'side-title', id: 'legend-rel-title' }, 'Relations'),
    h('div', { class: 'legend', role: 'group', attrs: { 'aria-labelledby': 'legend-rel-title' } }, ...relButtons),
  );

  const sync = () => {
    const s = store.get();
    for (const b of typeButtons) b.setAttribute('aria-pressed', String(!s.hiddenTypes.has(b.dataset.type!)));
    for (const b of relButtons) b.setAttribute('aria-pressed', String(!s.hiddenRelations.has(b.dataset.relation!)));
  };
  sync();
  return store.subscribe(sync);
}
