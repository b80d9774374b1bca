/**
 * What the graph takes of the quads: GraphFacts gathers them quad by quad (a build feeds each
 * article's quads as the article is annotated, then the entities graph) and makes the graph
 * once at the end. An article's share of the facts can also be taken out as plain JSON
 * (ArticleFacts) and added back later: a rebuild adds the facts of an unchanged article from
 * the previous build's file (src/emit/build-state.ts) instead of making its quads again. The
 * graph is the same either way, node for node and in the same order.
 */
import type { Quad } from 'n3';
import { Graph, type KgGraph } from './graphology.js';
import { NKG, NS, OA, RDF, RDFS, SCHEMA, SKOS } from '../ontology/terms.js';
import { drain } from '../steps.js';

export type NodeType = 'person' | 'government' | 'military' | 'company' | 'media' | 'university' | 'organization' | 'country' | 'place' | 'accusation' | 'response';

const RELATION_LABELS: Record<string, string> = {
  spokespersonFor: 'spokesperson for', accuser: 'accuses', accused: 'accused', target: 'target',
  respondent: 'responds', respondsTo: 'responds to',
};

export function typeOf(types: ReadonlySet<string>): NodeType | undefined {
  for (const [iri, type] of NODE_TYPES) if (types.has(iri)) return type;
  return undefined;
}

/** The classes that make a node, in the order they decide its type (an accusation is also an nkg:Event…). */
const NODE_TYPES: [string, NodeType][] = ([
  ['Accusation', 'accusation'], ['Response', 'response'], [`${NS.schema}Person`, 'person'], [`${NS.schema}Country`, 'country'],
  ['Military', 'military'], ['Company', 'company'], ['MediaOrganization', 'media'], ['University', 'university'],
  [`${NS.schema}GovernmentOrganization`, 'government'], [`${NS.schema}Organization`, 'organization'], [`${NS.schema}Place`, 'place'],
] as [string, NodeType][]).map(([c, type]) => [c.includes(':') ? c : NS.nkg + c, type]);

// One lookup per quad picks what it says (1.5M quads at 10k articles), where a chain of
// comparisons ran for each; quads of no interest (PLOVER codes, selectors' types…) stop there.
const P = { type: 1, label: 2, alt: 3, rel: 4, derived: 5, member: 6, org: 7, evidence: 8, target: 9, source: 10, selector: 11, exact: 12, start: 13, end: 14, identifier: 15, headline: 16, date: 17, publisher: 18, lit: 19 } as const;
const REL_PREDS = ['spokespersonFor', 'accuser', 'accused', 'target', 'respondent', 'respondsTo'].map((x) => NS.nkg + x);
/** The predicates that make edges (every one lies in an article's named graph). */
export const RELATION_PREDICATES: ReadonlySet<string> = new Set(REL_PREDS);

/**
 * The edge a relation makes, its key and direction: from actor to event to accused (accuser →
 * accusation → accused; respondent → response → accusation). `rel` without the namespace.
 */
export function edgeOf(s: string, rel: string, o: string): { from: string; to: string; key: string } {
  const [from, to] = rel === 'accuser' || rel === 'respondent' ? [o, s] : [s, o];
  return { from, to, key: `${from}|${rel}|${to}` };
}

/** A node's size for its degree. */
export function nodeSize(type: unknown, degree: number): number {
  return type === 'accusation' || type === 'response' ? 3 + Math.sqrt(degree) : 4 + 2.5 * Math.sqrt(degree);
}

/** A node's label when the entities graph gives none. */
export const defaultLabel = (type: NodeType): string => (type === 'person' ? 'unnamed spokesperson' : type);
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

const NO_TYPES: ReadonlySet<string> = new Set();

/** Ids in first-seen order, each once; `seen` is made once the list is long enough to need it. */
interface Distinct { list: string[]; seen?: Set<string> }

interface NodeEntry { attrs: Record<string, unknown>; articles: Distinct; degree: number }

/**
 * Add an id to a Distinct. An article's relations come one after another, so most adds repeat
 * the last id; a short list is scanned, a long one asks its Set.
 */
function addOnce(d: Distinct, x: string): void {
  const l = d.list;
  if (l[l.length - 1] === x) return;
  if (l.length < 8) { if (!l.includes(x)) l.push(x); return; }
  d.seen ??= new Set(l);
  if (d.seen.has(x)) return;
  d.seen.add(x);
  l.push(x);
}

/** The ids of both lists, each once, in order. */
function distinct(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  if (!b?.length) return a && a.length > 1 ? [...new Set(a)] : [...(a ?? [])];
  return [...new Set([...(a ?? []), ...b])];
}

/** Relations between yields of graphSteps (and quads between those of buildGraphAsync). */
export const SLICE = 20_000;

