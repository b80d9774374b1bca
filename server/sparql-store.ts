/**
 * The SPARQL store: an oxigraph store in a worker thread, with a per-query time limit,
 * a result-size cap and a small result cache.
 *
 * The server keeps the N-Quads of every named graph (and the ontology) here, so when a
 * query passes its time limit the worker is terminated, a fresh one is started and
 * reloaded, and the next request is served as if nothing happened.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MalformedQueryError, QueryTimeoutError, ResultTooLargeError, HttpError } from './errors.js';
import type { WorkerRequest, WorkerResponse } from './store-worker.js';

type Op = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface SparqlStoreOptions {
  /** Time limit of one query (ms). */
  timeoutMs: number;
  /** Largest serialized result (bytes). */
  maxResultBytes: number;
  /** Ontology (Turtle) loaded into the default graph. */
  ontologyTurtle?: string;
  /** Bytes of cached results kept (0 disables the cache). */
  cacheBytes?: number;
}

export interface QueryOptions {
  resultsFormat: string;
  defaultGraphs?: string[];
  namedGraphs?: string[];
}

interface Pending {
  op: Op;
  timed: boolean;
  resolve: (v: string | number | null) => void;
  reject: (e: Error) => void;
}

/** Chunks of about this many characters are sent to `store.load` (oxigraph is slow on huge strings). */
const CHUNK_CHARS = 1_000_000;

export function chunkLines(text: string, max = CHUNK_CHARS): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      end = nl > start ? nl + 1 : text.indexOf('\n', end) + 1 || text.length;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './store-worker.ts' : './store-worker.js', import.meta.url);
}

