/**
 * The data folder: each article's ArticleRecord as JSON, the built graph (graph.json), and
 * manifest.json, the commit point. Every file is written atomically (temporary file, fsync,
 * rename), so a crash mid-write leaves the last committed state readable.
 *
 *   data/manifest.json        {format, fingerprint, revision, articles: [{id, file, origin}], deleted}
 *   data/articles/<name>.json one ArticleRecord each
 *   data/graph.json           {revision, graph}: the graph built at that revision of the manifest
 *   data/store.nq             the SPARQL store at some revision (store-file.ts), loaded in bulk when it is the manifest's
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NewskgError } from '../src/errors.js';
import { graphJsonParts } from '../src/emit/stream.js';
import type { KgGraph } from './graphology.js';
import { turn } from '../src/steps.js';

/** The data folder is unreadable or was written by another version; rebuild from the inputs. */
export class DataFolderError extends NewskgError {}

export const DATA_FORMAT = 1;

export type ArticleOrigin = 'input' | 'posted';

export interface ManifestArticle {
  id: string;
  file: string;
  origin: ArticleOrigin;
}

export interface Manifest {
  format: number;
  /** Fingerprint of what the build read: input files, knowledge base, pipeline code, settings. */
  fingerprint: string;
  /** Incremented on every committed change. */
  revision: number;
  articles: ManifestArticle[];
  /** Ids of input articles removed through the API (kept removed when the inputs are rebuilt). */
  deleted: string[];
  savedAt: string;
}

/**
 * Write a file so that readers see either the old or the new content, never a mix. `data`
 * may be pieces of text, written about a megabyte at a time (a large graph.json is never
 * one string, and the event loop is free between writes). With `keep`, asked once the data
 * is written: false leaves `path` as it was (resolves false).
 */
export async function writeFileAtomic(path: string, data: string | Buffer | Iterable<string>, keep?: () => boolean): Promise<boolean> {
  writing++;
  try {
    return await writeAtomic(path, data, keep);
  } finally {
    writing--;
  }
}

/** Atomic writes in flight in this process (their temporary files are not stale). */
let writing = 0;

async function writeAtomic(path: string, data: string | Buffer | Iterable<string>, keep?: () => boolean): Promise<boolean> {
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'wx', 0o644);
  try {
    if (typeof data === 'string' || Buffer.isBuffer(data)) await fh.writeFile(data);
    else {
      let held: string[] = [];
      let size = 0;
      for (const part of data) {
        held.push(part);
        size += part.length;
        // A quarter of a megabyte between writes: making a megabyte of graph.json held the event loop 60-120 ms at 10,000 articles.
        if (size < 1 << 18) continue;
        await fh.write(held.join(''));
        held = [];
        size = 0;
      }
      if (held.length) await fh.write(held.join(''));
    }
    await fh.sync();
  } catch (e) {
    await fh.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  if (keep && !keep()) {
    await fs.rm(tmp, { force: true });
    return false;
  }
  try {
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
  return true;
}

async function syncDir(dir: string): Promise<void> {
  let dh: fs.FileHandle | undefined;
  try {
    dh = await fs.open(dir, 'r');
    await dh.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic.
  } finally {
    await dh?.close();
  }
}

/** Whether a process of this id runs (signal 0 tests without sending anything). */
function processAlive(pid: number): boolean {
  // This process: its temporary files are live only while it is writing some (a container
  // restarted after kill -9 often gets the same pid again).
  if (pid === process.pid) return writing > 0;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file name for an article id: readable, safe on every file system, unique. */
export function articleFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  const h = createHash('sha256').update(id).digest('hex').slice(0, 10);
  return `${safe}-${h}.json`;
}

async function readJson(path: string): Promise<unknown> {
  return parseJson(path, await fs.readFile(path, 'utf8'));
}

function readJsonSync(path: string): unknown {
  return parseJson(path, readFileSync(path, 'utf8'));
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DataFolderError(`${path} is not valid JSON (${(e as Error).message}); delete the data folder to rebuild from the inputs`);
  }
}

function isManifest(v: unknown): v is Manifest {
  const m = v as Manifest;
  return typeof m === 'object' && m !== null && m.format === DATA_FORMAT && typeof m.fingerprint === 'string'
    && typeof m.revision === 'number' && Array.isArray(m.articles) && Array.isArray(m.deleted);
}

