/**
 * Accusation frames: who accuses whom, read from verbs ("X accused Y of", "Y was
 * charged by X", "X attributed the attack to Y"), nouns ("US charges against Y",
 * "X's report", "evidence of Y's involvement") and attributions in reported speech
 * ("X said Y was behind the attack"). Roles: accuser, accused. An attribution with
 * no accuser in its sentence takes the speaker (policy, in ../dispute.ts).
 */
import type { AccusationKind } from '../../doc/document.js';
import type { Pattern } from '../../rules/matcher.js';

export type AccusationRole = 'accuser' | 'accused' | 'document';
export interface AccusationData {
  kind: AccusationKind;
  /** The accuser is whoever says it: the clause's speaker fills an empty accuser slot. */
  reported?: boolean;
  /** Names the accuser of an accusation told elsewhere ("The warning was issued by the FBI"): the frame its noun refers to. */
  corefers?: boolean;
}
type P = Pattern<AccusationRole, AccusationData>;

const ACCUSE = ['accuse', 'blame', 'implicate', 'condemn', 'denounce', 'fault', 'name'];
const CHARGE = ['charge', 'indict', 'prosecute'];
const NOUN_BY = ['possessor', 'pp:by|from', 'modifier', 'governor-subject'] as const;

export const ACCUSATION_PATTERNS: readonly P[] = [
  {
    id: 'accuse-active', verbs: ACCUSE, voice: 'active',
    slots: { accuser: ['subject'], accused: ['object'] }, require: ['accused'],
    data: { kind: 'allegation' },
    examples: [
      { text: 'The United States accused Russia of meddling in the election.', expect: { accuser: 'United States', accused: 'Russia' } },
      { text: 'Britain and the United States blamed North Korea for the attack.', expect: { accuser: 'Britain', accused: 'North Korea' } },
    ],
    counter: ['Nobody was blamed.', 'The report accused no one.'],
  },
  {
    id: 'accuse-passive', verbs: ACCUSE, voice: 'passive',
    slots: { accuser: ['by'], accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation' },
    examples: [{ text: 'Iran was accused by Israel of attacking water systems.', expect: { accuser: 'Israel', accused: 'Iran' } }],
    counter: ['The weather was blamed for the delay.'],
  },
  {
    id: 'charge-active', verbs: CHARGE, voice: 'active',
    slots: { accuser: ['subject'], accused: ['object'] }, require: ['accused'],
    data: { kind: 'indictment' },
    examples: [{ text: 'The Justice Department indicted four Russian intelligence officers.', expect: { accuser: 'Justice Department', accused: 'Russian' } }],
    counter: ['The company charged a fee for the service.'],
  },
  {
    id: 'charge-passive', verbs: CHARGE, voice: 'passive',
    slots: { accuser: ['by'], accused: ['subject'] }, require: ['accused'],
    data: { kind: 'indictment' },
    examples: [{ text: 'Three Iranian nationals were charged by the FBI with hacking.', expect: { accuser: 'FBI', accused: 'Iranian' } }],
    counter: ['The batteries were charged overnight.'],
  },
  {
    id: 'attribute-to', verbs: ['attribute', 'trace', 'link', 'tie', 'pin'], voice: 'active',
    slots: { accuser: ['subject'], accused: ['pp:to|on'] }, require: ['accused'],
    data: { kind: 'allegation' },
    examples: [{ text: 'Microsoft attributed the intrusion to China.', expect: { accuser: 'Microsoft', accused: 'China' } }],
    counter: ['The network was linked to the internet.'],
  },
  {
    id: 'attributed-to', verbs: ['attribute', 'trace', 'pin'], voice: 'passive',
    slots: { accuser: ['by'], accused: ['pp:to|on'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'The attack was attributed by Germany to Russia.', expect: { accuser: 'Germany', accused: 'Russia' } }],
    counter: ['The quote was attributed to an anonymous source.'],
  },
  {
    id: 'issued-by', verbs: ['issue', 'publish', 'release', 'make', 'announce', 'file', 'bring', 'level', 'unseal', 'return', 'lodge', 'present', 'produce', 'write', 'author', 'compile'], voice: 'passive',
    slots: { accuser: ['by'], document: ['subject'] }, require: ['accuser'],
    data: { kind: 'allegation', corefers: true },
    examples: [{ text: 'The indictment was unsealed by the Justice Department on Monday.', expect: { accuser: 'Justice Department' } }],
    counter: [],
  },
  {
    id: 'issued', verbs: ['issue', 'publish', 'release', 'unseal', 'file', 'bring', 'level', 'announce', 'present'], voice: 'active',
    slots: { accuser: ['subject'], document: ['object'] }, require: ['accuser'],
    data: { kind: 'allegation', corefers: true },
    examples: [{ text: 'The FBI issued the warning on Wednesday.', expect: { accuser: 'FBI' } }],
    counter: [],
  },
  {
    id: 'sanction', verbs: ['sanction', 'expel', 'ban', 'blacklist', 'bar'], voice: 'active',
    slots: { accuser: ['subject'], accused: ['object'] }, require: ['accused'],
    data: { kind: 'sanction' },
    examples: [{ text: 'The European Union sanctioned six Russian officers over the attack.', expect: { accuser: 'European Union', accused: 'Russian' } }],
    counter: ['The referee expelled the player.'],
  },
  {
    id: 'impose-sanctions', nouns: ['sanction'], slots: { accuser: ['governor-subject', 'modifier'], accused: ['pp:on|against'] }, require: ['accused'],
    data: { kind: 'sanction' },
    examples: [{ text: 'Washington imposed sanctions on North Korea over the hacking.', expect: { accuser: 'Washington', accused: 'North Korea' } }],
    counter: ['Sanctions were discussed at the meeting.'],
  },
  {
    id: 'accusation-noun', nouns: ['accusation', 'allegation', 'charge', 'indictment', 'claim', 'complaint', 'case', 'lawsuit'],
    slots: { accuser: NOUN_BY, accused: ['pp:against|on', 'complement-subject'] }, require: ['accused'],
    data: { kind: 'allegation' },
    examples: [
      { text: 'The Justice Department unsealed charges against two Chinese hackers.', expect: { accuser: 'Justice Department', accused: 'Chinese' } },
      { text: 'Germany rejected allegations that its intelligence service spied on Turkey.', expect: { accused: 'intelligence service' } },
    ],
    counter: ['The charge was paid in cash.', 'The case of the missing files remains open.'],
  },
  {
    id: 'report-noun', nouns: ['report', 'finding', 'assessment', 'attribution', 'conclusion', 'investigation', 'statement'],
    slots: { accuser: NOUN_BY, accused: ['complement-subject', 'pp:against|on', 'governor-object'] }, require: ['accused'],
    data: { kind: 'report' },
    examples: [{ text: 'A report by Mandiant said that Iranian hackers targeted banks.', expect: { accuser: 'Mandiant', accused: 'Iranian' } }],
    counter: ['The annual report on growth was published.'],
  },
  {
    id: 'advisory-noun', nouns: ['advisory', 'warning', 'alert'],
    slots: { accuser: NOUN_BY, accused: ['complement-subject', 'pp:about|against|on|of'] }, require: ['accused'],
    data: { kind: 'advisory' },
    examples: [{ text: 'The FBI issued a warning that Chinese hackers were targeting vaccine research.', expect: { accuser: 'FBI', accused: 'Chinese' } }],
    counter: ['A storm warning was issued for the coast.'],
  },
  {
    id: 'involvement-noun', nouns: ['involvement', 'responsibility', 'role', 'culpability', 'complicity', 'hand', 'fingerprint', 'link', 'participation'],
    before: ['evidence', 'proof', 'suspected', 'alleged', 'accused', 'blamed', 'signs', 'indications', 'traces', 'sign'],
    slots: { accuser: ['governor-subject'], accused: ['possessor', 'modifier', 'pp:of'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'The chancellor said there was hard evidence of Russian involvement.', expect: { accused: 'Russian' } }],
    counter: ['Britain welcomed the involvement of Japan in the talks.'],
  },
  {
    id: 'allege-that', verbs: ['allege', 'claim', 'assert', 'conclude', 'assess', 'charge', 'contend', 'determine', 'confirm', 'establish'], voice: 'active',
    slots: { accuser: ['subject'], accused: ['complement-subject'] }, require: ['accused'],
    data: { kind: 'allegation' },
    examples: [{ text: 'Mandiant released a report which alleged that a Chinese military unit was behind the attacks.', expect: { accuser: 'Mandiant', accused: 'Chinese' } }],
    counter: ['The minister claimed that the economy was growing.'],
  },
  {
    id: 'warrant-noun', nouns: ['warrant', 'summons', 'subpoena', 'extradition'],
    slots: { accuser: ['governor-subject', 'possessor', 'modifier', 'pp:by|from'], accused: ['pp:for|against|of'] }, require: ['accused'],
    data: { kind: 'charge' },
    examples: [{ text: 'The Federal Prosecutor General obtained an arrest warrant for Dmitry Badin, a Russian citizen.', expect: { accuser: 'Federal Prosecutor', accused: 'Dmitry Badin' } }],
    counter: ['A search warrant for the house was obtained.'],
  },
  {
    id: 'to-blame', verbs: ['blame'], before: ['to'], voice: 'active',
    slots: { accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'Germany decided that Russia was to blame for the attack.', expect: { accuser: 'Germany', accused: 'Russia' } }],
    counter: [],
  },
  {
    id: 'is-attacker', verbs: ['be', 'remain', 'become'], after: ['attacker', 'hacker', 'hackers', 'perpetrator', 'culprit', 'aggressor', 'spy', 'violator', 'source', 'threat', 'champion', 'empire'],
    slots: { accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'The United States is the biggest attacker of cyberspace, the spokesperson said.', expect: { accused: 'United States' } }],
    counter: ['The weather is the biggest threat to the harvest.'],
  },
  {
    id: 'their-attacks', nouns: ['attack', 'cyberattack', 'cyber-attack', 'hacking', 'intrusion', 'espionage', 'cyberespionage', 'spying', 'theft', 'interference', 'meddling', 'aggression', 'surveillance', 'wiretapping'],
    slots: { accused: ['possessor', 'modifier', 'pp:by'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [
      { text: 'A Chinese agency published the latest data of US cyber attacks.', expect: { accuser: 'agency', accused: 'US' } },
      { text: 'CrowdStrike said the tools had been seen in attacks by a group it calls Fancy Bear.', expect: { accused: 'Fancy Bear' } },
    ],
    counter: ['The attack on the bank was reported.'],
  },
  {
    id: 'was-behind', verbs: ['be'], particle: ['behind', 'responsible'],
    slots: { accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'The NCSC said Russia was behind the attack.', expect: { accuser: 'NCSC', accused: 'Russia' } }],
    counter: ['The car was behind the truck.'],
  },
  {
    id: 'carried-out-particle', verbs: ['carry', 'pull'], particle: ['out', 'off'], voice: 'active',
    slots: { accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'Investigators said North Korea carried out the attack.', expect: { accused: 'North Korea' } }],
    counter: ['The team carried the boxes into the hall.'],
  },
  {
    id: 'carried-out', verbs: ['conduct', 'launch', 'orchestrate', 'perpetrate', 'mount', 'stage', 'sponsor', 'direct', 'commit'],
    voice: 'active', slots: { accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'Investigators said North Korea launched the attack.', expect: { accused: 'North Korea' } }],
    counter: ['The team conducted a survey of voters.'],
  },
  {
    id: 'carried-out-by', verbs: ['conduct', 'launch', 'orchestrate', 'perpetrate', 'mount', 'stage', 'commit', 'hack', 'breach', 'target', 'attack', 'compromise', 'steal'],
    voice: 'passive', slots: { accused: ['by'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'Officials said the breach was conducted by the GRU.', expect: { accused: 'GRU' } }],
    counter: ['The survey was conducted by the university.'],
  },
  {
    id: 'hacked', verbs: ['hack', 'breach', 'infiltrate', 'penetrate', 'compromise', 'steal', 'spy', 'target', 'attack', 'break', 'access', 'wipe'],
    voice: 'active', slots: { accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'The agency said Chinese hackers breached the network.', expect: { accused: 'Chinese' } }],
    counter: ['Microsoft patched the flaw.', 'Iran said U.S. sanctions had crippled its economy.'],
  },
  {
    id: 'carried-out-by-particle', verbs: ['carry'], particle: ['out'], voice: 'passive',
    slots: { accused: ['by'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'Officials said the breach was carried out by the GRU.', expect: { accused: 'GRU' } }],
    counter: ['The statement was carried by the news agency.'],
  },
  {
    id: 'suspected-of', verbs: ['suspect', 'believe', 'think'], voice: 'passive', particle: ['of', 'to'],
    slots: { accuser: ['by'], accused: ['subject'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'Lazarus, suspected of working for North Korea, stole the funds.', expect: { accused: 'Lazarus' } }],
    counter: ['The meeting was thought to be useful.'],
  },
  {
    id: 'originated-in', verbs: ['originate', 'come', 'emanate', 'stem'], particle: ['in', 'from'], voice: 'active',
    slots: { accused: ['pp:in|from'] }, require: ['accused'],
    data: { kind: 'allegation', reported: true },
    examples: [{ text: 'The FBI said the attacks originated in Iran.', expect: { accused: 'Iran' } }],
    counter: ['The minister came from a farming family.'],
  },
];
