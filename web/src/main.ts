/**
 * Start-up and wiring: load the configuration and the graph, build the view modules,
 * and connect them through the store (selection, view, filters, exploration ↔ URL).
 * What is drawn is derived from the state on every change (`#apply`).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { api, type ServerConfig } from './api.js';
import { $, announce, h, replace } from './dom.js';
import { GraphView } from './graph-view.js';
import { renderLegend, type Legend } from './legend.js';
import { renderFilters } from './filters.js';
import { mountSearch } from './search.js';
import { Panel } from './panel.js';
import { SpokespeopleView } from './spokespeople.js';
import { renderSparql } from './sparql.js';
import { renderExport } from './export.js';
import { renderIngest } from './ingest.js';
import { LayoutRunner, layoutControl } from './layout.js';
import { Store, bindToLocation, parseQuery, type View, type ViewState } from './state.js';
import { computeVisibility, eventKinds, within, type Visibility } from './visibility.js';
import { GraphModel } from './model.js';
import { ball, chainOf, counterpart, egoNetwork } from './explore.js';
import { explorationTools } from './explore-tools.js';
import { actorRelations, edgeInfo } from './edge-panel.js';
import { eventsPerArticle, renderTimeline } from './timeline.js';
import { PathFinder, refOf } from './path-finder.js';
import { countText, showCounts, showScaleNote, showView, wireTabs } from './views.js';
import { renderAppearance, renderModeSwitch } from './controls.js';
import { MetricsClient, appearanceFor, type Appearance } from './appearance.js';
import { wireKeys } from './keys.js';
import { NODE_TYPES } from './settings.js';

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
  readonly path = new PathFinder(this.model, () => this.graph, (nodes) => this.view?.focusOn(nodes));
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
      chain: (id) => chainOf(this.model.events, id).map((n) => refOf(this.model.events, n)),
      actorRelations: (id) => (this.store.get().mode === 'actor' ? actorRelations(this.graph, id, { selectEdge: (e) => this.#selectEdge(e) }) : null),
      selectEdge: (e) => this.#selectEdge(e),
    });
    this.spokespeople = new SpokespeopleView($('#view-spokespeople'), (id) => this.select(id, 'graph'), (id) => this.graph.hasNode(id));
  }

  get graph(): Graph {
    return this.model.graph(this.store.get().mode);
  }

  /** Select a node; while choosing the other end of a path, the choice is that end instead. */
  select(id: string | null, view?: View): void {
    const s = this.store.get();
    const picking = this.path.picking;
    this.path.picking = false;
    if (picking && id && s.node && id !== s.node) return this.store.set({ pathTo: id, view: 'graph' });
    this.store.set({ node: id, edge: null, pathTo: id === s.node ? s.pathTo : null, ...(view ? { view } : {}) });
  }

  async start(): Promise<void> {
    this.#cleanups.push(bindToLocation(this.store));
    $('#layout-slot').append(this.#layoutButton.element);
    wireTabs(this.store);
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
    this.#viewCleanups.push(renderFilters($('#filters'), { articles: this.model.articles, kinds: eventKinds(g) }, this.store, () => countText(this.graph, this.visibility)));
    showScaleNote(g, this.model.meta);
  }

  #timelineCleanup: (() => void) | null = null;
  /** The timeline counts the articles' events: drawn again only when the articles change. */
  #renderTimeline(): void {
    this.#timelineCleanup?.();
    const perArticle = eventsPerArticle(this.model.events);
    // Events per article when the events are here; else one per article.
    this.#timelineCleanup = renderTimeline($('#timeline'), this.model.articles, (a) => (perArticle.size ? (perArticle.get(a.id) ?? 0) : 1), this.store);
  }

  async #apply(s: ViewState, prev: ViewState | null, force = false): Promise<void> {
    if (!this.view) return;
    if (force || changed(s, prev, ['mode'])) {
      if (s.mode === 'event' && !this.model.complete) await this.model.ensureEvents(s.node, s.depth);
      this.#afterLoad();
      // Switching keeps the selection: an event selected in the event view becomes its actor.
      if (prev && s.mode !== prev.mode && s.node && !this.graph.hasNode(s.node)) {
        const other = s.mode === 'actor' ? counterpart(this.model.events, this.model.actors, s.node) : null;
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
      showCounts(g, v, this.#legend, this.appearance, this.store);
    }
    if (force || changed(s, prev, ['mode', 'sizeBy', 'colorBy'])) void this.#appearance(s);
    if (force || changed(s, prev, ['labels'])) this.view.setLabelDensity(s.labels);
    if (force || changed(s, prev, ['view'])) showView(s.view, this.view, this.spokespeople);
    if (force || changed(s, prev, ['node', 'pathTo', 'depth', 'mode', 'edge', 'ego', 'expanded'])) {
      await this.path.update(s);
      const highlight = this.path.highlight(s, node);
      this.view.select(node, highlight, s.edge);
      if (changed(s, prev, ['node', 'edge', 'mode']) || force) {
        if (s.edge && g.hasEdge(s.edge)) void this.panel.showEdge(edgeInfo(g, s.edge));
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

  #tools(id: string): HTMLElement | null {
    const g = this.graph;
    if (!g.hasNode(id)) return null;
    const s = this.store.get();
    return explorationTools(id, s, { pinned: !!g.getNodeAttribute(id, 'fixed'), expandable: true, path: this.path.view }, {
      set: (patch) => this.store.set(patch),
      expand: (n) => void this.#expand(n),
      collapse: (n) => {
        const next = new Set(this.store.get().expanded);
        next.delete(n);
        this.store.set({ expanded: next });
      },
      pickPath: () => {
        this.path.picking = true;
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
    this.path.picking = false;
    this.store.set({ edge, node: null, pathTo: null });
  }

  async #appearance(s: ViewState): Promise<void> {
    const g = this.graph;
    const a = await appearanceFor(g, s.sizeBy, s.colorBy, this.metrics, `${s.mode}|${this.model.version}`);
    if (g !== this.graph) return;
    this.appearance = a;
    this.view?.setAppearance(a);
    this.#legend?.update(this.visibility, a);
  }
}

const app = new App();
app.start().catch((e: unknown) => {
  const msg = (e as Error).message ?? String(e);
  announce(msg, 'error');
  replace($('#graph'), h('p', { class: 'error graph-error' }, `Could not load the graph: ${msg}`));
  document.documentElement.dataset.ready = 'error';
});
