/**
 * wink's tokens of every knowledge-base name, kept on disk between runs. Tokenising the
 * 10,000-odd names is a wink pass each (0.3–0.6 s cold), paid by every thread that loads the
 * knowledge base: the build's main thread and each annotation worker, the server's too.
 *
 * The file is named by a hash of the names themselves, in order, with the versions of wink and
 * its model: another knowledge base, an edited one or another wink gets another file, so a
 * stale one is never read. A file that cannot be read, or that does not hold one token list per
 * name, is tokenised again; one that cannot be written (a read-only install) only costs time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenizeName } from '../language/wink.js';

/** Bump when what a file holds changes. */
const VERSION = 1;

const require = createRequire(import.meta.url);
const versions = (): string[] => ['wink-nlp', 'wink-eng-lite-web-model'].map((p) => (require(`${p}/package.json`) as { version: string }).version);

/** Where the files go: NEWSKG_KB_CACHE, else the project's node_modules/.cache/newskg (none when there is no node_modules). */
function folder(): string | undefined {
  if (process.env.NEWSKG_KB_CACHE) return process.env.NEWSKG_KB_CACHE;
  const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  return existsSync(modules) ? join(modules, '.cache', 'newskg') : undefined;
}

/** Each name's tokens, as tokenizeName gives them. */
export function tokenizeNames(names: readonly string[]): string[][] {
  const dir = folder();
  const key = createHash('sha256').update(JSON.stringify([VERSION, versions(), names])).digest('hex').slice(0, 32);
  const path = dir && join(dir, `kb-tokens-${key}.json`);
  const kept = path ? read(path, names.length) : undefined;
  if (kept) return kept;
  const tokens = names.map(tokenizeName);
  if (path) write(path, tokens);
  return tokens;
}

function read(path: string, count: number): string[][] | undefined {
  try {
    const tokens = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    const ok = Array.isArray(tokens) && tokens.length === count && tokens.every((t) => Array.isArray(t) && t.every((x) => typeof x === 'string'));
    return ok ? (tokens as string[][]) : undefined;
  } catch {
    return undefined;
  }
}

function write(path: string, tokens: string[][]): void {
  // A temporary name, then a rename: two threads writing at once never leave half a file.
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(tmp, JSON.stringify(tokens));
    renameSync(tmp, path);
  } catch {
    try { rmSync(tmp, { force: true }); } catch { /* the folder is not one: nothing was written */ }
  }
}
