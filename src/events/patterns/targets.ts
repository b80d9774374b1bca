/**
 * Victims as frames: the objects of hack/breach/target/hit/compromise, the
 * prepositions of attack on / hacking of / breach at / intrusion into / theft from,
 * and the owners of networks, systems and email ("X's networks"). Role: victim.
 * Any organization or country can be a victim; policy drops the accused side.
 */
import type { Pattern } from '../../rules/matcher.js';

export type TargetRole = 'victim' | 'attacker';
type P = Pattern<TargetRole, Record<string, never>>;

const HACK_VERBS = ['encrypt', 'wipe', 'lock', 'leak', 'shut', 'disable', 'knock', 'hack', 'breach', 'target', 'hit', 'compromise', 'infiltrate', 'penetrate', 'attack', 'access', 'infect', 'disrupt', 'paralyse', 'paralyze', 'cripple', 'spy', 'steal', 'break', 'raid', 'probe', 'surveil', 'eavesdrop', 'wiretap', 'tap', 'victimise', 'victimize', 'affect'];
const HACK_NOUNS = ['attack', 'cyberattack', 'cyber-attack', 'hack', 'hacking', 'breach', 'intrusion', 'theft', 'compromise', 'infiltration', 'espionage', 'cyberespionage', 'spying', 'campaign', 'operation', 'incident', 'raid', 'penetration', 'snooping', 'surveillance', 'eavesdropping', 'wiretapping', 'cybertheft'];

export const TARGET_PATTERNS: readonly P[] = [
  {
    id: 'hack-object', verbs: HACK_VERBS.filter((v) => !['spy', 'steal', 'break', 'eavesdrop'].includes(v)), voice: 'active',
    slots: { victim: ['object', 'pp:into|on'], attacker: ['subject'] }, require: ['victim'], data: {},
    examples: [{ text: 'The hackers breached Microsoft last year.', expect: { victim: 'Microsoft' } }],
    counter: ['The hackers breached the rules.'],
  },
  {
    id: 'hacked-subject', verbs: HACK_VERBS, voice: 'passive',
    slots: { victim: ['subject'], attacker: ['by'] }, require: ['victim'], data: {},
    examples: [{ text: 'The Bundestag was hacked in 2015.', expect: { victim: 'Bundestag' } }],
    counter: [],
  },
  {
    id: 'break-into', verbs: ['break', 'get', 'hack', 'spy', 'eavesdrop', 'steal', 'snoop'], particle: ['into', 'on', 'from', 'in'],
    slots: { victim: ['pp:into|on|from|in'], attacker: ['subject'] }, require: ['victim'], data: {},
    examples: [{ text: 'Hackers broke into Microsoft and stole source code.', expect: { victim: 'Microsoft' } }],
    counter: [],
  },
  {
    id: 'are-targets', verbs: ['be', 'include', 'become', 'remain'], after: ['targets', 'victims', 'target', 'victim'],
    slots: { victim: ['subject'] }, require: ['victim'], data: {},
    examples: [{ text: 'The Bundestag and Microsoft were among the victims of the attack.', expect: { victim: 'Bundestag' } }],
    counter: [],
  },
  {
    id: 'targets-were', nouns: ['target', 'victim'], particle: ['included', 'include', 'were', 'are'],
    slots: { victim: ['governor-object'] }, require: ['victim'], data: {},
    examples: [{ text: 'Its targets included Microsoft and the Bundestag.', expect: { victim: 'Microsoft' } }],
    counter: [],
  },
  {
    id: 'inside-network', nouns: ['network', 'networks', 'system', 'systems', 'server', 'servers', 'computer', 'computers', 'email', 'emails', 'account', 'accounts', 'database', 'databases'],
    before: ['inside', 'into', 'infiltrated', 'penetrated', 'breached', 'accessed', 'compromised', 'hacked', 'hacking', 'breaching', 'infiltrating'],
    slots: { victim: ['self'] }, require: ['victim'], data: {},
    examples: [{ text: 'The New York Times said hackers had spent four months inside its computer network.', expect: { victim: 'New York Times' } }, { text: 'Hackers breached the networks of Microsoft last year.', expect: { victim: 'Microsoft' } }],
    counter: ['The bank upgraded its computer network last year.'],
  },
  {
    id: 'steal-from', verbs: ['steal', 'take', 'siphon', 'exfiltrate', 'extract', 'loot', 'rob'], voice: 'active',
    slots: { victim: ['pp:from'], attacker: ['subject'] }, require: ['victim'], data: {},
    examples: [{ text: 'The hackers stole $81 million from Microsoft in 2016.', expect: { victim: 'Microsoft' } }],
    counter: [],
  },
  {
    id: 'gained-access', nouns: ['access', 'foothold', 'entry'], before: ['gain', 'gained', 'gaining', 'obtained', 'obtain', 'had', 'got', 'unauthorised', 'unauthorized', 'illicit', 'remote'],
    slots: { victim: ['pp:to|into|in|at'] }, require: ['victim'], data: {},
    examples: [{ text: 'The group had gained access to Microsoft and to the Bundestag.', expect: { victim: 'Microsoft' } }],
    counter: ['The public gained access to the archive.'],
  },
  {
    id: 'attack-on', nouns: HACK_NOUNS,
    slots: { victim: ['pp:on|at|into|against|targeting', 'pp:of', 'pp:from'], attacker: ['possessor', 'modifier', 'pp:by'] }, require: ['victim'], data: {},
    examples: [
      { text: 'The attack on the Bundestag shut its network down.', expect: { victim: 'Bundestag' } },
      { text: 'The theft of records from Equifax affected millions.', expect: { victim: 'Equifax' } },
    ],
    counter: ['The theft of a bicycle was reported.'],
  },
];

/** Head nouns whose owner is the victim ("a network of the armed forces", "Sony's servers"). */
export const SYSTEM_NOUNS = new Set(['platform', 'platforms', 'portal', 'site', 'sites', 'network', 'networks', 'system', 'systems', 'server', 'servers', 'computer', 'computers', 'email', 'emails', 'e-mail', 'account', 'accounts', 'website', 'websites', 'database', 'databases', 'infrastructure', 'data', 'records', 'files', 'documents', 'mail', 'phone', 'phones', 'device', 'devices', 'communications', 'research', 'secrets', 'information', 'designs', 'technology', 'intellectual']);
