/**
 * The actor view of the event graph: people, organizations and countries, with the
 * accusations and responses between them folded into labelled, directed, weighted
 * edges. Pure: reads the event graph (as `buildGraph` makes it) and fills another
 * graph, so the server and the explorer derive the same view from the same data.
 *
 *   accuser → accusation → accused        ⇒  accuser  —accused→        accused
 *   accused of an accusation → target     ⇒  accused  —hacked→         target
 *   respondent → response → accusation    ⇒  respondent —responded to→ accuser
 *   person → organization (spokesperson)  ⇒  person   —speaks for→     organization
 */
import type { AbstractGraph, Attributes } from 'graphology-types';
import { collate } from '../collate.js';
import { budget, drain } from '../steps.js';

export const ACTOR_RELATIONS = ['accused', 'hacked', 'respondedTo', 'speaksFor'] as const;
export type ActorRelation = (typeof ACTOR_RELATIONS)[number];

export const ACTOR_RELATION_LABELS: Record<ActorRelation, string> = {
  accused: 'accused',
  hacked: 'hacked',
  respondedTo: 'responded to',
  speaksFor: 'speaks for',
};

export interface ActorEdgeAttributes extends Attributes {
  relation: ActorRelation;
  label: string;
  /** Number of distinct events (or roles) behind the edge. */
  weight: number;
  /** The accusation / response nodes folded into the edge (empty for `speaksFor`). */
  events: string[];
  /** Event kinds, in the order first seen ("charge", "denial"…). */
  kinds: string[];
  articles: string[];
  evidence: string[];
}

/** Whether a node of this type is an event (folded into actor edges) rather than an actor. */
export const isEvent = (type: unknown) => type === 'accusation' || type === 'response';

/** The other ends of `node`'s edges with `relation`, in the direction buildGraph gives them. */
export function ends(g: AbstractGraph, node: string, relation: string, dir: 'in' | 'out'): string[] {
  const out: string[] = [];
  const each = dir === 'in' ? g.forEachInEdge.bind(g) : g.forEachOutEdge.bind(g);
  each(node, (_e: string, a: Attributes, s: string, t: string) => {
    if (a.relation === relation) out.push(dir === 'in' ? s : t);
  });
  return out;
}

export function addAll(into: Set<string>, more: unknown): void {
  if (Array.isArray(more)) for (const x of more) if (typeof x === 'string') into.add(x);
}

/** An actor edge's attributes: its weight is its events, else (spokespeople) its role edges. */
export function foldedEdge(relation: ActorRelation, roles: number, events: string[], kinds: Set<string>, articles: Set<string>, evidence: Set<string>): ActorEdgeAttributes {
  const weight = events.length || roles;
  const name = ACTOR_RELATION_LABELS[relation];
  return { relation, label: weight > 1 ? `${name} ×${weight}` : name, weight, events, kinds: [...kinds], articles: [...articles], evidence: [...evidence] };
}

/** Edge keys are stable across builds: `source|relation|target`. */
export function actorEdgeKey(source: string, relation: ActorRelation, target: string): string {
  return `${source}|${relation}|${target}`;
}

interface Fold {
  source: string;
  target: string;
  relation: ActorRelation;
  roles: number;
  events: Set<string>;
  kinds: Set<string>;
  articles: Set<string>;
  evidence: Set<string>;
}

/**
 * Fill `into` (empty, multi and directed: two actors can both accuse and answer each
 * other) with the actor view of `events`. Returns `into`. Sets while folding: a hub
 * edge can carry thousands of events.
 */
export function actorView<G extends AbstractGraph>(events: AbstractGraph, into: G): G {
  return drain(actorViewSteps(events, into));
}

/**
 * actorView() as steps: it yields every few milliseconds of work (at 10,000 articles the view
 * took 3–4 s in one go, and 2,000 events could take 170 ms), so a server can answer between them.
 */
