/**
 * A client of an external SPARQL 1.1 store: named graphs written with the Graph Store
 * Protocol (PUT replaces a graph, so pushing again is idempotent; DELETE drops one), and
 * queries sent to its SPARQL endpoint. Tested against Virtuoso; the same requests work
 * with Oxigraph server, Fuseki and QLever (README, "Scale").
 */
import { Parser, Writer, type Quad } from 'n3';
import { NewskgError } from '../errors.js';

/** The external store refused a request or could not be reached. */
export class ExternalStoreError extends NewskgError {
  constructor(readonly operation: string, readonly status: number | undefined, detail: string) {
    super(`${operation}: ${detail}`);
  }
}

export interface GraphStoreOptions {
  /** Graph Store Protocol endpoint (e.g. Virtuoso's http://host:8890/sparql-graph-crud). */
  storeUrl: string;
  /** SPARQL query endpoint (e.g. http://host:8890/sparql). */
  sparqlUrl: string;
  /** Time limit of one request (ms). */
  timeoutMs?: number;
  /** Requests in flight at once while pushing. */
  concurrency?: number;
}

/** Tries of a request the store failed for a passing reason (150, 450, 1350 ms apart). */
const RETRIES = 4;

function isTransient(e: ExternalStoreError): boolean {
  return e.status === 503 || e.status === 429 || (e.status === 500 && /deadlock|40001|SR172/i.test(e.message));
}

/** N-Triples of quads (their graph dropped): what a Graph Store PUT carries. */
export function toTriplesText(quads: Iterable<Quad>): string {
  const w = new Writer({ format: 'N-Triples' });
  for (const q of quads) w.addQuad(q.subject, q.predicate, q.object);
  let out = '';
  w.end((_e, r: string) => { out = r; });
  return out;
}

/** The N-Triples of one graph's N-Quads. */
export function nquadsToTriples(nquads: string): string {
  return toTriplesText(new Parser({ format: 'N-Quads' }).parse(nquads));
}

function userAndUrl(raw: string): { url: string; auth?: string } {
  const u = new URL(raw);
  if (!u.username) return { url: u.href };
  const auth = 'Basic ' + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { url: u.href, auth };
}

export class GraphStoreClient {
  private readonly store: { url: string; auth?: string };
  private readonly sparql: { url: string; auth?: string };

  constructor(readonly options: GraphStoreOptions) {
    for (const [name, v] of [['the Graph Store URL (--store)', options.storeUrl], ['the SPARQL endpoint URL (--sparql)', options.sparqlUrl]] as const) {
      if (!/^https?:\/\/\S+$/.test(v ?? '')) throw new ExternalStoreError('external store', undefined, `${name} must be an http(s) URL, got ${JSON.stringify(v)}`);
    }
    this.store = userAndUrl(options.storeUrl);
    this.sparql = userAndUrl(options.sparqlUrl);
  }

  /**
   * A request, tried again when the store says the failure is passing: a deadlock between
   * concurrent writes (Virtuoso's SR172, SQL state 40001), or 503/429. Only PUT, DELETE and
   * reads are sent here, so trying again cannot write twice.
   */
  private async request(operation: string, url: string, init: RequestInit & { auth?: string; signal?: AbortSignal }, ok: (status: number) => boolean): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(operation, url, init, ok);
      } catch (e) {
        if (!(e instanceof ExternalStoreError) || !isTransient(e) || attempt >= RETRIES) throw e;
        await new Promise((r) => setTimeout(r, 150 * 3 ** (attempt - 1)));
      }
    }
  }

  private async once(operation: string, url: string, init: RequestInit & { auth?: string; signal?: AbortSignal }, ok: (status: number) => boolean): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(init.auth ? { authorization: init.auth } : {}) }, signal });
    } catch (e) {
      const why = timeout.aborted ? `no answer within ${this.options.timeoutMs ?? 60_000} ms` : (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
      throw new ExternalStoreError(operation, undefined, `${new URL(url).origin} cannot be reached (${why}); check that the store is running and the URL is right`);
    }
    if (!ok(res.status)) {
      const body = (await res.text().catch(() => '')).trim().slice(0, 300);
      const hint = res.status === 401 || res.status === 403 ? '; the store refused the credentials: give them in the URL (http://user:password@host/…) or grant writes (Virtuoso: GRANT SPARQL_UPDATE TO "SPARQL")' : '';
      throw new ExternalStoreError(operation, res.status, `the store answered ${res.status}${body ? ` (${body})` : ''}${hint}`);
    }
    return res;
  }

  private graphUrl(graph: string): string {
    const u = new URL(this.store.url);
    u.searchParams.set('graph', graph);
    return u.href;
  }

  /** Replace a named graph with these N-Triples. */
  async put(graph: string, ntriples: string): Promise<void> {
    await this.request(`PUT of graph ${graph}`, this.graphUrl(graph), {
      method: 'PUT', body: ntriples, headers: { 'content-type': 'text/turtle; charset=utf-8' }, auth: this.store.auth,
    }, (s) => s >= 200 && s < 300);
  }

  /** Drop a named graph (a graph that is not there is not an error). */
  async drop(graph: string): Promise<void> {
    await this.request(`DELETE of graph ${graph}`, this.graphUrl(graph), { method: 'DELETE', auth: this.store.auth }, (s) => (s >= 200 && s < 300) || s === 404);
  }

  /** PUT many graphs, a few at a time. */
  async putAll(graphs: Iterable<[string, string]>): Promise<number> {
    const it = graphs[Symbol.iterator]();
    let n = 0;
    const lane = async () => {
      for (let r = it.next(); !r.done; r = it.next()) {
        await this.put(r.value[0], r.value[1]);
        n++;
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, lane));
    return n;
  }

  /** A query's results in the given media type, as text. */
  async query(query: string, accept: string, more: { defaultGraphs?: string[]; namedGraphs?: string[]; signal?: AbortSignal; maxBytes?: number } = {}): Promise<string> {
    const body = new URLSearchParams({ query });
    for (const g of more.defaultGraphs ?? []) body.append('default-graph-uri', g);
    for (const g of more.namedGraphs ?? []) body.append('named-graph-uri', g);
    const res = await this.request('SPARQL query', this.sparql.url, {
      method: 'POST', body, headers: { accept, 'content-type': 'application/x-www-form-urlencoded' }, auth: this.sparql.auth, signal: more.signal,
    }, (s) => s >= 200 && s < 300);
    const text = await res.text();
    if (more.maxBytes !== undefined && Buffer.byteLength(text) > more.maxBytes)
      throw new ExternalStoreError('SPARQL query', 413, `the result is over the ${more.maxBytes}-byte limit; add LIMIT or narrow the query`);
    return text;
  }

  /** The named graphs in the store whose IRI starts with `prefix`. */
  async graphsUnder(prefix: string): Promise<string[]> {
    const q = `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(prefix)})) }`;
    const json = JSON.parse(await this.query(q, 'application/sparql-results+json')) as { results: { bindings: { g: { value: string } }[] } };
    return json.results.bindings.map((b) => b.g.value).sort();
  }
}
