/**
 * Writers that stream to a file instead of building one string: n3's Writer fills a list of
 * chunks, flushed to the file every few thousand quads (awaiting the disk), so a 130 MB
 * Turtle file never exists as a string; graph.json is written element by element with the
 * same bytes as JSON.stringify(graph.export()).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Writer, type Quad } from 'n3';
import type { KgGraph } from '../graph/graphology.js';
import { turn } from '../steps.js';

const FLUSH_CHARS = 1 << 20;

/** Buffered text output to a file handle: write() collects, flush() writes when enough is held. */
class Sink {
  private parts: string[] = [];
  private held = 0;
  constructor(private readonly fh: FileHandle) {}
  write(s: string): void {
    this.parts.push(s);
    this.held += s.length;
  }
  async flush(force = false): Promise<void> {
    if (!force && this.held < FLUSH_CHARS) return;
    const text = this.parts.join('');
    this.parts = [];
    this.held = 0;
    if (text) await this.fh.write(text);
  }
}

async function withFile(path: string, fn: (sink: Sink) => Promise<void>): Promise<void> {
  const fh = await open(path, 'w');
  try {
    const sink = new Sink(fh);
    await fn(sink);
    await sink.flush(true);
  } finally {
    await fh.close();
  }
}

/** Quads to a file in an n3 format ('Turtle', 'N-Triples', 'N-Quads', 'TriG'); resolves to their number. */
export async function writeQuadsFile(path: string, quads: Iterable<Quad>, format: string, prefixes?: Record<string, string>): Promise<number> {
  let n = 0;
  await withFile(path, async (sink) => {
    const out = { write: (s: string, _enc?: unknown, done?: () => void) => { sink.write(s); done?.(); }, end: (done?: () => void) => done?.() };
    const w = new Writer(out as unknown as NodeJS.WritableStream, { format, prefixes, end: false });
    for (const q of quads) {
      w.addQuad(q);
      if (++n % 4096 === 0) await sink.flush();
    }
    await new Promise<void>((resolve, reject) => w.end((err) => (err ? reject(err) : resolve())));
  });
  return n;
}

/**
 * graph.export() as JSON, written piece by piece (the same bytes as JSON.stringify). With
 * `layout`, the graph's attributes (every article and piece of evidence: most of the file) are
 * written while the layout runs, and the nodes, which carry the positions, once it is done.
 */
export function writeGraphJson(path: string, graph: KgGraph, layout?: Promise<void>): Promise<void> {
  return withFile(path, async (sink) => {
    for (const part of graphJsonParts(graph, layout)) {
      sink.write(typeof part === 'string' ? part : '');
      if (typeof part !== 'string') await part;
      await sink.flush();
    }
  });
}

/**
 * The pieces of JSON.stringify(graph.export()), one node, edge or graph attribute entry at a
 * time, read from the graph as they are needed (export() would copy the whole graph at once).
 */
export function graphJsonParts(graph: KgGraph): Generator<string>;
/** With `nodesReady`: it is yielded before the nodes, to be awaited (their positions may still be coming). */
export function graphJsonParts(graph: KgGraph, nodesReady?: Promise<void>): Generator<string | Promise<void>>;
export function* graphJsonParts(graph: KgGraph, nodesReady?: Promise<void>): Generator<string | Promise<void>> {
  yield `{"options":${JSON.stringify({ type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops })},"attributes":`;
  yield* objectParts(graph.getAttributes() as Record<string, unknown>, 1);
  if (nodesReady) yield nodesReady;
  yield ',"nodes":[';
  const nodes = new Batch();
  for (const { node, attributes } of graph.nodeEntries()) {
    const part = nodes.add(JSON.stringify(Object.keys(attributes).length ? { key: node, attributes } : { key: node }));
    if (part) yield part;
  }
  yield nodes.rest();
  yield '],"edges":[';
  const edges = new Batch();
  for (const { edge, attributes, source, target, undirected } of graph.edgeEntries()) {
    const e: Record<string, unknown> = { key: edge, source, target };
    if (Object.keys(attributes).length) e.attributes = attributes;
    if (undirected) e.undirected = true;
    const part = edges.add(JSON.stringify(e));
    if (part) yield part;
  }
  yield edges.rest();
  yield ']}';
}

/**
 * Elements of a JSON list or object, comma-separated, handed out a few hundred at a time: a
 * part per element (160k nodes and edges at 10k articles) cost more than making them.
 */
class Batch {
  private parts: string[] = [];
  constructor(private readonly size = 512) {}
  /** Whether an element was handed out (the next one needs a comma). */
  started = false;
  /** The element; the batch's text when it is full. */
  add(element: string): string | undefined {
    this.parts.push(element);
    return this.parts.length >= this.size ? this.rest() : undefined;
  }
  /** What is held, with the comma that joins it to what came before. */
  rest(): string {
    if (!this.parts.length) return '';
    const text = (this.started ? ',' : '') + this.parts.join(',');
    this.started = true;
    this.parts = [];
    return text;
  }
}

/** An object key by key, `depth` levels of plain objects deep (graph attributes hold large maps); its lists element by element. */
function* objectParts(obj: Record<string, unknown>, depth: number, size?: number): Generator<string> {
  yield '{';
  const batch = new Batch(size);
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const nested = Array.isArray(v) || (depth > 0 && v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function');
    if (nested) {
      // A nested object or list is written in parts of its own, after what the batch holds.
      yield `${batch.rest()}${batch.started ? ',' : ''}${JSON.stringify(k)}:`;
      yield* Array.isArray(v) ? arrayParts(v, size) : objectParts(v as Record<string, unknown>, depth - 1, size);
      batch.started = true;
    } else {
      const part = batch.add(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
      if (part) yield part;
    }
  }
  yield `${batch.rest()}}`;
}

/** A list element by element, a few hundred to a part. */
function* arrayParts(list: readonly unknown[], size?: number): Generator<string> {
  yield '[';
  const batch = new Batch(size);
  for (const v of list) {
    const part = batch.add(JSON.stringify(v) ?? 'null');
    if (part) yield part;
  }
  yield `${batch.rest()}]`;
}

/**
 * The pieces of JSON.stringify(value): a list element by element, an object key by key and its
 * lists element by element (nested objects whole), anything else at once. `size` elements to a
 * part: API rows (a hub edge can carry thousands of sentences) come 50 to a part.
 */
export function* jsonParts(value: unknown, size = 50): Generator<string> {
  if (Array.isArray(value)) return yield* arrayParts(value, size);
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return yield JSON.stringify(value);
  yield* objectParts(value as Record<string, unknown>, 0, size);
}

/** The text of these quads in `format` through n3's Writer, a few thousand quads to a part. */
export function* quadTextParts(quads: Iterable<Quad>, format: string, prefixes?: Record<string, string>): Generator<string> {
  let pending: string[] = [];
  const take = () => {
    const text = pending.join('');
    pending = [];
    return text;
  };
  const out = { write: (s: string, _enc?: unknown, done?: () => void) => { pending.push(s); done?.(); }, end: (done?: () => void) => done?.() };
  const w = new Writer(out as unknown as NodeJS.WritableStream, { format, prefixes, end: false });
  let n = 0;
  for (const q of quads) {
    w.addQuad(q);
    if (++n % 4096 === 0) yield take();
  }
  w.end();
  yield take();
}

/** N-Quads of these quads, in slices with the event loop free between them. */
export async function toNQuadsAsync(quads: Iterable<Quad>): Promise<string> {
  const parts: string[] = [];
  for (const part of quadTextParts(quads, 'N-Quads')) {
    parts.push(part);
    await turn();
  }
  return parts.join('');
}
