/**
 * src/run.mjs, what `npm run newskg` and `npm start` run: a TypeScript entry point from its
 * transpiled copy, or through tsx (NEWSKG_TRANSPILE=0, or when there is no copy to be had),
 * with the same arguments, output and exit code either way.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** From the copy, and through tsx. */
const WAYS: Record<string, string>[] = [{}, { NEWSKG_TRANSPILE: '0' }];
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['src/run.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

describe('src/run.mjs', () => {
  it('runs the CLI and the server with their arguments, from the copy and through tsx alike', () => {
    for (const env of WAYS) {
      const cli = run(['src/cli/main.ts', '--help'], env);
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toContain('npm run --silent newskg -- build');
      const server = run(['server/main.ts', '--help'], env);
      expect(server.status, server.stderr).toBe(0);
      expect(server.stdout).toContain('Usage: npm start');
    }
  });

  it('passes on the exit code and the message of a refused command, both ways', () => {
    const ways = WAYS.map((env) => run(['src/cli/main.ts', 'build', 'seeds', '--out', join(tmpdir(), 'newskg-run-refused'), '--jobs', 'many'], env));
    for (const r of ways) {
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('--jobs must be a positive whole number, got "many"');
    }
    expect(ways[0]!.status).toBe(ways[1]!.status);
    expect(ways[0]!.stderr).toBe(ways[1]!.stderr);
  });

  it('builds the same graph as through tsx', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'newskg-run-'));
    try {
      for (const [dir, env] of [['copy', WAYS[0]!], ['tsx', WAYS[1]!]] as const) {
        const r = run(['src/cli/main.ts', 'build', 'seeds', '--out', join(tmp, dir), '--no-cache', '--quiet'], env);
        expect(r.status, r.stderr).toBe(0);
      }
      expect(readFileSync(join(tmp, 'copy', 'graph.ttl'), 'utf8')).toBe(readFileSync(join(tmp, 'tsx', 'graph.ttl'), 'utf8'));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('says how to use it when the entry point is missing or not TypeScript', () => {
    for (const args of [[], ['src/cli/main.js']]) {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('usage: node src/run.mjs <module.ts>');
    }
  });
});
