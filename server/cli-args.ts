/**
 * Flags and environment variables of `npm start`, mapped onto Settings (flags win).
 */
import { parseArgs } from 'node:util';
import { delimiter } from 'node:path';
import { InvalidSettingsError } from '../src/errors.js';
import type { Settings } from './core.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';

export const USAGE = `Usage: npm start -- [options]

Builds the knowledge graph from the input folders (reusing the persisted build when
they have not changed) and serves it: the explorer at /, SPARQL at /sparql.

Options (environment variable in brackets):
  --input <path>        input folder or file; repeat for several [KG_INPUT, '${delimiter}'-separated] (default: seeds)
  --data <dir>          data folder for the persisted build [KG_DATA] (default: data)
  --port <n>            port, 0 for any free one [PORT] (default: 3000)
  --host <addr>         address to bind [HOST] (default: 127.0.0.1; 0.0.0.0 for every interface)
  --base-iri <iri>      base IRI of the data [KG_BASE_IRI]
  --query-timeout <ms>  SPARQL time limit per query [KG_QUERY_TIMEOUT_MS] (default: 10000)
  --query-workers <n>   SPARQL workers, each with a copy of the data [KG_QUERY_WORKERS] (default: 2)
  --query-queue <n>     queries that may wait for a worker; more get 503 [KG_QUERY_QUEUE] (default: 16)
  --annotate-timeout <ms>  time limit of annotating one POSTed article [KG_ANNOTATE_TIMEOUT_MS] (default: 60000)
  --max-article-chars <n>  articles with a longer text are refused [KG_MAX_ARTICLE_CHARS] (default: ${DEFAULT_SETTINGS.maxArticleChars})
  --max-names <n>          articles with more capitalised names than this, denser than a list's, are refused [KG_MAX_NAMES] (default: ${DEFAULT_SETTINGS.maxNamesPerArticle})
  --annotate-memory <mb>   heap limit of the annotation worker [KG_ANNOTATE_MEMORY_MB] (default: ${DEFAULT_SETTINGS.annotateMemoryMb})
  --max-result <bytes>  SPARQL result cap [KG_MAX_RESULT_BYTES] (default: 20971520)
  --max-result-rows <n>  SPARQL result rows (solutions; a CONSTRUCT's triples), enforced while the store evaluates [KG_MAX_RESULT_ROWS] (default: ${DEFAULT_SETTINGS.maxResultRows})
  --max-body <bytes>    request body limit [KG_MAX_BODY_BYTES] (default: 2097152)
  --rate-limit <n>      requests per minute per client on /sparql and writes [KG_RATE_LIMIT] (default: 600)
  --sparql <url>        serve from an external SPARQL 1.1 store: its SPARQL endpoint [KG_SPARQL_URL]
  --store <url>         ...and its Graph Store Protocol endpoint, written to on start and ingest [KG_STORE_URL]
  --help                show this text
Writes (POST/DELETE /api/articles) are enabled by KG_WRITE_TOKEN; clients send
"Authorization: Bearer <token>". Without it the server is read-only. SPARQL Update is
refused: the graph is built from the articles.
`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v.trim())) throw new InvalidSettingsError(`${name} must be a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): { help: boolean; overrides: Partial<Settings> } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      input: { type: 'string', multiple: true },
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'base-iri': { type: 'string' },
      'query-timeout': { type: 'string' },
      'max-result': { type: 'string' },
      'max-result-rows': { type: 'string' },
      'query-workers': { type: 'string' },
      'query-queue': { type: 'string' },
      'annotate-timeout': { type: 'string' },
      'max-body': { type: 'string' },
      'max-article-chars': { type: 'string' },
      'max-names': { type: 'string' },
      'annotate-memory': { type: 'string' },
      'rate-limit': { type: 'string' },
      sparql: { type: 'string' },
      store: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const inputs = values.input?.length ? values.input : env.KG_INPUT ? env.KG_INPUT.split(delimiter).filter(Boolean) : undefined;
  const overrides: Partial<Settings> = {
    inputs,
    dataDir: values.data ?? (env.KG_DATA || undefined),
    port: int('--port / PORT', values.port ?? env.PORT),
    host: values.host ?? (env.HOST || undefined),
    baseIri: values['base-iri'] ?? (env.KG_BASE_IRI || undefined),
    writeToken: env.KG_WRITE_TOKEN || undefined,
    queryTimeoutMs: int('--query-timeout / KG_QUERY_TIMEOUT_MS', values['query-timeout'] ?? env.KG_QUERY_TIMEOUT_MS),
    queryWorkers: int('--query-workers / KG_QUERY_WORKERS', values['query-workers'] ?? env.KG_QUERY_WORKERS),
    queryQueueLength: int('--query-queue / KG_QUERY_QUEUE', values['query-queue'] ?? env.KG_QUERY_QUEUE),
    annotateTimeoutMs: int('--annotate-timeout / KG_ANNOTATE_TIMEOUT_MS', values['annotate-timeout'] ?? env.KG_ANNOTATE_TIMEOUT_MS),
    maxResultBytes: int('--max-result / KG_MAX_RESULT_BYTES', values['max-result'] ?? env.KG_MAX_RESULT_BYTES),
    maxResultRows: int('--max-result-rows / KG_MAX_RESULT_ROWS', values['max-result-rows'] ?? env.KG_MAX_RESULT_ROWS),
    maxArticleChars: int('--max-article-chars / KG_MAX_ARTICLE_CHARS', values['max-article-chars'] ?? env.KG_MAX_ARTICLE_CHARS),
    maxNamesPerArticle: int('--max-names / KG_MAX_NAMES', values['max-names'] ?? env.KG_MAX_NAMES),
    annotateMemoryMb: int('--annotate-memory / KG_ANNOTATE_MEMORY_MB', values['annotate-memory'] ?? env.KG_ANNOTATE_MEMORY_MB),
    maxBodyBytes: int('--max-body / KG_MAX_BODY_BYTES', values['max-body'] ?? env.KG_MAX_BODY_BYTES),
    rateLimitPerMinute: int('--rate-limit / KG_RATE_LIMIT', values['rate-limit'] ?? env.KG_RATE_LIMIT),
    sparqlUrl: values.sparql ?? (env.KG_SPARQL_URL || undefined),
    storeUrl: values.store ?? (env.KG_STORE_URL || undefined),
  };
  return { help: values.help ?? false, overrides };
}
