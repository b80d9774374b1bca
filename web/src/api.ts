/**
 * Typed fetch client for the server's HTTP API (DEVELOPERS.md, "HTTP API").
 * Node ids are full IRIs; they are URL-encoded in paths.
 */
import type { SerializedGraph } from 'graphology-types';

export interface ArticleMeta {
  id: string;
  headline: string;
  outlet: string;
  date: string;
}

export interface NodeAttrs {
  label: string;
  type: string;
  x: number;
  y: number;
  size?: number;
  articles?: string[];
  altLabels?: string[];
  kind?: string;
  cameo?: string;
  [k: string]: unknown;
}

export interface EdgeAttrs {
  relation: string;
  label?: string;
  articles?: string[];
  [k: string]: unknown;
}

/** What a graph payload holds: which view, whether it is all of it, and how much was left out. */
export interface GraphMeta {
  view: 'event' | 'actor';
  complete: boolean;
  total: { nodes: number; edges: number };
  omitted: number;
  /** Edges between the nodes sent that were left out (the weakest). */
  omittedEdges?: number;
}

export type GraphPayload = SerializedGraph<NodeAttrs, EdgeAttrs> & { articles: ArticleMeta[]; meta?: GraphMeta };

export interface GraphQuery {
  view: 'event' | 'actor' | 'auto';
  focus?: string[];
  depth?: number;
  from?: string | null;
  to?: string | null;
  types?: string[];
  limit?: number;
}

export interface PathResult {
  nodes: string[];
  edges: Array<{ key: string; source: string; target: string; relation: string; label: string }>;
}

export interface Ref {
  id: string;
  label: string;
  type?: string;
}

export interface Neighbour extends Ref {
  type: string;
  direction: 'in' | 'out' | string;
  /** For an event: what it says ("rebuttal of the charge by …"). */
  summary?: string;
}

export interface Evidence {
  text: string;
  start: number;
  end: number;
  article: Partial<ArticleMeta> & { id: string };
}

export interface EventInfo {
  kind?: string;
  cameo?: string;
  accusers?: Ref[];
  accused?: Ref[];
  targets?: Ref[];
  respondents?: Ref[];
  respondsTo?: Ref[];
  quote?: string | string[];
}

export interface EntityDetails {
  id: string;
  label: string;
  type: string;
  altLabels: string[];
  /** False for an entity the articles mention with no relation (not drawn). */
  inGraph?: boolean;
  neighbours: Record<string, Neighbour[]>;
  evidence: Evidence[];
  /** Articles naming the node (metadata; `{id}` alone when unknown). */
  articles?: Array<Partial<ArticleMeta> & { id: string }>;
  event?: EventInfo;
}

export interface SearchHit {
  id: string;
  label: string;
  type: string;
  matched: string;
  score: number;
  inGraph?: boolean;
}

export interface SpokespersonRow {
  person: Ref;
  for: Ref[];
  /** evidence: the first sentences (all of them from api.spokesperson); evidenceCount: how many there are. */
  respondedTo: Array<Ref & { count: number; evidence: unknown; evidenceCount?: number }>;
}

export interface ArticleText extends ArticleMeta {
  text: string;
  [k: string]: unknown;
}

export interface ServerConfig {
  writable: boolean;
  baseIri: string;
}

export interface SparqlBindings {
  head: { vars: string[] };
  results: { bindings: Array<Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>> };
}
export interface SparqlBoolean {
  head: Record<string, unknown>;
  boolean: boolean;
}
export type SparqlResult =
  | { kind: 'bindings'; data: SparqlBindings }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; text: string; contentType: string };

/** An error answered by the server (`{error, detail}`) or by the network. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function failure(res: Response, what: string): Promise<ApiError> {
  let message = `${what}: HTTP ${res.status}`;
  let detail: string | undefined;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const b = body as { error?: unknown; detail?: unknown };
      if (typeof b.error === 'string') message = `${what}: ${b.error}`;
      if (typeof b.detail === 'string') detail = b.detail;
    }
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, message, detail);
}

async function getJson<T>(url: string, what: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  if (!res.ok) throw await failure(res, what);
  return (await res.json()) as T;
}

const enc = encodeURIComponent;

/** Anything with an id: a bare IRI string or an object with `id` (and maybe `label`). */
export function toRef(v: unknown): Ref | null {
  if (typeof v === 'string') return { id: v, label: v };
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') {
    const o = v as { id: string; label?: unknown; type?: unknown };
    return { id: o.id, label: typeof o.label === 'string' && o.label ? o.label : o.id, type: typeof o.type === 'string' ? o.type : undefined };
  }
  return null;
}

