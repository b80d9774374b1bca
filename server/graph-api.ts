/**
 * The JSON API the explorer reads: the whole graph (ready for Sigma), one entity with its
 * neighbours and evidence, search, spokespeople, shortest paths, articles, config.
 */
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Attributes } from 'graphology-types';
import type { KnowledgeGraph } from './state.js';
import type { KgGraph } from './graphology.js';
import { SearchIndex } from './search.js';
import { BadRequestError, HttpNotFoundError } from './errors.js';
import { RDFS } from '../src/ontology/terms.js';

export interface ArticleMeta { id: string; headline: string; outlet: string; date: string }
export interface EvidenceOut { text: string; start: number; end: number; article: ArticleMeta | { id: string } }
interface Ref { id: string; label: string }

const EVENT_TYPES = new Set(['accusation', 'response']);

/** Article metadata by article IRI and by article id (file name), as buildGraph records it. */
const articleIndexes = new WeakMap<KgGraph, Map<string, ArticleMeta & { iri: string }>>();
export function articleIndex(graph: KgGraph): Map<string, ArticleMeta & { iri: string }> {
  let index = articleIndexes.get(graph);
  if (!index) {
    index = new Map();
    const byIri = (graph.getAttribute('articles') as Record<string, ArticleMeta> | undefined) ?? {};
    for (const [iri, meta] of Object.entries(byIri)) {
      const m = { ...meta, iri };
      index.set(iri, m);
      if (meta.id) index.set(meta.id, m);
    }
    articleIndexes.set(graph, index);
  }
  return index;
}

/** Evidence sentences for annotation IRIs, with their article's headline, outlet and date. */
export function evidenceFor(graph: KgGraph, iris: Iterable<string>): EvidenceOut[] {
  const all = (graph.getAttribute('evidence') as Record<string, { article: string; text: string; start: number; end: number }> | undefined) ?? {};
  const arts = articleIndex(graph);
  const out: EvidenceOut[] = [];
  for (const iri of new Set(iris)) {
    const e = all[iri];
    if (!e) continue;
    out.push({ text: e.text, start: e.start, end: e.end, article: arts.get(e.article) ?? { id: e.article } });
  }
  return out.sort((a, b) => String((a.article as ArticleMeta).date ?? '').localeCompare(String((b.article as ArticleMeta).date ?? ''))
    || a.article.id.localeCompare(b.article.id) || a.start - b.start);
}

function ref(graph: KgGraph, id: string): Ref {
  return { id, label: String(graph.getNodeAttribute(id, 'label') ?? '') };
}

/** The node for a path parameter: a full IRI, or an entity slug under the base IRI. */
export function resolveNode(kg: KnowledgeGraph, param: unknown, name = 'id'): string {
  if (typeof param !== 'string' || !param) throw new BadRequestError(`the ${name} parameter is missing; give an entity IRI (URL-encoded) or its slug`);
  const g = kg.graph;
  for (const candidate of [param, `${kg.settings.baseIri}entity/${param}`, `${kg.settings.baseIri}${param}`])
    if (g.hasNode(candidate)) return candidate;
  throw new HttpNotFoundError(`there is no entity ${JSON.stringify(param)} in the graph; find ids with GET /api/search?q=`);
}

function edgeEvidence(a: Attributes): string[] {
  return (a.evidence as string[] | undefined) ?? [];
}

