/**
 * End to end, the basics: drawing, search and the evidence panel, shared URLs, the
 * spokespeople table, type filters, article text never parsed as HTML, keyboard and
 * narrow screens. The built explorer on the real server in headless Chromium
 * (session.ts); the analyst's tools (issue 12) are in analyst.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inkCount, type Browser } from './browser.js';
import { RESULTS, explorerSession, type Session } from './session.js';
import { DEFAULT_EXPLORER_SETTINGS as S } from '../../web/src/settings.js';

describe.skipIf(!chromiumAvailable())('web explorer, end to end', { timeout: 120_000 }, () => {
  const session = explorerSession();
  const { open, searchAndChoose } = session;
  let server: Session['server'];
  let browser: Browser;
  let page: Page;
  beforeAll(() => {
    ({ server, browser, page } = session);
  });

  it('renders the graph: the canvas has drawn pixels', async () => {
    await open();
    const order = Number(await page.getAttribute('#graph', 'data-visible-nodes'));
    expect(order).toBeGreaterThan(10);
    await page.waitForTimeout(600);
    const { ink, byColor } = await inkCount(page, '#graph', S.background, [S.nodeColors.person, S.nodeColors.country]);
    expect(ink).toBeGreaterThan(3000);
    expect(byColor[S.nodeColors.person]).toBeGreaterThan(50);
    await page.screenshot({ path: join(RESULTS, 'web-main.png') });
    expect(browser.errors).toEqual([]);
  });

  it('search for "Geng Yansheng" selects him; the panel shows his evidence sentences', async () => {
    await open();
    await searchAndChoose('Geng Yansheng');
    await expect.poll(() => page.textContent('#panel-title')).toBe('Geng Yansheng');
    expect(decodeURIComponent(page.url())).toMatch(/[?&]node=.*geng-yansheng/i);
    const sentences = page.locator('#evidence-list .evidence-text');
    await sentences.first().waitFor();
    expect(await sentences.count()).toBeGreaterThan(0);
    const texts = await sentences.allTextContents();
    expect(texts.some((t) => /Geng/.test(t))).toBe(true);
    // Each sentence names its article: headline, outlet, date.
    expect(await page.locator('#evidence-list .ev-headline').first().textContent()).not.toBe('');
    await page.waitForTimeout(700); // camera animation
    await page.screenshot({ path: join(RESULTS, 'web-selected.png') });

    // The selection is in the URL: opening it again selects him again.
    const shared = page.url();
    await page.goto('about:blank');
    await page.goto(shared);
    await page.waitForSelector('html[data-ready="true"]');
    await expect.poll(() => page.textContent('#panel-title')).toBe('Geng Yansheng');

    // Reading the article marks the sentence.
    await page.locator('#evidence-list button.link').first().click();
    await page.waitForSelector('#reader-mark');
    expect(await page.textContent('#reader-mark')).toMatch(/\S/);
    await page.keyboard.press('Escape');
  });

  it('spokespeople view lists Hua Chunying with the United States; a row selects her', async () => {
    await open('/?view=spokespeople');
    const row = page.locator('#spokespeople-table tbody tr', { hasText: 'Hua Chunying' }).first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/United States/);
    await page.screenshot({ path: join(RESULTS, 'web-spokespeople.png'), fullPage: true });
    await row.locator('button.row-select').click();
    await expect.poll(() => page.textContent('#panel-title')).toBe('Hua Chunying');
    expect(page.url()).not.toMatch(/view=spokespeople/);
  });

  it('a type filter hides nodes (legend toggle, kept in the URL)', async () => {
    await open();
    await page.waitForTimeout(500);
    const before = Number(await page.getAttribute('#graph', 'data-visible-nodes'));
    const colour = S.nodeColors.country;
    const inkBefore = (await inkCount(page, '#graph', S.background, [colour])).byColor[colour]!;
    expect(inkBefore).toBeGreaterThan(20);
    await page.click('.legend-item[data-type="country"]');
    await expect.poll(async () => Number(await page.getAttribute('#graph', 'data-visible-nodes'))).toBeLessThan(before);
    expect(await page.getAttribute('.legend-item[data-type="country"]', 'aria-pressed')).toBe('false');
    expect(page.url()).toMatch(/hide=country/);
    await page.waitForTimeout(300);
    const inkAfter = (await inkCount(page, '#graph', S.background, [colour])).byColor[colour]!;
    expect(inkAfter).toBeLessThan(inkBefore / 4);
    // Shared URL, same view.
    await open(new URL(page.url()).search ? `/${new URL(page.url()).search}` : '/');
    expect(Number(await page.getAttribute('#graph', 'data-visible-nodes'))).toBeLessThan(before);
  });

  it('an article holding <script> and <img onerror> shows them as text and runs nothing', async () => {
    await open('/?view=add');
    const article = [
      'Hackers <script>window.__pwned = 1</script> blamed for ministry breach <img src=x onerror="window.__pwned = 2">',
      '',
      'By Test Reporter | Example News | Updated: 2024-03-26',
      '',
      "BEIJING, March 26 -- China's Foreign Ministry spokesperson Hua Chunying on Tuesday rejected the US accusation of hacking as groundless. <script>window.__pwned = 3</script>",
      '',
      'The United States Department of Justice on Monday accused Chinese hackers of breaking into the networks of an American company. <img src=x onerror="window.__pwned = 4">',
      '',
      '"China firmly opposes all forms of cyber attacks," Hua said.',
    ].join('\n');
    await page.fill('#ingest-text', article);
    await page.fill('#ingest-name', 'e2e-xss-article.txt');
    await page.fill('#ingest-token', server.token);
    await page.click('#ingest-submit');
    await page.waitForSelector('#ingest-result .ok', { timeout: 60_000 });

    await page.click('#ingest-read');
    await page.waitForSelector('#reader-text');
    await expect.poll(() => page.textContent('#reader-text')).toContain('<script>window.__pwned = 1</script>');
    const text = (await page.textContent('#reader-text'))!;
    expect(text).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(await page.locator('#reader img, #reader script').count()).toBe(0);
    await page.keyboard.press('Escape');

    // The evidence of an entity of that article: also text only.
    await page.click('.tab[data-view="graph"]');
    await searchAndChoose('Hua Chunying');
    await page.locator('#evidence-list .evidence-text').first().waitFor();
    expect(await page.locator('#panel img, #panel script, #main img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('is usable from the keyboard: search, Enter, Escape', async () => {
    await open();
    await page.focus('#search');
    await page.keyboard.type('Hua Chunying', { delay: 15 });
    await page.locator('#search-list [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#panel-title')).toBe('Hua Chunying');
    await page.focus('#graph');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('#panel-title')).toBe('How to read this graph');
  });

  it('works on a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open();
    await searchAndChoose('Geng Yansheng');
    await expect.poll(() => page.textContent('#panel-title')).toBe('Geng Yansheng');
    const { ink } = await inkCount(page, '#graph', S.background);
    expect(ink).toBeGreaterThan(500);
    await page.screenshot({ path: join(RESULTS, 'web-narrow.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
