/**
 * The live knowledge graph the server answers from: the corpus (article records), the
 * graphology graph built from its quads, the SPARQL store and the data folder. Every
 * change goes through here, one at a time, and is committed to the data folder before
 * it is visible.
 */
import type { Quad } from 'n3';
import { annotateWithinLimits } from '../src/pipeline/limits.js';
import { Corpus, KnowledgeBase, toNQuads, type ArticleRecord, type Settings } from './core.js';
import { buildGraphAsync } from '../src/graph/build.js';
import { placeFrom } from '../src/graph/place.js';
import { toNQuadsAsync } from '../src/emit/stream.js';
import type { NQuads, SparqlStore } from './sparql-store.js';
import type { DataFolder, Manifest, ManifestArticle } from './persist.js';
import type { KgGraph } from './graphology.js';
import { HttpNotFoundError } from './errors.js';
import type { Annotator } from './annotator.js';
import type { ApiIndexes } from './api-index.js';
import { headerLine } from './store-file.js';
import { appendArticle } from './graph-append.js';
import { relabelOutlets, removeArticle } from './graph-remove.js';
import { drainAsync, turn } from '../src/steps.js';

/** N-Quads of each named graph in a list of quads. */
export function nquadsByGraph(quads: Quad[]): Map<string, string> {
  const by = new Map<string, Quad[]>();
  for (const q of quads) {
    const g = q.graph.value;
    let list = by.get(g);
    if (!list) by.set(g, (list = []));
    list.push(q);
  }
  return new Map([...by].map(([g, qs]) => [g, toNQuads(qs)]));
}

export interface ArticleChange {
  id: string;
  iri: string;
  replaced: boolean;
  /** Entities (graph node ids) that appeared or disappeared with the change. */
  added: string[];
  removed: string[];
  /** IRIs the article's graph names (subjects and objects), in the order its quads give them. */
  nodes: string[];
}

/** The IRIs a graph's quads name, once each, in order. */
function namedIn(quads: Quad[]): string[] {
  const out = new Set<string>();
  for (const q of quads) {
    out.add(q.subject.value);
    if (q.object.termType === 'NamedNode') out.add(q.object.value);
  }
  return [...out];
}

/** How long after the last change the store is written to the data folder (ms): one write for a burst of POSTs. */
export const STORE_PERSIST_DELAY_MS = 30_000;

/**
 * How long after the last change graph.json is written (ms). Writing it (100 MB at 10,000
 * articles) held every POST for 1.5 s of CPU; now a burst of changes writes it once, and
 * flush() writes it before the server stops. A crash before then costs the next start a layout.
 */
export const GRAPH_WRITE_DELAY_MS = 5_000;

/** Where the store is persisted, and the hash of the ontology it holds (see store-file.ts). */
export interface StoreFile { path: string; ontology: string }

export class KnowledgeGraph {
  /** Bumped on every committed change. */
  get revision(): number { return this.manifest.revision; }
  private readonly memos = new Map<string, unknown>();
  /**
   * What memos key on: bumped once a change is visible in the graph and the indexes. A change
   * commits its revision before the graph is rebuilt; a memo keyed on the revision and
   * computed in between held the old graph for the new revision.
   */
  private view = 0;
  private memoView = -1;
  private readonly publishedListeners: (() => void)[] = [];
  private lock: Promise<unknown> = Promise.resolve();
  private persistTimer: NodeJS.Timeout | undefined;
  private graphTimer: NodeJS.Timeout | undefined;
  /** The graph changed since graph.json was last written. */
  private graphDirty = false;
  /** Changes begun, and under way: graph.json written beside them is kept only if none began meanwhile. */
  private edits = 0;
  private changing = 0;
  /** The last graph.json writing beside the changes, settled when it is done. */
  private graphWrite: Promise<void> = Promise.resolve();
  /** The store changed since it was last written to the data folder. */
  private storeDirty = false;
  /** The store's last writing to the data folder, settled when it is done. */
  private writing: Promise<void> = Promise.resolve();
  /** The entities graph the store holds, by subject: a change sends the store only what differs. */
  private entitySubjects: Map<string, Quad[]> | undefined;
  /** The entities whose description the last store write changed (for the API's indexes). */
  private changedEntities: Set<string> | undefined;

