/**
 * What a rebuild into the same --out takes from the previous build instead of making again
 * (<out>/.articles.json): each article's record head (what the corpus resolves its entities
 * from; src/corpus/corpus.ts) and its share of the graph's facts (src/graph/facts.ts).
 * With the Turtle and N-Triples chunks of fragments.ts, an unchanged article then costs
 * neither reading its record nor making its quads: at 10k articles those were most of a
 * one-file rebuild.
 *
 * - A head is a function of the record, so it is kept by the record cache file the record is
 *   in (named by the pipeline key, the file name and its bytes).
 * - An article's facts are a function of its record and of the entity IRIs its names
 *   resolved to, so they are kept by the same key as its RDF chunk (fragments.ts chunkKey).
 * - The file is written beside the outputs after them; a file of another version, base IRI or
 *   code (when running from the sources) is ignored, and a damaged one only means a slower build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keysOnSources } from '../corpus/cache.js';
import { slug, type RecordHead } from '../corpus/corpus.js';
import { RECORD_VERSION } from '../corpus/record.js';
import type { ArticleFacts } from '../graph/facts.js';
import { decodeFacts, encodeFacts } from './facts-codec.js';

export const BUILD_STATE_FILE = '.articles.json';
/** Bump when what an entry holds, or what it is a function of, changes. */
const STATE_VERSION = 2;

/** One article of a build: where its record is, its head, and its facts under their key. */
export interface StateEntry {
  id: string;
  source: string;
  head: RecordHead;
  key: string;
  facts: ArticleFacts;
}

/**
 * The file is a header line and one line per article, `id TAB source TAB key TAB head TAB
 * facts`, each field JSON (which has no raw tab or newline): an article's line is found and
 * its head parsed without parsing its facts, and an unchanged article's line is written back
 * as the bytes read.
 */
interface Line { id: string; source: string; key: string; bytes: Buffer; head: Buffer; facts: Buffer }

/** The code the facts and heads are made by, when running from the sources (as the record cache keys it). */
function codeHash(): string {
  if (!keysOnSources()) return '';
  const h = createHash('sha256');
  for (const f of ['../graph/facts.ts', '../corpus/corpus.ts', '../ontology/terms.ts', '../ontology/kinds.ts', './build-state.ts', './facts-codec.ts']) {
    const path = fileURLToPath(new URL(f, import.meta.url));
    if (existsSync(path)) h.update(`${f}\0`).update(readFileSync(path));
  }
  return h.digest('hex');
}

function header(base: string): string {
  const settings = createHash('sha256').update(JSON.stringify([STATE_VERSION, RECORD_VERSION, base, codeHash()])).digest('hex').slice(0, 24);
  return JSON.stringify({ version: STATE_VERSION, settings });
}

const TAB = 9;
const NL = 10;

/** The fields of one line, or undefined when it is not one. */
function parseLine(bytes: Buffer): Line | undefined {
  const tabs: number[] = [];
  for (let at = bytes.indexOf(TAB); at >= 0 && tabs.length < 4; at = bytes.indexOf(TAB, at + 1)) tabs.push(at);
  if (tabs.length < 4) return undefined;
  const field = (i: number) => JSON.parse(bytes.toString('utf8', i === 0 ? 0 : tabs[i - 1] + 1, tabs[i])) as string;
  return { id: field(0), source: field(1), key: field(2), bytes, head: bytes.subarray(tabs[2] + 1, tabs[3]), facts: bytes.subarray(tabs[3] + 1) };
}

/** The previous build's state, as lookups by record cache file and by article. */
export class BuildState {
  private readonly bySource = new Map<string, Line>();
  private readonly byId = new Map<string, Line>();
  /** Lines in file order, for decodeAhead, and the facts it decoded by line. */
  private readonly lines: Line[];
  private ahead = 0;
  private readonly decoded = new Map<Line, ArticleFacts>();

