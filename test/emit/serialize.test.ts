import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser, termToId, type Quad } from 'n3';
import { buildInputs } from '../../src/build.js';
import { resolveSettings } from '../../src/settings.js';
import { toNQuads, toNTriples, toTriG, toTurtle } from '../../src/emit/serialize.js';
import { NS } from '../../src/ontology/terms.js';

const { namedNode, literal, quad } = DataFactory;
const hasRapper = spawnSync('rapper', ['--version']).error === undefined;
const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

const triple = (q: Quad) => `${termToId(q.subject)} ${termToId(q.predicate)} ${termToId(q.object)}`;
const tripleSet = (qs: Quad[]) => new Set(qs.map(triple));
const quadKey = (q: Quad) => `${triple(q)} ${termToId(q.graph)}`;

/** rapper's verdict on a Turtle or N-Triples string: exit status and the triple count it reports. */
function rapper(text: string, syntax: 'turtle' | 'ntriples'): { status: number | null; count: number; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'newskg-rapper-'));
  try {
    const file = join(dir, syntax === 'turtle' ? 'g.ttl' : 'g.nt');
    writeFileSync(file, text);
    const r = spawnSync('rapper', ['-i', syntax, '-c', file], { encoding: 'utf8' });
    const m = /returned (\d+) triples/.exec(r.stderr);
    return { status: r.status, count: m ? Number(m[1]) : -1, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('serializers on the seed build', () => {
  let quads: Quad[];
  let articleGraphs: string[];
  beforeAll(async () => {
    const { corpus, skipped } = await buildInputs([SEEDS], resolveSettings());
    expect(skipped).toEqual([]);
    quads = corpus.quads();
    articleGraphs = corpus.records().map((r) => corpus.articleIri(r.id));
  });

  it('Turtle parses with n3 and holds exactly the triples of every graph, once each', () => {
    const ttl = toTurtle(quads);
    const parsed = new Parser({ format: 'text/turtle' }).parse(ttl);
    expect(parsed.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
    expect(parsed.length).toBe(tripleSet(parsed).size);
    expect(tripleSet(parsed)).toEqual(tripleSet(quads));
  });

  it('Turtle declares the contract prefixes', () => {
    const ttl = toTurtle(quads);
    const declared = new Map([...ttl.matchAll(/^@prefix (\w+): <([^>]+)>\s*\.$/gm)].map((m) => [m[1], m[2]]));
    for (const p of ['nkg', 'schema', 'prov', 'rdfs', 'skos', 'oa'] as const) expect(declared.get(p), p).toBe(NS[p]);
    // and uses them: no full IRI of those namespaces is spelled out in the body
    expect(ttl.split('\n').filter((l) => !l.startsWith('@prefix')).join('\n')).not.toContain(`<${NS.nkg}`);
  });

  it.skipIf(!hasRapper)('Turtle and N-Triples pass `rapper -c` with the same number of triples', () => {
    const n = tripleSet(quads).size;
    const t = rapper(toTurtle(quads), 'turtle');
    expect(t.status, t.stderr).toBe(0);
    expect(t.count).toBe(n);
    const nt = rapper(toNTriples(quads), 'ntriples');
    expect(nt.status, nt.stderr).toBe(0);
    expect(nt.count).toBe(n);
  });

  it('N-Triples: one triple a line, the same triples as the Turtle', () => {
    const nt = toNTriples(quads);
    const lines = nt.split('\n').filter(Boolean);
    expect(lines.length).toBe(tripleSet(quads).size);
    for (const l of lines) expect(l.endsWith(' .')).toBe(true);
    expect(tripleSet(new Parser({ format: 'N-Triples' }).parse(nt))).toEqual(tripleSet(quads));
  });

  it('TriG and N-Quads keep one named graph per article plus the entities graph', () => {
    for (const [name, text, format] of [['TriG', toTriG(quads), 'application/trig'], ['N-Quads', toNQuads(quads), 'N-Quads']] as const) {
      const parsed = new Parser({ format }).parse(text);
      expect(new Set(parsed.map(quadKey)), name).toEqual(new Set(quads.map(quadKey)));
      const graphs = new Set(parsed.map((q) => q.graph.value));
      expect([...graphs].sort(), name).toEqual([...articleGraphs, 'https://w3id.org/newskg/id/graph/entities'].sort());
    }
  });
});

describe('serializers on awkward literals', () => {
  const s = namedNode('https://w3id.org/newskg/id/evidence/x-1#quote');
  const p = namedNode(`${NS.oa}exact`);
  const g = namedNode('https://w3id.org/newskg/id/article/x');
  const values = [
    'He said: "it\'s over" \\ and left.',
    'line one\nline two\ttabbed\r',
    'triple """ quotes and \'\'\' singles',
    'CJK 美国司法部 and emoji 🙂 and é',
    ' leading and trailing spaces ',
    '',
  ];
  const qs = [
    ...values.map((v) => quad(s, p, literal(v), g)),
    quad(s, namedNode(`${NS.rdfs}label`), literal('Außenministerium', 'de'), g),
    quad(s, namedNode(`${NS.schema}datePublished`), literal('2014-05-20', namedNode(`${NS.xsd}date`)), g),
  ];

  it('Turtle, N-Triples, TriG and N-Quads round-trip every literal exactly', () => {
    expect(tripleSet(new Parser({ format: 'text/turtle' }).parse(toTurtle(qs)))).toEqual(tripleSet(qs));
    expect(tripleSet(new Parser({ format: 'N-Triples' }).parse(toNTriples(qs)))).toEqual(tripleSet(qs));
    expect(new Set(new Parser({ format: 'application/trig' }).parse(toTriG(qs)).map(quadKey))).toEqual(new Set(qs.map(quadKey)));
    expect(new Set(new Parser({ format: 'N-Quads' }).parse(toNQuads(qs)).map(quadKey))).toEqual(new Set(qs.map(quadKey)));
  });

  it.skipIf(!hasRapper)('rapper reads the awkward literals too', () => {
    const t = rapper(toTurtle(qs), 'turtle');
    expect(t.status, t.stderr).toBe(0);
    expect(t.count).toBe(qs.length);
  });

  it('a triple in two graphs is written once in Turtle and N-Triples', () => {
    const dup = [quad(s, p, literal('same'), g), quad(s, p, literal('same'), namedNode('https://w3id.org/newskg/id/graph/entities'))];
    expect(new Parser({ format: 'text/turtle' }).parse(toTurtle(dup))).toHaveLength(1);
    expect(toNTriples(dup).split('\n').filter(Boolean)).toHaveLength(1);
    expect(new Parser({ format: 'N-Quads' }).parse(toNQuads(dup))).toHaveLength(2);
  });
});
