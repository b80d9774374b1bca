/**
 * The worker thread that annotates POSTed articles, so that the server's event loop
 * keeps answering while an article is read (annotator.ts ends it past its time limit).
 *
 * workerData: Settings. Messages in: {id, name, data}; out: {ready} once loaded, then
 * {id, ok: true, record} | {id, ok: false, file?, reason?, message}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeBase, type Settings } from './core.js';
import { annotateWithinLimits } from '../src/pipeline/limits.js';
import { UnreadableInputError } from '../src/errors.js';

const settings = workerData as Settings;
const kb = KnowledgeBase.load(settings);

parentPort!.on('message', (req: { id: number; name: string; data: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id: req.id, ok: true, record: annotateWithinLimits({ name: req.name, data: Buffer.from(req.data) }, kb, settings) });
  } catch (e) {
    const err = e as Error;
    if (e instanceof UnreadableInputError) parentPort!.postMessage({ id: req.id, ok: false, file: e.file, reason: e.reason, message: err.message });
    else parentPort!.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
