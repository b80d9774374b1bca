/**
 * `npm start`: build (or reuse) the graph and serve it. See USAGE in cli-args.ts.
 */
import { resolveSettings } from './core.js';
import { USAGE, parseServerArgs } from './cli-args.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseServerArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`newskg: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const settings = resolveSettings(parsed.overrides);
  const running = await startServer(settings, { log: (m) => console.error(m) });
  const { opened } = running;
  for (const s of opened.skipped) console.error(`newskg: skipped ${s.file}: ${s.reason}`);
  console.log(`newskg: ${running.kg.corpus.size} articles, ${running.kg.graph.order} nodes (${opened.reused ? 'reused the build in' : 'built into'} ${settings.dataDir}, ${opened.seconds.toFixed(1)} s)`);
  console.log(`newskg: ${settings.writeToken ? 'writes enabled (bearer token)' : 'read-only (set KG_WRITE_TOKEN to enable writes)'}`);
  console.log(`newskg: serving on ${running.url}/  (SPARQL: ${running.url}/sparql)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.error(`newskg: ${signal}, stopping`);
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`newskg: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
