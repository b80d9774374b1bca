/**
 * The path between two chosen nodes (asked of `/api/path`, nodes missing from a partial
 * graph fetched around), the "choose the other end" state, and what the drawing
 * brings forward: the path's steps numbered, else a response's dispute chain
 * numbered, else the selection's neighbourhood to the chosen depth.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { api } from './api.js';
import { announce } from './dom.js';
import { ball, chainOf, edgesAlong } from './explore.js';
import type { PathView } from './explore-tools.js';
import type { Highlight } from './graph-view.js';
import type { GraphModel } from './model.js';
import type { ViewState } from './state.js';

export const refOf = (g: Graph, n: string) => ({ id: n, label: String(g.getNodeAttribute(n, 'label') ?? n), type: String(g.getNodeAttribute(n, 'type') ?? '') });

/** Numbered steps: each node, the edges joining them, and the order. */
function ordered(g: Graph, nodes: readonly string[]): Highlight {
  return { nodes: new Set(nodes), edges: new Set(edgesAlong(g, nodes)), order: new Map(nodes.map((n, i) => [n, i])) };
}

export class PathFinder {
  #key = '';
  #path: PathView | null = null;
  /** True between "Path to…" and the click (or search) that chooses the other end. */
  picking = false;

  constructor(private readonly model: GraphModel, private readonly graph: () => Graph, private readonly focus: (nodes: string[]) => void) {}

  /** What the panel shows: the prompt while choosing, else the path found (or why none). */
  get view(): PathView | null {
    return this.picking ? { status: 'picking', steps: [], message: 'Choose the other end: click a node or search for it.' } : this.#path;
  }

  /** Ask the server for the path of `s.node → s.pathTo` when that pair changed. */
  async update(s: ViewState): Promise<void> {
    const key = s.node && s.pathTo ? `${s.mode}|${s.node}|${s.pathTo}` : '';
    if (key === this.#key) return;
    this.#key = key;
    if (!key) {
      this.#path = null;
      return;
    }
    this.#path = { status: 'loading', steps: [], message: 'Finding a path…' };
    try {
      const p = await api.path(s.node!, s.pathTo!, s.mode);
      if (key !== this.#key) return;
      if (!this.model.complete) for (const n of p.nodes) if (!this.graph().hasNode(n)) await this.model.fetchAround(s.mode, n, 0);
      const g = this.graph();
      // Step i is reached by edge i - 1, which may point either way along the path.
      const step = (n: string, i: number) => {
        const e = i > 0 ? p.edges[i - 1] : undefined;
        return { ...refOf(g, n), ...(e ? { relation: e.relation, reversed: e.source !== p.nodes[i - 1] } : {}) };
      };
      this.#path = p.nodes.length
        ? { status: 'found', steps: p.nodes.map(step) }
        : { status: 'none', steps: [], message: 'No path joins them in this view.' };
      if (p.nodes.length) {
        announce(`A path of ${p.nodes.length - 1} steps`);
        this.focus(p.nodes);
      }
    } catch (e) {
      this.#path = { status: 'error', steps: [], message: (e as Error).message };
    }
  }

  /** What to bring forward around `node` (null: nothing selected, no path). */
  highlight(s: ViewState, node: string | null): Highlight | null {
    const g = this.graph();
    if (this.#path?.status === 'found') return ordered(g, this.#path.steps.map((x) => x.id));
    if (!node) return null;
    if (s.mode === 'event' && g.getNodeAttribute(node, 'type') === 'response') {
      const chain = chainOf(g, node);
      if (chain.length > 1) return ordered(g, chain);
    }
    return { nodes: ball(g, node, s.depth), edges: null, order: null };
  }
}
