/**
 * One supervised oxigraph worker of the store pool: it is started, loaded with a
 * snapshot of the data, checked with a probe query, and then runs one operation at a
 * time. The pool ends it (terminate) when a query fails inside the engine, runs past
 * its time or is abandoned; a slot is never reused after that.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from './ts-worker.js';
import type { WorkerRequest, WorkerResponse, WorkerResult } from './store-worker.js';

/** A request without its id (the slot numbers them). */
export type Op = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export type Failure = Extract<WorkerResponse, { ok: false }>;

/** A request the worker answered with an error. */
export class WorkerFailed extends Error {
  constructor(readonly failure: Failure) { super(failure.message); }
}

/** The worker stopped (crash, exit or terminate) before answering. */
export class WorkerGone extends Error {}

/**
 * A write waiting for a worker. `fail` runs synchronously when the worker refused it, before
 * the worker is ended, so the caller can take the data out of the snapshot first.
 */
export interface PendingWrite { op: Op; done: (result?: WorkerResult) => void; fail: (e: Error) => void }

/** The query a fresh worker must answer before it serves. */
export const PROBE_QUERY = 'ASK {}';

export class StoreSlot {
  /** loading: taking the snapshot; ready: idle; busy: running an operation; dead: ended. */
  state: 'loading' | 'ready' | 'busy' | 'dead' = 'loading';
  /**
   * Serving the default graph while the rest of the store file loads (store-worker.ts,
   * 'staged'): it takes only queries of the default graph (servesWhileStaging: first those
   * that read no evidence, while it holds the default graph without its evidence), and its
   * writes wait, until the worker says it holds everything. False when not staging.
   */
  staging: false | 'no-evidence' | 'defaults' = false;
  /** The worker said it holds everything (possibly before load() saw its 'staged'). */
  private loadedAll = false;
  /** The worker said it holds the default graph's evidence (possibly before load() saw its 'staged-no-evidence'). */
  private defaultsLoaded = false;
  /** Whether the worker holds every quad of its store file, as it last said. */
  get holdsAll(): boolean { return this.loadedAll; }
  /** Writes that arrived after the snapshot was taken, applied before the next query. */
  readonly writes: PendingWrite[] = [];
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: WorkerResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly onDeath: (slot: StoreSlot, why: Error) => void, private readonly onLoaded: (slot: StoreSlot) => void = () => undefined) {
    this.worker = spawnModuleWorker('store-worker');
    // Held (ref'd) only while a request is in flight (send, onMessage): a starting server may wait for nothing else.
    this.worker.unref();
    this.worker.on('message', (res: WorkerResponse | { loaded: true | 'defaults' }) => {
      if (!('loaded' in res)) return this.onMessage(res);
      if (res.loaded === 'defaults') {
        this.defaultsLoaded = true;
        if (this.staging) this.staging = 'defaults';
      } else {
        this.loadedAll = true;
        this.staging = false;
      }
      this.onLoaded(this);
    });
    this.worker.on('error', (err: unknown) => this.died(err instanceof Error ? err : new Error(String(err))));
    this.worker.on('exit', (code) => this.died(new Error(`the SPARQL worker exited with code ${code}`)));
  }

  /** Load a snapshot (ontology, graphs) and answer the probe; throws when the worker cannot serve. */
  async load(ops: Op[]): Promise<void> {
    const results = await Promise.all(ops.map((op) => this.send(op)));
    // Ops after the file wait in the worker until it holds everything, so by then it may have said so.
    if ((results[0] === 'staged' || results[0] === 'staged-no-evidence') && !this.loadedAll && this.state === 'loading')
      this.staging = results[0] === 'staged' || this.defaultsLoaded ? 'defaults' : 'no-evidence';
    const probe = await this.send({ op: 'query', query: PROBE_QUERY, resultsFormat: 'application/sparql-results+json', maxBytes: 1024 });
    if (!/"boolean"\s*:\s*true/.test(String(probe))) throw new Error(`the probe query answered ${String(probe).slice(0, 100)}`);
    if (this.state === 'loading') this.state = 'ready';
  }

  /** Send one request; resolves with the worker's result, rejects with WorkerFailed or WorkerGone. */
  send(op: Op): Promise<WorkerResult> {
    if (this.state === 'dead') return Promise.reject(new WorkerGone('the SPARQL worker was stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.pending.size) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...op, id } as WorkerRequest);
    });
  }

  private onMessage(res: WorkerResponse): void {
    const p = this.pending.get(res.id);
    if (!p) return;
    this.pending.delete(res.id);
    if (!this.pending.size) this.worker.unref();
    if (res.ok) p.resolve(res.result);
    else p.reject(new WorkerFailed(res));
  }

  private died(why: Error): void {
    if (this.state === 'dead') return;
    this.state = 'dead';
    for (const p of this.pending.values()) p.reject(new WorkerGone(why.message));
    this.pending.clear();
    // Its writes are in the snapshot the replacement loads.
    for (const w of this.writes.splice(0)) w.done();
    this.onDeath(this, why);
  }

  /** End the worker now (a query inside it cannot be interrupted otherwise). */
  kill(why: string): Promise<number> {
    this.died(new Error(why));
    return this.worker.terminate();
  }
}
