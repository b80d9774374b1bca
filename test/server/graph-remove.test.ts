/**
 * A DELETE takes the article out of the live graph in place (server/graph-remove.ts), and a
 * replacing POST takes the old version out and appends the new one: what the explorer and the
 * graph API show must be the graph a build of the remaining articles gives, every node and edge
 * with the same attributes and lists, every article with its outlet's name, and every node still drawn keeping its place. Tried on
 * every article of a corpus whose articles share spokespeople, organizations and relations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import { buildGraph } from '../../src/graph/build.js';
import { corpusQuads } from '../../src/emit/triples.js';
import { relabelOutlets, removeArticle } from '../../server/graph-remove.js';
import { appendArticle } from '../../server/graph-append.js';
import type { KgGraph } from '../../server/graphology.js';
import { changedBetween, corpusOf as corpusOfWith, seedsAnd } from './live-corpus.js';

const settings = resolveSettings();
// Articles that name the same people and organizations again, so edges and nodes are shared between articles.
const EXTRA = [
  'Canberra, 2 May 2024. Home affairs ministry spokeswoman Ilse Marrow said the Republic of Korvia had hacked the Australian parliament\'s email system. "The evidence is clear," Marrow said.',
  'Canberra, 9 May 2024. Ilse Marrow, a spokeswoman for the home affairs ministry, accused Korvia of hacking Australian universities. Korvian foreign ministry spokesman Petr Alvo rejected the accusation as groundless.',
  'Lisbon, 4 June 2024. Korvian foreign ministry spokesman Petr Alvo denied that Korvia hacked the Australian parliament, calling the claims baseless. Home affairs ministry spokeswoman Ilse Marrow accused Korvia of cyber espionage.',
  'Beijing, 3 March 2021. China\'s foreign ministry spokesman Zhao Lijian accused the United States of hacking Chinese universities. "The accusation is groundless," said a State Department spokesman, Ned Price, rejecting the charge.',
];

const OUTLETS = ['THE KORVIA HERALD', 'The Korvia Herald', 'the korvia herald'];
let dir: string;
let records: ArticleRecord[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newskg-remove-'));
  records = await seedsAnd(dir, EXTRA, 'shared', settings);
  // Three articles from one outlet (not a knowledge-base name), each spelling it its own way: its name is its first article's.
  records = records.map((r, i) => (i < 3 ? { ...r, meta: { ...r.meta, outlet: OUTLETS[i], outletKb: null } } : r));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpusOf = (recs: ArticleRecord[]) => corpusOfWith(settings, recs);

/** The graph without positions, nodes and edges by key (the order a node is held in is not kept). */
function shape(g: KgGraph) {
  const x = g.export();
  const byKey = <T extends { key: string }>(a: T[]) => [...a].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  return {
    attributes: x.attributes,
    nodes: byKey(x.nodes.map((n) => { const { x: _x, y: _y, ...rest } = n.attributes ?? {}; return { key: n.key, attributes: rest }; })),
    edges: byKey(x.edges.map((e) => ({ key: e.key!, source: e.source, target: e.target, attributes: e.attributes }))),
  };
}

const places = (g: KgGraph) => new Map(g.mapNodes((n, a) => [n, [a.x, a.y]] as const));

describe('an article taken out of the live graph', { timeout: 120_000 }, () => {
  it('shares nodes, edges and an outlet between articles (else the test proves little)', () => {
    const g = buildGraph(corpusQuads(corpusOf(records)), { layout: false });
    const shared = g.filterEdges((_e, a) => (a.articles as string[]).length > 1);
    expect(shared.length).toBeGreaterThan(3);
    // The outlet's name changes when its first article goes.
    const outletOf = (g: KgGraph, id: string) => Object.values(g.getAttribute('articles') as Record<string, { id: string; outlet?: string }>).find((a) => a.id === id)?.outlet;
    expect(outletOf(g, records[1]!.id)).toBe(OUTLETS[0]);
    const rest = buildGraph(corpusQuads(corpusOf(records.slice(1))), { layout: false });
    expect(outletOf(rest, records[1]!.id)).toBe(OUTLETS[1]);
  });

  it('leaves the graph a build of the other articles gives, whichever article goes', () => {
    for (const rec of records) {
      const corpus = corpusOf(records);
      const graph = buildGraph(corpusQuads(corpus), { layoutIterations: 20 });
      const before = places(graph);
      const entitiesBefore = corpus.entityQuads();
      const quads = corpus.articleQuads(rec.id);
      corpus.remove(rec.id);
      const entities = corpus.entityQuads();
      const changed = changedBetween(entitiesBefore, entities);
      const removed = removeArticle(graph, rec.id, quads, entities, changed);
      relabelOutlets(graph, corpus.outlets(), entities, changed);
      expect(shape(graph), rec.id).toEqual(shape(buildGraph(corpusQuads(corpus), { layout: false })));
      for (const [n, p] of places(graph)) expect(p).toEqual(before.get(n));
      expect([...removed.keys()].sort()).toEqual([...before.keys()].filter((n) => !graph.hasNode(n)).sort());
    }
  });

  it("several in turn, and an article's new version in place of the old one", () => {
    const corpus = corpusOf(records);
    const graph = buildGraph(corpusQuads(corpus), { layoutIterations: 20 });
    let entities = corpus.entityQuads();
    for (const rec of [records[2]!, records[records.length - 1]!, records[0]!]) {
      const quads = corpus.articleQuads(rec.id);
      corpus.remove(rec.id);
      const next = corpus.entityQuads();
      const changed = changedBetween(entities, next);
      removeArticle(graph, rec.id, quads, next, changed);
      relabelOutlets(graph, corpus.outlets(), next, changed);
      entities = next;
      expect(shape(graph)).toEqual(shape(buildGraph(corpusQuads(corpus), { layout: false })));
    }
    // Replaced: the old version out, the new one last (as the server moves it in the corpus).
    const old = records[3]!;
    const drawn = places(graph);
    const oldQuads = corpus.articleQuads(old.id);
    const edited = { ...old, roles: old.roles.slice(1) };
    corpus.remove(old.id);
    corpus.add(edited);
    const next = corpus.entityQuads();
    const changed = changedBetween(entities, next);
    const gone = removeArticle(graph, old.id, oldQuads, next, changed);
    appendArticle(graph, corpus.articleQuads(old.id), next, changed, gone);
    relabelOutlets(graph, corpus.outlets(), next, changed);
    expect(shape(graph)).toEqual(shape(buildGraph(corpusQuads(corpus), { layout: false })));
    for (const [n, p] of places(graph)) if (drawn.has(n)) expect(p).toEqual(drawn.get(n));
  });
});
