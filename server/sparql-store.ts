/**
 * The SPARQL store: a supervised pool of oxigraph workers (store-slot.ts), a bounded
 * queue, time limits counted from arrival, a result-size cap and a small result cache.
 *
 * The server keeps the N-Quads of every named graph (and the ontology) here: each worker
 * holds a full copy, so a worker can be ended at any time (a query failed inside the
 * engine, ran past its time, or its client went away) and a fresh one is loaded from
 * this snapshot and probed before it serves. Writes come from the server only (article
 * graphs); SPARQL Update is refused (see UpdateRefusedError).
 */
import { goneOf, type ClientGone } from './client-gone.js';
import { StoreSlot, WorkerFailed, WorkerGone, type Op } from './store-slot.js';
import { servesWhileStaging } from './default-graph-query.js';
import { ResultCache, type Answer } from './result-cache.js';
import { RunEstimates } from './run-estimates.js';
import {
  ClientGoneError, HttpError, MalformedQueryError, QueryEngineError, QueryTimeoutError, QueueFullError, ResultTooLargeError, ResultTooManyRowsError, StoreRejectedError,
} from './errors.js';

export interface SparqlStoreOptions {
  /** Time limit of one query (ms), counted from its arrival. */
  timeoutMs: number;
  /** Largest serialized result (bytes). */
  maxResultBytes: number;
  /** Most result rows the store may make, while it evaluates (default 100,000; see result-cap.ts). */
  maxResultRows?: number;
  /** Ontology (Turtle) loaded into the default graph. */
  ontologyTurtle?: string;
  /** Bytes of cached results kept (0 disables the cache). */
  cacheBytes?: number;
  /** Workers, each with a full copy of the data (default 2). */
  workers?: number;
  /** Queries that may wait for a worker; more get 503 queue-full (default 16). */
  queueLength?: number;
  /**
   * A persisted store (store-file.ts) every worker loads first, in bulk; the ontology is in it.
   * Its graph names are given later (setSnapshotGraphs), once the caller has read them.
   */
  snapshotFile?: string;
  /** start() resolves once one worker serves; the others load after it, not competing with it for the CPU. */
  rampUp?: boolean;
}

/**
 * A graph's N-Quads, or how to make them: a patched graph's full text is needed only by a worker
 * that starts later, so it is made then (for the entities graph at 10,000 articles, 0.4 s of the
 * event loop that every POST paid before its article was visible).
 */
export type NQuads = string | (() => string);

const textOf = (nq: NQuads): string => (typeof nq === 'string' ? nq : nq());

/** How a graph changed: the N-Quads taken out and put in (setGraphs sends only these to the workers). */
export interface GraphPatch { remove: string; add: string }

export interface QueryOptions {
  resultsFormat: string;
  /** Base IRI for relative IRIs in the query. */
  baseIri?: string;
  defaultGraphs?: string[];
  namedGraphs?: string[];
  /** Aborted when the client went away: the query is dropped from the queue or its worker ended. */
  signal?: AbortSignal;
  /** The same, told more cheaply (what the HTTP endpoint passes; see client-gone.ts). */
  gone?: ClientGone;
  /** Who asks (the client address): one client never holds every worker, nor most of the queue. */
  client?: string;
}

interface Queued {
  op: Op;
  client: string;
  state: 'queued' | 'running' | 'settled';
  slot?: StoreSlot;
  timer: NodeJS.Timeout;
  arrivedAt: number;
  startedAt?: number;
  resolve: (v: Answer) => void;
  reject: (e: Error) => void;
  detach: () => void;
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

/** N-Quads of named graphs in chunks of about CHUNK_CHARS, as load operations naming their graphs. */
function loadOps(graphs: Iterable<[string, NQuads]>): Op[] {
  const ops: Op[] = [];
  let buf = '';
  let names: string[] = [];
  const flush = () => {
    for (const c of chunkLines(buf)) ops.push({ op: 'load', text: c, format: 'application/n-quads', graphs: names });
    buf = '';
    names = [];
  };
  for (const [g, nq] of graphs) {
    buf += textOf(nq);
    names.push(g);
    if (buf.length >= CHUNK_CHARS) flush();
  }
  if (buf) flush();
  return ops;
}

/** A worker's answer (bytes posted as a Uint8Array) as a Buffer over the same memory. */
function toAnswer(out: unknown): Answer {
  const { body, etag } = out as { body: Uint8Array; etag: string };
  return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), etag };
}

