/**
 * One typed settings object for the CLI, the server and the web app, with defaults,
 * validated once (as sigma's settings.ts does). Environment variables and flags are
 * mapped onto it by the callers. The only other environment variables are the developer's
 * switches listed in DEVELOPERS.md (NEWSKG_CACHE_SOURCES, NEWSKG_KB_CACHE, NEWSKG_GRAPH_THREAD_FROM).
 */
import { InvalidSettingsError } from './errors.js';
import { DEFAULT_BASE_IRI } from './ontology/terms.js';

export interface Settings {
  /** Base IRI of the data (articles, entities, events). Must end with '/' or '#'. */
  baseIri: string;
  /** Files larger than this are skipped as oversized (bytes). */
  maxFileBytes: number;
  /** Articles whose text (after HTML extraction) is longer than this are skipped (characters). */
  maxArticleChars: number;
  /** Articles with more capitalised names than this are skipped (lists and indexes, not articles). */
  maxNamesPerArticle: number;
  /**
   * Heap limit of one annotation worker (MB, V8's old generation): an article that needs more
   * is stopped and skipped, so no input grows memory without bound.
   */
  annotateMemoryMb: number;
  /** Extra knowledge-base files (JSON, same shape as ontology/kb/institutions.json). */
  kbFiles: string[];
  /** ForceAtlas2 iterations for the layout written with the graph. */
  layoutIterations: number;
  /** Server: port and host to bind. */
  port: number;
  host: string;
  /** Server: data folder holding the persisted build. */
  dataDir: string;
  /** Server: input folders built at start. */
  inputs: string[];
  /** Server: bearer token that enables writes; empty means read-only. */
  writeToken: string;
  /** Server: SPARQL time limit (ms) and result cap (bytes of serialized results). */
  queryTimeoutMs: number;
  maxResultBytes: number;
  /**
   * Server: most result rows a query may make (solutions of a SELECT or DESCRIBE, triples of a
   * CONSTRUCT's template), enforced while the store evaluates: past it the store stops.
   */
  maxResultRows: number;
  /** Server: SPARQL workers (each holds a copy of the data) and queries that may wait for one. */
  queryWorkers: number;
  queryQueueLength: number;
  /** Server: time limit of annotating one POSTed article (ms); past it the article is refused. */
  annotateTimeoutMs: number;
  /** Server: request body limit (bytes). */
  maxBodyBytes: number;
  /** Server: requests per minute per client on /sparql and on writes. */
  rateLimitPerMinute: number;
  /**
   * Server: an external SPARQL 1.1 store to serve from instead of the embedded one: its SPARQL
   * endpoint and its Graph Store Protocol endpoint (both, or neither: '' is the embedded store).
   */
  sparqlUrl: string;
  storeUrl: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  baseIri: DEFAULT_BASE_IRI,
  maxFileBytes: 5 * 1024 * 1024,
  maxArticleChars: 400_000,
  maxNamesPerArticle: 1_500,
  annotateMemoryMb: 384,
  kbFiles: [],
  layoutIterations: 200,
  port: 3000,
  host: '127.0.0.1',
  dataDir: 'data',
  inputs: ['seeds'],
  writeToken: '',
  queryTimeoutMs: 10_000,
  maxResultBytes: 20 * 1024 * 1024,
  maxResultRows: 100_000,
  queryWorkers: 2,
  queryQueueLength: 16,
  annotateTimeoutMs: 60_000,
  maxBodyBytes: 2 * 1024 * 1024,
  rateLimitPerMinute: 600,
  sparqlUrl: '',
  storeUrl: '',
});

function positiveInt(name: keyof Settings, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
    throw new InvalidSettingsError(`settings: ${name} must be a positive integer, got ${JSON.stringify(v)}`);
}

/** Merge overrides onto the defaults and validate the result. */
export function resolveSettings(overrides: Partial<Settings> = {}): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, ...stripUndefined(overrides) };
  if (!/^https?:\/\/\S+[/#]$/.test(s.baseIri))
    throw new InvalidSettingsError(`settings: baseIri must be an http(s) IRI ending with '/' or '#', got ${JSON.stringify(s.baseIri)}`);
  for (const k of ['maxFileBytes', 'layoutIterations', 'queryTimeoutMs', 'maxResultBytes', 'maxResultRows', 'maxBodyBytes', 'rateLimitPerMinute', 'queryWorkers', 'queryQueueLength', 'annotateTimeoutMs', 'maxArticleChars', 'maxNamesPerArticle', 'annotateMemoryMb'] as const)
    positiveInt(k, s[k]);
  if (!Number.isInteger(s.port) || s.port < 0 || s.port > 65535)
    throw new InvalidSettingsError(`settings: port must be 0–65535, got ${JSON.stringify(s.port)}`);
  if (!s.sparqlUrl !== !s.storeUrl)
    throw new InvalidSettingsError('settings: sparqlUrl and storeUrl go together (the SPARQL and the Graph Store endpoint of one external store); give both or neither');
  for (const k of ['sparqlUrl', 'storeUrl'] as const)
    if (s[k] && !/^https?:\/\/\S+$/.test(s[k])) throw new InvalidSettingsError(`settings: ${k} must be an http(s) URL, got ${JSON.stringify(s[k])}`);
  if (!Array.isArray(s.inputs) || !Array.isArray(s.kbFiles))
    throw new InvalidSettingsError('settings: inputs and kbFiles must be lists of paths');
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
