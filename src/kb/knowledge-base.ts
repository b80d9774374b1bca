/**
 * The knowledge base: countries (from world-countries, plus ontology/kb/countries-extra.json)
 * and institutions (ontology/kb/institutions.json plus any files in Settings.kbFiles).
 * It holds no person names: people are found in the text, never looked up.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { EntityKind, OrgType } from '../doc/document.js';
import { KnowledgeBaseError } from '../errors.js';
import type { Settings } from '../settings.js';
import { tokenizeName } from '../language/wink.js';
import { tokenizeNames } from './name-tokens.js';
import { ownString } from '../doc/own-string.js';

export interface KbEntry {
  id: string;
  kind: EntityKind;
  sub?: OrgType;
  label: string;
  /** ISO alpha-2 code: the country itself, or the country an institution belongs to. */
  country?: string;
  aliases: string[];
}

/** How a gazetteer name identifies its entry. */
export type MatchHow = 'name' | 'acronym' | 'seat' | 'demonym' | 'generic';

export interface GazetteerHit {
  entry?: KbEntry;
  /** For demonyms and seats: the country they stand for. */
  country?: string;
  how: MatchHow;
  /** For generic names: the entries by country. */
  generic?: Map<string, KbEntry>;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  hits?: GazetteerHit[];
}

const ORG_TYPES: ReadonlySet<string> = new Set([
  'government', 'ministry', 'department', 'agency', 'intelligence', 'military', 'company', 'media',
  'university', 'working-group', 'embassy', 'legislature', 'think-tank', 'threat-actor', 'court', 'organization',
]);

// world-countries is CommonJS JSON; require keeps its typing simple under NodeNext.
const countries = createRequire(import.meta.url)('world-countries') as Country[];

const KB_DIR = fileURLToPath(new URL('../../ontology/kb/', import.meta.url));

interface InstitutionJson {
  id: string; label: string; type: string; country?: string;
  aliases?: string[]; generic?: string[]; acronyms?: string[];
}

export class KnowledgeBase {
  private readonly root: TrieNode = { next: new Map() };
  readonly entries = new Map<string, KbEntry>();
  private readonly countryByCode = new Map<string, KbEntry>();
  /** Longest name in tokens: bounds the gazetteer walk. */
  maxTokens = 1;

  private static cache = new Map<string, KnowledgeBase>();

  /** Load (once per set of files) the built-in knowledge base plus `settings.kbFiles`. */
  static load(settings: Pick<Settings, 'kbFiles'>): KnowledgeBase {
    const key = settings.kbFiles.join('\0');
    let kb = KnowledgeBase.cache.get(key);
    if (!kb) {
      kb = new KnowledgeBase();
      kb.addCountries(readJson(KB_DIR + 'countries-extra.json'));
      kb.addInstitutions(readJson(KB_DIR + 'institutions.json'), 'institutions.json');
      for (const f of settings.kbFiles) kb.addInstitutions(readJson(f), f);
      kb.indexNames();
      KnowledgeBase.cache.set(key, kb);
    }
    return kb;
  }

  country(code: string): KbEntry | undefined {
    return this.countryByCode.get(code);
  }

  /**
   * Lower-cased token sequence walk from `tokens[i]`: every prefix that ends on a name, shortest
   * first. An array, not a generator: the recogniser walks from almost every token.
   */
  walk(tokens: readonly string[], i: number, lowered = false, end = tokens.length): readonly { length: number; hits: GazetteerHit[] }[] {
    let node: TrieNode | undefined = this.root;
    let out: { length: number; hits: GazetteerHit[] }[] | undefined;
    // `end`: where the caller's stretch of tokens stops (a sentence inside the document's tokens).
    for (let j = i; j < end && j - i < this.maxTokens; j++) {
      // `lowered`: the caller's tokens are lower-cased already (the recogniser's), so only apostrophes fold.
      node = node.next.get(lowered ? foldApostrophes(tokens[j]) : fold(tokens[j]));
      if (!node) break;
      if (node.hits) (out ??= []).push({ length: j - i + 1, hits: node.hits });
    }
    return out ?? NO_PREFIXES;
  }

  private readonly lookups = new Map<string, GazetteerHit[]>();

  /**
   * The entry an outlet's name names (by its name or acronym), or null. Asked at annotation
   * (the record keeps it as meta.outletKb), so the corpus links records without loading wink.
   */
  outletEntry(name: string): string | null {
    return this.lookup(name).find((h) => h.entry && (h.how === 'name' || h.how === 'acronym'))?.entry?.id ?? null;
  }

  /** Exact lookup of a whole name (any case), for resolution of names built from parts. Memoised: tokenising costs a wink pass. */
  lookup(name: string): GazetteerHit[] {
    let hits = this.lookups.get(name);
    if (!hits) {
      const toks = tokenizeName(name);
      hits = [];
      for (const m of this.walk(toks, 0)) if (m.length === toks.length) hits = m.hits;
      if (this.lookups.size > 50_000) this.lookups.clear();
      // A copy: the name is often a slice of an article's text, which the key would keep alive.
      this.lookups.set(ownString(name), hits);
    }
    return hits;
  }

  /** Names with their hits, in the order they were read: tokenised together by indexNames(). */
  private pending: [string, GazetteerHit][] = [];

