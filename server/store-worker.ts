/**
 * The worker thread that holds the oxigraph store. oxigraph runs queries synchronously
 * with no time limit, so queries run here, off the server's event loop; the parent
 * (sparql-store.ts) terminates this worker when a query passes its time limit, when its
 * client went away, or when the engine failed ('engine' below), and starts a fresh one.
 *
 * Messages in: WorkerRequest; out: WorkerResponse (same id).
 */
import { parentPort } from 'node:worker_threads';
import oxigraph from 'oxigraph';

export type WorkerRequest =
  | { id: number; op: 'load'; text: string; format: string; graph?: string }
  | { id: number; op: 'dropGraph'; graph: string }
  | { id: number; op: 'replaceGraph'; graph: string; nquads: string }
  | { id: number; op: 'query'; query: string; resultsFormat: string; maxBytes: number; defaultGraphs?: string[]; namedGraphs?: string[] }
  | { id: number; op: 'update'; update: string }
  | { id: number; op: 'size' };

/** 'engine': the store itself broke (a WebAssembly trap, stack or memory exhaustion); its state is suspect. */
export type WorkerFailure = 'parse' | 'too-large' | 'engine' | 'error';
export type WorkerResponse =
  | { id: number; ok: true; result: string | number | null }
  | { id: number; ok: false; kind: WorkerFailure; message: string; bytes?: number };

const store = new oxigraph.Store();

/** oxigraph's parser errors read "error at L:C: …"; traps of its WebAssembly engine leave it unusable. */
function failureKind(err: unknown, message: string): WorkerFailure {
  if (/^error at \d+:\d+/.test(message) || /^Parser error/i.test(message)) return 'parse';
  if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) return 'engine';
  return /memory access out of bounds|unreachable|out of memory|call stack/i.test(message) ? 'engine' : 'error';
}

function handle(req: WorkerRequest): string | number | null {
  switch (req.op) {
    case 'load':
      store.load(req.text, {
        format: req.format,
        ...(req.graph ? { to_graph_name: oxigraph.namedNode(req.graph) } : {}),
      });
      return null;
    case 'dropGraph':
      store.update(`DROP SILENT GRAPH <${req.graph}>`);
      return null;
    case 'replaceGraph':
      store.update(`DROP SILENT GRAPH <${req.graph}>`);
      if (req.nquads) store.load(req.nquads, { format: 'application/n-quads' });
      return null;
    case 'update':
      store.update(req.update);
      return null;
    case 'size':
      return store.size;
    case 'query': {
      const options: Parameters<typeof store.query>[1] = { results_format: req.resultsFormat };
      if (req.defaultGraphs?.length) options.default_graph = req.defaultGraphs.map((g) => oxigraph.namedNode(g));
      else options.use_default_graph_as_union = true;
      if (req.namedGraphs?.length) options.named_graphs = req.namedGraphs.map((g) => oxigraph.namedNode(g));
      const out = store.query(req.query, options);
      const text = typeof out === 'string' ? out : String(out);
      const bytes = Buffer.byteLength(text);
      if (bytes > req.maxBytes) throw Object.assign(new Error('too large'), { tooLarge: bytes });
      return text;
    }
  }
}

parentPort!.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { id: req.id, ok: true, result: handle(req) };
  } catch (e) {
    const err = e as Error & { tooLarge?: number };
    if (err.tooLarge !== undefined) res = { id: req.id, ok: false, kind: 'too-large', message: err.message, bytes: err.tooLarge };
    else {
      const message = err instanceof Error ? err.message : String(err);
      res = { id: req.id, ok: false, kind: failureKind(e, message), message };
    }
  }
  parentPort!.postMessage(res);
});
