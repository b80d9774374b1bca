/**
 * graph.ttl and graph.nt written article by article, with an index of where each article's
 * chunk lies in them (<out>/.fragments.json), so that a rebuild copies the chunks of the
 * articles that did not change from the previous files instead of making their quads and
 * serialising them again: at 10k articles that serialisation was most of a one-file rebuild.
 *
 * The bytes are those of writeQuadsFile over defaultGraphTriples (src/emit/triples.ts):
 * - An article's named graph is a function of its record and of the entity IRIs its names
 *   resolved to (Corpus.articleLinks); the chunk's key hashes both, so an article whose
 *   entities were renamed by cross-article resolution is serialised again.
 * - Its default-graph triples also depend on the articles before it: a triple about an
 *   entity (spokespersonFor) is written only at its first occurrence in the corpus. Each
 *   chunk keeps those shared triples and whether each was new; it is copied only when the
 *   triples before it make the same choices.
 * - In Turtle, every article starts with a new subject (its own IRI), so a chunk is the
 *   statement terminator of the one before (".\n") and its own statements; the first chunk
 *   of the file has no terminator before it, which is added or dropped when a chunk moves.
 * - The entities graph is small next to the articles and depends on all of them: it is
 *   serialised every time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, Writer, type Quad } from 'n3';
import type { Corpus } from '../corpus/corpus.js';
import { slug } from '../corpus/corpus.js';
import { PREFIXES } from '../ontology/terms.js';
import { TripleSet } from './triples.js';
import { keysOnSources } from '../corpus/cache.js';

export const FRAGMENTS_FILE = '.fragments.json';
/** Bump when the chunk layout or what a key covers changes. */
const FRAGMENT_VERSION = 1;

interface Chunk {
  id: string;
  key: string;
  /** Byte ranges [start, end) in graph.ttl and graph.nt. */
  ttl: [number, number];
  nt: [number, number];
  /** Whether the Turtle chunk starts with the terminator of the statement before it. */
  lead: boolean;
  triples: number;
  /** The chunk's triples about shared subjects (term ids joined by NUL), and '1' for each one that was new. */
  shared: string[];
  fresh: string;
}

interface FileStamp { bytes: number; mtimeMs: number }

export interface FragmentIndex {
  version: number;
  /** What every chunk depends on: the fragment version, n3's version, the prefixes, the base IRI, the emitting code. */
  settings: string;
  ttl: FileStamp;
  nt: FileStamp;
  chunks: Chunk[];
}

/** What a build writes the RDF files from. */
export interface RdfSource {
  corpus: Corpus;
  entities: Quad[];
  /** Where each article's record came from (its record cache file); articles without one are always serialised. */
  sources: Map<string, string>;
  /** The previous build's folder: its graph.ttl and graph.nt and their index, when they are still as written. */
  previousDir?: string;
}

export interface RdfWritten {
  triples: number;
  /** Articles whose chunks were copied from the previous files. */
  reused: number;
  /** To be saved beside the files once they are in place (saveFragmentIndex). */
  chunks: Chunk[] | undefined;
  settings: string;
}

const N3_VERSION = (createRequire(import.meta.url)('n3/package.json') as { version: string }).version;
const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The code a chunk's bytes depend on (this folder, the corpus's quads, the terms), when running
 * from the TypeScript sources, like the record cache's key; NEWSKG_CACHE_SOURCES=0 keys on the
 * versions alone.
 */
function sourcesHash(): string {
  if (!keysOnSources()) return '';
  const h = createHash('sha256');
  const files = [...readdirSync(HERE).sort().map((n) => join(HERE, n)), join(HERE, '../corpus/corpus.ts'), join(HERE, '../ontology/terms.ts'), join(HERE, '../ontology/kinds.ts')];
  for (const f of files) if (f.endsWith('.ts')) h.update(`${f}\0`).update(readFileSync(f));
  return h.digest('hex');
}

function settingsKey(base: string): string {
  return createHash('sha256').update(JSON.stringify([FRAGMENT_VERSION, N3_VERSION, PREFIXES, base, sourcesHash()])).digest('hex').slice(0, 24);
}

