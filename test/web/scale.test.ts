/**
 * The explorer when the graph is too big to ship (server mode), in Chromium: the graph
 * API of the real knowledge graph over the seeds, with the threshold lowered so that the
 * seeds count as big (view=auto sends the 8 most connected actors), and the built page.
 * Search, the event view and expansion must fetch what the first view left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { resolveSettings } from '../../server/core.js';
import { startServer, type Running } from '../../server/server.js';
import { graphApiRouter } from '../../server/graph-api.js';
import { listen, type Listening } from '../server/helpers.js';
import { chromiumAvailable, launch, type Browser } from './browser.js';
import { REPO } from './real-server.js';
import { inPage } from './explorer-helpers.js';

const E = 'https://w3id.org/newskg/id/entity/';
const work = mkdtempSync(join(tmpdir(), 'newskg-scale-'));
let srv: Running;
let app: Listening;
let browser: Browser;
let page: Page;

const requests: string[] = [];
async function open(path = '/'): Promise<void> {
  await page.goto(app.url + path);
  await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
  expect(await page.getAttribute('html', 'data-ready'), browser.errors.join(' | ')).toBe('true');
}
const loaded = (key: string) => inPage<boolean>(page, 'return app.graph.hasNode(arg);', key);

describe.skipIf(!chromiumAvailable())('explorer in server mode (a graph too big to ship)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const dist = join(work, 'dist');
    await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    cpSync(join(REPO, 'seeds'), join(work, 'inputs'), { recursive: true });
    srv = await startServer(resolveSettings({ inputs: [join(work, 'inputs')], dataDir: join(work, 'data'), port: 0, writeToken: '', layoutIterations: 20 }), { log: () => {} });
    const web = express();
    web.use(graphApiRouter(srv.kg, { bigGraphNodes: 20, defaultLimit: 8 }));
    web.use(express.static(dist));
    app = await listen(web);
    browser = await launch({ width: 1280, height: 800 });
    page = browser.page;
    page.on('request', (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await srv?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('first draws the actor view of the most connected, and says what it leaves out', async () => {
    await open();
    expect(await page.getAttribute('#graph', 'data-visible-nodes')).toBe('8');
    const note = (await page.textContent('#scale-note'))!;
    expect(note).toMatch(/Showing the 8 most connected of \d+ in the actor view/);
    expect(requests).toContain('/api/graph?view=auto');
    expect(requests.some((r) => r === '/api/graph' )).toBe(false);
  });

  it('search loads a node that was left out, with its neighbourhood', async () => {
    await open();
    // A person the first view left out (which ones it keeps depends on what the seeds yield).
    const all = await (await fetch(`${app.url}/api/graph`)).json() as { nodes: { key: string; attributes: { label: string; type: string } }[] };
    let person: { key: string; label: string } | undefined;
    for (const n of all.nodes) {
      if (n.attributes.type !== 'person' || !/^\p{Lu}\p{L}+ \p{Lu}\p{L}+$/u.test(n.attributes.label) || await loaded(n.key)) continue;
      const hits = await (await fetch(`${app.url}/api/search?q=${encodeURIComponent(n.attributes.label)}`)).json() as { id: string }[];
      if (hits[0]?.id === n.key) { person = { key: n.key, label: n.attributes.label }; break; }
    }
    expect(person, 'a person left out of the first view').toBeDefined();
    const geng = person!.key;
    await page.type('#search', person!.label, { delay: 10 });
    await page.locator('#search-list [role=option]').first().click();
    await expect.poll(() => page.textContent('#panel-title')).toBe(person!.label);
    expect(await loaded(geng)).toBe(true);
    expect(requests.some((r) => r.startsWith('/api/graph?view=actor&focus=') && decodeURIComponent(r).includes(geng))).toBe(true);
    const neighbours = await inPage<number>(page, 'return app.graph.degree(arg);', geng);
    expect(neighbours).toBeGreaterThan(0);
  });

  it('the event view is fetched around the selection; expanding fetches the neighbours', async () => {
    await open(`/?node=${encodeURIComponent(`${E}qin-gang`)}`);
    await page.click('#mode-event');
    await expect.poll(() => inPage<boolean>(page, `return app.graph.someNode((_, a) => a.type === 'response');`)).toBe(true);
    expect(requests.some((r) => r.startsWith('/api/graph?view=event&focus='))).toBe(true);
    await page.click('#mode-actor');
    await page.check('#ego-only');
    // Select a neighbour through its edge, then expand it: the server's neighbourhood of it is now all loaded.
    await page.locator('#actor-relations .node-ref').first().click();
    await page.locator('.edge-ends .node-ref').filter({ hasNotText: 'Qin Gang' }).first().click();
    const neighbour = await inPage<string>(page, 'return app.store.get().node;');
    expect(neighbour).not.toBe(`${E}qin-gang`);
    await page.locator('#expand-node').click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`expand=${neighbour}`);
    const around = await (await fetch(`${app.url}/api/graph?view=actor&focus=${encodeURIComponent(neighbour)}&depth=1`)).json() as { nodes: { key: string }[] };
    for (const n of around.nodes) expect(await loaded(n.key), n.key).toBe(true);
    expect(requests.some((r) => decodeURIComponent(r).startsWith(`/api/graph?view=actor&focus=${neighbour}&depth=1`))).toBe(true);
    expect(browser.errors).toEqual([]);
  });
});
