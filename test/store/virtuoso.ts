/**
 * A real Virtuoso (Debian's virtuoso-opensource, installed by .ci/deps) for the external-store
 * tests: a fresh database in a temporary folder, on free loopback ports, with writes through
 * the Graph Store endpoint granted to the anonymous SPARQL user. stop() ends it and removes
 * the folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Virtuoso { sparqlUrl: string; storeUrl: string; stop(): Promise<void> }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startVirtuoso(): Promise<Virtuoso> {
  const dir = mkdtempSync(join(tmpdir(), 'newskg-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'virtuoso.ini'), `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
`);
  const proc = spawn('virtuoso-t', ['-f', '-c', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: 'ignore' });
  let exited: number | null | undefined;
  proc.on('exit', (code) => { exited = code; });
  const stop = async () => {
    if (exited === undefined) {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      // Virtuoso can miss a SIGTERM while it is busy; a scratch database needs no clean shutdown.
      const kill = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(kill);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${httpPort}`;
  // A fresh database takes some seconds to create; wait for the SPARQL endpoint to answer.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== undefined) {
      const log = (() => { try { return readFileSync(join(dir, 'virtuoso.log'), 'utf8').slice(-1500); } catch { return ''; } })();
      await stop();
      throw new Error(`virtuoso-t exited (code ${exited}) before serving:\n${log}`);
    }
    const ok = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK {}')}`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) { await stop(); throw new Error('Virtuoso did not answer within 180 s'); }
    await new Promise((r) => setTimeout(r, 250));
  }
  const grant = spawnSync('isql-vt', [`127.0.0.1:${sqlPort}`, 'dba', 'dba', 'exec=grant SPARQL_UPDATE to "SPARQL";'], { encoding: 'utf8' });
  if (grant.status !== 0) { await stop(); throw new Error(`isql-vt could not grant SPARQL_UPDATE: ${grant.stderr}${grant.stdout}`); }
  return { sparqlUrl: `${base}/sparql`, storeUrl: `${base}/sparql-graph-crud`, stop };
}
