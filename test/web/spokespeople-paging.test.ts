/**
 * The spokespeople view over more rows than one page: the real server over a folder of
 * short made-up articles (a spokesperson each, answering an accusation), headless Chromium
 * reading the table page by page until every row of /api/spokespeople?limit=all is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launch, type Browser } from './browser.js';
import { REPO, startRealServer, type RealServer } from './real-server.js';

const FIRST = ['Arvid', 'Benedikt', 'Clara', 'Dorota', 'Emil', 'Freya', 'Gustav', 'Helga', 'Ingrid', 'Jonas', 'Kasimir', 'Lotte'];
const LAST = ['Brandvold', 'Castellano', 'Drummond', 'Eriksen', 'Fontaine', 'Gallagher', 'Hartmann', 'Iversen', 'Jablonski', 'Kowalczyk', 'Lindqvist'];
const MINISTRIES = ['Foreign Ministry', 'Defense Ministry', 'Ministry of Commerce', 'Interior Ministry', 'Ministry of Justice'];
const COUNTRIES = ['Norway', 'Poland', 'Portugal', 'Ireland', 'Denmark', 'Austria'];

/** Article `i`: a spokesperson of their own, answering another country's accusation. */
function article(i: number): string {
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  const country = COUNTRIES[i % COUNTRIES.length]!;
  const accuser = COUNTRIES[(i + 1) % COUNTRIES.length]!;
  return [
    `Hacking row deepens between ${country} and ${accuser}`,
    '',
    `OSLO, March ${1 + (i % 28)} (Newswire) - ${accuser} on Monday accused ${country} of hacking into the networks of its parliament.`,
    '',
    `${name}, a spokesperson for the ${country} ${MINISTRIES[i % MINISTRIES.length]}, rejected the accusation on Tuesday, calling it groundless.`,
    '',
    `"We have never taken part in any cyber attack," ${name.split(' ')[1]} told reporters.`,
  ].join('\n');
}

const ARTICLES = 130;
/** Articles after the first ARTICLES where article 0's spokesperson answers the same accuser again. */
const AGAIN = 4;
let inputs: string;
let server: RealServer;
let browser: Browser;

beforeAll(async () => {
  inputs = mkdtempSync(join(tmpdir(), 'newskg-spokespeople-'));
  for (let i = 0; i < ARTICLES; i++) writeFileSync(join(inputs, `${String(i).padStart(3, '0')}.txt`), article(i));
  for (let k = 1; k <= AGAIN; k++) writeFileSync(join(inputs, `again-${k}.txt`), article(0).replace(/March \d+/, `April ${k}`).replace('on Tuesday', `in a statement on day ${k}`));
  await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn' });
  server = await startRealServer({ inputs: [inputs] });
  browser = await launch({ width: 1280, height: 800 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(inputs, { recursive: true, force: true });
});

describe('the spokespeople view, page by page', () => {
  it('shows the first page, then every row of the table one page at a time', async () => {
    const all = await (await fetch(`${server.url}/api/spokespeople?limit=all`)).json() as { person: { label: string } }[];
    expect(all.length).toBeGreaterThan(100);
    const page = browser.page;
    await page.goto(`${server.url}/?view=spokespeople`);
    const rows = page.locator('#spokespeople-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(100);
    expect(await page.textContent('#spokespeople-count')).toBe(`Showing 100 of ${all.length}`);
    for (let shown = 100; shown < all.length; shown += 100) {
      await page.click('#spokespeople-more');
      await expect.poll(() => rows.count()).toBe(Math.min(all.length, shown + 100));
    }
    expect(await page.locator('#spokespeople-more').count()).toBe(0);
    expect(await page.textContent('#spokespeople-count')).toBe(`Showing ${all.length} of ${all.length}`);
    const shown = await rows.locator('th').allTextContents();
    expect(shown).toEqual(all.map((r) => r.person.label || 'unnamed spokesperson'));
    expect(browser.errors).toEqual([]);
  });

  it('opens the evidence a row previews and shows every sentence', async () => {
    type Row = { person: { id: string; label: string }; respondedTo: { id: string; evidence: unknown[]; evidenceCount: number }[] };
    const all = await (await fetch(`${server.url}/api/spokespeople?limit=all`)).json() as Row[];
    const busy = all.find((r) => r.respondedTo.some((t) => t.evidenceCount > t.evidence.length));
    expect(busy, 'a spokesperson who answered one accuser in more sentences than a row previews').toBeDefined();
    const target = busy!.respondedTo.find((t) => t.evidenceCount > t.evidence.length)!;
    const page = browser.page;
    await page.goto(`${server.url}/?view=spokespeople`);
    const row = page.locator(`#spokespeople-table tbody tr[data-person="${busy!.person.id}"]`);
    while (!(await row.count())) await page.click('#spokespeople-more');
    const details = row.locator('details.sp-evidence').first();
    expect(await details.locator('summary').textContent()).toBe(`${target.evidenceCount} sentences`);
    await details.locator('summary').click();
    await expect.poll(() => details.locator('ol > li q').count()).toBe(target.evidenceCount);
    expect(browser.errors).toEqual([]);
  });
});
