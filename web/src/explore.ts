/**
 * Exploration over the drawn graph, pure (no sigma, no DOM): the ego network of a
 * node to a depth, what expanding nodes adds, the dispute chain of a response, the
 * edges along a path. In the event view, accusations and responses are steps
 * between actors, not hops: a depth of 1 reaches the actors one event away.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { disputeChain } from '../../src/graph/actor-view.js';
import { isEventType } from './settings.js';

/**
 * Nodes within `depth` hops of `center`, either direction. In the event view a hop is
 * what an actor-view edge is: actor – event – actor, or actor – response – accusation
 * – actor; the events on the way come along.
 */
export function ball(graph: Graph, center: string, depth: number): Set<string> {
  const out = new Set<string>();
  if (!graph.hasNode(center)) return out;
  out.add(center);
  const isEvent = (n: string) => isEventType(String(graph.getNodeAttribute(n, 'type')));
  let frontier = [center];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    const reach = (n: string) => {
      if (out.has(n)) return;
      out.add(n);
      if (!isEvent(n)) next.push(n);
    };
    for (const n of frontier) {
      graph.forEachNeighbor(n, (m) => {
        reach(m);
        if (!isEvent(m)) return;
        // Through the event to its actors, and through a response to the accusation's actors.
        graph.forEachNeighbor(m, (k) => {
          reach(k);
          if (isEvent(k)) graph.forEachNeighbor(k, (j) => { if (!isEvent(j)) reach(j); });
        });
      });
    }
    frontier = next;
  }
  return out;
}

/** The ego network of `center` to `depth`, plus the neighbours of every expanded node. */
export function egoNetwork(graph: Graph, center: string | null, depth: number, expanded: Iterable<string>): Set<string> {
  const out = center ? ball(graph, center, depth) : new Set<string>();
  for (const e of expanded) for (const n of ball(graph, e, 1)) out.add(n);
  return out;
}

/** What expanding `node` adds to the drawn set `shown` (its neighbours not yet drawn). */
export function expansion(graph: Graph, node: string, shown: ReadonlySet<string>): string[] {
  return [...ball(graph, node, 1)].filter((n) => !shown.has(n));
}

/** The chain of a response in reading order: respondent → response → accusation → accuser. */
export function chainOf(events: Graph, node: string): string[] {
  return disputeChain(events, node);
}

/** The edges joining consecutive nodes of a path (either direction), one per step. */
export function edgesAlong(graph: Graph, nodes: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    if (!graph.hasNode(a) || !graph.hasNode(b)) continue;
    const e = graph.edges(a, b)[0] ?? graph.edges(b, a)[0];
    if (e) out.push(e);
  }
  return out;
}

/** The node that stands for an event of the event graph in the actor view: its chain's first actor, else an actor beside it. */
export function counterpart(events: Graph, actors: Graph, id: string): string | null {
  if (!events.hasNode(id)) return null;
  const chain = chainOf(events, id);
  if (chain[0]) return chain[0];
  return [...ball(events, id, 1)].find((n) => actors.hasNode(n)) ?? null;
}