export class SparqlStore {
  private readonly slots = new Set<StoreSlot>();
  private readonly queue: Queued[] = [];
  /** N-Quads of each graph set since the start (over the snapshot file's, when there is one). */
  private readonly graphs = new Map<string, NQuads>();
  /** Graphs of the snapshot file still held, in its order (their N-Quads are in the file only). */
  private readonly fileGraphs = new Set<string>();
  /** Graphs dropped since the start: a worker loading the snapshot file drops them again. */
  private readonly dropped = new Set<string>();
  private readonly cache: ResultCache;
  /**
   * Queries answered with a time-out while they ran, left to finish in their worker (up to
   * their own run limit) rather than ending it: at 10,000 articles a fresh worker loads for 40 s.
   */
  private readonly orphans = new Set<Queued>();
  private readonly estimates = new RunEstimates();
  private closed = false;
  private failedStarts = 0;
  /** When each client with queries here was last given a worker (a dispatch count). */
  private readonly served = new Map<string, number>();
  private dispatched = 0;
  /** Callers that name no client count as a client each. */
  private calls = 0;
  /** Incremented on every change of the data; cached results of older versions are dropped. */
  version = 0;
  /** How many times a worker was replaced (time-out, engine failure, abandoned query, crash). */
  restarts = 0;
  /** Queries answered from the result cache. */
  get cacheHits(): number { return this.cache.hits; }

  private constructor(private readonly options: SparqlStoreOptions) {
    this.cache = new ResultCache(options.cacheBytes ?? 32 * 1024 * 1024);
  }

  static async start(options: SparqlStoreOptions): Promise<SparqlStore> {
    const s = new SparqlStore(options);
    const n = Math.max(1, options.workers ?? 2);
    if (options.rampUp) {
      await s.startSlot().ready;
      if (![...s.slots].some((slot) => slot.state === 'ready')) {
        await s.close();
        throw new StoreRejectedError('the persisted store', 'the first SPARQL worker could not load it');
      }
      for (let i = 1; i < n; i++) void s.startSlot().ready.catch(() => undefined);
      return s;
    }
    const first = Array.from({ length: n }, () => s.startSlot());
    await Promise.all(first.map((slot) => slot.ready));
    return s;
  }

  /** The named graphs the snapshot file holds, in order (for graphNames and all-or-nothing writes). */
  setSnapshotGraphs(names: Iterable<string>): void {
    for (const g of names) if (!this.dropped.has(g)) this.fileGraphs.add(g);
  }

  /**
   * Write what the workers hold to `path` (see store-file.ts), from one worker, after the writes
   * already asked for and before any asked for later. Resolves with undefined once written, or
   * with the reason it was not.
   */
  persist(path: string, header: string): Promise<string | undefined> {
    const slot = [...this.slots].find((s) => s.state === 'ready') ?? [...this.slots].find((s) => s.state !== 'dead');
    if (!slot || this.closed) return Promise.resolve('no SPARQL worker is running');
    return new Promise((resolve) => {
      slot.writes.push({
        op: { op: 'dump', path, header },
        done: (out) => resolve(typeof out === 'string' ? out : undefined),
        fail: (e) => resolve(e.message),
      });
      this.pump();
    });
  }

  /** Workers serving now (ready or busy), and loading. */
  get workers(): { serving: number; loading: number } {
    const states = [...this.slots].map((s) => s.state);
    // A staging worker serves (queries of the default graph) and is still loading.
    const staging = [...this.slots].filter((s) => s.staging && s.state !== 'dead').length;
    return { serving: states.filter((x) => x === 'ready' || x === 'busy').length, loading: states.filter((x) => x === 'loading').length + staging };
  }

  /** Queries running now (for tests and logs). */
  get running(): number { return this.queue.filter((q) => q.state === 'running').length + this.orphans.size; }

  get queueLength(): number { return this.options.queueLength ?? 16; }

  get maxResultRows(): number { return this.options.maxResultRows ?? 100_000; }

  /** A fresh worker, loaded from the snapshot and probed; replaced again if it cannot serve. */
  private startSlot(): { ready: Promise<void> } {
    const slot = new StoreSlot((s, why) => this.onSlotDeath(s, why), () => this.pump());
    this.slots.add(slot);
    const ops: Op[] = [];
    const file = this.options.snapshotFile;
    if (file) {
      // The file, then what changed since: each graph set or dropped is dropped first (it may be in the file).
      ops.push({ op: 'loadFile', path: file, ontologyTurtle: this.options.ontologyTurtle });
      for (const g of new Set([...this.dropped, ...this.graphs.keys()])) ops.push({ op: 'dropGraph', graph: g });
    } else if (this.options.ontologyTurtle) ops.push({ op: 'load', text: this.options.ontologyTurtle, format: 'text/turtle' });
    // Made once: the next worker to start reuses them.
    for (const [g, nq] of this.graphs) if (typeof nq !== 'string') this.graphs.set(g, nq());
    ops.push(...loadOps(this.graphs.entries()));
    const ready = slot.load(ops).then(
      () => { this.failedStarts = 0; this.pump(); },
      (e: Error) => {
        this.failedStarts++;
        void slot.kill(`the fresh SPARQL worker could not load the data: ${e.message}`);
        if (this.failedStarts > 3) throw e;
      },
    );
    return { ready };
  }

