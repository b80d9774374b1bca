/**
 * The document model: the text the pipeline read and the layers the stages add.
 * Every layer points into `text` by character offsets; a mention is a view
 * (`start`, `end`, label), never a copied string.
 */

export interface Span {
  start: number;
  end: number;
}

/** Coarse entity types (KG-CONTRACT: Person, Organization, Country/Place). */
export type EntityKind = 'Person' | 'Organization' | 'Country' | 'Place';

/** Finer organization types. */
export type OrgType =
  | 'government' | 'ministry' | 'department' | 'agency' | 'intelligence' | 'military'
  | 'company' | 'media' | 'university' | 'working-group' | 'embassy' | 'legislature'
  | 'think-tank' | 'threat-actor' | 'court' | 'organization';

export interface Token extends Span {
  pos: string;
  /** wink's lemma, lower-cased ("indicted" → "indict"); rules match verbs and nouns by it. */
  lemma?: string;
  /** Index of the sentence holding the token. */
  sentence: number;
}

export interface Sentence extends Span {
  /** Index of the first token and one past the last. */
  firstToken: number;
  lastToken: number;
  /** Index of the body block (paragraph) holding the sentence. */
  block: number;
}

export interface Mention extends Span {
  kind: EntityKind;
  sub?: OrgType;
  sentence: number;
  /** Knowledge-base id when the name is a known country or institution. */
  kbId?: string;
  /** ISO alpha-2 code of the country an organization belongs to, when read from its name. */
  country?: string;
  /** The name with its country modifier and article removed ("US Justice Department" → "Justice Department"). */
  core?: string;
  /** A pronoun or a definite description ("he", "the ministry"), resolved by the resolve stage. */
  anaphor?: boolean;
  /** Index of the cluster (resolve stage). */
  cluster?: number;
  /** A title or role written with a person's name ("Foreign Ministry spokesman", "Attorney General"). */
  title?: string;
  /** he/she: the gender a pronoun refers to. */
  gender?: 'm' | 'f';
  /** A country written as a modifier ("Chinese", "US" in "US Justice Department"), not as an actor. */
  modifier?: boolean;
  /** The country was written as a demonym ("Chinese"), not by its name ("China", "US"). */
  demonym?: boolean;
  /** Index of the mention this one restates (an acronym in brackets after a name). */
  aliasOf?: number;
  /** A mission whose state the text leaves to context ("the country's embassy in Ottawa"): the host country it is in. */
  missionOf?: { host?: string };
}

/**
 * A mention with every field present, in one order: mentions pass through many rules, and
 * objects of one shape keep those rules' property reads monomorphic (mentions built with
 * only the fields they use had some twenty shapes, and the optimiser kept discarding code).
 * Absent fields are `undefined`, which JSON and every reader treat as missing.
 */
export function mention(m: Omit<Mention, 'start' | 'end' | 'sentence'>, start: number, end: number, sentence: number): Mention {
  return {
    start, end, sentence, kind: m.kind, sub: m.sub, kbId: m.kbId, country: m.country,
    core: m.core, anaphor: m.anaphor, cluster: m.cluster, title: m.title, gender: m.gender, modifier: m.modifier,
    demonym: m.demonym, aliasOf: m.aliasOf, missionOf: m.missionOf,
  };
}

/** A copy of a mention for a stage that changes it, in the same one shape. */
export function copyMention(m: Mention): Mention {
  return mention(m, m.start, m.end, m.sentence);
}

export interface Cluster {
  id: number;
  kind: EntityKind;
  sub?: OrgType;
  kbId?: string;
  country?: string;
  /** The name to show: the longest proper name among the mentions. */
  label: string;
  /** Every other name used for it in this article. */
  names: string[];
  mentions: number[];
  /** Unnamed spokesperson: a person known only by role. */
  unnamed?: boolean;
}

export interface Role {
  person: number;
  org: number;
  sentence: number;
  /** Title as written ("spokesman", "press secretary"). */
  title: string;
}

export type AccusationKind = 'indictment' | 'charge' | 'report' | 'allegation' | 'sanction' | 'expulsion' | 'advisory';
export type ResponseKind = 'denial' | 'rebuttal' | 'counter-accusation' | 'demand' | 'countermeasure' | 'protest';

export interface Accusation {
  kind: AccusationKind;
  accusers: number[];
  accused: number[];
  targets: number[];
  /** What the accused are said to have done ("economic cyber-espionage"). */
  activity?: string;
  /** The pattern ids that read it (provenance, for debugging rules). */
  rule?: string;
  /** Told as background ("Last year the Justice Department charged …"), not what the article is about. */
  background?: boolean;
  sentence: number;
  trigger: Span;
}

export interface Response {
  kind: ResponseKind;
  respondents: number[];
  /** Index into accusations. */
  respondsTo: number;
  sentence: number;
  trigger: Span;
  quote?: Span;
  /** The pattern id that read it. */
  rule?: string;
}

export interface Metadata {
  headline?: string;
  datePublished?: string;
  outlet?: string;
  /** The knowledge-base entry the outlet's name names, null when none (KnowledgeBase.outletEntry). */
  outletKb?: string | null;
  byline?: string[];
}

export interface Doc {
  /** The input file's base name (schema:identifier). */
  id: string;
  /** The text the pipeline read (after decoding and HTML extraction). All offsets point here. */
  text: string;
  format: 'text' | 'html';
  /** Body blocks (paragraphs), boilerplate excluded. */
  body: Span[];
  /** Spans recognised as boilerplate (navigation, share, related lists, footers, spam). */
  boilerplate: Span[];
  meta: Metadata;
  tokens: Token[];
  sentences: Sentence[];
  mentions: Mention[];
  clusters: Cluster[];
  roles: Role[];
  accusations: Accusation[];
  responses: Response[];
  /** Notes a stage left about what it could not do (reported, never fatal). */
  warnings: string[];
}

export function emptyDoc(id: string, text: string, format: Doc['format'] = 'text'): Doc {
  return {
    id, text, format, body: [], boilerplate: [], meta: {}, tokens: [], sentences: [], mentions: [],
    clusters: [], roles: [], accusations: [], responses: [], warnings: [],
  };
}

export function spanText(doc: Pick<Doc, 'text'>, s: Span): string {
  return doc.text.slice(s.start, s.end);
}
