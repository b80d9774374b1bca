/**
 * What the build and the server rely on when the corpus grows: the streamed writers give the
 * same bytes as the string ones, the sliced graph build equals the one-go build, a rebuilt
 * graph keeps every old node where it was and puts each new node next to its neighbours, and
 * the layout worker gives the positions of the layout in this thread.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quad } from 'n3';
import { Graph } from '../../src/graph/graphology.js';
import { buildInputs } from '../../src/build.js';
import { resolveSettings } from '../../src/settings.js';
import { Corpus, toDefaultGraph } from '../../src/corpus/corpus.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import { buildGraph, buildGraphAsync, layoutIterationsFor } from '../../src/graph/build.js';
import { layoutInWorker } from '../../src/graph/layout.js';
import { placeFrom } from '../../src/graph/place.js';
import { toNQuadsAsync, writeGraphJson, writeQuadsFile } from '../../src/emit/stream.js';
import { toNQuads, toNTriples, toTurtle } from '../../src/emit/serialize.js';
import { PREFIXES } from '../../src/ontology/terms.js';

const settings = resolveSettings();
const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
let records: ArticleRecord[];
let quads: Quad[];

beforeAll(async () => {
  const built = await buildInputs([SEEDS], settings, { jobs: 2 });
  records = built.corpus.records();
  quads = built.corpus.quads();
}, 60_000);

const corpusOf = (recs: ArticleRecord[]) => {
  const c = new Corpus(settings, KnowledgeBase.load(settings));
  for (const r of recs) c.add(r);
  return c;
};

describe('streamed writers', () => {
  it('write the same Turtle, N-Triples and graph.json bytes as the string writers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newskg-stream-'));
    try {
      const triples = toDefaultGraph(quads);
      await writeQuadsFile(join(dir, 'g.ttl'), triples, 'Turtle', PREFIXES);
      await writeQuadsFile(join(dir, 'g.nt'), triples, 'N-Triples');
      const graph = buildGraph(quads, { layoutIterations: 20 });
      await writeGraphJson(join(dir, 'g.json'), graph);
      expect(readFileSync(join(dir, 'g.ttl'), 'utf8')).toBe(toTurtle(quads));
      expect(readFileSync(join(dir, 'g.nt'), 'utf8')).toBe(toNTriples(quads));
      expect(readFileSync(join(dir, 'g.json'), 'utf8')).toBe(JSON.stringify(graph.export()));
      expect(await toNQuadsAsync(quads)).toBe(toNQuads(quads));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('write graph.json as JSON.stringify(graph.export()) across its batches (more nodes, edges and map entries than one holds)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newskg-stream-'));
    try {
      const graph = new Graph({ type: 'directed' });
      const big: Record<string, unknown> = {};
      for (let i = 0; i < 1300; i++) big[`https://example.org/e/${i}`] = { text: `evidence "${i}"\n`, start: i };
      graph.setAttribute('first', 1);
      graph.setAttribute('evidence', big);
      graph.setAttribute('empty', {});
      graph.setAttribute('nested', { a: { b: [1, 2] }, c: null });
      graph.setAttribute('gone', undefined);
      graph.setAttribute('last', 'x');
      for (let i = 0; i < 1300; i++) graph.addNode(`n${i}`, i % 7 ? { label: `Node ${i}`, size: i / 3 } : {});
      for (let i = 1; i < 1100; i++) graph.addDirectedEdgeWithKey(`e${i}`, `n${i - 1}`, `n${i}`, i % 5 ? { relation: 'accused' } : {});
      await writeGraphJson(join(dir, 'g.json'), graph);
      expect(readFileSync(join(dir, 'g.json'), 'utf8')).toBe(JSON.stringify(graph.export()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('graph building', () => {
  it('in slices gives the same graph as in one go', async () => {
    const sliced = await buildGraphAsync(quads);
    expect(JSON.stringify(sliced.export())).toBe(JSON.stringify(buildGraph(quads, { layout: false }).export()));
  });

  it('in the layout worker gives the positions of the layout in this thread', async () => {
    const here = buildGraph(quads, { layoutIterations: 30 });
    const there = buildGraph(quads, { layout: false });
    await layoutInWorker(there, 30);
    expect(there.export()).toEqual(here.export());
  }, 60_000);

  it('lays large graphs out with fewer iterations, never fewer than 20', () => {
    expect(layoutIterationsFor(500, 200)).toBe(200);
    expect(layoutIterationsFor(60_000, 200)).toBeLessThan(200);
    expect(layoutIterationsFor(10_000_000, 200)).toBe(20);
    expect(layoutIterationsFor(10_000_000, 5)).toBe(5);
  });
});

describe('a graph rebuilt after an article is added', () => {
  it('keeps every old node in place and puts each new node next to a neighbour', () => {
    const last = records.at(-1)!;
    const before = buildGraph(corpusOf(records.slice(0, -1)).quads(), { layoutIterations: 50 });
    const after = buildGraph(corpusOf(records).quads(), { layout: false });
    const { placed } = placeFrom(before, after);
    const fresh = after.filterNodes((n) => !before.hasNode(n));
    expect(placed).toBe(fresh.length);
    expect(fresh.length, `${last.id} adds nodes`).toBeGreaterThan(0);
    after.forEachNode((n, a) => {
      if (before.hasNode(n)) {
        expect([a.x, a.y]).toEqual([before.getNodeAttribute(n, 'x'), before.getNodeAttribute(n, 'y')]);
      } else {
        expect(Number.isFinite(a.x) && Number.isFinite(a.y), n).toBe(true);
      }
    });
    // A new node whose neighbours were all there before sits by their centre, a small step away.
    const xs = before.mapNodes((_n, a) => a.x as number);
    const ys = before.mapNodes((_n, a) => a.y as number);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    let checked = 0;
    for (const n of fresh) {
      const around = after.neighbors(n);
      if (!around.length || !around.every((m) => before.hasNode(m))) continue;
      const cx = around.reduce((s, m) => s + (before.getNodeAttribute(m, 'x') as number), 0) / around.length;
      const cy = around.reduce((s, m) => s + (before.getNodeAttribute(m, 'y') as number), 0) / around.length;
      const a = after.getNodeAttributes(n);
      expect(Math.hypot((a.x as number) - cx, (a.y as number) - cy), n).toBeLessThan(0.15 * span);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    const positions = new Set(after.mapNodes((_n, a) => `${(a.x as number).toFixed(3)},${(a.y as number).toFixed(3)}`));
    expect(positions.size).toBe(after.order);
  });
});