export function* actorViewSteps<G extends AbstractGraph>(events: AbstractGraph, into: G): Generator<void, G> {
  const due = budget();
  for (const { node, attributes } of events.nodeEntries()) {
    if (!isEvent(attributes.type)) into.mergeNode(node, { ...attributes });
    if (due()) yield;
  }
  const folds = new Map<string, Fold>();
  const add = (s: string, relation: ActorRelation, t: string, via: string | null, eventAttrs: Attributes | null, edgeAttrs: Attributes[]) => {
    if (s === t || !into.hasNode(s) || !into.hasNode(t)) return;
    const key = actorEdgeKey(s, relation, t);
    let f = folds.get(key);
    if (!f) folds.set(key, (f = { source: s, target: t, relation, roles: 0, events: new Set(), kinds: new Set(), articles: new Set(), evidence: new Set() }));
    if (via) {
      f.events.add(via);
      if (eventAttrs?.kind) f.kinds.add(String(eventAttrs.kind));
      addAll(f.evidence, eventAttrs?.evidence);
    } else f.roles++;
    for (const ea of edgeAttrs) {
      addAll(f.articles, ea.articles);
      addAll(f.evidence, ea.evidence);
    }
  };

  for (const { node: ev, attributes: a } of events.nodeEntries()) {
    if (due()) yield;
    if (a.type === 'accusation') {
      const edges = events.edges(ev).map((e) => events.getEdgeAttributes(e));
      const accusers = ends(events, ev, 'accuser', 'in');
      const accused = ends(events, ev, 'accused', 'out');
      const targets = ends(events, ev, 'target', 'out');
      for (const x of accusers) for (const y of accused) add(x, 'accused', y, ev, a, edges);
      for (const y of accused) for (const t of targets) add(y, 'hacked', t, ev, a, edges);
    } else if (a.type === 'response') {
      const edges = events.edges(ev).map((e) => events.getEdgeAttributes(e));
      const respondents = ends(events, ev, 'respondent', 'in');
      for (const acc of ends(events, ev, 'respondsTo', 'out')) {
        const accusers = ends(events, acc, 'accuser', 'in');
        for (const p of respondents) for (const x of accusers) add(p, 'respondedTo', x, ev, a, edges);
      }
    }
  }
  for (const { attributes: a, source: s, target: t } of events.edgeEntries()) {
    if (a.relation === 'spokespersonFor') add(s, 'speaksFor', t, null, null, [a]);
    if (due()) yield;
  }
  for (const [key, f] of folds) {
    into.addDirectedEdgeWithKey(key, f.source, f.target, foldedEdge(f.relation, f.roles, [...f.events], f.kinds, f.articles, f.evidence));
    if (due()) yield;
  }
  return into;
}

/**
 * The chain a response belongs to, in reading order: respondent → response →
 * accusation → accuser (first of each; empty when `response` is not a response).
 */
export function disputeChain(events: AbstractGraph, response: string): string[] {
  if (!events.hasNode(response) || events.getNodeAttribute(response, 'type') !== 'response') return [];
  const respondent = ends(events, response, 'respondent', 'in')[0];
  const accusation = ends(events, response, 'respondsTo', 'out')[0];
  const accuser = accusation ? ends(events, accusation, 'accuser', 'in')[0] : undefined;
  return [respondent, response, accusation, accuser].filter((x): x is string => typeof x === 'string');
}

/**
 * Distinct names for spokespeople the articles do not name ("unnamed spokesperson"):
 * "spokesperson for {organization}", with the article when one organization has several.
 * Returns the new labels by node; the graph is not changed.
 */
export function unnamedSpokespeopleLabels(events: AbstractGraph, unnamed = 'unnamed spokesperson'): Map<string, string> {
  return drain(unnamedSpokespeopleLabelsSteps(events, unnamed));
}

/** unnamedSpokespeopleLabels() as steps: it yields every few milliseconds of work (a pass over every node). */
export function* unnamedSpokespeopleLabelsSteps(events: AbstractGraph, unnamed = 'unnamed spokesperson'): Generator<void, Map<string, string>> {
  const due = budget();
  const base = new Map<string, string>();
  for (const { node: n, attributes: a } of events.nodeEntries()) {
    if (due()) yield;
    if (a.type !== 'person' || a.label !== unnamed) continue;
    const orgs = ends(events, n, 'spokespersonFor', 'out').map((o) => String(events.getNodeAttribute(o, 'label') ?? ''));
    base.set(n, orgs.length ? `spokesperson for ${orgs.sort().join(' and ')}` : unnamed);
  }
  const count = new Map<string, number>();
  for (const l of base.values()) count.set(l, (count.get(l) ?? 0) + 1);
  // Several for one organization: tell them apart by the date (else the id) of their article.
  const meta = (events.getAttribute('articles') as Record<string, { id?: string; date?: string }> | undefined) ?? {};
  const dateOf = new Map(Object.values(meta).map((m) => [m.id, m.date?.slice(0, 10)]));
  const out = new Map<string, string>();
  for (const [n, l] of base) {
    const art = ((events.getNodeAttribute(n, 'articles') as string[] | undefined) ?? [])[0];
    out.set(n, (count.get(l) ?? 0) > 1 && art ? `${l} (${dateOf.get(art) ?? art})` : l);
  }
  // Still equal (same organization, same day): number them.
  const seen = new Map<string, number>();
  for (const [n, l] of [...out].sort((x, y) => collate(x[0], y[0]))) {
    const k = (seen.get(l) ?? 0) + 1;
    seen.set(l, k);
    if (k > 1) out.set(n, `${l} #${k}`);
  }
  return out;
}
