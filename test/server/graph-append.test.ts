/**
 * A POSTed article grows the live graph in place (server/graph-append.ts) instead of the graph
 * being built again: what the explorer and the graph API then show must be exactly the graph a
 * build of the same articles gives, node for node and edge for edge, in the same order, with
 * every node that was drawn keeping its place. And graph.json, now written a little after a
 * change, is written before the server stops, so the next start reuses it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import { buildGraph } from '../../src/graph/build.js';
import { corpusQuads } from '../../src/emit/triples.js';
import { startServer, type Running } from '../../server/server.js';
import type { KgGraph } from '../../server/graphology.js';
import { REPO } from './helpers.js';

const TOKEN = 'graph-append-token';
const ARTICLES = [
  'Beijing, 3 March 2021. China\'s foreign ministry spokesman Zhao Lijian accused the United States of hacking Chinese universities. "The accusation is groundless," said a State Department spokesman, Ned Price, rejecting the charge.',
  // Names the seeds use again (Hua Chunying, China, the United States), and an unnamed spokesperson.
  'Beijing, 5 June 2015. Chinese foreign ministry spokeswoman Hua Chunying on Friday rejected accusations that China hacked the U.S. Office of Personnel Management, calling them irresponsible. A spokesperson for the Chinese embassy in Washington said the charges were groundless.',
];

let work: string;
let srv: Running;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'newskg-append-')); });
afterAll(async () => { await srv?.close(); await rm(work, { recursive: true, force: true }); });

function start(): Promise<Running> {
  return startServer(resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, writeToken: TOKEN, layoutIterations: 20 }), { log: () => {} });
}

/** The graph without positions, as plain JSON in its order. */
function shape(g: KgGraph) {
  const x = g.export();
  return {
    attributes: x.attributes,
    nodes: x.nodes.map((n) => { const { x: _x, y: _y, ...rest } = n.attributes ?? {}; return { key: n.key, attributes: rest }; }),
    edges: x.edges.map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: e.attributes })),
  };
}

function expectFreshGraph(s: Running): void {
  const fresh = buildGraph(corpusQuads(s.kg.corpus), { layout: false });
  expect(shape(s.kg.graph)).toEqual(shape(fresh));
}

async function post(s: Running, name: string, text: string): Promise<{ iri: string; added: string[]; entities: { id: string }[] }> {
  const r = await fetch(`${s.url}/api/articles`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, text }),
  });
  expect(r.status).toBe(201);
  return r.json() as Promise<{ iri: string; added: string[]; entities: { id: string }[] }>;
}

describe('a POSTed article in the graph', { timeout: 120_000 }, () => {
  it('gives the graph a build of the same articles gives; drawn nodes keep their places', async () => {
    srv = await start();
    const place = (g: KgGraph) => new Map(g.mapNodes((n, a) => [n, [a.x, a.y]] as const));
    let before = place(srv.kg.graph);
    for (const [i, text] of ARTICLES.entries()) {
      const out = await post(srv, `appended-${i}.txt`, text);
      expectFreshGraph(srv);
      const now = place(srv.kg.graph);
      for (const [n, p] of before) expect(now.get(n)).toEqual(p);
      // Every node it added is placed, and the answer names them and the article's entities.
      for (const n of out.added) expect(now.get(n)!.every(Number.isFinite)).toBe(true);
      expect(out.added.sort()).toEqual([...now.keys()].filter((n) => !before.has(n)).sort());
      expect(out.entities.length).toBeGreaterThan(0);
      const api = await (await fetch(`${srv.url}/api/articles/${encodeURIComponent(`appended-${i}.txt`)}`)).json() as { iri: string; headline?: string };
      expect(api.iri).toBe(out.iri);
      before = now;
    }
    // A replaced article (its old version out, the new one last) and a deleted one change the graph in place too (graph-remove.ts).
    await fetch(`${srv.url}/api/articles`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'appended-0.txt', text: ARTICLES[0]!.replace('Zhao Lijian', 'Wang Wenbin') }),
    });
    expectFreshGraph(srv);
    expect((await fetch(`${srv.url}/api/articles/appended-1.txt`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expectFreshGraph(srv);
  });

  it('is in graph.json once the server has stopped: the next start reuses it, places and all', async () => {
    const last = srv.kg.graph.export();
    await srv.close();
    srv = await start();
    expect(srv.opened.reused).toBe(true);
    expect(srv.kg.graph.export()).toEqual(last);
  });
});
