/**
 * The default graph's mirror (server/default-mirror.ts): queries that read only the default
 * graph are answered from a store of its triples alone, which must stay equal to the full
 * store's default graph through every write; and a worker loading a store file answers them
 * from its default graph's part while the rest loads, holding every other request until then.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { StoreSlot } from '../../server/store-slot.js';
import { readsDefaultGraphOnly } from '../../server/default-graph-query.js';
import { headerLine } from '../../server/store-file.js';
import { SPOKESPERSON_QUERY, fixtureQuads, graphsOf } from './helpers.js';

const JSON_RESULTS = { resultsFormat: 'application/sparql-results+json' };
const ENTITIES = 'https://w3id.org/newskg/id/graph/entities';
const ALL = 'CONSTRUCT WHERE { ?s ?p ?o }';

describe('which queries the default graph alone answers', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', true],
    [SPOKESPERSON_QUERY, true],
    ['SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }', false],
    ['select * from <urn:g> where { ?s ?p ?o }', false],
    ['SELECT * FROM NAMED <urn:g> WHERE { ?s ?p ?o }', false],
    // A word in a comment or a literal sends it to the full store: slower, never wrong.
    ['SELECT * WHERE { ?s ?p "graph" }', false],
    ['SELECT * WHERE { ?s <urn:graphs> ?o }', true],
  ])('%s → %s', (query, expected) => {
    expect(readsDefaultGraphOnly({ op: 'query', query })).toBe(expected);
  });

  it('not with a dataset from the protocol, nor for writes', () => {
    expect(readsDefaultGraphOnly({ op: 'query', query: 'ASK {}', defaultGraphs: ['urn:g'] })).toBe(false);
    expect(readsDefaultGraphOnly({ op: 'query', query: 'ASK {}', namedGraphs: ['urn:g'] })).toBe(false);
    expect(readsDefaultGraphOnly({ op: 'dropGraph' })).toBe(false);
  });
});

/** The default graph as the mirror answers it, and as the full store does (a comment with GRAPH sends it there). */
async function bothDefaults(store: SparqlStore): Promise<[string[], string[]]> {
  const lines = (nt: string) => nt.split('\n').filter(Boolean).sort();
  const opts = { resultsFormat: 'application/n-triples' };
  return [lines(await store.query(ALL, opts)), lines(await store.query(`${ALL}\n# GRAPH`, opts))];
}

describe('the mirror through the writes of a store', () => {
  let store: SparqlStore;
  const graphs = graphsOf(fixtureQuads());
  beforeAll(async () => {
    store = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 10_000_000, workers: 1, ontologyTurtle: '<urn:o> a <urn:Ontology> .' });
    await store.setGraphs(graphs);
  });
  afterAll(() => store.close());

  it('equals the full store: loaded, patched, replaced and dropped', async () => {
    const [mirror, full] = await bothDefaults(store);
    expect(full.length).toBeGreaterThan(50);
    expect(full).toContain('<urn:o> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Ontology> .');
    expect(mirror).toEqual(full);

    // A patch of the entities graph: one triple out, one in.
    const entities = graphs.get(ENTITIES)!;
    const out = entities.split('\n').find((l) => l.includes('label'))!;
    const added = `<https://w3id.org/newskg/id/entity/mirror-test> <http://www.w3.org/2000/01/rdf-schema#label> "Mirror test" <${ENTITIES}> .`;
    await store.setGraphs(new Map([[ENTITIES, `${entities.replace(`${out}\n`, '')}${added}\n`]]), new Map([[ENTITIES, { remove: `${out}\n`, add: `${added}\n` }]]));
    let [m, f] = await bothDefaults(store);
    expect(f.some((l) => l.includes('mirror-test'))).toBe(true);
    expect(f).not.toContain(out.replace(` <${ENTITIES}> .`, ' .'));
    expect(m).toEqual(f);

    // An article's graph replaced by a smaller one, then dropped.
    const [article, text] = [...graphs].find(([g]) => g !== ENTITIES)!;
    await store.setGraphs(new Map([[article, text.split('\n').slice(0, 3).join('\n') + '\n']]));
    [m, f] = await bothDefaults(store);
    expect(m).toEqual(f);
    await store.dropGraph(article);
    [m, f] = await bothDefaults(store);
    expect(f.length).toBeLessThan(full.length);
    expect(m).toEqual(f);
    // The contract question, answered from the mirror, as the full store answers it.
    expect(await store.query(SPOKESPERSON_QUERY, JSON_RESULTS)).toBe(await store.query(`${SPOKESPERSON_QUERY}\n# GRAPH`, JSON_RESULTS));
  });
});

