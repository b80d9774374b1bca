/**
 * One annotation worker of the build's pool (pool.ts). workerData: Settings.
 * In: {id, name, data, cachePath?}; out: {ready} once the model and the knowledge base are
 * loaded, then {id, ok: true, json} (the record's JSON) | {id, ok: false, reason}. A record is also written
 * to cachePath (temporary name, then rename), so the main thread never serialises it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KnowledgeBase } from '../kb/knowledge-base.js';
import { annotateWithinLimits } from './limits.js';
import type { Settings } from '../settings.js';
import { failureReason } from './pool.js';

const settings = workerData as Settings;
const kb = KnowledgeBase.load(settings);

function cache(path: string, json: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, path);
  } catch {
    // A cache that cannot be written only costs a re-annotation next time.
  }
}

parentPort!.on('message', (req: { id: number; name: string; data: Uint8Array; cachePath?: string }) => {
  try {
    const record = annotateWithinLimits({ name: req.name, data: Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength) }, kb, settings);
    // Sent as the cache's JSON: cloning a string is a copy, where a record's structured clone
    // walks every object on both threads.
    const json = JSON.stringify(record);
    if (req.cachePath) cache(req.cachePath, json);
    parentPort!.postMessage({ id: req.id, ok: true, json });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, reason: failureReason(e) });
  }
});
parentPort!.postMessage({ ready: true });
