/**
 * The server keeps the actor view up to date by difference (src/graph/actor-view-live.ts)
 * as articles are deleted, replaced and added in the live graph (graph-remove.ts,
 * graph-append.ts): after every change, and after several changes at once, the view must
 * be the one actorView() makes from the graph as it then is, edge for edge with the same
 * events, kinds, articles and evidence, every actor with its attributes.
 */
// (The corpus is the seeds and a few articles of this file; each change is applied as the
// server applies it.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import { buildGraph } from '../../src/graph/build.js';
import { actorView } from '../../src/graph/actor-view.js';
import { LiveActorView } from '../../src/graph/actor-view-live.js';
import { corpusQuads } from '../../src/emit/triples.js';
import { relabelOutlets, removeArticle } from '../../server/graph-remove.js';
import { appendArticle } from '../../server/graph-append.js';
import type { KgGraph } from '../../server/graphology.js';
import { changedBetween, corpusOf as corpusOfWith, seedsAnd } from './live-corpus.js';

const settings = resolveSettings();
// Beside the seeds (real articles that share China, the United States and their spokespeople):
// spokespeople who recur from article to article, so role edges fold several articles.
const ARTICLES = [
  'Oslo, 3 February 2025. The Norvan interior ministry accused the Republic of Estavia of hacking its tax office. "We have traced the intrusion," interior ministry spokesman Arne Vold said.',
  'Oslo, 10 February 2025. Arne Vold, a spokesman for the Norvan interior ministry, accused Estavia of breaking into hospital networks. The Estavian foreign ministry spokeswoman Mira Kask rejected the accusation as fabricated.',
  'Tallinn, 12 February 2025. Estavian foreign ministry spokeswoman Mira Kask denied that Estavia hacked the Norvan tax office, calling the claim a smear.',
  'Oslo, 20 March 2025. Interior ministry spokesman Arne Vold said Estavian military hackers had stolen data from Norvan universities. Mira Kask, speaking for the Estavian foreign ministry, dismissed the charge.',
  'Geneva, 2 April 2025. The Republic of Korvia accused Estavia of cyber espionage against its parliament. Estavian foreign ministry spokeswoman Mira Kask said the allegation was groundless.',
];

let dir: string;
let records: ArticleRecord[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newskg-actor-live-'));
  records = await seedsAnd(dir, ARTICLES, 'dispute', settings);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpusOf = (recs: ArticleRecord[]) => corpusOfWith(settings, recs);

/** Nodes and edges by key with their attributes (the order a view holds its edges in is not kept). */
function shape(g: KgGraph) {
  const byKey = <T extends { key: string }>(a: T[]) => [...a].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  return {
    nodes: byKey(g.mapNodes((key, attributes) => ({ key, attributes }))),
    edges: byKey(g.mapEdges((key, attributes, source, target) => ({ key, source, target, attributes }))),
  };
}

const fresh = (g: KgGraph) => actorView(g, new MultiDirectedGraph()) as unknown as KgGraph;

/** The live graph and corpus, changed as the server changes them. */
function live(recs: ArticleRecord[]) {
  const corpus = corpusOf(recs);
  const graph = buildGraph(corpusQuads(corpus), { layoutIterations: 10 });
  let entities = corpus.entityQuads();
  const settle = () => {
    const next = corpus.entityQuads();
    const changed = changedBetween(entities, next);
    entities = next;
    return changed;
  };
  return {
    graph,
    remove(id: string) {
      const quads = corpus.articleQuads(id);
      corpus.remove(id);
      const changed = settle();
      const gone = removeArticle(graph, id, quads, entities, changed);
      relabelOutlets(graph, corpus.outlets(), entities, changed);
      return gone;
    },
    add(rec: ArticleRecord, gone?: ReturnType<typeof removeArticle>) {
      corpus.add(rec);
      const changed = settle();
      appendArticle(graph, corpus.articleQuads(rec.id), entities, changed, gone);
      relabelOutlets(graph, corpus.outlets(), entities, changed);
    },
  };
}

describe('the actor view kept by difference', { timeout: 120_000 }, () => {
  it('is made, to begin with, as actorView() makes it, in the same order', () => {
    const { graph } = live(records);
    const view = new LiveActorView(new MultiDirectedGraph()).updateNow(graph) as unknown as KgGraph;
    const made = fresh(graph);
    expect(view.export()).toEqual(made.export());
    // Actor edges that fold several articles' events (else the updates below prove little).
    expect(made.filterEdges((_e, a) => (a.articles as string[]).length > 1).length).toBeGreaterThan(2);
    expect(made.filterEdges((_e, a) => a.relation === 'respondedTo').length).toBeGreaterThan(0);
  });

  it('follows every article taken out, one at a time', () => {
    for (const rec of records) {
      const kg = live(records);
      const view = new LiveActorView(new MultiDirectedGraph());
      view.updateNow(kg.graph);
      kg.remove(rec.id);
      expect(shape(view.updateNow(kg.graph) as unknown as KgGraph), rec.id).toEqual(shape(fresh(kg.graph)));
    }
  });

  it('follows removals, a replaced article and an added one, updated after each and after several at once', () => {
    const kg = live(records.slice(0, -1));
    const view = new LiveActorView(new MultiDirectedGraph());
    view.updateNow(kg.graph);
    const check = (why: string) => expect(shape(view.updateNow(kg.graph) as unknown as KgGraph), why).toEqual(shape(fresh(kg.graph)));
    kg.add(records.at(-1)!);
    check('an article added');
    kg.remove(records[1]!.id);
    check('an article removed');
    // A new version in place of the old one: the server takes the old out and appends the new.
    const old = records[2]!;
    const gone = kg.remove(old.id);
    kg.add({ ...old, roles: old.roles.slice(1) }, gone);
    check('an article replaced');
    // Several changes between two updates: the difference is found from the graph, not told.
    kg.remove(records[0]!.id);
    kg.add(records[1]!);
    kg.remove(records[3]!.id);
    check('three changes at once');
    kg.add(records[0]!);
    kg.add(records[3]!);
    check('all back');
  });
});
