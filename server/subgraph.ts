/**
 * What `/api/graph` sends when the whole graph is too big to draw: a subgraph of the
 * event or actor view, chosen by focus (nodes and a depth), dates, types and a node
 * limit (the most connected first). Pure functions over graphology graphs.
 */
import type { AbstractGraph, Attributes } from 'graphology-types';
import { BadRequestError } from './errors.js';

/** Above this many nodes, `view=auto` sends the actor view of the most connected entities. */
export const BIG_GRAPH_NODES = 5_000;
/** Default and maximum node limits of a subgraph. */
export const DEFAULT_LIMIT = 2_500;
export const MAX_LIMIT = 20_000;
/**
 * At most this many edges per node sent: the strongest (by weight) first. Sigma pans a
 * few thousand nodes smoothly, but not with tens of thousands of edges in software GL.
 */
export const EDGES_PER_NODE = 4;

export interface SubgraphQuery {
  view: 'event' | 'actor' | 'auto';
  focus: string[];
  depth: number;
  from: string | null;
  to: string | null;
  types: Set<string> | null;
  limit: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function one(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadRequestError(`give ${name} once, as text (e.g. ?${name}=…)`);
  return v;
}

/** Parse and check the query string of /api/graph; a bad value is a 400 naming the fix. */
export function parseSubgraphQuery(q: Record<string, unknown>, defaultLimit = DEFAULT_LIMIT): SubgraphQuery {
  const view = one(q.view, 'view') ?? 'event';
  if (view !== 'event' && view !== 'actor' && view !== 'auto') throw new BadRequestError(`view must be event, actor or auto, not ${JSON.stringify(view)}`);
  const focusRaw = q.focus === undefined ? [] : Array.isArray(q.focus) ? q.focus : [q.focus];
  const focus = focusRaw.map((f) => one(f, 'focus')!).filter(Boolean);
  const depth = Number(one(q.depth, 'depth') ?? 1);
  if (!Number.isInteger(depth) || depth < 0 || depth > 3) throw new BadRequestError('depth must be a whole number from 0 to 3');
  const date = (name: string) => {
    const v = one(q[name], name);
    if (v === undefined || v === '') return null;
    if (!DATE.test(v)) throw new BadRequestError(`${name} must be a date as yyyy-mm-dd, not ${JSON.stringify(v)}`);
    return v;
  };
  const typesRaw = one(q.types, 'types');
  const limitRaw = one(q.limit, 'limit');
  const limit = limitRaw === undefined ? defaultLimit : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return {
    view, focus, depth, from: date('from'), to: date('to'),
    types: typesRaw ? new Set(typesRaw.split(',').map((t) => t.trim()).filter(Boolean)) : null,
    limit,
  };
}

/** True when a node or edge with these articles falls in the date range (articles' dates by id). */
function inRange(articles: unknown, dates: Map<string, string>, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  if (!Array.isArray(articles)) return false;
  for (const a of articles) {
    const d = dates.get(a as string);
    if (d && (!from || d >= from) && (!to || d <= to)) return true;
  }
  return false;
}

export interface Subgraph {
  nodes: string[];
  edges: string[];
  /** The nodes left out by the limit (0: everything that matched is here). */
  omitted: number;
  /** The edges between chosen nodes left out (the weakest, past EDGES_PER_NODE per node). */
  omittedEdges: number;
}

/**
 * The nodes and edges matching the query: the neighbourhood of the focus (to `depth`,
 * either direction) or, without focus, the `limit` nodes of highest weighted degree.
 */
export function selectSubgraph(g: AbstractGraph, q: SubgraphQuery, dates: Map<string, string>): Subgraph {
  const nodeOk = (n: string, a: Attributes) => (!q.types || q.types.has(String(a.type))) && inRange(a.articles, dates, q.from, q.to);
  const edgeOk = (a: Attributes) => inRange(a.articles, dates, q.from, q.to);
  const allowed = new Set<string>();
  g.forEachNode((n, a) => { if (nodeOk(n, a)) allowed.add(n); });

  let chosen: string[];
  let omitted = 0;
  if (q.focus.length) {
    const seen = new Set(q.focus.filter((f) => g.hasNode(f)));
    let frontier = [...seen];
    for (let d = 0; d < q.depth && frontier.length; d++) {
      const next: string[] = [];
      for (const n of frontier)
        g.forEachEdge(n, (_e, a, s, t) => {
          const m = s === n ? t : s;
          if (!seen.has(m) && allowed.has(m) && edgeOk(a)) { seen.add(m); next.push(m); }
        });
      frontier = next;
    }
    // The focus first, then the closest; the limit cuts the farthest ring.
    chosen = [...seen];
    if (chosen.length > q.limit) { omitted = chosen.length - q.limit; chosen = chosen.slice(0, q.limit); }
  } else {
    const score = new Map<string, number>();
    g.forEachEdge((_e, a, s, t) => {
      if (!allowed.has(s) || !allowed.has(t) || !edgeOk(a)) return;
      const w = typeof a.weight === 'number' ? a.weight : 1;
      score.set(s, (score.get(s) ?? 0) + w);
      score.set(t, (score.get(t) ?? 0) + w);
    });
    const ranked = [...allowed].sort((x, y) => (score.get(y) ?? 0) - (score.get(x) ?? 0) || (x < y ? -1 : 1));
    chosen = ranked.slice(0, q.limit);
    omitted = ranked.length - chosen.length;
  }
  const set = new Set(chosen);
  let edges: string[] = [];
  g.forEachEdge((e, a, s, t) => { if (set.has(s) && set.has(t) && edgeOk(a)) edges.push(e); });
  const maxEdges = EDGES_PER_NODE * Math.max(chosen.length, 1);
  let omittedEdges = 0;
  if (edges.length > maxEdges) {
    omittedEdges = edges.length - maxEdges;
    const w = (e: string) => { const x = g.getEdgeAttribute(e, 'weight'); return typeof x === 'number' ? x : 1; };
    edges = edges.map((e) => [e, w(e)] as const).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, maxEdges).map(([e]) => e);
  }
  return { nodes: chosen, edges, omitted, omittedEdges };
}

/** Attributes the explorer draws and filters with; evidence and quotes stay on the server (GET /api/entities/:id). */
const DROP = new Set(['evidence', 'quotes']);
/** An actor edge names at most this many of its events (`weight` counts them all): the panel opens the first few. */
export const EVENTS_PER_EDGE = 20;
function slim(a: Attributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(a)) if (!DROP.has(k)) out[k] = k === 'events' && Array.isArray(v) && v.length > EVENTS_PER_EDGE ? v.slice(0, EVENTS_PER_EDGE) : v;
  return out;
}

/** A serialized graph (graphology's format) of the chosen nodes and edges. */
export function serializeSubgraph(g: AbstractGraph, sub: Subgraph) {
  return {
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: {},
    nodes: sub.nodes.map((key) => ({ key, attributes: slim(g.getNodeAttributes(key)) })),
    edges: sub.edges.map((key) => ({ key, source: g.source(key), target: g.target(key), attributes: slim(g.getEdgeAttributes(key)) })),
  };
}
