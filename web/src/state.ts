/**
 * The view state — selected node, current view, filters — and its two-way mapping to
 * the URL query string, so that any view can be shared. A tiny store: `get`, `set`,
 * `subscribe`. Nothing here touches the DOM except `bindToLocation`.
 */

export const VIEWS = ['graph', 'spokespeople', 'sparql', 'add'] as const;
export type View = (typeof VIEWS)[number];

export interface Filters {
  /** Node types hidden via the legend. */
  hiddenTypes: ReadonlySet<string>;
  /** Relations hidden. */
  hiddenRelations: ReadonlySet<string>;
  /** Only these event kinds (accusation/response `kind`); empty = all. */
  kinds: ReadonlySet<string>;
  /** Only these articles (ids); empty = all. */
  articles: ReadonlySet<string>;
  /** Only these outlets; empty = all. */
  outlets: ReadonlySet<string>;
  /** Date range (ISO yyyy-mm-dd, inclusive); null = open. */
  from: string | null;
  to: string | null;
}

export const MODES = ['actor', 'event'] as const;
/** Which view of the graph is drawn: actors with folded events (default), or events as nodes. */
export type Mode = (typeof MODES)[number];
export const SIZE_BY = ['degree', 'betweenness', 'articles', 'type'] as const;
export type SizeBy = (typeof SIZE_BY)[number];
export const COLOR_BY = ['type', 'community', 'degree', 'betweenness'] as const;
export type ColorBy = (typeof COLOR_BY)[number];

export interface Exploration {
  mode: Mode;
  /** Ego network depth around the selection, 1–3. */
  depth: number;
  /** Draw only the ego network of this node (and what was expanded), not the whole graph. */
  ego: string | null;
  /** Nodes whose neighbours are drawn too, in ego mode. */
  expanded: ReadonlySet<string>;
  /** The other end of a path from the selected node (drawn from /api/path). */
  pathTo: string | null;
  sizeBy: SizeBy;
  colorBy: ColorBy;
  /** Label density multiplier (1 = default). */
  labels: number;
  /** A selected edge of the actor view (its evidence is shown). */
  edge: string | null;
}

export interface ViewState extends Filters, Exploration {
  view: View;
  node: string | null;
}

export const EMPTY_FILTERS: Filters = Object.freeze({
  hiddenTypes: new Set<string>(),
  hiddenRelations: new Set<string>(),
  kinds: new Set<string>(),
  articles: new Set<string>(),
  outlets: new Set<string>(),
  from: null,
  to: null,
});

export const INITIAL_EXPLORATION: Exploration = Object.freeze({
  mode: 'actor' as Mode, depth: 1, ego: null, expanded: new Set<string>(), pathTo: null, sizeBy: 'degree' as SizeBy, colorBy: 'type' as ColorBy, labels: 1, edge: null,
});

export const INITIAL_STATE: ViewState = Object.freeze({ view: 'graph' as View, node: null, ...EMPTY_FILTERS, ...INITIAL_EXPLORATION });

function labelsParam(v: string | null): number {
  const n = Number(v);
  return v !== null && v !== '' && Number.isFinite(n) ? Math.min(4, Math.max(0, n)) : 1;
}

function oneOf<T extends string>(list: readonly T[], v: string | null, fallback: T): T {
  return (list as readonly string[]).includes(v ?? '') ? (v as T) : fallback;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, key: string): Set<string> {
  const out = new Set<string>();
  for (const v of params.getAll(key)) for (const part of v.split(',')) if (part.trim()) out.add(part.trim());
  return out;
}