  private onSlotDeath(slot: StoreSlot, why: Error): void {
    this.slots.delete(slot);
    for (const q of [...this.queue]) if (q.slot === slot) this.settle(q, new HttpError(500, 'store-crashed', `the SPARQL store stopped (${why.message}) and is being restarted; retry the request`));
    for (const q of this.orphans) if (q.slot === slot) this.disown(q);
    if (this.closed) return;
    this.restarts++;
    // Back off when fresh workers keep failing, so a broken snapshot does not spin.
    const delay = this.failedStarts ? Math.min(5000, 100 * 2 ** this.failedStarts) : 0;
    setTimeout(() => { if (!this.closed) void this.startSlot().ready.catch(() => undefined); }, delay).unref();
  }

  /** Give every ready worker its pending writes, else the oldest waiting query. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.state !== 'ready') continue;
      // A staging worker applies its writes once it holds everything, and answers nothing before them.
      if (slot.staging && slot.writes.length) continue;
      const write = slot.staging ? undefined : slot.writes.shift();
      if (write) {
        slot.state = 'busy';
        slot.send(write.op).then(
          (out) => this.freed(slot, () => write.done(out)),
          (e: Error) => {
            // Gone: its replacement loads the snapshot. Refused: the data is bad, not the worker's state.
            if (e instanceof WorkerGone) return write.done();
            write.fail(e);
            void slot.kill(`a write failed in the SPARQL worker: ${e.message}`);
          },
        );
        continue;
      }
      const staging = slot.staging;
      const q = this.nextToRun(staging ? (x) => servesWhileStaging(x.op, staging) : undefined);
      if (!q) continue;
      q.state = 'running';
      q.slot = slot;
      q.startedAt = performance.now();
      slot.state = 'busy';
      slot.send(q.op).then(
        (out) => { this.estimates.note(q.op, performance.now() - q.startedAt!); this.disown(q); this.settle(q, undefined, toAnswer(out)); this.freed(slot); },
        (e: Error) => { this.disown(q); this.failed(q, slot, e); },
      );
    }
  }

  /**
   * The next query to run: among clients under their share of workers, the one served
   * longest ago (never first), its oldest query. So a reader's ASK runs before the rest of
   * an attacker's queue.
   */
  private next(fits?: (q: Queued) => boolean): Queued | undefined {
    let best: Queued | undefined;
    for (const q of this.queue) {
      if (q.state !== 'queued' || this.runningFor(q.client) >= this.perClientRunning || (fits && !fits(q))) continue;
      if (!best || (this.served.get(q.client) ?? -1) < (this.served.get(best.client) ?? -1)) best = q;
    }
    if (best) this.served.set(best.client, this.dispatched++);
    return best;
  }

  /**
   * The next query worth running. One that waited and, by its kind's recent runs, would not
   * finish in what is left of its limit gets its 503 now instead of holding a worker.
   */
  private nextToRun(fits?: (q: Queued) => boolean): Queued | undefined {
    for (let q = this.next(fits); q; q = this.next(fits)) {
      const waited = performance.now() - q.arrivedAt;
      if (waited < 1 || !this.estimates.wouldMiss(q.op, this.options.timeoutMs - waited)) return q;
      this.settle(q, new QueryTimeoutError(this.options.timeoutMs, true));
    }
    return undefined;
  }

  /** Workers one client may hold at once: all but one, so one slow client leaves a worker to the others. */
  private get perClientRunning(): number { return Math.max(1, (this.options.workers ?? 2) - 1); }

  private runningFor(client: string): number {
    let n = 0;
    for (const q of this.queue) if (q.state === 'running' && q.client === client) n++;
    for (const q of this.orphans) if (q.client === client) n++;
    return n;
  }

  private freed(slot: StoreSlot, then?: () => void): void {
    if (slot.state === 'busy') slot.state = 'ready';
    then?.();
    this.pump();
  }

