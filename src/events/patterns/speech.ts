/**
 * Who says a sentence: speech verbs with their speaker ("X said", "said X",
 * "X told reporters"), "according to X", "X's statement said", "in a statement, X".
 * Role: speaker.
 */
import type { Pattern } from '../../rules/matcher.js';

export type SpeechRole = 'speaker';
type P = Pattern<SpeechRole, { inverted?: boolean }>;

export const SPEECH_VERBS = ['say', 'tell', 'add', 'state', 'note', 'stress', 'insist', 'argue', 'warn', 'declare', 'explain', 'remark', 'reply', 'write', 'comment', 'continue', 'reiterate', 'maintain', 'tweet', 'indicate', 'respond', 'claim', 'allege', 'assert', 'announce', 'emphasise', 'emphasize', 'point', 'suggest', 'complain', 'charge', 'accuse', 'answer', 'conclude', 'affirm', 'contend', 'counter', 'retort', 'vow', 'pledge', 'promise', 'acknowledge', 'admit', 'confirm', 'deny', 'reject', 'dismiss', 'urge', 'call', 'describe', 'blame', 'assess', 'believe', 'find', 'report', 'post', 'quote', 'cite'];

/** Verbs that follow a quotation with their speaker after them ('"…," said X', '"…," added the minister'). */
const SAYING_VERBS = ['say', 'add', 'tell', 'write', 'reply', 'continue', 'insist', 'note', 'explain', 'remark', 'ask', 'stress', 'state', 'declare', 'warn', 'argue', 'comment', 'respond', 'retort', 'tweet', 'post', 'conclude'];

export const SPEECH_PATTERNS: readonly P[] = [
  {
    id: 'quote-said-x', verbs: SAYING_VERBS, voice: 'active', before: ['"', '”', "''"],
    slots: { speaker: ['object'] }, require: ['speaker'], data: { inverted: true },
    examples: [{ text: '"We will respond," said Foreign Ministry spokesman Qin Gang on Monday.', expect: { speaker: 'Qin Gang' } }],
    counter: [],
  },
  {
    id: 'x-said', verbs: SPEECH_VERBS, voice: 'active',
    slots: { speaker: ['subject', 'object'] }, require: ['speaker'], data: {},
    examples: [
      { text: 'The hackers were Chinese, the FBI said.', expect: { speaker: 'FBI' } },
      { text: '"It is a lie," said Maria Zakharova, a spokeswoman for the Russian Foreign Ministry.', expect: { speaker: 'Zakharova' } },
    ],
    counter: [],
  },
  {
    id: 'quoted-by', verbs: ['quote', 'cite'], voice: 'passive',
    slots: { speaker: ['subject'] }, require: ['speaker'], data: {},
    examples: [{ text: 'Hua Chunying was quoted by Xinhua as saying the report was false.', expect: { speaker: 'Hua' } }],
    counter: [],
  },
  {
    id: 'quoted-x-as', verbs: ['quote', 'cite'], voice: 'active', after: ['as'],
    slots: { speaker: ['object'] }, require: ['speaker'], data: {},
    examples: [{ text: 'The agency quoted the foreign minister Sergei Lavrov as saying the charges were false.', expect: { speaker: 'Lavrov' } }],
    counter: [],
  },
  {
    id: 'according-to', verbs: ['accord'], particle: ['to'],
    slots: { speaker: ['pp:to'] }, require: ['speaker'], data: {},
    examples: [{ text: 'The attack was state-sponsored, according to Microsoft.', expect: { speaker: 'Microsoft' } }],
    counter: [],
  },
  {
    id: 'statement-by', nouns: ['statement', 'communique', 'communiqué', 'release', 'post', 'tweet', 'remarks', 'comment'],
    slots: { speaker: ['possessor', 'pp:by|from', 'modifier', 'governor-subject'] }, require: ['speaker'], data: {},
    examples: [{ text: 'A statement from the Foreign Ministry said the claims were false.', expect: { speaker: 'Foreign Ministry' } }],
    counter: [],
  },
];
