/**
 * Every IRI the project writes, in one place. Code never spells an ontology IRI
 * as a string literal elsewhere: import the constant from here.
 */
import { DataFactory, type NamedNode } from 'n3';

const { namedNode } = DataFactory;

export const NS = {
  nkg: 'https://w3id.org/newskg/ontology#',
  schema: 'https://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  oa: 'http://www.w3.org/ns/oa#',
  org: 'http://www.w3.org/ns/org#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
  sh: 'http://www.w3.org/ns/shacl#',
} as const;

/** Default base for the IRIs of the data (articles, entities, events). Settings may override it. */
export const DEFAULT_BASE_IRI = 'https://w3id.org/newskg/id/';

function ns<const T extends readonly string[]>(base: string, names: T): { [K in T[number]]: NamedNode } {
  const out = {} as { [K in T[number]]: NamedNode };
  for (const n of names) (out as Record<string, NamedNode>)[n] = namedNode(base + n);
  return out;
}

export const NKG = ns(NS.nkg, [
  // classes
  'Accusation', 'Response', 'SpokespersonRole',
  'Indictment', 'Report', 'Allegation', 'Charge', 'Sanction', 'Expulsion', 'Advisory',
  'Denial', 'Rebuttal', 'CounterAccusation', 'Demand', 'Countermeasure', 'Protest',
  'Ministry', 'Department', 'Agency', 'IntelligenceAgency', 'Military', 'Company',
  'MediaOrganization', 'University', 'WorkingGroup', 'Embassy', 'Legislature',
  'ThinkTank', 'ThreatActor', 'Court', 'Government',
  // properties
  'spokespersonFor', 'accuser', 'accused', 'target', 'respondent', 'respondsTo',
  'evidence', 'quote', 'allegedActivity', 'cameoCode', 'ploverEvent', 'ploverMode', 'ploverContext', 'kind', 'trigger', 'country',
]);

export const SCHEMA = ns(NS.schema, [
  'NewsArticle', 'Person', 'Organization', 'GovernmentOrganization', 'Corporation',
  'NewsMediaOrganization', 'CollegeOrUniversity', 'Country', 'Place', 'City', 'AdministrativeArea',
  'Event', 'Role', 'Legislature', 'Consortium',
  'identifier', 'headline', 'datePublished', 'publisher', 'author', 'mentions', 'name',
  'alternateName', 'description', 'text', 'url', 'inLanguage', 'wordCount', 'spokesperson', 'jobTitle',
  'affiliation', 'memberOf', 'about', 'agent', 'object', 'Action', 'CommunicateAction', 'countryOfOrigin',
]);

export const PROV = ns(NS.prov, ['wasDerivedFrom', 'Entity', 'Activity', 'Agent', 'wasAttributedTo', 'generatedAtTime']);
export const RDF = ns(NS.rdf, ['type', 'Property']);
export const RDFS = ns(NS.rdfs, ['label', 'comment', 'subClassOf', 'subPropertyOf', 'domain', 'range', 'seeAlso']);
export const SKOS = ns(NS.skos, ['altLabel', 'prefLabel', 'notation', 'Concept', 'exactMatch']);
export const OA = ns(NS.oa, [
  'Annotation', 'SpecificResource', 'TextQuoteSelector', 'TextPositionSelector',
  'hasTarget', 'hasSource', 'hasSelector', 'exact', 'prefix', 'suffix', 'start', 'end', 'motivatedBy', 'describing',
]);
export const ORG = ns(NS.org, ['Membership', 'Role', 'member', 'organization', 'role', 'Organization', 'memberOf']);
export const OWL = ns(NS.owl, ['Ontology', 'Class', 'ObjectProperty', 'DatatypeProperty', 'AnnotationProperty', 'equivalentClass', 'sameAs']);
export const XSD = ns(NS.xsd, ['string', 'date', 'dateTime', 'integer', 'nonNegativeInteger']);

/** Prefixes written at the top of every Turtle/TriG export. */
export const PREFIXES: Record<string, string> = {
  nkg: NS.nkg,
  schema: NS.schema,
  prov: NS.prov,
  rdf: NS.rdf,
  rdfs: NS.rdfs,
  skos: NS.skos,
  oa: NS.oa,
  org: NS.org,
  xsd: NS.xsd,
};
