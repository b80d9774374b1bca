/**
 * /api/spokespeople pages: ?limit=&offset= give a slice of the whole table, in the same order,
 * with the table's size in X-Total-Count; a bad number is a 400 that says what to send.
 * The real server over the seed articles, on an ephemeral port.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../server/core.js';
import { startServer, type Running } from '../../server/server.js';
import { REPO } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'newskg-paging-'));
const inputs = join(work, 'inputs');
cpSync(join(REPO, 'seeds'), inputs, { recursive: true });
let srv: Running;
beforeAll(async () => {
  srv = await startServer(resolveSettings({ inputs: [inputs], dataDir: join(work, 'data'), port: 0, writeToken: '', layoutIterations: 20 }), { log: () => {} });
}, 300_000);
afterAll(async () => {
  await srv?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('/api/spokespeople paging', () => {
  it('pages through the same rows as the whole table, and says how many there are', async () => {
    const all = await (await fetch(`${srv.url}/api/spokespeople`)).json() as unknown[];
    expect(all.length).toBeGreaterThan(2);
    const pages: unknown[] = [];
    for (let offset = 0; offset < all.length; offset += 2) {
      const res = await fetch(`${srv.url}/api/spokespeople?limit=2&offset=${offset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total-count')).toBe(String(all.length));
      pages.push(...(await res.json() as unknown[]));
    }
    expect(pages).toEqual(all);
  });

  it('refuses a limit that is not a whole number, and keeps serving', async () => {
    const res = await fetch(`${srv.url}/api/spokespeople?limit=-1`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/limit must be a whole number/);
    expect((await fetch(`${srv.url}/api/spokespeople?limit=1`)).status).toBe(200);
  });
});
