import { describe, expect, it } from 'vitest';
import { DataFactory, Parser } from 'n3';
import { formatShaclReport, validateShacl, type ShaclReport } from '../../src/validate/shacl.js';
import { NKG, NS, OA, RDFS } from '../../src/ontology/terms.js';

// A small graph shaped like the pipeline's output: one article, its outlet and
// author, a spokesperson and an unnamed one, an accusation, a response, a role,
// each with its evidence annotation.
const PREFIXES = `
@base <https://w3id.org/newskg/id/> .
@prefix nkg: <${NS.nkg}> .
@prefix schema: <${NS.schema}> .
@prefix prov: <${NS.prov}> .
@prefix rdfs: <${NS.rdfs}> .
@prefix skos: <${NS.skos}> .
@prefix oa: <${NS.oa}> .
@prefix org: <${NS.org}> .
@prefix xsd: <${NS.xsd}> .
`;

const ARTICLE = `
<article/000-seed> a schema:NewsArticle ;
    schema:identifier "000_seed.txt" ;
    schema:headline "China slams indictments over cyber snooping" ;
    schema:datePublished "2014-05-20"^^xsd:date ;
    schema:publisher <entity/pacific-ledger> ;
    schema:author <entity/jane-doe> ;
    schema:mentions <entity/qin-gang>, <entity/mfa-china>, <entity/united-states>, <entity/doj>,
        <entity/siio>, <entity/us-steel> .
`;

const ENTITIES = `
<entity/pacific-ledger> a schema:Organization, nkg:MediaOrganization ; rdfs:label "Pacific Ledger" .
<entity/jane-doe> a schema:Person ; rdfs:label "Jane Doe" .
<entity/qin-gang> a schema:Person ; rdfs:label "Qin Gang" ; skos:altLabel "Qin" ;
    nkg:spokespersonFor <entity/mfa-china> .
<entity/mfa-china> a schema:Organization, schema:GovernmentOrganization, nkg:Ministry ;
    rdfs:label "Ministry of Foreign Affairs of the People's Republic of China" ;
    skos:altLabel "Foreign Ministry", "Chinese Foreign Ministry" ;
    nkg:country <entity/china> .
<entity/china> a schema:Country ; rdfs:label "China" .
<entity/united-states> a schema:Country ; rdfs:label "United States" ; skos:altLabel "US", "U.S." .
<entity/doj> a schema:Organization, nkg:Department ; rdfs:label "US Department of Justice" ;
    nkg:country <entity/united-states> .
<entity/us-steel> a schema:Organization, nkg:Company ; rdfs:label "US Steel" .
<entity/siio> a schema:Organization, nkg:Agency ; rdfs:label "State Internet Information Office" .
<entity/siio-spokesperson> a schema:Person ; nkg:spokespersonFor <entity/siio> .
`;

function evidence(n: number, exact: string, start: number, end: number, selectors = 'both'): string {
  const ann = `<evidence/000-seed-${n}>`;
  const sel =
    selectors === 'both' ? `<evidence/000-seed-${n}#quote>, <evidence/000-seed-${n}#pos>`
    : selectors === 'quote' ? `<evidence/000-seed-${n}#quote>`
    : `<evidence/000-seed-${n}#pos>`;
  return `
${ann} a oa:Annotation ; oa:motivatedBy oa:describing ; oa:hasTarget <evidence/000-seed-${n}#target> .
<evidence/000-seed-${n}#target> a oa:SpecificResource ; oa:hasSource <article/000-seed> ;
    oa:hasSelector ${sel} .
<evidence/000-seed-${n}#quote> a oa:TextQuoteSelector ; oa:exact ${JSON.stringify(exact)} .
<evidence/000-seed-${n}#pos> a oa:TextPositionSelector ;
    oa:start "${start}"^^xsd:nonNegativeInteger ; oa:end "${end}"^^xsd:nonNegativeInteger .
`;
}

const ACCUSATION = `
<event/000-seed-a1> a nkg:Accusation, nkg:Indictment ;
    nkg:accuser <entity/doj>, <entity/united-states> ;
    nkg:accused <entity/china> ;
    nkg:target <entity/us-steel> ;
    nkg:allegedActivity "hacking into computers of US companies" ;
    nkg:cameoCode "1125" ; nkg:kind "indictment" ; nkg:trigger "indicted" ;
    prov:wasDerivedFrom <article/000-seed> ;
    nkg:evidence <evidence/000-seed-1> .
`;

const RESPONSE = `
<event/000-seed-r1> a nkg:Response, nkg:Denial ;
    nkg:respondent <entity/qin-gang> ;
    nkg:respondsTo <event/000-seed-a1> ;
    nkg:quote "China has never engaged in cyber theft" ;
    nkg:cameoCode "016" ; nkg:kind "denial" ;
    prov:wasDerivedFrom <article/000-seed> ;
    nkg:evidence <evidence/000-seed-2> .
`;