/** An article's key: its record (the cache file is named by the pipeline, the file name and its bytes) and its entity IRIs. */
export function chunkKey(source: string, links: string): string {
  return createHash('sha256').update(`${source}\0${links}`).digest('hex').slice(0, 32);
}

const tripleKey = (q: Quad) => `${q.subject.id}\u0000${q.predicate.id}\u0000${q.object.id}`;

/** Bytes appended to a file, in order, with the position reached. */
class ByteSink {
  private parts: Buffer[] = [];
  private held = 0;
  bytes = 0;
  constructor(private readonly fh: FileHandle) {}
  push(b: Buffer): void {
    this.parts.push(b);
    this.held += b.length;
    this.bytes += b.length;
  }
  text(s: string): void { if (s) this.push(Buffer.from(s)); }
  async flush(force = false): Promise<void> {
    if (!this.held || (!force && this.held < 1 << 22)) return;
    const parts = this.parts;
    this.parts = [];
    this.held = 0;
    await this.fh.writev(parts);
  }
  /**
   * Bytes [start, end) of another file, read in pieces into two buffers kept for the sink's life:
   * the next piece is read while the last is written, and fresh 8 MB buffers per piece were page
   * faults on every one (a third of a 10k rebuild's system time).
   */
  async copy(from: FileHandle, start: number, end: number): Promise<void> {
    await this.flush(true);
    const bufs = (this.pieces ??= [Buffer.allocUnsafeSlow(PIECE), Buffer.allocUnsafeSlow(PIECE)]);
    const read = async (at: number, buf: Buffer) => {
      const want = Math.min(PIECE, end - at);
      const { bytesRead } = await from.read(buf, 0, want, at);
      if (bytesRead !== want) throw new Error(`the previous build's file ended early (${at + bytesRead} of ${end} bytes); rebuild with --no-cache`);
      return buf.subarray(0, want);
    };
    let k = 0;
    let next = start < end ? read(start, bufs[0]) : undefined;
    for (let at = start; next; at += PIECE) {
      const piece = await next;
      k ^= 1;
      next = at + PIECE < end ? read(at + PIECE, bufs[k]) : undefined;
      next?.catch(() => undefined);
      this.bytes += piece.length;
      await this.fh.write(piece);
    }
  }
  private pieces: Buffer[] | undefined;
}

const PIECE = 1 << 23;

/** An n3 writer whose output is taken string by string. */
function collectingWriter(format: string, prefixes?: Record<string, string>): { w: Writer; take(): string } {
  let parts: string[] = [];
  const out = { write: (s: string, _enc?: unknown, done?: () => void) => { parts.push(s); done?.(); }, end: (done?: () => void) => done?.() };
  const w = new Writer(out as unknown as NodeJS.WritableStream, { format, prefixes, end: false });
  return { w, take: () => { const s = parts.join(''); parts = []; return s; } };
}

/** The previous build's index, when its graph.ttl and graph.nt are the files it describes. */
async function previousIndex(dir: string, settings: string): Promise<FragmentIndex | undefined> {
  try {
    const index = JSON.parse(await readFile(join(dir, FRAGMENTS_FILE), 'utf8')) as FragmentIndex;
    if (index.version !== FRAGMENT_VERSION || index.settings !== settings) return undefined;
    for (const f of ['ttl', 'nt'] as const) {
      const st = await stat(join(dir, `graph.${f}`));
      if (st.size !== index[f].bytes || st.mtimeMs !== index[f].mtimeMs) return undefined;
    }
    return index;
  } catch {
    return undefined;
  }
}

/**
 * Write graph.ttl and graph.nt (at these paths) of the corpus's default-graph triples, the same
 * bytes as writeQuadsFile(defaultGraphTriples(…)), copying unchanged articles' chunks from the
 * previous build's files.
 */
export async function writeRdfFiles(ttlPath: string, ntPath: string, src: RdfSource): Promise<RdfWritten> {
  const { corpus, sources } = src;
  const records = corpus.records();
  // When two articles share a slug their subjects are shared too (see triples.ts): no chunks then.
  const perArticle = new Set(records.map((r) => slug(r.id))).size === records.length;
  const w = await RdfChunkWriter.open(ttlPath, ntPath, { base: corpus.base, perArticle, previousDir: src.previousDir });
  try {
    for (const rec of records) await w.article(rec.id, () => corpus.articleQuads(rec.id), sources.get(rec.id), corpus.articleLinks(rec.id));
    return await w.finish(src.entities);
  } finally {
    await w.close();
  }
}