  private constructor(private readonly base: string, lines: Line[]) {
    this.lines = lines;
    for (const l of lines) {
      this.bySource.set(l.source, l);
      this.byId.set(l.id, l);
    }
  }

  /**
   * Decode the facts of up to `count` more lines, in file order, for take() to find ready (the
   * graph worker does it while it waits for the main thread); returns how many it decoded.
   */
  decodeAhead(count: number): number {
    let n = 0;
    for (; n < count && this.ahead < this.lines.length; n++) {
      const l = this.lines[this.ahead++];
      const f = this.decode(l);
      if (f) this.decoded.set(l, f);
    }
    return n;
  }

  private decode(l: Line): ArticleFacts | undefined {
    try {
      return decodeFacts(JSON.parse(l.facts.toString()) as ArticleFacts, this.base, articleIri(this.base, l.id));
    } catch {
      return undefined;
    }
  }

  static empty(base = ''): BuildState {
    return new BuildState(base, []);
  }

  /** The state in `dir` for this base IRI, or an empty one (missing, damaged, or of other code). */
  static async load(dir: string, base: string): Promise<BuildState> {
    let data: Buffer;
    try {
      data = await readFile(join(dir, BUILD_STATE_FILE));
    } catch {
      return BuildState.empty(base);
    }
    const lines: Line[] = [];
    let at = data.indexOf(NL);
    if (at < 0 || data.toString('utf8', 0, at) !== header(base)) return BuildState.empty(base);
    try {
      for (let next; at + 1 < data.length; at = next) {
        next = data.indexOf(NL, at + 1);
        // A file cut short ends in a line cut short: it is not taken.
        if (next < 0) break;
        const line = parseLine(data.subarray(at + 1, next));
        if (line) lines.push(line);
      }
    } catch {
      // A damaged line ends what is taken: the articles after it are made again.
    }
    return new BuildState(base, lines);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The head of the record in this cache file, when the last build had it. */
  head(source: string): RecordHead | undefined {
    const l = this.bySource.get(source);
    try {
      return l && (JSON.parse(l.head.toString()) as RecordHead);
    } catch {
      return undefined;
    }
  }

  /**
   * The line of an article whose facts the last build made from the record in `source` under
   * this key (to be written back as it was), without reading the facts.
   */
  line(id: string, source: string, key: string): Buffer | undefined {
    const l = this.byId.get(id);
    return l?.key === key && l.source === source ? l.bytes : undefined;
  }

  /**
   * An article's facts, when the last build made them from the record in `source` under this
   * key, and its line, to be written back as it was.
   */
  take(id: string, source: string, key: string): { facts: ArticleFacts; line: Buffer } | undefined {
    const l = this.byId.get(id);
    if (l?.key !== key || l.source !== source) return undefined;
    const facts = this.decoded.get(l) ?? this.decode(l);
    this.decoded.delete(l);
    return facts && { facts, line: l.bytes };
  }
}

const articleIri = (base: string, id: string) => `${base}article/${slug(id)}`;

/**
 * Write the state of a build's articles (in corpus order) to `path`: an entry is a line of the
 * previous state when its article is unchanged, else made from its head and facts.
 */
export async function writeBuildState(path: string, base: string, entries: (StateEntry | Buffer)[]): Promise<void> {
  const parts: Buffer[] = [Buffer.from(`${header(base)}\n`)];
  for (const e of entries) {
    if (Buffer.isBuffer(e)) { parts.push(e, NEWLINE); continue; }
    const facts = encodeFacts(e.facts, base, articleIri(base, e.id));
    parts.push(Buffer.from(`${JSON.stringify(e.id)}\t${JSON.stringify(e.source)}\t${JSON.stringify(e.key)}\t${JSON.stringify(e.head)}\t${JSON.stringify(facts)}\n`));
  }
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    for (let i = 0; i < parts.length; i += 1024) await fh.writev(parts.slice(i, i + 1024));
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

const NEWLINE = Buffer.from('\n');
