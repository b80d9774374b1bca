/**
 * Annotation of POSTed articles off the event loop: one worker thread (annotate-worker.ts),
 * one article at a time, each with a time limit counted from when its annotation starts.
 * Past it the worker is ended (the pipeline cannot be interrupted otherwise) and a fresh
 * one is started for the next article.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from './ts-worker.js';
import type { ArticleRecord, Settings } from './core.js';
import { HttpError, UnprocessableInputError } from './errors.js';
import { UnreadableInputError } from '../src/errors.js';
import { memoryReason } from '../src/pipeline/pool.js';

type Reply = { id: number; ok: true; record: ArticleRecord } | { id: number; ok: false; file?: string; reason?: string; message: string };

/** The article took longer than the time limit to annotate. */
export class AnnotationTimeoutError extends HttpError {
  constructor(ms: number) {
    super(422, 'annotation-timeout', `annotating the article took longer than the limit of ${ms} ms and was stopped; split it into smaller articles, or raise KG_ANNOTATE_TIMEOUT_MS`);
  }
}

export class Annotator {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** True while an article is being annotated (for tests and logs). */
  busy = false;
  /** Workers ended past their time limit. */
  restarts = 0;

  constructor(private readonly settings: Settings, private readonly timeoutMs: number) {}

  /** Annotate one article; articles wait their turn. */
  annotate(input: { name: string; data: Buffer | string }): Promise<ArticleRecord> {
    const run = this.chain.then(() => this.run(input));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Start the worker now (it loads the model and the knowledge base), not on the first article. */
  warm(): void {
    this.start().catch(() => undefined);
  }

  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    // A heap limit, so an article that needs too much memory ends the worker, not the server.
    const w = spawnModuleWorker('annotate-worker', this.settings, { maxOldGenerationSizeMb: this.settings.annotateMemoryMb });
    w.unref();
    this.worker = w;
    this.ready = new Promise((resolve, reject) => {
      w.once('message', () => resolve(w));
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`the annotation worker exited with code ${code}`)));
    });
    w.on('exit', () => { if (this.worker === w) { this.worker = undefined; this.ready = undefined; } });
    return this.ready;
  }

  private async run(input: { name: string; data: Buffer | string }): Promise<ArticleRecord> {
    const w = await this.start();
    const id = this.nextId++;
    const data = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : input.data;
    this.busy = true;
    try {
      return await new Promise<ArticleRecord>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.restarts++;
          this.worker = undefined;
          this.ready = undefined;
          void w.terminate();
          reject(new AnnotationTimeoutError(this.timeoutMs));
        }, this.timeoutMs);
        let outOfMemory = false;
        const onError = (e: Error & { code?: string }) => { if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true; };
        const onExit = (code: number) => {
          clearTimeout(timer);
          reject(outOfMemory ? new UnprocessableInputError(`the article ${memoryReason(this.settings.annotateMemoryMb).replace(/^annotating it/, 'needed')}; nothing was kept`)
            : new HttpError(500, 'annotation-crashed', `the annotation worker stopped (exit code ${code}); retry the request`));
        };
        w.once('exit', onExit);
        w.once('error', onError);
        const onMessage = (res: Reply) => {
          if (res.id !== id) return;
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('exit', onExit);
          w.off('error', onError);
          if (res.ok) resolve(res.record);
          else if (res.reason !== undefined) reject(new UnreadableInputError(res.file ?? input.name, res.reason));
          else reject(new UnprocessableInputError(`the article could not be annotated: ${res.message}`));
        };
        w.on('message', onMessage);
        w.postMessage({ id, name: input.name, data });
      });
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await w?.terminate();
  }
}
