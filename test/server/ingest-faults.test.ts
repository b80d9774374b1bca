/**
 * Writes that stay true, and articles over a structural limit: real stores, a real server,
 * real HTTP and the real data folder.
 *
 * - The store refuses data that does not parse: setGraphs throws, the previous contents are
 *   back (in the snapshot and in every worker) and the store keeps answering.
 * - A POST the store does not accept is not committed: no article file, not in the manifest,
 *   not listed, not in the corpus.
 * - An article over the text or names limit is refused (422) with the limit named, and the
 *   server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparqlStore } from '../../server/sparql-store.js';
import { StoreRejectedError } from '../../server/errors.js';
import { resolveSettings, type Settings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { REPO } from './helpers.js';

const TOKEN = 'ingest-faults-token';
const G1 = 'http://example.org/graph/one';
const G2 = 'http://example.org/graph/two';
const nq = (s: string, g: string) => `<http://example.org/${s}> <http://example.org/p> "${s}" <${g}> .\n`;
const ask = (store: SparqlStore, s: string) => store.query(`ASK { <http://example.org/${s}> ?p ?o }`, { resultsFormat: 'application/sparql-results+json' });

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'newskg-ingest-faults-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('SparqlStore.setGraphs, all or nothing', { timeout: 60_000 }, () => {
  it('refuses N-Quads that do not parse, puts the previous contents back and keeps answering', async () => {
    const store = await SparqlStore.start({ timeoutMs: 10_000, maxResultBytes: 1 << 20, workers: 2 });
    try {
      await store.setGraphs(new Map([[G1, nq('old', G1)]]));
      const bad = new Map([[G1, nq('new', G1)], [G2, '<http://example.org/broken> <http://example.org/p> "no end\n']]);
      const err = await store.setGraphs(bad).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(StoreRejectedError);
      expect((err as StoreRejectedError).status).toBe(503);
      expect((err as Error).message).toMatch(/did not accept .*nothing was kept/);
      // Every worker, the replaced ones included, answers from the previous contents.
      for (let i = 0; i < 4; i++) {
        expect(await ask(store, 'old')).toMatch(/"boolean"\s*:\s*true/);
        expect(await ask(store, 'new')).toMatch(/"boolean"\s*:\s*false/);
      }
      expect(store.graphNames()).toEqual([G1]);
      expect(store.restarts).toBeGreaterThan(0);
      await store.setGraphs(new Map([[G2, nq('later', G2)]]));
      expect(await ask(store, 'later')).toMatch(/"boolean"\s*:\s*true/);
    } finally {
      await store.close();
    }
  });
});

function serve(name: string, more: Partial<Settings> = {}): Promise<Running> {
  return startServer(resolveSettings({
    inputs: [join(REPO, 'seeds')], dataDir: join(work, name), port: 0, writeToken: TOKEN, ...more,
  }), { log: () => {} });
}

const post = (srv: Running, name: string, text: string) => fetch(`${srv.url}/api/articles`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
  body: JSON.stringify({ name, text }),
});

const ARTICLE = 'Beijing, March 3 -- The Foreign Ministry denied on Tuesday that state hackers broke into the port authority of Sydney, calling the claim groundless.';

describe('POST /api/articles and the store', { timeout: 120_000 }, () => {
  it('does not commit an article the store did not accept', async () => {
    const srv = await serve('refused');
    const dir = join(work, 'refused');
    try {
      const listed = () => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { articles: { id: string }[] }).articles.map((a) => a.id);
      const before = listed();
      // The store stops accepting writes (as when it shuts down under the request).
      await srv.kg.store.close();
      const res = await post(srv, 'refused.txt', ARTICLE);
      expect(res.status).toBe(503);
      expect(listed()).toEqual(before);
      expect(readdirSync(join(dir, 'articles')).some((f) => f.startsWith('refused'))).toBe(false);
      expect(srv.kg.corpus.get('refused.txt')).toBeUndefined();
      const list = (await (await fetch(`${srv.url}/api/articles`)).json()) as { id: string }[];
      expect(list.map((a) => a.id)).not.toContain('refused.txt');
    } finally {
      await srv.close();
    }
  });

  it('commits an article the store accepted', async () => {
    const srv = await serve('accepted');
    try {
      expect((await post(srv, 'accepted.txt', ARTICLE)).status).toBe(201);
      const manifest = JSON.parse(readFileSync(join(work, 'accepted', 'manifest.json'), 'utf8')) as { articles: { id: string; file: string }[] };
      const entry = manifest.articles.find((a) => a.id === 'accepted.txt');
      expect(entry).toBeDefined();
      expect(existsSync(join(work, 'accepted', 'articles', entry!.file))).toBe(true);
    } finally {
      await srv.close();
    }
  });
});

describe('POST /api/articles over a structural limit', { timeout: 120_000 }, () => {
  let srv: Running;
  beforeAll(async () => { srv = await serve('limits', { maxArticleChars: 20_000, maxNamesPerArticle: 200 }); }, 120_000);
  afterAll(() => srv?.close());

  it('refuses a text over maxArticleChars with 422, naming the limit', async () => {
    const res = await post(srv, 'long.txt', `${ARTICLE}\n\n`.repeat(200));
    expect(res.status).toBe(422);
    expect((await res.json() as { detail: string }).detail).toMatch(/characters long, over the limit of 20000.*maxArticleChars/);
    expect(srv.kg.corpus.get('long.txt')).toBeUndefined();
  });

  it('refuses a list of names with 422, and reads long prose with as many names', async () => {
    const names = Array.from({ length: 400 }, (_, k) => `Anna Kowalska ${k}`).join(', ');
    const res = await post(srv, 'names.txt', `${ARTICLE} ${names} accused Russia.`);
    expect(res.status).toBe(422);
    expect((await res.json() as { detail: string }).detail).toMatch(/capitalised names.*list or an index.*maxNamesPerArticle/);
    // Prose with over 200 names, spread out as news spreads them, is read.
    const prose = Array.from({ length: 110 }, (_, k) => `${ARTICLE.replace('Sydney', `Port ${k}`)} Li Wei said so.`).join('\n\n').slice(0, 19_000);
    expect((await post(srv, 'prose.txt', prose)).status).toBe(201);
    expect((await fetch(`${srv.url}/api/config`)).status).toBe(200);
  });
});
