import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { fixCase } from '../../src/metadata/metadata.js';
import type { Metadata } from '../../src/doc/document.js';

const settings = resolveSettings();
const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
// What a reader of each seed page sees (the same values as ../shared/eval/gold/seeds, kept here so
// the test runs on a clone without ../shared).
interface Gold { headline: string; datePublished: string; outlets: string[]; byline: string[] }
const GOLD: Record<string, Gold> = {
  '000_f9f02f861cfe0f1a': { headline: 'China slams indictments over cyber snooping', datePublished: '2014-05-20', outlets: ['China Daily', 'China Daily USA'], byline: ['Chen Weihua'] },
  '001_e745633b0f50cdcf': { headline: 'China Focus: China refutes cyber attack allegations', datePublished: '2013-02-20', outlets: ['Xinhua', 'Xinhua News Agency', "People's Daily", "People's Daily Online"], byline: [] },
  '002_6ae119a7bf7e504b': { headline: 'US fabricated cyber espionage charges, Beijing says', datePublished: '2018-12-22', outlets: ['China Daily', 'China Daily USA'], byline: ['Zhou Jin'] },
};
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/^the /, '').trim();

let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

function metaOf(name: string, data: string | Buffer): Metadata {
  return annotateDoc(readDoc({ name, data }, settings), kb).meta;
}

describe.each([
  ['000_f9f02f861cfe0f1a'],
  ['001_e745633b0f50cdcf'],
  ['002_6ae119a7bf7e504b'],
])('metadata of seed %s against the gold', (id) => {
  const gold = GOLD[id];
  let meta: Metadata;
  beforeAll(() => { meta = metaOf(`${id}.txt`, readFileSync(root(`seeds/${id}.txt`))); });

  it('headline', () => expect(meta.headline).toBe(gold.headline));
  it('date published', () => expect(meta.datePublished).toBe(gold.datePublished));
  it('outlet is one of the gold publisher\'s names', () => {
    const names = gold.outlets.map(norm);
    expect(meta.outlet).toBeDefined();
    expect(names).toContain(norm(meta.outlet!));
  });
  it('byline is the gold authors (none when there is none)', () => {
    expect(meta.byline ?? []).toEqual(gold.byline);
  });
});

describe('metadata of seed 000', () => {
  it('byline "Chen Weihua", not "Chen Weihua in Washington"', () => {
    expect(metaOf('000.txt', readFileSync(root('seeds/000_f9f02f861cfe0f1a.txt'))).byline).toEqual(['Chen Weihua']);
  });
});

describe('metadata of made-up pages', () => {
  const page = (header: string) => `${header}

The operator of the country's largest container port said on Wednesday that hackers had broken into the systems that control its cranes.

Officials said the attack had been contained and that no data had been stolen from the company.`;

  it('masthead, headline and a "By A and B | Outlet | Updated: date" line', () => {
    const meta = metaOf('p.txt', page(`Northern Ledger
World | Politics | Business

Port operator says hackers halted cranes for two days

By Marta Olsen and Piet Vries | Northern Ledger | Updated: 2021-03-04 10:00`));
    expect(meta).toMatchObject({
      headline: 'Port operator says hackers halted cranes for two days', datePublished: '2021-03-04',
      outlet: 'Northern Ledger', byline: ['Marta Olsen', 'Piet Vries'],
    });
  });

  it('an upper-case byline is written in name case', () => {
    expect(metaOf('p.txt', page('Port operator says hackers halted cranes for two days\n\nBy ANNA LUND | Northern Ledger | Updated: 2021-03-04 10:00')).byline).toEqual(['Anna Lund']);
    expect(fixCase('ZHOU JIN')).toBe('Zhou Jin');
    expect(fixCase('MINISTRY OF THE INTERIOR')).toBe('Ministry of the Interior');
    expect(fixCase('Hua Chunying')).toBe('Hua Chunying');
  });

  it('a wire dateline gives the outlet; a page without a date has none', () => {
    const meta = metaOf('w.txt', `Port operator says hackers halted cranes for two days

OSLO, March 4 (Fjord Wire) -- The operator of the country's largest container port said on Wednesday that hackers had broken into the systems that control its cranes.

Officials said the attack had been contained and that no data had been stolen from the company.`);
    expect(meta.outlet).toBe('Fjord Wire');
    expect(meta.headline).toBe('Port operator says hackers halted cranes for two days');
    expect(meta.datePublished).toBeUndefined();
  });

  // BUG (src/metadata/metadata.ts): the byline NAME pattern wants every word capitalised, so an
  // author with a lower-case particle ("Piet de Vries", "Ursula von Bredow") is dropped.
  it.fails('keeps a byline name with a particle ("Piet de Vries")', () => {
    const meta = metaOf('p.txt', page('Port operator says hackers halted cranes for two days\n\nBy Marta Olsen and Piet de Vries | Northern Ledger | Updated: 2021-03-04 10:00'));
    expect(meta.byline).toEqual(['Marta Olsen', 'Piet de Vries']);
  });
});
