/**
 * Debian's Chromium, headless, driven by playwright-core — shared by the end-to-end
 * tests and the web benchmark. Each launch gets a fresh profile directory.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Errors thrown in the page and console errors, for assertions. */
  errors: string[];
  close(): Promise<void>;
}

export async function launch(opts: { width?: number; height?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'newskg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // playwright passes the fresh profile as --user-data-dir.
    args: CHROMIUM_FLAGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * How many pixels of a screenshot of `selector` differ from the background, and how
 * many are close to each of `colors` (hex). Decoded in the page with a 2D canvas.
 */
export async function inkCount(page: Page, selector: string, background: string, colors: string[] = []): Promise<{ ink: number; byColor: Record<string, number> }> {
  const png = await page.locator(selector).screenshot();
  // The page function is a string: tsx (esbuild keepNames) would wrap a function
  // literal with helpers that do not exist in the page.
  const fn = `async ({ b64, background, colors }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const bg = rgb(background);
    const targets = colors.map(rgb);
    const byColor = Object.fromEntries(colors.map((k) => [k, 0]));
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 24) ink++;
      for (let k = 0; k < targets.length; k++) {
        const t = targets[k];
        if (Math.abs(r - t[0]) + Math.abs(g - t[1]) + Math.abs(b - t[2]) < 30) byColor[colors[k]]++;
      }
    }
    return { ink, byColor };
  }`;
  return page.evaluate(`(${fn})(${JSON.stringify({ b64: png.toString('base64'), background, colors })})`) as Promise<{ ink: number; byColor: Record<string, number> }>;
}
