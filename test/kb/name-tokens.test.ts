/**
 * The knowledge base's name tokens kept on disk (src/kb/name-tokens.ts): a second load reads
 * them instead of tokenising, they are wink's tokens, and a damaged or foreign file is never
 * taken for them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenizeNames } from '../../src/kb/name-tokens.js';
import { tokenizeName } from '../../src/language/wink.js';

const NAMES = ["China's Ministry of State Security", 'U.S. Cyber Command', 'Kaspersky Lab', 'GCHQ', 'Bundesamt für Sicherheit'];

describe('knowledge-base name tokens on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newskg-kbtokens-'));
    process.env.NEWSKG_KB_CACHE = dir;
  });
  afterEach(() => {
    delete process.env.NEWSKG_KB_CACHE;
    rmSync(dir, { recursive: true, force: true });
  });

  it("are wink's tokens of each name, written once and read back", () => {
    const first = tokenizeNames(NAMES);
    expect(first).toEqual(NAMES.map(tokenizeName));
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    // What the second call returns comes from the file: mark it and see the mark.
    const path = join(dir, files[0]);
    const kept = JSON.parse(readFileSync(path, 'utf8')) as string[][];
    kept[0] = ['marked'];
    writeFileSync(path, JSON.stringify(kept));
    expect(tokenizeNames(NAMES)[0]).toEqual(['marked']);
  });

  it('another list of names gets a file of its own', () => {
    tokenizeNames(NAMES);
    expect(tokenizeNames([...NAMES, 'Mandiant'])).toEqual([...NAMES, 'Mandiant'].map(tokenizeName));
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('a damaged file, or one with a list per name missing, is tokenised again and rewritten', () => {
    tokenizeNames(NAMES);
    const path = join(dir, readdirSync(dir)[0]);
    for (const bad of ['{"half', JSON.stringify([['one']]), JSON.stringify(NAMES.map(() => [1]))]) {
      writeFileSync(path, bad);
      expect(tokenizeNames(NAMES)).toEqual(NAMES.map(tokenizeName));
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(NAMES.map(tokenizeName));
    }
  });

  it('an unwritable folder only costs the tokenising', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    process.env.NEWSKG_KB_CACHE = file;
    expect(tokenizeNames(NAMES)).toEqual(NAMES.map(tokenizeName));
  });
});
