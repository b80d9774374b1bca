/**
 * The two views of one graph in the browser. While the server sends the whole event
 * graph (`meta.complete`), the actor view is derived here from it, with the same pure
 * function the server uses. When the graph is too big to ship, the server sends the
 * actor view of the most connected entities, and the parts asked for later
 * (a neighbourhood, the event view around a node) are merged in as they come.
 */
import { MultiGraph } from 'graphology';
import * as fa2 from 'graphology-layout-forceatlas2';
import type { AbstractGraph as Graph } from 'graphology-types';
import { actorView } from '../../src/graph/actor-view.js';
import { api, type ArticleMeta, type GraphMeta, type GraphPayload } from './api.js';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings } from './settings.js';
import type { Mode } from './state.js';

/** A stable pseudo-random position for a node the server gave without one. */
export function fallbackPosition(key: string): { x: number; y: number } {
  let hsh = 2166136261;
  for (let i = 0; i < key.length; i++) hsh = Math.imul(hsh ^ key.charCodeAt(i), 16777619);
  const a = ((hsh >>> 0) % 3600) / 10;
  const r = 50 + ((hsh >>> 12) % 100);
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

type FA2 = { assign(g: Graph, o: { iterations: number; settings?: Record<string, unknown> }): void; inferSettings(g: Graph): Record<string, unknown> };
const forceAtlas2 = ((fa2 as unknown as { default?: FA2 }).default ?? fa2) as unknown as FA2;

/** Add a payload's nodes and edges to a graph (positions kept for nodes already there). */
export function mergePayload(into: Graph, p: Pick<GraphPayload, 'nodes' | 'edges'>): number {
  let added = 0;
  for (const n of p.nodes) {
    if (into.hasNode(n.key)) continue;
    const a = { ...n.attributes };
    if (!Number.isFinite(a.x) || !Number.isFinite(a.y)) Object.assign(a, fallbackPosition(n.key));
    into.addNode(n.key, a);
    added++;
  }
  for (const e of p.edges) {
    if (!e.key || into.hasEdge(e.key) || !into.hasNode(e.source) || !into.hasNode(e.target)) continue;
    into.addDirectedEdgeWithKey(e.key, e.source, e.target, { ...e.attributes });
  }
  return added;
}

export class GraphModel {
  readonly events = new MultiGraph();
  readonly actors = new MultiGraph();
  articles: ArticleMeta[] = [];
  meta: GraphMeta = { view: 'event', complete: true, total: { nodes: 0, edges: 0 }, omitted: 0 };
  /** Bumped on every change of either graph; caches (metrics) key on it. */
  version = 0;
  #eventsLoaded = false;
  #s: ExplorerSettings;

  constructor(s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS) {
    this.#s = s;
  }

  /** True when the browser holds the whole graph (filters and search are local). */
  get complete(): boolean {
    return this.meta.complete;
  }

  graph(mode: Mode): Graph {
    return mode === 'actor' ? this.actors : this.events;
  }

  /** Replace everything with the server's first view. */
  load(p: GraphPayload): void {
    this.events.clear();
    this.actors.clear();
    this.articles = p.articles ?? [];
    this.meta = p.meta ?? { view: 'event', complete: true, total: { nodes: p.nodes.length, edges: p.edges.length }, omitted: 0 };
    if (this.meta.view === 'actor') {
      mergePayload(this.actors, p);
      this.#eventsLoaded = false;
    } else {
      mergePayload(this.events, p);
      this.#eventsLoaded = true;
      actorView(this.events, this.actors);
      this.#layoutActors();
    }
    this.version++;
  }

  /**
   * Make sure the event view has something to draw (server mode: the events around
   * `focus`, or the most connected). Resolves to the nodes added.
   */
  async ensureEvents(focus: string | null, depth: number): Promise<number> {
    if (this.complete) return 0;
    if (this.#eventsLoaded && (!focus || this.events.hasNode(focus))) return 0;
    const p = await api.graphView({ view: 'event', ...(focus ? { focus: [focus], depth } : { limit: 2500 }) });
    this.#eventsLoaded = true;
    return this.merge('event', p);
  }

  /** Server mode: fetch the neighbourhood of `node` in a view and merge it. */
  async fetchAround(mode: Mode, node: string, depth: number): Promise<number> {
    if (this.complete) return 0;
    return this.merge(mode, await api.graphView({ view: mode, focus: [node], depth }));
  }

  /**
   * Server mode: replace a view with what the server selects for these dates and types
   * (the most connected of what matches), so a filter reaches past what was loaded.
   */
  async refetch(mode: Mode, q: { from: string | null; to: string | null; types: string[] | null }, signal?: AbortSignal): Promise<void> {
    const p = await api.graphView({ view: mode, from: q.from, to: q.to, ...(q.types ? { types: q.types } : {}) }, signal);
    const g = this.graph(mode);
    g.clear();
    mergePayload(g, p);
    if (p.meta) this.meta = { ...p.meta, total: this.meta.total };
    this.version++;
  }

  merge(mode: Mode, p: GraphPayload): number {
    const added = mergePayload(this.graph(mode), p);
    const known = new Set(this.articles.map((a) => a.id));
    for (const a of p.articles ?? []) if (!known.has(a.id)) this.articles.push(a);
    if (added) this.version++;
    return added;
  }

  /**
   * The actor view starts from the event view's positions, which were laid out with
   * the events between actors: a short ForceAtlas2 pass here when small, the worker
   * (LayoutRunner) for the rest.
   */
  #layoutActors(): void {
    const g = this.actors;
    if (g.order < 2 || g.order > this.#s.syncLayoutMaxNodes) return;
    forceAtlas2.assign(g, { iterations: 150, settings: { ...forceAtlas2.inferSettings(g), edgeWeightInfluence: 0.5, linLogMode: false } });
  }
}
