import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import oxigraph from 'oxigraph';
import type { Quad } from 'n3';
import { buildInputs } from '../../src/build.js';
import { resolveSettings } from '../../src/settings.js';
import { Corpus } from '../../src/corpus/corpus.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { toNTriples, toTurtle } from '../../src/emit/serialize.js';
import { formatShaclReport, validateShacl } from '../../src/validate/shacl.js';
import { NS } from '../../src/ontology/terms.js';
import { SPOKESPERSON_QUERY } from '../../src/ontology/queries.js';

const settings = resolveSettings();
const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const ENTITIES_GRAPH = `${settings.baseIri}graph/entities`;
const RDF_TYPE = `${NS.rdf}type`;
const LABEL = `${NS.rdfs}label`;
const ALT = `${NS.skos}altLabel`;
const oa = (x: string) => `${NS.oa}${x}`;
const nkg = (x: string) => `${NS.nkg}${x}`;
const schema = (x: string) => `${NS.schema}${x}`;

let corpus: Corpus;
let quads: Quad[];
const objects = (s: string, p: string, qs = quads) => qs.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const subjects = (p: string, o: string, qs = quads) => qs.filter((q) => q.predicate.value === p && q.object.value === o).map((q) => q.subject.value);
/** The one entity with this rdfs:label (fails when there is none or more than one). */
const entity = (label: string): string => {
  const iris = [...new Set(subjects(LABEL, label))];
  expect(iris, label).toHaveLength(1);
  return iris[0];
};

beforeAll(async () => {
  const built = await buildInputs([SEEDS], settings);
  expect(built.skipped).toEqual([]);
  corpus = built.corpus;
  quads = corpus.quads();
});

