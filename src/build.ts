/**
 * Build a corpus from files and folders: every readable article is annotated (in worker
 * threads, each article with a time budget) and added; a file that cannot be read or
 * annotated in time is skipped with its reason, and the build goes on.
 */
import { existsSync, statSync, type Dirent, type Stats } from 'node:fs';
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { Corpus, type RecordHead } from './corpus/corpus.js';
import { KnowledgeBase } from './kb/knowledge-base.js';
import { AHEAD, AnnotatePool, failureReason, jobCount, type PoolResult } from './pipeline/pool.js';
import { RecordCache, pipelineKey } from './corpus/cache.js';
import { StatIndex } from './corpus/stat-index.js';
import { writeAtomic } from './emit/files.js';
import { inputRoots, linkRefusal, readInputFile } from './read/file.js';
import type { Settings } from './settings.js';

export interface Skipped {
  file: string;
  reason: string;
}

export interface BuildResult {
  corpus: Corpus;
  skipped: Skipped[];
  files: number;
  seconds: number;
  /** Worker threads used, and records taken from the cache instead of annotated. */
  jobs: number;
  reused: number;
  /** Per article id, the record cache file its record is in (when there is a cache): what the record is a function of. */
  sources: Map<string, string>;
}

export interface BuildOptions {
  onProgress?: (done: number, total: number, file: string) => void;
  /** Annotation worker threads (default: every core). */
  jobs?: number;
  /** Time budget of one article (ms; default settings.annotateTimeoutMs): past it the article is skipped. */
  timeoutMs?: number;
  /** Folder of the record cache (src/corpus/cache.ts); none when unset. */
  cacheDir?: string;
  /** Only the inputs of slice `index` of `count` (1-based; see inShard). */
  shard?: Shard;
  /**
   * The head of the record in a cache file, when a previous build kept it (src/emit/build-state.ts):
   * an unchanged input is then added by its head, and its record read only if asked for.
   */
  heads?: (source: string) => RecordHead | undefined;
  /** Each record as it joins the corpus (in input order), with the record cache file it came from. */
  onAdded?: (corpus: Corpus, id: string, source: string | undefined) => void;
}

export interface Shard { index: number; count: number }

/**
 * Whether an input belongs to a shard: by a hash of its file name (the article id), so every
 * machine puts a file in the same slice whatever else its folder listing holds.
 */
export function inShard(file: string, shard: Shard): boolean {
  return createHash('sha1').update(basename(file)).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}

/** `I/N` of --shard, or a message that says what is wrong with it. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(index >= 1 && index <= count)) return `--shard must be I/N with 1 ≤ I ≤ N, e.g. --shard 1/2 and --shard 2/2 on two machines; got ${JSON.stringify(text)}`;
  return { index, count };
}

const ARTICLE_FILE = /\.(txt|text|html?|xhtml)(\.gz)?$/i;

/**
 * The article files under the given paths (folders are walked; hidden files skipped).
 * Links are followed only inside the given paths, and a folder reached twice (a link loop)
 * is read once; each refused link is one skip line with its reason.
 */