/**
 * One article's facts as plain JSON (see GraphFacts.articleFacts): the maps of GraphFacts as
 * entry lists, its evidence already joined from annotation, target and selectors, and only
 * the types that can make a node.
 */
export interface ArticleFacts {
  articles: [string, ArticleInfo][];
  publisher: [string, string][];
  types: [string, string[]][];
  labels: [string, string][];
  alts: [string, string[]][];
  lit: [string, [string, string[]][]][];
  derived: [string, string][];
  evidenceOf: [string, string[]][];
  /** [annotation, its source (the article IRI), exact text, start, end]. */
  evidence: [string, string, string, number, number][];
  /** [subject, relation, object, graph]; the graph left out when it is `graph`. */
  relations: ([string, string, string] | [string, string, string, string])[];
  graph?: string;
  roles: [string, string | null, string | null][];
}

interface ArticleInfo { id: string; headline?: string; outlet?: string; date?: string }
interface EvidenceRow { source: string; text: string; start: number; end: number }

export class GraphFacts {
  private readonly types = new Map<string, Set<string>>();
  private readonly labels = new Map<string, string>();
  private readonly alts = new Map<string, Set<string>>();
  private readonly lit = new Map<string, Map<string, string[]>>(); // subject → predicate → values
  private readonly derived = new Map<string, string>(); // event → article IRI
  private readonly evidenceOf = new Map<string, string[]>();
  private readonly articles: Record<string, ArticleInfo> = {};
  private readonly publisher = new Map<string, string>();
  private readonly annTarget = new Map<string, string>();
  private readonly targetSource = new Map<string, string>();
  private readonly targetSelectors = new Map<string, string[]>();
  private readonly selector = new Map<string, { exact?: string; start?: number; end?: number }>();
  private readonly relations: { s: string; p: string; o: string; graph: string }[] = [];
  private readonly roleOf = new Map<string, { member?: string; org?: string }>();
  /** Evidence joined from annTarget, targetSource, targetSelectors and selector (see joinEvidence). */
  private readonly evidenceRows = new Map<string, EvidenceRow>();

  /** One article's facts, from its quads (Corpus.articleQuads), to be added with addArticle. */
  static articleFacts(quads: Iterable<Quad>): ArticleFacts {
    const f = new GraphFacts();
    f.addAll(quads);
    f.joinEvidence();
    const relations = f.relations;
    const graph = relations.length && relations.every((r) => r.graph === relations[0].graph) ? relations[0].graph : undefined;
    return {
      articles: Object.entries(f.articles),
      publisher: [...f.publisher],
      // A type set that makes no node (an annotation's, a selector's) adds nothing to another.
      types: [...f.types].filter(([, t]) => typeOf(t)).map(([s, t]) => [s, [...t]]),
      labels: [...f.labels],
      alts: [...f.alts].map(([s, a]) => [s, [...a]]),
      lit: [...f.lit].map(([s, m]) => [s, [...m]]),
      derived: [...f.derived],
      evidenceOf: [...f.evidenceOf],
      evidence: [...f.evidenceRows].map(([ann, r]) => [ann, r.source, r.text, r.start, r.end]),
      relations: relations.map((r) => (graph === undefined ? [r.s, r.p, r.o, r.graph] : [r.s, r.p, r.o])),
      ...(graph === undefined ? {} : { graph }),
      roles: [...f.roleOf].map(([role, r]) => [role, r.member ?? null, r.org ?? null]),
    };
  }

  /** An article's facts, as if its quads were added here. */
  addArticle(a: ArticleFacts): void {
    for (const [iri, info] of a.articles) { if (this.articles[iri]) Object.assign(this.articles[iri], info); else this.articles[iri] = { ...info }; }
    for (const [s, o] of a.publisher) this.publisher.set(s, o);
    for (const [s, t] of a.types) { const set = within(this.types, s, () => new Set<string>()); for (const x of t) set.add(x); }
    for (const [s, o] of a.labels) this.labels.set(s, o);
    for (const [s, t] of a.alts) { const set = within(this.alts, s, () => new Set<string>()); for (const x of t) set.add(x); }
    for (const [s, preds] of a.lit) { const m = within(this.lit, s, () => new Map<string, string[]>()); for (const [p, vs] of preds) for (const v of vs) push(m, p, v); }
    for (const [s, o] of a.derived) this.derived.set(s, o);
    for (const [s, anns] of a.evidenceOf) for (const x of anns) push(this.evidenceOf, s, x);
    this.joinEvidence();
    for (const [ann, source, text, start, end] of a.evidence) this.evidenceRows.set(ann, { source, text, start, end });
    for (const r of a.relations) this.relations.push({ s: r[0], p: r[1], o: r[2], graph: r[3] ?? a.graph! });
    for (const [role, member, org] of a.roles) {
      const x = within(this.roleOf, role, () => ({}));
      if (member !== null) x.member = member;
      if (org !== null) x.org = org;
    }
  }

