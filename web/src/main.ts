/**
 * Start-up and wiring: load the configuration and the graph, build the view modules,
 * and connect them through the store (selection, view, filters, exploration ↔ URL).
 * What is drawn is derived from the state on every change (`#apply`).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { api, type Ref, type ServerConfig } from './api.js';
import { $, announce, h, replace } from './dom.js';
import { GraphView, type Highlight } from './graph-view.js';
import { hiddenSummary, renderEmptyState, renderLegend, type Legend } from './legend.js';
import { renderFilters } from './filters.js';
import { mountSearch } from './search.js';
import { Panel } from './panel.js';
import { SpokespeopleView } from './spokespeople.js';
import { renderSparql } from './sparql.js';
import { renderExport } from './export.js';
import { renderIngest } from './ingest.js';
import { LayoutRunner, layoutControl } from './layout.js';
import { EMPTY_FILTERS, Store, bindToLocation, parseQuery, type View, type ViewState } from './state.js';
import { computeVisibility, eventKinds, within, type Visibility } from './visibility.js';
import { GraphModel } from './model.js';
import { ball, chainOf, edgesAlong, egoNetwork } from './explore.js';
import { explorationTools, type PathView } from './explore-tools.js';
import { actorRelations } from './edge-panel.js';
import { renderTimeline } from './timeline.js';
import { renderAppearance, renderModeSwitch } from './controls.js';
import { MetricsClient, appearanceFor, type Appearance } from './appearance.js';
import { wireKeys } from './keys.js';
import { NODE_TYPES, isEventType } from './settings.js';

const FILTER_KEYS = ['hiddenTypes', 'hiddenRelations', 'kinds', 'articles', 'outlets', 'from', 'to', 'ego', 'expanded', 'depth', 'node', 'mode'] as const;
const changed = (s: ViewState, prev: ViewState | null, keys: readonly (keyof ViewState)[]) => !prev || keys.some((k) => s[k] !== prev[k]);

class App {
  readonly store = new Store(parseQuery(location.search));
  readonly model = new GraphModel();
  config: ServerConfig | null = null;
  view: GraphView | null = null;
  layout: LayoutRunner | null = null;
  visibility: Visibility = { nodes: null, edges: null };
  appearance: Appearance | null = null;
  panel: Panel;
  spokespeople: SpokespeopleView;
  metrics = new MetricsClient();
  #legend: Legend | null = null;
  #path: PathView | null = null;
  #pathKey = '';
  #picking = false;
  #cleanups: Array<() => void> = [];
  #viewCleanups: Array<() => void> = [];
  #layoutButton = layoutControl(() => this.layout);

  constructor() {
    this.panel = new Panel($('#panel'), {
      select: (id) => this.select(id),
      close: () => this.store.set({ node: null, edge: null, pathTo: null }),
      describe: (id) => {
        const g = this.graph;
        return g.hasNode(id) ? { label: String(g.getNodeAttribute(id, 'label') ?? id), type: String(g.getNodeAttribute(id, 'type') ?? '') } : null;
      },
      tools: (id) => this.#tools(id),
      chain: (id) => chainOf(this.model.events, id).map((n) => this.#ref(this.model.events, n)),
      actorRelations: (id) => (this.store.get().mode === 'actor' ? actorRelations(this.graph, id, { selectEdge: (e) => this.#selectEdge(e) }) : null),
      selectEdge: (e) => this.#selectEdge(e),
    });
    this.spokespeople = new SpokespeopleView($('#view-spokespeople'), (id) => this.select(id, 'graph'), (id) => this.graph.hasNode(id));
  }

  get graph(): Graph {
    return this.model.graph(this.store.get().mode);
  }

  #ref(g: Graph, n: string): Ref & { type: string } {
    return { id: n, label: String(g.getNodeAttribute(n, 'label') ?? n), type: String(g.getNodeAttribute(n, 'type') ?? '') };
  }

  /** Select a node; while choosing the other end of a path, the choice is that end instead. */
  select(id: string | null, view?: View): void {
    const s = this.store.get();
    if (this.#picking && id && s.node && id !== s.node) {
      this.#picking = false;
      this.store.set({ pathTo: id, view: 'graph' });
      return;
    }
    this.#picking = false;
    this.store.set({ node: id, edge: null, pathTo: id === s.node ? s.pathTo : null, ...(view ? { view } : {}) });
  }

  async start(): Promise<void> {
    this.#cleanups.push(bindToLocation(this.store));
    $('#layout-slot').append(this.#layoutButton.element);
    this.#wireTabs();
    this.#cleanups.push(
      mountSearch($<HTMLInputElement>('#search'), $<HTMLUListElement>('#search-list'), () => this.graph, (hit) => void this.#chooseSearchHit(hit.id, hit.label, hit.inGraph !== false)),
      renderModeSwitch($('#mode-slot'), this.store),
      renderAppearance($('#appearance'), this.store),
      () => this.metrics.kill(),
    );
    renderSparql($('#view-sparql'), { isKnown: (id) => this.graph.hasNode(id), select: (id) => this.select(id, 'graph') });
    renderExport($('#export'), () => this.view?.sigma ?? null, () => this.visibility);
    if (window.matchMedia('(max-width: 800px)').matches) $<HTMLDetailsElement>('#sidebar-details').open = false;

    const [config, payload] = await Promise.all([api.config().catch(() => null), api.graph()]);
    this.config = config;
    $('#tab-add').hidden = !config?.writable;
    renderIngest($('#view-add'), config, async () => { await this.reload(); this.spokespeople.invalidate(); }, (id) => this.select(id, 'graph'));

    this.model.load(payload);
    const s0 = this.store.get();
    if (s0.mode === 'event') await this.model.ensureEvents(s0.node, s0.depth);
    this.view = new GraphView($('#graph'), this.graph, {
      onSelect: (node) => this.select(node),
      onSelectEdge: (edge) => this.#selectEdge(edge),
      onPin: (node) => { announce(`Pinned ${this.graph.getNodeAttribute(node, 'label') ?? node}`); this.panel.refreshTools(); },
    });
    this.#renderTimeline();
    this.#cleanups.push(() => this.#timelineCleanup?.());
    this.#cleanups.push(wireKeys($('#graph'), this.view, () => this.select(null), () => !!this.store.get().node || !!this.store.get().edge));
    this.#afterLoad();
    // One change at a time: an apply can wait for the server, and the next must see its result.
    this.store.subscribe((s, prev) => {
      this.#queue = this.#queue.then(() => this.#apply(s, prev)).catch((e: unknown) => announce((e as Error).message, 'error'));
    });
    await this.#apply(this.store.get(), null);
    window.addEventListener('pagehide', () => this.destroy());
    // First frame on screen: the benchmark reads this mark.
    requestAnimationFrame(() => {
      performance.mark('newskg:first-render');
      document.documentElement.dataset.ready = 'true';
    });
    // A read-only handle for the console, the tests and the benchmark.
    Object.defineProperty(window, '__newskg', { get: () => Object.freeze({ graph: this.graph, model: this.model, sigma: this.view!.sigma, store: this.store, labels: () => this.view!.labelBoxes() }), configurable: true });
  }

  /** Fetch the graph again (after an article was added) and redraw. */
  async reload(): Promise<void> {
    const payload = await api.graph();
    this.layout?.kill();
    this.model.load(payload);
    this.#renderTimeline();
    this.#afterLoad();
    await this.#apply(this.store.get(), null, true);
    void this.panel.reload();
  }

  destroy(): void {
    this.layout?.kill();
    this.view?.kill();
    for (const c of [...this.#viewCleanups.splice(0), ...this.#cleanups.splice(0)]) c();
  }

  async #chooseSearchHit(id: string, label: string, inGraph: boolean): Promise<void> {
    const s = this.store.get();
    if (!this.graph.hasNode(id) && inGraph && !this.model.complete) {
      announce(`Loading the neighbourhood of ${label}…`);
      await this.model.fetchAround(s.mode, id, s.depth);
      this.view?.sigma.refresh();
    }
    this.select(id, 'graph');
    announce(this.graph.hasNode(id) ? `Selected ${label}` : `${label} is named in the articles but has no relation: it is not drawn`);
  }

  /** Everything that depends on which graph is drawn: legend, filters, timeline, layout. */
  #afterLoad(): void {
    for (const c of this.#viewCleanups.splice(0)) c();
    const g = this.graph;
    this.view?.setGraph(g);
    this.layout?.kill();
    this.layout = new LayoutRunner(g, (running) => this.#layoutButton.update(running));
    this.#legend = renderLegend($('#legend'), g, this.store);
    this.#viewCleanups.push(() => this.#legend?.dispose());
    this.#viewCleanups.push(renderFilters($('#filters'), { articles: this.model.articles, kinds: eventKinds(g) }, this.store, () => this.#countText()));
    const m = this.model.meta;
    const note = $('#scale-note');
    note.hidden = m.complete && m.omitted === 0;
    note.textContent = m.complete ? '' : `Showing the ${g.order.toLocaleString('en')} most connected of ${m.total.nodes.toLocaleString('en')} in the ${m.view} view${m.omittedEdges ? `, with their ${g.size.toLocaleString('en')} strongest links` : ''}; search, expand and the event view load the rest from the server.`;
  }

  #timelineCleanup: (() => void) | null = null;
  /** The timeline counts the articles' events: drawn again only when the articles change. */
  #renderTimeline(): void {
    this.#timelineCleanup?.();
    const perArticle = new Map<string, number>();
    this.model.events.forEachNode((_n, a) => {
      if (isEventType(String(a.type))) for (const id of (a.articles as string[] | undefined) ?? []) perArticle.set(id, (perArticle.get(id) ?? 0) + 1);
    });
    // Events per article when the events are here; else one per article.
    this.#timelineCleanup = renderTimeline($('#timeline'), this.model.articles, (a) => (perArticle.size ? (perArticle.get(a.id) ?? 0) : 1), this.store);
  }

  #countText(): string {
    const g = this.graph;
    return `${this.visibility.nodes ? this.visibility.nodes.size : g.order} of ${g.order} nodes shown`;
  }

  async #apply(s: ViewState, prev: ViewState | null, force = false): Promise<void> {
    if (!this.view) return;
    if (force || changed(s, prev, ['mode'])) {
      if (s.mode === 'event' && !this.model.complete) await this.model.ensureEvents(s.node, s.depth);
      this.#afterLoad();
      // Switching keeps the selection: an event selected in the event view becomes its actor.
      if (prev && s.mode !== prev.mode && s.node && !this.graph.hasNode(s.node)) {
        const other = this.#counterpart(s.node, s.mode);
        if (other) return this.store.set({ node: other, pathTo: null });
      }
    }
    if (!this.model.complete && prev && changed(s, prev, ['from', 'to', 'hiddenTypes'])) await this.#refetch(s);
    const g = this.graph;
    const node = s.node && g.hasNode(s.node) ? s.node : null;
    if (force || changed(s, prev, FILTER_KEYS)) {
      let v = computeVisibility(g, this.model.articles, s);
      if (s.ego) v = within(g, v, egoNetwork(g, g.hasNode(s.ego) ? s.ego : null, s.depth, s.expanded));
      this.visibility = v;
      this.view.setVisibility(v);
      this.#showCounts();
    }
    if (force || changed(s, prev, ['mode', 'sizeBy', 'colorBy'])) void this.#appearance(s);
    if (force || changed(s, prev, ['labels'])) this.view.setLabelDensity(s.labels);
    if (force || changed(s, prev, ['view'])) this.#showView(s.view);
    if (force || changed(s, prev, ['node', 'pathTo', 'depth', 'mode', 'edge', 'ego', 'expanded'])) {
      await this.#updatePath(s);
      const highlight = this.#highlight(s, node);
      this.view.select(node, highlight, s.edge);
      if (changed(s, prev, ['node', 'edge', 'mode']) || force) {
        if (s.edge && g.hasEdge(s.edge)) void this.panel.showEdge(this.#edgeInfo(s.edge));
        else void this.panel.show(s.node);
        if (node && changed(s, prev, ['node'])) this.view.focusOn(highlight?.order ? highlight.nodes : ball(g, node, 1));
        if (!s.node && !s.edge && prev && (prev.node || prev.edge)) announce('');
      } else this.panel.refreshTools();
      $('#graph').dataset.selected = node ?? '';
    }
  }

  #queue: Promise<void> = Promise.resolve();
  #refetchCtrl: AbortController | null = null;
  /** Server mode: dates and types are asked of the server, which holds what was not loaded. */
  async #refetch(s: ViewState): Promise<void> {
    this.#refetchCtrl?.abort();
    const ctrl = (this.#refetchCtrl = new AbortController());
    const types = s.hiddenTypes.size ? NODE_TYPES.filter((t) => !s.hiddenTypes.has(t)) : null;
    try {
      await this.model.refetch(s.mode, { from: s.from, to: s.to, types }, ctrl.signal);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') announce((e as Error).message, 'error');
      return;
    }
    if (ctrl.signal.aborted) return;
    this.#afterLoad();
    this.view?.sigma.refresh();
  }

  /** The node that stands for `id` in the other view: an event's first actor; an actor itself. */
  #counterpart(id: string, mode: string): string | null {
    if (mode !== 'actor' || !this.model.events.hasNode(id)) return null;
    const chain = chainOf(this.model.events, id);
    if (chain[0]) return chain[0];
    const near = [...ball(this.model.events, id, 1)].find((n) => this.model.actors.hasNode(n));
    return near ?? null;
  }

  #highlight(s: ViewState, node: string | null): Highlight | null {
    const g = this.graph;
    if (this.#path?.status === 'found') {
      const nodes = this.#path.steps.map((x) => x.id);
      return { nodes: new Set(nodes), edges: new Set(edgesAlong(g, nodes)), order: new Map(nodes.map((n, i) => [n, i])) };
    }
    if (!node) return null;
    if (s.mode === 'event' && g.getNodeAttribute(node, 'type') === 'response') {
      const chain = chainOf(g, node);
      if (chain.length > 1) return { nodes: new Set(chain), edges: new Set(edgesAlong(g, chain)), order: new Map(chain.map((n, i) => [n, i])) };
    }
    return { nodes: ball(g, node, s.depth), edges: null, order: null };
  }

  async #updatePath(s: ViewState): Promise<void> {
    const key = s.node && s.pathTo ? `${s.mode}|${s.node}|${s.pathTo}` : '';
    if (key === this.#pathKey) return;
    this.#pathKey = key;
    if (!key) {
      this.#path = null;
      return;
    }
    this.#path = { status: 'loading', steps: [], message: 'Finding a path…' };
    try {
      const p = await api.path(s.node!, s.pathTo!, s.mode);
      if (key !== this.#pathKey) return;
      if (!this.model.complete) for (const n of p.nodes) if (!this.graph.hasNode(n)) await this.model.fetchAround(s.mode, n, 0);
      const g = this.graph;
      const rel = new Map(p.edges.map((e, i) => [i + 1, e.relation]));
      this.#path = p.nodes.length
        ? { status: 'found', steps: p.nodes.map((n, i) => ({ ...this.#ref(g, n), relation: rel.get(i) })) }
        : { status: 'none', steps: [], message: 'No path joins them in this view.' };
      if (p.nodes.length) {
        announce(`A path of ${p.nodes.length - 1} steps`);
        this.view?.focusOn(p.nodes);
      }
    } catch (e) {
      this.#path = { status: 'error', steps: [], message: (e as Error).message };
    }
  }

  #tools(id: string): HTMLElement | null {
    const g = this.graph;
    if (!g.hasNode(id)) return null;
    const s = this.store.get();
    const path = this.#picking ? { status: 'picking' as const, steps: [], message: 'Choose the other end: click a node or search for it.' } : this.#path;
    return explorationTools(id, s, { pinned: !!g.getNodeAttribute(id, 'fixed'), expandable: true, path }, {
      set: (patch) => this.store.set(patch),
      expand: (n) => void this.#expand(n),
      collapse: (n) => {
        const next = new Set(this.store.get().expanded);
        next.delete(n);
        this.store.set({ expanded: next });
      },
      pickPath: () => {
        this.#picking = true;
        announce('Choose the other end of the path: click a node or search for it');
        this.panel.refreshTools();
      },
      zoomTo: (n) => this.view?.focusOn(ball(this.graph, n, 1)),
      unpin: (n) => {
        this.graph.removeNodeAttribute(n, 'fixed');
        this.panel.refreshTools();
      },
      select: (n) => this.select(n),
    });
  }

  async #expand(n: string): Promise<void> {
    const s = this.store.get();
    await this.model.fetchAround(s.mode, n, 1);
    this.store.set({ expanded: new Set([...s.expanded, n]) });
  }

  #selectEdge(edge: string): void {
    this.#picking = false;
    this.store.set({ edge, node: null, pathTo: null });
  }

  #edgeInfo(edge: string) {
    const g = this.graph;
    const a = g.getEdgeAttributes(edge);
    const [src, tgt] = [g.source(edge), g.target(edge)];
    const siblings = [...g.edges(src, tgt), ...g.edges(tgt, src)].filter((e) => e !== edge)
      .map((e) => ({ key: e, text: `${g.getNodeAttribute(g.source(e), 'label')} ${String(g.getEdgeAttribute(e, 'label'))} ${g.getNodeAttribute(g.target(e), 'label')}` }));
    return {
      siblings,
      key: edge, relation: String(a.relation), source: this.#ref(g, g.source(edge)), target: this.#ref(g, g.target(edge)),
      weight: Number(a.weight ?? 1), events: (a.events as string[] | undefined) ?? [], kinds: (a.kinds as string[] | undefined) ?? [],
    };
  }

  async #appearance(s: ViewState): Promise<void> {
    const g = this.graph;
    const a = await appearanceFor(g, s.sizeBy, s.colorBy, this.metrics, `${s.mode}|${this.model.version}`);
    if (g !== this.graph) return;
    this.appearance = a;
    this.view?.setAppearance(a);
    this.#legend?.update(this.visibility, a);
  }

  #showCounts(): void {
    const g = this.graph;
    const v = this.visibility;
    const shown = v.nodes ? v.nodes.size : g.order;
    const f = document.getElementById('f-count');
    if (f) f.textContent = this.#countText();
    $('#graph').dataset.visibleNodes = String(shown);
    this.#legend?.update(v, this.appearance);
    const summary = hiddenSummary(g, v, this.store);
    const note = $('#hidden-note');
    note.hidden = !summary;
    replace(note, summary ?? '');
    renderEmptyState($('#graph-empty'), g.order, shown, () => this.store.set({ ...EMPTY_FILTERS, ego: null, expanded: new Set() }));
  }

  #showView(v: View): void {
    for (const id of ['graph', 'spokespeople', 'sparql', 'add'] as const) $(`#view-${id}`).hidden = id !== v;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
      if (b.dataset.view === v) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    document.body.dataset.view = v;
    // What the status line said was about the view being left.
    announce('');
    if (v === 'graph' && this.view) {
      this.view.sigma.resize();
      this.view.sigma.refresh();
    }
    if (v === 'spokespeople') void this.spokespeople.show();
  }

  #wireTabs(): void {
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
      b.addEventListener('click', () => this.store.set({ view: b.dataset.view as View }));
    }
  }
}

const app = new App();
app.start().catch((e: unknown) => {
  const msg = (e as Error).message ?? String(e);
  announce(msg, 'error');
  replace($('#graph'), h('p', { class: 'error graph-error' }, `Could not load the graph: ${msg}`));
  document.documentElement.dataset.ready = 'error';
});
