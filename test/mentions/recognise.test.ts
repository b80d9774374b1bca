import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import type { Doc, Mention } from '../../src/doc/document.js';

// Made-up sentences (people, firms and agencies are fictional). Each is written as one
// paragraph long enough to read as article prose.
const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

function annotate(text: string): Doc {
  return annotateDoc(readDoc({ name: 'x.txt', data: text }, settings), kb);
}
const said = (d: Doc, m: Mention) => d.text.slice(m.start, m.end);
const named = (d: Doc, name: string) => d.mentions.filter((m) => said(d, m) === name);
const one = (d: Doc, name: string): Mention => {
  const ms = named(d, name);
  expect(ms.map((m) => said(d, m)), `mentions of ${name} in ${JSON.stringify(d.mentions.map((m) => said(d, m)))}`).toHaveLength(1);
  return ms[0];
};

describe('MentionRecogniser on made-up sentences', () => {
  it('"Norway\'s permanent mission to the United Nations", "the GRU\'s Unit 26165", "Moon Jae-in", "a spokesman for the North\'s foreign ministry"', () => {
    const d = annotate("Norway's permanent mission to the United Nations said the GRU's Unit 26165 had hacked it. North Korea denied it. Moon Jae-in, the South's former president, said a spokesman for the North's foreign ministry had lied.");
    expect(one(d, "Norway's permanent mission to the United Nations")).toMatchObject({ kind: 'Organization', sub: 'embassy', country: 'NO' });
    expect(one(d, 'Unit 26165').kind).toBe('Organization');
    expect(one(d, 'Moon Jae-in').kind).toBe('Person');
    expect(one(d, 'foreign ministry').country).toBe('KP');
  });

  it('a turn headed by a name ("Maria Zakharova: …") keeps the name; one headed by an outlet in capitals ("AFP: …") does not', () => {
    const d = annotate('Maria Zakharova: The accusations against Russia are baseless and we reject them entirely. AFP: Will Russia respond to the sanctions announced by the European Union today?');
    expect(one(d, 'Maria Zakharova').kind).toBe('Person');
    expect(named(d, 'AFP')).toHaveLength(0);
  });

  it('"cyberattacks from Moscow, the foreign ministry said": a place in the clause before is not the ministry\'s country', () => {
    const d = annotate('Ukraine said on Monday that its networks were under attack. Kyiv has faced cyberattacks from Moscow, the foreign ministry said in a statement on Monday.');
    expect(one(d, 'foreign ministry').country).toBe('UA');
  });

  it('"said Mao Lan, a foreign ministry spokeswoman": an indefinite generic body before a spokes-title is still the body', () => {
    const d = annotate('China rejected the claims on Monday. "We reject it," said Mao Lan, a foreign ministry spokeswoman, at a briefing in the capital.');
    expect(one(d, 'foreign ministry')).toMatchObject({ kind: 'Organization', country: 'CN' });
  });

  it('"Kremlin-backed", "Beijing-based", "Hong Kong-listed", "Trump-appointed": a hyphenated modifier is not a given name', () => {
    const d = annotate('The Kremlin-backed group Sandworm Team and the Beijing-based firm Red Lotus Labs were named in the report by analysts.');
    expect(named(d, 'Kremlin-backed')).toHaveLength(0);
    const e = annotate('The Hong Kong-listed company said Donald Trump-appointed judges would hear the case against the hackers next month.');
    expect(e.mentions.filter((m) => m.kind === 'Person' && said(e, m).includes('-'))).toHaveLength(0);
    expect(one(d, 'Sandworm Team').kind).toBe('Organization');
  });

  it('"Foreign Ministry spokesman Wang Lin said …": a person and an organization, the title outside the name', () => {
    const d = annotate('Foreign Ministry spokesman Wang Lin said the accusations were groundless and politically motivated.');
    const p = one(d, 'Wang Lin');
    expect(p.kind).toBe('Person');
    expect(p.title).toMatch(/spokesman/i);
    const org = one(d, 'Foreign Ministry');
    expect(org.kind).toBe('Organization');
    expect(org.sub).toBe('ministry');
    expect(d.mentions.some((m) => m.kind === 'Person' && said(d, m).includes('spokesman'))).toBe(false);
  });

  it('"the US Justice Department charged …": an organization of the United States', () => {
    const d = annotate('The US Justice Department charged three men with stealing trade secrets from a chemicals maker in Ohio.');
    const org = d.mentions.find((m) => m.kind === 'Organization' && said(d, m).endsWith('Justice Department'));
    expect(org, JSON.stringify(d.mentions.map((m) => said(d, m)))).toBeDefined();
    expect(org!.country).toBe('US');
    expect(said(d, org!)).toMatch(/^(US )?Justice Department$/);
    expect(d.clusters[org!.cluster!].country).toBe('US');
  });

  it('"Attorney General Jane Roe told reporters": the person is "Jane Roe", the title kept apart', () => {
    const d = annotate('Attorney General Jane Roe told reporters that the evidence against the three men was overwhelming.');
    const p = one(d, 'Jane Roe');
    expect(p.kind).toBe('Person');
    expect(p.title).toBe('Attorney General');
    expect(d.mentions.filter((m) => m.kind === 'Person' && !m.anaphor).map((m) => said(d, m))).toEqual(['Jane Roe']);
    expect(d.clusters[p.cluster!].label).toBe('Jane Roe');
  });

  it('"security firm Kestrel Labs": an organization, not a person', () => {
    const d = annotate('The intrusion was first spotted by security firm Kestrel Labs, which published a detailed analysis.');
    const org = one(d, 'Kestrel Labs');
    expect(org.kind).toBe('Organization');
    expect(d.mentions.some((m) => m.kind === 'Person' && !m.anaphor)).toBe(false);
  });

  it('"cybersecurity firm Bluefin": the cue noun alone makes a one-word name an organization', () => {
    const d = annotate('The intrusion was also studied by cybersecurity firm Bluefin, which shared its findings with the police.');
    const org = one(d, 'Bluefin');
    expect(org.kind).toBe('Organization');
    expect(org.sub).toBe('company');
  });

  it('a bracketed acronym after an organization name becomes its alias', () => {
    const d = annotate('The Northland Cyber Defence Agency (NCDA) issued a warning to the operators of power plants on Friday.');
    const org = one(d, 'Northland Cyber Defence Agency');
    expect(org.kind).toBe('Organization');
    const acr = named(d, 'NCDA');
    expect(acr.length).toBeGreaterThan(0);
    const alias = acr.find((m) => m.aliasOf !== undefined);
    expect(alias).toBeDefined();
    expect(d.mentions[alias!.aliasOf!]).toBe(org);
    for (const m of acr) expect(m.cluster).toBe(org.cluster);
    const cluster = d.clusters[org.cluster!];
    expect(cluster.label).toBe('Northland Cyber Defence Agency');
    expect(cluster.names).toContain('NCDA');
  });

  it('a person named with a role noun after a comma, and a country as an actor', () => {
    const d = annotate('Anna Petrova, a researcher at the institute, said Russia had denied any role in the attack on the grid.');
    expect(one(d, 'Anna Petrova').kind).toBe('Person');
    const ru = one(d, 'Russia');
    expect(ru.kind).toBe('Country');
    expect(ru.country).toBe('RU');
    expect(ru.modifier).toBeFalsy();
  });

  it('every mention is a span inside one sentence of the body', () => {
    const d = annotate([
      'Foreign Ministry spokesman Wang Lin said the accusations were groundless and politically motivated.',
      'The US Justice Department charged three men with stealing trade secrets from a chemicals maker in Ohio.',
      'The Northland Cyber Defence Agency (NCDA) issued a warning to the operators of power plants on Friday.',
    ].join('\n\n'));
    expect(d.mentions.length).toBeGreaterThan(4);
    for (const m of d.mentions) {
      const s = d.sentences[m.sentence];
      expect(m.start).toBeGreaterThanOrEqual(s.start);
      expect(m.end).toBeLessThanOrEqual(s.end);
      expect(said(d, m)).toBe(said(d, m).trim());
    }
  });

  // BUG (src/mentions/recognise.ts): a weekday opening a sentence ("On Tuesday the …") starts a
  // capitalised run that swallows "the" and the name after it, giving one organization
  // "Tuesday the US Treasury Department" with no country instead of the Treasury.
  it.fails('a weekday before a name is not part of it ("On Tuesday the US Treasury Department …")', () => {
    const d = annotate('On Tuesday the US Treasury Department imposed sanctions on two companies linked to the campaign.');
    expect(d.mentions.some((m) => said(d, m).includes('Tuesday'))).toBe(false);
    const org = d.mentions.find((m) => m.kind === 'Organization' && said(d, m).endsWith('Treasury Department'));
    expect(org?.country).toBe('US');
  });
});
