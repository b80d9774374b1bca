/**
 * A graphology graph built from the quads alone (never from the annotations), so
 * the explorer shows exactly what SPARQL sees. Entities with a relation become
 * nodes, accusations and responses become nodes between them, and ForceAtlas2
 * lays it out.
 */
import * as fa2 from 'graphology-layout-forceatlas2';
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import { createRequire } from 'node:module';
import { Graph, type KgGraph } from './graphology.js';
import { iterate, type Fa2Settings } from './fa2-iterate.js';

// The package is CommonJS; under NodeNext its default export sits on the namespace.
const forceAtlas2 = ((fa2 as unknown as { default?: unknown }).default ?? fa2) as {
  inferSettings(graph: KgGraph | number): ForceAtlas2Settings;
};
// The package's own pieces around its iterate (see fa2-iterate.ts), so layout() is its assign().
const require = createRequire(import.meta.url);
const fa2Helpers = require('graphology-layout-forceatlas2/helpers.js') as {
  graphToByteArrays(graph: KgGraph, weight: unknown): { nodes: Float32Array; edges: Float32Array };
  assignLayoutChanges(graph: KgGraph, nodes: Float32Array, reducer: null): void;
};
const FA2_DEFAULTS = require('graphology-layout-forceatlas2/defaults.js') as Fa2Settings;
const edgeWeight = (require('graphology-utils/getters') as { createEdgeWeightGetter(name: string): { fromEntry: unknown } }).createEdgeWeightGetter('weight').fromEntry;
import type { Quad } from 'n3';
import { NKG, NS, OA, RDF, RDFS, SCHEMA, SKOS } from '../ontology/terms.js';

export type NodeType = 'person' | 'government' | 'military' | 'company' | 'media' | 'university' | 'organization' | 'country' | 'place' | 'accusation' | 'response';

const RELATION_LABELS: Record<string, string> = {
  spokespersonFor: 'spokesperson for', accuser: 'accuses', accused: 'accused', target: 'target',
  respondent: 'responds', respondsTo: 'responds to',
};

export function typeOf(types: Set<string>): NodeType | undefined {
  const t = (local: string, ns: string = NS.nkg) => types.has(ns + local);
  if (t('Accusation')) return 'accusation';
  if (t('Response')) return 'response';
  if (t('Person', NS.schema)) return 'person';
  if (t('Country', NS.schema)) return 'country';
  if (t('Military')) return 'military';
  if (t('Company')) return 'company';
  if (t('MediaOrganization')) return 'media';
  if (t('University')) return 'university';
  if (t('GovernmentOrganization', NS.schema)) return 'government';
  if (t('Organization', NS.schema)) return 'organization';
  if (t('Place', NS.schema)) return 'place';
  return undefined;
}

export interface BuildGraphOptions {
  /** ForceAtlas2 iterations at most (fewer on large graphs, see layoutIterationsFor). */
  layoutIterations?: number;
  /** false: no layout here (the caller lays the graph out, e.g. in a worker); x and y are unset. */
  layout?: boolean;
}

export function buildGraph(quads: Iterable<Quad>, options: BuildGraphOptions = {}): KgGraph {
  const facts = new GraphFacts();
  facts.addAll(quads);
  return facts.graph(options);
}

/**
 * The same graph, built in slices with the event loop free between them (a server adding
 * an article keeps answering while the graph is rebuilt). Never lays out: see place.ts.
 */