describe('the seed build', () => {
  it('holds the five articles, each in its own named graph, plus the entities graph', () => {
    expect(corpus.size).toBe(5);
    const graphs = new Set(quads.map((q) => q.graph.value));
    expect(graphs).toEqual(new Set([...corpus.records().map((r) => corpus.articleIri(r.id)), ENTITIES_GRAPH]));
    for (const r of corpus.records()) {
      const art = corpus.articleIri(r.id);
      expect(objects(art, RDF_TYPE)).toContain(schema('NewsArticle'));
      expect(objects(art, schema('identifier'))).toEqual([r.id]);
      expect(quads.filter((q) => q.subject.value === art).every((q) => q.graph.value === art)).toBe(true);
      const date = quads.find((q) => q.subject.value === art && q.predicate.value === schema('datePublished'));
      expect(date?.object.termType).toBe('Literal');
      expect((date!.object as { datatype: { value: string } }).datatype.value).toBe(`${NS.xsd}date`);
    }
  });

  it('conforms to ontology/shapes.ttl, as quads and as Turtle', async () => {
    const report = await validateShacl(quads);
    expect(report.conforms, formatShaclReport(report)).toBe(true);
    const fromTurtle = await validateShacl(toTurtle(quads));
    expect(fromTurtle.conforms, formatShaclReport(fromTurtle)).toBe(true);
  });

  it('every evidence annotation quotes exactly the record text at oa:start..oa:end, a sentence of that article', () => {
    const anns = subjects(RDF_TYPE, oa('Annotation'));
    expect(anns.length).toBeGreaterThan(10);
    for (const ann of anns) {
      const [target] = objects(ann, oa('hasTarget'));
      const [source] = objects(target, oa('hasSource'));
      const rec = corpus.records().find((r) => corpus.articleIri(r.id) === source);
      expect(rec, `${ann} source ${source}`).toBeDefined();
      const sels = objects(target, oa('hasSelector'));
      const quote = sels.find((s) => objects(s, RDF_TYPE).includes(oa('TextQuoteSelector')))!;
      const pos = sels.find((s) => objects(s, RDF_TYPE).includes(oa('TextPositionSelector')))!;
      const [exact] = objects(quote, oa('exact'));
      const start = Number(objects(pos, oa('start'))[0]);
      const end = Number(objects(pos, oa('end'))[0]);
      expect(Number.isInteger(start) && Number.isInteger(end) && start < end).toBe(true);
      expect(exact, ann).toBe(rec!.text.slice(start, end));
      expect(rec!.sentences).toContainEqual({ start, end });
    }
  });

  it('every accusation, response and role points to evidence from the article it was derived from', () => {
    for (const cls of [nkg('Accusation'), nkg('Response'), nkg('SpokespersonRole')]) {
      const events = subjects(RDF_TYPE, cls);
      expect(events.length, cls).toBeGreaterThan(0);
      for (const e of events) {
        const [article] = objects(e, `${NS.prov}wasDerivedFrom`);
        const evidence = objects(e, nkg('evidence'));
        expect(evidence.length, e).toBeGreaterThan(0);
        for (const ann of evidence) expect(objects(objects(ann, oa('hasTarget'))[0], oa('hasSource'))).toEqual([article]);
      }
    }
  });

  it('one node per entity across articles: Geng Yansheng, Qin Gang and the Foreign Ministry', () => {
    const mentionedBy = (iri: string) => subjects(schema('mentions'), iri).map((a) => objects(a, schema('identifier'))[0]).sort();
    expect(mentionedBy(entity('Geng Yansheng'))).toEqual(['001_e745633b0f50cdcf.txt', '004_cbe9e9479a31562b.txt']);
    expect(mentionedBy(entity('Qin Gang'))).toEqual(expect.arrayContaining(['000_f9f02f861cfe0f1a.txt', '003_b04674fd35a6ab83.txt']));
    const mfa = [...new Set(subjects(ALT, 'Foreign Ministry'))];
    expect(mfa).toHaveLength(1);
    expect(mentionedBy(mfa[0]).length).toBeGreaterThanOrEqual(4);
    expect(objects(mfa[0], RDF_TYPE)).toContain(schema('Organization'));
    expect(objects(mfa[0], LABEL)).toHaveLength(1);
  });

  it('people who share a surname stay apart: Zhu Hua and Zhu Zhiqun', () => {
    expect(entity('Zhu Hua')).not.toBe(entity('Zhu Zhiqun'));
  });

  it('an unnamed spokesperson is a schema:Person without a name, spokesperson for the State Internet Information Office', () => {
    const siio = [...new Set([...subjects(ALT, "China's State Internet Information Office"), ...subjects(LABEL, "China's State Internet Information Office")])];
    expect(siio).toHaveLength(1);
    const spokes = subjects(nkg('spokespersonFor'), siio[0]);
    expect(spokes.length).toBeGreaterThan(0);
    for (const p of spokes) {
      expect(objects(p, RDF_TYPE)).toContain(schema('Person'));
      expect(objects(p, LABEL)).toEqual([]);
    }
  });

  it('re-adding a record replaces it: the same quads, no duplicates', () => {
    const c = new Corpus(settings, KnowledgeBase.load(settings));
    for (const r of corpus.records()) c.add(r);
    const once = toNTriples(c.quads());
    c.add(corpus.get('002_6ae119a7bf7e504b.txt')!);
    expect(c.size).toBe(5);
    expect(toNTriples(c.quads())).toBe(once);
  });
});