  /**
   * Evidence from the annotations added so far, joined once their targets and selectors are
   * all in (an article's quads are added whole; the entities graph has none).
   */
  private joinEvidence(): void {
    const { annTarget, targetSource, targetSelectors, selector } = this;
    for (const [ann, target] of annTarget) {
      const sels = (targetSelectors.get(target) ?? []).map((x) => selector.get(x) ?? {});
      const pos = sels.find((x) => x.start !== undefined) ?? {};
      this.evidenceRows.set(ann, { source: targetSource.get(target) ?? '', text: sels.find((x) => x.exact !== undefined)?.exact ?? '', start: pos.start ?? 0, end: pos.end ?? 0 });
    }
    annTarget.clear();
    targetSource.clear();
    targetSelectors.clear();
    selector.clear();
  }

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

  /** The graph of every fact added, not laid out (call once). */
  graph(): KgGraph {
    return drain(this.graphSteps());
  }

  /** graph() as a generator that yields every SLICE relations. */
  *graphSteps(): Generator<void, KgGraph> {
    const { types, labels, alts, lit, derived, evidenceOf, articles, publisher, relations, roleOf } = this;
    let n = 0;
    for (const [a, pub] of publisher) if (articles[a]) articles[a].outlet = labels.get(pub);

    this.joinEvidence();
    const evidence: Record<string, { article: string; text: string; start: number; end: number }> = {};
    for (const [ann, r] of this.evidenceRows) evidence[ann] = { article: articles[r.source]?.id ?? '', text: r.text, start: r.start, end: r.end };

    const roleEvidence = new Map<string, string[]>();
    for (const [role, { member, org }] of roleOf) {
      const key = `${member}|${org}`;
      (roleEvidence.get(key) ?? roleEvidence.set(key, []).get(key)!).push(...(evidenceOf.get(role) ?? []));
    }

    // Nodes and edges are gathered with their final attributes, then added to the graph once
    // each in first-sight order (adding, then merging every node's and edge's attributes, was
    // half of this at 10k articles). Their articles are lists of distinct ids (see addOnce:
    // an `includes` scan per copy made recurring entities cubic, and a Set per node and edge
    // was most of the garbage).
    const articleIdOf = (iri: string | undefined) => (iri ? articles[iri]?.id : undefined);
    const nodes = new Map<string, NodeEntry>();
    const notNodes = new Set<string>();
    const edges = new Map<string, { from: string; to: string; attrs: Record<string, unknown>; articles: Distinct }>();
    const ensure = (iri: string): NodeEntry | undefined => {
      const known = nodes.get(iri);
      if (known) return known;
      if (notNodes.has(iri)) return undefined;
      const type = typeOf(types.get(iri) ?? NO_TYPES);
      if (!type) { notNodes.add(iri); return undefined; }
      const attrs: Record<string, unknown> = {
        label: labels.get(iri) ?? defaultLabel(type),
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
      const entry = { attrs, articles: { list: [] }, degree: 0 };
      nodes.set(iri, entry);
      return entry;
    };

    for (const r of relations) {
      if (++n % SLICE === 0) yield;
      const s = ensure(r.s);
      if (!s) continue;
      const o = ensure(r.o);
      if (!o) continue;
      const art = articleIdOf(derived.get(r.s)) ?? articleIdOf(r.graph);
      const { from, to, key } = edgeOf(r.s, r.p, r.o);
      let e = edges.get(key);
      if (!e) {
        // The role's evidence hangs on the role node, which names the same person and organization;
        // every role is known by now, so an edge's evidence is whole when it is made.
        const roles = r.p === 'spokespersonFor' ? roleEvidence.get(`${r.s}|${r.o}`) : undefined;
        const evidence = distinct(evidenceOf.get(r.s), roles);
        edges.set(key, (e = { from, to, attrs: { relation: r.p, label: RELATION_LABELS[r.p] ?? r.p, articles: [], evidence }, articles: { list: [] } }));
        s.degree++;
        o.degree++;
      }
      if (art) { addOnce(e.articles, art); addOnce(s.articles, art); addOnce(o.articles, art); }
    }

    const graph = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
    graph.setAttribute('articles', articles);
    graph.setAttribute('evidence', evidence);
    for (const [iri, { attrs, articles: arts, degree }] of nodes) {
      if (++n % SLICE === 0) yield;
      attrs.articles = arts.list;
      attrs.size = nodeSize(attrs.type, degree);
      graph.addNode(iri, attrs);
    }
    for (const [key, e] of edges) {
      if (++n % SLICE === 0) yield;
      e.attrs.articles = e.articles.list;
      graph.addDirectedEdgeWithKey(key, e.from, e.to, e.attrs);
    }
    return graph;
  }
}

