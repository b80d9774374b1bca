/**
 * Each article's quads made once, as the article joins the corpus: into the graph's facts
 * (src/graph/facts.ts) and into graph.ttl and graph.nt chunk by chunk (fragments.ts). A build
 * hands articles over in input order while later ones are still being annotated, so the main
 * thread writes the files while the workers annotate; what is left after the annotation is the
 * entities graph, the graph itself and its layout. At 10k articles the quads were made twice
 * after the annotation (for the graph, then for the files), on one core, while the other idled.
 *
 * A rebuild into the same folder takes an unchanged article's facts from the previous build's
 * state (build-state.ts) and copies its chunks: its quads are not made at all.
 *
 * When two articles share a slug, or the files cannot be opened early, nothing is streamed and
 * finish() does the work the old way, from the whole corpus (the same bytes, or the same error).
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { slug, type Corpus } from '../corpus/corpus.js';
import { buildGraph, GraphFacts } from '../graph/build.js';
import { BuildState, type StateEntry } from './build-state.js';
import { GraphThread, madeHere, THREAD_FROM, type FinishOptions, type MadeGraph } from './graph-thread.js';
import { chunkKey, RdfChunkWriter, writeRdfFiles, type RdfWritten } from './fragments.js';
import { corpusQuads } from './triples.js';

interface Pending { id: string; source: string | undefined }

export class ArticleStream {
  private readonly graphs: GraphThread;
  private readonly queue: Pending[] = [];
  private readonly slugs = new Set<string>();
  private readonly sources = new Map<string, string>();
  private readonly entries: (StateEntry | Buffer)[] = [];
  private readonly parts: [string, string];
  private writer: Promise<RdfChunkWriter | undefined>;
  private pumping: Promise<void> | undefined;
  /** Set when streaming stopped (a shared slug, a failure): finish() works from the whole corpus. */
  private off = false;
  private failure: unknown;
  private handedOver = false;
  private streamed = false;
  private corpus: Corpus | undefined;

  /**
   * `base`: the corpus's base IRI; `previous`: the state of the last build into `outDir`;
   * `graphThreadFrom`: articles from which the graph is made in a worker (graph-thread.ts).
   */
  constructor(base: string, private readonly outDir: string, private readonly previous: BuildState = BuildState.empty(), graphThreadFrom = THREAD_FROM) {
    this.graphs = new GraphThread(base, previous, previous.size ? outDir : undefined, graphThreadFrom);
    this.parts = [join(outDir, `.graph.ttl.part-${process.pid}`), join(outDir, `.graph.nt.part-${process.pid}`)];
    this.writer = mkdir(outDir, { recursive: true })
      .then(() => RdfChunkWriter.open(...this.parts, { base, perArticle: true, previousDir: outDir }))
      .catch(() => { this.off = true; return undefined; });
  }

  /** An article just added to the corpus, with the record cache file it came from. */
  add(corpus: Corpus, id: string, source: string | undefined): void {
    this.corpus = corpus;
    if (source) this.sources.set(id, source);
    if (this.off) return;
    // A second article with this slug shares its subjects: the chunks of fragments.ts do not apply.
    const s = slug(id);
    if (this.slugs.has(s)) { this.off = true; return; }
    this.slugs.add(s);
    this.queue.push({ id, source });
    this.kick();
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      // Added after the loop saw an empty queue, before this ran.
      if (this.queue.length && !this.off) this.kick();
    });
  }

  private async pump(): Promise<void> {
    const w = await this.writer;
    while (this.queue.length && !this.off && w) {
      const { id, source } = this.queue.shift()!;
      const corpus = this.corpus!;
      const links = corpus.articleLinks(id);
      const key = source && links !== undefined ? chunkKey(source, links) : undefined;
      let quads: Quad[] | undefined;
      const made = () => (quads ??= corpus.articleQuads(id));
      try {
        // An unchanged article's facts are named, and read where the graph is made.
        const line = key ? this.previous.line(id, source!, key) : undefined;
        if (line) {
          this.graphs.add(['take', id, source!, key!]);
          this.entries.push(line);
        } else {
          const facts = GraphFacts.articleFacts(made());
          this.graphs.add(['facts', facts]);
          if (key) this.entries.push({ id, source: source!, head: corpus.head(id)!, key, facts });
        }
        await w.article(id, made, source, links);
      } catch (e) {
        this.off = true;
        this.failure = e;
      }
      // Worker messages (results, the next tasks) are not kept waiting behind the queue.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.graphs.flush();
  }

  /**
   * After the last article: the graph, its layout under way, and a writer of graph.ttl and
   * graph.nt at the given paths that appends the entities graph to what was streamed.
   */
  async finish(corpus: Corpus, entities: Quad[], layout: FinishOptions): Promise<{ graph: MadeGraph; writeRdf(ttlPath: string, ntPath: string): Promise<RdfWritten> }> {
    while (this.pumping) await this.pumping;
    // Streamed articles are the corpus's, in its order (the corpus only grows while a build runs).
    if (this.slugs.size !== corpus.size) this.off = true;
    const made = this.off ? undefined : await this.graphs.finish(entities, layout);
    if (!made) {
      // Not streamed, or a kept article's facts could not be read: everything from the corpus.
      await this.graphs.close();
      await this.discard();
      const { sources, outDir } = this;
      return {
        graph: madeHere(buildGraph(corpusQuads(corpus, entities), { layout: false }), layout),
        writeRdf: (ttlPath, ntPath) => writeRdfFiles(ttlPath, ntPath, { corpus, entities, sources, previousDir: outDir }),
      };
    }
    this.streamed = true;
    const writeRdf = async (ttlPath: string, ntPath: string): Promise<RdfWritten> => {
      const w = (await this.writer)!;
      try {
        const written = await w.finish(entities);
        await w.close();
        await rename(this.parts[0], ttlPath);
        await rename(this.parts[1], ntPath);
        this.handedOver = true;
        return written;
      } finally {
        await this.discard();
      }
    };
    return { graph: made, writeRdf };
  }

  /** The state of this build's articles (build-state.ts), once finish() has run with streaming on. */
  state(): (StateEntry | Buffer)[] | undefined {
    return this.streamed ? this.entries : undefined;
  }

  /** discard(), and stop the graph's worker (call when the build ends, whatever happened). */
  async close(): Promise<void> {
    try {
      await this.discard();
    } finally {
      await this.graphs.close();
    }
  }

  /** Close and remove the streamed files unless they were handed over (call when the build ends, whatever happened). */
  async discard(): Promise<void> {
    this.off = true;
    const w = await this.writer;
    await w?.close();
    if (!this.handedOver) await Promise.all(this.parts.map((p) => rm(p, { force: true })));
    if (this.failure) { const e = this.failure; this.failure = undefined; throw e; }
  }
}
