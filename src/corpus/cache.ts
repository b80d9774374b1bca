/**
 * A content-addressed cache of ArticleRecords: one JSON file per (pipeline key, file name,
 * file bytes), so a rebuild re-annotates only the files that changed. The pipeline key is
 * PIPELINE_VERSION, the record format, the knowledge base's files and the settings that
 * shape a record; when running from the TypeScript sources (a developer's checkout) it also
 * covers the annotation code itself, so editing a stage never serves stale records
 * (NEWSKG_CACHE_SOURCES=0 keys a checkout like an installed build: on the versions alone,
 * which the benchmark uses so that others' edits mid-run do not empty the cache).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../settings.js';
import { CacheChangedError } from '../errors.js';
import { PIPELINE_VERSION, RECORD_VERSION, type ArticleRecord } from './record.js';

const SRC = fileURLToPath(new URL('../', import.meta.url));
const KB_DIR = fileURLToPath(new URL('../../ontology/kb/', import.meta.url));
/** Folders of src/ whose code does not change a record. */
const NOT_ANNOTATION = new Set(['cli', 'emit', 'graph', 'validate']);

function hashFiles(h: ReturnType<typeof createHash>, dir: string, keep: (name: string) => boolean, top = true): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!top || !NOT_ANNOTATION.has(name)) hashFiles(h, p, keep, false);
    } else if (keep(name)) h.update(`${p}\0`).update(readFileSync(p));
  }
}

/**
 * Whether caches key on the code itself: when running from the TypeScript sources, unless
 * NEWSKG_CACHE_SOURCES=0 (then, as in an installed build, on the versions alone).
 */
export function keysOnSources(): boolean {
  // The path, not the URL: a module loaded by a worker through tsImport has a query on its URL.
  return new URL(import.meta.url).pathname.endsWith('.ts') && process.env.NEWSKG_CACHE_SOURCES !== '0';
}

/** What a cached record depends on besides its file. */
export function pipelineKey(settings: Pick<Settings, 'kbFiles' | 'maxFileBytes'>): string {
  const h = createHash('sha256').update(`${PIPELINE_VERSION}\0${RECORD_VERSION}\0${settings.maxFileBytes}\0`);
  hashFiles(h, KB_DIR, (n) => n.endsWith('.json'));
  for (const f of settings.kbFiles) h.update(`${f}\0`).update(readFileSync(f));
  if (keysOnSources()) hashFiles(h, SRC, (n) => n.endsWith('.ts'));
  return h.digest('hex').slice(0, 16);
}

export class RecordCache {
  constructor(readonly dir: string, private readonly key: string) {}

  /** The folder of this pipeline key's records. */
  get folder(): string {
    return join(this.dir, this.key);
  }

  /** The cache file of this input (name and bytes). */
  pathFor(name: string, data: Uint8Array): string {
    const h = createHash('sha256').update(`${this.key}\0${basename(name)}\0`).update(data).digest('hex');
    return join(this.dir, this.key, h.slice(0, 2), `${h.slice(2)}.json`);
  }

  /**
   * The record in this cache file, read now (an article added by its head; see Corpus.addHead):
   * its file was there when the build started, so a failure means the cache changed under it.
   */
  read(path: string, id: string): ArticleRecord {
    let rec: ArticleRecord | undefined;
    try {
      rec = JSON.parse(readFileSync(path, 'utf8')) as ArticleRecord;
    } catch (e) {
      throw new CacheChangedError(id, path, (e as Error).message);
    }
    if (rec.version !== RECORD_VERSION || rec.id !== id) throw new CacheChangedError(id, path, `it holds ${rec.id === id ? `record format ${rec.version}` : `the record of ${rec.id}`}`);
    return rec;
  }

  /**
   * The cached record, or undefined (missing, unreadable or of another format). Synchronous:
   * a first build asks for every input, and a miss is then one stat, not a thread-pool trip.
   */
  get(path: string): ArticleRecord | undefined {
    if (!existsSync(path)) return undefined;
    try {
      const rec = JSON.parse(readFileSync(path, 'utf8')) as ArticleRecord;
      return rec.version === RECORD_VERSION ? rec : undefined;
    } catch {
      return undefined;
    }
  }
}