/** Start the worker; a .ts worker is loaded through tsx's API (Node 20 workers do not inherit loader hooks). */
function spawnWorker(): Worker {
  const url = workerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import { tsImport } from ${JSON.stringify(tsxApi)};\nawait tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)});\n`;
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)));
}

export class SparqlStore {
  private worker!: Worker;
  private nextId = 1;
  private queue: Pending[] = [];
  private inFlight: { id: number; pending: Pending; timer?: NodeJS.Timeout } | undefined;
  private readonly graphs = new Map<string, string>();
  private readonly updates: string[] = [];
  private readonly cache = new Map<string, string>();
  private cacheSize = 0;
  private closed = false;
  /** Incremented on every change of the data; cached results of older versions are dropped. */
  version = 0;
  /** How many times the worker was restarted after a time-out (for tests and logs). */
  restarts = 0;

  private constructor(private readonly options: SparqlStoreOptions) {}

  static async start(options: SparqlStoreOptions): Promise<SparqlStore> {
    const s = new SparqlStore(options);
    s.startWorker();
    await s.reloadWorker();
    return s;
  }

  private startWorker(): void {
    const w = spawnWorker();
    w.unref();
    w.on('message', (res: WorkerResponse) => this.onMessage(w, res));
    w.on('error', (err: unknown) => this.onWorkerExit(w, err instanceof Error ? err : new Error(String(err))));
    w.on('exit', (code) => this.onWorkerExit(w, new Error(`the SPARQL worker exited with code ${code}`)));
    this.worker = w;
  }

  /** Queue the ontology, every graph and every update for the current worker, ahead of waiting work. */
  private reloadWorker(): Promise<unknown> {
    const ops: Op[] = [];
    if (this.options.ontologyTurtle) ops.push({ op: 'load', text: this.options.ontologyTurtle, format: 'text/turtle' });
    for (const chunk of this.batches()) ops.push({ op: 'load', text: chunk, format: 'application/n-quads' });
    for (const u of this.updates) ops.push({ op: 'update', update: u });
    const promises: Promise<unknown>[] = [];
    const front: Pending[] = [];
    for (const op of ops)
      promises.push(new Promise<unknown>((resolve, reject) => front.push({ op, timed: false, resolve, reject: (e: Error) => reject(e) })));
    this.queue.unshift(...front);
    this.pump();
    return Promise.all(promises);
  }

  private *batches(): Generator<string> {
    let buf: string[] = [];
    let len = 0;
    for (const nq of this.graphs.values()) {
      if (nq.length > CHUNK_CHARS) {
        yield* chunkLines(nq);
        continue;
      }
      buf.push(nq);
      len += nq.length;
      if (len >= CHUNK_CHARS) {
        yield buf.join('');
        buf = [];
        len = 0;
      }
    }
    if (buf.length) yield buf.join('');
  }

  private pump(): void {
    if (this.inFlight || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    const id = this.nextId++;
    this.inFlight = { id, pending };
    if (pending.timed) this.inFlight.timer = setTimeout(() => this.onTimeout(id), this.options.timeoutMs);
    this.worker.postMessage({ ...pending.op, id } as WorkerRequest);
  }

  private onMessage(w: Worker, res: WorkerResponse): void {
    if (w !== this.worker || !this.inFlight || this.inFlight.id !== res.id) return;
    const { pending, timer } = this.inFlight;
    clearTimeout(timer);
    this.inFlight = undefined;
    if (res.ok) pending.resolve(res.result);
    else if (res.kind === 'parse') pending.reject(new MalformedQueryError(res.message));
    else if (res.kind === 'too-large') pending.reject(new ResultTooLargeError(res.bytes ?? 0, this.options.maxResultBytes));
    else pending.reject(new HttpError(400, 'query-failed', `the store could not run this request: ${res.message}`));
    this.pump();
  }

  private onTimeout(id: number): void {
    if (!this.inFlight || this.inFlight.id !== id) return;
    const { pending } = this.inFlight;
    this.inFlight = undefined;
    this.restarts++;
    const old = this.worker;
    this.startWorker();
    void old.terminate();
    pending.reject(new QueryTimeoutError(this.options.timeoutMs));
    void this.reloadWorker();
  }

  private onWorkerExit(w: Worker, err: Error): void {
    if (w !== this.worker || this.closed) return;
    // The worker died on its own (out of memory, a crash): fail what it was doing, start another.
    const current = this.inFlight;
    this.inFlight = undefined;
    clearTimeout(current?.timer);
    current?.pending.reject(new HttpError(500, 'store-crashed', `the SPARQL store stopped (${err.message}) and is being restarted; retry the request`));
    this.restarts++;
    this.startWorker();
    void this.reloadWorker();
  }

  private run(op: Op, timed = false): Promise<string | number | null> {
    if (this.closed) return Promise.reject(new HttpError(503, 'shutting-down', 'the server is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ op, timed, resolve, reject });
      this.pump();
    });
  }

  private changed(): void {
    this.version++;
    this.cache.clear();
    this.cacheSize = 0;
  }

  /** Replace the contents of many named graphs at once (N-Quads whose graph is the key). */
  async setGraphs(graphs: Map<string, string>): Promise<void> {
    for (const [g, nq] of graphs) this.graphs.set(g, nq);
    this.changed();
    const ops: Promise<unknown>[] = [];
    for (const [g] of graphs) ops.push(this.run({ op: 'dropGraph', graph: g }));
    let buf = '';
    for (const nq of graphs.values()) {
      buf += nq;
      if (buf.length >= CHUNK_CHARS) {
        for (const c of chunkLines(buf)) ops.push(this.run({ op: 'load', text: c, format: 'application/n-quads' }));
        buf = '';
      }
    }
    if (buf) for (const c of chunkLines(buf)) ops.push(this.run({ op: 'load', text: c, format: 'application/n-quads' }));
    await Promise.all(ops);
  }

  /** Replace one named graph with these N-Quads (their graph must be `graph`). */
  async setGraph(graph: string, nquads: string): Promise<void> {
    this.graphs.set(graph, nquads);
    this.changed();
    await this.run({ op: 'replaceGraph', graph, nquads });
  }

  async dropGraph(graph: string): Promise<void> {
    this.graphs.delete(graph);
    this.changed();
    await this.run({ op: 'dropGraph', graph });
  }

  /** Run a query with the time limit; returns the serialized results. */
  async query(query: string, options: QueryOptions): Promise<string> {
    const key = JSON.stringify([query, options.resultsFormat, options.defaultGraphs ?? [], options.namedGraphs ?? []]);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key); // LRU: move to the end
      this.cache.set(key, hit);
      return hit;
    }
    const version = this.version;
    const out = (await this.run({ op: 'query', query, maxBytes: this.options.maxResultBytes, ...options }, true)) as string;
    if (version === this.version) this.remember(key, out);
    return out;
  }

  private remember(key: string, value: string): void {
    const budget = this.options.cacheBytes ?? 32 * 1024 * 1024;
    if (value.length > budget / 16) return;
    this.cache.set(key, value);
    this.cacheSize += value.length + key.length;
    for (const [k, v] of this.cache) {
      if (this.cacheSize <= budget) break;
      this.cache.delete(k);
      this.cacheSize -= v.length + k.length;
    }
  }

  /** Run a SPARQL Update. It changes the live store only and is replayed after a restart of the worker. */
  async update(update: string): Promise<void> {
    await this.run({ op: 'update', update }, true);
    this.updates.push(update);
    this.changed();
  }

  async size(): Promise<number> {
    return (await this.run({ op: 'size' })) as number;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.inFlight?.timer);
    const err = new HttpError(503, 'shutting-down', 'the server is shutting down');
    this.inFlight?.pending.reject(err);
    for (const p of this.queue.splice(0)) p.reject(err);
    this.inFlight = undefined;
    await this.worker.terminate();
  }
}
