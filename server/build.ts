/**
 * Start-up: reuse the persisted build when the inputs (and the knowledge base, the
 * pipeline code and the settings that shape the graph) have not changed; otherwise
 * annotate the inputs again, keep the articles posted through the API and forget
 * the ones deleted through it. Then load the SPARQL store.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Corpus, KnowledgeBase, buildGraph, buildInputs, type ArticleRecord, type Settings } from './core.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { PIPELINE_VERSION, RECORD_VERSION } from '../src/corpus/record.js';
import { keysOnSources } from '../src/corpus/cache.js';
import { layoutInWorker } from '../src/graph/layout.js';
import { DataFolder, DataFolderError, HashCache, fingerprint, type Manifest, type ManifestArticle } from './persist.js';
import { SparqlStore } from './sparql-store.js';
import { ontologyHash, readStoreHeader } from './store-file.js';
import { ExternalStore, type QueryStore } from './external-store.js';
import { KnowledgeGraph, nquadsByGraph } from './state.js';
import { Annotator } from './annotator.js';
import { ApiIndexes } from './api-index.js';
import { Graph, type KgGraph } from './graphology.js';
import type { SerializedGraph } from 'graphology-types';
import type { Quad } from 'n3';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const ONTOLOGY_FILE = join(REPO_ROOT, 'ontology', 'newskg.ttl');

export interface OpenOptions {
  log?: (msg: string) => void;
  /** Cached-results budget of the SPARQL store (bytes). */
  cacheBytes?: number;
}

export interface Opened {
  kg: KnowledgeGraph;
  reused: boolean;
  skipped: { file: string; reason: string }[];
  seconds: number;
  /** The store was loaded from the persisted store file (store-file.ts), not from the records. */
  storeFromFile: boolean;
}

/** What decides whether a persisted build can be reused. */
export function buildFingerprint(settings: Settings, hashes?: HashCache): Promise<string> {
  // Keyed on the code exactly when the record cache is (src/corpus/cache.ts): with
  // NEWSKG_CACHE_SOURCES=0 the benchmarks reuse their 10,000-article build while others edit
  // src/, instead of folding and laying it out again at every start.
  const onVersions = !keysOnSources();
  return fingerprint(
    {
      inputs: settings.inputs,
      kb: [join(REPO_ROOT, 'ontology', 'kb'), ...settings.kbFiles],
      code: onVersions ? [] : [join(REPO_ROOT, 'src')],
    },
    { baseIri: settings.baseIri, maxFileBytes: settings.maxFileBytes, layoutIterations: settings.layoutIterations, ...(onVersions ? { versions: [PIPELINE_VERSION, RECORD_VERSION] } : {}) },
    settings.maxFileBytes,
    hashes,
  );
}

