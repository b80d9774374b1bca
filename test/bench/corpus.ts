/**
 * Deterministic benchmark corpus.
 *
 * `generateCorpus(n, dir)` writes n distinct articles into `dir` by taking the
 * seed articles (`seeds/`), the dev articles (`../shared/dev/articles/`, when
 * present) and the article fixtures (`test/fixtures/articles/`) as templates,
 * and replacing in each copy
 *   - every person (full name and the short form the text uses alone),
 *   - every hacked company named as a target, and hacker-group names like APT41,
 *   - every country (name, abbreviations, demonym, capital)
 * with names drawn from lists by a seeded PRNG (mulberry32, no Math.random).
 * Article i depends only on (seed, i), so `generateCorpus(20)` writes the same
 * files as the first 20 of `generateCorpus(5000)`.
 *
 * Which names a template contains comes from the gold annotations in
 * `../shared/eval/gold/{seeds,dev}/` and from `test/fixtures/articles/expected.json`;
 * without the gold, a built-in list of the seed articles' people is used.
 *
 * No dependencies; strict ESM.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusOptions {
  /** PRNG seed; the same seed gives byte-identical files. Default 20240501. */
  seed?: number;
  /** Repository root (holds `seeds/` and `test/fixtures/`). Default: two levels above this file. */
  repoRoot?: string;
  /** The shared directory beside the repository. Default: `<repoRoot>/../shared`. */
  sharedDir?: string;
}

interface Template {
  name: string; // base name without extension
  ext: string; // ".txt" or ".html"
  text: string;
  persons: PersonRef[];
  orgs: OrgRef[];
  countries: CountryDef[];
  /** Replacement countries already named in the text (kept out of the pool, so two countries never merge). */
  blocked: Set<string>;
  /** One regex over every key of this template, longest first. */
  pattern: RegExp | null;
}

interface PersonRef {
  full: string[]; // spellings of the full name
  short: string[]; // forms used alone ("Qin", "Karimi-Nasab")
}

interface OrgRef {
  full: string[];
  short: string[];
  group: boolean; // a hacker group like APT41
}

interface CountryDef {
  name: string;
  aliases: string[]; // other names, abbreviations ("US", "Britain")
  the: boolean; // takes "the" ("the United States")
  demonyms: string[]; // "Chinese"
  capital: string;
}

interface GeneratedName {
  full: string;
  short: string;
}