const ROLE = `
<event/000-seed-s1> a nkg:SpokespersonRole ;
    org:member <entity/qin-gang> ; org:organization <entity/mfa-china> ;
    schema:jobTitle "spokesman" ;
    prov:wasDerivedFrom <article/000-seed> ;
    nkg:evidence <evidence/000-seed-3> .
`;

interface Parts {
  accusation?: string;
  response?: string;
  entities?: string;
  evidence1?: string;
  extra?: string;
}

function graph(parts: Parts = {}): string {
  return [
    PREFIXES,
    ARTICLE,
    parts.entities ?? ENTITIES,
    parts.accusation ?? ACCUSATION,
    parts.response ?? RESPONSE,
    ROLE,
    parts.evidence1 ?? evidence(1, 'The US indicted five officers.', 0, 30),
    evidence(2, 'China has never engaged in cyber theft, Qin said.', 31, 80),
    evidence(3, 'Foreign Ministry spokesman Qin Gang said.', 81, 122),
    parts.extra ?? '',
  ].join('\n');
}

function brokenPaths(report: ShaclReport): (string | null)[] {
  return report.results.map((r) => r.path);
}

describe('validateShacl', () => {
  it('accepts a well-formed graph', async () => {
    const report = await validateShacl(graph());
    expect(report.conforms, formatShaclReport(report)).toBe(true);
    expect(report.results).toEqual([]);
  });

  it('accepts quads from any named graph (validated as one union graph)', async () => {
    const quads = new Parser({ baseIRI: 'https://w3id.org/newskg/id/' }).parse(graph());
    const g = DataFactory.namedNode('https://w3id.org/newskg/id/article/000-seed');
    const inGraph = quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, g));
    const report = await validateShacl(inGraph);
    expect(report.conforms, formatShaclReport(report)).toBe(true);
  });

  it('rejects an accusation without an accuser', async () => {
    const report = await validateShacl(
      graph({ accusation: ACCUSATION.replace('nkg:accuser <entity/doj>, <entity/united-states> ;', '') }),
    );
    expect(report.conforms).toBe(false);
    expect(brokenPaths(report)).toContain(NKG.accuser.value);
    const r = report.results.find((x) => x.path === NKG.accuser.value)!;
    expect(r.focusNode).toBe('https://w3id.org/newskg/id/event/000-seed-a1');
    expect(formatShaclReport(report)).toContain('nkg:accuser');
  });

  it('rejects an evidence target without a TextPositionSelector', async () => {
    const report = await validateShacl(graph({ evidence1: evidence(1, 'The US indicted five officers.', 0, 30, 'quote') }));
    expect(report.conforms).toBe(false);
    expect(brokenPaths(report)).toContain(OA.hasSelector.value);
    expect(formatShaclReport(report)).toContain('TextPositionSelector');
  });

  it('rejects an entity with two rdfs:labels', async () => {
    const report = await validateShacl(
      graph({ entities: ENTITIES.replace('rdfs:label "China" .', 'rdfs:label "China", "PRC" .') }),
    );
    expect(report.conforms).toBe(false);
    expect(brokenPaths(report)).toContain(RDFS.label.value);
    expect(report.results.find((x) => x.path === RDFS.label.value)!.focusNode).toBe(
      'https://w3id.org/newskg/id/entity/china',
    );
  });

  it('rejects a response whose respondsTo is not an accusation', async () => {
    const report = await validateShacl(
      graph({ response: RESPONSE.replace('nkg:respondsTo <event/000-seed-a1>', 'nkg:respondsTo <entity/doj>') }),
    );
    expect(report.conforms).toBe(false);
    expect(brokenPaths(report)).toContain(NKG.respondsTo.value);
    expect(report.results.find((x) => x.path === NKG.respondsTo.value)!.value).toBe(
      'https://w3id.org/newskg/id/entity/doj',
    );
  });

  it('requires a name, except for an unnamed spokesperson', async () => {
    const report = await validateShacl(graph({ extra: '<entity/nobody> a schema:Person .' }));
    expect(report.conforms).toBe(false);
    expect(report.results.map((r) => r.focusNode)).toEqual(['https://w3id.org/newskg/id/entity/nobody']);
  });

  it('rejects inverted or negative offsets and a missing kind class', async () => {
    const bad = await validateShacl(graph({ evidence1: evidence(1, 'The US indicted five officers.', 30, 0) }));
    expect(bad.conforms).toBe(false);
    expect(brokenPaths(bad)).toContain(OA.start.value);
    const noKind = await validateShacl(graph({ accusation: ACCUSATION.replace(', nkg:Indictment', '') }));
    expect(noKind.conforms).toBe(false);
    expect(formatShaclReport(noKind)).toContain('rdf:type');
  });

  it('reads Turtle errors as errors, not as non-conformance', async () => {
    await expect(validateShacl('<a> <b> .')).rejects.toThrow(/not valid Turtle/);
  });
});
