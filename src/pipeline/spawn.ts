/**
 * Start a worker thread from a module given by URL: the .js file when running compiled; from
 * the TypeScript sources, their transpiled copy (transpiled.ts), or failing that the .ts file
 * through tsx's API (Node 20 workers do not inherit loader hooks). server/ts-worker.ts starts
 * the server's workers through this too.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpiledUrl } from './transpiled.js';

/** `from` is the caller's import.meta.url; `base` the worker module's name beside it, without extension. */
export function spawnWorker(from: string, base: string, options: WorkerOptions = {}): Worker {
  // A module loaded through tsImport has a query on its URL (?tsx-namespace=…): the path tells.
  const url = new URL(new URL(from).pathname.endsWith('.ts') ? `./${base}.ts` : `./${base}.js`, from);
  url.search = '';
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const js = transpiledUrl(url);
  if (js) return new Worker(js, options);
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import { tsImport } from ${JSON.stringify(tsxApi)};\nawait tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)});\n`;
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)), options);
}
