import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { AbstractGraph, Attributes } from 'graphology-types';
import type { Quad } from 'n3';
import { buildInputs } from '../../src/build.js';
import { resolveSettings } from '../../src/settings.js';
import type { Corpus } from '../../src/corpus/corpus.js';
import { buildGraph } from '../../src/graph/build.js';
import { NS } from '../../src/ontology/terms.js';

const settings = resolveSettings();
const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const TYPES = new Set(['person', 'government', 'military', 'company', 'media', 'university', 'organization', 'country', 'place', 'accusation', 'response']);
const ENTITY_TYPES = new Set([...TYPES].filter((t) => t !== 'accusation' && t !== 'response'));

interface Evidence { article: string; text: string; start: number; end: number }
// graphology's own Graph type does not resolve under NodeNext (see server/graphology.ts); use graphology-types.
type Graph = AbstractGraph<Attributes, Attributes, Attributes>;
const build = (qs: Quad[]) => buildGraph(qs, { layoutIterations: 50 }) as unknown as Graph;

let corpus: Corpus;
let quads: Quad[];
let graph: Graph;
let evidence: Record<string, Evidence>;
const objects = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

beforeAll(async () => {
  corpus = (await buildInputs([SEEDS], settings)).corpus;
  quads = corpus.quads();
  graph = build(quads);
  evidence = graph.getAttribute('evidence') as Record<string, Evidence>;
});

/** Evidence IRIs resolve to a sentence of the article they name. */
function expectSentence(iri: string): void {
  const ev = evidence[iri];
  expect(ev, iri).toBeDefined();
  const rec = corpus.get(ev.article);
  expect(rec, `${iri} article ${ev.article}`).toBeDefined();
  expect(ev.text).toBe(rec!.text.slice(ev.start, ev.end));
  expect(rec!.sentences).toContainEqual({ start: ev.start, end: ev.end });
}

