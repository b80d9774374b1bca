/**
 * Our own articles, in shapes the seed articles lack (passive voice, the speaker named
 * after the quote, spokeswoman, press secretary, embassy statement, other countries, a
 * company as the accuser, one answer to two accusers, a spokesperson of the accusing side,
 * HTML, encoding mishaps, a wire dateline). Each must yield the facts a careful reader
 * finds in it (test/fixtures/articles/expected.json).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { annotateArticle } from '../../src/pipeline/annotate.js';
import { resolveSettings } from '../../src/settings.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import { FIXTURES, check, loadExpected } from './fixture-facts.js';

const expected = loadExpected();
const records = new Map<string, ArticleRecord>();

beforeAll(() => {
  const settings = resolveSettings();
  const kb = KnowledgeBase.load(settings);
  for (const file of Object.keys(expected)) records.set(file, annotateArticle({ name: file, data: readFileSync(FIXTURES + file) }, kb, settings));
});

const result = (file: string) => check(records.get(file)!, expected[file]);

describe.each(Object.keys(expected))('%s', (file) => {
  it('reads the headline and the publication date', () => {
    expect(records.get(file)!.meta.headline).toBe(expected[file].headline);
    expect(records.get(file)!.meta.datePublished).toBe(expected[file].datePublished);
  });
  it('lets no name from page boilerplate into the entities', () => {
    expect(result(file).noiseLeaked).toEqual([]);
  });
  it('finds every organization the article names, or all but one', () => {
    expect(result(file).orgsFound.length).toBeGreaterThanOrEqual(expected[file].organizations.length - 1);
  });
  it('never makes a person who only comments, or accuses, into a respondent', () => {
    expect(result(file).wrongRespondents).toEqual([]);
  });
});

describe('shapes the seeds lack', () => {
  it('"China denied those charges at the time" answers the background indictment only; "was not accusing" accuses no one', () => {
    const file = 'background-those-charges.txt';
    const r = result(file);
    expect(r.accusationsFound).toHaveLength(1);
    expect(r.responsesFound).toHaveLength(1);
    expect(r.wrongRespondents).toEqual([]);
    const rec = records.get(file)!;
    const bg = rec.accusations.findIndex((a) => a.background);
    const denials = rec.responses.filter((x) => x.kind === 'denial');
    expect(bg).toBeGreaterThanOrEqual(0);
    expect(denials.map((x) => x.respondsTo)).toEqual([bg]);
    expect(rec.accusations.every((a) => a.accusers.every((c) => rec.clusters[c].label !== 'Kajsa Ollongren'))).toBe(true);
  });

  it('two disputes in one sentence, two spokesmen: each answer and each victim goes to its own accusation', () => {
    const file = 'two-disputes-two-spokesmen.txt';
    const r = result(file);
    expect(r.accusationsFound).toHaveLength(2);
    expect(r.responsesFound).toHaveLength(2);
    const rec = records.get(file)!;
    const russia = rec.accusations.find((a) => a.accused.some((c) => rec.clusters[c].country === 'RU'))!;
    expect(russia.targets.map((c) => rec.clusters[c].label)).toEqual(['United States Department of State']);
    const china = rec.accusations.find((a) => a.accused.some((c) => rec.clusters[c].country === 'CN'))!;
    expect(china.targets).toEqual([]);
  });

  it.each([
    ['indictment-accuser-next-sentence.txt', '"Seven Chinese nationals were charged …" with the accuser named in the next sentence'],
    ['qa-transcript-named-turns.txt', 'a transcript of "AFP: …" / "Lin Jian: …" turns; "Australia and seven other countries issued a joint advisory accusing APT40, a group they said works for …"'],
    ['wiper-ukraine-russia-fsb.txt', '"hackers from Russia\'s FSB … before wiping its servers"'],
    ['police-seize-gang-relative-clause.txt', 'police accusing a gang in an object relative clause ("the gang, which it accused of …"), the gang answering'],
    ['lowercase-ministry-india-china.txt', '"India\'s power ministry", "a group of hackers linked to the Chinese state", an embassy spokesman on X'],
  ])('%s: %s', (file) => {
    const r = result(file);
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('a supranational council as the accuser, its finding in a relative clause ("which the council said had carried out"), a state\'s permanent mission answering', () => {
    const r = result('supranational-council-sanctions.txt');
    expect(r.accusationsFound).toHaveLength(1);
    expect(r.responsesFound).toHaveLength(1);
  });

  it('a Q&A transcript whose accuser is an office alone ("The UK Defence Secretary said …"): the state accuses with it; the other topics yield nothing', () => {
    const r = result('qa-transcript-office-accuser.txt');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.accusationsFound).toHaveLength(1);
    expect(r.responsesFound).toHaveLength(1);
    expect(records.get('qa-transcript-office-accuser.txt')!.accusations).toHaveLength(1);
  });

  it('"at a briefing in Beijing, foreign ministry spokesman X": the ministry of the capital, not of the ministry named before', () => {
    const r = result('briefing-in-capital-brazil-china.txt');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
    const rec = records.get('briefing-in-capital-brazil-china.txt')!;
    const lin = rec.roles.find((ro) => rec.clusters[ro.person].label === 'Lin Jian')!;
    expect(rec.clusters[lin.org].country).toBe('CN');
  });

  it('a sentence-case "Foreign ministry spokesman X", "the North\'s foreign ministry", a hyphenated given name, a headline with no masthead', () => {
    const r = result('state-media-korea-sentence-case.txt');
    expect(r.peopleFound).toEqual(['Kim Su-ryong']);
    expect(r.spokespersonsFound).toHaveLength(2);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
    const rec = records.get('state-media-korea-sentence-case.txt')!;
    expect(rec.roles.map((ro) => rec.clusters[ro.org].country)).toEqual(['KP', 'KP']);
  });

  it('passive voice: "India was accused by spokeswoman X", "was attributed by CERT-In to a group"', () => {
    const r = result('passive-voice-india-pakistan.txt');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('the speaker named after the quote, with hyphenated names', () => {
    const r = result('speaker-after-quote-israel-iran.txt');
    expect(r.peopleFound).toEqual(expected['speaker-after-quote-israel-iran.txt'].people);
    expect(r.spokespersonsFound).toHaveLength(2);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('a spokeswoman answering two accusers at once gives a response to each', () => {
    const r = result('two-accusers-uk-us-russia.txt');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.accusationsFound).toHaveLength(2);
    expect(r.responsesFound).toHaveLength(2);
  });

  it('a spokesperson of the accusing side accuses and does not respond', () => {
    const r = result('accusing-spokesperson-us-china-pacific.txt');
    expect(r.spokespersonsFound).toHaveLength(2);
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('an HTML page: metadata from its markup, facts from its article body', () => {
    const r = result('html-page-japan-china.html');
    expect(records.get('html-page-japan-china.html')!.format).toBe('html');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('encoding mishaps (mojibake, non-breaking spaces, CJK and spam lines) do not stop the reading; "Russia\'s ambassador to Poland, NAME," answers for Russia', () => {
    const r = result('encoding-mishaps-poland-russia.txt');
    expect(records.get('encoding-mishaps-poland-russia.txt')!.text).not.toMatch(/â€/);
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('a wire dateline ("SEOUL, March 3 (Wire) --") and an unnamed spokesman', () => {
    const r = result('dateline-wire-seoul-pyongyang.txt');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('an embassy statement with an unnamed embassy spokesperson', () => {
    const r = result('embassy-statement-australia-china.txt');
    expect(r.spokespersonsFound).toHaveLength(1);
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('a company as the accuser (\'the group, which it calls "Grey Stork"\'), answered by a foreign ministry', () => {
    const r = result('security-firm-report-canada-belarus.txt');
    expect(r.accusationsFound).toHaveLength(r.accusationsRequired.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });

  it('a press secretary speaking for a presidency', () => {
    const r = result('press-secretary-germany-russia.txt');
    expect(r.spokespersonsFound).toHaveLength(expected['press-secretary-germany-russia.txt'].spokespersons.length);
    expect(r.responsesFound).toHaveLength(r.responsesRequired.length);
  });
});
