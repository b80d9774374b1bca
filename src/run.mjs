/**
 * `node src/run.mjs <module.ts> [arguments…]`: run a TypeScript entry point (src/cli/main.ts,
 * server/main.ts) from its transpiled copy (src/pipeline/transpiled.ts) in plain Node, or
 * through tsx when there is none to be had. What `npm run newskg` and `npm start` run.
 *
 * Through tsx, every module of the process is a round trip to its loader thread: a 1-file
 * rebuild of the 10k corpus took 9.8-10.2 s that way and 8.3-8.9 s from the copies (measured
 * 2026-12-08). NEWSKG_TRANSPILE=0 runs through tsx (stack traces then name the .ts lines).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  process.stderr.write('usage: node src/run.mjs <module.ts> [arguments…]   (e.g. node src/run.mjs src/cli/main.ts --help)\n');
  process.exit(2);
}
const url = pathToFileURL(resolve(entry));
// The entry reads its arguments as when run directly.
process.argv = [process.argv[0], fileURLToPath(url), ...args];

/**
 * The entry's up-to-date copy, or undefined. transpiled.ts is itself TypeScript: it is
 * transformed here in memory (it imports only Node's modules) rather than loaded through tsx.
 */
async function copyOf(ts) {
  if (process.env.NEWSKG_TRANSPILE === '0') return undefined;
  try {
    const esbuild = createRequire(import.meta.url)('esbuild');
    const src = new URL('./pipeline/transpiled.ts', import.meta.url);
    const { code } = esbuild.transformSync(readFileSync(src, 'utf8'), {
      loader: 'ts', format: 'esm', target: 'node20', define: { 'import.meta.url': JSON.stringify(src.href) },
    });
    const { transpiledUrl } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    return transpiledUrl(ts);
  } catch {
    return undefined;
  }
}

const copy = await copyOf(url);
if (copy) await import(copy.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(url.href);
}
