/**
 * The JSON API the explorer reads: the whole graph (ready for Sigma), one entity with its
 * neighbours and evidence, search, spokespeople, shortest paths, articles, config.
 */
import { Router, type Request, type Response } from 'express';
import type { KnowledgeGraph } from './state.js';
import type { KgGraph } from './graphology.js';
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import type { CatalogEntity } from './search.js';
import { encode, encodeAsync, SPOKESPEOPLE_PAGE, type Encoded } from './api-index.js';
import { articleIndex, edgeEvidence, evidenceFor, ref, type ArticleMeta } from './evidence.js';
import { preview, spokespeople } from './spokespeople.js';

export { articleIndex, evidenceFor, type ArticleMeta, type EvidenceOut } from './evidence.js';
export { spokespeople, type SpokespersonOut } from './spokespeople.js';
import { BadRequestError, HttpNotFoundError } from './errors.js';
import { Graph } from './graphology.js';
import { LiveActorView } from '../src/graph/actor-view-live.js';
import { budget, drain, drainAsync } from '../src/steps.js';
import { exportSteps } from './graph-export.js';
import { BIG_GRAPH_NODES, parseSubgraphQuery, selectSubgraph, serializeSubgraph, type SubgraphQuery } from './subgraph.js';
import { collate } from '../src/collate.js';

const EVENT_TYPES = new Set(['accusation', 'response']);

/** The node for a path parameter: a full IRI, or an entity slug under the base IRI. */
export function resolveNode(kg: KnowledgeGraph, param: unknown, name = 'id', orMentioned = false): string {
  if (typeof param !== 'string' || !param) throw new BadRequestError(`the ${name} parameter is missing; give an entity IRI (URL-encoded) or its slug`);
  const g = kg.graph;
  const catalog = orMentioned ? catalogOf(kg) : null;
  for (const candidate of [param, `${kg.settings.baseIri}entity/${param}`, `${kg.settings.baseIri}${param}`])
    if (g.hasNode(candidate) || catalog?.has(candidate)) return candidate;
  throw new HttpNotFoundError(`there is no entity ${JSON.stringify(param)} in the graph; find ids with GET /api/search?q=`);
}

/** Every entity the articles mention, by IRI (memoised per revision). */
export function catalogOf(kg: KnowledgeGraph): Map<string, CatalogEntity> {
  return kg.indexes.catalog;
}

/** Distinct labels for unnamed spokespeople ("spokesperson for …"), by node. */
export function labelsOf(kg: KnowledgeGraph): Map<string, string> {
  return kg.indexes.labels;
}

/** Each server's actor view, kept up to date with its live graph by difference, and the graph it follows. */
const actorViews = new WeakMap<KnowledgeGraph, { view: LiveActorView<KgGraph>; events: KgGraph }>();
/**
 * The actor view of the graph, once per version of the graph: made in steps the first time
 * (3–4 s at 10,000 articles), then brought up to date by difference after each change (see
 * src/graph/actor-view-live.ts). One mutable view is shared by the versions, like the event
 * graph itself; a change that lands while it is updated is caught up with by the next update
 * (memoAsync asks for one when the graph changed under it).
 */
export function actorGraphOf(kg: KnowledgeGraph): Promise<KgGraph> {
  return kg.memoAsync('actor-graph', async () => {
    let live = actorViews.get(kg);
    // A graph replaced whole (not changed in place) is followed by a view of its own.
    if (!live || live.events !== kg.graph) {
      live = { view: new LiveActorView(new Graph({ type: 'directed', multi: true, allowSelfLoops: false })), events: kg.graph };
      actorViews.set(kg, live);
    }
    try {
      await drainAsync(live.view.update(live.events));
    } catch (e) {
      // Not left half made: the next one starts afresh.
      actorViews.delete(kg);
      throw e;
    }
    const a = live.view.graph;
    for (const [n, l] of labelsOf(kg)) if (a.hasNode(n)) a.setNodeAttribute(n, 'label', l);
    return a;
  });
}

/**
 * What an event says, in a few words: "rebuttal of the charge by United States
 * Department of Justice", "charge: United States Department of Justice → People's Liberation Army".
 */
export function eventSummary(g: KgGraph, ev: string, label: (n: string) => string): string {
  const ends = (n: string, rel: string) => g.edges(n).filter((e) => g.getEdgeAttribute(e, 'relation') === rel).map((e) => g.opposite(n, e));
  const names = (ids: string[]) => ids.map(label).join(', ');
  const kind = String(g.getNodeAttribute(ev, 'kind') ?? g.getNodeAttribute(ev, 'label') ?? '');
  if (g.getNodeAttribute(ev, 'type') === 'response') {
    const answered = ends(ev, 'respondsTo');
    if (!answered.length) return `${kind} (of no accusation found)`;
    return `${kind} of ${answered.map((a) => `the ${g.getNodeAttribute(a, 'kind') ?? 'accusation'}${ends(a, 'accuser').length ? ` by ${names(ends(a, 'accuser'))}` : ''}`).join('; ')}`;
  }
  const accused = ends(ev, 'accused');
  return `${kind}: ${names(ends(ev, 'accuser')) || 'unknown accuser'} → ${names(accused) || 'unnamed accused'}`;
}

