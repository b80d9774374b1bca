/**
 * The explorer survives odd article metadata: articles with no headline, no date or no
 * outlet, or share a date (and a very long headline) still render the graph and the filters. The real
 * server serves an explorer built into a temporary folder; the browser sees /api/graph
 * with those fields removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { chromiumAvailable, launch, type Browser } from '../web/browser.js';
import { REPO } from './helpers.js';

describe.skipIf(!chromiumAvailable())('explorer with odd article metadata', { timeout: 180_000 }, () => {
  let work: string;
  let srv: Running;
  let browser: Browser;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'newskg-odd-'));
    const dist = join(work, 'dist');
    await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'silent', build: { outDir: dist, emptyOutDir: true } });
    srv = await startServer(resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0 }), { webDist: dist, log: () => {} });
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('renders when two undated articles have no headline and two have no outlet', async () => {
    const { page, errors } = browser;
    await page.route('**/api/graph*', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { articles: Record<string, unknown>[] };
      body.articles.forEach((a, i) => {
        if (i < 2) { delete a.headline; delete a.date; }
        else if (i < 4) { delete a.outlet; a.date = body.articles[4]!.date; }
        else a.headline = 'A very long headline '.repeat(40);
      });
      await route.fulfill({ response: res, json: body });
    });
    await page.goto(srv.url + '/');
    await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
    expect(await page.getAttribute('html', 'data-ready')).toBe('true');
    expect(errors).toEqual([]);
    const items = await page.locator('#filters .check-list li').count();
    expect(items).toBeGreaterThanOrEqual(5);
  });
});