export interface ChunkWriterOptions {
  base: string;
  /** Whether every article has a slug of its own (then its subjects are its own, and it has a chunk). */
  perArticle: boolean;
  previousDir?: string;
}

/**
 * graph.ttl and graph.nt written article by article, in corpus order, then the entities
 * graph: a build hands each article over as soon as it joins the corpus, so the files are
 * written while later articles are still being annotated.
 */
export class RdfChunkWriter {
  private readonly ttl: ByteSink;
  private readonly nt: ByteSink;
  private readonly t = collectingWriter('Turtle', PREFIXES);
  private readonly n = collectingWriter('N-Triples');
  private readonly own: string[];
  private readonly prevById: Map<string, Chunk>;
  private readonly shared = new Set<string>();
  private readonly local = new TripleSet();
  private readonly chunks: Chunk[] = [];
  private triples = 0;
  private reused = 0;
  /** A run of copied chunks that lie end to end in the old files, copied as one range. */
  private run: { ttl: [number, number]; nt: [number, number] } | undefined;

  private constructor(
    private readonly files: FileHandle[],
    private readonly old: FileHandle[] | undefined,
    prev: FragmentIndex | undefined,
    private readonly options: ChunkWriterOptions,
    private readonly settings: string,
  ) {
    this.ttl = new ByteSink(files[0]);
    this.nt = new ByteSink(files[1]);
    this.own = [`${options.base}article/`, `${options.base}event/`, `${options.base}evidence/`];
    this.prevById = new Map(prev?.chunks.map((c) => [c.id, c]));
    this.ttl.text(this.t.take());
    // A statement pending before every chunk, so each chunk starts with the terminator of the one before.
    this.t.w.addQuad(DataFactory.namedNode('urn:x-newskg:chunk'), DataFactory.namedNode('urn:x-newskg:before'), DataFactory.namedNode('urn:x-newskg:chunk'));
    this.t.take();
  }

  static async open(ttlPath: string, ntPath: string, options: ChunkWriterOptions): Promise<RdfChunkWriter> {
    const settings = settingsKey(options.base);
    const prev = options.perArticle && options.previousDir ? await previousIndex(options.previousDir, settings) : undefined;
    const files = await Promise.all([open(ttlPath, 'w'), open(ntPath, 'w')]);
    const old = prev ? await Promise.all([open(join(options.previousDir!, 'graph.ttl'), 'r'), open(join(options.previousDir!, 'graph.nt'), 'r')]).catch(async (e) => { await Promise.all(files.map((f) => f.close())); throw e; }) : undefined;
    return new RdfChunkWriter(files, old, prev, options, settings);
  }

  /**
   * One article's chunk: copied from the previous files when its key and the shared triples
   * before it are as they were, else serialised from `quads` (called only then).
   */
  async article(id: string, quads: () => Iterable<Quad>, source: string | undefined, links: string | undefined): Promise<void> {
    const { ttl, nt } = this;
    const key = source && links !== undefined ? chunkKey(source, links) : undefined;
    // No triple written yet: the chunk must not start with a terminator.
    const first = this.triples === 0;
    const p = key ? this.prevById.get(id) : undefined;
    if (p && p.key === key && this.old && (p.lead || first) && this.sameChoices(p)) {
      this.reused++;
      const run = this.run;
      const from: [number, number] = [p.ttl[0] + (first && p.lead ? 2 : 0), p.ttl[1]];
      const at = { ttl: ttl.bytes + (run ? run.ttl[1] - run.ttl[0] : 0), nt: nt.bytes + (run ? run.nt[1] - run.nt[0] : 0) };
      if (run && run.ttl[1] === from[0] && run.nt[1] === p.nt[0]) { run.ttl[1] = from[1]; run.nt[1] = p.nt[1]; }
      else { await this.endRun(); this.run = { ttl: [...from], nt: [...p.nt] }; }
      this.chunks.push({ ...p, ttl: [at.ttl, at.ttl + from[1] - from[0]], nt: [at.nt, at.nt + p.nt[1] - p.nt[0]], lead: !first && p.triples > 0 });
      this.triples += p.triples;
      return;
    }
    await this.endRun();
    const r = this.render(quads(), this.options.perArticle);
    const at = { ttl: ttl.bytes, nt: nt.bytes };
    ttl.text(first ? r.ttlText.slice(2) : r.ttlText);
    nt.text(r.ntText);
    if (key) this.chunks.push({ id, key, ttl: [at.ttl, ttl.bytes], nt: [at.nt, nt.bytes], lead: !first && r.count > 0, triples: r.count, shared: r.sharedKeys, fresh: r.fresh });
    this.triples += r.count;
    await ttl.flush();
    await nt.flush();
  }