  private addName(name: string, hit: GazetteerHit): void {
    this.pending.push([name, hit]);
  }

  /** Every name read into the trie, in the order read (the tokens of all of them at once, from name-tokens.ts). */
  private indexNames(): void {
    const tokens = tokenizeNames(this.pending.map(([name]) => name));
    this.pending.forEach(([, hit], i) => this.insert(tokens[i].map(fold), hit));
    this.pending = [];
  }

  private insert(toks: string[], hit: GazetteerHit): void {
    if (toks.length === 0) return;
    let node = this.root;
    for (const t of toks) {
      let n = node.next.get(t);
      if (!n) node.next.set(t, (n = { next: new Map() }));
      node = n;
    }
    node.hits ??= [];
    // One generic hit per name: merge the per-country maps.
    if (hit.how === 'generic') {
      const g = node.hits.find((h) => h.how === 'generic');
      if (g) {
        for (const [c, e] of hit.generic!) if (!g.generic!.has(c)) g.generic!.set(c, e);
        return;
      }
    }
    if (!node.hits.some((h) => h.how === hit.how && h.entry === hit.entry && h.country === hit.country)) node.hits.push(hit);
    this.maxTokens = Math.max(this.maxTokens, toks.length);
  }

  private addCountries(extra: unknown): void {
    const ex = (extra as { countries?: Record<string, { aliases?: string[]; seats?: string[] }> }).countries ?? {};
    // Sovereign states first, so that "American" and "Dutch" name the US and the Netherlands,
    // not the Northern Mariana Islands or Caribbean Netherlands.
    const demonymTaken = new Set<string>();
    const ordered = [...countries].sort((a, b) => Number(b.independent ?? false) - Number(a.independent ?? false));
    for (const c of ordered) {
      const entry: KbEntry = { id: `country-${c.cca2.toLowerCase()}`, kind: 'Country', label: c.name.common, country: c.cca2, aliases: [] };
      // Two-letter codes in altSpellings ("CN", "IR") are too ambiguous; the extras file lists the ones news uses ("US", "UK").
      const names = new Set([c.name.common, c.name.official, ...c.altSpellings.filter((s) => s !== c.cca2 && (s.length > 3 || /^[A-Z]{3,}$/.test(s))), ...(ex[c.cca2]?.aliases ?? [])]);
      entry.aliases = [...names].filter((n) => n !== entry.label);
      this.entries.set(entry.id, entry);
      this.countryByCode.set(c.cca2, entry);
      for (const n of names) this.addName(n, { entry, how: /^[A-Z.]{2,5}$/.test(n) ? 'acronym' : 'name' });
      const dem = c.demonyms?.eng;
      for (const d of new Set([dem?.m, dem?.f].filter((x): x is string => !!x && x.length > 2))) {
        if (demonymTaken.has(d)) continue;
        demonymTaken.add(d);
        this.addName(d, { country: c.cca2, how: 'demonym' });
        // "seven Iranians", "Russians": the people of a country point to it too.
        if (/[aeiou]n$/.test(d)) this.addName(`${d}s`, { country: c.cca2, how: 'demonym' });
      }
      // Only the seats listed in countries-extra: a capital like Douglas or Victoria is too often a name.
      for (const s of ex[c.cca2]?.seats ?? []) this.addName(s, { country: c.cca2, entry, how: 'seat' });
    }
  }

  private addInstitutions(json: unknown, file: string): void {
    const list = (json as { institutions?: unknown }).institutions;
    if (!Array.isArray(list)) throw new KnowledgeBaseError(`knowledge base ${file}: expected {"institutions": [...]}; see ontology/kb/institutions.json for the shape`);
    for (const raw of list as InstitutionJson[]) {
      if (!raw || typeof raw.id !== 'string' || typeof raw.label !== 'string' || !ORG_TYPES.has(raw.type))
        throw new KnowledgeBaseError(`knowledge base ${file}: entry ${JSON.stringify(raw?.id ?? raw)} needs a string id and label and a type among ${[...ORG_TYPES].join(', ')}`);
      const entry: KbEntry = {
        id: raw.id, kind: 'Organization', sub: raw.type as OrgType, label: raw.label,
        country: raw.country, aliases: [...(raw.aliases ?? []), ...(raw.acronyms ?? [])],
      };
      this.entries.set(entry.id, entry);
      this.addName(entry.label, { entry, how: 'name' });
      for (const a of raw.aliases ?? []) this.addName(a, { entry, how: 'name' });
      for (const a of raw.acronyms ?? []) this.addName(a, { entry, how: 'acronym' });
      if (raw.country) for (const g of raw.generic ?? []) this.addName(g, { how: 'generic', generic: new Map([[raw.country, entry]]) });
    }
  }
}

const NO_PREFIXES: readonly { length: number; hits: GazetteerHit[] }[] = [];

/** Apostrophe folding of a lower-cased token; the walk folds every token it reads, so the replace runs only when needed. */
function foldApostrophes(lower: string): string {
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** Case and apostrophe folding for gazetteer keys. */
function fold(token: string): string {
  return foldApostrophes(token.toLowerCase());
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new KnowledgeBaseError(`knowledge base: cannot read ${path} (${(e as Error).message}); check Settings.kbFiles`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new KnowledgeBaseError(`knowledge base: ${path} is not valid JSON (${(e as Error).message})`);
  }
}
