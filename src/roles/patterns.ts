/**
 * The shapes news writing gives a spokesperson, as data for the sequence matcher
 * (src/rules/sequence.ts). Each pattern captures what it reads (person, org, noun,
 * title, leader, anaphor) and says where the organization comes from; which org that
 * finally is, and who the person is, is decided in policy.ts. Every pattern carries
 * sentences it must read (with the person and organization named) and sentences it
 * must not: test/roles/patterns.test.ts runs them all. Order matters: for a named
 * person the first shape that matches them is the one used; for an unnamed title the
 * first shape that matches the title.
 */
import {
  alt, anaphor, anyBut, anyPerson, cap, gap, group, opt, org, orgAt, person, star, word, wordLike,
  type Element, type SequencePattern,
} from '../rules/sequence.js';

/** Where a role's organization is read from, tried in order. */
export type OrgSource =
  /** the captured organization mention */
  | 'org'
  /** a lower-case organization noun ("an embassy spokesperson"): the nearest organization of that type */
  | 'noun'
  /** "press secretary to President X": the leader's office the article names */
  | 'leader'
  /** no organization written: the body named just before (only for someone not yet a spokesperson) */
  | 'nearest';

export interface RoleShape {
  /**
   * named: the captured person, whose shape comes first; apposed: the name after an unnamed
   * title ("a ministry spokesman, NAME,"), read with the unnamed titles; unnamed: a person
   * without a name; anaphor: "the spokesperson" → the nearest role before.
   */
  person: 'named' | 'apposed' | 'unnamed' | 'anaphor';
  orgFrom: readonly OrgSource[];
  /**
   * For named persons: 'match' (default) — the first shape that matches the person is theirs,
   * even if no organization is found; 'role' — only when it yields a role.
   */
  claims?: 'match' | 'role';
}

export interface RoleExample {
  text: string;
  /** A word of the person's name; absent for an unnamed spokesperson. */
  person?: string;
  /** A word of the organization's name. */
  org: string;
}

export interface RolePattern extends SequencePattern<RoleShape> {
  examples: readonly RoleExample[];
  counter: readonly string[];
}

const SPOKES_WORD = word('spokesman', 'spokeswoman', 'spokesperson');
/** A spokes-title: one word, or "press secretary" and its kin. */
const TITLE = alt(SPOKES_WORD, group(word('press'), word('secretary', 'officer', 'attaché')));
const QUALIFIER_WORDS = ['deputy', 'chief', 'senior', 'official', 'acting', 'principal', 'main', 'assistant', 'foreign', 'regular', 'its', 'his', 'her'];
/** Words between an organization and its title ("the ministry's deputy spokesman"); "foreign" because "foreign ministry" is often lower case. */
const QUALIFIERS = star(word(...QUALIFIER_WORDS));
const QUALIFIERS_OR_ARTICLE = star(word(...QUALIFIER_WORDS, 'a', 'an', 'the'));
const POSSESSIVE = opt(word("'s", '’s'));
/** Lower-case nouns that name an organization of their own type ("the embassy", "ministry"). */
export const ORG_NOUN_WORDS = ['ministry', 'embassy', 'department', 'agency', 'government', 'military', 'company', 'firm', 'office', 'kremlin', 'bureau'] as const;
const ORG_NOUN = word(...ORG_NOUN_WORDS);
const LEADER = word('president', 'prime', 'premier', 'chancellor', 'king', 'supreme');
/** "NAME, (a|the) spokesman for|to …": what follows names the body spoken for. */
const NAME_TITLE_PREP = [cap('person', person()), word(','), QUALIFIERS_OR_ARTICLE, cap('title', group(opt(anyBut(',', '.')), TITLE)),
  word('for', 'of', 'at', 'from', 'to'), opt(word('the', 'its', 'his', 'her'))];
/** Not a name already given for this title: "Geng, the spokesman", "Qin Gang, spokesman for …". */
const NAME_BEFORE: readonly Element[] = [anyPerson(), word(','), gap(anyBut(), 0, 2)];
const UNNAMED_LOOKAROUND = { notBefore: { of: 'title', els: NAME_BEFORE }, notAfter: { of: 'title', els: [anyPerson()] } };

