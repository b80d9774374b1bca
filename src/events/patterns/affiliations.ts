/**
 * What belongs to a side beyond its name: groups and units "linked to", "backed by",
 * "working for" a state or agency, "a unit of" it, its nationals ("a Russian citizen").
 * Roles: member, patron. Read by the side model (../sides.ts).
 */
import type { Pattern } from '../../rules/matcher.js';

export type AffiliationRole = 'member' | 'patron';
type P = Pattern<AffiliationRole, Record<string, never>>;

export const AFFILIATION_PATTERNS: readonly P[] = [
  {
    id: 'linked-to', verbs: ['link', 'tie', 'connect', 'affiliate', 'associate', 'back', 'sponsor', 'direct', 'control', 'run', 'employ', 'task', 'support', 'fund', 'base'],
    voice: 'passive', slots: { member: ['subject'], patron: ['pp:to|by|with|in'] }, require: ['member', 'patron'], data: {},
    examples: [{ text: 'Hackers linked to Beijing stole the data.', expect: { patron: 'Beijing' } }, { text: 'APT29, a group backed by Russia, was blamed.', expect: { member: 'APT29', patron: 'Russia' } }],
    counter: [],
  },
  {
    id: 'working-for', verbs: ['work', 'operate', 'act', 'spy'], particle: ['for', 'on'],
    slots: { member: ['subject'], patron: ['pp:for|of|on'] }, require: ['member', 'patron'], data: {},
    examples: [{ text: 'APT41 worked for the Ministry of State Security.', expect: { member: 'APT41', patron: 'Ministry of State Security' } }],
    counter: [],
  },
  {
    id: 'unit-of', nouns: ['unit', 'member', 'officer', 'arm', 'division', 'branch', 'part', 'agent', 'contractor', 'front', 'proxy', 'employee', 'operative', 'citizen', 'national', 'official', 'subsidiary'],
    slots: { member: ['governor-subject'], patron: ['pp:of|for|with', 'modifier'] }, require: ['patron'], data: {},
    examples: [{ text: 'Sandworm is a unit of the GRU.', expect: { member: 'Sandworm', patron: 'GRU' } }],
    counter: [],
  },
];
