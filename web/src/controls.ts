/**
 * Controls that write the exploration state: the view switch (actors / events) and
 * the appearance (size by, colour by, label density). The store is the only truth;
 * each control follows it.
 */
import { h, replace } from './dom.js';
import { COLOR_BY, SIZE_BY, type Mode, type Store } from './state.js';

export function renderModeSwitch(root: HTMLElement, store: Store): () => void {
  const button = (mode: Mode, text: string, title: string) =>
    h('button', { type: 'button', class: 'btn btn-small', id: `mode-${mode}`, title, dataset: { mode }, on: { click: () => store.set({ mode }) } }, text);
  const actor = button('actor', 'Actors', 'People, organizations and countries; accusations and responses drawn as arrows between them');
  const event = button('event', 'Events', 'Accusations and responses drawn as nodes between the actors');
  replace(root, h('span', { class: 'seg', role: 'group', attrs: { 'aria-label': 'View' } }, actor, event));
  const sync = () => {
    for (const b of [actor, event]) b.setAttribute('aria-pressed', String(b.dataset.mode === store.get().mode));
  };
  sync();
  return store.subscribe(sync);
}

const SIZE_NAMES: Record<(typeof SIZE_BY)[number], string> = { degree: 'connections', betweenness: 'betweenness', articles: 'articles', type: 'same for all' };
const COLOR_NAMES: Record<(typeof COLOR_BY)[number], string> = { type: 'type', community: 'community (Louvain)', degree: 'connections', betweenness: 'betweenness' };

export function renderAppearance(root: HTMLElement, store: Store): () => void {
  const select = <T extends string>(id: string, values: readonly T[], names: Record<T, string>, write: (v: T) => void) => {
    const el = h('select', { id }, ...values.map((v) => h('option', { value: v }, names[v])));
    el.addEventListener('change', () => write(el.value as T));
    return el;
  };
  const size = select('ap-size', SIZE_BY, SIZE_NAMES, (sizeBy) => store.set({ sizeBy }));
  const color = select('ap-color', COLOR_BY, COLOR_NAMES, (colorBy) => store.set({ colorBy }));
  const labels = h('input', { type: 'range', id: 'ap-labels', min: '0', max: '3', step: '0.25' });
  labels.addEventListener('input', () => store.set({ labels: Number(labels.value) }));
  replace(
    root,
    h('h2', { class: 'side-title' }, 'Appearance'),
    h(
      'div',
      { class: 'appearance' },
      h('label', { htmlFor: 'ap-size' }, 'Size by'),
      size,
      h('label', { htmlFor: 'ap-color' }, 'Colour by'),
      color,
      h('label', { htmlFor: 'ap-labels' }, 'Labels'),
      labels,
    ),
  );
  const sync = () => {
    const s = store.get();
    size.value = s.sizeBy;
    color.value = s.colorBy;
    labels.value = String(s.labels);
  };
  sync();
  return store.subscribe(sync);
}