describe('buildGraph on the seed build', () => {
  it('every node has a position, a size, a type and the articles it comes from', () => {
    expect(graph.order).toBeGreaterThan(20);
    const ids = new Set(corpus.records().map((r) => r.id));
    graph.forEachNode((n, a) => {
      expect(Number.isFinite(a.x), n).toBe(true);
      expect(Number.isFinite(a.y), n).toBe(true);
      expect(a.size, n).toBeGreaterThan(0);
      expect(TYPES.has(a.type), `${n} ${a.type}`).toBe(true);
      expect(typeof a.label).toBe('string');
      expect(a.label.length, n).toBeGreaterThan(0);
      expect(a.articles.length, n).toBeGreaterThan(0);
      for (const id of a.articles) expect(ids.has(id), id).toBe(true);
    });
    const positions = new Set(graph.mapNodes((_, a) => `${a.x.toFixed(3)},${a.y.toFixed(3)}`));
    expect(positions.size).toBe(graph.order);
  });

  it('nodes with more edges are drawn larger', () => {
    const people = graph.filterNodes((_, a) => a.type === 'person');
    const byDegree = [...people].sort((x, y) => graph.degree(x) - graph.degree(y));
    const low = byDegree[0];
    const high = byDegree.at(-1)!;
    expect(graph.degree(high)).toBeGreaterThan(graph.degree(low));
    expect(graph.getNodeAttribute(high, 'size')).toBeGreaterThan(graph.getNodeAttribute(low, 'size'));
  });

  it('an accusation node connects accuser → accusation → accused', () => {
    const accusations = graph.filterNodes((_, a) => a.type === 'accusation');
    expect(accusations.length).toBeGreaterThan(0);
    let complete = 0;
    for (const acc of accusations) {
      const accusers = graph.inEdges(acc).filter((e) => graph.getEdgeAttribute(e, 'relation') === 'accuser').map((e) => graph.source(e));
      const accused = graph.outEdges(acc).filter((e) => graph.getEdgeAttribute(e, 'relation') === 'accused').map((e) => graph.target(e));
      expect(accusers.length, acc).toBeGreaterThan(0);
      for (const x of [...accusers, ...accused]) expect(ENTITY_TYPES.has(graph.getNodeAttribute(x, 'type'))).toBe(true);
      // The edges say what the quads say.
      expect(accusers.sort()).toEqual(objects(acc, `${NS.nkg}accuser`).sort());
      expect(accused.sort()).toEqual(objects(acc, `${NS.nkg}accused`).sort());
      if (accused.length) complete++;
      expect(graph.getNodeAttribute(acc, 'kind')).toBe(objects(acc, `${NS.nkg}kind`)[0]);
    }
    expect(complete).toBeGreaterThan(0);
    // One the seeds state plainly: the US Justice Department charged officers of the Chinese military.
    const doj = graph.findNode((_, a) => a.altLabels?.includes('US Justice Department'));
    expect(doj).toBeDefined();
    const charged = graph.outNeighbors(doj!).filter((n) => graph.getNodeAttribute(n, 'type') === 'accusation');
    const accusedOfDoj = charged.flatMap((n) => graph.outNeighbors(n)).map((n) => graph.getNodeAttribute(n, 'label') as string);
    expect(accusedOfDoj.some((l) => /Liberation Army|China|Chinese/.test(l)), JSON.stringify(accusedOfDoj)).toBe(true);
  });

  it('a response node connects respondent → response → accusation', () => {
    const responses = graph.filterNodes((_, a) => a.type === 'response');
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) {
      const by = graph.inEdges(r).filter((e) => graph.getEdgeAttribute(e, 'relation') === 'respondent');
      const to = graph.outEdges(r).filter((e) => graph.getEdgeAttribute(e, 'relation') === 'respondsTo');
      expect(by.length, r).toBeGreaterThan(0);
      expect(to.length, r).toBe(1);
      expect(graph.getNodeAttribute(graph.target(to[0]), 'type')).toBe('accusation');
    }
  });

  it('spokesperson edges run from a person to an organization', () => {
    const edges = graph.filterEdges((_, a) => a.relation === 'spokespersonFor');
    expect(edges.length).toBeGreaterThanOrEqual(5);
    for (const e of edges) {
      expect(graph.getNodeAttribute(graph.source(e), 'type')).toBe('person');
      expect(ENTITY_TYPES.has(graph.getNodeAttribute(graph.target(e), 'type'))).toBe(true);
      expect(graph.getNodeAttribute(graph.target(e), 'type')).not.toBe('person');
    }
  });

  it('every evidence attribute, on edges and on event nodes, resolves to a sentence of its article', () => {
    let n = 0;
    graph.forEachEdge((e, a) => {
      expect(Array.isArray(a.evidence), e).toBe(true);
      expect(a.evidence.length, e).toBeGreaterThan(0);
      for (const iri of a.evidence) { expectSentence(iri); n++; }
    });
    graph.forEachNode((_, a) => {
      if (a.type !== 'accusation' && a.type !== 'response') return;
      expect(a.evidence.length).toBeGreaterThan(0);
      for (const iri of a.evidence) expectSentence(iri);
    });
    expect(n).toBeGreaterThan(20);
    expect(Object.keys(evidence).length).toBe(quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.oa}Annotation`).length);
  });

  it('carries the articles\' metadata as a graph attribute', () => {
    const articles = graph.getAttribute('articles') as Record<string, { id: string; headline?: string; date?: string; outlet?: string }>;
    expect(Object.keys(articles).sort()).toEqual(corpus.records().map((r) => corpus.articleIri(r.id)).sort());
    for (const r of corpus.records()) {
      expect(articles[corpus.articleIri(r.id)]).toMatchObject({ id: r.id, headline: r.meta.headline, date: r.meta.datePublished });
    }
  });

  it('the layout is deterministic: the same quads give the same positions', () => {
    const again = build(quads);
    graph.forEachNode((n, a) => {
      expect(again.getNodeAttribute(n, 'x')).toBe(a.x);
      expect(again.getNodeAttribute(n, 'y')).toBe(a.y);
    });
  });

  // BUG (src/graph/build.ts): a spokespersonFor edge collects the evidence of every
  // SpokespersonRole of the article, not only of the roles whose org:member and
  // org:organization are the edge's ends, so "Qin Gang → Foreign Ministry" shows the
  // sentence about the unnamed State Internet Information Office spokesperson as evidence.
  it('a spokesperson edge shows only the evidence of that person\'s role for that organization', () => {
    const roles = quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.nkg}SpokespersonRole`).map((q) => q.subject.value);
    graph.forEachEdge((e, a, source, target) => {
      if (a.relation !== 'spokespersonFor') return;
      const own = roles.filter((r) => objects(r, `${NS.org}member`).includes(source) && objects(r, `${NS.org}organization`).includes(target))
        .flatMap((r) => objects(r, `${NS.nkg}evidence`));
      for (const iri of a.evidence) expect(own, `${graph.getNodeAttribute(source, 'label')} → ${graph.getNodeAttribute(target, 'label')}: ${evidence[iri]?.text}`).toContain(iri);
    });
  });
});
