/**
 * The SPARQL store persisted in the data folder (store.nq), so that a warm start loads it in
 * bulk instead of serialising every article's graph and copying each into the default graph
 * with an INSERT (at 10,000 articles: 6 s of N-Quads on the event loop, then 82 s per worker).
 *
 * The file is N-Quads of the whole dataset, after one comment line that says what it holds
 * ({"revision": the manifest revision it matches, "ontology": hash of the ontology}): the
 * default graph's triples (the union as a set, with the ontology) after a comment line that
 * gives their length in bytes and the length of their first part (DEFAULT_MARK), then each
 * named graph's quads. The first part is the default graph's triples that are not evidence,
 * the second its evidence (evidence-triples.ts). A worker writes it (dumpStore) and workers
 * read it (StoreFileLoad); the server reads the header. The parts let a worker load the first
 * and answer the queries of the default graph that read no evidence, then load the evidence
 * and answer every query of the default graph, while the rest loads (see default-mirror.ts).
 * A file of an earlier version has one part; one without the line is loaded whole.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type oxigraph from 'oxigraph';
import { splitEvidence } from './evidence-triples.js';

type Store = InstanceType<typeof oxigraph.Store>;
type Oxigraph = typeof oxigraph;

export interface StoreFileHeader {
  revision: number;
  ontology: string;
}

const MARK = '# newskg-store ';
/** The line before the default graph's triples, with their length and their first part's: `${DEFAULT_MARK}<bytes> first <bytes>\n`. */
const DEFAULT_MARK = '# newskg-store: default graph bytes ';
const FIRST_MARK = ' first ';
/** Bytes handed to the parser at a time: oxigraph copies its input into WebAssembly memory (4 GB at most). */
const READ_CHUNK = 16 << 20;
const WRITE_CHUNK = 4 << 20;

/** What identifies the ontology a store file holds (it sits in the file's default graph). */
export function ontologyHash(turtle: string | undefined): string {
  return createHash('sha256').update(turtle ?? '').digest('hex').slice(0, 16);
}

export function headerLine(h: StoreFileHeader): string {
  return `${MARK}${JSON.stringify(h)}\n`;
}

/** The header of a store file, or undefined when there is none or it cannot be read. */
export async function readStoreHeader(path: string): Promise<StoreFileHeader | undefined> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const line = buf.subarray(0, bytesRead).toString('utf8').split('\n')[0]!;
    if (!line.startsWith(MARK)) return undefined;
    const h = JSON.parse(line.slice(MARK.length)) as StoreFileHeader;
    return typeof h.revision === 'number' && typeof h.ontology === 'string' ? h : undefined;
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

/** How much of the default graph a store holds: the triples that are not evidence, or all of them. */
export type DefaultsLoaded = 'no-evidence' | 'all';

/**
 * A store file loaded in parts: its default graph alone (into the default-graph store of
 * default-mirror.ts), the part without evidence first, then the whole file a slice at a time,
 * so that the worker answers between slices. It is read a piece at a time into one buffer: the
 * file read whole first was 1 GB at 10,000 articles, a second or two of page faults before
 * anything loaded, and held through the 20 s the rest took.
 */