async function tryReuse(folder: DataFolder, manifest: Manifest | undefined, fp: string, settings: Settings, kb: KnowledgeBase, log: (m: string) => void) {
  if (!manifest || manifest.fingerprint !== fp) return undefined;
  try {
    const records = await folder.readArticles<ArticleRecord>(manifest);
    const corpus = new Corpus(settings, kb);
    for (const r of records) corpus.add(r);
    return corpus;
  } catch (e) {
    if (e instanceof DataFolderError) {
      log(`newskg: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}

/** Posted articles of an earlier build that can still be read (the rest are dropped with a warning). */
async function postedRecords(folder: DataFolder, manifest: Manifest | undefined, log: (m: string) => void): Promise<ArticleRecord[]> {
  if (!manifest) return [];
  const out: ArticleRecord[] = [];
  for (const a of manifest.articles.filter((x) => x.origin === 'posted')) {
    try {
      const [rec] = await folder.readArticles<ArticleRecord>({ ...manifest, articles: [a] });
      out.push(rec!);
    } catch (e) {
      log(`newskg: dropping posted article ${a.id}: ${(e as Error).message}`);
    }
  }
  return out;
}

async function readOntology(log: (m: string) => void): Promise<string | undefined> {
  try {
    return await readFile(ONTOLOGY_FILE, 'utf8');
  } catch {
    log(`newskg: ${ONTOLOGY_FILE} is missing; /sparql serves the data without the ontology`);
    return undefined;
  }
}

/** The data folder's persisted store, when it holds this revision and this ontology. */
async function usableStoreFile(folder: DataFolder, revision: number, ontologyTurtle: string | undefined): Promise<string | undefined> {
  const h = await readStoreHeader(folder.storePath);
  return h && h.revision === revision && h.ontology === ontologyHash(ontologyTurtle) ? folder.storePath : undefined;
}

/** Every quad of the corpus: each article's graph, then the entities graph. */
function corpusQuads(corpus: Corpus, entityQuads: Quad[]): Quad[] {
  const quads: Quad[] = [];
  for (const rec of corpus.records()) for (const q of corpus.articleQuads(rec.id)) quads.push(q);
  for (const q of entityQuads) quads.push(q);
  return quads;
}

/** The build to serve: the persisted one when it is still valid, else the inputs annotated again. */
async function openCorpus(settings: Settings, folder: DataFolder, old: Manifest | undefined, log: (m: string) => void) {
  const hashes = await folder.readHashes();
  const fp = await buildFingerprint(settings, hashes);
  await folder.writeHashes(hashes);
  const kb = KnowledgeBase.load(settings);
  const corpus = await tryReuse(folder, old, fp, settings, kb, log);
  if (corpus && old) {
    const saved = await folder.readGraph(old.revision);
    return { corpus, manifest: old, kb, reused: true, skipped: [], graph: saved ? Graph.from(saved as SerializedGraph) : undefined };
  }
  log(`newskg: annotating ${settings.inputs.join(', ')} (the persisted build in ${folder.dir} is ${old ? 'out of date' : 'missing'})`);
  // The record cache in the data folder: a changed input is the only one annotated again.
  // Each article gets at least the default time budget, even when POSTs are held to less.
  const built = await buildInputs(settings.inputs, settings, {
    cacheDir: join(folder.dir, 'cache'),
    timeoutMs: Math.max(settings.annotateTimeoutMs, DEFAULT_SETTINGS.annotateTimeoutMs),
  });
  const inputIds = new Set(built.corpus.records().map((r) => r.id));
  for (const rec of await postedRecords(folder, old, log)) built.corpus.add(rec);
  const deleted = (old?.deleted ?? []).filter((id) => inputIds.has(id));
  for (const id of deleted) built.corpus.remove(id);
  const posted = new Set(old?.articles.filter((a) => a.origin === 'posted').map((a) => a.id));
  const articles: ManifestArticle[] = [];
  for (const rec of built.corpus.records()) {
    const id = rec.id;
    articles.push({ id, file: await folder.writeArticle(id, rec), origin: posted.has(id) ? 'posted' : 'input' });
  }
  const manifest = await folder.writeManifest({ fingerprint: fp, revision: (old?.revision ?? 0) + 1, articles, deleted });
  await folder.removeUnlisted(manifest);
  return { corpus: built.corpus, manifest, kb, reused: false, skipped: built.skipped, graph: undefined as KgGraph | undefined };
}

export async function openKnowledgeGraph(settings: Settings, options: OpenOptions = {}): Promise<Opened> {
  const log = options.log ?? ((m: string) => console.error(m));
  const t0 = performance.now();
  const folder = new DataFolder(settings.dataDir);
  const old = await folder.readManifest();
  const ontologyTurtle = await readOntology(log);
  // An external store (settings.sparqlUrl/storeUrl) stands in for the embedded one behind the same methods.
  const external = settings.storeUrl
    ? new ExternalStore({ sparqlUrl: settings.sparqlUrl, storeUrl: settings.storeUrl, timeoutMs: settings.queryTimeoutMs, maxResultBytes: settings.maxResultBytes })
    : undefined;
  const storeOptions = {
    timeoutMs: settings.queryTimeoutMs,
    maxResultBytes: settings.maxResultBytes,
    maxResultRows: settings.maxResultRows,
    ontologyTurtle,
    cacheBytes: options.cacheBytes,
    workers: settings.queryWorkers,
    queueLength: settings.queryQueueLength,
  };
  // The persisted store of this revision loads in the workers while this thread checks the
  // fingerprint and reads the records; it serves once one worker holds it.
  const file = external || !old ? undefined : await usableStoreFile(folder, old.revision, ontologyTurtle);
  let early = file ? SparqlStore.start({ ...storeOptions, snapshotFile: file, rampUp: true }) : undefined;
  early?.catch(() => undefined);
  let opened;
  try {
    opened = await openCorpus(settings, folder, old, log);
  } catch (e) {
    await early?.then((s) => s.close(), () => undefined);
    throw e;
  }
  const { corpus, manifest, kb, reused, skipped } = opened;
  let graph = opened.graph;
  if (early && !reused) {
    await early.then((s) => s.close(), () => undefined);
    early = undefined;
  }
  const entityQuads = corpus.entityQuads();
  const quads = graph && early ? undefined : corpusQuads(corpus, entityQuads);
  // A graph to lay out: ForceAtlas2 runs in a worker while the SPARQL store loads.
  let laidOut: Promise<void> | undefined;
  if (!graph) {
    graph = buildGraph(quads!, { layout: false });
    const g = graph;
    laidOut = layoutInWorker(g, settings.layoutIterations).then(async () => { await folder.writeGraph(manifest.revision, g); });
    laidOut.catch(() => undefined);
  }
  let store: SparqlStore | undefined = external as QueryStore as SparqlStore | undefined;
  let indexes: ApiIndexes;
  try {
    // The API's indexes are built here, on this thread, while the store workers load.
    const loading = early ? undefined : (store ??= await SparqlStore.start(storeOptions)).setGraphs(nquadsByGraph(quads!));
    loading?.catch(() => undefined);
    indexes = ApiIndexes.build(corpus, graph, entityQuads);
    await loading;
    if (early) {
      store = await early.catch((e: Error) => { log(`newskg: ${e.message}; loading the store from the records`); return undefined; });
      if (store) store.setSnapshotGraphs([...corpus.records().map((r) => corpus.articleIri(r.id)), corpus.entitiesGraphIri]);
      else {
        early = undefined;
        store = await SparqlStore.start(storeOptions);
        await store.setGraphs(nquadsByGraph(quads ?? corpusQuads(corpus, entityQuads)));
      }
    }
    // The store may hold graphs of articles removed while the server was down: drop them.
    if (external) await external.prune(`${corpus.base}article/`, new Set(corpus.records().map((r) => corpus.articleIri(r.id))));
    await laidOut;
  } catch (e) {
    await store?.close();
    throw e;
  }
  const annotator = new Annotator(settings, settings.annotateTimeoutMs);
  // With writes enabled, the worker loads now: its start-up is not paid by the first POST.
  if (settings.writeToken) annotator.warm();
  const storeFile = external ? undefined : { path: folder.storePath, ontology: ontologyHash(ontologyTurtle) };
  const kg = new KnowledgeGraph(settings, corpus, graph, store!, folder, manifest, kb, indexes, annotator, storeFile, entityQuads);
  // Written once the store is up, so that the next start loads it in bulk.
  if (storeFile && !early) void kg.persistStore().then((why) => { if (why) log(`newskg: ${why}`); });
  return { kg, reused, skipped, seconds: (performance.now() - t0) / 1000, storeFromFile: early !== undefined };
}
