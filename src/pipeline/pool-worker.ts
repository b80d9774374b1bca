/**
 * One annotation worker of the build's pool (pool.ts). workerData: Settings.
 * In: {id, name, data}; out: {ready} once the model and the knowledge base are loaded, then
 * {id, ok: true, json} (the record's JSON, which the pool also writes to the cache) |
 * {id, ok: false, reason}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeBase } from '../kb/knowledge-base.js';
import { annotateWithinLimits } from './limits.js';
import type { Settings } from '../settings.js';
import { failureReason } from './pool.js';

const settings = workerData as Settings;
const kb = KnowledgeBase.load(settings);

parentPort!.on('message', (req: { id: number; name: string; data: Uint8Array }) => {
  try {
    const record = annotateWithinLimits({ name: req.name, data: Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength) }, kb, settings);
    // Sent as the cache's JSON: cloning a string is a copy, where a record's structured clone
    // walks every object on both threads.
    const json = JSON.stringify(record);
    parentPort!.postMessage({ id: req.id, ok: true, json });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, reason: failureReason(e) });
  }
});
parentPort!.postMessage({ ready: true });
