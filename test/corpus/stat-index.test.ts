/**
 * The stat index (src/corpus/stat-index.ts) names the record of an input whose stat is the
 * one recorded, on real files: a rewrite with the same size is seen, and a file changed just
 * before the index was written is not trusted (it is read again next time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatIndex } from '../../src/corpus/stat-index.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'newskg-stat-index-')); });
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** The index written `later` ms from now (a build writes it when it ends), read back. */
async function saved(index: StatIndex, later = 0): Promise<StatIndex> {
  await writeFile(index.path, index.text(Date.now() + later));
  return StatIndex.open(dir);
}

describe('StatIndex', () => {
  it('gives the recorded cache file while the input is unchanged, and nothing once it is rewritten', async () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'Moscow denied it.');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const index = await StatIndex.open(dir);
    expect(index.lookup(file, statSync(file))).toBeUndefined();
    index.record(file, statSync(file), '/cache/ab/cdef.json');
    const next = await saved(index, 10_000);
    expect(next.lookup(file, statSync(file))).toBe('/cache/ab/cdef.json');
    // The same number of bytes, other words: the times (and ctime, even if mtime is set back) differ.
    writeFileSync(file, 'Berlin denied it.');
    utimesSync(file, old, old);
    expect(next.lookup(file, statSync(file))).toBeUndefined();
  });

  it('does not keep a file changed just before the index was written', async () => {
    const file = join(dir, 'b.txt');
    writeFileSync(file, 'Beijing denied it.');
    const index = await StatIndex.open(dir);
    index.record(file, statSync(file), '/cache/12/3456.json');
    const next = await saved(index);
    expect(next.lookup(file, statSync(file))).toBeUndefined();
  });

  it('an unreadable index is an empty one', async () => {
    writeFileSync(join(dir, 'inputs.json'), '{not json');
    const index = await StatIndex.open(dir);
    expect(index.lookup(join(dir, 'a.txt'), statSync(join(dir, 'a.txt')))).toBeUndefined();
  });
});