/** Parse a query string (`?node=…&hide=country,place&article=a&article=b&from=…`). Unknown keys are ignored. */
export function parseQuery(search: string): ViewState {
  const p = new URLSearchParams(search);
  const view = p.get('view');
  const from = p.get('from');
  const to = p.get('to');
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'graph',
    node: p.get('node') || null,
    hiddenTypes: list(p, 'hide'),
    hiddenRelations: list(p, 'hideRel'),
    kinds: list(p, 'kind'),
    // Article ids and outlets may hold commas: they are repeated, never comma-joined.
    articles: new Set(p.getAll('article').filter(Boolean)),
    outlets: new Set(p.getAll('outlet').filter(Boolean)),
    from: from && DATE.test(from) ? from : null,
    to: to && DATE.test(to) ? to : null,
    mode: oneOf(MODES, p.get('mode'), 'actor'),
    depth: Math.min(3, Math.max(1, Number(p.get('depth')) || 1)),
    ego: p.get('ego') || null,
    expanded: new Set(p.getAll('expand').filter(Boolean)),
    pathTo: p.get('path') || null,
    sizeBy: oneOf(SIZE_BY, p.get('size'), 'degree'),
    colorBy: oneOf(COLOR_BY, p.get('color'), 'type'),
    labels: labelsParam(p.get('labels')),
    edge: p.get('edge') || null,
  };
}

/** The query string for a state (no leading '?'; '' for the initial state). Stable key order. */
export function toQuery(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.view !== 'graph') p.set('view', s.view);
  if (s.node) p.set('node', s.node);
  if (s.hiddenTypes.size) p.set('hide', [...s.hiddenTypes].sort().join(','));
  if (s.hiddenRelations.size) p.set('hideRel', [...s.hiddenRelations].sort().join(','));
  if (s.kinds.size) p.set('kind', [...s.kinds].sort().join(','));
  for (const a of [...s.articles].sort()) p.append('article', a);
  for (const o of [...s.outlets].sort()) p.append('outlet', o);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.mode !== 'actor') p.set('mode', s.mode);
  if (s.depth !== 1) p.set('depth', String(s.depth));
  if (s.ego) p.set('ego', s.ego);
  for (const n of [...s.expanded].sort()) p.append('expand', n);
  if (s.pathTo) p.set('path', s.pathTo);
  if (s.sizeBy !== 'degree') p.set('size', s.sizeBy);
  if (s.colorBy !== 'type') p.set('color', s.colorBy);
  if (s.labels !== 1) p.set('labels', String(s.labels));
  if (s.edge) p.set('edge', s.edge);
  return p.toString();
}

export function hasFilters(s: Filters): boolean {
  return !!(s.hiddenTypes.size || s.hiddenRelations.size || s.kinds.size || s.articles.size || s.outlets.size || s.from || s.to);
}

export type Listener = (state: ViewState, previous: ViewState) => void;

export class Store {
  #state: ViewState;
  #listeners = new Set<Listener>();

  constructor(initial: ViewState = INITIAL_STATE) {
    this.#state = initial;
  }

  get(): ViewState {
    return this.#state;
  }

  /** Merge a patch; listeners run only when something changed. */
  set(patch: Partial<ViewState>): void {
    const previous = this.#state;
    const next = { ...previous, ...patch };
    if (toQuery(next) === toQuery(previous)) return;
    this.#state = next;
    for (const l of this.#listeners) l(next, previous);
  }

  subscribe(l: Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
}

/** A copy of a set with `value` added or removed. */
export function toggled<T>(set: ReadonlySet<T>, value: T, on?: boolean): Set<T> {
  const out = new Set(set);
  const add = on ?? !out.has(value);
  if (add) out.add(value);
  else out.delete(value);
  return out;
}

/**
 * Keep the URL and the store in step: the store follows back/forward, the URL follows
 * the store (a new history entry when the node or view changes, a replaced one for filters).
 */
export function bindToLocation(store: Store, win: Window = window): () => void {
  const onPop = () => store.set(parseQuery(win.location.search));
  win.addEventListener('popstate', onPop);
  const off = store.subscribe((s, prev) => {
    const q = toQuery(s);
    const url = `${win.location.pathname}${q ? `?${q}` : ''}${win.location.hash}`;
    if (`?${q}` === win.location.search || (!q && !win.location.search)) return;
    if (s.node !== prev.node || s.view !== prev.view) win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  });
  return () => {
    win.removeEventListener('popstate', onPop);
    off();
  };
}