  constructor(
    readonly settings: Settings,
    readonly corpus: Corpus,
    public graph: KgGraph,
    readonly store: SparqlStore,
    readonly folder: DataFolder,
    private manifest: Manifest,
    private readonly kb: KnowledgeBase,
    /** The API's indexes (catalogue, search, spokespeople), updated after every change. */
    readonly indexes: ApiIndexes,
    /** Annotates off the event loop with a time limit; without it, in this thread (tests). */
    readonly annotator?: Annotator,
    /** Where the embedded store is persisted (none with an external store). */
    private readonly storeFile?: StoreFile,
    /** The entities graph as loaded into the store. */
    entityQuads?: Quad[],
  ) {
    if (entityQuads) this.entitySubjects = bySubject(entityQuads);
  }

  /** A value computed once per version of the graph (serialized graph, exports, actor view). */
  memo<T>(key: string, compute: () => T): T {
    this.currentMemos();
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /**
   * memo() for work done in steps (the event loop answers meanwhile): one computation per
   * version, shared by whoever asks during it, and made again if the graph changed under it.
   */
  memoAsync<T>(key: string, compute: () => Promise<T>): Promise<T> {
    this.currentMemos();
    let p = this.memos.get(key) as Promise<T> | undefined;
    if (!p) {
      const view = this.view;
      p = compute().then((v) => (this.view === view ? v : this.memoAsync(key, compute)));
      this.memos.set(key, p);
      const mine = p;
      p.catch(() => { if (this.memos.get(key) === mine) this.memos.delete(key); });
    }
    return p;
  }

  /** The memos of this version of the graph (those of an earlier one are dropped). */
  private currentMemos(): void {
    if (this.memoView === this.view) return;
    this.memos.clear();
    this.memoView = this.view;
  }

  /** Call `fn` after every change is published (graph and indexes): to make a memo again ahead of its first request. */
  onPublished(fn: () => void): void {
    this.publishedListeners.push(fn);
  }

  get fingerprint(): string { return this.manifest.fingerprint; }

  /** The record for an article id or article IRI. */
  findArticle(idOrIri: string): ArticleRecord | undefined {
    const direct = this.corpus.get(idOrIri);
    if (direct) return direct;
    for (const rec of this.corpus.records()) if (this.corpus.articleIri(rec.id) === idOrIri) return rec;
    return undefined;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** serial() for a change to the corpus and the graph, counted (see saveGraph). */
  private change<T>(fn: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.edits++;
      this.changing++;
      try {
        return await fn();
      } finally {
        this.changing--;
      }
    });
  }

  /**
   * Annotate an article and add it (replacing an article with the same id). It is committed
   * (its file written, the manifest listing it) only once the store accepted its graphs; if
   * the store refuses them or the commit fails, the previous state is put back and nothing is kept.
   */
  async addArticle(input: { name: string; data: Buffer | string }): Promise<ArticleChange> {
    const record = this.annotator ? await this.annotator.annotate(input) : annotateWithinLimits(input, this.kb, this.settings);
    return this.change(async () => {
      const id = record.id;
      const previous = this.corpus.get(id);
      const previousQuads = previous && this.corpus.articleQuads(id);
      // A replaced article moves to the end of the corpus, where the manifest lists it (and a restart reads it).
      if (previous) this.corpus.remove(id);
      this.corpus.add(record);
      const quads = this.corpus.articleQuads(id);
      let entities: Quad[];
      try {
        entities = await this.storeGraphs(id, quads);
      } catch (e) {
        this.restoreRecord(id, previous);
        throw e;
      }
      try {
        const file = await this.folder.writeArticle(id, record);
        await this.commit({
          articles: [...this.manifest.articles.filter((a) => a.id !== id), { id, file, origin: 'posted' } satisfies ManifestArticle],
          deleted: this.manifest.deleted.filter((d) => d !== id),
        });
      } catch (e) {
        this.restoreRecord(id, previous);
        if (previous) await this.storeGraphs(id).catch(() => undefined);
        else await this.store.dropGraph(this.corpus.articleIri(id)).then(() => this.storeGraphs(undefined)).catch(() => undefined);
        throw e;
      }
      let added: string[];
      let removed: string[] = [];
      if (this.changedEntities) {
        // The graph changes by the article in place: the old version out, the new one in last, as a build of the corpus now gives it.
        const gone = previousQuads ? removeArticle(this.graph, id, previousQuads, entities, this.changedEntities) : new Map<string, never>();
        const back = appendArticle(this.graph, quads, entities, this.changedEntities, gone);
        added = back.filter((n) => !gone.has(n));
        removed = [...gone.keys()].filter((n) => !this.graph.hasNode(n));
        await this.changedInPlace(entities, this.changedEntities);
      } else {
        const before = new Set(this.graph.nodes());
        await this.rebuildGraph(entities);
        added = this.graph.nodes().filter((n) => !before.has(n));
        removed = [...before].filter((n) => !this.graph.hasNode(n));
      }
      await this.indexes.update(this.corpus, this.graph, entities, [id], this.changedEntities);
      this.published();
      return { id, iri: this.corpus.articleIri(id), replaced: previous !== undefined, added, removed, nodes: namedIn(quads) };
    });
  }

