/**
 * The worker thread that annotates POSTed articles, so that the server's event loop
 * keeps answering while an article is read (annotator.ts ends it past its time limit).
 *
 * workerData: Settings. Messages in: {id, name, data}; out: {ready} once loaded, then
 * {id, ok: true, record} | {id, ok: false, file?, reason?, message}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { KnowledgeBase, type Settings } from './core.js';
import { annotateWithinLimits } from '../src/pipeline/limits.js';
import { UnreadableInputError } from '../src/errors.js';

/** Nice value of the annotation thread (0 normal, 19 lowest): the event loop wins about 10 to 1. */
const ANNOTATE_NICE = 10;
const settings = workerData as Settings;

/*
 * Below the event loop's priority: on Linux the nice value is per thread, so this lowers only
 * this worker, and on a machine with few cores the server's own thread is scheduled first
 * while an article is annotated. Elsewhere it would lower the whole process: not done.
 */
if (process.platform === 'linux') {
  try { setPriority(ANNOTATE_NICE); } catch { /* not permitted: run at the normal priority */ }
}
const kb = KnowledgeBase.load(settings);

/*
 * One article read before the first real one: the model is loaded and the pipeline compiled
 * here, at start, not while a client waits (at 10,000 articles a first POST was visible in
 * SPARQL after 0.9-1.6 s, the next after 0.25 s). Made up, and its record thrown away.
 */
const WARM_UP = `Ministry rejects hacking claims
Geneva, 2 March 2024

The interior ministry accused the Republic of Valdoria of hacking its tax office, officials said on Tuesday.
"These accusations are groundless," foreign ministry spokeswoman Anna Keller told reporters, calling the charge a smear.
`;
try {
  annotateWithinLimits({ name: 'warm-up.txt', data: Buffer.from(WARM_UP) }, kb, settings);
} catch {
  // Only a warm-up: the first real article then pays for it.
}

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
