/**
 * The legend: one toggle per node type and per relation in the drawn view, with its
 * colour and how many are shown of how many (so a filter says what it hides), then
 * what size and colour mean when mapped to something else than type. Toggling hides
 * that type/relation (a filter in the store).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { h, replace, swatch } from './dom.js';
import { ACTOR_RELATIONS, NODE_TYPES, RELATIONS, edgeColor, nodeColor, relationName, typeName } from './settings.js';
import { toggled, type Store } from './state.js';
import type { Visibility } from './visibility.js';
import type { Appearance } from './appearance.js';

function counts(order: readonly string[], each: (cb: (v: string, key: string) => void) => void, shown: Set<string> | null) {
  const all = new Map<string, number>();
  const vis = new Map<string, number>();
  each((v, key) => {
    all.set(v, (all.get(v) ?? 0) + 1);
    if (!shown || shown.has(key)) vis.set(v, (vis.get(v) ?? 0) + 1);
  });
  const known = order.filter((t) => all.has(t));
  const extra = [...all.keys()].filter((t) => !order.includes(t)).sort();
  return [...known, ...extra].map((t) => ({ value: t, total: all.get(t)!, shown: vis.get(t) ?? 0 }));
}

export interface Legend {
  update(v: Visibility, a: Appearance | null): void;
  dispose(): void;
}

export function renderLegend(root: HTMLElement, graph: Graph, store: Store): Legend {
  const item = (kind: 'type' | 'relation', value: string, total: number, shown: number) => {
    const hidden = kind === 'type' ? store.get().hiddenTypes.has(value) : store.get().hiddenRelations.has(value);
    const name = kind === 'type' ? typeName(value) : relationName(value);
    return h(
      'button',
      {
        type: 'button',
        class: 'legend-item',
        dataset: kind === 'type' ? { type: value } : { relation: value },
        title: `${hidden ? 'Show' : 'Hide'} ${kind === 'type' ? `${name.toLowerCase()} nodes` : `“${name}” edges`}`,
        attrs: { 'aria-pressed': String(!hidden) },
        on: {
          click: () => store.set(kind === 'type' ? { hiddenTypes: toggled(store.get().hiddenTypes, value) } : { hiddenRelations: toggled(store.get().hiddenRelations, value) }),
        },
      },
      kind === 'type' ? swatch(nodeColor(value)) : h('span', { class: 'edge-swatch', style: { background: edgeColor(value) }, attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'legend-name' }, name),
      h('span', { class: 'legend-count', title: `${shown} shown of ${total}` }, shown === total ? String(total) : `${shown} / ${total}`),
    );
  };

  const update = (v: Visibility, a: Appearance | null) => {
    const types = counts(NODE_TYPES, (cb) => graph.forEachNode((k, at) => cb(String(at.type), k)), v.nodes);
    const relations = counts([...new Set<string>([...ACTOR_RELATIONS, ...RELATIONS])], (cb) => graph.forEachEdge((k, at) => cb(String(at.relation), k)), v.edges);
    const mapped = a?.colors ? a.legend : [];
    replace(
      root,
      h('h2', { class: 'side-title', id: 'legend-types-title' }, mapped.length ? 'Node types (filter)' : 'Node types'),
      h('div', { class: 'legend', role: 'group', attrs: { 'aria-labelledby': 'legend-types-title' } }, ...types.map((t) => item('type', t.value, t.total, t.shown))),
      h('h2', { class: 'side-title', id: 'legend-rel-title' }, 'Relations'),
      h('div', { class: 'legend', role: 'group', attrs: { 'aria-labelledby': 'legend-rel-title' } }, ...relations.map((r) => item('relation', r.value, r.total, r.shown))),
      mapped.length
        ? h('div', { id: 'legend-colors' }, h('h2', { class: 'side-title' }, 'Colour'), h('ul', { class: 'legend-map' }, ...mapped.map((m) => h('li', null, swatch(m.color), m.label))))
        : null,
      h('p', { class: 'hint', id: 'legend-size' }, `${a?.sizeNote ?? 'Size: number of connections.'} Click a type or relation to hide or show it; “shown / total” counts what the filters leave.`),
    );
  };
  return { update, dispose: () => replace(root) };
}

/** One line saying what the filters hide ("Hidden: 3 countries, 2 relations…"), or null when nothing is. */
export function hiddenSummary(graph: Graph, v: Visibility, store: Store): string | null {
  if (!v.nodes) return null;
  const hiddenNodes = graph.order - v.nodes.size;
  const hiddenEdges = graph.size - (v.edges?.size ?? graph.size);
  if (!hiddenNodes && !hiddenEdges) return null;
  const s = store.get();
  const why: string[] = [];
  if (s.hiddenTypes.size) why.push(`types: ${[...s.hiddenTypes].map((t) => typeName(t).toLowerCase()).join(', ')}`);
  if (s.hiddenRelations.size) why.push(`relations: ${[...s.hiddenRelations].map((r) => relationName(r)).join(', ')}`);
  if (s.from || s.to) why.push(`dates ${s.from ?? 'start'} to ${s.to ?? 'end'}`);
  if (s.kinds.size) why.push(`kinds: ${[...s.kinds].join(', ')}`);
  if (s.articles.size) why.push(`${s.articles.size} article${s.articles.size > 1 ? 's' : ''} chosen`);
  if (s.outlets.size) why.push(`outlets: ${[...s.outlets].join(', ')}`);
  if (s.ego) why.push(`only the neighbourhood of ${graph.hasNode(s.ego) ? String(graph.getNodeAttribute(s.ego, 'label')) : 'the selection'}`);
  return `${v.nodes.size} of ${graph.order} nodes shown (${hiddenNodes} hidden${hiddenEdges ? `, ${hiddenEdges} edges` : ''})${why.length ? ` — ${why.join('; ')}` : ''}.`;
}

/** Over the canvas when nothing is drawn: why, and (for filters) the way back. */
export function renderEmptyState(el: HTMLElement, order: number, shown: number, clear: () => void): void {
  el.hidden = shown > 0;
  replace(
    el,
    order === 0
      ? 'The graph is empty: add an article.'
      : h('span', null, 'No node matches these filters. ', h('button', { type: 'button', class: 'btn btn-small', id: 'empty-clear', on: { click: clear } }, 'Clear the filters')),
  );
}
