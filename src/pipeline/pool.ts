/**
 * A pool of annotation workers (pool-worker.ts): `jobs` threads, each annotating one article
 * at a time with a time budget counted from when that article reaches its worker. Past the
 * budget the worker is ended (the pipeline cannot be interrupted otherwise), the article is
 * reported as skipped with the reason, and a fresh worker takes the next one. A worker that
 * dies (out of memory, a crash) costs only the article it held.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ArticleRecord } from '../corpus/record.js';
import type { Settings } from '../settings.js';
import { NewskgError, UnreadableInputError } from '../errors.js';
import { spawnWorker } from './spawn.js';

export type PoolResult = { ok: true; record: ArticleRecord } | { ok: false; reason: string };

export interface PoolTask {
  name: string;
  data: Uint8Array;
  /** Where the worker writes the record's JSON for the cache (optional). */
  cachePath?: string;
}

/** The reason a build gives for an article that failed (the same in a worker or not). */
export function failureReason(e: unknown): string {
  if (e instanceof UnreadableInputError) return e.reason;
  if (e instanceof NewskgError) return e.message;
  return `could not be annotated (${e instanceof Error ? e.message : String(e)})`;
}

/** The reason for an article that needed more than the annotation worker's heap limit. */
export const memoryReason = (mb: number) => `annotating it needed more than the memory limit of ${mb} MB and was stopped; split it into smaller articles, or raise annotateMemoryMb`;

/** `jobs` as given (0 or undefined: every core). */
export function jobCount(jobs: number | undefined): number {
  return jobs && jobs > 0 ? Math.floor(jobs) : availableParallelism();
}

interface Slot { worker: Worker; ready: Promise<void>; busy: boolean }
interface Pending { task: PoolTask; resolve: (r: PoolResult) => void }

export class AnnotatePool {
  /** Started on demand: a rebuild that finds every record but one in the cache starts one worker. */
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers ended past the time budget or lost to a crash. */
  restarts = 0;

  constructor(private readonly settings: Settings, readonly jobs: number, private readonly timeoutMs: number) {}

  private spawn(): Slot {
    // Settings cross the thread boundary as plain data.
    // A heap limit, so an article that needs too much memory ends its worker, not the build.
    const worker = spawnWorker(import.meta.url, 'pool-worker', { workerData: { ...this.settings }, resourceLimits: { maxOldGenerationSizeMb: this.settings.annotateMemoryMb } });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`an annotation worker could not start (exit code ${code})`)));
    });
    ready.catch(() => undefined);
    return { worker, ready, busy: false };
  }

  /**
   * Start up to `n` workers now, before any article is ready: a worker's start (compiling the
   * pipeline, loading the model and the knowledge base) then overlaps the build's own.
   */
  warm(n: number): void {
    while (!this.closed && this.slots.length < Math.min(n, this.jobs)) this.slots.push(this.spawn());
  }

  annotate(task: PoolTask): Promise<PoolResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'the build was stopped' });
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length; i++) {
      if (!this.slots[i].busy) this.run(i, this.queue.shift()!);
    }
    while (this.queue.length && this.slots.length < this.jobs) {
      this.slots.push(this.spawn());
      this.run(this.slots.length - 1, this.queue.shift()!);
    }
  }

  private run(i: number, { task, resolve }: Pending): void {
    const slot = this.slots[i];
    slot.busy = true;
    const id = this.nextId++;
    let settled = false;
    const finish = (r: PoolResult, replace: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.worker.off('message', onMessage);
      slot.worker.off('exit', onExit);
      slot.worker.off('error', onError);
      if (replace && !this.closed) {
        this.restarts++;
        void slot.worker.terminate();
        this.slots[i] = this.spawn();
      } else slot.busy = false;
      resolve(r);
      this.pump();
    };
    const onMessage = (m: { id?: number } & PoolResult) => { if (m.id === id) finish(m.ok ? { ok: true, record: m.record } : { ok: false, reason: m.reason }, false); };
    let outOfMemory = false;
    const onError = (e: Error & { code?: string }) => { if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true; };
    const onExit = (code: number) => finish({ ok: false, reason: outOfMemory ? memoryReason(this.settings.annotateMemoryMb) : `the annotation worker stopped while reading it (exit code ${code}); the article was skipped` }, true);
    let timer: NodeJS.Timeout | undefined;
    slot.ready.then(
      () => {
        if (settled) return;
        // The budget starts when the article reaches its worker, not while it waits in the queue.
        timer = setTimeout(() => finish({ ok: false, reason: `annotating it took longer than the time budget of ${this.timeoutMs} ms and was stopped; split it into smaller articles, or raise --article-timeout` }, true), this.timeoutMs);
        slot.worker.on('message', onMessage);
        slot.worker.once('exit', onExit);
        slot.worker.once('error', onError);
        slot.worker.postMessage({ id, name: task.name, data: task.data, cachePath: task.cachePath });
      },
      (e: Error) => finish({ ok: false, reason: `could not be annotated (${e.message})` }, true),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve({ ok: false, reason: 'the build was stopped' });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
