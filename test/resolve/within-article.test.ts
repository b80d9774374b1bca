import { beforeAll, describe, expect, it } from 'vitest';
import { annotateArticle, annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { NS } from '../../src/ontology/terms.js';
import type { Doc, Mention } from '../../src/doc/document.js';

// Made-up articles (people and events are fictional).
const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

const annotate = (text: string): Doc => annotateDoc(readDoc({ name: 'x.txt', data: text }, settings), kb);
const said = (d: Doc, m: Mention) => d.text.slice(m.start, m.end);
const LABEL = `${NS.rdfs}label`;
const ALT = `${NS.skos}altLabel`;

describe('resolveMentions within one article', () => {
  it('"Qin Gang … Qin said … he said" is one person', () => {
    const d = annotate([
      'Foreign Minister Qin Gang met the visiting delegation in Beijing on Monday morning.',
      'Qin said the two sides had agreed to hold further talks on cyber security next month.',
      'He said the talks would take place in the spring.',
    ].join('\n\n'));
    const people = d.mentions.filter((m) => m.kind === 'Person');
    expect(people.map((m) => said(d, m))).toEqual(['Qin Gang', 'Qin', 'He']);
    expect(new Set(people.map((m) => m.cluster)).size).toBe(1);
    const c = d.clusters[people[0].cluster!];
    expect(c.label).toBe('Qin Gang');
    expect(c.names).toContain('Qin');
    expect(c.names).not.toContain('He');
    expect(d.clusters.filter((x) => x.kind === 'Person')).toHaveLength(1);
  });

  it('a surname goes to the full name that contains it, not to another person', () => {
    const d = annotate([
      'Defence analyst Mark Ellison said the attack had been carefully prepared over several months.',
      'Foreign Ministry spokeswoman Lena Vogt said the accusations were groundless and politically motivated.',
      'Vogt said the ministry would not comment on the investigation any further.',
    ].join('\n\n'));
    const vogt = d.mentions.find((m) => said(d, m) === 'Vogt')!;
    const full = d.mentions.find((m) => said(d, m) === 'Lena Vogt')!;
    const ellison = d.mentions.find((m) => said(d, m) === 'Mark Ellison')!;
    expect(vogt.cluster).toBe(full.cluster);
    expect(vogt.cluster).not.toBe(ellison.cluster);
  });

  it('a bracketed acronym and its later bare use join the full name', () => {
    const d = annotate([
      'The Northland Cyber Defence Agency (NCDA) issued a warning to the operators of power plants on Friday.',
      'Officials at the NCDA said the campaign had been running for more than a year.',
    ].join('\n\n'));
    const full = d.mentions.find((m) => said(d, m) === 'Northland Cyber Defence Agency')!;
    const acr = d.mentions.filter((m) => said(d, m) === 'NCDA');
    expect(acr.length).toBeGreaterThanOrEqual(2);
    for (const m of acr) expect(m.cluster).toBe(full.cluster);
    expect(d.clusters.filter((c) => c.kind === 'Organization')).toHaveLength(1);
  });

  it('"the ministry" refers back to the ministry named before', () => {
    const d = annotate([
      'The Iranian Foreign Ministry said on Monday that it rejected the charges as groundless and baseless.',
      'The ministry said it would summon the ambassador to explain the accusations made against the country.',
    ].join('\n\n'));
    const ministry = d.mentions.find((m) => said(d, m) === 'ministry')!;
    const named = d.mentions.find((m) => said(d, m).includes('Foreign Ministry'))!;
    expect(ministry.anaphor).toBe(true);
    expect(ministry.cluster).toBe(named.cluster);
    expect(d.clusters[named.cluster!].country).toBe('IR');
  });
});

describe('entities across articles in a Corpus', () => {
  const A = [
    'WASHINGTON, May 3 - The US Justice Department said on Monday that it had charged two Russian nationals with hacking.',
    'Defence analyst Zhang Wei said the case was unusual for the United States and would anger Moscow.',
  ].join('\n\n');
  const B = [
    'The Justice Department said the two men had stolen data from several companies in the United States.',
    'Zhang Min, a lawyer in Washington, said the US case against the two men was weak.',
    'Zhang said the evidence would not hold up in court.',
  ].join('\n\n');
  let quads: ReturnType<Corpus['quads']>;
  let corpus: Corpus;
  const labelled = (label: string) => quads.filter((q) => q.predicate.value === LABEL && q.object.value === label).map((q) => q.subject.value);
  const mentionsOf = (id: string) => quads.filter((q) => q.subject.value === corpus.articleIri(id) && q.predicate.value === `${NS.schema}mentions`).map((q) => q.object.value);

  beforeAll(() => {
    corpus = new Corpus(settings, kb);
    corpus.add(annotateArticle({ name: 'a.txt', data: A }, kb, settings));
    corpus.add(annotateArticle({ name: 'b.txt', data: B }, kb, settings));
    quads = corpus.quads();
  });

  it('two people who share a name part stay two entities', () => {
    const wei = labelled('Zhang Wei');
    const min = labelled('Zhang Min');
    expect(wei).toHaveLength(1);
    expect(min).toHaveLength(1);
    expect(wei[0]).not.toBe(min[0]);
    // "Zhang" in article B is Zhang Min's name, not Zhang Wei's.
    const alts = (iri: string) => quads.filter((q) => q.subject.value === iri && q.predicate.value === ALT).map((q) => q.object.value);
    expect(alts(min[0])).toContain('Zhang');
    expect(alts(wei[0])).not.toContain('Zhang');
    expect(mentionsOf('a.txt')).toContain(wei[0]);
    expect(mentionsOf('a.txt')).not.toContain(min[0]);
    expect(mentionsOf('b.txt')).toContain(min[0]);
    expect(mentionsOf('b.txt')).not.toContain(wei[0]);
  });

  it('"US Justice Department" in one article and "Justice Department" (US context) in another are one entity', () => {
    const doj = (id: string) => {
      const rec = corpus.get(id)!;
      const c = rec.clusters.find((x) => x.kind === 'Organization' && [x.label, ...x.names].some((n) => /Justice Department$/.test(n)));
      expect(c, `${id}: ${JSON.stringify(rec.clusters.map((x) => x.label))}`).toBeDefined();
      return c!;
    };
    expect(doj('a.txt').names.concat(doj('a.txt').label)).toContain('US Justice Department');
    expect(doj('b.txt').names.concat(doj('b.txt').label)).toContain('Justice Department');
    const both = mentionsOf('a.txt').filter((iri) => mentionsOf('b.txt').includes(iri));
    const orgs = both.filter((iri) => quads.some((q) => q.subject.value === iri && q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.schema}Organization`));
    expect(orgs).toHaveLength(1);
    const names = quads.filter((q) => q.subject.value === orgs[0] && (q.predicate.value === LABEL || q.predicate.value === ALT)).map((q) => q.object.value);
    expect(names).toEqual(expect.arrayContaining(['US Justice Department', 'Justice Department']));
    expect(quads.filter((q) => q.subject.value === orgs[0] && q.predicate.value === LABEL)).toHaveLength(1);
  });

  it('an entity IRI does not change when another article is added', () => {
    const before = labelled('Zhang Wei')[0];
    const c2 = new Corpus(settings, kb);
    c2.add(annotateArticle({ name: 'a.txt', data: A }, kb, settings));
    const alone = c2.quads().filter((q) => q.predicate.value === LABEL && q.object.value === 'Zhang Wei').map((q) => q.subject.value);
    expect(alone).toEqual([before]);
  });
});
