/**
 * POSTed articles are annotated off the event loop, with a time limit: the server keeps
 * answering while a 1 MB article is read, and an article past the limit is refused
 * (422) without being committed. Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings, type Settings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { REPO } from './helpers.js';
import { watchLoop } from './loop-watch.js';

const TOKEN = 'annotate-token';
const seeds = readdirSync(join(REPO, 'seeds')).sort().map((f) => readFileSync(join(REPO, 'seeds', f), 'utf8'));
let big = '';
for (let i = 0; big.length < 1_000_000; i++) big += seeds[i % seeds.length] + '\n\n';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'newskg-annotate-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function serve(name: string, more: Partial<Settings> = {}): Promise<Running> {
  return startServer(resolveSettings({
    inputs: [join(REPO, 'seeds')], dataDir: join(work, name), port: 0, writeToken: TOKEN, maxBodyBytes: 4 * 1024 * 1024,
    // A 1 MB article is over the default text limit: raised here, so that it is really annotated.
    maxArticleChars: 2_000_000, ...more,
  }), { log: () => {} });
}

const postBig = (srv: Running, name: string) => fetch(`${srv.url}/api/articles`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
  body: JSON.stringify({ name, text: big }),
});

describe('annotation of POSTed articles', { timeout: 120_000 }, () => {
  it('runs off the event loop: /api/config answers while a 1 MB article is annotated', async () => {
    const srv = await serve('off-loop');
    try {
      const post = postBig(srv, 'big.txt');
      // The test shares the server's event loop: it can see `busy` only if annotation is elsewhere.
      await expect.poll(() => srv.kg.annotator?.busy, { timeout: 60_000, interval: 5 }).toBe(true);
      const config = await fetch(`${srv.url}/api/config`);
      expect(config.status).toBe(200);
      expect(srv.kg.annotator?.busy).toBe(true);
      expect((await post).status).toBe(201);
      expect(srv.kg.corpus.get('big.txt')).toBeDefined();
    } finally {
      await srv.close();
    }
  });

  /*
   * The bar: a 1 MB POST (body read and parsed, annotated, its record cloned back from the
   * worker, stored, the graph rebuilt, data/ written) never holds the loop for 100 ms. What is
   * asserted is the loop's own delay — the time this thread was on a CPU between two of its
   * turns — not the wall-clock latency of /api/config, which on this shared machine also holds
   * the run-queue waits of a thread with nothing to do (100–370 ms at a load of 8; see
   * loop-watch.ts). `npm run bench:faults` prints both side by side.
   */
  it('holds the event loop for under 100 ms at a time while a 1 MB article is POSTed, and /api/config keeps answering', async () => {
    const srv = await serve('loop-delay');
    try {
      for (let i = 0; i < 10; i++) await (await fetch(`${srv.url}/api/config`)).arrayBuffer(); // the route's code compiled
      const loop = watchLoop();
      let settled = false;
      const post = postBig(srv, 'big.txt').finally(() => { settled = true; });
      const statuses: number[] = [];
      while (!settled) {
        const res = await fetch(`${srv.url}/api/config`);
        await res.arrayBuffer();
        statuses.push(res.status);
        await new Promise((r) => setTimeout(r, 10));
      }
      const report = loop.stop();
      console.log(`1 MB POST: loop busy at most ${report.maxBusyMs.toFixed(0)} ms at a time${report.measured ? '' : ' (wall clock: no schedstat here)'}; longest gap ${report.maxGapMs.toFixed(0)} ms, ${report.waitInMaxGapMs.toFixed(0)} ms of it in the run queue; monitorEventLoopDelay max ${report.delayMaxMs.toFixed(0)} ms; ${statuses.length} /api/config answers`);
      expect((await post).status).toBe(201);
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(report.maxBusyMs, JSON.stringify(report)).toBeLessThan(100);
    } finally {
      await srv.close();
    }
  });

  it('refuses an article past the time limit with 422, and commits nothing', async () => {
    const srv = await serve('too-slow', { annotateTimeoutMs: 50 });
    try {
      const res = await postBig(srv, 'slow.txt');
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: 'annotation-timeout', detail: expect.stringContaining('50 ms') });
      expect(srv.kg.annotator?.restarts).toBe(1);
      expect(srv.kg.corpus.get('slow.txt')).toBeUndefined();
      const list = (await (await fetch(`${srv.url}/api/articles`)).json()) as { id: string }[];
      expect(list.map((a) => a.id)).not.toContain('slow.txt');
    } finally {
      await srv.close();
    }
  });
});
