/**
 * Response frames: how an accused side answers. Roles: respondent (who answers, when
 * the clause names them; else the speaker), answered (the phrase that names what is
 * answered: "the charges", "the British allegations"), addressee (who a demand is
 * made of). Which accusation is answered is decided by the dispute model.
 */
import type { ResponseKind } from '../../doc/document.js';
import type { Pattern } from '../../rules/matcher.js';

export type ResponseRole = 'respondent' | 'answered' | 'addressee';
export interface ResponseData {
  kind: ResponseKind;
  /** The verb or adjective carries the answer only in the words of the accused side (an adjective, "never"). */
  reported?: boolean;
}
type P = Pattern<ResponseRole, ResponseData>;

export const REBUT_ADJECTIVES = ['unfair', 'discriminatory', 'protectionist', 'protectionism', 'imagination', 'fantasy', 'fiction', 'mania', 'hysteria', 'paranoia', 'invention', 'fabrication', 'farce', 'fairy', 'absurdity', 'groundless', 'baseless', 'unfounded', 'absurd', 'fabricated', 'ungrounded', 'unwarranted', 'irresponsible', 'unprofessional', 'false', 'untrue', 'slanderous', 'ridiculous', 'nonsensical', 'preposterous', 'politically', 'malicious', 'russophobic', 'so-called', 'unsubstantiated', 'fictitious', 'invented', 'wild', 'gratuitous', 'provocative', 'hysterical', 'irrational', 'unacceptable', 'outrageous', 'lies', 'smear', 'nonsense', 'propaganda', 'hype', 'hypocritical', 'hypocrisy', 'anti-russian', 'anti-chinese', 'anti-iranian', 'anti-china', 'anti-russia', 'sinophobic'];
const ACCUSATION_NOUNS = ['accusation', 'allegation', 'charge', 'claim', 'report', 'finding', 'indictment', 'attribution', 'speculation', 'assertion', 'blame', 'statement', 'case', 'disclosure', 'smear', 'slander', 'rhetoric', 'conclusion', 'assessment', 'warning', 'advisory', 'sanction', 'expulsion', 'move', 'measure', 'decision', 'announcement', 'it', 'them', 'this', 'that'];
const DEMAND_VERBS = ['withdraw', 'stop', 'correct', 'cancel', 'end', 'cease', 'explain', 'respect', 'retract', 'halt', 'refrain', 'apologise', 'apologize', 'provide', 'produce', 'present', 'desist', 'drop', 'revoke', 'rescind', 'abandon', 'release', 'show'];
/** Verbs that ask another party to act: what follows is their demand, not the other's measure. */
const DEMANDING = ['urged', 'urge', 'urges', 'urging', 'asked', 'ask', 'asks', 'called', 'calls', 'demanded', 'demands', 'pressed', 'wants', 'wanted', 'told', 'requested'];
const DENY = ['deny', 'reject', 'dismiss', 'refute', 'rebut', 'deride', 'slam', 'rebuff', 'scoff', 'ridicule', 'mock', 'dispute', 'decry', 'repudiate', 'disavow', 'contest', 'counter', 'blast', 'criticise', 'criticize', 'condemn', 'denounce', 'oppose', 'call'];