export class DataFolder {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  get manifestPath(): string { return join(this.dir, 'manifest.json'); }
  get graphPath(): string { return join(this.dir, 'graph.json'); }
  /** Content hashes of the files fingerprinted, by their stat (see HashCache). */
  get hashesPath(): string { return join(this.dir, 'hashes.json'); }
  /** The SPARQL store as N-Quads, written by a store worker (see store-file.ts). */
  get storePath(): string { return join(this.dir, 'store.nq'); }
  articlePath(file: string): string { return join(this.dir, 'articles', file); }

  /**
   * The committed manifest, or undefined when there is none (or it is from another format).
   * It is read first when the server starts, so it first removes the temporary files a
   * killed writer left (see removeStaleTemporaries).
   */
  async readManifest(): Promise<Manifest | undefined> {
    await this.removeStaleTemporaries();
    let v: unknown;
    try {
      v = await readJson(this.manifestPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (e instanceof DataFolderError) return undefined;
      throw e;
    }
    return isManifest(v) ? v : undefined;
  }

  /** The records the manifest lists, in its order. Throws DataFolderError when one is missing or corrupt. */
  async readArticles<R>(manifest: Manifest): Promise<R[]> {
    // Read synchronously, a few hundred files a turn: 10,000 small files through the thread pool
    // (open, stat, read, close each) took 2.5 s of a warm start, and starved the store worker's load.
    const out: R[] = [];
    for (let i = 0; i < manifest.articles.length; i++) {
      if (i && i % 500 === 0) await turn();
      const a = manifest.articles[i]!;
      try {
        out.push(readJsonSync(this.articlePath(a.file)) as R);
      } catch (e) {
        if (e instanceof DataFolderError) throw e;
        throw new DataFolderError(`the data folder lists article ${a.id} but ${a.file} cannot be read (${(e as Error).message}); it will be rebuilt from the inputs`);
      }
    }
    return out;
  }

  async writeArticle(id: string, record: unknown): Promise<string> {
    const file = articleFileName(id);
    await writeFileAtomic(this.articlePath(file), JSON.stringify(record));
    return file;
  }

  /** Commit a manifest. Article files must be written before. */
  async writeManifest(m: Omit<Manifest, 'format' | 'savedAt'>): Promise<Manifest> {
    const full: Manifest = { format: DATA_FORMAT, ...m, savedAt: new Date().toISOString() };
    await writeFileAtomic(this.manifestPath, JSON.stringify(full, null, 1));
    return full;
  }

  /**
   * Remove the temporary files of writeFileAtomic (`.<name>.<pid>.<random>.tmp`) whose writer
   * is gone: a kill -9 mid-write leaves one behind. A live process's files are kept, so a
   * second server on the same folder is not disturbed. Returns the names removed.
   */
  async removeStaleTemporaries(): Promise<string[]> {
    const removed: string[] = [];
    for (const dir of [this.dir, join(this.dir, 'articles')]) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const m = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
        if (!m || processAlive(Number(m[1]))) continue;
        await fs.rm(join(dir, name), { force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  /** Remove article files the manifest does not list (left by a crash or by removals). */
  async removeUnlisted(m: Manifest): Promise<void> {
    const keep = new Set(m.articles.map((a) => a.file));
    let names: string[] = [];
    try {
      names = await fs.readdir(join(this.dir, 'articles'));
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => !keep.has(n)).map((n) => fs.rm(join(this.dir, 'articles', n), { force: true })));
  }

  /**
   * graph: a graphology graph (streamed, see src/emit/stream.ts) or its export. With `keep`,
   * asked once it is written: false leaves the previous graph.json in place (resolves false).
   */
  async writeGraph(revision: number, graph: KgGraph | unknown, keep?: () => boolean): Promise<boolean> {
    if (graph && typeof (graph as KgGraph).forEachNode === 'function') {
      const parts = graphJsonParts(graph as KgGraph);
      return writeFileAtomic(this.graphPath, (function* () { yield `{"revision":${revision},"graph":`; yield* parts; yield '}'; })(), keep);
    }
    return writeFileAtomic(this.graphPath, JSON.stringify({ revision, graph }), keep);
  }

  /** The hashes kept from the last start (none when the file is missing or unreadable). */
  async readHashes(): Promise<HashCache> {
    try {
      const v = await readJson(this.hashesPath);
      return new HashCache(new Map(Array.isArray(v) ? (v as [string, string][]) : []));
    } catch {
      return new HashCache();
    }
  }

  async writeHashes(hashes: HashCache): Promise<void> {
    const entries = hashes.entries();
    if (hashes.changed) await writeFileAtomic(this.hashesPath, JSON.stringify(entries));
  }

  /** The persisted graph when it was built at this revision, else undefined. */
  async readGraph(revision: number): Promise<unknown> {
    try {
      const v = (await readJson(this.graphPath)) as { revision?: number; graph?: unknown };
      return v.revision === revision ? v.graph : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Every regular file under these paths (files or folders), sorted, skipping dot files. */
export async function listFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  // Each folder is read once by its real path: links back to a parent would otherwise make
  // the walk exponential (two `up -> ..` links, 2^40 paths before ELOOP).
  const folders = new Set<string>();
  async function walk(p: string): Promise<void> {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      return;
    }
    if (st.isFile()) out.push(p);
    else if (st.isDirectory()) {
      const real = await fs.realpath(p).catch(() => p);
      if (folders.has(real)) return;
      folders.add(real);
      // An unreadable folder counts as empty here; the build reports it. A plain file needs no
      // stat of its own (10,000 of them through the thread pool took 0.7 s of a warm start).
      const entries = await fs.readdir(p, { withFileTypes: true }).catch(() => []);
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.name.startsWith('.')) continue;
        if (e.isFile()) out.push(join(p, e.name));
        else await walk(join(p, e.name));
      }
    }
  }
  for (const p of paths) await walk(resolve(p));
  return [...new Set(out)].sort();
}

/**
 * Content hashes of files by what stat says of them (path, size, inode, modification and change
 * times), so that an unchanged file is not read again to be fingerprinted (10,000 inputs: 2.6 s
 * of a warm start). The change time cannot be set back by a writer, so a rewritten file misses.
 */
export class HashCache {
  private readonly seen = new Map<string, string>();
  changed = false;
  constructor(private readonly known = new Map<string, string>()) {}

  static key(file: string, st: { size: number; ino: number; mtimeMs: number; ctimeMs: number }): string {
    return `${file}\0${st.size}\0${st.ino}\0${st.mtimeMs}\0${st.ctimeMs}`;
  }

  get(key: string): string | undefined {
    const h = this.known.get(key);
    if (h !== undefined) this.seen.set(key, h);
    return h;
  }

  set(key: string, hash: string): void {
    this.seen.set(key, hash);
    this.changed = true;
  }

  /** The entries used this time (a file gone or changed drops out). */
  entries(): [string, string][] {
    if (this.seen.size !== this.known.size) this.changed = true;
    return [...this.seen];
  }
}

/**
 * A fingerprint of files (path, size, content hash) and other values. Same fingerprint:
 * the persisted build can be reused. Missing paths count too (a removed folder changes it).
 * Files over `maxBytes` (skipped by the build anyway) count by size and time, unread.
 */
export async function fingerprint(groups: Record<string, string[]>, values: unknown, maxBytes = Infinity, hashes = new HashCache()): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify(values));
  for (const [name, paths] of Object.entries(groups)) {
    h.update(`\0group ${name} ${JSON.stringify(paths.map((p) => resolve(p)))}\n`);
    const files = await listFiles(paths);
    // Stats at once, a few hundred per turn (through the thread pool one by one they took most
    // of the time), and the files not in the hash cache read many at a time, hashed in order.
    for (let i = 0; i < files.length; i += 256) {
      if (i) await turn();
      const parts = await Promise.all(files.slice(i, i + 256).map((file) => filePart(file, statOrNull(file), maxBytes, hashes)));
      for (const p of parts) h.update(p);
    }
  }
  return h.digest('hex');
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

async function filePart(file: string, st: Stats | null, maxBytes: number, hashes: HashCache): Promise<Buffer | string> {
  // Gone since it was listed: counted as missing (the build then reports it).
  if (!st) return `${file}\0missing\0`;
  if (st.size > maxBytes) return `${file}\0${st.size}\0${st.mtimeMs}\0`;
  const key = HashCache.key(file, st);
  let digest = hashes.get(key);
  if (digest === undefined) {
    const data = await fs.readFile(file);
    digest = createHash('sha256').update(data).digest('hex');
    hashes.set(key, digest);
  }
  return Buffer.concat([Buffer.from(`${file}\0${st.size}\0`), Buffer.from(digest, 'hex')]);
}
