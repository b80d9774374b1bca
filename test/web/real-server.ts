/**
 * The real server, as `npm start` runs it (`node src/run.mjs server/main.ts`), on an ephemeral
 * port over the seed articles, with a fresh data folder and a write token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface RealServer {
  url: string;
  token: string;
  child: ChildProcess;
  output(): string;
  close(): Promise<void>;
}

export async function startRealServer(opts: { inputs?: string[]; token?: string; timeoutMs?: number } = {}): Promise<RealServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newskg-e2e-data-'));
  const token = opts.token ?? 'e2e-write-token';
  const inputs = opts.inputs ?? [join(REPO, 'seeds')];
  const args = [join(REPO, 'src/run.mjs'), join(REPO, 'server/main.ts'), '--port', '0', '--host', '127.0.0.1', '--data', dataDir];
  for (const i of inputs) args.push('--input', i);
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, KG_WRITE_TOKEN: token, PORT: '', KG_INPUT: '', KG_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));

  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not say "serving on" within ${opts.timeoutMs ?? 180_000} ms:\n${out}`)), opts.timeoutMs ?? 180_000);
    const check = () => {
      const m = /serving on (http:\/\/[^\s/]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}) before serving:\n${out}`));
    });
  });

  return {
    url,
    token,
    child,
    output: () => out,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