describe('a worker loading a store file', () => {
  let work: string;
  let path: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'newskg-mirror-'));
    path = join(work, 'store.nq');
    // Enough named quads that the file loads in many slices (see sliceBytes below).
    const store = await SparqlStore.start({ timeoutMs: 20_000, maxResultBytes: 1e8, workers: 1 });
    const bulk = Array.from({ length: 50_000 }, (_, i) => `<urn:s${i}> <urn:p> "value ${i}" <urn:bulk> .`).join('\n') + '\n';
    await store.setGraphs(new Map([...graphsOf(fixtureQuads()), ['urn:bulk', bulk]]));
    expect(await store.persist(path, headerLine({ revision: 1, ontology: 'test' }))).toBeUndefined();
    await store.close();
  });
  afterAll(async () => { await rm(work, { recursive: true, force: true }); });

  it('answers the default graph without evidence first, then with it, then the rest once it holds everything', async () => {
    const events: string[] = [];
    let loaded!: () => void;
    const whenLoaded = new Promise<void>((resolve) => { loaded = resolve; });
    const slot = new StoreSlot(() => undefined, (s) => {
      events.push(s.holdsAll ? 'loaded' : 'evidence in');
      if (s.holdsAll) loaded();
    });
    try {
      // Asked as soon as the worker says it staged (load() would first wait for its probe).
      expect(await slot.send({ op: 'loadFile', path, sliceBytes: 4 << 10 })).toBe('staged-no-evidence');
      const q = (query: string) => ({ op: 'query' as const, query, resultsFormat: 'application/sparql-results+json', maxBytes: 1e7 });
      const ask = (name: string, query: string) => slot.send(q(query)).then((r) => { events.push(name); return String(r); });
      const named = ask('named', 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:bulk> { ?s ?p ?o } }');
      const evidence = ask('evidence', 'SELECT (COUNT(*) AS ?n) WHERE { ?a <http://www.w3.org/ns/oa#hasTarget> ?t }');
      const defaults = ask('default', 'SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:p> ?o }');
      await whenLoaded;
      // Each count is whole: the default graph came first from its own parts of the file.
      expect(await defaults).toContain('"50000"');
      expect(await named).toContain('"50000"');
      const targets = graphsOf(fixtureQuads());
      const expected = new Set([...targets.values()].flatMap((t) => t.split('\n').filter((l) => l.includes('<http://www.w3.org/ns/oa#hasTarget>')).map((l) => l.split(' ')[0]))).size;
      expect(expected).toBeGreaterThan(0);
      expect(await evidence).toContain(`"${expected}"`);
      expect(events).toEqual(['default', 'evidence in', 'evidence', 'loaded', 'named']);
    } finally {
      await slot.kill('test over');
    }
  });

  it('serves the same answers from a file whose default graph is not marked (an earlier version)', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const lines = (await readFile(path, 'utf8')).split('\n');
    const old = join(work, 'old.nq');
    // The marked part moved to the end, its line dropped: the layout of files written before.
    const mark = lines.findIndex((l) => l.startsWith('# newskg-store: default graph bytes'));
    const bytes = Number(/bytes (\d+)/.exec(lines[mark]!)![1]);
    const rest = lines.slice(mark + 1).join('\n');
    const defaultPart = rest.slice(0, bytes);
    await writeFile(old, `${lines[0]}\n${rest.slice(bytes)}${defaultPart}`);
    const slot = new StoreSlot(() => undefined);
    try {
      await slot.load([{ op: 'loadFile', path: old }]);
      expect(slot.staging).toBe(false);
      const count = (query: string) => slot.send({ op: 'query', query, resultsFormat: 'application/sparql-results+json', maxBytes: 1e7 }).then(String);
      expect(await count('SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:p> ?o }')).toContain('"50000"');
      expect(await count('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBe(await count('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # GRAPH'));
    } finally {
      await slot.kill('test over');
    }
  });
});