export async function buildGraphAsync(quads: Iterable<Quad>): Promise<KgGraph> {
  const facts = new GraphFacts();
  let batch: Quad[] = [];
  for (const q of quads) {
    batch.push(q);
    if (batch.length < SLICE) continue;
    facts.addAll(batch);
    batch = [];
    await new Promise((resolve) => setImmediate(resolve));
  }
  facts.addAll(batch);
  const steps = facts.graphSteps({ layout: false });
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const SLICE = 20_000;

// One lookup per quad picks what it says (1.5M quads at 10k articles), where a chain of
// comparisons ran for each; quads of no interest (PLOVER codes, selectors' types…) stop there.
const P = { type: 1, label: 2, alt: 3, rel: 4, derived: 5, member: 6, org: 7, evidence: 8, target: 9, source: 10, selector: 11, exact: 12, start: 13, end: 14, identifier: 15, headline: 16, date: 17, publisher: 18, lit: 19 } as const;
const REL_PREDS = ['spokespersonFor', 'accuser', 'accused', 'target', 'respondent', 'respondsTo'].map((x) => NS.nkg + x);
const PREDICATES = new Map<string, number>([
  [RDF.type.value, P.type], [RDFS.label.value, P.label], [SKOS.altLabel.value, P.alt],
  ...REL_PREDS.map((x): [string, number] => [x, P.rel]),
  [NS.prov + 'wasDerivedFrom', P.derived], [NS.org + 'member', P.member], [NS.org + 'organization', P.org],
  [NKG.evidence.value, P.evidence], [OA.hasTarget.value, P.target], [OA.hasSource.value, P.source], [OA.hasSelector.value, P.selector],
  [OA.exact.value, P.exact], [OA.start.value, P.start], [OA.end.value, P.end],
  [SCHEMA.identifier.value, P.identifier], [SCHEMA.headline.value, P.headline], [SCHEMA.datePublished.value, P.date], [SCHEMA.publisher.value, P.publisher],
  [NKG.kind.value, P.lit], [NKG.cameoCode.value, P.lit], [NKG.quote.value, P.lit],
]);

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
const within = <K, V>(m: Map<K, V>, k: K, make: () => NoInfer<V>): V => m.get(k) ?? m.set(k, make()).get(k)!;

/**
 * What the graph is made of, gathered quad by quad: a build feeds each article's quads as
 * soon as the article is annotated (the quads are made once, for the graph and the RDF files
 * alike), then the entities graph, and makes the graph once at the end.
 */
export class GraphFacts {
  private readonly types = new Map<string, Set<string>>();
  private readonly labels = new Map<string, string>();
  private readonly alts = new Map<string, Set<string>>();
  private readonly lit = new Map<string, Map<string, string[]>>(); // subject → predicate → values
  private readonly derived = new Map<string, string>(); // event → article IRI
  private readonly evidenceOf = new Map<string, string[]>();
  private readonly articles: Record<string, { id: string; headline?: string; outlet?: string; date?: string }> = {};
  private readonly publisher = new Map<string, string>();
  private readonly annTarget = new Map<string, string>();
  private readonly targetSource = new Map<string, string>();
  private readonly targetSelectors = new Map<string, string[]>();
  private readonly selector = new Map<string, { exact?: string; start?: number; end?: number }>();
  private readonly relations: { s: string; p: string; o: string; graph: string }[] = [];
  private readonly roleOf = new Map<string, { member?: string; org?: string }>();

  addAll(quads: Iterable<Quad>): void {
    for (const q of quads) this.add(q);
  }

  add(q: Quad): void {
    const p = q.predicate.value;
    const code = PREDICATES.get(p);
    if (code === undefined) return;
    const s = q.subject.value;
    const o = q.object.value;
    switch (code) {
      case P.type: within(this.types, s, () => new Set<string>()).add(o); break;
      case P.label: this.labels.set(s, o); break;
      case P.alt: within(this.alts, s, () => new Set<string>()).add(o); break;
      case P.rel: this.relations.push({ s, p: p.slice(NS.nkg.length), o, graph: q.graph.value }); break;
      case P.derived: this.derived.set(s, o); break;
      case P.member: within(this.roleOf, s, () => ({})).member = o; break;
      case P.org: within(this.roleOf, s, () => ({})).org = o; break;
      case P.evidence: push(this.evidenceOf, s, o); break;
      case P.target: this.annTarget.set(s, o); break;
      case P.source: this.targetSource.set(s, o); break;
      case P.selector: push(this.targetSelectors, s, o); break;
      case P.exact: within(this.selector, s, () => ({})).exact = o; break;
      case P.start: within(this.selector, s, () => ({})).start = Number(o); break;
      case P.end: within(this.selector, s, () => ({})).end = Number(o); break;
      case P.identifier: (this.articles[s] ??= { id: o }).id = o; break;
      case P.headline: (this.articles[s] ??= { id: '' }).headline = o; break;
      case P.date: (this.articles[s] ??= { id: '' }).date = o; break;
      case P.publisher: this.publisher.set(s, o); break;
      case P.lit:
        if (q.object.termType === 'Literal') push(within(this.lit, s, () => new Map<string, string[]>()), p, o);
        break;
    }
  }

  /** The graph of every quad added (call once). */
  graph(options: BuildGraphOptions = {}): KgGraph {
    const steps = this.graphSteps(options);
    for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
  }

  /** graph() as a generator that yields every SLICE relations. */
  *graphSteps(options: BuildGraphOptions): Generator<void, KgGraph> {
    const { types, labels, alts, lit, derived, evidenceOf, articles, publisher, annTarget, targetSource, targetSelectors, selector, relations, roleOf } = this;
    let n = 0;
    for (const [a, pub] of publisher) if (articles[a]) articles[a].outlet = labels.get(pub);

    const evidence: Record<string, { article: string; text: string; start: number; end: number }> = {};
    for (const [ann, target] of annTarget) {
      const sels = (targetSelectors.get(target) ?? []).map((x) => selector.get(x) ?? {});
      const exact = sels.find((x) => x.exact !== undefined)?.exact ?? '';
      const pos = sels.find((x) => x.start !== undefined) ?? {};
      evidence[ann] = { article: articles[targetSource.get(target) ?? '']?.id ?? '', text: exact, start: pos.start ?? 0, end: pos.end ?? 0 };
    }

    const roleEvidence = new Map<string, string[]>();
    for (const [role, { member, org }] of roleOf) {
      const key = `${member}|${org}`;
      (roleEvidence.get(key) ?? roleEvidence.set(key, []).get(key)!).push(...(evidenceOf.get(role) ?? []));
    }

    const graph = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
    graph.setAttribute('articles', articles);
    graph.setAttribute('evidence', evidence);
    const articleIdOf = (iri: string | undefined) => (iri ? articles[iri]?.id : undefined);

    // Articles and evidence are gathered in Sets (insertion order = first sight) and turned into
    // arrays once at the end: an `includes` scan per copy made recurring entities cubic.
    const nodeArticles = new Map<string, Set<string>>();
    const edgeSets = new Map<string, { articles: Set<string>; evidence: Set<string> }>();
    const ensure = (iri: string) => {
      if (graph.hasNode(iri)) return true;
      const type = typeOf(types.get(iri) ?? new Set());
      if (!type) return false;
      const attrs: Record<string, unknown> = {
        label: labels.get(iri) ?? (type === 'person' ? 'unnamed spokesperson' : type),
        type,
        altLabels: [...(alts.get(iri) ?? [])],
        articles: [] as string[],
      };
      const l = lit.get(iri);
      if (l) {
        attrs.kind = l.get(NKG.kind.value)?.[0];
        attrs.cameo = l.get(NKG.cameoCode.value)?.[0];
        attrs.quotes = l.get(NKG.quote.value) ?? [];
        attrs.label = `${attrs.kind}`;
        attrs.evidence = evidenceOf.get(iri) ?? [];
      }
      graph.addNode(iri, attrs);
      nodeArticles.set(iri, new Set());
      return true;
    };

    for (const r of relations) {
      if (++n % SLICE === 0) yield;
      if (!ensure(r.s) || !ensure(r.o)) continue;
      const art = articleIdOf(derived.get(r.s)) ?? articleIdOf(r.graph);
      // Edges run from actor to event to accused: accuser → accusation → accused; respondent → response → accusation.
      const [from, to] = r.p === 'accuser' || r.p === 'respondent' ? [r.o, r.s] : [r.s, r.o];
      const key = `${from}|${r.p}|${to}`;
      let e = edgeSets.get(key);
      if (!e) {
        graph.addDirectedEdgeWithKey(key, from, to, { relation: r.p, label: RELATION_LABELS[r.p] ?? r.p, articles: [], evidence: [] });
        edgeSets.set(key, (e = { articles: new Set(), evidence: new Set(evidenceOf.get(r.s) ?? []) }));
      }
      if (art) e.articles.add(art);
      // The role's evidence hangs on the role node, which names the same person and organization.
      if (r.p === 'spokespersonFor') for (const ev of roleEvidence.get(`${r.s}|${r.o}`) ?? []) e.evidence.add(ev);
      if (art) for (const n of [from, to]) nodeArticles.get(n)!.add(art);
    }
    for (const [key, e] of edgeSets) graph.mergeEdgeAttributes(key, { articles: [...e.articles], evidence: [...e.evidence] });

    graph.forEachNode((n, a) => {
      const deg = graph.degree(n);
      const event = a.type === 'accusation' || a.type === 'response';
      graph.mergeNodeAttributes(n, { articles: [...nodeArticles.get(n)!], size: event ? 3 + Math.sqrt(deg) : 4 + 2.5 * Math.sqrt(deg) });
    });
    if (options.layout !== false) layout(graph, options.layoutIterations ?? 200);
    return graph;
  }
}

/**
 * ForceAtlas2 iterations for a graph of this size: the setting for small graphs, fewer as the
 * graph grows (a budget of node-iterations, never under 20), since Barnes-Hut's cost per
 * iteration grows with the node count and the layout of a 60k-node graph settles far sooner
 * per node than it costs.
 */
export function layoutIterationsFor(order: number, iterations: number): number {
  return Math.max(Math.min(iterations, 20), Math.min(iterations, Math.round(LAYOUT_BUDGET / Math.max(order, 1))));
}
const LAYOUT_BUDGET = 600_000;

/** Deterministic start (a circle by node order), then ForceAtlas2 with settings inferred from the graph's size. */
export function layout(graph: KgGraph, iterations: number, shared?: SharedLayout): void {
  circle(graph);
  if (graph.order > 1) forceAtlas2Assign(graph, layoutIterationsFor(graph.order, iterations), layoutSettings(graph), shared);
}

/**
 * A layout whose Barnes-Hut repulsion is shared with another thread (layout-helper.ts): the
 * node matrix and the regions live in shared memory, and `split` computes the repulsion of
 * every node from the regions (this thread one slice, the helper the other).
 */
export interface SharedLayout {
  nodes: Float32Array;
  regions: Float64Array;
  split(regions: Float64Array): void;
}

/** The regions a Barnes-Hut iteration may build for this many nodes: at most 4 subdivisions of 4 regions per node, and the root. */
export const regionDoubles = (nodes: number) => (16 * nodes + 1) * 9;

/** forceAtlas2.assign of the package (index.js), with its iterate's faster twin. */
function forceAtlas2Assign(graph: KgGraph, iterations: number, settings: ForceAtlas2Settings, shared?: SharedLayout): void {
  const s = fa2Settings(settings);
  const m = fa2Helpers.graphToByteArrays(graph, edgeWeight);
  let nodes = m.nodes;
  if (shared && s.barnesHutOptimize) {
    shared.nodes.set(m.nodes);
    nodes = shared.nodes;
  }
  const split = shared && s.barnesHutOptimize ? shared.split : undefined;
  for (let i = 0; i < iterations; i++) iterate(s, nodes, m.edges, split, split ? () => shared!.regions : undefined);
  fa2Helpers.assignLayoutChanges(graph, nodes, null);
}

/** The package's defaults under these settings, as its iterate reads them. */
export function fa2Settings(settings: ForceAtlas2Settings): Fa2Settings {
  return { ...FA2_DEFAULTS, ...settings } as Fa2Settings;
}

export function circle(graph: KgGraph): void {
  const n = graph.order || 1;
  let i = 0;
  graph.forEachNode((node) => {
    const angle = (2 * Math.PI * i++) / n;
    graph.mergeNodeAttributes(node, { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle) });
  });
}

export function layoutSettings(graph: KgGraph | number): ForceAtlas2Settings {
  return { ...forceAtlas2.inferSettings(graph as KgGraph), adjustSizes: false };
}