export function entityDetail(kg: KnowledgeGraph, id: string) {
  const g = kg.graph;
  const a = g.getNodeAttributes(id);
  const neighbours: Record<string, { id: string; label: string; type: string; direction: 'out' | 'in' }[]> = {};
  const evidence: string[] = [];
  g.forEachEdge(id, (_e, ea, source, target) => {
    const other = source === id ? target : source;
    const rel = String(ea.relation ?? 'related');
    (neighbours[rel] ??= []).push({ id: other, label: String(g.getNodeAttribute(other, 'label') ?? ''), type: String(g.getNodeAttribute(other, 'type') ?? ''), direction: source === id ? 'out' : 'in' });
    evidence.push(...edgeEvidence(ea));
  });
  evidence.push(...((a.evidence as string[] | undefined) ?? []));
  for (const list of Object.values(neighbours)) list.sort((x, y) => x.label.localeCompare(y.label));
  const detail: Record<string, unknown> = {
    id,
    label: a.label ?? '',
    type: a.type ?? '',
    altLabels: a.altLabels ?? [],
    articles: ((a.articles as string[] | undefined) ?? []).map((x) => articleIndex(g).get(x) ?? { id: x }),
    neighbours,
    evidence: evidenceFor(g, evidence),
  };
  if (EVENT_TYPES.has(String(a.type))) {
    const by = (rel: string) => g.edges(id).filter((e) => g.getEdgeAttribute(e, 'relation') === rel).map((e) => ref(g, g.opposite(id, e)));
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

export interface SpokespersonOut {
  /** `named` is false for a spokesperson the articles do not name (no rdfs:label in the RDF). */
  person: Ref & { named: boolean };
  for: Ref[];
  respondedTo: (Ref & { count: number; evidence: EvidenceOut[] })[];
}

/** The other ends of `node`'s edges with this relation (edges run actor → event → accused). */
function related(graph: KgGraph, node: string, relation: string): { other: string; edge: string }[] {
  const out: { other: string; edge: string }[] = [];
  graph.forEachEdge(node, (edge, a) => {
    if (a.relation === relation) out.push({ other: graph.opposite(node, edge), edge });
  });
  return out;
}

function typeIs(graph: KgGraph, node: string, type: string): boolean {
  return graph.getNodeAttribute(node, 'type') === type;
}

/**
 * Each spokesperson, whom they speak for, and the accusers of the accusations they
 * responded to, with counts of distinct responses: the SPARQL question of KG-CONTRACT.md.
 */
export function spokespeople(graph: KgGraph, named: (id: string) => boolean = () => true): SpokespersonOut[] {
  const byPerson = new Map<string, Set<string>>();
  graph.forEachEdge((_e, a, source, target) => {
    if (a.relation !== 'spokespersonFor') return;
    if (!byPerson.has(source)) byPerson.set(source, new Set());
    byPerson.get(source)!.add(target);
  });
  const out: SpokespersonOut[] = [];
  for (const [person, orgs] of byPerson) {
    const responded = new Map<string, { responses: Set<string>; evidence: string[] }>();
    for (const { other: response, edge } of related(graph, person, 'respondent')) {
      if (!typeIs(graph, response, 'response')) continue;
      const evidence = [...edgeEvidence(graph.getEdgeAttributes(edge)), ...((graph.getNodeAttribute(response, 'evidence') as string[] | undefined) ?? [])];
      for (const { other: accusation } of related(graph, response, 'respondsTo')) {
        if (!typeIs(graph, accusation, 'accusation')) continue;
        for (const { other: accuser } of related(graph, accusation, 'accuser')) {
          let slot = responded.get(accuser);
          if (!slot) responded.set(accuser, (slot = { responses: new Set(), evidence: [] }));
          slot.responses.add(response);
          slot.evidence.push(...evidence);
        }
      }
    }
    out.push({
      person: { ...ref(graph, person), named: named(person) },
      for: [...orgs].map((o) => ref(graph, o)).sort((x, y) => x.label.localeCompare(y.label)),
      respondedTo: [...responded].map(([x, s]) => ({ ...ref(graph, x), count: s.responses.size, evidence: evidenceFor(graph, s.evidence) }))
        .sort((x, y) => y.count - x.count || x.label.localeCompare(y.label)),
    });
  }
  return out.sort((x, y) => x.person.label.localeCompare(y.person.label) || x.person.id.localeCompare(y.person.id));
}

/** Shortest path ignoring edge direction (breadth first). */
export function shortestPath(graph: KgGraph, from: string, to: string): { nodes: string[]; edges: { source: string; target: string; relation: string }[] } {
  const prev = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  while (frontier.length && !prev.has(to)) {
    const next: string[] = [];
    for (const n of frontier)
      graph.forEachNeighbor(n, (m) => {
        if (!prev.has(m)) {
          prev.set(m, n);
          next.push(m);
        }
      });
    frontier = next;
  }
  if (!prev.has(to)) return { nodes: [], edges: [] };
  const nodes: string[] = [];
  for (let n: string | null | undefined = to; n != null; n = prev.get(n)) nodes.unshift(n);
  const edges = nodes.slice(1).map((b, i) => {
    const a = nodes[i]!;
    const e = graph.edges(a, b)[0] ?? graph.edges(b, a)[0]!;
    return { source: graph.source(e), target: graph.target(e), relation: String(graph.getEdgeAttribute(e, 'relation') ?? '') };
  });
  return { nodes, edges };
}

interface Encoded { json: Buffer; gzip: Buffer; etag: string }

function encode(value: unknown): Encoded {
  const json = Buffer.from(JSON.stringify(value));
  return { json, gzip: gzipSync(json, { level: 6 }), etag: `"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"` };
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

/** The graph for Sigma; the evidence texts stay out (GET /api/entities/:id has them). */
function graphPayload(kg: KnowledgeGraph) {
  const exported = kg.graph.export();
  const { evidence: _evidence, articles, ...attributes } = (exported.attributes ?? {}) as Record<string, unknown>;
  return {
    ...exported,
    attributes,
    articles: Object.entries((articles as Record<string, ArticleMeta> | undefined) ?? {}).map(([iri, meta]) => ({ ...meta, iri })),
  };
}

export function graphApiRouter(kg: KnowledgeGraph): Router {
  const r = Router();
  r.get('/api/graph', (req, res) => sendEncoded(req, res, kg.memo('api/graph', () => encode(graphPayload(kg)))));

  r.get('/api/entities/:id', (req, res) => {
    res.json(entityDetail(kg, resolveNode(kg, req.params.id)));
  });

  r.get('/api/search', (req, res) => {
    const q = req.query.q;
    if (typeof q !== 'string' || !q.trim()) throw new BadRequestError('give the search text as ?q=, e.g. /api/search?q=qin', 'missing-query');
    if (q.length > 200) throw new BadRequestError('the search text is longer than 200 characters');
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 20) || 20));
    res.json(kg.memo('search-index', () => new SearchIndex(kg.graph)).search(q, limit));
  });

  r.get('/api/spokespeople', (req, res) => sendEncoded(req, res, kg.memo('api/spokespeople', () => {
    const labelled = new Set(kg.corpus.entityQuads().filter((q) => q.predicate.value === RDFS.label.value).map((q) => q.subject.value));
    return encode(spokespeople(kg.graph, (id) => labelled.has(id)));
  })));

  r.get('/api/path', (req, res) => {
    const from = resolveNode(kg, req.query.from, 'from');
    const to = resolveNode(kg, req.query.to, 'to');
    res.json(shortestPath(kg.graph, from, to));
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
    res.json({ writable: kg.settings.writeToken !== '', baseIri: kg.settings.baseIri });
  });
  return r;
}
