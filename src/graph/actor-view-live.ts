/**
 * The actor view (actor-view.ts) kept up to date with a changing event graph by difference,
 * where the server made it again after every change (3–4 s of slices at 10,000 articles, 1.6–1.8
 * CPU s per POST or DELETE). `update(events)` compares the event graph with what the view was
 * made from: the events gone and the events new, the responses that answer an accusation gone
 * or new, and the spokesperson edges; only the actor edges those fold into are folded again.
 *
 * Each actor edge remembers the events behind it; folding one again walks them in the event
 * graph's node order, as actorView() does, so an edge's events, kinds, articles and evidence
 * are the ones actorView() gives for the graph as it now is (test/server/actor-view-live.test.ts
 * checks it after every change of a corpus). Only the order in which the view holds its edges
 * can differ: an edge made later is held last. An event is known by its node (its attributes
 * object): one taken out and made again under the same IRI is folded again. Nodes are the
 * event graph's actors, their attributes copied again when they changed.
 */
import type { AbstractGraph, Attributes } from 'graphology-types';
import { budget, drain } from '../steps.js';
import { actorEdgeKey, addAll, ends, foldedEdge, isEvent, type ActorRelation } from './actor-view.js';

interface Fold {
  source: string;
  target: string;
  relation: ActorRelation;
  events: Set<string>;
  /** Spokesperson edges: how many, their attributes, and copies of their lists as last folded. */
  roles: number;
  edges: Attributes[];
  lists: string[][];
}
interface Contribution { key: string; source: string; target: string; relation: ActorRelation }

const NONE: string[] = [];
const listOf = (x: unknown): string[] => (Array.isArray(x) ? (x as string[]) : NONE);

