/**
 * newskg command line: `newskg build <files or folders…> --out <dir>` and
 * `newskg extract <files or folders…> [--out FILE]`.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildInputs, parseShard, type Shard } from '../build.js';
import { writeAtomic, writeOutputs } from '../emit/files.js';
import { POSITIONS_FILE } from '../graph/layout.js';
import { rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { resolveSettings, DEFAULT_SETTINGS } from '../settings.js';
import { InvalidSettingsError, NewskgError } from '../errors.js';
import { saveFragmentIndex, type RdfWritten } from '../emit/fragments.js';
import { ArticleStream } from '../emit/article-stream.js';
import { BUILD_STATE_FILE, BuildState, writeBuildState } from '../emit/build-state.js';
import { RDF } from '../ontology/terms.js';
import { GraphStoreClient } from '../emit/graph-store.js';
import { NOT_ENGLISH } from '../language/not-english.js';

const HELP = `newskg: build a knowledge graph of accusations and responses from news articles

Usage:
  npm run --silent newskg -- build <files or folders…> --out <dir> [options]
  npm run --silent newskg -- push <files or folders…> --store <url> --sparql <url> [options]
  npm run --silent newskg -- extract <files or folders…> [--out FILE] [--max-file-bytes <n>]

build reads plain-text (.txt) and HTML (.html, .htm) articles, gzip-compressed or not
(.txt.gz, .html.gz), annotates them and writes:
  <dir>/graph.ttl   Turtle, with prefixes (terms of ontology/newskg.ttl)
  <dir>/graph.nt    the same triples as N-Triples
  <dir>/graph.json  graphology's serialized graph, with ForceAtlas2 positions

push builds the same graph and loads it into an external SPARQL 1.1 store: each article's
named graph and the entities graph are PUT to its Graph Store Protocol endpoint (--store),
so pushing again gives the same store; article graphs the build no longer has are dropped
(found through its SPARQL endpoint, --sparql). build with --store and --sparql also pushes.

extract writes what newskg read from each input, one JSON object a line (stdout, or
--out FILE): file, format, language, headline, datePublished, publisher, author, body.

Options:
  --out <dir>              build: output folder (required); extract: output file
  --base-iri <iri>         base IRI of articles and entities (default ${DEFAULT_SETTINGS.baseIri})
  --kb <file.json>         extra knowledge-base file (repeatable), shaped like ontology/kb/institutions.json
  --max-file-bytes <n>     skip larger files (default ${DEFAULT_SETTINGS.maxFileBytes})
  --layout-iterations <n>  ForceAtlas2 iterations at most, fewer on large graphs (default ${DEFAULT_SETTINGS.layoutIterations})
  --jobs <n>               annotation worker threads (default: every core, here ${availableParallelism()})
  --article-timeout <ms>   time budget of one article; past it the article is skipped (default ${DEFAULT_SETTINGS.annotateTimeoutMs})
  --max-article-chars <n>  articles with a longer text (after HTML extraction) are skipped (default ${DEFAULT_SETTINGS.maxArticleChars})
  --max-names <n>          articles with more capitalised names than this, denser than a list's, are
                           skipped as lists or indexes (default ${DEFAULT_SETTINGS.maxNamesPerArticle})
  --annotate-memory <mb>   heap limit of one annotation worker; an article that needs more is
                           skipped (default ${DEFAULT_SETTINGS.annotateMemoryMb})
  --cache <dir>            cache of annotated articles: a rebuild annotates only changed files
                           (default <out>/.cache)
  --no-cache               annotate every file again, and cache nothing
  --shard <I/N>            build: annotate only slice I of N of the inputs (by a hash of the file
                           name), for N machines sharing the work; each writes its records to its
                           --cache; gather those folders into one and \`push\` (or \`build\`) the
                           whole input once from it: nothing is annotated again, and the store
                           equals a single build's
  --relayout               lay the graph out afresh; by default a rebuild into the same --out keeps
                           the previous graph.json's positions when it has 90% of the nodes
                           (new nodes go next to their neighbours)
  --timings                print the time of each step (annotation, quads, graph, layout, writing)
  --store <url>            Graph Store Protocol endpoint to push to, e.g. http://localhost:8890/sparql-graph-crud
                           (credentials in the URL: http://user:password@host/…)
  --sparql <url>           that store's SPARQL endpoint, e.g. http://localhost:8890/sparql
  --quiet                  no progress bar, no summary
  -h, --help               this help

Exit status: 0 when every file was read, 2 when some were skipped (each is named on
stderr with the reason), 1 when the build could not run.

Examples:
  npm run --silent newskg -- build seeds --out out
  npm run --silent newskg -- build ~/news/2024 extra/article.html --out graphs/2024 --kb my-orgs.json
  npm run --silent newskg -- extract saved-pages/ --out bodies.jsonl
`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' }, 'base-iri': { type: 'string' }, kb: { type: 'string', multiple: true },
        'max-file-bytes': { type: 'string' }, 'layout-iterations': { type: 'string' }, quiet: { type: 'boolean' },
        jobs: { type: 'string' }, 'article-timeout': { type: 'string' }, 'max-article-chars': { type: 'string' }, 'max-names': { type: 'string' }, 'annotate-memory': { type: 'string' }, cache: { type: 'string' }, 'no-cache': { type: 'boolean' }, shard: { type: 'string' }, timings: { type: 'boolean' }, relayout: { type: 'boolean' }, store: { type: 'string' }, sparql: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`newskg: ${(e as Error).message}\nRun with --help for usage.\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  const [command, ...inputs] = positionals;
  if (command !== 'build' && command !== 'extract' && command !== 'push') {
    process.stderr.write(`newskg: unknown command "${command}"; the commands are "build", "push" and "extract". Run with --help for usage.\n`);
    return 1;
  }
  // Text that is not a number is passed on as it is, so the settings validator's message quotes it.
  const num = (v: string | undefined) => (v === undefined ? undefined : /^\s*\d+(\.\d*)?\s*$/.test(v) ? Number(v) : (v as unknown as number));
  if (command === 'extract') {
    if (inputs.length === 0) {
      process.stderr.write('newskg extract: give the input files or folders, e.g. `newskg extract seeds > bodies.jsonl`\n');
      return 1;
    }
    // Loaded only for its command: it brings the whole reading pipeline onto this thread.
    const { runExtract } = await import('./extract.js');
    return runExtract(inputs, resolveSettings({ maxFileBytes: num(values['max-file-bytes']) }), values.out);
  }
  if (command === 'push' && (!values.store || !values.sparql || inputs.length === 0)) {
    process.stderr.write('newskg push: give the input files or folders, --store <Graph Store URL> and --sparql <SPARQL URL>, e.g. `newskg push seeds --store http://localhost:8890/sparql-graph-crud --sparql http://localhost:8890/sparql`\n');
    return 1;
  }
  if (command === 'build' && (!values.out || inputs.length === 0)) {
    process.stderr.write('newskg build: give the input files or folders and --out <dir>, e.g. `newskg build seeds --out out`\n');
    return 1;
  }
  if (!values.store !== !values.sparql) {
    process.stderr.write(`newskg ${command}: --store and --sparql go together (the Graph Store endpoint and the SPARQL endpoint of one store)\n`);
    return 1;
  }
  const client = values.store ? new GraphStoreClient({ storeUrl: values.store, sparqlUrl: values.sparql! }) : undefined;
  let settings;
  try {
    settings = resolveSettings({
      baseIri: values['base-iri'], kbFiles: values.kb, maxFileBytes: num(values['max-file-bytes']),
      layoutIterations: num(values['layout-iterations']), annotateTimeoutMs: num(values['article-timeout']), maxArticleChars: num(values['max-article-chars']),
      maxNamesPerArticle: num(values['max-names']), annotateMemoryMb: num(values['annotate-memory']),
    });
  } catch (e) {
    if (!(e instanceof InvalidSettingsError)) throw e;
    process.stderr.write(`newskg ${command}: ${withFlagName(e.message)}\n`);
    return 1;
  }
  const jobs = num(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) {
    process.stderr.write(`newskg build: --jobs must be a positive whole number, got ${JSON.stringify(values.jobs)}\n`);
    return 1;
  }
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    const parsed = parseShard(values.shard);
    if (typeof parsed === 'string') { process.stderr.write(`newskg ${command}: ${parsed}\n`); return 1; }
    // A slice's graph pushed alone would replace the entities graph and drop the other slices' articles.
    if (command === 'push' || client) {
      process.stderr.write(`newskg ${command}: --shard annotates one slice into the record cache and cannot push; gather the shards' caches into one folder and push once from it: \`newskg push <inputs> --cache <folder> --store … --sparql …\`\n`);
      return 1;
    }
    if (values['no-cache']) { process.stderr.write(`newskg build: --shard keeps its work in the record cache; drop --no-cache\n`); return 1; }
    shard = parsed;
  }
  const bar = !values.quiet && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'annotating [{bar}] {value}/{total} {file}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let started = false;
  const cacheDir = values['no-cache'] ? undefined : values.cache ?? (values.out ? join(values.out, '.cache') : undefined);
  // A rebuild into the same --out takes unchanged articles' heads and graph facts from the last one.
  const previous = values.out && cacheDir ? await BuildState.load(values.out, settings.baseIri) : BuildState.empty(settings.baseIri);
  // With --out, each article's quads go to the graph's facts and the RDF files as it is annotated.
  // NEWSKG_GRAPH_THREAD_FROM: articles from which the graph is made in a worker (tests set it low).
  const threadFrom = Number(process.env.NEWSKG_GRAPH_THREAD_FROM) || undefined;
  const stream = values.out ? new ArticleStream(settings.baseIri, values.out, previous, threadFrom) : undefined;
  try {
    return await buildAndWrite(stream);
  } finally {
    await stream?.close().catch(() => undefined);
  }

  async function buildAndWrite(stream: ArticleStream | undefined): Promise<number> {
    const result = await buildInputs(inputs, settings!, {
      jobs,
      shard,
      cacheDir,
      heads: previous.size ? (source) => previous.head(source) : undefined,
      onProgress: (done, total, file) => {
        if (!bar) return;
        if (!started) { bar.start(total, 0, { file: '' }); started = true; }
        bar.update(done, { file: file.slice(-40) });
      },
      onAdded: stream && ((corpus, id, source) => stream.add(corpus, id, source)),
    });
    bar?.stop();
    for (const s of result.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
    if (client) {
      const { pushCorpus } = await import('./push.js');
      const pushed = await pushCorpus(result.corpus, client);
      if (!values.quiet) process.stderr.write(`newskg: pushed ${pushed.put} graphs to ${values.store} in ${pushed.seconds.toFixed(2)} s (${result.files} articles, ${result.reused} from the cache)${pushed.dropped.length ? `; dropped ${pushed.dropped.length} graphs of articles no longer built` : ''}\n`);
    }
    if (!values.out || !stream) return result.skipped.length ? 2 : 0;
    const out = values.out;
    const step = stopwatch();
    const corpus = result.corpus;
    const entityQuads = corpus.entityQuads();
    const tQuads = step();
    // The articles' quads were made once, as they were annotated; the entities graph joins them here.
    // The graph is laid out (in a worker) while graph.ttl and graph.nt are finished.
    const { graph, writeRdf: writeChunks } = await stream.finish(corpus, entityQuads, { outDir: out, relayout: !!values.relayout, iterations: settings!.layoutIterations });
    const tGraph = step();
    let tLayout = 0;
    let kept = false;
    const laidOut = graph.laidOut.then((k) => { kept = k; tLayout = step.total(); });
    laidOut.catch(() => undefined);
    let rdf: RdfWritten | undefined;
    const writeRdf = async (ttlPath: string, ntPath: string) => (rdf = await writeChunks(ttlPath, ntPath)).triples;
    // What the next rebuild takes from this one. The fragment index and the articles' state need
    // only the RDF, so they are written while graph.json is (0.2 s of a 10k rebuild's
    // end); the positions are made where the graph is, once graph.json's size is known.
    const indexes = (tmp: { ttl: string; nt: string }) => {
      const state = stream.state();
      return Promise.all([
        saveFragmentIndex(out, rdf!, writeAtomic, tmp),
        state ? writeBuildState(join(out, BUILD_STATE_FILE), settings!.baseIri, state) : rm(join(out, BUILD_STATE_FILE), { force: true }),
      ]).then(() => undefined);
    };
    const files = await writeOutputs(out, { writeRdf }, graph, undefined, indexes);
    await laidOut;
    await stat(files.json).then(({ size }) => graph.positionsText(size)).then((text) => writeAtomic(join(out, POSITIONS_FILE), text));
    await graph.close();
    if (values.timings)
      process.stderr.write(`newskg timings: annotation ${result.seconds.toFixed(2)} s, entities ${tQuads.toFixed(2)} s, graph ${tGraph.toFixed(2)} s, layout (${kept ? 'previous positions kept' : 'worker'}, ${graph.order} nodes) done at ${(tLayout - tQuads - tGraph).toFixed(2)} s of writing ${step().toFixed(2)} s (Turtle and N-Triples of ${rdf!.reused} articles copied from the previous build)\n`);
    if (!values.quiet) {
      const recs = [...result.corpus.recordHeads()];
      const entities = new Set(entityQuads.filter((q) => q.predicate.equals(RDF.type)).map((q) => q.subject.value)).size;
      const acc = recs.reduce((n, r) => n + r.events[0], 0);
      const resp = recs.reduce((n, r) => n + r.events[1], 0);
      const foreign = recs.filter((r) => r.warnings.some((w) => w.startsWith(NOT_ENGLISH))).length;
      process.stderr.write(`newskg: ${recs.length} articles, ${entities} entities, ${acc} accusations, ${resp} responses, ${files.triples} triples in ${result.seconds.toFixed(2)} s (${result.jobs} jobs${result.reused ? `, ${result.reused} from the cache` : ''}) → ${files.ttl}${result.skipped.length ? ` (${result.skipped.length} skipped)` : ''}${foreign ? `; ${foreign} not in English: mentions, roles and events skipped for them` : ''}\n`);
    }
    return result.skipped.length ? 2 : 0;
  }
}

/** The flag of each setting the command line sets. */
const FLAG_OF: Record<string, string> = {
  baseIri: '--base-iri', maxFileBytes: '--max-file-bytes', layoutIterations: '--layout-iterations', annotateTimeoutMs: '--article-timeout',
  maxArticleChars: '--max-article-chars', maxNamesPerArticle: '--max-names', annotateMemoryMb: '--annotate-memory',
};

/** The validator names settings ("settings: maxNamesPerArticle must be…"); a CLI user set a flag. */
function withFlagName(message: string): string {
  return message.replace(/^settings: (\w+)/, (all, key: string) => (FLAG_OF[key] ? `${FLAG_OF[key]} (${key})` : all));
}

/** Seconds since the last call; total() since the start. */
function stopwatch(): { (): number; total(): number } {
  const t0 = performance.now();
  let last = t0;
  const lap = () => { const now = performance.now(); const d = (now - last) / 1000; last = now; return d; };
  return Object.assign(lap, { total: () => (performance.now() - t0) / 1000 });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`newskg: ${e instanceof NewskgError ? e.message : (e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