/** An entity the articles mention but that has no relation (not a node of the graph). */
function mentionedOnly(kg: KnowledgeGraph, e: CatalogEntity) {
  const arts = articleIndex(kg.graph);
  return { id: e.id, label: e.label, type: e.type, altLabels: e.altLabels, inGraph: false, neighbours: {}, evidence: [],
    articles: e.articles.map((iri) => arts.get(iri) ?? { id: kg.findArticle(iri)?.id ?? iri }) };
}

export function entityDetail(kg: KnowledgeGraph, id: string) {
  const g = kg.graph;
  if (!g.hasNode(id)) {
    const e = catalogOf(kg).get(id);
    if (!e) throw new HttpNotFoundError(`there is no entity ${JSON.stringify(id)}; find ids with GET /api/search?q=`);
    return mentionedOnly(kg, e);
  }
  const a = g.getNodeAttributes(id);
  const label = (n: string) => labelsOf(kg).get(n) ?? String(g.getNodeAttribute(n, 'label') ?? '');
  const neighbours: Record<string, { id: string; label: string; type: string; direction: 'out' | 'in'; summary?: string }[]> = {};
  const evidence: string[] = [];
  g.forEachEdge(id, (_e, ea, source, target) => {
    const other = source === id ? target : source;
    const rel = String(ea.relation ?? 'related');
    const type = String(g.getNodeAttribute(other, 'type') ?? '');
    const summary = EVENT_TYPES.has(type) ? eventSummary(g, other, label) : undefined;
    (neighbours[rel] ??= []).push({ id: other, label: label(other), type, direction: source === id ? 'out' : 'in', ...(summary ? { summary } : {}) });
    evidence.push(...edgeEvidence(ea));
  });
  evidence.push(...((a.evidence as string[] | undefined) ?? []));
  for (const list of Object.values(neighbours)) list.sort((x, y) => collate(x.label, y.label));
  const detail: Record<string, unknown> = {
    id,
    label: label(id),
    type: a.type ?? '',
    inGraph: true,
    altLabels: a.altLabels ?? [],
    articles: ((a.articles as string[] | undefined) ?? []).map((x) => articleIndex(g).get(x) ?? { id: x }),
    neighbours,
    evidence: evidenceFor(g, evidence),
  };
  if (EVENT_TYPES.has(String(a.type))) {
    const by = (rel: string) => g.edges(id).filter((e) => g.getEdgeAttribute(e, 'relation') === rel).map((e) => ({ ...ref(g, g.opposite(id, e)), label: label(g.opposite(id, e)) }));
    detail.event = {
      kind: a.kind ?? null,
      cameo: a.cameo ?? null,
      accusers: by('accuser'),
      accused: by('accused'),
      targets: by('target'),
      respondents: by('respondent'),
      respondsTo: by('respondsTo'),
      quote: ((a.quotes as string[] | undefined) ?? [])[0] ?? null,
    };
  }
  return detail;
}

/** Shortest path ignoring edge direction, over the event graph. */
export function shortestPath(graph: KgGraph, from: string, to: string) {
  return viewPath(graph, drain(undirectedCopySteps(graph)), from, to);
}