export class StoreFileLoad {
  private readonly fd: number;
  private readonly size: number;
  private buf = Buffer.allocUnsafeSlow(READ_CHUNK);
  /** Where the default graph's triples start (after DEFAULT_MARK), or -1 in a file without the line. */
  private readonly defaultsAt: number;
  /** Where its first part (no evidence) ends: defaultsEnd in a file of one part. */
  private readonly firstEnd: number;
  private readonly defaultsEnd: number;
  /** Where the default graph's evidence has loaded to (loadEvidenceSlice). */
  private evidenceAt: number;
  private at = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
    // The header line, then the default graph's line with its lengths (files of earlier versions have none, or one).
    const head = this.read(0, this.size, 4096);
    const second = head.indexOf(10) + 1;
    const end = head.indexOf(10, second);
    const line = second > 0 && end > 0 ? head.toString('utf8', second, end) : '';
    const [all, first] = line.startsWith(DEFAULT_MARK) ? line.slice(DEFAULT_MARK.length).split(FIRST_MARK).map(Number) : [NaN];
    const whole = Number.isInteger(all) && end + 1 + all <= this.size;
    this.defaultsAt = whole ? end + 1 : -1;
    this.defaultsEnd = whole ? end + 1 + all : -1;
    this.firstEnd = whole && Number.isInteger(first) && first <= all ? end + 1 + first : this.defaultsEnd;
    this.evidenceAt = this.firstEnd;
  }

  /**
   * Load the default graph's first part into `store`: what it then holds ('all' in a file of
   * one part), or undefined when the file does not mark its default graph.
   */
  loadDefaults(store: Store): DefaultsLoaded | undefined {
    if (this.defaultsAt < 0) return undefined;
    // One parse over pieces read in turn into the same buffer (oxigraph copies each piece in as it takes it).
    const pieces = function* (this: StoreFileLoad) {
      for (let at = this.defaultsAt; at < this.firstEnd; at += READ_CHUNK) yield this.read(at, this.firstEnd, READ_CHUNK);
    }.call(this);
    store.load(pieces, { format: 'application/n-quads', no_transaction: true, lenient: true });
    return this.firstEnd === this.defaultsEnd ? 'all' : 'no-evidence';
  }

  /** Load the next slice of the default graph's evidence into `store` (after loadDefaults); false when nothing is left. */
  loadEvidenceSlice(store: Store, bytes = READ_CHUNK): boolean {
    if (this.evidenceAt >= this.defaultsEnd) return false;
    this.evidenceAt = this.loadRange(store, this.evidenceAt, this.defaultsEnd, bytes);
    return true;
  }

  /** Load the next slice of the whole file (at most about `bytes`, ending at a line's end) into `store`; false when nothing is left (the file is then closed). */
  loadSlice(store: Store, bytes = READ_CHUNK): boolean {
    if (this.at >= this.size) {
      this.close();
      return false;
    }
    this.at = this.loadRange(store, this.at, this.size, bytes);
    return true;
  }

  /** Stop reading (a failed load); loadSlice does it at the end. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    this.buf = Buffer.alloc(0);
  }

  private closed = false;

  /** Load whole lines from `from`, about `bytes` of them (more when one line is longer), at most to `limit`; where it stopped. */
  private loadRange(store: Store, from: number, limit: number, bytes: number): number {
    for (let want = bytes; ; want *= 2) {
      const piece = this.read(from, limit, want);
      const end = from + piece.length === limit ? piece.length : piece.lastIndexOf(10) + 1;
      if (end === 0) continue;
      store.load(piece.subarray(0, end), { format: 'application/n-quads', no_transaction: true, lenient: true });
      return from + end;
    }
  }

  /** Bytes [from, min(from + bytes, limit)) of the file, in the reading buffer (valid until the next read). */
  private read(from: number, limit: number, bytes: number): Buffer {
    const n = Math.min(bytes, limit - from);
    if (n > this.buf.length) this.buf = Buffer.allocUnsafeSlow(n);
    for (let got = 0; got < n;) {
      const r = readSync(this.fd, this.buf, got, n - got, from + got);
      if (r === 0) throw new Error(`the store file ended at ${from + got} of ${this.size} bytes (it changed while loading); restart to load it again`);
      got += r;
    }
    return this.buf.subarray(0, n);
  }
}

/**
 * Write the store to `path` atomically (temporary file, fsync, rename). Graph by graph: one
 * dump of the whole dataset is a string over V8's limit at 10,000 articles.
 */
export function dumpStore(store: Store, ox: Oxigraph, path: string, header: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, header);
    const { rest, evidence } = splitEvidence(store.dump({ format: 'application/n-triples', from_graph_name: ox.defaultGraph() }));
    const first = Buffer.from(rest);
    const second = Buffer.from(evidence);
    writeSync(fd, `${DEFAULT_MARK}${first.length + second.length}${FIRST_MARK}${first.length}\n`);
    writeSync(fd, first);
    writeSync(fd, second);
    let held: string[] = [];
    let size = 0;
    const graphs = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { } }') as Map<string, { value: string }>[];
    for (const row of graphs) {
      const g = row.get('g')!.value;
      // N-Triples escape newlines inside literals, so " .\n" ends a line and nothing else.
      const nt = store.dump({ format: 'application/n-triples', from_graph_name: ox.namedNode(g) });
      held.push(nt.replaceAll(' .\n', ` <${g}> .\n`));
      size += nt.length;
      if (size < WRITE_CHUNK) continue;
      writeSync(fd, held.join(''));
      held = [];
      size = 0;
    }
    if (held.length) writeSync(fd, held.join(''));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try { closeSync(fd); } catch { /* closed already */ }
    rmSync(tmp, { force: true });
    throw e;
  }
}
