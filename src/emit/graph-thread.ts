/**
 * Where a build's graph is made: from the articles' facts (src/graph/facts.ts) in corpus order,
 * then the entities, then laid out and written as graph.json. A small build does it in this
 * thread; from `threadFrom` articles it goes to graph-worker.ts, so that on a second core it
 * runs beside the main thread's record heads, corpus links and RDF files instead of after them
 * (at 10k articles: reading the kept facts, making the graph and writing graph.json were 3–4 s
 * of a one-file rebuild, half of it collecting the garbage of one shared heap).
 *
 * Either way the graph is the same, node for node: the same GraphFacts gets the same facts in
 * the same order. An unchanged article's facts are named, not sent ('take': the worker reads
 * the previous state itself); when they cannot be read, finish() says so and the caller builds
 * the graph the old way.
 */
import type { Worker } from 'node:worker_threads';
import type { Quad } from 'n3';
import { spawnWorker } from '../pipeline/spawn.js';
import { GraphFacts, type ArticleFacts } from '../graph/facts.js';
import { keepPreviousLayout, layoutInWorker, positionsText } from '../graph/layout.js';
import type { KgGraph } from '../graph/graphology.js';
import type { BuildState } from './build-state.js';
import { writeGraphJson } from './stream.js';

/** An article's facts: kept ones by name (id, record cache file, key), made ones whole. */
export type GraphItem = ['take', string, string, string] | ['facts', ArticleFacts];
/** The entities graph's quads as [subject, predicate, object, object is a literal, graph]. */
export type EntityTerms = [string, string, string, boolean, string][];
export type GraphRequest =
  | { items: GraphItem[] }
  | { finish: true; entities: EntityTerms; outDir: string; relayout: boolean; iterations: number }
  | { layout: true }
  | { json: string }
  | { positions: number };

export interface FinishOptions { outDir: string; relayout: boolean; iterations: number }

/** The made graph: its size, its layout under way, and writers of graph.json and of its positions file. */
export interface MadeGraph {
  order: number;
  size: number;
  /** Done when the graph is laid out: true when the previous build's positions were kept, false when ForceAtlas2 ran. */
  laidOut: Promise<boolean>;
  /** graph.json (once laid out). */
  writeJson(path: string): Promise<void>;
  positionsText(graphJsonBytes: number): Promise<string>;
  close(): Promise<void>;
}

/** Articles from which the graph goes to a worker (its start costs about half a second). */
export const THREAD_FROM = 2000;
/** Items sent to the worker at once. */
const BATCH = 256;

export class GraphThread {
  private readonly items: GraphItem[] = [];
  private count = 0;
  private worker: Worker | undefined;
  /** The callers waiting for an answer, in the order asked (the worker answers in order). */
  private waiting: { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(private readonly base: string, private readonly previous: BuildState, private readonly stateDir: string | undefined, private readonly threadFrom = THREAD_FROM) {
    // A rebuild of a large build starts the worker at once: it reads the state while this thread starts.
    if (previous.size >= threadFrom) this.start();
  }

  add(item: GraphItem): void {
    this.items.push(item);
    if (++this.count === this.threadFrom && !this.worker) this.start();
    if (this.worker && this.items.length >= BATCH) this.send();
  }

  /** Send what is held (the caller has nothing more for now). */
  flush(): void {
    if (this.worker && this.items.length) this.send();
  }

  /**
   * After the last article: the graph with the entities, its layout started; undefined when an
   * unchanged article's kept facts could not be read (build from the corpus instead).
   */
  async finish(entities: Quad[], options: FinishOptions): Promise<MadeGraph | undefined> {
    if (!this.worker) return this.finishHere(entities, options);
    this.flush();
    const terms: EntityTerms = entities.map((q) => [q.subject.value, q.predicate.value, q.object.value, q.object.termType === 'Literal', q.graph.value]);
    const made = await this.ask({ finish: true, entities: terms, ...options });
    if (made.failed) { await this.close(); return undefined; }
    const laidOut = this.ask({ layout: true }).then((m) => m.kept as boolean);
    laidOut.catch(() => undefined);
    return {
      order: made.order as number,
      size: made.size as number,
      laidOut,
      writeJson: async (path) => { await this.ask({ json: path }); },
      positionsText: async (bytes) => (await this.ask({ positions: bytes })).text as string,
      close: () => this.close(),
    };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private async finishHere(entities: Quad[], options: FinishOptions): Promise<MadeGraph | undefined> {
    const facts = new GraphFacts();
    for (const item of this.items) {
      const f = item[0] === 'take' ? this.previous.take(item[1], item[2], item[3])?.facts : item[1];
      if (!f) return undefined;
      facts.addArticle(f);
    }
    facts.addAll(entities);
    return madeHere(facts.graph(), options);
  }

  private start(): void {
    // A young generation larger than the default: the graph is millions of small objects that
    // live to the end, and the default one promoted them through many scavenges.
    const w = spawnWorker(import.meta.url, 'graph-worker', { workerData: { base: this.base, stateDir: this.stateDir }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    w.on('message', (m: Record<string, unknown>) => {
      if (typeof m.error === 'string') this.fail(new Error(`the graph worker failed: ${m.error}`));
      else this.waiting.shift()?.resolve(m);
    });
    w.on('error', (e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
    w.on('exit', (code) => { if (this.worker === w) this.fail(new Error(`the graph worker stopped (exit code ${code})`)); });
    this.worker = w;
  }

  private send(): void {
    this.worker!.postMessage({ items: this.items.splice(0) } satisfies GraphRequest);
  }

  private ask(m: GraphRequest): Promise<Record<string, unknown>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker!.postMessage(m);
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }
}

/** The layout of a graph (the previous positions kept, else ForceAtlas2 in a worker): true when kept. */
export async function layOut(graph: KgGraph, options: FinishOptions): Promise<boolean> {
  const kept = !options.relayout && (await keepPreviousLayout(graph, options.outDir));
  if (!kept) await layoutInWorker(graph, options.iterations);
  return kept;
}

/** A graph of this thread as a MadeGraph, its layout started. */
export function madeHere(graph: KgGraph, options: FinishOptions): MadeGraph {
  const laidOut = layOut(graph, options);
  laidOut.catch(() => undefined);
  return {
    order: graph.order, size: graph.size, laidOut,
    writeJson: async (path) => { await laidOut; await writeGraphJson(path, graph); },
    positionsText: async (bytes) => positionsText(graph, bytes),
    close: async () => undefined,
  };
}
