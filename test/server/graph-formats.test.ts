import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Graph, type KgGraph } from '../../server/graphology.js';
import { toGraphML } from '../../server/graphml.js';
import { toGexf } from '../../server/gexf.js';
import { toCompactJsonLd, toJsonLd } from '../../server/jsonld.js';
import jsonld from 'jsonld';
import { Parser as NQuadsParser } from 'n3';
import { SearchIndex, editDistance } from '../../server/search.js';
import { spokespeople, shortestPath } from '../../server/graph-api.js';
import { fixtureQuads } from './helpers.js';

const B = 'https://w3id.org/newskg/id/';
const dir = mkdtempSync(join(tmpdir(), 'newskg-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A graph with the node/edge attributes buildGraph writes (DEVELOPERS.md). */
function smallGraph(): KgGraph {
  const g = new Graph({ multi: true, type: 'directed' });
  const node = (id: string, label: string, type: string, extra: Record<string, unknown> = {}) =>
    g.addNode(B + id, { label, type, altLabels: [], x: Math.random(), y: Math.random(), size: 3, articles: [`${B}article/a`], ...extra });
  node('entity/qin-gang', 'Qin Gang', 'person', { altLabels: ['Qin'] });
  node('entity/mfa', "Ministry of Foreign Affairs of the People's Republic of China", 'government', { altLabels: ['Foreign Ministry'] });
  node('entity/doj', 'United States Department of Justice', 'government', { altLabels: ['Justice Department', 'US <DoJ> & "co"'] });
  node('entity/pla', "People's Liberation Army", 'military');
  node('event/a-a1', 'indictment', 'accusation', { kind: 'Indictment', cameo: '112', quotes: [] });
  node('event/a-r1', 'denial', 'response', { kind: 'Denial', cameo: '141', quotes: ['based on fabricated facts'] });
  const edge = (s: string, t: string, relation: string, evidence: string[] = []) => g.addEdge(B + s, B + t, { relation, label: relation, articles: [`${B}article/a`], evidence });
  edge('entity/qin-gang', 'entity/mfa', 'spokespersonFor', [`${B}evidence/a-1`]);
  edge('event/a-a1', 'entity/doj', 'accuser', [`${B}evidence/a-2`]);
  edge('event/a-a1', 'entity/pla', 'accused', [`${B}evidence/a-2`]);
  edge('event/a-r1', 'entity/qin-gang', 'respondent', [`${B}evidence/a-1`]);
  edge('event/a-r1', 'event/a-a1', 'respondsTo', [`${B}evidence/a-1`]);
  g.setAttribute('articles', { [`${B}article/a`]: { id: `${B}article/a`, headline: 'China slams indictments', outlet: 'China Daily', date: '2014-05-20' } });
  g.setAttribute('evidence', {
    [`${B}evidence/a-1`]: { article: `${B}article/a`, text: 'Foreign Ministry spokesman Qin Gang described the US move as "based on fabricated facts".', start: 10, end: 90 },
    [`${B}evidence/a-2`]: { article: `${B}article/a`, text: 'The US Justice Department charged five members of the PLA.', start: 100, end: 160 },
  });
  return g;
}

function python(code: string, ...args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8' });
}

describe('GraphML and GEXF exports', () => {
  it('writes GraphML that networkx-free XML parsing reads back, with escaped labels', () => {
    const file = join(dir, 'g.graphml');
    writeFileSync(file, toGraphML(smallGraph()));
    const out = python(`import sys, xml.etree.ElementTree as ET
ns={'g':'http://graphml.graphdrawing.org/xmlns'}
r=ET.parse(sys.argv[1]).getroot()
print(len(r.findall('.//g:node',ns)), len(r.findall('.//g:edge',ns)))
print([d.text for d in r.findall('.//g:data',ns) if d.get('key')=='n_altLabels'])`, file);
    expect(out).toContain('6 5');
    expect(out).toContain('US <DoJ> & "co"');
  });

  it('writes GEXF with positions and sizes for Gephi', () => {
    const file = join(dir, 'g.gexf');
    writeFileSync(file, toGexf(smallGraph()));
    const out = python(`import sys, xml.etree.ElementTree as ET
r=ET.parse(sys.argv[1]).getroot()
nodes=[e for e in r.iter() if e.tag.endswith('}node')]
pos=[e for e in r.iter() if e.tag.endswith('}position')]
print(len(nodes), len(pos))`, file);
    expect(out.trim()).toBe('6 6');
  });
});

describe('exports as their tools read them', () => {
  it('networkx reads the GEXF with every position, size and colour, and the GraphML', () => {
    const g = smallGraph();
    writeFileSync(join(dir, 'n.gexf'), toGexf(g));
    writeFileSync(join(dir, 'n.graphml'), toGraphML(g));
    const out = python(`import sys, json, networkx as nx
x=nx.read_gexf(sys.argv[1]); m=nx.read_graphml(sys.argv[2])
v=[d.get('viz', {}) for _, d in x.nodes(data=True)]
print(json.dumps([x.number_of_nodes(), sum('position' in d for d in v), sum('size' in d for d in v), sum('color' in d for d in v), m.number_of_nodes(), m.number_of_edges(), x.nodes['${B}entity/qin-gang']['viz']['color']]))`, join(dir, 'n.gexf'), join(dir, 'n.graphml'));
    const [n, pos, size, color, mn, me, qin] = JSON.parse(out) as [number, number, number, number, number, number, Record<string, number>];
    expect([n, pos, size, color]).toEqual([6, 6, 6, 6]);
    expect([mn, me]).toEqual([6, 5]);
    expect(qin).toMatchObject({ r: 47, g: 91, b: 208 }); // the explorer's person colour
  });
});

describe('JSON-LD', () => {
  it('compacts with the project\'s @context, and rdflib and jsonld.js read every quad back', async () => {
    const quads = fixtureQuads();
    const doc = toCompactJsonLd(quads, B);
    expect(doc['@context']).toMatchObject({ nkg: 'https://w3id.org/newskg/ontology#', id: B });
    expect(JSON.stringify(doc)).toContain('"nkg:spokespersonFor"');
    const file = join(dir, 'c.jsonld');
    writeFileSync(file, JSON.stringify(doc));
    const out = python(`import sys, rdflib
d=rdflib.Dataset(); d.parse(sys.argv[1], format='json-ld')
print(len(d), len([g for g in d.graphs() if len(g)]))`, file);
    expect(out.trim()).toBe(`${quads.length} 3`);
    const nq = await jsonld.toRDF(doc as object, { format: 'application/n-quads' }) as string;
    const back = new NQuadsParser({ format: 'N-Quads' }).parse(nq).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${q.graph.value}`).sort();
    expect(back).toEqual(quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${q.graph.value}`).sort());
  });


  it('keeps every quad, named graphs included, as rdflib reads it', () => {
    const quads = fixtureQuads();
    const file = join(dir, 'g.jsonld');
    writeFileSync(file, JSON.stringify(toJsonLd(quads)));
    const out = python(`import sys, rdflib
d=rdflib.Dataset(); d.parse(sys.argv[1], format='json-ld')
print(len(d), len([g for g in d.graphs() if len(g)]))`, file);
    const [count, graphs] = out.trim().split(' ').map(Number);
    expect(count).toBe(quads.length);
    expect(graphs).toBe(3);
  });
});

