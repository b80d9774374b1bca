/**
 * The SPARQL store persisted in the data folder (store.nq), so that a warm start loads it in
 * bulk instead of serialising every article's graph and copying each into the default graph
 * with an INSERT (at 10,000 articles: 6 s of N-Quads on the event loop, then 82 s per worker).
 *
 * The file is N-Quads of the whole dataset, after one comment line that says what it holds
 * ({"revision": the manifest revision it matches, "ontology": hash of the ontology}): the
 * default graph's triples (the union as a set, with the ontology) after a comment line that
 * gives their length in bytes (DEFAULT_MARK), then each named graph's quads. A worker writes it
 * (dumpStore) and workers read it (StoreFileLoad); the server reads the header. The default
 * graph's own line lets a worker load it first and answer queries of the default graph while
 * the rest loads (see default-mirror.ts); a file without it is loaded whole.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type oxigraph from 'oxigraph';

type Store = InstanceType<typeof oxigraph.Store>;
type Oxigraph = typeof oxigraph;

export interface StoreFileHeader {
  revision: number;
  ontology: string;
}

const MARK = '# newskg-store ';
/** The line before the default graph's triples, with their length: `${DEFAULT_MARK}<bytes>\n`. */
const DEFAULT_MARK = '# newskg-store: default graph bytes ';
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

/**
 * A store file read into memory, to be loaded in parts: its default graph alone (into the
 * default-graph store of default-mirror.ts), then the whole file a slice at a time, so that
 * the worker answers between slices.
 */
export class StoreFileLoad {
  private readonly data: Buffer;
  /** Where the default graph's triples start (after DEFAULT_MARK), or -1 in a file without the line. */
  private readonly defaultsAt: number;
  private readonly defaultsEnd: number;
  private at = 0;

  constructor(path: string) {
    this.data = readFileSync(path);
    // The header line, then the default graph's line with its length (files of earlier versions have none).
    const second = this.data.indexOf(10) + 1;
    const end = this.data.indexOf(10, second);
    const line = second > 0 && end > 0 ? this.data.toString('utf8', second, end) : '';
    const bytes = line.startsWith(DEFAULT_MARK) ? Number(line.slice(DEFAULT_MARK.length)) : NaN;
    this.defaultsAt = Number.isInteger(bytes) && end + 1 + bytes <= this.data.length ? end + 1 : -1;
    this.defaultsEnd = this.defaultsAt < 0 ? -1 : end + 1 + bytes;
  }

  /** Load the default graph's triples into `store` (false when the file does not mark them). */
  loadDefaults(store: Store): boolean {
    if (this.defaultsAt < 0) return false;
    const part = this.data.subarray(this.defaultsAt, this.defaultsEnd);
    const chunks = function* () { for (let i = 0; i < part.length; i += READ_CHUNK) yield part.subarray(i, i + READ_CHUNK); };
    store.load(chunks(), { format: 'application/n-quads', no_transaction: true, lenient: true });
    return true;
  }

  /** Load the next slice of the whole file (about `bytes`, ending at a line's end) into `store`; false when nothing is left. */
  loadSlice(store: Store, bytes = READ_CHUNK): boolean {
    if (this.at >= this.data.length) return false;
    const nl = this.data.indexOf(10, Math.min(this.data.length, this.at + bytes) - 1);
    const end = nl < 0 ? this.data.length : nl + 1;
    store.load(this.data.subarray(this.at, end), { format: 'application/n-quads', no_transaction: true, lenient: true });
    this.at = end;
    return true;
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
    const defaults = Buffer.from(store.dump({ format: 'application/n-triples', from_graph_name: ox.defaultGraph() }));
    writeSync(fd, `${DEFAULT_MARK}${defaults.length}\n`);
    writeSync(fd, defaults);
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
