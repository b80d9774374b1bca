/**
 * Eight more of our own articles, in shapes the other fixtures lack: a foreign-ministry
 * Q&A transcript, a cyber conference with no dispute at all, police against a criminal
 * gang, a company that is accused and answers, a five-country joint advisory answered by
 * an embassy, a usually-accused state accusing a Western agency (which declines to
 * comment), a principal accusation with background ones, and a short wire update.
 * Each must yield the facts a careful reader finds in it (test/fixtures/articles/expected.json),
 * and no response, accusation or respondent the article does not state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { annotateArticle } from '../../src/pipeline/annotate.js';
import { resolveSettings } from '../../src/settings.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import { FIXTURES, check, factsOf, loadExpected, norm, type Expected } from './fixture-facts.js';

const FILES = [
  'qa-transcript-mfa-briefing.txt',
  'no-dispute-cyber-conference.txt',
  'police-vs-criminal-group.txt',
  'company-accused-responds.txt',
  'joint-advisory-coalition.txt',
  'reverse-accuser-state-accuses-western-agency.txt',
  'background-and-principal.txt',
  'wire-brief-update-line.txt',
];

/** The fields these fixtures add to the ones fixture-facts.ts reads. */
interface NewShape extends Expected {
  countries: string[];
  accusations: (Expected['accusations'][number] & { kinds: string[] })[];
  /** The article reports no accusation / no response at all. */
  noAccusations?: boolean;
  noResponses?: boolean;
}

const expected = loadExpected() as Record<string, NewShape>;
const records = new Map<string, ArticleRecord>();

beforeAll(() => {
  const settings = resolveSettings();
  const kb = KnowledgeBase.load(settings);
  for (const file of FILES) records.set(file, annotateArticle({ name: file, data: readFileSync(FIXTURES + file) }, kb, settings));
});

/** Every accepted name for the given expected names: each itself plus its aliases. */
function accepted(names: string[], exp: Expected): Set<string> {
  return new Set(names.flatMap((n) => [n, ...(exp.aliases?.[n] ?? [])]).map(norm));
}
const meets = (got: Set<string>, want: Set<string>) => [...want].some((w) => got.has(w));

/** The same facts, plus what fixture-facts.ts does not look at: kinds, targets, countries, precision. */
function facts(file: string) {
  const rec = records.get(file)!;
  const exp = expected[file];
  const f = factsOf(rec);
  const all = new Set(f.entities.flatMap((s) => [...s]));
  const accMatches = (a: NewShape['accusations'][number]) =>
    rec.accusations.filter((_, i) => meets(f.accusations[i][0], accepted(a.by, exp)) && meets(f.accusations[i][1], accepted(a.against, exp)));
  const targetsOf = (a: NewShape['accusations'][number]) =>
    a.targets.filter((t) => rec.accusations.some((_, i) => meets(f.accusations[i][0], accepted(a.by, exp)) && meets(f.accusations[i][1], accepted(a.against, exp)) && meets(f.accusations[i][2], accepted([t], exp))));
  const required = exp.accusations.filter((a) => !a.optional);
  const respOk = (i: number) => exp.responses.some((r) => meets(f.responses[i][0], accepted(r.by, exp)) && meets(f.responses[i][1], accepted(r.to, exp)));
  const accOk = (i: number) => exp.accusations.some((a) => meets(f.accusations[i][0], accepted(a.by, exp)) && meets(f.accusations[i][1], accepted(a.against, exp)));
  const show = (s: Set<string>) => [...s].join('/') || '∅';
  return {
    ...check(rec, exp),
    countriesFound: exp.countries.filter((c) => meets(all, accepted([c], exp))),
    kindsWrong: required.filter((a) => accMatches(a).length > 0 && !accMatches(a).some((m) => a.kinds.includes(m.kind))).map((a) => a.by[0]),
    targetsMissing: required.flatMap((a) => a.targets.filter((t) => !targetsOf(a).includes(t)).map((t) => `${a.by[0]} → ${t}`)),
    wrongAccusers: (exp.notAccusers ?? []).filter((n) => f.accusations.some(([by]) => by.has(norm(n)))),
    unstatedResponses: f.responses.flatMap(([by, to], i) => (respOk(i) ? [] : [`${show(by)} → ${show(to)}`])),
    unstatedAccusations: f.accusations.flatMap(([by, against], i) => (accOk(i) ? [] : [`${show(by)} → ${show(against)}`])),
  };
}

const KNOWN_ACCUSATION_GAPS = new Set(['company-accused-responds.txt']);

describe('new shapes: transcript, no dispute, police and gang, company, coalition, reversed roles, background, wire update', () => {
  describe.each(FILES)('%s', (file) => {
    const exp = () => expected[file];

    it('reads the headline and the publication date', () => {
      expect(records.get(file)!.meta.headline).toBe(exp().headline);
      expect(records.get(file)!.meta.datePublished).toBe(exp().datePublished);
    });

    it('finds every person and country, all organizations but one, and no boilerplate name', () => {
      const r = facts(file);
      expect(r.peopleFound).toEqual(exp().people);
      expect(r.countriesFound).toEqual(exp().countries);
      expect(r.orgsFound.length).toBeGreaterThanOrEqual(exp().organizations.length - 1);
      expect(r.noiseLeaked).toEqual([]);
    });

    it('finds every spokesperson role', () => {
      expect(facts(file).spokespersonsFound).toEqual(exp().spokespersons);
    });

    // Known gap, listed in the closing note of the dispute-model issue: a victim named only as the owner
    // of the sites where the cameras were installed.
    const gap = KNOWN_ACCUSATION_GAPS.has(file);
    (gap ? it.fails : it)('finds every required accusation, of an acceptable kind, with its targets', () => {
      const r = facts(file);
      expect(r.accusationsFound).toEqual(r.accusationsRequired);
      expect(r.kindsWrong).toEqual([]);
      expect(r.targetsMissing).toEqual([]);
    });

    it('finds every required response, linked to the accusation it answers', () => {
      const r = facts(file);
      expect(r.responsesFound).toEqual(r.responsesRequired);
    });

    it('reports no response and no accusation the article does not state', () => {
      const r = facts(file);
      expect(r.unstatedResponses).toEqual([]);
      expect(r.unstatedAccusations).toEqual([]);
      if (exp().noResponses) expect(records.get(file)!.responses).toEqual([]);
      if (exp().noAccusations) expect(records.get(file)!.accusations).toEqual([]);
    });

    it('makes no commenter, victim or accuser a respondent, and no victim or bystander an accuser', () => {
      const r = facts(file);
      expect(r.wrongRespondents).toEqual([]);
      expect(r.wrongAccusers).toEqual([]);
    });
  });
});