function sameLists(a: string[][], b: string[][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

/** Whether an actor's copy still holds the event graph's attributes (the same values, key for key). */
function sameAttributes(copy: Attributes, attrs: Attributes): boolean {
  let n = 0;
  for (const k in attrs) {
    if (copy[k] !== attrs[k]) return false;
    n++;
  }
  for (const _ in copy) n--;
  return n === 0;
}

export class LiveActorView<G extends AbstractGraph = AbstractGraph> {
  private readonly folds = new Map<string, Fold>();
  /** The actor edges each event folds into. */
  private readonly folded = new Map<string, string[]>();
  /** The accusations each response's edges went through (its accusers are theirs). */
  private readonly answers = new Map<string, string[]>();
  /** The responses that went through each accusation. */
  private readonly answeredBy = new Map<string, Set<string>>();
  /**
   * Each folded event's attributes object: an article taken out and put back (a new version)
   * has events of the same IRIs but new nodes, which are folded again.
   */
  private readonly seen = new Map<string, Attributes>();

  /** `into`: empty, multi and directed (two actors can both accuse and answer each other). */
  constructor(readonly graph: G) {}

  /** update() run straight through. */
  updateNow(events: AbstractGraph): G {
    return drain(this.update(events));
  }

  /**
   * Bring the view up to date with `events`, yielding every few milliseconds. A change to the
   * event graph between two steps can leave the view behind it (an event gone since the scan is
   * skipped, one new since is not folded yet), never wrong the next time: each update starts by
   * comparing the whole graph with what the view holds.
   */
  *update(events: AbstractGraph): Generator<void, G> {
    const due = budget();
    const into = this.graph;
    const affected = new Set<string>();
    const fresh: string[] = [];
    const held = into.order;
    // The folded events and the held actors met again, counted: when every one is, none went.
    let events$ = 0;
    let actors$ = 0;
    // Every pass yields every few milliseconds: at 10,000 articles a pass over the nodes or the
    // edges in one go held the event loop 50-130 ms.
    for (const { node, attributes } of events.nodeEntries()) {
      if (due()) yield;
      if (isEvent(attributes.type)) {
        if (this.seen.get(node) !== attributes) fresh.push(node);
        else events$++;
      } else if (!into.hasNode(node)) into.addNode(node, { ...attributes });
      else {
        actors$++;
        if (!sameAttributes(into.getNodeAttributes(node), attributes)) into.replaceNodeAttributes(node, { ...attributes });
      }
    }
    if (actors$ < held) {
      for (const node of into.nodes()) {
        if (due()) yield;
        if (!events.hasNode(node) || isEvent(events.getNodeAttribute(node, 'type'))) {
          // Its edges go with it; the folds behind them are folded again (they find no end now).
          into.forEachEdge(node, (e) => affected.add(e));
          into.dropNode(node);
        }
      }
    }
    const gone = new Set<string>();
    if (events$ < this.folded.size) {
      for (const ev of this.folded.keys()) {
        if (due()) yield;
        if (!events.hasNode(ev) || events.getNodeAttributes(ev) !== this.seen.get(ev)) gone.add(ev);
      }
      for (const ev of fresh) gone.delete(ev);
    }

    // A response folds through the accusations it answers: one gone or new changes its edges.
    const again = new Set(fresh);
    for (const acc of [...gone, ...fresh]) {
      if (due()) yield;
      for (const r of this.answeredBy.get(acc) ?? []) if (!gone.has(r)) again.add(r);
      if (events.hasNode(acc)) for (const r of ends(events, acc, 'respondsTo', 'in')) again.add(r);
    }
    for (const ev of gone) {
      if (due()) yield;
      this.unfold(ev, affected);
      // Its responses are folded again above, without it.
      this.answeredBy.delete(ev);
    }
    for (const ev of again) {
      if (due()) yield;
      this.unfold(ev, affected);
      if (events.hasNode(ev)) this.fold(events, ev, affected);
    }
    yield* this.spokespeople(events, affected);

    // The events' order in the graph, for folds of several events (made when first needed).
    let order: Map<string, number> | undefined;
    for (const key of affected) {
      if (due()) yield;
      const f = this.folds.get(key);
      if (!order && f && f.events.size > 1) {
        order = new Map();
        for (const n of events.nodeEntries()) {
          order.set(n.node, order.size);
          if (due()) yield;
        }
      }
      yield* this.place(events, key, order, due);
    }
    return into;
  }

  /**
   * The spokesperson edges (person → organization), gathered again: an actor edge is folded again
   * when the role edges behind it, or their lists of articles and evidence, are not the ones it
   * was folded from (they change in place as articles come and go).
   */
  private *spokespeople(events: AbstractGraph, affected: Set<string>): Generator<void, void> {
    const into = this.graph;
    const now = new Map<string, { s: string; t: string; edges: Attributes[] }>();
    const due = budget();
    for (const { attributes: a, source: s, target: t } of events.edgeEntries()) {
      if (due()) yield;
      if (a.relation !== 'spokespersonFor' || s === t || !into.hasNode(s) || !into.hasNode(t)) continue;
      const key = actorEdgeKey(s, 'speaksFor', t);
      const known = now.get(key);
      if (known) known.edges.push(a);
      else now.set(key, { s, t, edges: [a] });
    }
    for (const [key, f] of this.folds) if (f.relation === 'speaksFor' && !now.has(key)) { f.roles = 0; f.edges = []; f.lists = []; affected.add(key); }
    for (const [key, { s, t, edges }] of now) {
      const f = this.fold$(key, s, t, 'speaksFor');
      const lists = edges.flatMap((a) => [listOf(a.articles), listOf(a.evidence)]);
      if (f.roles === edges.length && f.edges.every((a, i) => a === edges[i]) && sameLists(f.lists, lists)) continue;
      f.roles = edges.length;
      f.edges = edges;
      f.lists = lists.map((l) => l.slice());
      affected.add(key);
    }
  }

  /** The fold under `key`, made when missing. */
  private fold$(key: string, source: string, target: string, relation: ActorRelation): Fold {
    let f = this.folds.get(key);
    if (!f) this.folds.set(key, (f = { source, target, relation, events: new Set(), roles: 0, edges: [], lists: [] }));
    return f;
  }

  /** What one event folds into, as actorView() reads it. */
  private contributions(events: AbstractGraph, ev: string): { edges: Contribution[]; through: string[] } {
    const into = this.graph;
    const out: Contribution[] = [];
    const through: string[] = [];
    const add = (source: string, relation: ActorRelation, target: string) => {
      if (source !== target && into.hasNode(source) && into.hasNode(target)) out.push({ key: actorEdgeKey(source, relation, target), source, target, relation });
    };
    const type = events.getNodeAttribute(ev, 'type');
    if (type === 'accusation') {
      const accused = ends(events, ev, 'accused', 'out');
      for (const x of ends(events, ev, 'accuser', 'in')) for (const y of accused) add(x, 'accused', y);
      const targets = ends(events, ev, 'target', 'out');
      for (const y of accused) for (const t of targets) add(y, 'hacked', t);
    } else if (type === 'response') {
      const respondents = ends(events, ev, 'respondent', 'in');
      for (const acc of ends(events, ev, 'respondsTo', 'out')) {
        through.push(acc);
        for (const p of respondents) for (const x of ends(events, acc, 'accuser', 'in')) add(p, 'respondedTo', x);
      }
    }
    return { edges: out, through };
  }

  private fold(events: AbstractGraph, ev: string, affected: Set<string>): void {
    const { edges, through } = this.contributions(events, ev);
    const keys: string[] = [];
    for (const c of edges) {
      this.fold$(c.key, c.source, c.target, c.relation).events.add(ev);
      keys.push(c.key);
      affected.add(c.key);
    }
    this.folded.set(ev, keys);
    this.seen.set(ev, events.getNodeAttributes(ev));
    if (through.length) {
      this.answers.set(ev, through);
      for (const acc of through) (this.answeredBy.get(acc) ?? this.answeredBy.set(acc, new Set()).get(acc)!).add(ev);
    }
  }

  private unfold(ev: string, affected: Set<string>): void {
    for (const key of this.folded.get(ev) ?? []) {
      this.folds.get(key)?.events.delete(ev);
      affected.add(key);
    }
    this.folded.delete(ev);
    this.seen.delete(ev);
    for (const acc of this.answers.get(ev) ?? []) this.answeredBy.get(acc)?.delete(ev);
    this.answers.delete(ev);
  }

  /** The actor edge `key` as its fold now gives it: made, changed, or dropped. */
  private *place(events: AbstractGraph, key: string, order: Map<string, number> | undefined, due: () => boolean): Generator<void, void> {
    const f = this.folds.get(key);
    const into = this.graph;
    if (!f || (!f.events.size && !f.roles) || !into.hasNode(f.source) || !into.hasNode(f.target)) {
      // Nothing behind it any more, or an end gone: the edge goes.
      this.folds.delete(key);
      if (into.hasEdge(key)) into.dropEdge(key);
      return;
    }
    const kinds = new Set<string>();
    const articles = new Set<string>();
    const evidence = new Set<string>();
    // An event gone (or new) since this update's scan is left for the next one.
    const evs = [...f.events].filter((ev) => order?.has(ev) ?? events.hasNode(ev));
    if (evs.length > 1) evs.sort((a, b) => order!.get(a)! - order!.get(b)!);
    for (const ev of evs) {
      // A hub folds thousands of events: the event loop answers between them.
      if (due()) yield;
      if (!events.hasNode(ev)) continue;
      const a = events.getNodeAttributes(ev);
      if (a.kind) kinds.add(String(a.kind));
      addAll(evidence, a.evidence);
      for (const e of events.edges(ev)) { const ea = events.getEdgeAttributes(e); addAll(articles, ea.articles); addAll(evidence, ea.evidence); }
    }
    for (const ea of f.edges) { addAll(articles, ea.articles); addAll(evidence, ea.evidence); }
    const attrs = foldedEdge(f.relation, f.roles, evs, kinds, articles, evidence);
    if (into.hasEdge(key)) into.replaceEdgeAttributes(key, attrs);
    else into.addDirectedEdgeWithKey(key, f.source, f.target, attrs);
  }
}