  /** Put the corpus back as it was before an add that was not kept. */
  private restoreRecord(id: string, previous: ArticleRecord | undefined): void {
    if (previous) this.corpus.add(previous);
    else this.corpus.remove(id);
  }

  /** Remove an article and whatever only it supported. */
  async removeArticle(idOrIri: string): Promise<ArticleChange> {
    return this.change(async () => {
      const rec = this.findArticle(idOrIri);
      if (!rec) throw new HttpNotFoundError(`there is no article ${JSON.stringify(idOrIri)}; GET /api/articles lists them`);
      const id = rec.id;
      const iri = this.corpus.articleIri(id);
      const entry = this.manifest.articles.find((a) => a.id === id);
      await this.commit({
        articles: this.manifest.articles.filter((a) => a.id !== id),
        deleted: entry?.origin === 'posted' ? this.manifest.deleted : [...new Set([...this.manifest.deleted, id])],
      });
      const quads = this.corpus.articleQuads(id);
      this.corpus.remove(id);
      await this.store.dropGraph(iri);
      const entities = await this.storeGraphs(undefined);
      let removed: string[];
      if (this.changedEntities) {
        removed = [...removeArticle(this.graph, id, quads, entities, this.changedEntities).keys()];
        await this.changedInPlace(entities, this.changedEntities);
      } else {
        const before = this.graph.nodes();
        await this.rebuildGraph(entities);
        removed = before.filter((n) => !this.graph.hasNode(n));
      }
      await this.indexes.update(this.corpus, this.graph, entities, [id], this.changedEntities);
      this.published();
      await this.folder.removeUnlisted(this.manifest);
      return { id, iri, replaced: false, added: [], removed, nodes: [] };
    });
  }

  /**
   * After the graph changed in place (graph-append.ts, graph-remove.ts): the articles whose
   * outlet's name changed get it again, and graph.json is due.
   */
  private async changedInPlace(entities: Quad[], changed: Set<string>): Promise<void> {
    relabelOutlets(this.graph, this.corpus.outlets(), entities, changed);
    this.graphChanged();
    // The indexes' first step would run on from this one without the event loop answering between.
    await turn();
  }

  /** The graph changed: graph.json is written a little later, beside the changes (saveGraph). */
  private graphChanged(): void {
    this.graphDirty = true;
    clearTimeout(this.graphTimer);
    this.graphTimer = setTimeout(() => { void this.saveGraph(); }, GRAPH_WRITE_DELAY_MS).unref();
  }

