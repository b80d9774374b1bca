/**
 * Writers that stream to a file instead of building one string: n3's Writer fills a list of
 * chunks, flushed to the file every few thousand quads (awaiting the disk), so a 130 MB
 * Turtle file never exists as a string; graph.json is written element by element with the
 * same bytes as JSON.stringify(graph.export()).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Writer, type Quad } from 'n3';
import type { KgGraph } from '../graph/graphology.js';

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

/** Quads to a file in an n3 format ('Turtle', 'N-Triples', 'N-Quads', 'TriG'). */
export function writeQuadsFile(path: string, quads: Iterable<Quad>, format: string, prefixes?: Record<string, string>): Promise<void> {
  return withFile(path, async (sink) => {
    const out = { write: (s: string, _enc?: unknown, done?: () => void) => { sink.write(s); done?.(); }, end: (done?: () => void) => done?.() };
    const w = new Writer(out as unknown as NodeJS.WritableStream, { format, prefixes, end: false });
    let n = 0;
    for (const q of quads) {
      w.addQuad(q);
      if (++n % 4096 === 0) await sink.flush();
    }
    await new Promise<void>((resolve, reject) => w.end((err) => (err ? reject(err) : resolve())));
  });
}

/** graph.export() as JSON, written piece by piece (the same bytes as JSON.stringify). */
export function writeGraphJson(path: string, graph: KgGraph): Promise<void> {
  const data = graph.export();
  return withFile(path, async (sink) => {
    sink.write(`{"options":${JSON.stringify(data.options)},"attributes":`);
    await writeObject(sink, (data.attributes ?? {}) as Record<string, unknown>, 1);
    for (const [name, list] of [['nodes', data.nodes], ['edges', data.edges]] as const) {
      sink.write(`,"${name}":[`);
      for (let i = 0; i < list.length; i++) {
        sink.write((i ? ',' : '') + JSON.stringify(list[i]));
        await sink.flush();
      }
      sink.write(']');
    }
    sink.write('}');
  });
}

/** An object key by key, `depth` levels of plain objects deep (graph attributes hold large maps). */
async function writeObject(sink: Sink, obj: Record<string, unknown>, depth: number): Promise<void> {
  sink.write('{');
  let first = true;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || typeof v === 'function') continue;
    sink.write(`${first ? '' : ','}${JSON.stringify(k)}:`);
    first = false;
    if (depth > 0 && v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') await writeObject(sink, v as Record<string, unknown>, depth - 1);
    else sink.write(JSON.stringify(v));
    await sink.flush();
  }
  sink.write('}');
}
