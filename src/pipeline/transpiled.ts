/**
 * Worker threads started from the TypeScript sources run JavaScript transpiled ahead of time,
 * not the sources through tsx. tsx's `tsImport` gives each worker a loader thread of its own
 * and a round trip to it for every module: at 10k articles that was 0.75 s before a graph
 * worker could start, 1.2 s before an annotation worker could, and about 1 CPU s of a 1-file
 * rebuild on top (measured 2026-12-06).
 *
 * Every .ts file under src/ and server/ is transpiled alone (esbuild's transform, as tsx does)
 * into the same place under `node_modules/.cache/newskg/js/`, so relative imports resolve
 * among the copies, and package imports still find the checkout's node_modules by walking up.
 * `import.meta.url` is set to the source file's URL, so what a module finds beside itself
 * (the knowledge base, the ontology) and whether it runs from the sources (src/corpus/cache.ts
 * keys the record cache on them) are as when run from the .ts file. A manifest of each
 * source's size and mtime says what to transpile again, so an edited file is never served
 * stale; the check stats about 150 files (a few milliseconds) per worker started.
 *
 * `NEWSKG_TRANSPILE=0` runs workers through tsx (stack traces then name the .ts lines).
 * When that cannot be done (no node_modules, no esbuild, a file that does not transpile, an
 * unwritable folder) the worker runs through tsx as before: slower, never wrong.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['src', 'server'];
/** Bump when what is written changes (the transform's options). */
const VERSION = 1;

interface Manifest { version: number; esbuild: string; files: Record<string, string> }
interface Esbuild { version: string; transformSync(code: string, options: Record<string, unknown>): { code: string } }

let esbuild: Esbuild | null | undefined;
function loadEsbuild(): Esbuild | null {
  if (esbuild === undefined) {
    try {
      esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
    } catch {
      esbuild = null;
    }
  }
  return esbuild;
}

/** Where the copies go, or undefined when the checkout has no node_modules. */
export function transpiledFolder(root = ROOT): string | undefined {
  try {
    if (!statSync(join(root, 'node_modules')).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return join(root, 'node_modules', '.cache', 'newskg', 'js');
}

function sources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p); } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const f of FOLDERS) {
    try { walk(join(root, f)); } catch { /* a checkout without server/ */ }
  }
  return out;
}

const stamp = (path: string) => {
  const s = statSync(path);
  return `${s.size}:${s.mtimeMs}`;
};

function readManifest(path: string, version: string): Manifest {
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (m.version === VERSION && m.esbuild === version && m.files && typeof m.files === 'object') return m;
  } catch {
    // None yet, or damaged: everything is transpiled again.
  }
  return { version: VERSION, esbuild: version, files: {} };
}

/** Write via a temporary name, so a process starting a worker meanwhile never reads half a file. */
function writeAtomicSync(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Bring the copies up to date with the sources under `root`; returns the folder they are in,
 * or undefined when it cannot (the caller then runs the sources through tsx).
 */
export function transpileSources(root = ROOT): string | undefined {
  const out = transpiledFolder(root);
  const eb = loadEsbuild();
  if (!out || !eb) return undefined;
  try {
    const manifestPath = join(out, 'manifest.json');
    const manifest = readManifest(manifestPath, eb.version);
    let changed = false;
    for (const src of sources(root)) {
      const rel = relative(root, src);
      const now = stamp(src);
      const target = join(out, rel.replace(/\.ts$/, '.js'));
      // A copy removed behind the manifest's back is made again.
      if (manifest.files[rel] === now && existsSync(target)) continue;
      const { code } = eb.transformSync(readFileSync(src, 'utf8'), {
        loader: 'ts', format: 'esm', target: 'node20', sourcefile: src,
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(src).href) },
      });
      mkdirSync(dirname(target), { recursive: true });
      writeAtomicSync(target, code);
      manifest.files[rel] = now;
      changed = true;
    }
    if (changed) writeAtomicSync(manifestPath, JSON.stringify(manifest));
    return out;
  } catch {
    return undefined;
  }
}

/** The transpiled copy of a .ts module under `root`, up to date; undefined when there is none to be had. */
export function transpiledUrl(ts: URL, root = ROOT): URL | undefined {
  if (process.env.NEWSKG_TRANSPILE === '0') return undefined;
  const path = fileURLToPath(ts);
  const rel = relative(root, path);
  if (rel.startsWith('..') || !FOLDERS.includes(rel.split(/[\\/]/)[0])) return undefined;
  const out = transpileSources(root);
  return out ? pathToFileURL(join(out, rel.replace(/\.ts$/, '.js'))) : undefined;
}