export async function listInputs(paths: string[]): Promise<{ files: string[]; missing: Skipped[] }> {
  const files: string[] = [];
  const missing: Skipped[] = [];
  const roots = await inputRoots(paths);
  const folders = new Set<string>();
  const walk = async (p: string, top: boolean): Promise<void> => {
    let st;
    try {
      // Paths named on the command line are followed as given; links found under them are checked.
      if (!top && (await lstat(p)).isSymbolicLink()) {
        const refused = await linkRefusal(p, roots);
        if (refused) { missing.push({ file: p, reason: refused }); return; }
      }
      st = await stat(p);
    } catch (e) {
      const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
      missing.push({ file: p, reason: loop ? 'it is a symbolic link loop (it leads back to itself); remove the link' : 'no such file or folder' });
      return;
    }
    if (st.isDirectory()) {
      const real = await realpath(p).catch(() => p);
      if (folders.has(real)) {
        missing.push({ file: p, reason: `it leads to ${real}, a folder already read (a symbolic link loop or a second link); not read again` });
        return;
      }
      folders.add(real);
      let entries: Dirent[];
      try {
        entries = await readdir(p, { withFileTypes: true });
      } catch (e) {
        // An unreadable folder is skipped like an unreadable file: one line, and the build goes on.
        missing.push({ file: p, reason: `the folder cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const d of entries) {
        if (d.name.startsWith('.')) continue;
        // A plain file is known from the listing (at 10k inputs, a stat each was seconds of waiting).
        if (d.isFile()) { if (ARTICLE_FILE.test(d.name)) files.push(join(p, d.name)); }
        else await walk(join(p, d.name), false);
      }
    } else if (top || ARTICLE_FILE.test(p)) files.push(p);
  };
  for (const p of paths) await walk(p, true);
  return { files, missing };
}

/**
 * Annotate the inputs in a pool of worker threads (cached records are reused) and add the
 * records to the corpus in input order, whatever order the workers finish in: the corpus,
 * and so every output, is the same for any number of jobs.
 */
export async function buildInputs(paths: string[], settings: Settings, options: BuildOptions = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const cache = options.cacheDir ? new RecordCache(options.cacheDir, pipelineKey(settings)) : undefined;
  const index = cache ? await StatIndex.open(cache.folder) : undefined;
  const pool = new AnnotatePool(settings, jobCount(options.jobs), options.timeoutMs ?? settings.annotateTimeoutMs);
  // A worker starts while the knowledge base is loaded and the inputs listed (then, for a first
  // build, every worker): starting one compiles the pipeline and loads the model, about a second.
  pool.warm(1);
  const kb = KnowledgeBase.load(settings);
  const corpus = new Corpus(settings, kb);
  const listed = await listInputs(paths);
  const { missing } = listed;
  const files = options.shard ? listed.files.filter((f) => inShard(f, options.shard!)) : listed.files;
  const skipped = [...missing];
  const jobs = Math.min(pool.jobs, Math.max(files.length, 1));
  // A rebuild annotates only what changed: its other workers start on demand.
  if (index?.isEmpty() !== false) pool.warm(jobs);
  type Result = PoolResult | { ok: true; head: RecordHead; source: string };
  const results: (Result | undefined)[] = new Array(files.length);
  const cachePaths: (string | undefined)[] = new Array(files.length);
  const sources = new Map<string, string>();
  const seen = new Map<string, string>();
  let added = 0;
  let reused = 0;
  // Records join the corpus in input order as soon as every earlier file is done.
  const drain = () => {
    for (; added < files.length && results[added]; added++) {
      const file = files[added];
      const r = results[added]!;
      results[added] = undefined;
      options.onProgress?.(added + 1, files.length, file);
      if (!r.ok) { skipped.push({ file, reason: r.reason }); continue; }
      const id = 'head' in r ? r.head.id : r.record.id;
      if (seen.has(id)) {
        skipped.push({ file, reason: `another input has the same file name (${seen.get(id)}); article ids are file names` });
        continue;
      }
      seen.set(id, file);
      if ('head' in r) corpus.addHead(r.head, () => cache!.read(r.source, id));
      else corpus.add(r.record);
      if (cachePaths[added]) sources.set(id, cachePaths[added]!);
      options.onAdded?.(corpus, id, cachePaths[added]);
    }
  };
  // An input whose stat is the one recorded at the last build is not read: its record is where it was.
  // Sync: 10k stats through the thread pool were seconds of waiting in a one-file rebuild.
  const stats: (Stats | undefined)[] = files.map((file) => {
    try { return index ? statSync(file) : undefined; } catch { return undefined; }
  });
  const knownAt = (i: number) => (stats[i]?.isFile() && stats[i]!.size <= settings.maxFileBytes ? index!.lookup(files[i], stats[i]!) : undefined);
  const knowns = files.map((_, i) => knownAt(i));
  const one = async (i: number): Promise<void> => {
    const file = files[i];
    let result: Result;
    try {
      const st = stats[i];
      const known = knowns[i];
      // Its head, when the last build kept it, stands for the record (whose file must still be there).
      const head = known ? options.heads?.(known) : undefined;
      const knownHit = known && !(head && existsSync(known)) ? cache!.get(known) : undefined;
      if (known && head && !knownHit) {
        reused++;
        cachePaths[i] = known;
        index!.record(file, st!, known);
        result = { ok: true, head, source: known };
      } else if (known && knownHit) {
        reused++;
        cachePaths[i] = known;
        index!.record(file, st!, known);
        result = { ok: true, record: knownHit };
      } else {
        const data = readInputFile(file, settings.maxFileBytes);
        const cachePath = cache?.pathFor(file, data);
        cachePaths[i] = cachePath;
        const hit = cachePath ? cache!.get(cachePath) : undefined;
        if (hit) reused++;
        result = hit ? { ok: true, record: hit } : await pool.annotate({ name: file, data, cachePath });
        if (st && cachePath && result.ok) index!.record(file, st, cachePath);
      }
    } catch (e) {
      // One bad file never stops the build: report it and go on.
      result = { ok: false, reason: failureReason(e) };
    }
    results[i] = result;
    drain();
  };
  options.onProgress?.(0, files.length, '');
  try {
    // A window of files in flight (read, waiting, or sent ahead to a worker), so memory stays
    // bounded. The files to annotate go first: a known file's turn runs without yielding, so
    // behind 10k of them a changed file's read, and its worker, waited for all of them.
    const order = [...files.keys()].sort((a, b) => Number(knowns[a] !== undefined) - Number(knowns[b] !== undefined) || a - b);
    let next = 0;
    const lane = async () => { while (next < files.length) await one(order[next++]); };
    await Promise.all(Array.from({ length: jobs * (AHEAD + 2) }, lane));
  } finally {
    await pool.close();
  }
  if (index) {
    await mkdir(cache!.folder, { recursive: true });
    await writeAtomic(index.path, index.text());
  }
  return { corpus, skipped, files: files.length, seconds: (performance.now() - t0) / 1000, jobs, reused, sources };
}
