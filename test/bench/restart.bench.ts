/**
 * npm run bench:restart -- --inputs <dir> --data <persisted build>: issue 9's restart and ingest
 * bars on a copy of a persisted build (the folder given is only read).
 *
 * 1. If the copy has no store.nq of its revision, one start writes it (timed, not a bar).
 * 2. A warm restart: wall time to "serving", CPU s of the process, load.
 * 3. A POSTed article's time to be visible in SPARQL, while /api/config is asked every 10 ms,
 *    then the same for a DELETE (time until its graph is gone).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { articleIriOf, cpuOf, startChild, whileServing } from './server.bench.js';
import { readStoreHeader } from '../../server/store-file.js';

const TOKEN = 'bench-restart';
const TEXT = 'Beijing, 3 March 2021. China\'s foreign ministry spokesman Zhao Lijian accused the United States of hacking Chinese universities. "The accusation is groundless," said a State Department spokesman, Ned Price, rejecting the charge.';

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((res) => child.once('exit', res));
}

/** Whether the copy's store.nq holds its manifest's revision. */
async function storeCurrent(data: string): Promise<boolean> {
  const m = JSON.parse(await readFile(join(data, 'manifest.json'), 'utf8')) as { revision: number };
  return (await readStoreHeader(join(data, 'store.nq')))?.revision === m.revision;
}


function line(name: string, figure: string, bar: string, ok: boolean): void {
  console.log(`${name.padEnd(34)} ${figure.padEnd(34)} ${bar.padEnd(10)} ${ok ? 'holds' : 'does not hold'}  (load ${load()})`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { inputs: { type: 'string' }, data: { type: 'string' }, settle: { type: 'string', default: '30' } } });
  if (!values.inputs || !values.data) throw new Error('give --inputs <dir> and --data <persisted build folder> (it is copied, never written)');
  const work = await mkdtemp(join(tmpdir(), 'newskg-restart-'));
  const data = join(work, 'data');
  const env = { NEWSKG_CACHE_SOURCES: '0', KG_WRITE_TOKEN: TOKEN };
  try {
    await cp(values.data, data, { recursive: true, filter: (src) => !src.endsWith('/cache') });
    if (!(await storeCurrent(data))) {
      const t = performance.now();
      const { child } = await startChild(values.inputs, data, env);
      while (!(await storeCurrent(data))) await sleep(500);
      console.log(`first start, store.nq written: ${((performance.now() - t) / 1000).toFixed(1)} s (load ${load()})`);
      await stop(child);
    }
    const t1 = performance.now();
    const { child, url } = await startChild(values.inputs, data, env);
    const wall = (performance.now() - t1) / 1000;
    try {
      line('warm restart (to serving)', `${wall.toFixed(1)} s wall, ${cpuOf(child.pid!).toFixed(1)} CPU s`, '< 10 s', wall < 10);
      // The other workers load after the first serves; a write waits for every worker.
      await sleep(Number(values.settle) * 1000);
      // The article's IRI follows from its name, so SPARQL is asked from the moment the POST is sent.
      const name = `bench-restart-${Date.now()}.txt`;
      const iri = articleIriOf(name);
      const ask = `ASK { GRAPH <${iri}> { ?s ?p ?o } }`;
      const posted = await whileServing(url, async () => {
        const r = await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, text: TEXT }) });
        const body = (await r.json()) as { iri?: string };
        if (body.iri !== iri) throw new Error(`the POST answered ${r.status} with the IRI ${body.iri}, not ${iri}`);
      }, ask, true);
      line('POSTed article visible in SPARQL', `${posted.visibleS.toFixed(2)} s (POST answered in ${posted.answeredS.toFixed(2)} s)`, '< 2 s', posted.visibleS < 2);
      line('/api/config meanwhile (max, p99)', `${posted.configMaxMs.toFixed(0)}, ${posted.configP99Ms.toFixed(0)} ms of ${posted.polls}`, '< 100 ms', posted.configMaxMs < 100);
      const deleted = await whileServing(url, async () => {
        const r = await fetch(`${url}/api/articles/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
        if (r.status !== 200) throw new Error(`the DELETE answered ${r.status}`);
      }, ask, false);
      line('DELETEd article gone from SPARQL', `${deleted.visibleS.toFixed(2)} s (DELETE answered in ${deleted.answeredS.toFixed(2)} s)`, '< 2 s', deleted.visibleS < 2);
      line('/api/config meanwhile (max, p99)', `${deleted.configMaxMs.toFixed(0)}, ${deleted.configP99Ms.toFixed(0)} ms of ${deleted.polls}`, '< 100 ms', deleted.configMaxMs < 100);
    } finally {
      await stop(child);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
