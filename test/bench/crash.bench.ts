/**
 * `npx tsx test/bench/crash.bench.ts`: kill -9 during parallel POSTs. Each round starts the
 * real server (`tsx server/main.ts`, a write token) on the same data folder, posts articles
 * from several clients at once, SIGKILLs the server mid-flight, and on the next start checks
 * that every acknowledged article (201/200) is listed, every JSON file in the data folder
 * parses, and no temporary file is left. Exits 1 when any check fails.
 *
 *   npx tsx test/bench/crash.bench.ts -- [--rounds 5] [--clients 6]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const REPO = new URL('../..', import.meta.url).pathname;
const TOKEN = 'crash-bench-token';

interface Server { url: string; child: ChildProcess; log: () => string }

function start(dataDir: string, inputs: string): Promise<Server> {
  const args = [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'server/main.ts'), '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--input', inputs, '--rate-limit', '100000'];
  // Its own process group, so SIGKILL reaches tsx's node child too.
  const child = spawn(process.execPath, args, { cwd: REPO, detached: true, env: { ...process.env, KG_WRITE_TOKEN: TOKEN, PORT: '', KG_INPUT: '', KG_DATA: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => { out += c; });
  child.stderr!.on('data', (c) => { out += c; });
  return new Promise((ok, fail) => {
    const check = () => { const m = /serving on (http:\/\/[^\s/]+)/.exec(out); if (m) ok({ url: m[1]!, child, log: () => out }); };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => fail(new Error(`the server exited (${code}) before serving:\n${out}`)));
  });
}

/** SIGKILL to the server's process group, then wait until every process of it is gone. */
async function kill9(s: Server): Promise<void> {
  const exited = new Promise<void>((ok) => s.child.once('exit', () => ok()));
  process.kill(-s.child.pid!, 'SIGKILL');
  await exited;
  while (alive(-s.child.pid!)) await new Promise((ok) => setTimeout(ok, 10));
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

const article = (name: string) =>
  `Washington, May 4 -- The State Department accused Russia on Tuesday of a cyberattack on the ${name} water utility. ` +
  `"This was a deliberate attack," said spokesperson Matthew Miller. Moscow denied the accusation, calling it groundless.`;

/** One client: posts articles one after another until stopped; returns the names acknowledged. */
async function client(url: string, prefix: string, stop: { now: boolean }, acked: Set<string>, sent: { n: number }): Promise<void> {
  for (let k = 0; !stop.now; k++) {
    const name = `${prefix}-${k}.txt`;
    sent.n++;
    try {
      const res = await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, text: article(name) }) });
      if (res.status === 201 || res.status === 200) acked.add(name);
      await res.arrayBuffer();
    } catch {
      return; // the server was killed: this POST was never acknowledged
    }
  }
}

/** What the data folder holds: unparsable JSON files and temporary files. */
function inspect(dataDir: string): { unparsable: string[]; temporary: string[] } {
  const unparsable: string[] = [];
  const temporary: string[] = [];
  // The whole folder (recursive readdir: Node 20.1+): manifest, articles, graph.json and the record cache.
  for (const e of readdirSync(dataDir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    // A temporary file of a running process (the restarted server writing graph.json) is not stale.
    const writer = /\.(\d+)\.[0-9a-f]+\.tmp$/.exec(e.name);
    if (/\.tmp\b/.test(e.name) && !(writer && alive(Number(writer[1])))) temporary.push(path.slice(dataDir.length + 1));
    else if (e.name.endsWith('.json')) {
      try { JSON.parse(readFileSync(path, 'utf8')); } catch { unparsable.push(path.slice(dataDir.length + 1)); }
    }
  }
  return { unparsable, temporary };
}

async function listed(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/api/articles?limit=100000`);
  const body = (await res.json()) as { articles?: { id: string }[] } | { id: string }[];
  const items = Array.isArray(body) ? body : body.articles ?? [];
  return new Set(items.map((a) => a.id));
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, clients: { type: 'string', default: '6' } } });
const rounds = Number(values.rounds);
const clients = Number(values.clients);
const tmp = mkdtempSync(join(tmpdir(), 'newskg-crash-'));
const inputs = join(tmp, 'inputs');
const dataDir = join(tmp, 'data');
mkdirSync(inputs);
for (const s of ['000_f9f02f861cfe0f1a.txt', '002_6ae119a7bf7e504b.txt']) copyFileSync(join(REPO, 'seeds', s), join(inputs, s));

const acked = new Set<string>();
let stats = { sent: 0, acked: 0, killedAfter: '' };
let failed = false;
console.log('round  sent  acknowledged  killed after  listed after restart  lost  unparsable  temporary before | after restart');
try {
  for (let r = 1; r <= rounds + 1; r++) {
    const before = r > 1 ? inspect(dataDir) : { unparsable: [], temporary: [] };
    const s = await start(dataDir, inputs);
    const after = inspect(dataDir);
    const ids = await listed(s.url);
    const lost = [...acked].filter((n) => !ids.has(n));
    if (r > 1) {
      const bad = lost.length > 0 || after.unparsable.length > 0 || after.temporary.length > 0;
      failed ||= bad;
      console.log(`${String(r - 1).padStart(5)}  ${String(stats.sent).padStart(4)}  ${String(stats.acked).padStart(12)}  ${stats.killedAfter.padStart(12)}  ${String(ids.size).padStart(20)}  ${String(lost.length).padStart(4)}  ${String(after.unparsable.length).padStart(10)}  ${String(before.temporary.length).padStart(16)} | ${after.temporary.length}${bad ? '  FAIL ' + [...lost.slice(0, 3), ...after.unparsable, ...after.temporary].join(' ') : ''}`);
    }
    if (r > rounds) { await kill9(s); break; }
    // Posts from several clients; the kill comes at a random moment once some are acknowledged.
    const stop = { now: false };
    const sent = { n: 0 };
    const before0 = acked.size;
    const running = Array.from({ length: clients }, (_, c) => client(s.url, `r${r}-c${c}`, stop, acked, sent));
    const wait = 1500 + Math.random() * 2500;
    const t0 = performance.now();
    while (acked.size - before0 < clients || performance.now() - t0 < wait) await new Promise((ok) => setTimeout(ok, 20));
    const killedAfter = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    await kill9(s);
    stop.now = true;
    await Promise.all(running);
    stats = { sent: sent.n, acked: acked.size - before0, killedAfter };
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${acked.size} articles acknowledged over ${rounds} rounds; ${failed ? 'FAILED' : 'none lost, every file parses, no temporary file after restart'}`);
process.exitCode = failed ? 1 : 0;