export const RESPONSE_PATTERNS: readonly P[] = [
  {
    id: 'deny', verbs: ['deny'], voice: 'active',
    slots: { respondent: ['subject'], answered: ['object'] },
    data: { kind: 'denial' },
    examples: [{ text: 'Russia denied the accusations on Friday.', expect: { respondent: 'Russia' } }],
    counter: ['Russia was denied entry to the games.'],
  },
  {
    id: 'denial-noun', nouns: ['denial'],
    slots: { respondent: ['possessor', 'modifier', 'pp:from|by', 'governor-subject'], answered: ['pp:of'] },
    data: { kind: 'denial' },
    examples: [{ text: 'The denial from the Kremlin came within hours.', expect: { respondent: 'Kremlin' } }],
    counter: [],
  },
  {
    id: 'reject', verbs: DENY.filter((v) => v !== 'deny' && v !== 'call'), voice: 'active',
    slots: { respondent: ['subject'], answered: ['object', 'pp:off|at'] },
    data: { kind: 'rebuttal' },
    examples: [{ text: 'China rejected the British allegations as slander.', expect: { respondent: 'China' } }],
    counter: ['The accusations were rejected by the court.'],
  },
  {
    id: 'hit-back', verbs: ['hit', 'brush', 'shrug', 'lash', 'push', 'fire', 'strike', 'wave', 'laugh'], particle: ['back', 'off', 'aside', 'out'], voice: 'active',
    slots: { respondent: ['subject'], answered: ['object', 'pp:off|at|aside'] },
    data: { kind: 'rebuttal' },
    examples: [{ text: 'Russia on Thursday brushed off accusations of hacking.', expect: { respondent: 'Russia' } }],
    counter: ['The storm hit the coast on Thursday.'],
  },
  {
    id: 'call-groundless', verbs: ['call', 'describe', 'label', 'brand', 'term', 'dismiss'], voice: 'active', after: REBUT_ADJECTIVES,
    slots: { respondent: ['subject'], answered: ['object'] },
    data: { kind: 'rebuttal', reported: true },
    examples: [
      { text: 'Iran called the accusations baseless.', expect: { respondent: 'Iran' } },
      { text: 'Russia called the measures another anti-Russian step.', expect: { respondent: 'Russia' } },
    ],
    counter: ['Iran called for talks.'],
  },
  {
    id: 'groundless-copula', verbs: ['be', 'remain', 'seem', 'appear'], after: REBUT_ADJECTIVES,
    slots: { answered: ['subject'] },
    data: { kind: 'rebuttal', reported: true },
    examples: [{ text: 'The Kremlin said the accusations were groundless.', expect: { respondent: 'Kremlin' } }],
    counter: ['The Kremlin said the talks were useful.'],
  },
  {
    id: 'groundless-noun', nouns: ACCUSATION_NOUNS.filter((n) => !/^(it|them|this|that)$/.test(n)), modifiedBy: REBUT_ADJECTIVES,
    slots: { respondent: ['governor-subject'] },
    data: { kind: 'rebuttal', reported: true },
    examples: [{ text: 'The embassy said Russia opposed groundless accusations.', expect: { respondent: 'Russia' } }],
    counter: ['The accusations were serious.'],
  },
  {
    id: 'no-evidence', nouns: ['evidence', 'proof', 'fact', 'facts'], before: ['no', 'without', 'single', 'lack', 'any', 'zero', 'little', 'insufficient', 'inadequate'],
    slots: { respondent: ['governor-subject'] },
    data: { kind: 'rebuttal', reported: true },
    examples: [{ text: 'Five years had passed without Berlin producing a single concrete fact, Sergei Lavrov said.', expect: {} }],
    counter: ['The police found evidence of the break-in.'],
  },
  {
    id: 'never-anything', verbs: ['*'], polarity: 'negative', before: ['never'],
    slots: { respondent: ['subject'] },
    data: { kind: 'denial', reported: true },
    examples: [{ text: '"Huawei has never installed any backdoor in its products," the company said.', expect: {} }],
    counter: ['The company has installed a new plant.'],
  },
  {
    id: 'never-did', verbs: ['engage', 'participate', 'support', 'conduct', 'carry', 'sponsor', 'hack', 'attack', 'interfere', 'involve', 'allow', 'permit', 'take', 'have', 'be', 'target', 'spy', 'steal', 'launch', 'tolerate', 'encourage', 'do', 'meddle'],
    polarity: 'negative', slots: { respondent: ['subject'] },
    data: { kind: 'denial', reported: true },
    examples: [{ text: 'Beijing said China had never engaged in hacking.', expect: { respondent: 'China' } }],
    counter: ['Beijing said China had engaged in talks.'],
  },
  {
    id: 'demand', verbs: ['urge', 'demand', 'call', 'ask', 'press', 'request', 'want', 'tell'], voice: 'active', after: DEMAND_VERBS,
    slots: { respondent: ['subject'], addressee: ['object', 'pp:on|upon'] },
    data: { kind: 'demand' },
    examples: [{ text: 'China urged the United States to withdraw the indictment.', expect: { respondent: 'China', addressee: 'United States' } }],
    counter: ['China urged the United States to join the talks.'],
  },
  {
    // The demand in the speaker's words: "Sweden should stop politicising …", "Washington must withdraw the charges".
    id: 'demand-modal', verbs: ['stop', 'withdraw', 'correct', 'cease', 'retract', 'refrain', 'apologise', 'apologize', 'desist', 'drop', 'revoke', 'rescind', 'abandon', 'halt'],
    modal: ['should', 'must'], voice: 'active',
    slots: { addressee: ['subject'] }, require: ['addressee'],
    data: { kind: 'demand', reported: true },
    examples: [{ text: '"Washington must withdraw the so-called indictment," he said.', expect: { addressee: 'Washington' } }],
    counter: ['Sweden will stop the sale.', 'Sweden could stop the sale.', 'Sweden stopped the sale.'],
  },
  {
    // "… should stop politicising …": the group's main verb is what is to stop.
    id: 'demand-modal-stop', verbs: ['*'], before: ['stop', 'cease', 'quit'], modal: ['should', 'must'], voice: 'active',
    slots: { addressee: ['subject'] }, require: ['addressee'],
    data: { kind: 'demand', reported: true },
    examples: [{ text: 'Sweden should stop politicising economic and technology issues, the spokeswoman said.', expect: { addressee: 'Sweden' } }],
    counter: ['Sweden will stop buying the equipment.', 'Sweden might stop buying the equipment.'],
  },
  {
    id: 'countermeasure', verbs: ['retaliate', 'summon', 'suspend', 'expel', 'reciprocate'], voice: 'active',
    slots: { respondent: ['subject'], addressee: ['object', 'pp:against'] },
    data: { kind: 'countermeasure' },
    examples: [{ text: 'Russia retaliated against the United States.', expect: { respondent: 'Russia' } }],
    counter: [],
  },
  {
    id: 'countermeasure-noun', nouns: ['countermeasure', 'retaliation', 'measure', 'step', 'action', 'response'],
    before: ['take', 'taking', 'took', 'necessary', 'counter', 'reciprocal', 'retaliatory', 'resolute', 'firm', 'further', 'adopt'],
    unless: DEMANDING,
    slots: { respondent: ['governor-subject', 'possessor', 'modifier'], addressee: ['pp:against'] },
    data: { kind: 'countermeasure' },
    examples: [{ text: 'China will take necessary measures to protect its interests.', expect: { respondent: 'China' } }],
    counter: ['Measures of inflation rose in May.', 'Japan urged China to take appropriate action against the hackers.'],
  },
  {
    id: 'protest', verbs: ['protest', 'lodge'], voice: 'active',
    slots: { respondent: ['subject'], addressee: ['pp:with|to|against'] },
    data: { kind: 'protest' },
    examples: [{ text: 'China lodged a protest with Washington.', expect: { respondent: 'China' } }],
    counter: [],
  },
  {
    id: 'protest-noun', nouns: ['protest', 'representation'],
    slots: { respondent: ['governor-subject', 'possessor', 'modifier'], addressee: ['pp:with|to'] },
    data: { kind: 'protest' },
    examples: [{ text: 'Beijing made solemn representations to Washington.', expect: { respondent: 'Beijing' } }],
    counter: [],
  },
];