/** Send cached JSON with an ETag, gzipped when the client accepts it. */
function sendEncoded(req: Request, res: Response, enc: Encoded): void {
  res.setHeader('ETag', enc.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', 'no-cache');
  if (req.headers['if-none-match'] === enc.etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(enc.gzip);
  } else res.send(enc.json);
}

function articleList(kg: KnowledgeGraph): (ArticleMeta & { iri: string })[] {
  const byIri = (kg.graph.getAttribute('articles') as Record<string, ArticleMeta> | undefined) ?? {};
  return Object.entries(byIri).map(([iri, meta]) => ({ ...meta, iri }));
}

/** The graph for Sigma; the evidence texts stay out (GET /api/entities/:id has them). */
async function graphPayload(kg: KnowledgeGraph) {
  const exported = await drainAsync(exportSteps(kg.graph));
  const { evidence: _evidence, articles: _articles, ...attributes } = (exported.attributes ?? {}) as Record<string, unknown>;
  const labels = labelsOf(kg);
  for (const n of exported.nodes) if (labels.has(n.key)) n.attributes = { ...n.attributes, label: labels.get(n.key) };
  const total = { nodes: kg.graph.order, edges: kg.graph.size };
  return { ...exported, attributes, articles: articleList(kg), meta: { view: 'event', complete: true, total, omitted: 0, omittedEdges: 0 } };
}

/** Article dates (yyyy-mm-dd) by article id, for date filters. */
function datesOf(kg: KnowledgeGraph): Map<string, string> {
  return kg.memo('article-dates', () => new Map(articleList(kg).filter((a) => a.date).map((a) => [a.id, String(a.date).slice(0, 10)])));
}

/**
 * A subgraph of the event or actor view (see server/subgraph.ts). `view=auto` is the
 * whole event graph while it is small, else the actor view of the most connected.
 */
async function subgraphPayload(kg: KnowledgeGraph, q: SubgraphQuery, bigGraphNodes: number) {
  const small = kg.graph.order <= bigGraphNodes;
  if (q.view === 'auto' && small && !q.focus.length && !q.from && !q.to && !q.types) return await graphPayload(kg);
  const view = q.view === 'event' ? 'event' : 'actor';
  const g = view === 'event' ? kg.graph : await actorGraphOf(kg);
  for (const f of q.focus) if (!g.hasNode(f)) resolveNode(kg, f, 'focus', true);
  const sub = selectSubgraph(g, q, datesOf(kg));
  const out = serializeSubgraph(g, sub);
  if (view === 'event') {
    const labels = labelsOf(kg);
    for (const n of out.nodes) if (labels.has(n.key)) n.attributes.label = labels.get(n.key);
  }
  // The first view carries every article (the timeline counts them); a focused one only its own.
  const used = new Set<string>();
  if (q.focus.length) for (const n of out.nodes) for (const a of (n.attributes.articles as string[] | undefined) ?? []) used.add(a);
  const articles = q.focus.length ? articleList(kg).filter((a) => used.has(a.id)) : articleList(kg);
  return { ...out, articles, meta: { view, complete: false, total: { nodes: g.order, edges: g.size }, omitted: sub.omitted, omittedEdges: sub.omittedEdges } };
}

/** Shortest path over an undirected copy of the view (graphology-shortest-path), with each step's edge. */
export function viewPath(graph: KgGraph, undirected: KgGraph, from: string, to: string) {
  const nodes = (undirected.hasNode(from) && undirected.hasNode(to) ? bidirectional(undirected, from, to) : null) ?? [];
  const edges = nodes.slice(1).map((b, i) => {
    const a = nodes[i]!;
    const e = graph.edges(a, b)[0] ?? graph.edges(b, a)[0]!;
    const attrs = graph.getEdgeAttributes(e);
    return { key: e, source: graph.source(e), target: graph.target(e), relation: String(attrs.relation ?? ''), label: String(attrs.label ?? '') };
  });
  return { nodes, edges };
}

/** The view without directions or parallel edges, for shortest paths; yields every few milliseconds. */
function* undirectedCopySteps(g: KgGraph): Generator<void, KgGraph> {
  const u = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const due = budget();
  for (const node of g.nodes()) {
    u.addNode(node);
    if (due()) yield;
  }
  for (const { source, target } of g.edgeEntries()) {
    if (source !== target) u.mergeEdge(source, target);
    if (due()) yield;
  }
  return u;
}

export interface GraphApiOptions {
  /** Above this many nodes, `view=auto` sends a subgraph of the actor view (default BIG_GRAPH_NODES). */
  bigGraphNodes?: number;
  /** Node limit of a subgraph when the query gives none (default DEFAULT_LIMIT). */
  defaultLimit?: number;
}

export function graphApiRouter(kg: KnowledgeGraph, options: GraphApiOptions = {}): Router {
  const big = options.bigGraphNodes ?? BIG_GRAPH_NODES;
  const r = Router();
  const firstView = () => {
    const q = parseSubgraphQuery({ view: 'auto' }, options.defaultLimit);
    return kg.memoAsync(`api/graph?${JSON.stringify({ ...q, types: null })}`, async () => encodeAsync(await subgraphPayload(kg, q, big)));
  };
  // A big graph's first view takes seconds to fold: made in steps once the server is up and
  // after every change, not for the first visitor (its error, if any, is answered when asked).
  if (kg.graph.order > big) {
    const warm = () => setTimeout(() => void firstView().catch(() => undefined), 0).unref();
    warm();
    kg.onPublished(warm);
  }
  r.get('/api/graph', async (req, res) => {
    // The whole graph (170 MB of JSON at 10,000 articles) is made and serialised between turns of the event loop.
    if (!Object.keys(req.query).length) return sendEncoded(req, res, await kg.memoAsync('api/graph', async () => encodeAsync(await graphPayload(kg))));
    const q = parseSubgraphQuery(req.query as Record<string, unknown>, options.defaultLimit);
    const key = `api/graph?${JSON.stringify({ ...q, types: q.types ? [...q.types].sort() : null })}`;
    // Focused, dated and typed queries vary without end: cache only the first views.
    if (!q.focus.length && !q.from && !q.to && !q.types) return sendEncoded(req, res, await kg.memoAsync(key, async () => encodeAsync(await subgraphPayload(kg, q, big))));
    sendEncoded(req, res, encode(await subgraphPayload(kg, q, big)));
  });

  r.get('/api/entities/:id', (req, res) => {
    res.json(entityDetail(kg, resolveNode(kg, req.params.id, 'id', true)));
  });

  r.get('/api/search', (req, res) => {
    const q = req.query.q;
    if (typeof q !== 'string' || !q.trim()) throw new BadRequestError('give the search text as ?q=, e.g. /api/search?q=qin', 'missing-query');
    if (q.length > 200) throw new BadRequestError('the search text is longer than 200 characters');
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 20) || 20));
    res.json(kg.indexes.search.search(q, limit));
  });

  // A page of the table (kept serialised at ingest, api-index.ts), each row with a preview of its
  // evidence (spokespeople.ts, preview): at 10,000 articles every row with every sentence is
  // 27 MB. ?limit=&offset= choose the page, ?limit=all gives every row; X-Total-Count says how
  // many rows there are and Link where the next page is.
  r.get('/api/spokespeople', async (req, res) => {
    const { limit, offset } = req.query;
    const all = kg.indexes.spokespeople;
    const n = (v: unknown, name: string, dflt: number) => {
      if (v === undefined) return dflt;
      const x = Number(v);
      if (!Number.isInteger(x) || x < 0) throw new BadRequestError(`${name} must be a whole number ≥ 0 (or limit=all), e.g. /api/spokespeople?limit=100&offset=200`);
      return x;
    };
    res.setHeader('X-Total-Count', String(all.length));
    if (limit === 'all' && offset === undefined) return sendEncoded(req, res, await kg.indexes.spokespeopleEncoded());
    const from = n(offset, 'offset', 0);
    const size = limit === 'all' ? all.length : n(limit, 'limit', SPOKESPEOPLE_PAGE);
    if (size > 0 && from + size < all.length) res.setHeader('Link', `</api/spokespeople?limit=${size}&offset=${from + size}>; rel="next"`);
    if (from === 0 && size === SPOKESPEOPLE_PAGE) return sendEncoded(req, res, kg.indexes.spokespeopleFirstPage);
    res.json(all.slice(from, from + size).map(preview));
  });

  r.get('/api/spokespeople/:id', (req, res) => {
    const row = kg.indexes.spokesperson(req.params.id);
    if (!row) throw new HttpNotFoundError(`${JSON.stringify(req.params.id)} is not a spokesperson's IRI; /api/spokespeople lists them (person.id)`);
    res.json(row);
  });

  r.get('/api/path', async (req, res) => {
    const from = resolveNode(kg, req.query.from, 'from');
    const to = resolveNode(kg, req.query.to, 'to');
    const view = req.query.view ?? 'event';
    if (view !== 'event' && view !== 'actor') throw new BadRequestError('view must be event or actor');
    const g = view === 'actor' ? await actorGraphOf(kg) : kg.graph;
    for (const [n, name] of [[from, 'from'], [to, 'to']] as const)
      if (!g.hasNode(n)) throw new HttpNotFoundError(`the ${name} node ${JSON.stringify(n)} is not in the ${view} view; give an entity with a relation`);
    res.json(viewPath(g, await kg.memoAsync(`undirected-${view}`, () => drainAsync(undirectedCopySteps(g))), from, to));
  });

  r.get('/api/articles', (req, res) => sendEncoded(req, res, kg.memo('api/articles', () => {
    const arts = articleIndex(kg.graph);
    return encode(kg.corpus.records().map((rec) => {
      const iri = kg.corpus.articleIri(rec.id);
      return { ...(arts.get(iri) ?? {}), id: rec.id, iri };
    }));
  })));

  r.get('/api/articles/:id', (req, res) => {
    const rec = kg.findArticle(req.params.id);
    if (!rec) throw new HttpNotFoundError(`there is no article ${JSON.stringify(req.params.id)}; GET /api/articles lists them`);
    const iri = kg.corpus.articleIri(rec.id);
    res.json({ ...(articleIndex(kg.graph).get(iri) ?? {}), id: rec.id, iri, text: rec.text });
  });

  r.get('/api/config', (_req, res) => {
    // The SPARQL workers serving and loading (a server serves once one worker has the data; the others load after it).
    const workers = (kg.store as Partial<typeof kg.store>).workers;
    res.json({ writable: kg.settings.writeToken !== '', baseIri: kg.settings.baseIri, ...(workers ? { sparqlWorkers: workers } : {}) });
  });
  return r;
}