  private failed(q: Queued, slot: StoreSlot, e: Error): void {
    if (!(e instanceof WorkerFailed)) return; // WorkerGone: settled by whoever ended the worker
    const f = e.failure;
    if (f.kind === 'engine') {
      this.settle(q, new QueryEngineError(f.message));
      void slot.kill(`the engine failed: ${f.message}`);
      return;
    }
    if (f.kind === 'parse') this.settle(q, new MalformedQueryError(f.message, q.op.op === 'query' ? q.op.query : undefined));
    else if (f.kind === 'too-large') this.settle(q, new ResultTooLargeError(f.bytes ?? 0, this.options.maxResultBytes));
    else if (f.kind === 'too-many') this.settle(q, new ResultTooManyRowsError(f.rows ?? 0, this.maxResultRows, f.queryKind));
    else this.settle(q, new HttpError(400, 'query-failed', `the store could not run this request: ${f.message}`));
    this.freed(slot);
  }

  private settle(q: Queued, err?: Error, out?: Answer): void {
    if (q.state === 'settled') return;
    q.state = 'settled';
    clearTimeout(q.timer);
    q.detach();
    const i = this.queue.indexOf(q);
    if (i >= 0) this.queue.splice(i, 1);
    if (!this.queue.some((x) => x.client === q.client)) this.served.delete(q.client);
    if (err) q.reject(err);
    else q.resolve(out!);
  }

  /**
   * The deadline passed or the client left: drop the query, or end the worker running it. A
   * query that waited for its worker has not had its own run time yet: it is orphaned (runs on,
   * its answer unused) and its worker ended only if it runs past that.
   */
  private stop(q: Queued, err: Error): void {
    const { state, slot, startedAt } = q;
    this.settle(q, err);
    if (state !== 'running' || !slot) return;
    const waited = startedAt! - q.arrivedAt;
    const timedOut = err instanceof QueryTimeoutError;
    if (!timedOut || waited < 1) {
      if (timedOut) this.estimates.note(q.op, this.options.timeoutMs);
      void slot.kill(err.message);
      return;
    }
    this.orphans.add(q);
    const left = Math.max(0, startedAt! + this.options.timeoutMs - performance.now());
    q.timer = setTimeout(() => {
      if (!this.orphans.delete(q)) return;
      this.estimates.note(q.op, this.options.timeoutMs);
      void slot.kill(err.message);
    }, left);
  }

  /** The orphaned query finished, or its worker stopped. */
  private disown(q: Queued): void {
    if (this.orphans.delete(q)) clearTimeout(q.timer);
  }

  private enqueue(op: Op, client: string, gone?: ClientGone): Promise<Answer> {
    if (this.closed) return Promise.reject(new HttpError(503, 'shutting-down', 'the server is shutting down'));
    if (gone?.gone) return Promise.reject(new ClientGoneError());
    const waiting = this.queue.filter((q) => q.state === 'queued');
    const retry = Math.max(1, Math.ceil(this.options.timeoutMs / 1000));
    if (waiting.length >= this.queueLength) return Promise.reject(new QueueFullError(waiting.length, retry));
    // One client may fill a quarter of the queue, so others still get in.
    const mine = waiting.filter((q) => q.client === client).length;
    if (mine >= Math.max(1, Math.floor(this.queueLength / 4))) return Promise.reject(new QueueFullError(mine, retry, true));
    return new Promise((resolve, reject) => {
      const q: Queued = { op, client, state: 'queued', arrivedAt: performance.now(), resolve, reject, detach: () => undefined, timer: undefined as unknown as NodeJS.Timeout };
      // The limit counts from arrival: waiting for a worker uses it up too.
      q.timer = setTimeout(() => this.stop(q, new QueryTimeoutError(this.options.timeoutMs, q.state === 'queued')), this.options.timeoutMs);
      if (gone) q.detach = gone.onGone(() => this.stop(q, new ClientGoneError()));
      this.queue.push(q);
      this.pump();
    });
  }

  /**
   * Apply a write to every worker (before its next query); workers started later load it from
   * the snapshot. Rejects when a worker refused it (`onFail` ran first) or the store is closed.
   */
  private write(op: Op, onFail: (e: Error) => void = () => undefined): Promise<void> {
    if (this.closed) return Promise.reject(new HttpError(503, 'shutting-down', 'the server is shutting down'));
    this.version++;
    this.cache.clear();
    const done: Promise<void>[] = [];
    for (const slot of this.slots) {
      if (slot.state === 'dead') continue;
      done.push(new Promise((resolve, reject) => slot.writes.push({ op, done: () => resolve(), fail: (e) => { onFail(e); reject(e); } })));
    }
    this.pump();
    return Promise.all(done).then(() => undefined);
  }

