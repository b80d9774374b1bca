/**
 * One explorer session per test file: the built explorer (web/dist) served by the
 * real server (`server/main.ts` on an ephemeral port over seeds/, writes enabled),
 * and headless Chromium driving it. Screenshots go to test-results/.
 *
 * NEWSKG_E2E_TARGET=mock serves the fixture server instead (not what CI runs).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { launch, type Browser } from './browser.js';
import { REPO, startRealServer } from './real-server.js';
import { startMock } from './mock-server.js';

export const RESULTS = join(REPO, 'test-results');

export interface Session {
  readonly server: { url: string; token: string; close(): Promise<void> };
  readonly browser: Browser;
  readonly page: Page;
  /** Open a path of the explorer and wait until it is ready (a start-up failure says why). */
  open(path?: string): Promise<void>;
  /** Type into the search box and choose the first option holding `text` (or `option`). */
  searchAndChoose(text: string, option?: string): Promise<void>;
  /** How many nodes the graph draws now (after filters). */
  visible(): Promise<number>;
}

export function explorerSession(): Session {
  let server: Session['server'];
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn' });
    server = process.env.NEWSKG_E2E_TARGET === 'mock'
      ? { ...(await startMock({ dist: join(REPO, 'web/dist') })), token: 'test-token' }
      : await startRealServer();
    browser = await launch({ width: 1280, height: 800 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const session: Session = {
    get server() { return server; },
    get browser() { return browser; },
    get page() { return browser.page; },
    async open(path = '/') {
      const page = browser.page;
      await page.goto(server.url + path);
      await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
      expect(await page.getAttribute('html', 'data-ready'), `${path}: ${await page.textContent('#status')} ${browser.errors.join(' | ')}`).toBe('true');
    },
    async searchAndChoose(text, option = text) {
      const page = browser.page;
      await page.fill('#search', '');
      await page.type('#search', text, { delay: 15 });
      const o = page.locator('#search-list [role=option]', { hasText: option }).first();
      await o.waitFor({ timeout: 10_000 });
      await o.click();
    },
    async visible() {
      return Number(await browser.page.getAttribute('#graph', 'data-visible-nodes'));
    },
  };
  return session;
}