  /**
   * Write graph.json if the graph changed since it was written, beside the changes rather than
   * under their lock: at 10,000 articles it is 100 MB and about a second of slices, which a POST
   * or DELETE arriving then waited for. It is written from the live graph while no change is under
   * way, and renamed into place only if no change began meanwhile; else the graph is still due,
   * and written again a little later. Resolves when done, whether kept or not.
   */
  saveGraph(): Promise<void> {
    clearTimeout(this.graphTimer);
    const written = this.graphWrite.then(async () => {
      if (!this.graphDirty) return;
      // A change under way will be followed by another attempt.
      if (this.changing) return this.graphChanged();
      const edits = this.edits;
      this.graphDirty = false;
      let kept = false;
      try {
        kept = await this.folder.writeGraph(this.revision, this.graph, () => this.edits === edits);
      } finally {
        if (!kept) this.graphChanged();
      }
    });
    this.graphWrite = written.catch(() => undefined);
    return written;
  }

  /** Write graph.json now if the graph changed since it was written, under the lock (no change runs meanwhile). */
  async writeGraph(): Promise<void> {
    clearTimeout(this.graphTimer);
    await this.graphWrite;
    return this.serial(async () => {
      if (!this.graphDirty) return;
      this.graphDirty = false;
      try {
        await this.folder.writeGraph(this.revision, this.graph);
      } catch (e) {
        this.graphDirty = true;
        throw e;
      }
    });
  }

  /**
   * Before the server stops: what is waiting to be written to the data folder (graph.json, and
   * the store when a change came after its last writing: else the next start would load the
   * store from the records, a minute at 10,000 articles, instead of from the file in seconds).
   */
  async flush(): Promise<void> {
    await this.writeGraph();
    // A writing under way (the timer's) is waited for: the workers end after this.
    await this.writing;
    if (this.storeFile && this.storeDirty) {
      const why = await this.persistStore();
      if (why) throw new Error(`the store was not written to ${this.storeFile.path}: ${why}`);
    }
  }

  /** A change is in the graph and the indexes: memos start again, and the store is written a little later. */
  private published(): void {
    this.view++;
    for (const fn of this.publishedListeners) fn();
    if (!this.storeFile) return;
    this.storeDirty = true;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => { void this.persistStore(); }, STORE_PERSIST_DELAY_MS).unref();
  }

  /**
   * Write the store to the data folder, labelled with the revision it holds. Asked for between
   * changes (under the lock), so it holds exactly one revision; not awaited there, so the next
   * change does not wait for it. Resolves with the reason when it was not written.
   */
  persistStore(): Promise<string | undefined> {
    const file = this.storeFile;
    if (!file) return Promise.resolve('the store is external');
    clearTimeout(this.persistTimer);
    let written!: Promise<string | undefined>;
    return this.serial(async () => {
      // A change after this point marks it dirty again (published() runs under the lock too).
      this.storeDirty = false;
      written = this.store.persist(file.path, headerLine({ revision: this.revision, ontology: file.ontology }))
        .then((why) => { if (why) this.storeDirty = true; return why; });
      this.writing = written.then(() => undefined);
    }).then(() => written);
  }

  private async commit(change: Pick<Manifest, 'articles' | 'deleted'>): Promise<void> {
    this.manifest = await this.folder.writeManifest({
      fingerprint: this.manifest.fingerprint,
      revision: this.manifest.revision + 1,
      ...change,
    });
  }

  /**
   * The article's graphs (if any) and the entities graph, into the store; throws if it refuses
   * them. Returns the entity quads, for the graph.
   */
  private async storeGraphs(articleId: string | undefined, articleQuads?: Quad[]): Promise<Quad[]> {
    const graphs = new Map<string, NQuads>();
    if (articleId !== undefined) for (const [g, nq] of nquadsByGraph(articleQuads ?? this.corpus.articleQuads(articleId))) graphs.set(g, nq);
    const entities = await drainAsync(this.corpus.entityQuadsSteps());
    const g = this.corpus.entitiesGraphIri;
    const subjects = await bySubjectAsync(entities);
    const diff = this.entitySubjects && await diffOfAsync(this.entitySubjects, subjects);
    // The entities graph changes by a few quads per article; replacing it whole cost each worker seconds at 10,000 articles.
    const patch = diff && this.store.graphNames().includes(g) ? { remove: toNQuads(diff.remove), add: toNQuads(diff.add) } : undefined;
    // Patched, the embedded store's workers are sent only the patch: the whole text is made if a
    // worker starts later. An external store is sent the whole graph, made in slices.
    graphs.set(g, patch && this.storeFile ? () => toNQuads(entities) : await toNQuadsAsync(entities));
    await this.store.setGraphs(graphs, patch && new Map([[g, patch]]));
    this.entitySubjects = subjects;
    this.changedEntities = diff && new Set([...diff.remove, ...diff.add].map((q) => q.subject.value));
    return entities;
  }

  /**
   * The graph built again from every article's quads, in slices with the event loop free between
   * them; nodes keep their places and new ones go next to their neighbours (src/graph/place.ts).
   * Only before the store's entities graph is known (changedEntities unset); else a change
   * updates the graph by difference (graph-append.ts, graph-remove.ts).
   */
  private async rebuildGraph(entities: Quad[]): Promise<void> {
    const graph = await buildGraphAsync(await corpusQuadsAsync(this.corpus, entities));
    placeFrom(this.graph, graph);
    this.graph = graph;
    this.graphChanged();
  }
}