  /** The entities graph after the last article; the files are then complete. */
  async finish(entities: Quad[]): Promise<RdfWritten> {
    const { ttl, nt } = this;
    await this.endRun();
    const e = this.render(entities, false);
    ttl.text(this.triples === 0 ? e.ttlText.slice(2) : e.ttlText);
    nt.text(e.ntText);
    this.triples += e.count;
    if (this.triples) ttl.text('.\n');
    await ttl.flush(true);
    await nt.flush(true);
    return { triples: this.triples, reused: this.reused, chunks: this.options.perArticle ? this.chunks : undefined, settings: this.settings };
  }

  async close(): Promise<void> {
    await Promise.all([...this.files, ...(this.old ?? [])].map((f) => f.close().catch(() => undefined)));
  }

  private async endRun(): Promise<void> {
    if (!this.run) return;
    const run = this.run;
    this.run = undefined;
    // Two files, two sinks: copied side by side.
    await Promise.all([this.ttl.copy(this.old![0], ...run.ttl), this.nt.copy(this.old![1], ...run.nt)]);
  }

  /** The fresh triples of these quads, serialised; what the chunk records of its shared triples. */
  private render(quads: Iterable<Quad>, perArticleSubjects: boolean) {
    const { t, n, own, local, shared } = this;
    local.clear();
    const sharedKeys: string[] = [];
    let fresh = '';
    let count = 0;
    for (const q of quads) {
      let isNew: boolean;
      if (perArticleSubjects && own.some((p) => q.subject.value.startsWith(p))) isNew = local.add(q);
      else {
        const k = tripleKey(q);
        isNew = !shared.has(k);
        if (isNew) shared.add(k);
        sharedKeys.push(k);
        fresh += isNew ? '1' : '0';
      }
      if (!isNew) continue;
      count++;
      t.w.addQuad(q.subject, q.predicate, q.object);
      n.w.addQuad(q.subject, q.predicate, q.object);
    }
    return { ttlText: t.take(), ntText: n.take(), count, sharedKeys, fresh };
  }

  /** Whether the shared triples before this chunk make the choices they made when it was written; if so they are taken. */
  private sameChoices(c: Chunk): boolean {
    const added = new Set<string>();
    for (let i = 0; i < c.shared.length; i++) {
      const k = c.shared[i];
      const isNew = !this.shared.has(k) && !added.has(k);
      if (isNew !== (c.fresh[i] === '1')) return false;
      added.add(k);
    }
    for (const k of added) this.shared.add(k);
    return true;
  }
}

/**
 * Save the index of the files written into `dir`, stamped with their size and time: the files in
 * place, or (`files`) the temporary ones about to be renamed into place, which keeps both (an
 * index written before a rename that never came does not match the files there, and is ignored).
 */
export async function saveFragmentIndex(dir: string, written: RdfWritten, write: (path: string, text: string) => Promise<void>, files?: { ttl: string; nt: string }): Promise<void> {
  const path = join(dir, FRAGMENTS_FILE);
  if (!written.chunks) { await write(path, '{}'); return; }
  const stamp = async (f: string): Promise<FileStamp> => { const st = await stat(f); return { bytes: st.size, mtimeMs: st.mtimeMs }; };
  const index: FragmentIndex = { version: FRAGMENT_VERSION, settings: written.settings, ttl: await stamp(files?.ttl ?? join(dir, 'graph.ttl')), nt: await stamp(files?.nt ?? join(dir, 'graph.nt')), chunks: written.chunks };
  await write(path, JSON.stringify(index));
}
