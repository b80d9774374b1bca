/**
 * Oxigraph alone, for bench:server's comparison: the same query load as the server's, with
 * nothing of the server. `engines` worker threads each hold one oxigraph store loaded with the
 * server's N-Triples export; `clients` loops in this process each hand their next query to a
 * free engine (first come, first served) as soon as their previous one is answered, as the
 * load generator's connections do. An answer is oxigraph's serialized SPARQL JSON, the string
 * it returns; no HTTP, queue limits, result cap, cache or time limit.
 *
 * So the server at 10 connections over 2 workers is compared with oxigraph at 10 clients over
 * 2 engines: the same queueing, whatever the server adds on top shows in the ratio.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { percentile } from './load.js';

/** The engine: CommonJS, evaluated (no TypeScript loader in worker threads). */
const ENGINE = `
const { parentPort, workerData } = require('node:worker_threads');
const oxigraph = require(workerData.oxigraph);
const store = new oxigraph.Store();
parentPort.on('message', (m) => {
  if (m.load !== undefined) {
    const c0 = process.cpuUsage();
    for (const chunk of m.load) store.load(chunk, { format: 'application/n-triples' });
    const c = process.cpuUsage(c0);
    parentPort.postMessage({ cpuS: (c.user + c.system) / 1e6 });
    return;
  }
  const out = store.query(m.query, { results_format: 'application/sparql-results+json' });
  parentPort.postMessage({ bytes: out.length, rows: m.countRows ? JSON.parse(out).results.bindings.length : -1 });
});
`;

export interface AloneResult {
  /** Queries answered per second, over every client. */
  qps: number;
  p50: number;
  p99: number;
  queries: number;
  rows: number;
}

export class OxigraphAlone {
  private readonly engines: Worker[];
  /** CPU seconds each engine took to load the data. */
  loadCpuS: number[] = [];

  private constructor(n: number) {
    const oxigraph = createRequire(import.meta.url).resolve('oxigraph');
    this.engines = Array.from({ length: n }, () => new Worker(ENGINE, { eval: true, workerData: { oxigraph } }));
  }

  /** `engines` stores, each loaded with these N-Triples chunks (one after the other, as the server's workers ramp up). */
  static async start(engines: number, chunks: string[]): Promise<OxigraphAlone> {
    const o = new OxigraphAlone(engines);
    for (const e of o.engines) o.loadCpuS.push((await o.ask(e, { load: chunks })).cpuS as number);
    return o;
  }

  private ask(engine: Worker, msg: unknown): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      engine.once('error', reject);
      engine.once('message', (m: Record<string, number>) => { engine.off('error', reject); resolve(m); });
      engine.postMessage(msg);
    });
  }

  /** Each engine answers `query` once (a fresh store's first large query is several times slower). */
  async warm(query: string): Promise<void> {
    await Promise.all(this.engines.map((e) => this.ask(e, { query })));
  }

  /** `clients` closed loops for `seconds` (each finishes its last query), queries from `next`. */
  async run(clients: number, seconds: number, next: (i: number) => string): Promise<AloneResult> {
    const free = [...this.engines];
    const waiting: ((e: Worker) => void)[] = [];
    const take = () => new Promise<Worker>((resolve) => { const e = free.pop(); if (e) resolve(e); else waiting.push(resolve); });
    const give = (e: Worker) => { const w = waiting.shift(); if (w) w(e); else free.push(e); };
    const latencies: number[] = [];
    let counter = 0;
    let rows = 0;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    const loop = async () => {
      while (performance.now() < end) {
        const i = counter++;
        const t = performance.now();
        const e = await take();
        const r = await this.ask(e, { query: next(i), countRows: i === 0 });
        give(e);
        latencies.push(performance.now() - t);
        if (r.rows >= 0) rows = r.rows;
      }
    };
    await Promise.all(Array.from({ length: clients }, loop));
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { qps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), queries: latencies.length, rows };
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.terminate()));
  }
}
