/**
 * YASGUI at /sparql in Debian's Chromium, against the real server over the seeds: it loads
 * with no request to any other host (every such request is failed and recorded), no page
 * error and no CSP violation, offers the contract's questions as tabs, and runs the first:
 * its result table holds the rows the endpoint gives for the same query. The screenshot
 * is written to the test's temporary folder and must show the table (ink, not a blank page).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { chromiumAvailable, inkCount, launch, type Browser } from '../web/browser.js';
import { REPO, SPOKESPERSON_QUERY } from './helpers.js';

describe.skipIf(!chromiumAvailable())('YASGUI at /sparql', { timeout: 180_000 }, () => {
  let work: string;
  let srv: Running;
  let browser: Browser;
  const outside: string[] = [];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'newskg-yasgui-'));
    srv = await startServer(resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, layoutIterations: 20 }), { log: () => {} });
    browser = await launch({ width: 1280, height: 900 });
    await browser.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('loads with no outside request and runs the contract\'s question', async () => {
    const { page, errors } = browser;
    await page.goto(`${srv.url}/sparql`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('.yasqe .CodeMirror');
    const tabs = await page.locator('.yasgui .tabsList .tab').allTextContents();
    expect(tabs.length).toBeGreaterThanOrEqual(3);
    expect(tabs[0]).toMatch(/spokesperson/i);
    const editor = await page.evaluate('window.newskgYasgui.getTab().getYasqe().getValue()') as string;
    expect(editor).toBe(SPOKESPERSON_QUERY);

    await page.locator('.yasqe_queryButton').first().click();
    await page.waitForSelector('.yasr table tbody tr td', { timeout: 30_000 });
    const cells = await page.locator('.yasr table tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

    const res = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(SPOKESPERSON_QUERY)}`, { headers: { accept: 'application/sparql-results+json' } });
    const body = await res.json() as { results: { bindings: Record<string, { value: string }>[] } };
    const expected = body.results.bindings.map((b) => b.spokesperson!.value);
    expect(expected.length).toBeGreaterThan(0);
    // Each row: the row number, then the variables in order; YASGUI shows literals as "text".
    const shown = cells.map((c) => c.slice(1).join(' | '));
    expect(shown).toHaveLength(expected.length);
    for (const [i, name] of expected.entries()) expect(shown[i]).toContain(name);

    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(work, 'yasgui.png'), png);
    if (process.env.NEWSKG_SCREENSHOT) writeFileSync(process.env.NEWSKG_SCREENSHOT, png);
    const { ink } = await inkCount(page, '.yasr', '#ffffff');
    expect(ink).toBeGreaterThan(5_000);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('still gives the plain form and the service description', async () => {
    const form = await fetch(`${srv.url}/sparql?form=1`, { headers: { accept: 'text/html' } });
    expect(await form.text()).toContain('<form method="get"');
    const sd = await fetch(`${srv.url}/sparql`, { headers: { accept: 'text/turtle' } });
    expect(await sd.text()).toContain('sparql-service-description#');
  });
});
