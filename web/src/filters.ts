/**
 * Filters by article, outlet, date range and event kind (types and relations are in
 * the legend). Every control writes to the store; the store is the only truth.
 */
import type { ArticleMeta } from './api.js';
import { formatDate, h, replace } from './dom.js';
import { EMPTY_FILTERS, hasFilters, toggled, type Store, type ViewState } from './state.js';

export interface FilterData {
  articles: readonly ArticleMeta[];
  kinds: readonly string[];
}

function checkboxList<T>(
  name: string,
  items: readonly T[],
  key: (t: T) => string,
  label: (t: T) => (Node | string)[],
  selected: (s: ViewState) => ReadonlySet<string>,
  store: Store,
  field: 'articles' | 'outlets' | 'kinds',
  lazy = false,
): { element: HTMLElement; sync(s: ViewState): void; build(): void } {
  const boxes: HTMLInputElement[] = [];
  const list = h('ul', { class: 'check-list' });
  let built = false;
  // A lazy list (10,000 articles) is built when it is first opened, not at every load.
  const build = () => {
    if (built) return;
    built = true;
    items.forEach((item, i) => {
      const value = key(item);
      const id = `f-${name}-${i}`;
      const box = h('input', { type: 'checkbox', id, value });
      box.addEventListener('change', () => store.set({ [field]: toggled(store.get()[field], value, box.checked) } as Partial<ViewState>));
      boxes.push(box);
      list.append(h('li', null, box, h('label', { htmlFor: id }, ...label(item))));
    });
  };
  if (!lazy) build();
  return {
    element: list,
    build,
    sync(s) {
      const set = selected(s);
      for (const b of boxes) b.checked = set.has(b.value);
    },
  };
}

export function renderFilters(root: HTMLElement, data: FilterData, store: Store, counter: () => string): () => void {
  // Any of headline, date and outlet may be missing (an article without a title or dateline).
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const articles = [...data.articles].sort((a, b) => text(a.date).localeCompare(text(b.date))
    || (text(a.headline) || a.id).localeCompare(text(b.headline) || b.id));
  const outlets = [...new Set(articles.map((a) => a.outlet).filter(Boolean))].sort();
  const dates = articles.map((a) => text(a.date).slice(0, 10)).filter(Boolean).sort();

  const artList = checkboxList(
    'article',
    articles,
    (a) => a.id,
    (a) => [h('span', { class: 'f-headline' }, a.headline || a.id), h('span', { class: 'f-meta' }, `${a.outlet || 'unknown outlet'} · ${formatDate(a.date)}`)],
    (s) => s.articles,
    store,
    'articles',
    true,
  );
  const outletList = checkboxList('outlet', outlets, (o) => o, (o) => [o], (s) => s.outlets, store, 'outlets');
  const kindList = checkboxList('kind', data.kinds, (k) => k, (k) => [k], (s) => s.kinds, store, 'kinds');

  const from = h('input', { type: 'date', id: 'f-from', min: dates[0] ?? '', max: dates.at(-1) ?? '' });
  const to = h('input', { type: 'date', id: 'f-to', min: dates[0] ?? '', max: dates.at(-1) ?? '' });
  from.addEventListener('change', () => store.set({ from: from.value || null }));
  to.addEventListener('change', () => store.set({ to: to.value || null }));

  const clear = h('button', { type: 'button', class: 'btn btn-small', id: 'f-clear' }, 'Clear filters');
  clear.addEventListener('click', () => store.set({ ...EMPTY_FILTERS }));
  const count = h('p', { class: 'hint', id: 'f-count', attrs: { 'aria-live': 'polite' } });

  replace(
    root,
    h('h2', { class: 'side-title' }, 'Filters'),
    count,
    h('details', { class: 'filter-group', open: false, on: { toggle: () => { artList.build(); artList.sync(store.get()); } } }, h('summary', null, `Articles (${articles.length})`), artList.element),
    outlets.length ? h('details', { class: 'filter-group' }, h('summary', null, `Outlets (${outlets.length})`), outletList.element) : null,
    h(
      'fieldset',
      { class: 'filter-dates' },
      h('legend', null, 'Published'),
      h('label', { htmlFor: 'f-from' }, 'from'),
      from,
      h('label', { htmlFor: 'f-to' }, 'to'),
      to,
    ),
    data.kinds.length ? h('details', { class: 'filter-group' }, h('summary', null, `Event kinds (${data.kinds.length})`), kindList.element) : null,
    clear,
  );

  const sync = () => {
    const s = store.get();
    artList.sync(s);
    outletList.sync(s);
    kindList.sync(s);
    from.value = s.from ?? '';
    to.value = s.to ?? '';
    clear.disabled = !hasFilters(s);
    count.textContent = counter();
  };
  sync();
  return store.subscribe(sync);
}
