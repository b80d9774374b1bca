/**
 * Appearance mapping: node size and colour by type, degree, betweenness, number of
 * articles or Louvain community, with the legend that says what they mean. The
 * metrics that take time run in a worker (metrics.worker.ts), one at a time, and the
 * worker is terminated on cleanup.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings, isEventType, nodeColor } from './settings.js';
import type { ColorBy, SizeBy } from './state.js';
import type { MetricsReply, MetricsRequest } from './metrics.worker.js';

/** Twelve categorical colours (3:1 on the light background) for communities; the rest grey. */
export const COMMUNITY_COLORS = ['#2f5bd0', '#c25500', '#1f7a3a', '#b0287e', '#7b3fa0', '#00808a', '#8d5524', '#d0262d', '#52661f', '#56697a', '#8a7300', '#2449ad'];

export interface Appearance {
  sizes: Map<string, number>;
  /** null: colour by type (the reducer's default). */
  colors: Map<string, string> | null;
  /** Legend rows for the colour mapping (label, colour). */
  legend: Array<{ label: string; color: string }>;
  sizeNote: string;
}

/** Weighted degree (actor edges carry `weight`, event edges count 1). */
export function weightedDegree(graph: Graph, node: string): number {
  let d = 0;
  graph.forEachEdge(node, (_e, a) => (d += typeof a.weight === 'number' ? a.weight : 1));
  return d;
}

/** A light-to-dark blue for a value in [0, 1]. */
export function ramp(t: number): string {
  const c = (a: number, b: number) => Math.round(a + (b - a) * Math.max(0, Math.min(1, t)));
  return `rgb(${c(150, 20)}, ${c(175, 40)}, ${c(230, 120)})`;
}

/** Sizes from a value per node: √-scaled into the settings' range; events stay small. */
export function sizesFrom(graph: Graph, value: (n: string) => number, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): Map<string, number> {
  let max = 0;
  graph.forEachNode((n) => (max = Math.max(max, value(n))));
  const out = new Map<string, number>();
  graph.forEachNode((n, a) => {
    const r = isEventType(String(a.type)) ? s.eventSize : s.entitySize;
    const t = max > 0 ? Math.sqrt(value(n) / max) : 0;
    out.set(n, r.min + (r.max - r.min) * t);
  });
  return out;
}

export class MetricsClient {
  #worker: Worker | null = null;
  #seq = 0;
  #pending = new Map<number, (v: Record<string, number>) => void>();
  #cache = new Map<string, Record<string, number>>();

  /** A metric of `graph`, cached per graph version key. */
  async compute(graph: Graph, metric: MetricsRequest['metric'], version: string): Promise<Record<string, number>> {
    const key = `${metric}|${version}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    if (!this.#worker) {
      this.#worker = new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (ev: MessageEvent<MetricsReply>) => {
        const done = this.#pending.get(ev.data.id);
        this.#pending.delete(ev.data.id);
        done?.(ev.data.error ? {} : ev.data.values);
      };
    }
    const nodes = graph.nodes();
    const index = new Map(nodes.map((n, i) => [n, i]));
    const edges: MetricsRequest['edges'] = [];
    graph.forEachEdge((_e, a, s, t) => edges.push([index.get(s)!, index.get(t)!, typeof a.weight === 'number' ? a.weight : 1]));
    const id = ++this.#seq;
    const values = await new Promise<Record<string, number>>((ok) => {
      this.#pending.set(id, ok);
      this.#worker!.postMessage({ id, metric, nodes, edges } satisfies MetricsRequest);
    });
    this.#cache.set(key, values);
    return values;
  }

  kill(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const done of this.#pending.values()) done({});
    this.#pending.clear();
  }
}

/** The appearance for a size and a colour mapping (metrics from the worker when needed). */
export async function appearanceFor(graph: Graph, sizeBy: SizeBy, colorBy: ColorBy, metrics: MetricsClient, version: string, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): Promise<Appearance> {
  const need = new Set<MetricsRequest['metric']>();
  if (sizeBy === 'betweenness' || colorBy === 'betweenness') need.add('betweenness');
  if (colorBy === 'community') need.add('community');
  const values: Partial<Record<MetricsRequest['metric'], Record<string, number>>> = {};
  for (const m of need) values[m] = await metrics.compute(graph, m, version);

  const articles = (n: string) => ((graph.getNodeAttribute(n, 'articles') as unknown[] | undefined) ?? []).length;
  const bc = (n: string) => values.betweenness?.[n] ?? 0;
  const sizeValue: Record<SizeBy, (n: string) => number> = {
    degree: (n) => weightedDegree(graph, n),
    betweenness: bc,
    articles,
    type: () => 0.35,
  };
  const sizes = sizeBy === 'type' ? sizesFrom(graph, () => 1, { ...s, entitySize: { ...s.entitySize, max: s.entitySize.min + 4 } }) : sizesFrom(graph, sizeValue[sizeBy], s);
  const sizeNote = { degree: 'Size: number of connections (weighted by events).', betweenness: 'Size: betweenness centrality (how often a node lies on shortest paths).', articles: 'Size: number of articles naming it.', type: 'Size: fixed by type.' }[sizeBy];

  if (colorBy === 'type') return { sizes, colors: null, legend: [], sizeNote };
  const colors = new Map<string, string>();
  const legend: Appearance['legend'] = [];
  if (colorBy === 'community') {
    const comm = values.community ?? {};
    const members = new Map<number, string[]>();
    for (const [n, c] of Object.entries(comm)) members.set(c, [...(members.get(c) ?? []), n]);
    const ranked = [...members].sort((a, b) => b[1].length - a[1].length);
    ranked.forEach(([, ns], i) => {
      const color = COMMUNITY_COLORS[i] ?? s.unknownNodeColor;
      for (const n of ns) colors.set(n, color);
      if (i < COMMUNITY_COLORS.length) {
        const hub = ns.reduce((best, n) => (weightedDegree(graph, n) > weightedDegree(graph, best) ? n : best), ns[0]!);
        legend.push({ label: `${String(graph.getNodeAttribute(hub, 'label') ?? hub)} and ${ns.length - 1} more`, color });
      }
    });
    if (ranked.length > COMMUNITY_COLORS.length) legend.push({ label: `${ranked.length - COMMUNITY_COLORS.length} smaller communities`, color: s.unknownNodeColor });
  } else {
    const value = colorBy === 'degree' ? (n: string) => weightedDegree(graph, n) : bc;
    let max = 0;
    graph.forEachNode((n) => (max = Math.max(max, value(n))));
    graph.forEachNode((n) => colors.set(n, ramp(max > 0 ? Math.sqrt(value(n) / max) : 0)));
    legend.push({ label: `low ${colorBy}`, color: ramp(0) }, { label: `high ${colorBy}`, color: ramp(1) });
  }
  return { sizes, colors, legend, sizeNote };
}

/** The colour a node is drawn with when no mapping overrides its type colour. */
export function typeColor(type: string, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): string {
  return nodeColor(type, s);
}
