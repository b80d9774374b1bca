/**
 * Start a worker thread from a module next to this one (server/): the .js file when running
 * compiled; from the TypeScript sources, its transpiled copy, or the .ts file through tsx
 * (src/pipeline/spawn.ts decides, for the CLI's workers and these alike).
 */
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { spawnWorker } from '../src/pipeline/spawn.js';

export function spawnModuleWorker(base: string, workerData?: unknown, resourceLimits?: ResourceLimits): Worker {
  return spawnWorker(import.meta.url, base, { workerData, resourceLimits });
}
