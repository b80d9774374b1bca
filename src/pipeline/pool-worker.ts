/**
 * One annotation worker of the build's pool (pool.ts). workerData: Settings.
 * In: {id, name, data}; out: {ready} once the model and the knowledge base are loaded, then
 * {id, ok: true, json} (the record's JSON as UTF-8 bytes, which the pool also writes to the cache) |
 * {id, ok: false, reason}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeBase } from '../kb/knowledge-base.js';
import { annotateWithinLimits } from './limits.js';
import type { Settings } from '../settings.js';
import { failureReason } from './pool.js';

const settings = workerData as Settings;
const kb = KnowledgeBase.load(settings);
const encoder = new TextEncoder();

parentPort!.on('message', (req: { id: number; name: string; data: Uint8Array }) => {
  try {
    const record = annotateWithinLimits({ name: req.name, data: Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength) }, kb, settings);
    // Sent as the cache's JSON in UTF-8, moved rather than copied: a record's structured clone
    // walks every object on both threads, and a string's is serialised (UTF-16 when it holds
    // curly quotes) and copied; the bytes are what the cache file holds.
    const json = encoder.encode(JSON.stringify(record));
    parentPort!.postMessage({ id: req.id, ok: true, json }, [json.buffer]);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, reason: failureReason(e) });
  }
});
parentPort!.postMessage({ ready: true });
