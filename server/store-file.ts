/**
 * The SPARQL store persisted in the data folder (store.nq), so that a warm start loads it in
 * bulk instead of serialising every article's graph and copying each into the default graph
 * with an INSERT (at 10,000 articles: 6 s of N-Quads on the event loop, then 82 s per worker).
 *
 * The file is N-Quads of the whole dataset: each named graph's quads, then the default graph's
 * triples (the union as a set, with the ontology), after one comment line that says what it
 * holds: {"revision": the manifest revision it matches, "ontology": hash of the ontology}.
 * A worker writes it (dumpStore) and workers read it (loadStoreFile); the server reads the header.
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

/** Load a store file in bulk (no transaction: a worker that fails to load is ended anyway). */
export function loadStoreFile(store: Store, path: string): void {
  const data = readFileSync(path);
  const chunks = function* () { for (let i = 0; i < data.length; i += READ_CHUNK) yield data.subarray(i, i + READ_CHUNK); };
  store.load(chunks(), { format: 'application/n-quads', no_transaction: true, lenient: true });
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
    writeSync(fd, store.dump({ format: 'application/n-triples', from_graph_name: ox.defaultGraph() }));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try { closeSync(fd); } catch { /* closed already */ }
    rmSync(tmp, { force: true });
    throw e;
  }
}