describe('removing an article', () => {
  const ID = '002_6ae119a7bf7e504b.txt';
  let c: Corpus;
  let before: Quad[];
  let after: Quad[];
  /** Entities an article's graph points at (mentions, publisher, author, event participants). */
  const pointedFrom = (graph: string, qs: Quad[]) => new Set(qs.filter((q) => q.graph.value === graph && q.object.termType === 'NamedNode'
    && q.object.value.startsWith(`${settings.baseIri}entity/`)).map((q) => q.object.value));

  beforeAll(() => {
    c = new Corpus(settings, KnowledgeBase.load(settings));
    for (const r of corpus.records()) c.add(r);
    before = c.quads();
    expect(c.remove(ID)).toBe(true);
    after = c.quads();
  });

  it('drops the record and its named graph', () => {
    expect(c.size).toBe(4);
    expect(c.get(ID)).toBeUndefined();
    expect(c.articleQuads(ID)).toEqual([]);
    const art = c.articleIri(ID);
    expect(before.some((q) => q.graph.value === art)).toBe(true);
    expect(after.some((q) => q.graph.value === art || q.subject.value === art || q.object.value === art)).toBe(false);
    expect(after.some((q) => q.subject.value.startsWith(`${settings.baseIri}evidence/002-`))).toBe(false);
    expect(after.some((q) => q.subject.value.startsWith(`${settings.baseIri}event/002-`))).toBe(false);
    expect(c.remove(ID)).toBe(false);
  });

  it('drops the entities only it named, and keeps those other articles name', () => {
    const art = c.articleIri(ID);
    const mine = pointedFrom(art, before);
    const others = new Set(c.records().flatMap((r) => [...pointedFrom(c.articleIri(r.id), before)]));
    const only = [...mine].filter((e) => !others.has(e));
    const shared = [...mine].filter((e) => others.has(e));
    expect(only.length).toBeGreaterThan(3);
    expect(shared.length).toBeGreaterThan(0);
    expect(only).toContain(entity('Hua Chunying'));
    for (const e of only) expect(after.some((q) => q.subject.value === e || q.object.value === e), e).toBe(false);
    for (const e of shared) expect(objects(e, RDF_TYPE, after).length, e).toBeGreaterThan(0);
  });

  it('leaves exactly what a build of the other four articles holds', () => {
    const fresh = new Corpus(settings, KnowledgeBase.load(settings));
    for (const r of corpus.records()) if (r.id !== ID) fresh.add(r);
    const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value} ${q.graph.value}`;
    expect(new Set(after.map(key))).toEqual(new Set(fresh.quads().map(key)));
  });
});

describe('the spokesperson question of KG-CONTRACT.md, in oxigraph', () => {
  const QUESTION = SPOKESPERSON_QUERY;
  let rows: { spokesperson: string; for: string; respondedTo: string; responses: number }[];

  beforeAll(() => {
    const store = new oxigraph.Store();
    store.load(toNTriples(quads), { format: 'application/n-triples' });
    const result = store.query(QUESTION) as Map<string, { value: string }>[];
    rows = result.map((b) => ({
      spokesperson: b.get('spokesperson')!.value, for: b.get('for')!.value,
      respondedTo: b.get('respondedTo')!.value, responses: Number(b.get('responses')!.value),
    }));
  });

  it('Hua Chunying, for the Chinese Ministry of Foreign Affairs, responded to the United States', () => {
    const hua = rows.filter((r) => r.spokesperson === 'Hua Chunying');
    expect(hua.length, JSON.stringify(rows)).toBeGreaterThan(0);
    const row = hua.find((r) => /foreign (affairs|ministry)/i.test(r.for) && /^(the )?(United States( of America)?|U\.?S\.?A?\.?)$/i.test(r.respondedTo));
    expect(row, JSON.stringify(hua)).toBeDefined();
    expect(row!.for).toMatch(/China|Chinese|People's Republic/);
    expect(row!.responses).toBeGreaterThanOrEqual(1);
  });

  it('Geng Yansheng, for the Ministry of National Defense, responded', () => {
    const geng = rows.filter((r) => r.spokesperson === 'Geng Yansheng');
    expect(geng.length, JSON.stringify(rows)).toBeGreaterThan(0);
    expect(geng.some((r) => /defen[cs]e/i.test(r.for))).toBe(true);
  });

  it('orders the rows by spokesperson and never answers for the accuser\'s own side', () => {
    expect(rows.length).toBeGreaterThan(0);
    const names = rows.map((r) => r.spokesperson);
    expect(names).toEqual([...names].sort());
    for (const r of rows) expect(r.respondedTo).not.toMatch(/^(China|People's Republic of China)$/);
  });
});

describe("an article's outlet", () => {
  // A knowledge-base name, its acronym, and a name the knowledge base does not hold.
  const OUTLETS = ["People's Liberation Army", 'PLA', 'The Korvia Herald'];
  const kb = () => KnowledgeBase.load(settings);

  it('is resolved against the knowledge base at annotation, and linked the same way as a lookup on the corpus thread', () => {
    const k = kb();
    const withOutlet = corpus.records().map((r, i) => {
      const outlet = OUTLETS[i % OUTLETS.length]!;
      return { ...r, meta: { ...r.meta, outlet, outletKb: k.outletEntry(outlet) } };
    });
    expect(withOutlet[0]!.meta.outletKb).toBe('cn-pla');
    expect(withOutlet[1]!.meta.outletKb).toBe('cn-pla');
    expect(withOutlet[2]!.meta.outletKb).toBeNull();
    // Records without the field (written before it existed) are looked up on the corpus's thread.
    const looked = withOutlet.map((r) => { const { outletKb: _k, ...meta } = r.meta; return { ...r, meta }; });
    const link = (recs: ArticleRecord[]) => {
      const c = new Corpus(settings, kb());
      for (const r of recs) c.add(r);
      return { links: recs.map((r) => c.articleLinks(r.id)), entities: toNTriples(c.entityQuads()) };
    };
    const a = link(withOutlet);
    expect(a).toEqual(link(looked));
    expect(a.entities).toContain('"The Korvia Herald"');
  });

  it('is kept in the record by the pipeline', async () => {
    const html = '<html><head><meta property="og:site_name" content="PLA"><title>Beijing denies hacking</title></head><body><article><p>Beijing, 3 March 2021. China\'s foreign ministry spokesman Zhao Lijian accused the United States of hacking Chinese universities.</p></article></body></html>';
    const { annotateArticle } = await import('../../src/pipeline/annotate.js');
    const rec = annotateArticle({ name: 'outlet.html', data: html }, kb(), settings);
    expect(rec.meta.outlet).toBe('PLA');
    expect(rec.meta.outletKb).toBe('cn-pla');
  });
});

describe('the entities graph as articles come and go', () => {
  const text = (qs: Quad[]) => toNTriples(qs).split('\n').filter(Boolean).sort();
  const bySubject = (qs: Quad[]) => {
    const out = new Map<string, Quad[]>();
    for (const q of qs) out.set(q.subject.value, [...(out.get(q.subject.value) ?? []), q]);
    return out;
  };
  const kbOf = () => KnowledgeBase.load(settings);

  it('is what a corpus made afresh describes, after an addition and after a removal', () => {
    const recs = corpus.records();
    const live = new Corpus(settings, kbOf());
    for (const r of recs.slice(0, -1)) live.add(r);
    const before = live.entityQuads();
    live.add(recs.at(-1)!);
    const fresh = new Corpus(settings, kbOf());
    for (const r of recs) fresh.add(r);
    expect(text(live.entityQuads())).toEqual(text(fresh.entityQuads()));
    live.remove(recs.at(-1)!.id);
    expect(text(live.entityQuads())).toEqual(text(before));
  });

  it('keeps the quad objects of every entity an added article does not change, so the server compares them by identity', () => {
    const recs = corpus.records();
    const live = new Corpus(settings, kbOf());
    for (const r of recs.slice(0, -1)) live.add(r);
    const was = bySubject(live.entityQuads());
    live.add(recs.at(-1)!);
    const now = bySubject(live.entityQuads());
    let kept = 0;
    let changed = 0;
    for (const [s, qs] of now) {
      const old = was.get(s);
      if (!old) continue;
      const same = old.length === qs.length && old.every((q, i) => q.equals(qs[i]!));
      // Countries are described beside the organizations that name them, afresh each time.
      if (same && qs[0]!.object.value !== schema('Country')) { expect(qs.every((q, i) => q === old[i])).toBe(true); kept++; }
      if (!same) changed++;
    }
    expect(kept).toBeGreaterThan(20);
    expect(changed + [...now.keys()].filter((s) => !was.has(s)).length).toBeGreaterThan(0);
  });
});