export function toRefs(v: unknown): Ref[] {
  if (v == null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map(toRef).filter((r): r is Ref => r !== null);
}

export const api = {
  /** The first view: the whole event graph while small, else the actor view of the most connected. */
  graph: (signal?: AbortSignal) => getJson<GraphPayload>('/api/graph?view=auto', 'loading the graph', signal),
  graphView(q: GraphQuery, signal?: AbortSignal) {
    const p = new URLSearchParams({ view: q.view });
    for (const f of q.focus ?? []) p.append('focus', f);
    if (q.depth !== undefined) p.set('depth', String(q.depth));
    if (q.from) p.set('from', q.from);
    if (q.to) p.set('to', q.to);
    if (q.types?.length) p.set('types', q.types.join(','));
    if (q.limit !== undefined) p.set('limit', String(q.limit));
    return getJson<GraphPayload>(`/api/graph?${p}`, 'loading part of the graph', signal);
  },
  path: (from: string, to: string, view: 'event' | 'actor', signal?: AbortSignal) =>
    getJson<PathResult>(`/api/path?from=${enc(from)}&to=${enc(to)}&view=${view}`, 'finding a path', signal),
  entity: (id: string, signal?: AbortSignal) => getJson<EntityDetails>(`/api/entities/${enc(id)}`, 'loading the node', signal),
  search: (q: string, signal?: AbortSignal) => getJson<SearchHit[]>(`/api/search?q=${enc(q)}`, 'searching', signal),
  /** A page of the spokespeople table, and how many rows the whole table has (X-Total-Count). */
  async spokespeople(offset = 0, limit = 100, signal?: AbortSignal): Promise<{ rows: SpokespersonRow[]; total: number }> {
    const res = await fetch(`/api/spokespeople?limit=${limit}&offset=${offset}`, { headers: { accept: 'application/json' }, signal });
    if (!res.ok) throw await failure(res, 'loading spokespeople');
    const rows = (await res.json()) as SpokespersonRow[];
    const total = Number(res.headers.get('x-total-count'));
    return { rows, total: Number.isFinite(total) && total >= offset + rows.length ? total : offset + rows.length };
  },
  /** One spokesperson's row with every sentence of evidence. */
  spokesperson: (id: string, signal?: AbortSignal) => getJson<SpokespersonRow>(`/api/spokespeople/${enc(id)}`, 'loading the evidence', signal),
  articles: (signal?: AbortSignal) => getJson<ArticleMeta[]>('/api/articles', 'loading articles', signal),
  article: (id: string, signal?: AbortSignal) => getJson<ArticleText>(`/api/articles/${enc(id)}`, 'loading the article', signal),
  config: (signal?: AbortSignal) => getJson<ServerConfig>('/api/config', 'loading the server configuration', signal),

  /** SPARQL 1.1 Protocol: POST form-encoded, results as JSON (or text for graphs). */
  async sparql(query: string, signal?: AbortSignal): Promise<SparqlResult> {
    const res = await fetch('/sparql', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1',
      },
      body: new URLSearchParams({ query }).toString(),
      signal,
    });
    if (!res.ok) throw await failure(res, 'running the query');
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json') && !type.includes('ld+json')) {
      const data = (await res.json()) as SparqlBindings | SparqlBoolean;
      if ('boolean' in data) return { kind: 'boolean', value: data.boolean };
      return { kind: 'bindings', data: data as SparqlBindings };
    }
    return { kind: 'text', text: await res.text(), contentType: type };
  },

  /** POST /api/articles (multipart: `file`), bearer token. Returns the server's answer. */
  async addArticle(file: File, token: string, signal?: AbortSignal): Promise<unknown> {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await fetch('/api/articles', {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
      signal,
    });
    if (!res.ok) throw await failure(res, 'adding the article');
    const type = res.headers.get('content-type') ?? '';
    return type.includes('json') ? res.json() : res.text();
  },
};

export const EXPORT_FORMATS = [
  { ext: 'ttl', name: 'Turtle' },
  { ext: 'gexf', name: 'GEXF (Gephi)' },
  { ext: 'graphml', name: 'GraphML' },
  { ext: 'jsonld', name: 'JSON-LD' },
  { ext: 'trig', name: 'TriG' },
  { ext: 'nt', name: 'N-Triples' },
] as const;

export function exportUrl(ext: string): string {
  return `/export/graph.${ext}`;
}
