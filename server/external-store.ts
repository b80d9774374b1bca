/**
 * The server's SPARQL store when the graph lives in an external SPARQL 1.1 store
 * (`npm start -- --sparql URL --store URL`): the same methods the embedded SparqlStore
 * offers the routes and the knowledge graph, answered by that store. Queries go to its
 * SPARQL endpoint (with the server's time limit from arrival and result cap); writes go to
 * its Graph Store endpoint, one named graph per article, PUT so that a retry is harmless.
 */
import { ExternalStoreError, GraphStoreClient, nquadsToTriples } from '../src/emit/graph-store.js';
import { HttpError, MalformedQueryError, QueryTimeoutError, ResultTooLargeError } from './errors.js';
import type { NQuads, QueryOptions, SparqlStore } from './sparql-store.js';
import { abortSignalOf } from './client-gone.js';

export interface ExternalStoreOptions {
  sparqlUrl: string;
  storeUrl: string;
  timeoutMs: number;
  maxResultBytes: number;
}

/** The part of SparqlStore the server uses; ExternalStore offers exactly that. */
export type QueryStore = Pick<SparqlStore, 'query' | 'setGraphs' | 'setGraph' | 'dropGraph' | 'graphNames' | 'close'>;

export class ExternalStore implements QueryStore {
  private readonly client: GraphStoreClient;
  private readonly graphs = new Set<string>();

  constructor(private readonly options: ExternalStoreOptions) {
    this.client = new GraphStoreClient({ storeUrl: options.storeUrl, sparqlUrl: options.sparqlUrl, timeoutMs: options.timeoutMs });
  }

  /** Replace these named graphs (N-Quads whose graph is the key). */
  async setGraphs(graphs: Map<string, NQuads>): Promise<void> {
    await this.client.putAll([...graphs].map(([g, nq]) => [g, nquadsToTriples(typeof nq === 'string' ? nq : nq())] as [string, string]));
    for (const g of graphs.keys()) this.graphs.add(g);
  }

  async setGraph(graph: string, nquads: string): Promise<void> {
    await this.setGraphs(new Map([[graph, nquads]]));
  }

  /** The article graphs the store holds under this prefix that are not in `keep` are dropped. */
  async prune(prefix: string, keep: Set<string>): Promise<string[]> {
    const stale = (await this.client.graphsUnder(prefix)).filter((g) => !keep.has(g));
    for (const g of stale) await this.dropGraph(g);
    return stale;
  }

  graphNames(): string[] { return [...this.graphs]; }

  async dropGraph(graph: string): Promise<void> {
    await this.client.drop(graph);
    this.graphs.delete(graph);
  }

  async query(query: string, options: QueryOptions): Promise<string> {
    const limit = AbortSignal.timeout(this.options.timeoutMs);
    const left = options.gone ? abortSignalOf(options.gone) : undefined;
    const client = options.signal ?? left?.signal;
    const signal = client ? AbortSignal.any([client, limit]) : limit;
    try {
      return await this.client.query(query, options.resultsFormat, {
        defaultGraphs: options.defaultGraphs, namedGraphs: options.namedGraphs, signal, maxBytes: this.options.maxResultBytes,
      });
    } catch (e) {
      if (!(e instanceof ExternalStoreError)) throw e;
      if (limit.aborted) throw new QueryTimeoutError(this.options.timeoutMs);
      if (e.status === 413) throw new ResultTooLargeError(this.options.maxResultBytes + 1, this.options.maxResultBytes);
      // The store's own parser found the query wrong: the client's mistake, with the store's words.
      if (e.status === 400) throw new MalformedQueryError(e.message);
      throw new HttpError(502, 'store-unavailable', `${e.message}`);
    } finally {
      left?.detach();
    }
  }

  async close(): Promise<void> {}
}