export const ROLE_PATTERNS: readonly RolePattern[] = [
  {
    id: 'org-title-in-name',
    // The recogniser kept the title with the name ("Foreign Ministry Spokesperson Hua Chunying"); the org ends just before it.
    elements: [cap('org', org()), cap('person', person({ title: /(^|\s)spokes(man|woman|person)$/i }))],
    data: { person: 'named', orgFrom: ['org'], claims: 'role' },
    examples: [{ text: 'Iranian Foreign Ministry spokesman Reza Karimi denied the charges, calling them groundless and irresponsible.', person: 'Karimi', org: 'Foreign Ministry' }],
    counter: ['Defence analyst Mark Ellison said the Foreign Ministry had rejected the accusations as groundless.'],
  },
  {
    id: 'org-title-name',
    // "[ORG] spokesman NAME", "the ministry's deputy spokesman NAME", "White House press secretary NAME", or a title alone before the name.
    elements: [opt(alt(cap('org', org()), cap('noun', ORG_NOUN))), POSSESSIVE, QUALIFIERS, cap('title', TITLE), cap('person', person())],
    data: { person: 'named', orgFrom: ['org', 'noun', 'nearest'] },
    examples: [
      { text: "The Northland Cyber Defence Agency's chief spokesman Tomas Berg rejected the claims on Friday morning.", person: 'Berg', org: 'Northland Cyber Defence Agency' },
      { text: 'Officials at the State Cyber Office declined to comment on the claims. Later press secretary Ilse Brandt said they were false.', person: 'Brandt', org: 'State Cyber Office' },
      { text: "Iran's embassy in Oslo issued a statement on Tuesday. The embassy's deputy spokesman Erik Dahl called the claims groundless.", person: 'Dahl', org: 'embassy' },
    ],
    counter: ['Tomas Berg, who once worked as a reporter, said the claims against the agency were false.'],
  },
  {
    id: 'name-title-for-org',
    elements: [...NAME_TITLE_PREP, cap('org', orgAt())],
    data: { person: 'named', orgFrom: ['org'] },
    examples: [
      { text: 'Mara Lisk, spokeswoman for the Ministry of National Defence, said the accusation was absurd and baseless.', person: 'Lisk', org: 'Ministry of National Defence' },
      { text: '"We reject these claims," said Tomas Berg, a spokesman for the Northland Cyber Defence Agency, on Friday.', person: 'Berg', org: 'Northland Cyber Defence Agency' },
    ],
    counter: ['Mara Lisk, a lawyer for the Ministry of National Defence, said the accusation was absurd and baseless.'],
  },
  {
    id: 'name-title-to-leader',
    // "press secretary to President X": the leader's office speaks (the Kremlin, the White House).
    elements: [...NAME_TITLE_PREP, cap('leader', LEADER)],
    data: { person: 'named', orgFrom: ['leader'] },
    examples: [{ text: 'The Kremlin dismissed the report on Monday. Dmitri Volkov, press secretary to President Ivan Sorokin, called it slander.', person: 'Volkov', org: 'Kremlin' }],
    counter: ['Dmitri Volkov, press secretary to the committee, called the report slander against Moscow and its allies.'],
  },
  {
    id: 'name-leaders-title',
    // "Dmitry Volkov, President Sorokin's spokesman,": the leader's office the article names speaks.
    elements: [cap('person', person()), word(','), cap('leader', alt(anyPerson(), wordLike(/^\p{Lu}[\p{L}-]+$/u))), word("'s", '’s'), QUALIFIERS, cap('title', TITLE)],
    data: { person: 'named', orgFrom: ['leader'] },
    examples: [{ text: 'The Kremlin dismissed the report on Monday. Dmitry Volkov, Ivan Sorokin\'s spokesman, called it slander.', person: 'Volkov', org: 'Kremlin' }],
    counter: ['Dmitry Volkov, Ivan Sorokin\'s lawyer, called the report slander against Moscow and its allies.'],
  },
  {
    id: 'name-speaks-for-org',
    // "NAME, who speaks for the foreign ministry,".
    elements: [cap('person', person()), word(','), word('who'), cap('title', group(word('speaks', 'spoke'), word('for'))), opt(word('the')), cap('org', orgAt())],
    data: { person: 'named', orgFrom: ['org'] },
    examples: [{ text: 'Mara Lisk, who speaks for the Ministry of National Defence, said the accusation was absurd and baseless.', person: 'Lisk', org: 'Ministry of National Defence' }],
    counter: ['Mara Lisk, who spoke to the Ministry of National Defence, said the accusation was absurd and baseless.'],
  },
  {
    id: 'name-the-org-title',
    // "NAME, the foreign ministry spokeswoman", "NAME, who is the Foreign Office spokesman": the org ends just before the title.
    elements: [cap('person', person()), word(','), QUALIFIERS_OR_ARTICLE,
      gap(anyBut(',', '.', 'spokesman', 'spokeswoman', 'spokesperson', 'secretary', 'officer', 'attaché'), 0, 6), cap('org', org()), cap('title', TITLE)],
    data: { person: 'named', orgFrom: ['org'] },
    examples: [
      { text: 'Mara Lisk, the Ministry of National Defence spokeswoman, said the accusation was absurd and baseless.', person: 'Lisk', org: 'Ministry of National Defence' },
      { text: 'Tomas Berg, who is the Northland Cyber Defence Agency press secretary, said the claims were false.', person: 'Berg', org: 'Northland Cyber Defence Agency' },
    ],
    counter: ["Mara Lisk, the Ministry of National Defence's former envoy to Oslo, said the accusation was absurd."],
  },
  {
    id: 'org-title-apposed-name',
    // "a Foreign Office spokesman, NAME, told …"
    elements: [cap('org', org()), POSSESSIVE, cap('title', SPOKES_WORD), word(','), cap('person', person())],
    ...UNNAMED_LOOKAROUND,
    data: { person: 'apposed', orgFrom: ['org'] },
    examples: [{ text: 'A State Cyber Office spokesman, Jonas Weller, told reporters the attack had been contained within hours.', person: 'Weller', org: 'State Cyber Office' }],
    counter: ['A State Cyber Office spokesman told reporters that the attack had been contained within hours.'],
  },
  {
    id: 'org-title-unnamed',
    // "[ORG] spokesman said", "the agency's spokesperson" with no name.
    elements: [cap('org', org()), POSSESSIVE, cap('title', SPOKES_WORD)],
    ...UNNAMED_LOOKAROUND,
    data: { person: 'unnamed', orgFrom: ['org'] },
    examples: [{ text: 'A State Cyber Office spokesman said the agency would take countermeasures against the attackers.', org: 'State Cyber Office' }],
    counter: ['State Cyber Office spokesman Jonas Weller said the agency would take countermeasures against attackers.'],
  },
  {
    id: 'title-for-org-unnamed',
    // "a spokesperson for the North's foreign ministry": a possessor before the body is its country, not the body.
    elements: [cap('title', SPOKES_WORD), word('for', 'of', 'from', 'at'), opt(word('the', 'its')), opt(group(org(), word("'s", '’s'))), cap('org', orgAt())],
    ...UNNAMED_LOOKAROUND,
    data: { person: 'unnamed', orgFrom: ['org'] },
    examples: [
      { text: 'A spokesperson for the State Cyber Office said the agency would take countermeasures against the attackers.', org: 'State Cyber Office' },
      { text: "A spokesman for Norway's foreign ministry said on Friday that the accusations were completely unfounded.", org: 'ministry' },
    ],
    counter: ['A spokesperson for the festival said the concerts would take place in the old city as planned.'],
  },
  {
    id: 'noun-title-apposed-name',
    elements: [cap('noun', ORG_NOUN), POSSESSIVE, cap('title', SPOKES_WORD), word(','), cap('person', person())],
    ...UNNAMED_LOOKAROUND,
    data: { person: 'apposed', orgFrom: ['noun'] },
    examples: [{ text: "Iran's embassy in Oslo issued a statement on Tuesday evening. An embassy spokesman, Erik Dahl, said the claims were groundless.", person: 'Dahl', org: 'embassy' }],
    counter: ['An embassy spokesman said on Tuesday evening that the claims made in the report were groundless.'],
  },
  {
    id: 'noun-title-unnamed',
    // "an embassy spokesperson": the nearest embassy the article named.
    elements: [cap('noun', ORG_NOUN), POSSESSIVE, cap('title', SPOKES_WORD)],
    ...UNNAMED_LOOKAROUND,
    data: { person: 'unnamed', orgFrom: ['noun'] },
    examples: [{ text: "Iran's embassy in Oslo issued a statement on Tuesday evening. An embassy spokesperson said the accusations were groundless.", org: 'embassy' }],
    counter: ['A festival spokesperson said on Tuesday evening that the concerts would take place as planned.'],
  },
  {
    id: 'the-spokesperson',
    // "The spokesperson said …": the nearest spokesperson before.
    elements: [cap('anaphor', anaphor(/^spokes(man|woman|person)$/i))],
    data: { person: 'anaphor', orgFrom: [] },
    examples: [{ text: 'A spokesperson for the State Cyber Office said the agency would act. The spokesperson said the office had asked the police to investigate.', org: 'State Cyber Office' }],
    counter: ['A spokesperson for the State Cyber Office said the agency would take countermeasures against the attackers.'],
  },
];
