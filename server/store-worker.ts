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
import { runCapped, TooManyRows } from './result-cap.js';
import { answerOf } from './result-cache.js';
import { dumpStore, StoreFileLoad } from './store-file.js';
import { DefaultGraphMirror } from './default-mirror.js';
import { readsDefaultGraphOnly, servesWhileStaging } from './default-graph-query.js';

export type WorkerRequest =
  /** `graphs`: the named graphs this N-Quads chunk holds, copied into the default graph after it loads. */
  | { id: number; op: 'load'; text: string; format: string; graph?: string; graphs?: string[] }
  /**
   * A persisted store (see dumpTo): every quad, the default graph included, loaded in bulk.
   * `ontologyTurtle`: the ontology it holds. Answered 'staged' when the worker loaded the file's
   * default graph and loads the rest between requests: it answers queries of the default graph
   * meanwhile, holds the others, and posts {loaded: true} once it holds everything.
   */
  | { id: number; op: 'loadFile'; path: string; ontologyTurtle?: string; sliceBytes?: number }
  /** Write every quad (named graphs and the default graph) to `path`, atomically, after the line `header`. */
  | { id: number; op: 'dump'; path: string; header: string }
  | { id: number; op: 'dropGraph'; graph: string }
  | { id: number; op: 'replaceGraph'; graph: string; nquads: string }
  /** Take out and put in these quads of one graph (N-Quads), the default graph following: a small change to a large graph. */
  | { id: number; op: 'patchGraph'; graph: string; remove: string; add: string }
  /** `maxRows`: result rows the store may make (solutions of a SELECT, triples of a CONSTRUCT); see result-cap.ts. */
  /** `answer`: the result as bytes and their ETag (QueryAnswer), not a string. */
  | { id: number; op: 'query'; query: string; resultsFormat: string; maxBytes: number; maxRows?: number; defaultGraphs?: string[]; namedGraphs?: string[]; baseIri?: string; answer?: boolean }
  | { id: number; op: 'update'; update: string }
  | { id: number; op: 'size' };

/** 'engine': the store itself broke (a WebAssembly trap, stack or memory exhaustion); its state is suspect. */
/** 'too-many': more result rows than maxRows (`rows` is the cap, in solutions). */
/** A query's result encoded here, off the server's event loop: the bytes to send (copied once, by postMessage) and their ETag. */
export interface QueryAnswer { body: Uint8Array; etag: string }

export type WorkerResult = string | number | null | QueryAnswer;

export type WorkerFailure = 'parse' | 'too-large' | 'too-many' | 'engine' | 'error';
export type WorkerResponse =
  | { id: number; ok: true; result: WorkerResult }
  | { id: number; ok: false; kind: WorkerFailure; message: string; bytes?: number; rows?: number; queryKind?: string };

const store = new oxigraph.Store();
/** The default graph alone, for the queries that read only it (default-mirror.ts). */
const mirror = new DefaultGraphMirror();

/*
 * The default graph is the union of the named graphs as a set (SPARQL's RDF merge), kept
 * here as real triples: oxigraph's union option counts a triple once per graph holding it,
 * and it overrides FROM / FROM NAMED. The ontology (loaded as Turtle) lives there too, and
 * `ontology` remembers its triples so that dropping an article never removes them.
 */
const ontology = new Set<string>();
type OxQuad = ReturnType<typeof store.match>[number];
const tripleKey = (q: OxQuad) => `${q.subject.toString()} ${q.predicate.toString()} ${q.object.toString()}`;

/**
 * Copy the triples of these named graphs into the default graph. One SPARQL INSERT runs
 * inside the engine: reading each quad out with `match` and adding it back made JS objects
 * (with finalizers) per quad, 25x the CPU, and at 10,000 articles most of a warm start.
 */
function unionAdd(graphs: string[]): void {
  if (!graphs.length) return;
  store.update(`INSERT { ?s ?p ?o } WHERE { VALUES ?g { ${graphs.map((g) => `<${g}>`).join(' ')} } GRAPH ?g { ?s ?p ?o } }`);
  mirror.copyGraphs(store, graphs);
}

