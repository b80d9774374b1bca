/**
 * What a user sees of the layout on a graph large enough for Barnes-Hut (over 2,000 nodes):
 * communities of the graph are drawn apart, each node near the nodes it links to, with the
 * approximation the build uses (layoutSettings) in this thread and in the worker.
 */
import { describe, expect, it } from 'vitest';
import { Graph, type KgGraph } from '../../src/graph/graphology.js';
import { circle, layout, layoutSettings } from '../../src/graph/build.js';
import { layoutInWorker } from '../../src/graph/layout.js';

const COMMUNITIES = 3;
const SIZE = 900;

/** Three communities of 900 nodes, each node linked to three others of its own, and ten links between communities. */
function communities(): KgGraph {
  const g = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  // Interleaved, so the starting circle (by node order) mixes the communities.
  for (let i = 0; i < SIZE; i++) for (let c = 0; c < COMMUNITIES; c++) g.addNode(`c${c}-${i}`, { size: 1 });
  for (let c = 0; c < COMMUNITIES; c++)
    for (let i = 0; i < SIZE; i++)
      for (let k = 0; k < 3; k++) {
        const j = Math.floor(rnd() * SIZE);
        if (j !== i && !g.hasEdge(`c${c}-${i}`, `c${c}-${j}`)) g.addDirectedEdge(`c${c}-${i}`, `c${c}-${j}`);
      }
  for (let k = 0; k < 10; k++) g.addDirectedEdge(`c${k % COMMUNITIES}-${k}`, `c${(k + 1) % COMMUNITIES}-${k}`);
  return g;
}

const at = (g: KgGraph, n: string) => g.getNodeAttributes(n) as { x: number; y: number };
const dist = (g: KgGraph, a: string, b: string) => Math.hypot(at(g, a).x - at(g, b).x, at(g, a).y - at(g, b).y);

/** Mean length of the edges inside communities, over the mean distance between nodes of different communities. */
function separation(g: KgGraph): number {
  let inside = 0;
  let n = 0;
  g.forEachEdge((_e, _a, s, t) => { if (s.split('-')[0] === t.split('-')[0]) { inside += dist(g, s, t); n++; } });
  let apart = 0;
  for (let i = 0; i < SIZE; i++) apart += dist(g, `c0-${i}`, `c1-${i}`) + dist(g, `c1-${i}`, `c2-${i}`);
  return inside / n / (apart / (2 * SIZE));
}

describe('the layout of a large graph', () => {
  it('uses Barnes-Hut there, and draws each community apart with its edges short', () => {
    const g = communities();
    expect(layoutSettings(g).barnesHutOptimize).toBe(true);
    circle(g);
    // The start mixes them: neighbours of another community sit side by side.
    expect(separation(g)).toBeGreaterThan(1);
    layout(g, 200);
    g.forEachNode((_n, a) => { expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true); });
    expect(separation(g)).toBeLessThan(0.35);
  });

  it('in the worker gives the same positions as in this thread', async () => {
    const [here, there] = [communities(), communities()];
    layout(here, 200);
    await layoutInWorker(there, 200);
    here.forEachNode((n) => { expect([at(there, n).x, at(there, n).y]).toEqual([at(here, n).x, at(here, n).y]); });
  });
});
