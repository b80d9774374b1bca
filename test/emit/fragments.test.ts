/**
 * A rebuild copies unchanged articles' Turtle and N-Triples chunks from the previous build
 * (src/emit/fragments.ts), and its files are byte for byte those of a clean build of the same
 * inputs: after a file changed, one was added and one deleted, with the seeds copied under a
 * second name so that deleting an original makes its copy the first to state its entity
 * triples. The clean build's RDF is also the bytes of the plain streamed writer.
 *
 * The rebuild takes unchanged articles' heads and graph facts from the previous build's state
 * (src/emit/build-state.ts): it reads none of their records, and a damaged state only makes
 * it slower.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInputs } from '../../src/build.js';
import { BUILD_STATE_FILE } from '../../src/emit/build-state.js';
import { writeQuadsFile } from '../../src/emit/stream.js';
import { defaultGraphTriples } from '../../src/emit/triples.js';
import { PREFIXES } from '../../src/ontology/terms.js';
import { resolveSettings } from '../../src/settings.js';
import { REPO } from '../server/helpers.js';

const SEEDS = join(REPO, 'seeds');
const OUTPUTS = ['graph.ttl', 'graph.nt', 'graph.json'];
let work: string;

const works: string[] = [];
afterAll(() => { for (const w of works) rmSync(w, { recursive: true, force: true }); });

let fromCache = 0;

/** Articles from which the CLI makes the graph in a worker (src/emit/graph-thread.ts), for the run under way. */
let threadFrom: string | undefined;

/** The real CLI; returns the number of articles whose chunks it copied (from --timings); fromCache is set to the records it did not annotate. */
function build(input: string, out: string, extra: string[] = []): number {
  const env = { ...process.env, ...(threadFrom ? { NEWSKG_GRAPH_THREAD_FROM: threadFrom } : {}) };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'build', input, '--out', out, '--timings', '--jobs', '2', ...extra], { cwd: REPO, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  const m = /Turtle and N-Triples of (\d+) articles copied/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  fromCache = Number(/(\d+) from the cache/.exec(r.stderr)?.[1] ?? 0);
  return Number(m![1]);
}

const same = (a: string, b: string, f: string) => readFileSync(join(a, f)).equals(readFileSync(join(b, f)));

