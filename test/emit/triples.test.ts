/**
 * The build's streamed triples (src/emit/triples.ts) are the same list, in the same order,
 * as toDefaultGraph over every quad: on the seed articles with each one copied under a
 * second name (so every entity triple recurs), and when two articles share a slug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writer, type Quad } from 'n3';
import { buildInputs } from '../../src/build.js';
import { toDefaultGraph } from '../../src/corpus/corpus.js';
import { corpusQuads, defaultGraphTriples } from '../../src/emit/triples.js';
import { resolveSettings } from '../../src/settings.js';
import { REPO } from '../server/helpers.js';

const SEEDS = join(REPO, 'seeds');
let work: string;
const lines = (qs: Iterable<Quad>) => new Writer({ format: 'N-Quads' }).quadsToString([...qs]).split('\n');

beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'newskg-triples-')); });
afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

async function corpusOf(dir: string) {
  const { corpus, skipped } = await buildInputs([dir], resolveSettings(), { jobs: 1 });
  expect(skipped).toEqual([]);
  return corpus;
}

describe('defaultGraphTriples', { timeout: 120_000 }, () => {
  it('equals toDefaultGraph of every quad when articles repeat each other', async () => {
    const dir = join(work, 'twice');
    mkdirSync(dir);
    for (const f of readdirSync(SEEDS)) {
      copyFileSync(join(SEEDS, f), join(dir, f));
      copyFileSync(join(SEEDS, f), join(dir, `copy-${f}`));
    }
    const corpus = await corpusOf(dir);
    const all = corpus.quads();
    expect(lines(corpusQuads(corpus))).toEqual(lines(all));
    const want = toDefaultGraph(all);
    // The copies repeat every spokesperson triple: some triples were dropped as duplicates.
    expect(want.length).toBeLessThan(all.length);
    expect(lines(defaultGraphTriples(corpus))).toEqual(lines(want));
  });

  it('equals it when two articles share a slug (their graphs share subjects)', async () => {
    const dir = join(work, 'slug');
    mkdirSync(dir);
    const [first] = readdirSync(SEEDS).sort();
    copyFileSync(join(SEEDS, first), join(dir, first));
    copyFileSync(join(SEEDS, first), join(dir, first.toUpperCase()));
    const corpus = await corpusOf(dir);
    expect(corpus.articleIri(first)).toBe(corpus.articleIri(first.toUpperCase()));
    const want = toDefaultGraph(corpus.quads());
    expect(lines(defaultGraphTriples(corpus))).toEqual(lines(want));
  });
});
