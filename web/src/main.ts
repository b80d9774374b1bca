/**
 * Start-up and wiring: load the configuration and the graph, build the view modules,
 * and connect them through the store (selection, view, filters ↔ URL).
 */
import { MultiGraph } from 'graphology';
import { api, type ArticleMeta, type GraphPayload, type ServerConfig } from './api.js';
import { $, announce, h, replace } from './dom.js';
import { GraphView } from './graph-view.js';
import { renderLegend } from './legend.js';
import { renderFilters } from './filters.js';
import { mountSearch } from './search.js';
import { Panel } from './panel.js';
import { SpokespeopleView } from './spokespeople.js';
import { renderSparql } from './sparql.js';
import { renderExport } from './export.js';
import { renderIngest } from './ingest.js';
import { LayoutRunner, layoutControl } from './layout.js';
import { Store, bindToLocation, parseQuery, type View, type ViewState } from './state.js';
import { computeVisibility, eventKinds, type Visibility } from './visibility.js';

/** A stable pseudo-random position for a node the server gave without one. */
function fallbackPosition(key: string): { x: number; y: number } {
  let hsh = 2166136261;
  for (let i = 0; i < key.length; i++) hsh = Math.imul(hsh ^ key.charCodeAt(i), 16777619);
  const a = ((hsh >>> 0) % 3600) / 10;
  const r = 50 + ((hsh >>> 12) % 100);
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

/** The payload, with every node positioned (sigma and ForceAtlas2 need x and y). */
function positioned(p: GraphPayload): GraphPayload {
  return {
    ...p,
    nodes: p.nodes.map((n) => {
      const a = n.attributes ?? ({} as GraphPayload['nodes'][number]['attributes']);
      if (a && Number.isFinite(a.x) && Number.isFinite(a.y)) return n;
      return { ...n, attributes: { ...a, ...fallbackPosition(n.key) } as typeof a };
    }),
  };
}

class App {
  readonly store = new Store(parseQuery(location.search));
  readonly graph = new MultiGraph();
  articles: ArticleMeta[] = [];
  config: ServerConfig | null = null;
  view: GraphView | null = null;
  layout: LayoutRunner | null = null;
  visibility: Visibility = { nodes: null, edges: null };
  panel: Panel;
  spokespeople: SpokespeopleView;
  #cleanups: Array<() => void> = [];
  #layoutButton = layoutControl(() => this.layout);

  constructor() {
    this.panel = new Panel($('#panel'), {
      select: (id) => this.select(id),
      close: () => this.store.set({ node: null }),
      describe: (id) => (this.graph.hasNode(id) ? { label: String(this.graph.getNodeAttribute(id, 'label') ?? id), type: String(this.graph.getNodeAttribute(id, 'type') ?? '') } : null),
    });
    this.spokespeople = new SpokespeopleView($('#view-spokespeople'), (id) => this.select(id, 'graph'), (id) => this.graph.hasNode(id));
  }

  select(id: string | null, view?: View): void {
    this.store.set(view ? { node: id, view } : { node: id });
  }

  async start(): Promise<void> {
    this.#cleanups.push(bindToLocation(this.store));
    $('#layout-slot').append(this.#layoutButton.element);
    this.#wireTabs();
    this.#wireCamera();
    this.#cleanups.push(
      mountSearch($<HTMLInputElement>('#search'), $<HTMLUListElement>('#search-list'), () => this.graph, (id) => {
        this.select(id, 'graph');
        announce(`Selected ${this.graph.getNodeAttribute(id, 'label') ?? id}`);
      }),
    );
    renderSparql($('#view-sparql'), { isKnown: (id) => this.graph.hasNode(id), select: (id) => this.select(id, 'graph') });
    renderExport($('#export'), () => this.view?.sigma ?? null);
    if (window.matchMedia('(max-width: 800px)').matches) $<HTMLDetailsElement>('#sidebar-details').open = false;

    const [config, payload] = await Promise.all([api.config().catch(() => null), api.graph()]);
    this.config = config;
    $('#tab-add').hidden = !config?.writable;
    renderIngest(
      $('#view-add'),
      config,
      async () => {
        await this.reload();
        this.spokespeople.invalidate();
      },
      (id) => this.select(id, 'graph'),
    );

    this.#load(payload);
    this.view = new GraphView($('#graph'), this.graph, { onSelect: (node) => this.select(node) });
    this.layout = new LayoutRunner(this.graph, (running) => this.#layoutButton.update(running));
    this.#afterLoad();

    this.store.subscribe((s, prev) => this.#apply(s, prev));
    this.#apply(this.store.get(), null);
    window.addEventListener('pagehide', () => this.destroy());
    // First frame on screen: the benchmark reads this mark.
    requestAnimationFrame(() => {
      performance.mark('newskg:first-render');
      document.documentElement.dataset.ready = 'true';
    });
    // A read-only handle for the console and the benchmark.
    Object.defineProperty(window, '__newskg', { value: Object.freeze({ graph: this.graph, sigma: this.view.sigma, store: this.store }), configurable: true });
  }

  /** Fetch the graph again (after an article was added) and redraw. */
  async reload(): Promise<void> {
    const payload = await api.graph();
    this.layout?.kill();
    this.#load(payload);
    this.view?.recomputeSizes();
    this.#afterLoad();
    this.#apply(this.store.get(), null, true);
    void this.panel.reload();
  }

  destroy(): void {
    this.layout?.kill();
    this.view?.kill();
    for (const c of this.#cleanups.splice(0)) c();
  }

  #load(payload: GraphPayload): void {
    this.graph.clear();
    this.graph.import(positioned(payload));
    this.articles = payload.articles ?? [];
  }

  #filterCleanups: Array<() => void> = [];
  #afterLoad(): void {
    for (const c of this.#filterCleanups.splice(0)) c();
    this.#filterCleanups.push(renderLegend($('#legend'), this.graph, this.store));
    this.#filterCleanups.push(
      renderFilters($('#filters'), { articles: this.articles, kinds: eventKinds(this.graph) }, this.store, () => {
        const shown = this.visibility.nodes ? this.visibility.nodes.size : this.graph.order;
        return `${shown} of ${this.graph.order} nodes shown`;
      }),
    );
    $('#graph-empty').hidden = this.graph.order > 0;
  }

  #apply(s: ViewState, prev: ViewState | null, force = false): void {
    const filtersChanged =
      force || !prev || ['hiddenTypes', 'hiddenRelations', 'kinds', 'articles', 'outlets', 'from', 'to'].some((k) => s[k as keyof ViewState] !== prev[k as keyof ViewState]);
    if (filtersChanged) {
      this.visibility = computeVisibility(this.graph, this.articles, s);
      this.view?.setVisibility(this.visibility);
      const f = document.getElementById('f-count');
      if (f) f.textContent = `${this.visibility.nodes ? this.visibility.nodes.size : this.graph.order} of ${this.graph.order} nodes shown`;
      $('#graph').dataset.visibleNodes = String(this.visibility.nodes ? this.visibility.nodes.size : this.graph.order);
    }
    if (force || !prev || s.view !== prev.view) this.#showView(s.view);
    if (force || !prev || s.node !== prev.node) {
      const node = s.node && this.graph.hasNode(s.node) ? s.node : null;
      if (s.node && !node) announce('The selected node is not in the graph', 'error');
      this.view?.select(node, { focus: true });
      void this.panel.show(node);
      $('#graph').dataset.selected = node ?? '';
    }
  }

  #showView(v: View): void {
    for (const id of ['graph', 'spokespeople', 'sparql', 'add'] as const) $(`#view-${id}`).hidden = id !== v;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
      if (b.dataset.view === v) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    document.body.dataset.view = v;
    if (v === 'graph' && this.view) {
      this.view.sigma.resize();
      this.view.sigma.refresh();
      if (this.store.get().node) this.view.focusOn(this.store.get().node!);
    }
    if (v === 'spokespeople') void this.spokespeople.show();
  }

  #wireTabs(): void {
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
      b.addEventListener('click', () => this.store.set({ view: b.dataset.view as View }));
    }
  }

  #wireCamera(): void {
    $('#zoom-in').addEventListener('click', () => this.view?.zoom(1.5));
    $('#zoom-out').addEventListener('click', () => this.view?.zoom(1 / 1.5));
    $('#zoom-reset').addEventListener('click', () => this.view?.resetCamera());
    const step = 0.1;
    $('#graph').addEventListener('keydown', (e) => {
      const v = this.view;
      if (!v) return;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => v.pan(-step, 0),
        ArrowRight: () => v.pan(step, 0),
        ArrowUp: () => v.pan(0, step),
        ArrowDown: () => v.pan(0, -step),
        '+': () => v.zoom(1.5),
        '=': () => v.zoom(1.5),
        '-': () => v.zoom(1 / 1.5),
        '0': () => v.resetCamera(),
        Escape: () => this.select(null),
      };
      const fn = keys[e.key];
      if (fn) {
        e.preventDefault();
        fn();
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) && this.store.get().node && !document.querySelector('dialog[open]')) {
        this.select(null);
      }
    });
  }
}

const app = new App();
app.start().catch((e: unknown) => {
  const msg = (e as Error).message ?? String(e);
  announce(msg, 'error');
  replace($('#graph'), h('p', { class: 'error graph-error' }, `Could not load the graph: ${msg}`));
  document.documentElement.dataset.ready = 'error';
});