/** A key of a quad's terms (its graph aside: these are one graph's). */
function keyOf(q: Quad): string {
  const o = q.object;
  const lit = o.termType === 'Literal' ? `\u0000${o.datatype.value}\u0000${o.language}` : '';
  return `${q.subject.termType}${q.subject.value}\u0000${q.predicate.value}\u0000${o.termType}${o.value}${lit}`;
}

/** Quads by their subject, in order. */
function bySubject(quads: Quad[]): Map<string, Quad[]> {
  const out = new Map<string, Quad[]>();
  for (const q of quads) addTo(out, q);
  return out;
}

function addTo(out: Map<string, Quad[]>, q: Quad): void {
  const list = out.get(q.subject.value);
  if (list) list.push(q);
  else out.set(q.subject.value, [q]);
}

/** Entries handled between turns of the event loop (300k entity quads at 10,000 articles took 0.4 s in one go). */
const PER_TURN = 20_000;

/** bySubject(), PER_TURN quads per turn of the event loop. */
async function bySubjectAsync(quads: Quad[]): Promise<Map<string, Quad[]>> {
  const out = new Map<string, Quad[]>();
  for (let i = 0; i < quads.length; i++) {
    if (i && i % PER_TURN === 0) await turn();
    addTo(out, quads[i]!);
  }
  return out;
}

/** Quads by their key (one key per quad, made once). */
function byKey(quads: Quad[]): Map<string, Quad> {
  return new Map(quads.map((q) => [keyOf(q), q]));
}

/** The same quad objects in the same order: the corpus hands back an unchanged entity's own quads (Corpus.description). */
function sameObjects(a: Quad[], b: Quad[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What to take out of and put into a graph to go from one set of quads to the other, by
 * subject: an entity whose quads are the objects it had is passed over without a key made for
 * them, so a change costs keys for the entities it touched, not for 300k quads.
 */
async function diffOfAsync(before: Map<string, Quad[]>, after: Map<string, Quad[]>): Promise<{ remove: Quad[]; add: Quad[] }> {
  const remove: Quad[] = [];
  const add: Quad[] = [];
  let n = 0;
  for (const [s, now] of after) {
    if (++n % PER_TURN === 0) await turn();
    const was = before.get(s);
    if (was && sameObjects(was, now)) continue;
    const old = byKey(was ?? []);
    const fresh = byKey(now);
    for (const [k, q] of fresh) if (!old.has(k)) add.push(q);
    for (const [k, q] of old) if (!fresh.has(k)) remove.push(q);
  }
  for (const [s, was] of before) {
    if (++n % PER_TURN === 0) await turn();
    if (!after.has(s)) for (const q of was) remove.push(q);
  }
  return { remove, add };
}

/** corpus.quads(), a few hundred articles at a time with the event loop free between them. */
async function corpusQuadsAsync(corpus: Corpus, entities: Quad[]): Promise<Quad[]> {
  const out: Quad[] = [];
  let n = 0;
  for (const rec of corpus.records()) {
    for (const q of corpus.articleQuads(rec.id)) out.push(q);
    if (++n % 200 === 0) await turn();
  }
  for (const q of entities) out.push(q);
  return out;
}

