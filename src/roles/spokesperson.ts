/**
 * Spokesperson-of: the shapes are data (patterns.ts, matched by src/rules/sequence.ts);
 * this is the policy that turns matches into roles:
 *  - a named person takes the first shape that matches them ("Foreign Ministry spokesman
 *    Qin Gang", "Geng Yansheng, spokesman for the Ministry of National Defense",
 *    "Maria Zakharova, the foreign ministry spokeswoman");
 *  - an unnamed title ("a spokesperson for the State Internet Information Office", "an
 *    embassy spokesperson said") is the person already named for that organization, else one
 *    Person node without a name per organization per article, added to doc.clusters;
 *  - "the spokesperson" refers to the nearest spokesperson before it.
 */
import type { Doc, Role } from '../doc/document.js';
import { SequenceMatcher, type SequenceMatch } from '../rules/sequence.js';
import { viewOf, type DocView } from '../syntax/view.js';
import { ROLE_PATTERNS, type RoleShape } from './patterns.js';
import { leaderOffice, nearestBody, organizationOfNoun } from './organization.js';

type RoleMatch = SequenceMatch<RoleShape>;

/** A word every role pattern needs (the titles of patterns.ts), as one test on a sentence's text. */
const ROLE_WORDS = /spokes(?:man|woman|person|people|men|women)|press (?:secretary|officer|attach)|who (?:speaks|spoke) for/i;

/** Roles; unnamed spokespeople they introduce are added to doc.clusters in place. */
export function findRoles(doc: Doc): Role[] {
  const v = viewOf(doc);
  // Every shape holds a spokes-title ("spokesman", "press secretary"): other sentences are not searched.
  const matcher = new SequenceMatcher(v, ROLE_PATTERNS);
  const matches = doc.sentences.flatMap((s, si) => (ROLE_WORDS.test(doc.text.slice(s.start, s.end)) ? matcher.sentence(si) : []));
  const roles = new Roles(doc);
  namedRoles(v, roles, matches.filter((m) => m.pattern.data.person === 'named'));
  titleRoles(v, roles, matches.filter((m) => m.pattern.data.person === 'apposed' || m.pattern.data.person === 'unnamed'));
  resolveAnaphors(doc, roles.list, matches.filter((m) => m.pattern.data.person === 'anaphor'));
  return roles.list;
}

/** The roles found so far: one per person and organization, for Person clusters only. */
class Roles {
  readonly list: Role[] = [];
  private readonly has = new Set<string>();
  constructor(private readonly doc: Doc) {}

  add(person: number, org: number, sentence: number, title: string): void {
    const key = `${person}:${org}`;
    if (this.has.has(key) || this.doc.clusters[person]?.kind !== 'Person') return;
    this.has.add(key);
    this.list.push({ person, org, sentence, title });
  }

  hasPerson(person: number): boolean { return this.list.some((r) => r.person === person); }
}

const order = new Map(ROLE_PATTERNS.map((p, i) => [p.id, i]));
const byTable = (a: RoleMatch, b: RoleMatch) => order.get(a.pattern.id)! - order.get(b.pattern.id)! || a.first - b.first;

/** Named people in text order; each takes the first shape (table order, then the longest match) that matches them. */
function namedRoles(v: DocView, roles: Roles, matches: RoleMatch[]): void {
  const byPerson = groupBy(matches, (m) => m.caps.person.agent!.mi);
  for (const mi of [...byPerson.keys()].sort((a, b) => a - b)) {
    for (const m of byPerson.get(mi)!.sort(byTable)) {
      const person = m.caps.person.agent!;
      const org = organizationOf(v, m, roles.hasPerson(person.cluster));
      if (org !== undefined) {
        const title = m.caps.title ? v.text(m.caps.title.first, m.caps.title.last) : person.m.title ?? '';
        roles.add(person.cluster, org, person.m.sentence, title);
        break;
      }
      if ((m.pattern.data.claims ?? 'match') === 'match') break;
    }
  }
}

/** Titles without a name before them, in text order: the apposed name, the person known for the org, or an unnamed one. */
function titleRoles(v: DocView, roles: Roles, matches: RoleMatch[]): void {
  const doc = v.doc;
  const byTitle = groupBy(matches, (m) => m.caps.title.first);
  for (const k of [...byTitle.keys()].sort((a, b) => a - b)) {
    let org: number | undefined;
    const m = byTitle.get(k)!.sort(byTable).find((x) => (org = organizationOf(v, x, true)) !== undefined);
    if (!m || org === undefined || doc.clusters[org].kind === 'Person') continue;
    const si = m.sentence;
    const title = v.words[k];
    if (m.pattern.data.person === 'apposed') {
      roles.add(m.caps.person.agent!.cluster, org, si, title);
      continue;
    }
    // "the Kremlin spokesman" after "Dmitry Peskov, press secretary to …": the one already named for that organization.
    const known = roles.list.find((r) => r.org === org && !doc.clusters[r.person]?.unnamed && r.sentence <= si);
    roles.add(known?.person ?? unnamedFor(doc, roles, org), org, si, title);
  }
}

/** The article's one unnamed spokesperson for an organization, added to doc.clusters the first time. */
function unnamedFor(doc: Doc, roles: Roles, org: number): number {
  const found = doc.clusters.find((c) => c.unnamed && roles.list.some((r) => r.person === c.id && r.org === org));
  if (found) return found.id;
  const id = doc.clusters.length;
  doc.clusters.push({ id, kind: 'Person', label: '', names: [], mentions: [], unnamed: true });
  return id;
}

/** The organization a match names, from its sources in order; 'nearest' only for someone not yet a spokesperson. */
function organizationOf(v: DocView, m: RoleMatch, known: boolean): number | undefined {
  const doc = v.doc;
  const person = m.caps.person?.agent?.m;
  const at = person ? person.start : doc.tokens[(m.caps.title ?? m).first].start;
  for (const source of m.pattern.data.orgFrom) {
    let org: number | undefined;
    if (source === 'org') org = m.caps.org?.agent?.cluster;
    else if (source === 'noun' && m.caps.noun) org = organizationOfNoun(doc, v.lower[m.caps.noun.first], doc.tokens[m.caps.noun.first].start, m.sentence);
    else if (source === 'leader' && m.caps.leader) org = leaderOffice(doc, at);
    else if (source === 'nearest' && !known) org = nearestBody(doc, at, m.sentence);
    if (org !== undefined) return org;
  }
  return undefined;
}

/** "The spokesperson said": the latest role whose sentence starts before the anaphor. */
function resolveAnaphors(doc: Doc, roles: readonly Role[], matches: RoleMatch[]): void {
  for (const m of matches) {
    const mention = m.caps.anaphor.mention!;
    const prior = roles.filter((r) => doc.sentences[r.sentence].start <= mention.start).at(-1);
    if (prior) mention.cluster = prior.person;
  }
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) (out.get(key(t)) ?? out.set(key(t), []).get(key(t))!).push(t);
  return out;
}
