import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import type { Doc } from '../../src/doc/document.js';

// Made-up articles (people and events are fictional; the countries are real).
const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

const annotate = (paragraphs: string[]): Doc => annotateDoc(readDoc({ name: 'x.txt', data: paragraphs.join('\n\n') }, settings), kb);
const names = (d: Doc, ids: number[]) => ids.map((i) => [d.clusters[i].label, ...d.clusters[i].names]);
const sentence = (d: Doc, i: number) => d.text.slice(d.sentences[i].start, d.sentences[i].end);

const INDICTMENT = 'The US Justice Department indicted four Iranian military officers for hacking into the networks of several US banks.';
const DENIAL = 'Iranian Foreign Ministry spokesman Reza Karimi denied the charges, calling them groundless and irresponsible.';
const QUOTE = '"Iran has never engaged in any hacking activities," Karimi told a regular press briefing in Tehran.';

describe('accusations', () => {
  it('an indictment sentence yields an accusation with accuser and accused', () => {
    const d = annotate([INDICTMENT]);
    expect(d.accusations).toHaveLength(1);
    const a = d.accusations[0];
    expect(a.kind).toBe('indictment');
    expect(names(d, a.accusers)).toEqual([expect.arrayContaining(['US Justice Department'])]);
    expect(d.clusters[a.accusers[0]].country).toBe('US');
    expect(a.accused.length).toBeGreaterThan(0);
    for (const c of a.accused) expect(d.clusters[c].country).toBe('IR');
    expect(d.text.slice(a.trigger.start, a.trigger.end)).toBe('indicted');
    expect(sentence(d, a.sentence)).toBe(INDICTMENT);
  });

  it('the accuser and the accused are never the same side', () => {
    const d = annotate([INDICTMENT, DENIAL, QUOTE]);
    expect(d.accusations.length).toBeGreaterThan(0);
    for (const a of d.accusations) {
      for (const x of a.accused) expect(a.accusers).not.toContain(x);
    }
  });

  it('"in charge of" and a hedged "alleged" are not accusations', () => {
    const d = annotate([
      'Kestrel Labs director Mark Ellison, who is in charge of the investigation, said the work would take months.',
      'The Iranian Foreign Ministry said the alleged hacking had nothing to do with the government in Tehran.',
    ]);
    expect(d.accusations).toEqual([]);
  });
});

describe('responses', () => {
  it('a denial by a spokesperson is a response by that spokesperson to the indictment', () => {
    const d = annotate([INDICTMENT, DENIAL, QUOTE]);
    const acc = d.accusations.findIndex((a) => a.kind === 'indictment');
    expect(acc).toBeGreaterThanOrEqual(0);
    const karimi = d.clusters.findIndex((c) => c.label === 'Reza Karimi');
    expect(karimi).toBeGreaterThanOrEqual(0);
    expect(d.roles.some((r) => r.person === karimi)).toBe(true);
    const denials = d.responses.filter((r) => r.kind === 'denial' && r.respondents.includes(karimi));
    expect(denials.length).toBeGreaterThan(0);
    expect(denials.every((r) => r.respondsTo === acc)).toBe(true);
    expect(denials.map((r) => sentence(d, r.sentence))).toContain(DENIAL);
    const first = denials.find((r) => sentence(d, r.sentence) === DENIAL)!;
    expect(d.text.slice(first.trigger.start, first.trigger.end)).toBe('denied');
  });

  it('a rebuttal with quoted words keeps the quote as a span of its sentence', () => {
    const REBUTTAL = 'Iranian Foreign Ministry spokesman Reza Karimi rejected the charges as "groundless and politically motivated" on Monday.';
    const d = annotate([INDICTMENT, REBUTTAL]);
    const r = d.responses.find((x) => sentence(d, x.sentence) === REBUTTAL);
    expect(r, JSON.stringify(d.responses)).toBeDefined();
    expect(r!.kind).toBe('rebuttal');
    expect(names(d, r!.respondents)[0]).toContain('Reza Karimi');
    expect(r!.quote).toBeDefined();
    const s = d.sentences[r!.sentence];
    expect(r!.quote!.start).toBeGreaterThanOrEqual(s.start);
    expect(r!.quote!.end).toBeLessThanOrEqual(s.end);
    expect(d.text.slice(r!.quote!.start, r!.quote!.end)).toBe('groundless and politically motivated');
  });

  it('every response points at an accusation that exists and is not its own side\'s', () => {
    const d = annotate([INDICTMENT, DENIAL, QUOTE]);
    expect(d.responses.length).toBeGreaterThan(0);
    for (const r of d.responses) {
      const a = d.accusations[r.respondsTo];
      expect(a).toBeDefined();
      for (const p of r.respondents) expect(a.accusers).not.toContain(p);
    }
  });

  it('no accusation, no response: a denial with nothing to answer is not linked', () => {
    const d = annotate([DENIAL]);
    expect(d.accusations).toEqual([]);
    expect(d.responses).toEqual([]);
  });
});
