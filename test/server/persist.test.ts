import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, symlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolder, DataFolderError, articleFileName, fingerprint, listFiles, writeFileAtomic } from '../../server/persist.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'newskg-persist-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file behind', async () => {
    const p = join(dir, 'sub', 'x.json');
    await writeFileAtomic(p, 'one');
    await writeFileAtomic(p, 'two');
    expect(await readFile(p, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'sub'))).toEqual(['x.json']);
  });
});

describe('writeFileAtomic with a last word', () => {
  it('leaves the file as it was, and no temporary file, when keep() says no once the data is written', async () => {
    const p = join(dir, 'graph.json');
    await writeFileAtomic(p, 'old');
    let asked = 0;
    const parts = function* () { yield 'n'; yield 'ew'; };
    expect(await writeFileAtomic(p, parts(), () => { asked++; return false; })).toBe(false);
    expect(asked).toBe(1);
    expect(await readFile(p, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['graph.json']);
    expect(await writeFileAtomic(p, parts(), () => true)).toBe(true);
    expect(await readFile(p, 'utf8')).toBe('new');
  });
});

describe('DataFolder', () => {
  it('reads back what was committed, in manifest order', async () => {
    const f = new DataFolder(dir);
    const a = await f.writeArticle('000_x.txt', { id: '000_x.txt', n: 1 });
    const b = await f.writeArticle('a/b c', { id: 'a/b c', n: 2 });
    const m = await f.writeManifest({ fingerprint: 'fp', revision: 1, deleted: [], articles: [{ id: '000_x.txt', file: a, origin: 'input' }, { id: 'a/b c', file: b, origin: 'posted' }] });
    const again = await new DataFolder(dir).readManifest();
    expect(again).toEqual(m);
    expect(await f.readArticles(again!)).toEqual([{ id: '000_x.txt', n: 1 }, { id: 'a/b c', n: 2 }]);
  });

  it('ignores what a crash left half-written: a temporary file and an uncommitted article', async () => {
    const f = new DataFolder(dir);
    const a = await f.writeArticle('one', { id: 'one' });
    await f.writeManifest({ fingerprint: 'fp', revision: 1, deleted: [], articles: [{ id: 'one', file: a, origin: 'input' }] });
    // A crash after writing the next article and half of the next manifest:
    await f.writeArticle('two', { id: 'two' });
    await writeFile(join(dir, '.manifest.json.123.abc.tmp'), '{"format":1,"finger');
    const m = await f.readManifest();
    expect(m?.articles.map((x) => x.id)).toEqual(['one']);
    expect(await f.readArticles(m!)).toEqual([{ id: 'one' }]);
    await f.removeUnlisted(m!);
    expect(await readdir(join(dir, 'articles'))).toEqual([a]);
  });

  it('reports a listed article that is missing, so the server rebuilds', async () => {
    const f = new DataFolder(dir);
    const m = await f.writeManifest({ fingerprint: 'fp', revision: 1, deleted: [], articles: [{ id: 'gone', file: articleFileName('gone'), origin: 'input' }] });
    await expect(f.readArticles(m)).rejects.toBeInstanceOf(DataFolderError);
  });

  it('treats a corrupt or foreign manifest as no build', async () => {
    await writeFile(join(dir, 'manifest.json'), 'not json');
    expect(await new DataFolder(dir).readManifest()).toBeUndefined();
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ format: 99 }));
    expect(await new DataFolder(dir).readManifest()).toBeUndefined();
  });

  it('gives back the graph only for the revision it was built at', async () => {
    const f = new DataFolder(dir);
    await f.writeGraph(3, { nodes: [1] });
    expect(await f.readGraph(3)).toEqual({ nodes: [1] });
    expect(await f.readGraph(4)).toBeUndefined();
  });
});

describe('fingerprint', () => {
  it('reads a folder once however many links lead back to it (two `..` links used to make the walk exponential)', async () => {
    const inputs = join(dir, 'in');
    for (const sub of ['a', 'b', 'c']) {
      await mkdir(join(inputs, sub), { recursive: true });
      await symlink('..', join(inputs, sub, 'up'));
    }
    await writeFile(join(inputs, 'a.txt'), 'alpha');
    expect(await listFiles([inputs])).toEqual([join(inputs, 'a.txt')]);
    expect(await fingerprint({ inputs: [inputs] }, {})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when an input file changes, is added or removed, and not otherwise', async () => {
    const inputs = join(dir, 'in');
    await mkdir(inputs);
    await writeFile(join(inputs, 'a.txt'), 'alpha');
    const fp1 = await fingerprint({ inputs: [inputs] }, { baseIri: 'x' });
    await utimes(join(inputs, 'a.txt'), new Date(), new Date(Date.now() - 100_000));
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' })).toBe(fp1);
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'y' })).not.toBe(fp1);
    await writeFile(join(inputs, 'a.txt'), 'alphb');
    const fp2 = await fingerprint({ inputs: [inputs] }, { baseIri: 'x' });
    expect(fp2).not.toBe(fp1);
    await writeFile(join(inputs, 'b.txt'), 'beta');
    const fp3 = await fingerprint({ inputs: [inputs] }, { baseIri: 'x' });
    expect(fp3).not.toBe(fp2);
    await rm(join(inputs, 'b.txt'));
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' })).toBe(fp2);
  });
});

describe('fingerprint with kept hashes', () => {
  it('is the fingerprint without them, and sees a file rewritten with the same size', async () => {
    const inputs = join(dir, 'in');
    await mkdir(inputs);
    await writeFile(join(inputs, 'a.txt'), 'alpha');
    await writeFile(join(inputs, 'b.txt'), 'beta');
    const f = new DataFolder(join(dir, 'data'));
    const fresh = await fingerprint({ inputs: [inputs] }, { baseIri: 'x' });
    const first = await f.readHashes();
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' }, Infinity, first)).toBe(fresh);
    await f.writeHashes(first);
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' }, Infinity, await f.readHashes())).toBe(fresh);
    await writeFile(join(inputs, 'a.txt'), 'alphb');
    const kept = await f.readHashes();
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' }, Infinity, kept)).toBe(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' }));
    expect(await fingerprint({ inputs: [inputs] }, { baseIri: 'x' }, Infinity, kept)).not.toBe(fresh);
  });
});

describe('stale temporary files', () => {
  it('those of a writer that is gone are removed when the folder is opened; a live writer keeps its own', async () => {
    const f = new DataFolder(dir);
    const a = await f.writeArticle('one', { id: 'one' });
    await f.writeManifest({ fingerprint: 'fp', revision: 1, deleted: [], articles: [{ id: 'one', file: a, origin: 'input' }] });
    // A process that has exited: what kill -9 leaves mid-write.
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const stale = [join(dir, `.manifest.json.${dead}.abc123.tmp`), join(dir, 'articles', `.x-1.json.${dead}.def456.tmp`), join(dir, `.graph.json.${process.pid}.aaa111.tmp`)];
    for (const p of stale) await writeFile(p, '{"half');
    const live = join(dir, `.graph.json.${process.ppid}.bbb222.tmp`);
    await writeFile(live, '{"being written');
    expect((await f.readManifest())?.articles.map((x) => x.id)).toEqual(['one']);
    const left = [...(await readdir(dir)), ...(await readdir(join(dir, 'articles')))];
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([`.graph.json.${process.ppid}.bbb222.tmp`]);
  });
});