// ---------------------------------------------------------------------------
// PRNG

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(...parts: (string | number)[]): number {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  return h.readUInt32LE(0);
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rng() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// ---------------------------------------------------------------------------
// Name lists (fictional combinations from many naming traditions)

type NameMaker = (rng: () => number) => GeneratedName;

const western = (firsts: readonly string[], lasts: readonly string[], hyphenChance = 0.15): NameMaker => (rng) => {
  const first = pick(rng, firsts);
  let last = pick(rng, lasts);
  if (rng() < hyphenChance) {
    const second = pick(rng, lasts);
    if (second !== last && !second.includes(' ') && !last.includes(' ')) last = `${last}-${second}`;
  }
  return { full: `${first} ${last}`, short: last };
};

const NAME_MAKERS: readonly NameMaker[] = [
  // Chinese: surname first, used alone
  (rng) => {
    const sur = pick(rng, ['Liang', 'Tan', 'Xu', 'Ruan', 'Gu', 'Shen', 'Peng', 'Fang', 'Cao', 'Deng', 'Jiang', 'Lu', 'Pan', 'Yuan', 'Su']);
    const given = pick(rng, ['Haoyu', 'Jiaming', 'Xiaoqing', 'Wenjie', 'Lihua', 'Zhiyuan', 'Mingrui', 'Yuting', 'Jianguo', 'Shuang', 'Hao', 'Lei', 'Yan']);
    return { full: `${sur} ${given}`, short: sur };
  },
  // Korean: hyphenated given name
  (rng) => {
    const sur = pick(rng, ['Kang', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'Song']);
    const given = pick(rng, ['Min-seo', 'Ha-eun', 'Ji-hoon', 'Seung-woo', 'Eun-ji', 'Tae-yang', 'Hyun-soo', 'Da-eun', 'Jae-won', 'Soo-min']);
    return { full: `${sur} ${given}`, short: sur };
  },
  // Russian / Ukrainian / Belarusian, sometimes with patronymic
  (rng) => {
    const first = pick(rng, ['Arkady', 'Yelena', 'Gennady', 'Oksana', 'Viktor', 'Svetlana', 'Pavel', 'Irina', 'Nikolai', 'Lyudmila', 'Timur', 'Vera']);
    const patr = pick(rng, ['Ilyich', 'Pavlovich', 'Sergeyevna', 'Andreyevich', 'Olegovna', 'Nikolayevich']);
    const last = pick(rng, ['Voronin', 'Marchenko', 'Bolshakov', 'Lysenko', 'Yaroshevich', 'Kuznetsova', 'Belousov', 'Zhuravlev', 'Grachev', 'Tkachenko', 'Orlova', 'Savchenko']);
    return rng() < 0.35 ? { full: `${first} ${patr} ${last}`, short: last } : { full: `${first} ${last}`, short: last };
  },
  // Arabic, with particles
  (rng) => {
    const first = pick(rng, ['Khalid', 'Amina', 'Yusuf', 'Layla', 'Omar', 'Fatima', 'Tariq', 'Nour', 'Samir', 'Huda']);
    const last = pick(rng, ['Al-Mansouri', 'Haddad', 'bin Rashid Al-Nuaimi', 'El-Sayed', 'Al-Harbi', 'Bakr', 'Abu Zeid', 'Al-Khatib']);
    return { full: `${first} ${last}`, short: last.startsWith('bin ') ? last.split(' ').slice(-1)[0] ?? last : last };
  },
  // Spanish / Portuguese, with particles and two surnames
  (rng) => {
    const first = pick(rng, ['Rafael', 'María José', 'Inés', 'Joaquim', 'Lucía', 'Sebastián', 'Ana Paula', 'Diego', 'Beatriz', 'Tomás']);
    const last = pick(rng, ['de la Cruz Salcedo', 'Núñez Peñalver', 'dos Santos', 'García Lorente', 'Ferreira da Silva', 'Ortega', 'Villanueva', 'de Oliveira']);
    const short = last.split(' ').filter((w) => !['de', 'la', 'dos', 'da'].includes(w))[0] ?? last;
    return { full: `${first} ${last}`, short };
  },
  // Dutch / German / Scandinavian, with particles
  (rng) => {
    const first = pick(rng, ['Femke', 'Jan', 'Katharina', 'Lukas', 'Ingrid', 'Matthias', 'Sanne', 'Henrik', 'Greta', 'Jörg', 'Astrid', 'Niels']);
    const last = pick(rng, ['van der Berg', 'de Vries', 'von Bredow', 'Meier', 'Lindqvist', 'Halvorsen', 'Krüger', 'Oudendijk', 'Brandauer', 'Vogel', 'ter Horst', 'Eriksen']);
    const short = last.includes(' ') ? last.charAt(0).toUpperCase() + last.slice(1) : last;
    return { full: `${first} ${last}`, short };
  },
  // South Asian
  western(
    ['Arvind', 'Meenakshi', 'Ayesha', 'Ravindra', 'Farah', 'Sanjay', 'Priya', 'Imran', 'Lakshmi', 'Bilal', 'Kavita', 'Zubair'],
    ['Iyer', 'Raghavan', 'Qureshi', 'Pillai', 'Chaudhry', 'Banerjee', 'Malik', 'Subramaniam', 'Siddiqui', 'Deshmukh', 'Rahman'],
    0.1,
  ),
  // Persian / Hebrew / Turkish
  western(
    ['Mehdi', 'Noa', 'Dariush', 'Yael', 'Gideon', 'Shirin', 'Emre', 'Talia', 'Reza', 'Elif', 'Avi', 'Parisa'],
    ['Karimi', 'Ben-Haim', 'Vahidi', 'Navon', 'Rosenthal', 'Moghaddam', 'Yilmaz', 'Brenner', 'Hosseini', 'Demir', 'Shalev', 'Farahani'],
    0.3,
  ),
  // Anglophone / Irish / West African, often hyphenated
  western(
    ['Harriet', 'Edward', 'Caroline', 'Callum', 'Deborah', 'Siobhan', 'Marcus', 'Rebecca', 'Kwame', 'Adaeze', 'Gareth', 'Chidi'],
    ["O'Callaghan", 'Cole', 'Mensah', 'Pryce', 'Whitaker', 'Fitzroy', 'Baird', 'Osei', 'Okonkwo', 'Adeyemi', "O'Donnell", 'Ashworth'],
    0.35,
  ),
  // French / Polish / Czech
  western(
    ['Étienne', 'Marguerite', 'Zofia', 'Krzysztof', 'Hélène', 'Tomasz', 'Agnieszka', 'Jean-Luc', 'Petra', 'Ondřej', 'Célia', 'Wojciech'],
    ['Lavoie', 'Bélanger', 'Kowalczyk', 'Wróbel', 'Zieliński', 'Dubois', 'Nowak', 'Fässler', 'Dvořák', 'Lefebvre', 'Mróz', 'Chénier'],
    0.3,
  ),
  // Japanese / Vietnamese
  (rng) => {
    if (rng() < 0.5) {
      const first = pick(rng, ['Haruka', 'Kenji', 'Takeshi', 'Yui', 'Daisuke', 'Aiko', 'Ren', 'Sayaka']);
      const last = pick(rng, ['Mori', 'Arakawa', 'Onodera', 'Shirakawa', 'Kobayashi', 'Fujita', 'Nakagawa', 'Ishikawa']);
      return { full: `${first} ${last}`, short: last };
    }
    const sur = pick(rng, ['Nguyen', 'Tran', 'Pham', 'Vu', 'Dang', 'Bui', 'Do']);
    const mid = pick(rng, ['Van', 'Thi', 'Minh', 'Quoc', 'Thanh']);
    const given = pick(rng, ['Hung', 'Lan', 'Tuan', 'Mai', 'Khoa', 'Thao']);
    return { full: `${sur} ${mid} ${given}`, short: given };
  },
];

const ORG_PREFIXES = [
  'Nordwind', 'Silverline', 'Harborview', 'Kestrel', 'Blue Ridge', 'Meridian', 'Sakura', 'Andes', 'Baltica', 'Saffron',
  'Tidewater', 'Granite Peak', 'Aurora', 'Cedarbrook', 'Helios', 'Ironbridge', 'Lakeshore', 'Northgate', 'Oakhaven', 'Pinecrest',
  'Redwood', 'Stonebridge', 'Vantage', 'Westmark', 'Zephyr', 'Coral Bay', 'Danube', 'Everest', 'Fjordline', 'Kalahari',
] as const;
const ORG_SECTORS = [
  'Logistics', 'Semiconductor', 'Energy', 'Biotech', 'Aerospace', 'Telecom', 'Water Systems', 'Shipping', 'Pharmaceuticals',
  'Steel', 'Capital', 'Insurance', 'Health', 'Media', 'Robotics', 'Materials', 'Power', 'Data Systems', 'Rail', 'Chemicals',
] as const;
const ORG_SUFFIXES = ['Inc.', 'Ltd', 'AG', 'S.A.', 'Corp.', 'Group', 'Holdings', '', '', ''] as const;
const GROUP_NAMES = [
  'APT17', 'APT22', 'APT33', 'APT37', 'APT43', 'APT55', 'APT61', 'APT68', 'APT72', 'APT84', 'Jade Current', 'Grey Stork',
  'Amber Lynx', 'Copper Heron', 'Ginkgo Tide', 'Indus Kestrel', 'Salt Marsh', 'Night Otter',
] as const;

// ---------------------------------------------------------------------------
// Countries: sources that templates mention, and replacements

const COUNTRIES: readonly CountryDef[] = [
  { name: 'China', aliases: ["People's Republic of China", 'PRC'], the: false, demonyms: ['Chinese'], capital: 'Beijing' },
  { name: 'United States', aliases: ['United States of America', 'U.S.', 'US', 'USA'], the: true, demonyms: ['American'], capital: 'Washington' },
  { name: 'United Kingdom', aliases: ['Britain', 'Great Britain', 'UK', 'U.K.'], the: true, demonyms: ['British'], capital: 'London' },
  { name: 'Russia', aliases: ['Russian Federation'], the: false, demonyms: ['Russian'], capital: 'Moscow' },
  { name: 'Germany', aliases: [], the: false, demonyms: ['German'], capital: 'Berlin' },
  { name: 'Netherlands', aliases: [], the: true, demonyms: ['Dutch'], capital: 'The Hague' },
  { name: 'New Zealand', aliases: [], the: false, demonyms: [], capital: 'Wellington' },
  { name: 'Iran', aliases: ['Islamic Republic of Iran'], the: false, demonyms: ['Iranian'], capital: 'Tehran' },
  { name: 'North Korea', aliases: ['DPRK'], the: false, demonyms: ['North Korean'], capital: 'Pyongyang' },
  { name: 'South Korea', aliases: [], the: false, demonyms: ['South Korean'], capital: 'Seoul' },
  { name: 'Vietnam', aliases: ['Viet Nam'], the: false, demonyms: ['Vietnamese'], capital: 'Hanoi' },
  { name: 'India', aliases: [], the: false, demonyms: ['Indian'], capital: 'New Delhi' },
  { name: 'Pakistan', aliases: [], the: false, demonyms: ['Pakistani'], capital: 'Islamabad' },
  { name: 'Israel', aliases: [], the: false, demonyms: ['Israeli'], capital: 'Jerusalem' },
  { name: 'Australia', aliases: [], the: false, demonyms: ['Australian'], capital: 'Canberra' },
  { name: 'Japan', aliases: [], the: false, demonyms: ['Japanese'], capital: 'Tokyo' },
  { name: 'Poland', aliases: [], the: false, demonyms: ['Polish'], capital: 'Warsaw' },
  { name: 'Belarus', aliases: [], the: false, demonyms: ['Belarusian'], capital: 'Minsk' },
  { name: 'Lithuania', aliases: [], the: false, demonyms: ['Lithuanian'], capital: 'Vilnius' },
  { name: 'Canada', aliases: [], the: false, demonyms: ['Canadian'], capital: 'Ottawa' },
  { name: 'Ukraine', aliases: [], the: false, demonyms: ['Ukrainian'], capital: 'Kyiv' },
  { name: 'Fiji', aliases: [], the: false, demonyms: ['Fijian'], capital: 'Suva' },
  { name: 'Tonga', aliases: [], the: false, demonyms: ['Tongan'], capital: "Nuku'alofa" },
];

/** Replacement countries: all take no article, so "China said" stays grammatical. */
const REPLACEMENT_COUNTRIES: readonly Omit<CountryDef, 'aliases' | 'the'>[] = [
  { name: 'Brazil', demonyms: ['Brazilian'], capital: 'Brasília' },
  { name: 'France', demonyms: ['French'], capital: 'Paris' },
  { name: 'Turkey', demonyms: ['Turkish'], capital: 'Ankara' },
  { name: 'Mexico', demonyms: ['Mexican'], capital: 'Mexico City' },
  { name: 'Nigeria', demonyms: ['Nigerian'], capital: 'Abuja' },
  { name: 'Indonesia', demonyms: ['Indonesian'], capital: 'Jakarta' },
  { name: 'Egypt', demonyms: ['Egyptian'], capital: 'Cairo' },
  { name: 'Kenya', demonyms: ['Kenyan'], capital: 'Nairobi' },
  { name: 'Argentina', demonyms: ['Argentine'], capital: 'Buenos Aires' },
  { name: 'Sweden', demonyms: ['Swedish'], capital: 'Stockholm' },
  { name: 'Norway', demonyms: ['Norwegian'], capital: 'Oslo' },
  { name: 'Finland', demonyms: ['Finnish'], capital: 'Helsinki' },
  { name: 'Estonia', demonyms: ['Estonian'], capital: 'Tallinn' },
  { name: 'Czechia', demonyms: ['Czech'], capital: 'Prague' },
  { name: 'Romania', demonyms: ['Romanian'], capital: 'Bucharest' },
  { name: 'Italy', demonyms: ['Italian'], capital: 'Rome' },
  { name: 'Spain', demonyms: ['Spanish'], capital: 'Madrid' },
  { name: 'Thailand', demonyms: ['Thai'], capital: 'Bangkok' },
  { name: 'Malaysia', demonyms: ['Malaysian'], capital: 'Kuala Lumpur' },
  { name: 'Kazakhstan', demonyms: ['Kazakh'], capital: 'Astana' },
  { name: 'Morocco', demonyms: ['Moroccan'], capital: 'Rabat' },
  { name: 'Chile', demonyms: ['Chilean'], capital: 'Santiago' },
  { name: 'Singapore', demonyms: ['Singaporean'], capital: 'Singapore' },
  { name: 'Georgia', demonyms: ['Georgian'], capital: 'Tbilisi' },
  { name: 'Serbia', demonyms: ['Serbian'], capital: 'Belgrade' },
  { name: 'Ethiopia', demonyms: ['Ethiopian'], capital: 'Addis Ababa' },
  { name: 'Colombia', demonyms: ['Colombian'], capital: 'Bogotá' },
  { name: 'Ireland', demonyms: ['Irish'], capital: 'Dublin' },
  ...COUNTRIES.filter((c) => !c.the).map(({ name, demonyms, capital }) => ({ name, demonyms, capital })),
];

/** Persons in the seed articles, used when the shared gold is not available. */
const SEED_PERSONS_FALLBACK: Record<string, string[]> = {
  '000_f9f02f861cfe0f1a': ['Qin Gang', 'Eric Holder', 'Edward Snowden', 'Alan Rusbridger', 'Douglas Paal', 'Zhu Zhiqun', 'Chen Weihua', 'Vladimir Putin'],
  '001_e745633b0f50cdcf': ['Hong Lei', 'Geng Yansheng', 'Jin Canrong', 'Gao Yinan', 'Yao Chun'],
  '002_6ae119a7bf7e504b': ['Hua Chunying', 'Zhu Hua', 'Zhang Shilong', 'Zhou Jin'],
  '003_b04674fd35a6ab83': ['Qin Gang', 'Edward Snowden', "Mo Hong'e"],
  '004_cbe9e9479a31562b': ['Geng Yansheng'],
};

const SHORT_STOP = new Set(['Lord', 'Sir', 'Dr', 'Mr', 'Mrs', 'Ms', 'General', 'President', 'The', 'A', 'An', 'Le', 'Van', 'Thi']);
const GOVERNMENTAL = /\b(Ministry|Department|Parliament|Parliamentary|Government|Office|Service|Agency|Commission|Forum|Secretariat|Sejm|Bundestag|Council|Institute|University|Dam|Organisation|Organization|Laboratory|Exchange|Bank)\b/;
const BOUNDARY_L = '(?<![\\p{L}\\p{N}])';
const BOUNDARY_R = '(?![\\p{L}\\p{N}])';

// ---------------------------------------------------------------------------
// Loading templates

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(dir: string, exts: readonly string[]): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const names = await readdir(dir);
  return names.filter((n) => exts.includes(extname(n))).sort().map((n) => join(dir, n));
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

interface GoldEntity {
  type: string;
  names: string[];
}

interface Knowledge {
  persons: Map<string, string[][]>; // template base name -> list of spellings per person
  orgs: Map<string, string[][]>; // hacked companies / groups per template
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
}

async function loadKnowledge(repoRoot: string, sharedDir: string): Promise<Knowledge> {
  const persons = new Map<string, string[][]>();
  const orgs = new Map<string, string[][]>();
  const add = (map: Map<string, string[][]>, key: string, names: string[]) => {
    if (names.length === 0) return;
    const list = map.get(key) ?? [];
    list.push(names);
    map.set(key, list);
  };

  // Shared gold: registry of names + one file per article.
  const registry = new Map<string, GoldEntity>();
  for (const set of ['seeds', 'dev']) {
    const regPath = join(sharedDir, 'eval', 'gold', set, 'entities.json');
    if (!(await exists(regPath))) continue;
    const reg = await readJson(regPath);
    if (!isRecord(reg)) continue;
    for (const [id, v] of Object.entries(reg)) {
      if (id.startsWith('_') || !isRecord(v)) continue;
      registry.set(id, { type: String(v['type']), names: strings(v['names']) });
    }
  }
  for (const set of ['seeds', 'dev']) {
    for (const path of await listFiles(join(sharedDir, 'eval', 'gold', set), ['.json'])) {
      if (basename(path) === 'entities.json') continue;
      const g = await readJson(path);
      if (!isRecord(g) || typeof g['file'] !== 'string') continue;
      const key = basename(g['file'], extname(g['file']));
      const ents = isRecord(g['entities']) ? g['entities'] : {};
      const ids = [...strings(ents['required']), ...strings(ents['optional']), ...strings(g['author'])];
      for (const id of new Set(ids)) {
        const e = registry.get(id);
        if (e?.type === 'Person') add(persons, key, e.names);
        else if (e?.type === 'Organization' && e.names.some((n) => /^APT ?\d+$/.test(n))) add(orgs, key, e.names);
      }
      for (const id of strings(g['targets'])) {
        const e = registry.get(id);
        if (e?.type === 'Organization' && !e.names.some((n) => GOVERNMENTAL.test(n))) add(orgs, key, e.names);
      }
    }
  }
  for (const [key, names] of Object.entries(SEED_PERSONS_FALLBACK)) {
    if (!persons.has(key)) for (const n of names) add(persons, key, [n]);
  }

  // Fixture expectations.
  const expPath = join(repoRoot, 'test', 'fixtures', 'articles', 'expected.json');
  if (await exists(expPath)) {
    const exp = await readJson(expPath);
    if (isRecord(exp)) {
      for (const [file, v] of Object.entries(exp)) {
        if (!isRecord(v)) continue;
        const key = basename(file, extname(file));
        const aliases = isRecord(v['aliases']) ? v['aliases'] : {};
        const withAliases = (n: string) => [n, ...strings(aliases[n])];
        for (const p of new Set([...strings(v['people']), ...strings(v['byline'])])) add(persons, key, withAliases(p));
        const targets = new Set<string>();
        for (const a of Array.isArray(v['accusations']) ? v['accusations'] : []) {
          if (isRecord(a)) for (const t of strings(a['targets'])) targets.add(t);
        }
        for (const t of targets) if (!GOVERNMENTAL.test(t)) add(orgs, key, withAliases(t));
        for (const o of strings(v['optional'])) if (GROUP_NAMES.includes(o as (typeof GROUP_NAMES)[number])) add(orgs, key, [o]);
      }
    }
  }
  return { persons, orgs };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name as a regex source in which any space may also be a no-break space (scraped pages have them). */
function nameRe(s: string): string {
  return s.split(' ').map(escapeRe).join('[ \\u00a0]+');
}

function normalizeSpaces(s: string): string {
  return s.replace(/[ \u00a0]+/g, ' ');
}

function occurs(text: string, s: string): boolean {
  return new RegExp(`${BOUNDARY_L}${nameRe(s)}${BOUNDARY_R}`, 'u').test(text);
}

/** Does `short` occur on its own, i.e. not only inside the full name? */
function occursAlone(text: string, short: string, fulls: string[]): boolean {
  let t = text;
  for (const f of [...fulls].sort((a, b) => b.length - a.length)) t = t.replace(new RegExp(nameRe(f), 'gu'), ' ');
  return occurs(t, short);
}

function tokenCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function buildTemplate(name: string, ext: string, text: string, know: Knowledge): Template {
  const persons: PersonRef[] = [];
  for (const spellings of know.persons.get(name) ?? []) {
    const canonical = spellings[0];
    if (canonical === undefined) continue;
    const n = tokenCount(canonical);
    const full = spellings.filter((s) => tokenCount(s) >= n && occurs(text, s));
    const short = spellings.filter((s) => tokenCount(s) < n && s.length > 1 && occurs(text, s));
    // Short forms the registry does not list: the first or last token used alone.
    const tokens = canonical.split(/\s+/);
    for (const cand of [tokens[0], tokens[tokens.length - 1]]) {
      if (cand && cand.length > 1 && !SHORT_STOP.has(cand) && !short.includes(cand) && occursAlone(text, cand, spellings)) short.push(cand);
    }
    if (full.length > 0 || short.length > 0) persons.push({ full, short });
  }
  const orgs: OrgRef[] = [];
  for (const spellings of know.orgs.get(name) ?? []) {
    const canonical = spellings[0];
    if (canonical === undefined) continue;
    const group = spellings.some((s) => /^APT ?\d+$/.test(s)) || GROUP_NAMES.includes(canonical as (typeof GROUP_NAMES)[number]);
    const n = tokenCount(canonical);
    const present = spellings.filter((s) => s.length > 2 && occurs(text, s));
    const full = present.filter((s) => group || tokenCount(s) >= n);
    const short = present.filter((s) => !group && tokenCount(s) < n);
    if (full.length > 0 || short.length > 0) orgs.push({ full, short, group });
  }
  const countries = COUNTRIES.filter((c) =>
    [c.name, ...c.aliases, ...c.demonyms, c.capital].some((s) => occurs(text, s)),
  );
  const sourceNames = new Set(countries.map((c) => c.name));
  const blocked = new Set(
    REPLACEMENT_COUNTRIES.filter((r) => !sourceNames.has(r.name) && [r.name, ...r.demonyms, r.capital].some((x) => occurs(text, x))).map((r) => r.name),
  );
  const keys = new Set<string>();
  for (const p of persons) for (const s of [...p.full, ...p.short]) keys.add(s);
  for (const o of orgs) for (const s of [...o.full, ...o.short]) keys.add(s);
  for (const c of countries) {
    for (const s of [c.name, ...c.aliases]) {
      keys.add(s);
      if (c.the) {
        keys.add(`the ${s}`);
        keys.add(`The ${s}`);
      }
    }
    for (const s of [...c.demonyms, c.capital]) keys.add(s);
  }
  const sorted = [...keys].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const pattern = sorted.length > 0 ? new RegExp(`${BOUNDARY_L}(?:${sorted.map(nameRe).join('|')})${BOUNDARY_R}`, 'gu') : null;
  return { name, ext, text, persons, orgs, countries, blocked, pattern };
}

async function loadTemplates(opts: Required<CorpusOptions>): Promise<Template[]> {
  const know = await loadKnowledge(opts.repoRoot, opts.sharedDir);
  const files = [
    ...(await listFiles(join(opts.repoRoot, 'seeds'), ['.txt'])),
    ...(await listFiles(join(opts.sharedDir, 'dev', 'articles'), ['.txt'])),
    ...(await listFiles(join(opts.repoRoot, 'test', 'fixtures', 'articles'), ['.txt', '.html'])),
  ];
  if (files.length === 0) throw new Error(`generateCorpus: no template articles found under ${opts.repoRoot}`);
  const templates: Template[] = [];
  for (const f of files) {
    const ext = extname(f);
    templates.push(buildTemplate(basename(f, ext), ext, await readFile(f, 'utf8'), know));
  }
  return templates;
}

// ---------------------------------------------------------------------------
// Rendering one article

function makeCompany(rng: () => number): GeneratedName {
  const prefix = pick(rng, ORG_PREFIXES);
  const suffix = pick(rng, ORG_SUFFIXES);
  const full = `${prefix} ${pick(rng, ORG_SECTORS)}${suffix ? ` ${suffix}` : ''}`;
  return { full, short: prefix };
}

function isAllCapsContext(text: string, offset: number, length: number): boolean {
  const before = text.slice(Math.max(0, offset - 24), offset);
  const after = text.slice(offset + length, offset + length + 24);
  return /[A-Z]{2,}[ \t]+$/.test(before) || /^[ \t]+[A-Z]{2,}\b/.test(after);
}

function render(t: Template, rng: () => number): string {
  const map = new Map<string, string>();
  const used = new Set<string>();

  for (const p of t.persons) {
    let g: GeneratedName;
    let tries = 0;
    do {
      g = pick(rng, NAME_MAKERS)(rng);
    } while ((used.has(g.full) || used.has(g.short)) && ++tries < 20);
    used.add(g.full);
    used.add(g.short);
    for (const s of p.full) map.set(s, g.full);
    for (const s of p.short) map.set(s, g.short);
  }

  for (const o of t.orgs) {
    let g: GeneratedName;
    let tries = 0;
    do {
      g = o.group ? { full: pick(rng, GROUP_NAMES), short: '' } : makeCompany(rng);
    } while (used.has(g.full) && ++tries < 20);
    used.add(g.full);
    for (const s of o.full) map.set(s, g.full);
    for (const s of o.short) map.set(s, g.short || g.full);
  }

  // Country names used as modifiers ("the US side", "US companies") take the demonym.
  const adjectives = new Map<string, string>();
  // A random injection of the template's countries into replacement countries.
  const pool = REPLACEMENT_COUNTRIES.filter((r) => !t.blocked.has(r.name));
  for (const c of t.countries) {
    let idx = Math.floor(rng() * pool.length);
    let r = pool[idx];
    // Keep about a quarter of the countries as they are, for realism.
    if (rng() < 0.25 && !c.the) {
      const same = pool.findIndex((x) => x.name === c.name);
      if (same >= 0) {
        idx = same;
        r = pool[idx];
      }
    }
    if (r === undefined) continue;
    pool.splice(idx, 1);
    for (const s of [c.name, ...c.aliases]) {
      map.set(s, r.name);
      if (c.the) {
        map.set(`the ${s}`, r.name);
        map.set(`The ${s}`, r.name);
      }
    }
    const demonym = r.demonyms[0] ?? r.name;
    for (const s of [c.name, ...c.aliases]) {
      adjectives.set(s, demonym);
      if (c.the) {
        adjectives.set(`the ${s}`, `the ${demonym}`);
        adjectives.set(`The ${s}`, `The ${demonym}`);
      }
    }
    for (const d of c.demonyms) map.set(d, demonym);
    map.set(c.capital, r.capital);
  }

  if (!t.pattern) return t.text;
  const inserted = new Set<string>();
  const out = t.text.replace(t.pattern, (found: string, offset: number, whole: string) => {
    const m = normalizeSpaces(found);
    if (/^[A-Z.]{2,4}$/.test(m) && isAllCapsContext(whole, offset, found.length)) return found; // "FOLLOW US"
    const adjective = adjectives.get(m);
    if (adjective !== undefined) {
      const withThe = /^the /i.test(m) || /(?:^|[^\p{L}])the[ \t]+$/iu.test(whole.slice(Math.max(0, offset - 8), offset));
      if (modifiesNoun(whole, offset + found.length, withThe)) {
        inserted.add(adjective.replace(/^the /i, ''));
        return adjective;
      }
    }
    const value = map.get(m);
    if (value === undefined) return found;
    inserted.add(value);
    return value;
  });
  return fixArticles(out, inserted);
}

/** "an Singaporean accusation" -> "a Singaporean accusation", for the names just inserted. */
function fixArticles(text: string, inserted: Set<string>): string {
  const firstWords = new Set<string>();
  for (const w of inserted) {
    const first = w.split(' ')[0];
    if (first) firstWords.add(first);
  }
  if (firstWords.size === 0) return text;
  return text.replace(/(?<![\p{L}\p{N}])(a|an|A|An)([ \u00a0]+)(\p{Lu}[\p{L}'.-]*)/gu, (m: string, art: string, space: string, word: string) => {
    if (!firstWords.has(word)) return m;
    const an = /^[AEIOUÁÉÍÓÚ]/.test(word) && !/^(Uk|Eu|Ur|Uz)/.test(word);
    const fixed = art[0] === 'A' ? (an ? 'An' : 'A') : an ? 'an' : 'a';
    return `${fixed}${space}${word}`;
  });
}

const NOT_NOUNS = new Set([
  'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'should', 'must', 'may', 'might', 'can', 'could',
  'did', 'does', 'do', 'and', 'or', 'but', 'nor', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'as', 'that',
  'which', 'who', 'whose', 'since', 'after', 'before', 'over', 'into', 'about', 'against', 'under', 'says', 'say', 'told',
  'right', 'itself', 'also', 'then', 'than', 'not', 'never', 'already', 'still', 'again', 'being', 'been', 'if', 'when',
  'while', 'because', 'so', 'yet', 'insists', 'denies', 'wants', 'needs', 'remains', 'seems', 'made', 'took', 'gave',
  'knows', 'thinks', 'believes', 'hopes', 'continues', 'tries', 'uses', 'faces', 'stands', 'plays', 'goes',
  'a', 'an', 'the', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'first', 'last', 'too',
]);

const PLURAL_NOUNS = new Set([
  'companies', 'officials', 'accusations', 'charges', 'authorities', 'agencies', 'forces', 'interests', 'networks',
  'institutions', 'sanctions', 'prosecutors', 'lawmakers', 'diplomats', 'citizens', 'firms', 'businesses', 'hackers',
  'allegations', 'claims', 'websites', 'servers', 'systems', 'leaders', 'troops', 'nationals', 'banks', 'universities',
  'operations', 'attacks', 'investigators', 'partners', 'allies', 'intelligence', 'elections', 'policies', 'efforts',
]);

/**
 * After a country name, is the name a modifier ("the US side", "US companies",
 * "the US Justice Department") rather than a noun ("China slams", "the US has")?
 */
function modifiesNoun(text: string, end: number, withThe: boolean): boolean {
  const next = text.slice(end, end + 40);
  if (withThe && /^[ \t]+[A-Z][a-z]/.test(next)) return true;
  const word = /^[ \t]+([a-z][a-z-]*)/.exec(next)?.[1];
  if (word === undefined) return false;
  if (PLURAL_NOUNS.has(word)) return true;
  if (NOT_NOUNS.has(word) || word.endsWith('ed') || word.endsWith('ly')) return false;
  if (word.endsWith('s') && !word.endsWith('ss')) return false; // "China slams", "Russia denies"
  return true;
}

function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

// ---------------------------------------------------------------------------
// Public API

/**
 * Writes n distinct articles into dir (created if needed) and returns their paths,
 * in order. Deterministic for a given seed and set of templates.
 */
export async function generateCorpus(n: number, dir: string, options: CorpusOptions = {}): Promise<string[]> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`generateCorpus: n must be a non-negative integer, got ${n}`);
  const repoRoot = resolve(options.repoRoot ?? fileURLToPath(new URL('../../', import.meta.url)));
  const opts: Required<CorpusOptions> = {
    seed: options.seed ?? 20240501,
    repoRoot,
    sharedDir: resolve(options.sharedDir ?? join(repoRoot, '..', 'shared')),
  };
  const templates = await loadTemplates(opts);
  await mkdir(dir, { recursive: true });

  const seen = new Set<string>();
  const paths: string[] = [];
  const width = Math.max(5, String(n).length);
  let pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const t = templates[i % templates.length];
    if (t === undefined) throw new Error('unreachable: no template');
    let text = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      text = render(t, mulberry32(hashSeed(opts.seed, i, attempt)));
      if (!seen.has(sha1(text))) break;
    }
    if (seen.has(sha1(text))) {
      // A template without anything to substitute: make the copy distinct with a story id line.
      text = t.ext === '.html' ? text.replace('</body>', `<p class="story-id">Story ID ${i}</p>\n</body>`) : `${text.trimEnd()}\n\nStory ID: ${i}\n`;
    }
    seen.add(sha1(text));
    const path = join(dir, `${String(i).padStart(width, '0')}_${t.name}${t.ext}`);
    pending.push(writeFile(path, text, 'utf8'));
    paths.push(path);
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return paths;
}

/** Total size in bytes of the given files (as stored, i.e. UTF-8 bytes). */
export async function corpusTextBytes(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const f of files) total += (await stat(f)).size;
  return total;
}
