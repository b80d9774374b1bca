/**
 * A pool of annotation workers (pool-worker.ts): `jobs` threads, each annotating one article
 * at a time with up to AHEAD - 1 more waiting in its port, and a time budget counted from when
 * an article is first in its worker's line. Past the budget the worker is ended (the pipeline
 * cannot be interrupted otherwise), the article is reported as skipped with the reason, the
 * articles waiting behind it go back to the queue, and a fresh worker takes over. A worker that
 * dies (out of memory, a crash) costs only the article it held.
 */
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ArticleRecord } from '../corpus/record.js';
import type { Settings } from '../settings.js';
import { NewskgError, UnreadableInputError } from '../errors.js';
import { spawnWorker } from './spawn.js';

export type PoolResult = { ok: true; record: ArticleRecord } | { ok: false; reason: string };

export interface PoolTask {
  name: string;
  data: Uint8Array;
  /** Where the pool writes the record's JSON for the cache (optional). */
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

/** What a worker posts (pool-worker.ts). */
type WorkerMessage = { ready?: true; id?: number } & ({ ok: true; json: Uint8Array } | { ok: false; reason: string });

interface Pending { task: PoolTask; resolve: (r: PoolResult) => void }
interface Sent extends Pending { id: number }

/**
 * One worker and the articles sent to it, in the order it reads them (its port is a queue).
 * The first is the one being annotated: its time budget runs from when it became first.
 */
interface Slot { worker: Worker; ready: boolean; sent: Sent[]; timer?: NodeJS.Timeout; gone: boolean; outOfMemory: boolean }

/**
 * Articles sent ahead to each worker: it starts the next the moment it posts a record, not
 * when the main thread, busy adding records to the corpus, gets round to sending one (with
 * one at a time, the two workers of a 10k build waited 37% of the time).
 */
export const AHEAD = 3;

const decoder = new TextDecoder();

export class AnnotatePool {
  /** Started on demand: a rebuild that finds every record but one in the cache starts one worker. */
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers ended past the time budget or lost to a crash. */
  restarts = 0;
  /** Cache files being written; close() waits for them. */
  private readonly writes = new Set<Promise<void>>();
  private readonly folders = new Map<string, Promise<unknown>>();

  constructor(private readonly settings: Settings, readonly jobs: number, private readonly timeoutMs: number) {}

  private spawn(): Slot {
    // Settings cross the thread boundary as plain data.
    // A heap limit, so an article that needs too much memory ends its worker, not the build.
    const worker = spawnWorker(import.meta.url, 'pool-worker', { workerData: { ...this.settings }, resourceLimits: { maxOldGenerationSizeMb: this.settings.annotateMemoryMb } });
    worker.unref();
    const slot: Slot = { worker, ready: false, sent: [], gone: false, outOfMemory: false };
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (e: Error & { code?: string }) => { if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.outOfMemory = true; });
    worker.once('exit', (code) => this.onExit(slot, code));
    return slot;
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

  /** Idle workers first, then a new one while under `jobs`, then up to AHEAD per worker. */
  private pump(): void {
    for (const slot of this.slots) if (this.queue.length && !slot.sent.length) this.send(slot, this.queue.shift()!);
    while (this.queue.length && this.slots.length < this.jobs) {
      const slot = this.spawn();
      this.slots.push(slot);
      this.send(slot, this.queue.shift()!);
    }
    for (let depth = 2; depth <= AHEAD; depth++)
      for (const slot of this.slots) if (this.queue.length && slot.sent.length < depth) this.send(slot, this.queue.shift()!);
  }

  private send(slot: Slot, p: Pending): void {
    const sent: Sent = { ...p, id: this.nextId++ };
    slot.sent.push(sent);
    // A worker's port holds messages until the worker listens: sending before it is ready is safe.
    slot.worker.postMessage({ id: sent.id, name: p.task.name, data: p.task.data });
    if (slot.sent.length === 1) this.startClock(slot);
  }

  /** The budget of the slot's first article starts now (or when the worker is ready). */
  private startClock(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    if (!slot.ready || !slot.sent.length) return;
    slot.timer = setTimeout(() => this.replace(slot, { ok: false, reason: `annotating it took longer than the time budget of ${this.timeoutMs} ms and was stopped; split it into smaller articles, or raise --article-timeout` }), this.timeoutMs);
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    if (slot.gone) return;
    if (m.ready) { slot.ready = true; this.startClock(slot); return; }
    if (slot.sent[0]?.id !== m.id) return;
    const done = slot.sent.shift()!;
    this.startClock(slot);
    if (m.ok && done.task.cachePath) this.cache(done.task.cachePath, m.json);
    done.resolve(m.ok ? { ok: true, record: JSON.parse(decoder.decode(m.json)) as ArticleRecord } : { ok: false, reason: m.reason });
    this.pump();
  }

  /**
   * The record's JSON to its cache file (temporary name, then rename), off the thread: written
   * synchronously by the workers, the files of a 10k build held each worker 5 s in the kernel,
   * waiting on a disk busy with the outputs.
   */
  private cache(path: string, json: Uint8Array): void {
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const dir = dirname(path);
    // One mkdir per folder (256 of them), not per file: each is a trip to the thread pool.
    let made = this.folders.get(dir);
    if (!made) this.folders.set(dir, (made = mkdir(dir, { recursive: true })));
    const write = made
      .then(() => writeFile(tmp, json))
      .then(() => rename(tmp, path))
      // A cache that cannot be written only costs a re-annotation next time; no half file is left.
      .catch(() => unlink(tmp).catch(() => undefined))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private onExit(slot: Slot, code: number): void {
    if (slot.gone) return;
    const reason = slot.outOfMemory ? memoryReason(this.settings.annotateMemoryMb)
      : slot.ready ? `the annotation worker stopped while reading it (exit code ${code}); the article was skipped`
      : `could not be annotated (an annotation worker could not start: exit code ${code})`;
    this.replace(slot, { ok: false, reason });
  }

  /**
   * The slot's first article failed (past its budget, or its worker died): it gets the reason,
   * the worker is ended, and the articles sent behind it go back to the front of the queue.
   */
  private replace(slot: Slot, failure: PoolResult): void {
    slot.gone = true;
    clearTimeout(slot.timer);
    const [first, ...behind] = slot.sent.splice(0);
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (this.closed) { if (i >= 0) this.slots.splice(i, 1); }
    else {
      this.restarts++;
      if (i >= 0) this.slots[i] = this.spawn();
      this.queue.unshift(...behind);
    }
    first?.resolve(failure);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped: PoolResult = { ok: false, reason: 'the build was stopped' };
    for (const p of this.queue.splice(0)) p.resolve(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      slot.gone = true;
      clearTimeout(slot.timer);
      for (const p of slot.sent.splice(0)) p.resolve(stopped);
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
    // The stat index written after the pool closes names these files.
    await Promise.all(this.writes);
  }
}
