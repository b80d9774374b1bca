/**
 * Start a worker thread from a module next to this one: the .js file when running
 * compiled, the .ts file through tsx's API otherwise (Node 20 workers do not inherit
 * loader hooks).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function spawnModuleWorker(base: string, workerData?: unknown, resourceLimits?: ResourceLimits): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? `./${base}.ts` : `./${base}.js`, import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits });
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import { tsImport } from ${JSON.stringify(tsxApi)};\nawait tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)});\n`;
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)), { workerData, resourceLimits });
}
