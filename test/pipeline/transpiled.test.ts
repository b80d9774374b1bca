// Workers started from the TypeScript sources run transpiled copies (src/pipeline/transpiled.ts):
// the copies must behave as the sources would, follow every edit, and give way to tsx when
// they cannot be made.
import { describe, expect, it, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileSources, transpiledFolder, transpiledUrl } from '../../src/pipeline/transpiled.js';

const roots: string[] = [];
afterEach(() => { for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true }); });

/** A checkout-shaped folder: node_modules, and src/ with a module that reads a file beside it. */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'newskg-transpiled-'));
  roots.push(root);
  mkdirSync(join(root, 'node_modules'));
  mkdirSync(join(root, 'src', 'kb'), { recursive: true });
  mkdirSync(join(root, 'ontology'));
  writeFileSync(join(root, 'ontology', 'word.txt'), 'beside the sources');
  writeFileSync(join(root, 'src', 'kb', 'word.ts'), `import { readFileSync } from 'node:fs';
export const here: string = import.meta.url;
export const word = (): string => readFileSync(new URL('../../ontology/word.txt', import.meta.url), 'utf8');
`);
  writeFileSync(join(root, 'src', 'main.ts'), `import { word, here } from './kb/word.js';
export interface Shape { n: number }
export const answer = (s: Shape): string => word() + ' ' + s.n;
export { here };
`);
  return root;
}

const load = async (url: URL) => (await import(`${url.href}?${Math.random()}`)) as { answer(s: { n: number }): string; here: string };

describe('transpiled worker modules', () => {
  it('run as the sources would: imports among the copies, files found beside the .ts, import.meta.url the source\'s', async () => {
    const root = checkout();
    const src = pathToFileURL(join(root, 'src', 'main.ts'));
    const js = transpiledUrl(src, root)!;
    expect(js.pathname).toContain('/node_modules/.cache/newskg/js/src/main.js');
    const m = await load(js);
    expect(m.answer({ n: 3 })).toBe('beside the sources 3');
    expect(m.here).toBe(pathToFileURL(join(root, 'src', 'kb', 'word.ts')).href);
  });

  it('follows an edit to a source, even one that keeps its size', async () => {
    const root = checkout();
    const src = pathToFileURL(join(root, 'src', 'main.ts'));
    await load(transpiledUrl(src, root)!);
    const file = join(root, 'src', 'main.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("' ' + s.n", "' ' + s.n + '!'"));
    expect((await load(transpiledUrl(src, root)!)).answer({ n: 1 })).toBe('beside the sources 1!');
    // Same size, another mtime: still transpiled again.
    writeFileSync(file, readFileSync(file, 'utf8').replace("'!'", "'?'"));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await load(transpiledUrl(src, root)!)).answer({ n: 1 })).toBe('beside the sources 1?');
    // A copy deleted behind the manifest's back is made again.
    rmSync(join(transpiledFolder(root)!, 'src', 'kb', 'word.js'));
    expect((await load(transpiledUrl(src, root)!)).answer({ n: 2 })).toBe('beside the sources 2?');
  });

  it('gives way (undefined: the caller runs the .ts through tsx) without node_modules, or when a file does not transpile', () => {
    const root = checkout();
    const src = pathToFileURL(join(root, 'src', 'main.ts'));
    rmSync(join(root, 'node_modules'), { recursive: true });
    expect(transpiledFolder(root)).toBeUndefined();
    expect(transpiledUrl(src, root)).toBeUndefined();
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'src', 'broken.ts'), 'export const = ;');
    expect(transpileSources(root)).toBeUndefined();
    // A module outside src/ and server/ is not this checkout's to transpile.
    expect(transpiledUrl(pathToFileURL(join(root, 'elsewhere.ts')), root)).toBeUndefined();
  });

  it("makes this checkout's copies, which find its packages; NEWSKG_TRANSPILE=0 turns them off", async () => {
    const ts = new URL('../../src/graph/graphology.ts', import.meta.url);
    const js = transpiledUrl(ts)!;
    expect(js.pathname).toMatch(/node_modules\/\.cache\/newskg\/js\/src\/graph\/graphology\.js$/);
    const { Graph } = (await import(js.href)) as { Graph: new () => { addNode(n: string): void; order: number } };
    const g = new Graph();
    g.addNode('a');
    expect(g.order).toBe(1);
    const saved = process.env.NEWSKG_TRANSPILE;
    process.env.NEWSKG_TRANSPILE = '0';
    try {
      expect(transpiledUrl(ts)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.NEWSKG_TRANSPILE;
      else process.env.NEWSKG_TRANSPILE = saved;
    }
  });
});
