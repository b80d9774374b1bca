/**
 * An article's share of the graph's facts, taken out as JSON and added back (what a rebuild
 * does with an unchanged article, src/emit/build-state.ts), makes the same graph as its quads:
 * node for node, edge for edge, attribute for attribute, in the same order. The IRI
 * shortening of the state file gives the facts back as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildInputs } from '../../src/build.js';
import type { Corpus } from '../../src/corpus/corpus.js';
import { decodeFacts, encodeFacts } from '../../src/emit/facts-codec.js';
import { corpusQuads } from '../../src/emit/triples.js';
import { buildGraph, GraphFacts, type ArticleFacts } from '../../src/graph/build.js';
import { resolveSettings } from '../../src/settings.js';

const settings = resolveSettings();
const INPUTS = ['../../seeds', '../fixtures/articles'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

let corpus: Corpus;
let facts: Map<string, ArticleFacts>;

beforeAll(async () => {
  corpus = (await buildInputs(INPUTS, settings, { jobs: 1 })).corpus;
  facts = new Map([...corpus.ids()].map((id) => [id, GraphFacts.articleFacts(corpus.articleQuads(id))]));
}, 120_000);

describe('GraphFacts by article', () => {
  it('adding each article\'s facts, then the entities graph, makes the graph of all the quads, in the same order', () => {
    const whole = buildGraph(corpusQuads(corpus), { layout: false });
    const parts = new GraphFacts();
    // Through JSON, as the state file keeps them.
    for (const f of facts.values()) parts.addArticle(JSON.parse(JSON.stringify(f)) as ArticleFacts);
    parts.addAll(corpus.entityQuads());
    const graph = parts.graph();
    expect(whole.order).toBeGreaterThan(100);
    expect(whole.size).toBeGreaterThan(100);
    expect(JSON.stringify(graph.export())).toBe(JSON.stringify(whole.export()));
  });

  it('keeps an article\'s events, evidence and relations, and only the types that can make a node', () => {
    const [id, f] = [...facts].find(([, x]) => x.relations.length > 3 && x.evidence.length > 1)!;
    const art = corpus.articleIri(id);
    expect(f.articles.map(([iri]) => iri)).toEqual([art]);
    expect(f.graph).toBe(art);
    for (const [ann, source, text, start, end] of f.evidence) {
      expect(ann.startsWith(`${corpus.base}evidence/`)).toBe(true);
      expect(source).toBe(art);
      expect(text).toBe(corpus.get(id)!.text.slice(start, end));
    }
    expect(f.types.length).toBeGreaterThan(0);
    for (const [s] of f.types) expect(s.startsWith(`${corpus.base}event/`), s).toBe(true);
  });

  it('the state file\'s shortened IRIs give the facts back, and are shorter', () => {
    let before = 0;
    let after = 0;
    for (const [id, f] of facts) {
      const art = corpus.articleIri(id);
      const short = JSON.parse(JSON.stringify(encodeFacts(f, corpus.base, art))) as ArticleFacts;
      expect(decodeFacts(short, corpus.base, art)).toEqual(f);
      before += JSON.stringify(f).length;
      after += JSON.stringify(short).length;
    }
    expect(after).toBeLessThan(before * 0.7);
  });
});
