import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import type { Doc, Role } from '../../src/doc/document.js';

// Made-up articles (people and events are fictional).
const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

const annotate = (paragraphs: string[]): Doc => annotateDoc(readDoc({ name: 'x.txt', data: paragraphs.join('\n\n') }, settings), kb);
const roleText = (d: Doc, r: Role) => ({
  person: d.clusters[r.person].label,
  unnamed: !!d.clusters[r.person].unnamed,
  org: d.clusters[r.org].label,
  orgNames: [d.clusters[r.org].label, ...d.clusters[r.org].names],
  title: r.title,
  sentence: d.text.slice(d.sentences[r.sentence].start, d.sentences[r.sentence].end),
});

describe('spokesperson roles', () => {
  it('"X Ministry spokesman NAME"', () => {
    const d = annotate(['Iranian Foreign Ministry spokesman Reza Karimi denied the charges, calling them groundless and irresponsible.']);
    expect(d.roles).toHaveLength(1);
    const r = roleText(d, d.roles[0]);
    expect(r.person).toBe('Reza Karimi');
    expect(r.orgNames).toContain('Iranian Foreign Ministry');
    expect(d.clusters[d.roles[0].org].country).toBe('IR');
    expect(d.clusters[d.roles[0].org].kind).toBe('Organization');
    expect(r.title).toMatch(/^spokesman$/i);
    expect(r.sentence).toContain('Reza Karimi');
  });

  it('"NAME, spokeswoman for the Ministry of …"', () => {
    const d = annotate(['Mara Lisk, spokeswoman for the Ministry of National Defence, said the accusation was absurd and baseless.']);
    expect(d.roles.map((r) => roleText(d, r))).toEqual([
      expect.objectContaining({ person: 'Mara Lisk', unnamed: false, orgNames: expect.arrayContaining(['Ministry of National Defence']), title: expect.stringMatching(/spokeswoman/i) }),
    ]);
  });

  it('"NAME, a spokesman for the …" with an article before the title', () => {
    const d = annotate(['"We reject these claims," said Tomas Berg, a spokesman for the Northland Cyber Defence Agency, on Friday.']);
    expect(d.roles.map((r) => roleText(d, r))).toEqual([
      expect.objectContaining({ person: 'Tomas Berg', org: 'Northland Cyber Defence Agency' }),
    ]);
  });

  it('unnamed: "a spokesperson for the … Office said" is a role with a person without a name', () => {
    const d = annotate([
      'A spokesperson for the State Cyber Office said the agency would take countermeasures against the attackers.',
      'The spokesperson said the office had asked the police to investigate the attack on its servers.',
    ]);
    expect(d.roles).toHaveLength(1);
    const role = d.roles[0];
    const person = d.clusters[role.person];
    expect(person.kind).toBe('Person');
    expect(person.unnamed).toBe(true);
    expect(person.label).toBe('');
    expect(d.clusters[role.org].label).toBe('State Cyber Office');
    expect(d.clusters[role.org].kind).toBe('Organization');
    // "The spokesperson said" later refers to the same unnamed person.
    const later = d.mentions.find((m) => m.anaphor && d.text.slice(m.start, m.end) === 'spokesperson' && m.sentence === 1);
    expect(later?.cluster).toBe(role.person);
  });

  it('a person quoted without a spokesperson title has no role', () => {
    const d = annotate(['Defence analyst Mark Ellison said the Foreign Ministry had rejected the accusations as groundless.']);
    expect(d.roles).toEqual([]);
  });

  it('two spokespeople for two organizations in one article', () => {
    const d = annotate([
      'Iranian Foreign Ministry spokesman Reza Karimi denied the charges, calling them groundless and irresponsible.',
      'Mara Lisk, spokeswoman for the Ministry of National Defence, said the accusation was absurd and baseless.',
    ]);
    const byPerson = new Map(d.roles.map((r) => [roleText(d, r).person, roleText(d, r).orgNames]));
    expect([...byPerson.keys()].sort()).toEqual(['Mara Lisk', 'Reza Karimi']);
    expect(byPerson.get('Reza Karimi')).toContain('Iranian Foreign Ministry');
    expect(byPerson.get('Mara Lisk')).toContain('Ministry of National Defence');
  });
});

describe('spokesperson policy', () => {
  it('an unnamed title for an organization whose spokesperson was named is that person', () => {
    const d = annotate([
      'The Kremlin dismissed the report on Monday. Dmitri Volkov, press secretary to President Ivan Sorokin, called it slander.',
      'The Kremlin spokesman added that Moscow had never taken part in any attack on foreign networks.',
    ]);
    expect(d.roles.map((r) => roleText(d, r))).toEqual([expect.objectContaining({ person: 'Dmitri Volkov', unnamed: false, orgNames: expect.arrayContaining(['Kremlin']) })]);
    expect(d.clusters.some((c) => c.unnamed)).toBe(false);
  });

  it('one unnamed spokesperson per organization per article', () => {
    const d = annotate([
      'A State Cyber Office spokesman said the agency would take countermeasures against the attackers.',
      'Later a State Cyber Office spokesman said the police had been asked to investigate the attack.',
    ]);
    expect(d.roles).toHaveLength(1);
    expect(d.clusters.filter((c) => c.unnamed)).toHaveLength(1);
    expect(d.clusters[d.roles[0].person].unnamed).toBe(true);
  });

  it('a title with no organization takes the body named just before, not a news outlet', () => {
    const d = annotate([
      'Officials at the State Cyber Office declined to comment on the claims. Later press secretary Ilse Brandt said they were false.',
    ]);
    expect(d.roles.map((r) => roleText(d, r))).toEqual([expect.objectContaining({ person: 'Ilse Brandt', org: 'State Cyber Office', title: 'press secretary' })]);
  });
});