/** Take a graph's triples out of the default graph, unless another graph or the ontology has them. */
function unionRemove(graph: string): void {
  for (const q of store.match(null, null, null, oxigraph.namedNode(graph))) unionDrop(q, graph);
}

/** Take one triple of `graph` out of the default graph, unless another graph or the ontology has it. */
function unionDrop(q: OxQuad, graph: string): void {
  if (ontology.has(tripleKey(q))) return;
  const elsewhere = store.match(q.subject, q.predicate, q.object, null)
    .some((o) => o.graph.termType === 'NamedNode' && o.graph.value !== graph);
  if (elsewhere) return;
  store.delete(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
  mirror.delete(q);
}

/** Remove and add quads of one graph (their graph term must be `graph`), and the same in the default graph. */
function patchGraph(graph: string, remove: string, add: string): void {
  const format = 'application/n-quads';
  for (const q of remove ? oxigraph.parse(remove, { format }) : []) {
    store.delete(q);
    unionDrop(q, graph);
  }
  if (!add) return;
  const quads = oxigraph.parse(add, { format });
  for (const q of quads) if (q.graph.value !== graph) throw new Error(`a patch of <${graph}> holds a quad of <${q.graph.value}>`);
  for (const q of quads) {
    store.add(q);
    store.add(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
    mirror.add(q);
  }
}

/** oxigraph's parser errors read "error at L:C: …"; traps of its WebAssembly engine leave it unusable. */
function failureKind(err: unknown, message: string): WorkerFailure {
  if (/^error at \d+:\d+/.test(message) || /^Parser error/i.test(message)) return 'parse';
  if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) return 'engine';
  return /memory access out of bounds|unreachable|out of memory|call stack/i.test(message) ? 'engine' : 'error';
}

function handle(req: WorkerRequest): WorkerResult {
  switch (req.op) {
    case 'load':
      if (req.format === 'text/turtle' && !req.graph)
        for (const q of oxigraph.parse(req.text, { format: req.format })) ontology.add(tripleKey(q));
      store.load(req.text, {
        format: req.format,
        ...(req.graph ? { to_graph_name: oxigraph.namedNode(req.graph) } : {}),
      });
      // Triples with no graph (the ontology) are the default graph's: the mirror takes them as they are.
      if (!req.graph && !req.graphs) mirror.load(req.text, req.format);
      unionAdd(req.graph ? [req.graph] : req.graphs ?? []);
      return null;
    case 'loadFile': {
      if (req.ontologyTurtle) for (const q of oxigraph.parse(req.ontologyTurtle, { format: 'text/turtle' })) ontology.add(tripleKey(q));
      const file = new StoreFileLoad(req.path);
      const loaded = file.loadDefaults(mirror.store);
      if (loaded) {
        staged = file;
        stagedEvidence = loaded === 'no-evidence';
        sliceBytes = req.sliceBytes;
        setImmediate(loadStaged);
        return stagedEvidence ? 'staged-no-evidence' : 'staged';
      }
      while (file.loadSlice(store));
      mirror.copyDefaultGraph(store);
      return null;
    }
    case 'dump':
      // A failed dump (a full disk, a string over V8's limit) leaves the store as it was: say why, stay up.
      try {
        dumpStore(store, oxigraph, req.path, req.header);
        return null;
      } catch (e) {
        return `the store could not be written to ${req.path}: ${(e as Error).message}`;
      }
    case 'dropGraph':
      unionRemove(req.graph);
      store.update(`DROP SILENT GRAPH <${req.graph}>`);
      return null;
    case 'replaceGraph':
      unionRemove(req.graph);
      store.update(`DROP SILENT GRAPH <${req.graph}>`);
      if (req.nquads) store.load(req.nquads, { format: 'application/n-quads' });
      unionAdd([req.graph]);
      return null;
    case 'patchGraph':
      patchGraph(req.graph, req.remove, req.add);
      return null;
    case 'update':
      mirror.invalidate();
      store.update(req.update);
      return null;
    case 'size':
      return store.size;
    case 'query': {
      const options: Parameters<typeof store.query>[1] = { results_format: req.resultsFormat };
      if (req.baseIri) options.base_iri = req.baseIri;
      // A dataset given by the protocol replaces the query's FROM / FROM NAMED whole (an
      // empty default graph when it names only named graphs); without one, the query's apply.
      if (req.defaultGraphs?.length || req.namedGraphs?.length) {
        options.default_graph = (req.defaultGraphs ?? []).map((g) => oxigraph.namedNode(g));
        options.named_graphs = (req.namedGraphs ?? []).map((g) => oxigraph.namedNode(g));
      }
      const from = mirror.fresh && readsDefaultGraphOnly(req) ? mirror.store : store;
      const run = (query: string, format: string) => {
        const out = from.query(query, { ...options, results_format: format });
        return typeof out === 'string' ? out : String(out);
      };
      const text = req.maxRows ? runCapped(run, req.query, req.resultsFormat, req.maxRows, req.baseIri) : run(req.query, req.resultsFormat);
      const body = req.answer ? Buffer.from(text) : undefined;
      const bytes = body ? body.length : Buffer.byteLength(text);
      if (bytes > req.maxBytes) throw Object.assign(new Error('too large'), { tooLarge: bytes });
      return body ? answerOf(body) : text;
    }
  }
}

/** The store file still loading into the full store, a slice per turn ('staged' above). */
let staged: StoreFileLoad | undefined;
/** The mirror does not hold the default graph's evidence yet (it loads first, a slice per turn). */
let stagedEvidence = false;
/** Bytes per slice (tests make them small, to watch a worker answer between them). */
let sliceBytes: number | undefined;
/** Requests held until it has loaded, in order; a query of the default graph waits only behind a held write. */
const held: WorkerRequest[] = [];
let heldWrites = 0;

function loadStaged(): void {
  try {
    if (stagedEvidence) {
      if (staged!.loadEvidenceSlice(mirror.store, sliceBytes)) {
        setImmediate(loadStaged);
        return;
      }
      stagedEvidence = false;
      parentPort!.postMessage({ loaded: 'defaults' });
      for (const req of held.splice(0)) {
        if (answersWhileStaged(req)) answer(req);
        else held.push(req);
      }
    }
    if (staged!.loadSlice(store, sliceBytes)) {
      setImmediate(loadStaged);
      return;
    }
  } catch (e) {
    staged!.close();
    // The file loaded into the mirror but not here: this worker cannot serve; the pool starts another.
    throw new Error(`the store file could not be loaded: ${(e as Error).message}`);
  }
  staged = undefined;
  parentPort!.postMessage({ loaded: true });
  heldWrites = 0;
  for (const req of held.splice(0)) answer(req);
}

/** Whether a request is answered while the file loads: a query of the default graph (of what the mirror holds so far), behind no held write. */
function answersWhileStaged(req: WorkerRequest): boolean {
  return !heldWrites && servesWhileStaging(req, stagedEvidence ? 'no-evidence' : 'defaults');
}

parentPort!.on('message', (req: WorkerRequest) => {
  if (!staged || answersWhileStaged(req)) return answer(req);
  held.push(req);
  if (req.op !== 'query') heldWrites++;
});

function answer(req: WorkerRequest): void {
  let res: WorkerResponse;
  try {
    res = { id: req.id, ok: true, result: handle(req) };
  } catch (e) {
    const err = e as Error & { tooLarge?: number };
    if (err.tooLarge !== undefined) res = { id: req.id, ok: false, kind: 'too-large', message: err.message, bytes: err.tooLarge };
    else if (e instanceof TooManyRows) res = { id: req.id, ok: false, kind: 'too-many', message: e.message, rows: e.solutions, queryKind: e.kind };
    else {
      const message = err instanceof Error ? err.message : String(err);
      res = { id: req.id, ok: false, kind: failureKind(e, message), message };
    }
  }
  parentPort!.postMessage(res);
}
