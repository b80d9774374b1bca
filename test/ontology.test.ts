import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Parser, Store, DataFactory, type Quad_Object } from 'n3';
import { NKG, NS, OWL, RDF, RDFS, SKOS, XSD } from '../src/ontology/terms.js';

const { namedNode } = DataFactory;
const ONTOLOGY = fileURLToPath(new URL('../ontology/newskg.ttl', import.meta.url));
const SHAPES = fileURLToPath(new URL('../ontology/shapes.ttl', import.meta.url));

const store = new Store(new Parser({ baseIRI: NS.nkg }).parse(readFileSync(ONTOLOGY, 'utf8')));
const SCHEMA_DOMAIN_INCLUDES = namedNode(`${NS.schema}domainIncludes`);

const ACCUSATION_KINDS = ['Indictment', 'Charge', 'Report', 'Allegation', 'Sanction', 'Expulsion', 'Advisory'] as const;
const RESPONSE_KINDS = ['Denial', 'Rebuttal', 'CounterAccusation', 'Demand', 'Countermeasure', 'Protest'] as const;

function objects(s: string, p: { value: string }): Quad_Object[] {
  return store.getObjects(namedNode(s), namedNode(p.value), null);
}

function englishLiteral(s: string, p: { value: string }): string | undefined {
  return objects(s, p).find((o) => o.termType === 'Literal' && o.language === 'en')?.value;
}

const hasRapper = spawnSync('rapper', ['--version']).error === undefined;

describe('ontology/newskg.ttl', () => {
  it('declares the ontology IRI', () => {
    expect(store.has(DataFactory.quad(namedNode('https://w3id.org/newskg/ontology'), RDF.type, OWL.Ontology))).toBe(true);
  });

  it.each(Object.keys(NKG))('declares nkg:%s with an English label and comment', (name) => {
    const iri = NS.nkg + name;
    const types = objects(iri, RDF.type).map((t) => t.value);
    expect(types.some((t) => t.startsWith(NS.owl)), `nkg:${name} has no owl: type`).toBe(true);
    expect(englishLiteral(iri, RDFS.label), `nkg:${name} rdfs:label@en`).toBeTruthy();
    expect(englishLiteral(iri, RDFS.comment), `nkg:${name} rdfs:comment@en`).toBeTruthy();
  });

  it('gives every property a range and a domain (rdfs:domain or schema:domainIncludes)', () => {
    for (const [name, term] of Object.entries(NKG)) {
      const types = objects(term.value, RDF.type).map((t) => t.value);
      if (!types.includes(OWL.ObjectProperty.value) && !types.includes(OWL.DatatypeProperty.value)) continue;
      expect(objects(term.value, RDFS.range).length, `nkg:${name} range`).toBeGreaterThan(0);
      const domains = [...objects(term.value, RDFS.domain), ...objects(term.value, SCHEMA_DOMAIN_INCLUDES)];
      expect(domains.length, `nkg:${name} domain`).toBeGreaterThan(0);
    }
  });

  it.each([...ACCUSATION_KINDS.map((k) => [k, 'Accusation']), ...RESPONSE_KINDS.map((k) => [k, 'Response'])])(
    'nkg:%s is a subclass of nkg:%s with a CAMEO code',
    (kind, parent) => {
      const iri = NS.nkg + kind;
      expect(objects(iri, RDFS.subClassOf).map((o) => o.value)).toContain(NS.nkg + parent);
      const codes = objects(iri, NKG.cameoCode);
      expect(codes).toHaveLength(1);
      expect(codes[0]!.value).toMatch(/^\d{3,4}$/);
      expect(objects(iri, SKOS.notation).map((o) => o.value)).toEqual([codes[0]!.value]);
    },
  );

  it('uses the CAMEO codes chosen for each kind', () => {
    const code = (k: string) => objects(NS.nkg + k, NKG.cameoCode)[0]?.value;
    expect(code('Denial')).toBe('016');
    expect(code('Indictment')).toBe('1125');
    expect(code('Sanction')).toBe('163');
    expect(code('Demand')).toBe('100');
  });

  it('aligns the core classes and properties to schema.org, PROV-O and W3C ORG', () => {
    const sup = (s: string, p = RDFS.subClassOf) => objects(NS.nkg + s, p).map((o) => o.value);
    expect(sup('Accusation')).toEqual(expect.arrayContaining([`${NS.schema}Event`, `${NS.prov}Activity`]));
    expect(sup('SpokespersonRole')).toContain(`${NS.org}Membership`);
    expect(sup('spokespersonFor', RDFS.subPropertyOf)).toEqual(
      expect.arrayContaining([`${NS.schema}affiliation`, `${NS.org}memberOf`]),
    );
    expect(objects(NKG.evidence.value, RDFS.range).map((o) => o.value)).toEqual([`${NS.oa}Annotation`]);
    expect(objects(NKG.quote.value, RDFS.range).map((o) => o.value)).toEqual([XSD.string.value]);
    expect(objects(NKG.country.value, RDFS.range).map((o) => o.value)).toEqual([`${NS.schema}Country`]);
  });

  it.skipIf(!hasRapper)('is accepted by rapper, as is shapes.ttl', () => {
    for (const file of [ONTOLOGY, SHAPES]) {
      const run = spawnSync('rapper', ['-i', 'turtle', '-c', file], { encoding: 'utf8' });
      expect(run.status, `${file}\n${run.stderr}`).toBe(0);
      expect(run.stderr).not.toMatch(/error|warning/i);
    }
  });
});
