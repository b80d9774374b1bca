/** exportSteps gives what graphology's export() gives, for the graph shapes the server holds and others. */
import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import { Graph } from '../../server/graphology.js';
import { exportSteps } from '../../server/graph-export.js';
import { drain } from '../../src/steps.js';

function directed() {
  const g = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  g.setAttribute('articles', { a: { id: 'a.txt' } });
  for (let i = 0; i < 3000; i++) g.addNode(`n${i}`, i % 7 ? { label: `Node ${i}`, articles: ['a.txt'], x: i, y: -i } : {});
  for (let i = 1; i < 3000; i++) g.addEdgeWithKey(`e${i}`, `n${i - 1}`, `n${i}`, i % 5 ? { relation: 'accuser', evidence: [`ev${i}`] } : {});
  g.addEdge('n0', 'n2999');
  return g;
}

function mixed() {
  const g = new MultiGraph({ type: 'mixed', allowSelfLoops: true });
  g.addNode('a', { label: 'A' });
  g.addNode('b');
  g.addUndirectedEdge('a', 'b', { w: 1 });
  g.addDirectedEdge('a', 'b');
  g.addDirectedEdge('b', 'b', { self: true });
  return g;
}

describe('exportSteps', () => {
  it('serialises a directed graph as export() does, keys and empty attributes included', () => {
    const g = directed();
    expect(JSON.stringify(drain(exportSteps(g)))).toBe(JSON.stringify(g.export()));
  });

  it('serialises a mixed multigraph with undirected edges and self loops as export() does', () => {
    const g = mixed();
    expect(JSON.stringify(drain(exportSteps(g)))).toBe(JSON.stringify(g.export()));
  });

  it('copies attributes: changing the graph afterwards leaves the export as it was', () => {
    const g = directed();
    const out = drain(exportSteps(g));
    g.setNodeAttribute('n1', 'label', 'changed');
    expect(out.nodes[1]!.attributes!.label).toBe('Node 1');
  });
});