describe('graph queries', () => {
  it('lists spokespeople with whom they speak for and the accusers they answered', () => {
    const [s] = spokespeople(smallGraph());
    expect(s!.person.label).toBe('Qin Gang');
    expect(s!.for.map((o) => o.label)).toEqual(["Ministry of Foreign Affairs of the People's Republic of China"]);
    expect(s!.respondedTo).toHaveLength(1);
    expect(s!.respondedTo[0]).toMatchObject({ label: 'United States Department of Justice', count: 1 });
    expect(s!.respondedTo[0]!.evidence[0]).toMatchObject({ text: expect.stringContaining('fabricated'), article: { headline: 'China slams indictments', outlet: 'China Daily', date: '2014-05-20' } });
  });

  it('finds shortest paths whatever the edge direction', () => {
    const p = shortestPath(smallGraph(), `${B}entity/qin-gang`, `${B}entity/pla`);
    expect(p.nodes).toEqual([`${B}entity/qin-gang`, `${B}event/a-r1`, `${B}event/a-a1`, `${B}entity/pla`]);
    expect(p.edges.map((e) => e.relation)).toEqual(['respondent', 'respondsTo', 'accused']);
  });
});

describe('search', () => {
  const index = new SearchIndex(smallGraph());
  it('finds by prefix of a label or an alias, best first', () => {
    expect(index.search('qin')[0]).toMatchObject({ label: 'Qin Gang' });
    expect(index.search('justice dep')[0]).toMatchObject({ label: 'United States Department of Justice', matched: 'Justice Department' });
    expect(index.search('foreign')[0]).toMatchObject({ matched: 'Foreign Ministry' });
  });
  it('forgives typos', () => {
    expect(index.search('Qin Gnag')[0]).toMatchObject({ label: 'Qin Gang' });
    expect(index.search('liberaton army')[0]).toMatchObject({ label: "People's Liberation Army" });
  });
  it('does not return events, nor unrelated names', () => {
    expect(index.search('denial')).toEqual([]);
    expect(index.search('zebra')).toEqual([]);
  });
  it('computes edit distance with transpositions', () => {
    expect(editDistance('gang', 'gnag', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