  /**
   * Replace the contents of many named graphs at once (N-Quads whose graph is the key). All or
   * nothing: when a worker refuses the data, the previous contents are put back in the snapshot
   * (before that worker is replaced from it) and in every worker, and StoreRejectedError is thrown.
   */
  async setGraphs(graphs: Map<string, NQuads>, patches?: Map<string, GraphPatch>): Promise<void> {
    const before = new Map([...graphs.keys()].map((g) => [g, this.graphs.get(g)]));
    let refused: Error | undefined;
    const revert = (e: Error) => {
      if (refused) return;
      refused = e;
      // A graph of the snapshot file goes back to the file's contents (no entry here).
      for (const [g, nq] of before) nq === undefined ? this.graphs.delete(g) : this.graphs.set(g, nq);
    };
    try {
      await this.apply(graphs, revert, patches);
    } catch (e) {
      if (!refused) throw e;
      // Every worker refuses the same data and is replaced from the snapshot; the rest are put back here.
      await this.apply(new Map([...before].filter(([g]) => !this.fileGraphs.has(g)))).catch(() => undefined);
      throw new StoreRejectedError(`the graphs ${[...graphs.keys()].slice(0, 3).map((g) => `<${g}>`).join(', ')}`, refused.message);
    }
  }

  /**
   * Drop and load each graph (undefined: drop it and forget it). A graph with a patch keeps its
   * new N-Quads in the snapshot, but the workers are sent only the patch.
   */
  private async apply(graphs: Map<string, NQuads | undefined>, onFail?: (e: Error) => void, patches?: Map<string, GraphPatch>): Promise<void> {
    const patched = (g: string) => patches?.has(g) && graphs.get(g) !== undefined;
    const kept = [...graphs].filter((e): e is [string, NQuads] => e[1] !== undefined && !patched(e[0]));
    for (const [g, nq] of graphs) nq === undefined ? this.forget(g) : this.graphs.set(g, nq);
    const ops: Promise<void>[] = [];
    for (const g of graphs.keys()) {
      if (patched(g)) ops.push(this.write({ op: 'patchGraph', graph: g, ...patches!.get(g)! }, onFail));
      else ops.push(this.write({ op: 'dropGraph', graph: g }, onFail));
    }
    for (const op of loadOps(kept)) ops.push(this.write(op, onFail));
    await Promise.all(ops);
  }

  /** Replace one named graph with these N-Quads (their graph must be `graph`). */
  async setGraph(graph: string, nquads: string): Promise<void> {
    this.graphs.set(graph, nquads);
    await this.write({ op: 'replaceGraph', graph, nquads });
  }

  /** The named graphs held (article graphs and the entities graph), for the service description. */
  graphNames(): string[] {
    return [...this.fileGraphs, ...[...this.graphs.keys()].filter((g) => !this.fileGraphs.has(g))];
  }

  /** A graph is gone: from the snapshot, and from the file's graphs (a fresh worker drops it again). */
  private forget(graph: string): void {
    this.graphs.delete(graph);
    if (this.fileGraphs.delete(graph) || this.options.snapshotFile) this.dropped.add(graph);
  }

  async dropGraph(graph: string): Promise<void> {
    this.forget(graph);
    await this.write({ op: 'dropGraph', graph });
  }

  /** Run a query within the time limit (from now); returns the serialized results. */
  async query(query: string, options: QueryOptions): Promise<string> {
    return (await this.answer(query, options)).body.toString('utf8');
  }

  /** The same as query(), as the bytes to send and their ETag. */
  async answer(query: string, options: QueryOptions): Promise<Answer> {
    const { signal, gone, client, ...rest } = options;
    const key = JSON.stringify([query, rest.resultsFormat, rest.defaultGraphs ?? [], rest.namedGraphs ?? [], rest.baseIri ?? '']);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const version = this.version;
    const op: Op = { op: 'query', query, maxBytes: this.options.maxResultBytes, maxRows: this.maxResultRows, answer: true, ...rest };
    const out = await this.enqueue(op, client ?? `call-${this.calls++}`, gone ?? (signal && goneOf(signal)));
    if (version === this.version) this.cache.offer(key, out);
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    const err = new HttpError(503, 'shutting-down', 'the server is shutting down');
    for (const q of [...this.queue]) this.settle(q, err);
    for (const q of [...this.orphans]) this.disown(q);
    await Promise.all([...this.slots].map((s) => s.kill('the server is shutting down')));
  }
}