// The graph made in this thread (a small build) and in the graph worker (a large one; forced here).
describe.each([['in this thread', undefined], ['in the graph worker', '1']])('incremental Turtle and N-Triples, the graph %s', { timeout: 300_000 }, (_where, from) => {
  it('a rebuild after a change, an addition and a deletion writes the bytes of a clean build', async () => {
    threadFrom = from;
    work = mkdtempSync(join(tmpdir(), 'newskg-fragments-'));
    works.push(work);
    const input = join(work, 'in');
    mkdirSync(input);
    const seeds = readdirSync(SEEDS).sort();
    for (const f of seeds) {
      copyFileSync(join(SEEDS, f), join(input, f));
      copyFileSync(join(SEEDS, f), join(input, `copy-${f}`));
    }
    const out = join(work, 'out');
    expect(build(input, out)).toBe(0);
    // Nothing changed: every chunk is copied, and the files stay the same.
    const before = join(work, 'before');
    mkdirSync(before);
    for (const f of [...OUTPUTS, '.positions.json']) copyFileSync(join(out, f), join(before, f));
    expect(build(input, out)).toBe(seeds.length * 2);
    for (const f of OUTPUTS) expect(same(out, before, f), f).toBe(true);
    // The index is written before the outputs are renamed into place: one that matches no file
    // there (a build stopped between the two, or graph.ttl touched since) is not used.
    utimesSync(join(out, 'graph.ttl'), new Date(), new Date(Date.now() - 60_000));
    expect(build(input, out)).toBe(0);
    for (const f of OUTPUTS) expect(same(out, before, f), f).toBe(true);

    // A damaged state (cut short) costs time, not correctness.
    const state = join(out, BUILD_STATE_FILE);
    const whole = readFileSync(state);
    expect(whole.toString().split('\n').length).toBeGreaterThan(seeds.length * 2);
    writeFileSync(state, whole.subarray(0, whole.length >> 1));
    expect(build(input, out)).toBe(seeds.length * 2);
    for (const f of OUTPUTS) expect(same(out, before, f), f).toBe(true);
    // The index is written before the outputs are renamed into place: one that matches no file
    // there (a build stopped between the two, or graph.ttl touched since) is not used.
    utimesSync(join(out, 'graph.ttl'), new Date(), new Date(Date.now() - 60_000));
    expect(build(input, out)).toBe(0);
    for (const f of OUTPUTS) expect(same(out, before, f), f).toBe(true);
    expect(readFileSync(state).equals(whole)).toBe(true);

    // So does a line whose facts do not parse while its id, record and key do: the graph is made from the corpus.
    const lines = whole.toString().split('\n');
    const at = lines.findIndex((l) => l.startsWith(JSON.stringify(seeds[4])));
    lines[at] = `${lines[at].split('\t').slice(0, 4).join('\t')}\t{"articles":[[`;
    writeFileSync(state, lines.join('\n'));
    build(input, out);
    for (const f of OUTPUTS) expect(same(out, before, f), f).toBe(true);
    // That build keeps no state (it would hold the bad line again); the next one writes it whole.
    build(input, out);
    for (const f of OUTPUTS) expect(same(out, before, f), f).toBe(true);
    expect(readFileSync(state).equals(whole)).toBe(true);

    // An unchanged article's record is not read: its cache file can be garbage.
    const line = readFileSync(state, 'utf8').split('\n').find((l) => l.startsWith(JSON.stringify(`copy-${seeds[1]}`)))!;
    writeFileSync(JSON.parse(line.split('\t')[1]) as string, 'not a record');

    // Deleting the first article moves the second to the head of the files (its chunk loses its leading terminator).
    appendFileSync(join(input, seeds[2]), '\n\nBeijing denied the accusation on Tuesday.\n');
    copyFileSync(join(SEEDS, seeds[3]), join(input, `added-${seeds[3]}`));
    unlinkSync(join(input, seeds[0]));
    const copied = build(input, out);
    // The changed and the added article are serialised, and so is the copy of the deleted one: the
    // spokesperson triples it repeated are now first stated there.
    expect(copied).toBe(seeds.length * 2 - 3);
    // Only the changed and the added article were annotated: the garbage record was never read.
    expect(fromCache).toBe(seeds.length * 2 - 2);

    // A clean build of the same inputs, from the same previous positions (a rebuild keeps them) and records.
    const clean = join(work, 'clean');
    mkdirSync(clean);
    for (const f of ['graph.json', '.positions.json']) copyFileSync(join(before, f), join(clean, f));
    expect(build(input, clean, ['--cache', join(out, '.cache')])).toBe(0);
    for (const f of OUTPUTS) expect(same(out, clean, f), f).toBe(true);
    if (from) {
      // The graph worker's graph.json is this thread's, byte for byte.
      const here = join(work, 'here');
      mkdirSync(here);
      for (const f of ['graph.json', '.positions.json']) copyFileSync(join(before, f), join(here, f));
      threadFrom = undefined;
      build(input, here, ['--cache', join(out, '.cache')]);
      threadFrom = from;
      for (const f of OUTPUTS) expect(same(out, here, f), f).toBe(true);
    }

    // And the chunked writer gives the bytes of the plain streamed one.
    const { corpus } = await buildInputs([input], resolveSettings(), { jobs: 1, cacheDir: join(out, '.cache') });
    const plain = join(work, 'plain');
    mkdirSync(plain);
    await writeQuadsFile(join(plain, 'graph.ttl'), defaultGraphTriples(corpus), 'Turtle', PREFIXES);
    await writeQuadsFile(join(plain, 'graph.nt'), defaultGraphTriples(corpus), 'N-Triples');
    for (const f of ['graph.ttl', 'graph.nt']) expect(same(clean, plain, f), f).toBe(true);
  });
});
