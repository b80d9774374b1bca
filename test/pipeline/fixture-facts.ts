/**
 * Compares what the pipeline built from our own fixture articles with the facts in
 * test/fixtures/articles/expected.json. Names match case-, punctuation- and
 * leading-"the"-insensitively against any label or alias of a node, as the scorer does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleRecord } from '../../src/corpus/record.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));

export interface Expected {
  people: string[];
  organizations: string[];
  spokespersons: [string | null, string][];
  accusations: { by: string[]; against: string[]; targets: string[]; optional?: boolean }[];
  responses: { by: string[]; to: string[]; optional?: boolean }[];
  notRespondents?: string[];
  notAccusers?: string[];
  noise: string[];
  aliases?: Record<string, string[]>;
  headline: string;
  datePublished: string;
}

export function loadExpected(): Record<string, Expected> {
  return JSON.parse(readFileSync(FIXTURES + 'expected.json', 'utf8'));
}

export function norm(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[’'`.]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/^the /, '');
}

/** Every accepted name for each expected name: itself plus its aliases. */
function accepted(names: string[], exp: Expected): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    out.add(norm(n));
    for (const a of exp.aliases?.[n] ?? []) out.add(norm(a));
  }
  return out;
}

export interface Facts {
  entities: Set<string>[]; // names of each cluster
  roles: [Set<string>, Set<string>][];
  accusations: [Set<string>, Set<string>, Set<string>][];
  responses: [Set<string>, Set<string>][];
}

/** The facts of one record, each side as the set of names of its entity (and its spokesperson's organization). */
export function factsOf(rec: ArticleRecord): Facts {
  const names = rec.clusters.map((c) => new Set([c.label, ...c.names].filter(Boolean).map(norm)));
  const orgOf = new Map(rec.roles.map((r) => [r.person, r.org]));
  const agent = (i: number) => new Set([...names[i], ...(orgOf.has(i) ? names[orgOf.get(i)!] : [])]);
  const union = (ids: number[]) => new Set(ids.flatMap((i) => [...agent(i)]));
  return {
    entities: names,
    roles: rec.roles.map((r) => [names[r.person], names[r.org]]),
    accusations: rec.accusations.map((a) => [union(a.accusers), union(a.accused), union(a.targets)]),
    responses: rec.responses.map((r) => {
      const acc = rec.accusations[r.respondsTo];
      return [union(r.respondents), union(acc.accusers)];
    }),
  };
}

const meets = (got: Set<string>, want: Set<string>) => [...want].some((w) => got.has(w));

export function check(rec: ArticleRecord, exp: Expected) {
  const f = factsOf(rec);
  const allNames = new Set(f.entities.flatMap((s) => [...s]));
  return {
    peopleFound: exp.people.filter((p) => meets(allNames, accepted([p], exp))),
    orgsFound: exp.organizations.filter((o) => meets(allNames, accepted([o], exp))),
    noiseLeaked: exp.noise.filter((n) => allNames.has(norm(n))),
    spokespersonsFound: exp.spokespersons.filter(([p, o]) => f.roles.some(([rp, ro]) => (p === null ? rp.size === 0 : meets(rp, accepted([p], exp))) && meets(ro, accepted([o], exp)))),
    accusationsFound: exp.accusations.filter((a) => !a.optional).filter((a) => f.accusations.some(([by, against]) => meets(by, accepted(a.by, exp)) && meets(against, accepted(a.against, exp)))),
    accusationsRequired: exp.accusations.filter((a) => !a.optional),
    responsesFound: exp.responses.filter((r) => !r.optional).filter((r) => f.responses.some(([by, to]) => meets(by, accepted(r.by, exp)) && meets(to, accepted(r.to, exp)))),
    responsesRequired: exp.responses.filter((r) => !r.optional),
    wrongRespondents: (exp.notRespondents ?? []).filter((n) => f.responses.some(([by]) => by.has(norm(n)))),
  };
}
