/**
 * Names of people, organizations and countries, found from token patterns
 * (capitalised runs, titles, head words, acronyms), context cues (role nouns,
 * speech verbs, appositions) and the knowledge base. One pass per sentence; each
 * mention is a span into the text with its type.
 */
import { mention, type Doc, type Mention, type OrgType } from '../doc/document.js';
import type { GazetteerHit, KbEntry, KnowledgeBase } from '../kb/knowledge-base.js';
import {
  ANAPHORIC_NOUNS, LOCATION_PREPOSITIONS, MAKER_VERBS, ORG_HEADS, WEAK_HEADS, NOT_NAMES, ORG_CUES, PERSON_TITLES, PRONOUNS, ROLE_NOUNS, SPEECH_VERBS,
  TITLE_WORDS, orgTypeOf,
} from './cues.js';
import { tokenArrays } from '../syntax/view.js';

const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'del', 'di', 'do', 'dos', 'das', 'des', 'van', 'von', 'der', 'den', 'al', 'bin', 'la', 'le', 'da', '&']);
const PERSON_WORD = /^\p{Lu}[\p{Ll}\p{M}'’-]*[\p{Ll}\p{M}]$|^\p{Lu}\.?$/u;
/** Upper-case words that are not organizations. */
const NOT_ORG_ACRONYMS = new Set(['IP', 'IT', 'AI', 'GDP', 'CEO', 'TV', 'PC', 'ID', 'URL', 'DNS', 'VPN', 'USB', 'SIM', 'PDF', 'DDOS', 'GMT', 'BST', 'EST', 'KST', 'BJT', 'AM', 'PM', 'OK', 'PIN', 'IOS', 'API', 'HTML', 'HTTP', 'SMS', 'QR', 'CCTV', 'COVID', 'PR', 'HQ', 'VIP', 'FAQ', 'RSS', 'NB', 'PS', 'ET', 'PT', 'CET', 'UTC', 'AD', 'BC', 'NO', 'I', 'II', 'III', 'IV']);
const ACRONYM = /^(?:[A-Z][A-Z0-9&/]{1,9}|[A-Z](?:\.[A-Z])+\.?)$/;

const MISSION_WORDS = new Set(['embassy', 'consulate', 'mission', 'legation']);
const INDEFINITE = new Set(['a', 'an', 'any', 'another', 'some', 'every', 'each', 'no']);
const INDEFINITE_ARTICLES = new Set(['a', 'an', 'any', 'another']);

/** "a foreign intelligence service", "any government": an indefinite body names no one. */
function isIndefinite(c: Cursor, i: number, prev: string): boolean {
  return INDEFINITE.has(prev) || (INDEFINITE_ARTICLES.has(c.l(i - 2)) && c.pos(i - 1) === 'ADJ');
}

function acronymsAsWritten(hits: GazetteerHit[], upper: boolean): GazetteerHit[] {
  return upper ? hits : hits.filter((h) => h.how !== 'acronym');
}

function isUpper(s: string): boolean { return s === s.toUpperCase(); }

/** A word that opens with a capital or a digit and holds a letter ("Beijing", "G7", not "7" or "-"). */
function isCapitalised(w: string): boolean {
  return /^[\p{Lu}\d]/u.test(w) && /\p{L}/u.test(w);
}

/** Per-sentence view of the tokens that the recogniser reads (indexes into the document's token strings, no copies). */
class Cursor {
  /** The document's words and lower-case forms by token (shared with the later stages' view). */
  readonly allWords: readonly string[];
  readonly allLower: readonly string[];
  /**
   * `caps`: per token of the document, whether its word is capitalised (1), not (2) or not yet
   * known (0). Shared by the sentences' cursors: the recogniser asks about most words several times.
   */
  constructor(readonly doc: Doc, readonly first: number, readonly last: number, private readonly caps: Int8Array) {
    const t = tokenArrays(doc);
    this.allWords = t.words;
    this.allLower = t.lower;
  }
  w(i: number): string { return i >= this.first && i < this.last ? this.allWords[i] : ''; }
  l(i: number): string { return i >= this.first && i < this.last ? this.allLower[i] : ''; }
  /** Words of tokens [a, b) within the sentence. */
  words(a: number, b: number): string[] { return this.allWords.slice(Math.max(a, this.first), Math.min(b, this.last)); }
  pos(i: number): string { return this.doc.tokens[i]?.pos ?? ''; }
  cap(i: number): boolean {
    if (i < this.first || i >= this.last) return false;
    if (this.caps[i] === 0) this.caps[i] = isCapitalised(this.allWords[i]) ? 1 : 2;
    return this.caps[i] === 1;
  }
  span(a: number, b: number): { start: number; end: number } {
    return { start: this.doc.tokens[a].start, end: this.doc.tokens[b - 1].end };
  }
  text(a: number, b: number): string {
    return this.doc.text.slice(this.doc.tokens[a].start, this.doc.tokens[b - 1].end);
  }
  lowers(a: number, b: number): string[] { return this.allLower.slice(Math.max(a, this.first), Math.min(b, this.last)); }
}

const MISSION_QUALIFIERS = new Set(['permanent', 'diplomatic', 'own', 'trade', 'consular', 'new']);

const HACKER_NOUNS = new Set(['group', 'groups', 'hackers', 'hacker', 'actor', 'actors', 'gang', 'crew', 'unit', 'campaign', 'operation', 'team', 'collective', 'outfit']);

/** "Kremlin-backed", "Beijing-based": a hyphenated suffix that makes a modifier, not a given name. */
const HYPHEN_SUFFIXES = new Set(['backed', 'linked', 'based', 'sponsored', 'led', 'owned', 'run', 'affiliated', 'controlled', 'funded', 'aligned', 'style', 'era', 'made', 'born', 'bound', 'wide', 'related', 'connected', 'tied', 'friendly', 'leaning', 'operated', 'directed', 'ordered', 'supported', 'allied', 'centric', 'focused']);

const WIRE_CREDIT = /^[\p{Lu}][\p{Lu} .'-]{2,40}(?:,[^()\n]{1,30})?\s+(\([\p{Lu}][\p{L} .&-]{1,40}\))\s*(?:--|—|–|-)/u;

/** The character range of a dateline's agency credit ("(Reuters)") at the start of a sentence. */
function wireCredit(text: string, start: number, end: number): [number, number] | undefined {
  const m = WIRE_CREDIT.exec(text.slice(start, Math.min(end, start + 90)));
  if (!m) return undefined;
  const at = start + m.index + m[0].indexOf(m[1]);
  return [at, at + m[1].length];
}

/**
 * "AFP: Australia and seven other countries …": in a briefing transcript the outlet that asks heads its
 * turn; it is not a party to what is asked. Only a label in capitals (AFP, CCTV, NHK) or a news outlet
 * the knowledge base knows ("Bloomberg:"): a name ("Maria Zakharova:", "China:") heads its speaker's own turn.
 */
function askerLabel(doc: Doc, first: number, last: number, isOutlet: (word: string) => boolean): [number, number] | undefined {
  const t = doc.tokens[first];
  if (first + 1 >= last || !/^[:：]$/.test(doc.text.slice(doc.tokens[first + 1].start, doc.tokens[first + 1].end))) return undefined;
  const w = doc.text.slice(t.start, t.end);
  return /^\p{Lu}{2,8}$/u.test(w) || isOutlet(w) ? [t.start, t.end] : undefined;
}

/** The latest country mention that ends at `end` (the state before "'s embassy", "'s power ministry"). */
function countryEndingAt(out: readonly Mention[], end: number | undefined): Mention | undefined {
  for (let k = out.length - 1; k >= 0; k--) {
    const m = out[k];
    if (m.end === end && m.kind === 'Country' && m.country) return m;
  }
  return undefined;
}

/** The token a mention starts at, looking back from `from` within the sentence; -1 when none. */
function startToken(c: Cursor, m: Mention, from: number): number {
  for (let k = from; k >= c.first; k--) if (c.doc.tokens[k].start === m.start) return k;
  return -1;
}

export class MentionRecogniser {
  constructor(private readonly kb: KnowledgeBase) {}

  recognise(doc: Doc): Mention[] {
    const out: Mention[] = [];
    const caps = new Int8Array(doc.tokens.length);
    doc.sentences.forEach((s, si) => {
      const c = new Cursor(doc, s.firstToken, s.lastToken, caps);
      let i = s.firstToken;
      const credit = wireCredit(doc.text, s.start, s.end) ?? askerLabel(doc, s.firstToken, s.lastToken, (w) => this.isOutlet(w));
      while (i < s.lastToken) {
        // "BRASILIA, March 4 (Reuters) -": the wire's credit is the publisher, not a name in the story.
        if (credit && doc.tokens[i].start >= credit[0] && doc.tokens[i].end <= credit[1]) { i++; continue; }
        // "Foreign ministry spokesman …": a generic name in sentence case opens the sentence.
        if (i === s.firstToken && c.cap(i) && !c.cap(i + 1)) {
          const end = this.genericName(c, i, si, out, c.l(i - 1));
          if (end > i) { i = end; continue; }
        }
        if (this.canStart(c, i)) {
          i = this.chunk(c, i, si, out);
          continue;
        }
        this.lowercase(c, i, si, out);
        i++;
      }
    });
    return out;
  }

  private isOutlet(word: string): boolean {
    return this.kb.lookup(word).some((h) => h.entry?.sub === 'media');
  }

  private canStart(c: Cursor, i: number): boolean {
    if (!c.cap(i)) return false;
    const l = c.l(i);
    // "Prosecutors said …": a role noun opening the sentence is not a name.
    if (i === c.first && !c.cap(i + 1) && (ROLE_NOUNS.has(l) || ROLE_NOUNS.has(l.replace(/s$/, '')))) return false;
    if (l === 'the' && c.cap(i + 1)) return true;
    if (NOT_NAMES.has(l) && !(c.pos(i) === 'PROPN' && i > c.first && !['the', 'but', 'and'].includes(l))) {
      // A demonym or country that opens a sentence still starts a name.
      return this.kb.walk(c.allLower, i, true, c.last).length > 0;
    }
    return true;
  }

  /** Extend a capitalised run from `i`, recognise what it names, return where scanning resumes. */
  private chunk(c: Cursor, i: number, si: number, out: Mention[]): number {
    let j = i + 1;
    const connectors: number[] = [];
    while (j < c.last) {
      const w = c.w(j);
      const l = c.l(j);
      if (c.cap(j) && !(NOT_NAMES.has(l) && c.pos(j) !== 'PROPN' && !this.isKbWord(c, j))) { j++; continue; }
      // "Unit 26165", "Military Unit 74455": a unit's number is part of its name.
      if (/^\d{3,6}$/.test(w) && c.l(j - 1) === 'unit' && c.cap(j - 1)) { j++; continue; }
      // A hyphen joins only when written tight ("China-US"); "BEIJING - China" is a dateline.
      const tight = w !== '-' || (this.tight(c, j - 1, j) && this.tight(c, j, j + 1));
      if ((w === '-' || l === "'s" || l === '’s' || w === '&' || w === '.') && tight && c.cap(j + 1) && j > i) { j += 2; continue; }
      // "Kim Su-ryong", "Moon Jae-in": a hyphenated given name ends a name of two words or more.
      // (A syllable, not a word: "Hong Kong-listed", "Trump-appointed" are modifiers.)
      if (w === '-' && tight && j > i + 1 && this.tight(c, j, j + 1) && /^\p{Ll}{1,5}$/u.test(c.w(j + 1)) && !/(ed|ing|ly)$/.test(c.l(j + 1)) && !HYPHEN_SUFFIXES.has(c.l(j + 1)) && !c.cap(j + 2)) { j += 2; break; }
      if (CONNECTORS.has(l) && (c.cap(j + 1) || (c.l(j + 1) === 'the' && c.cap(j + 2)))) {
        connectors.push(j);
        j += c.l(j + 1) === 'the' ? 2 : 1;
        continue;
      }
      break;
    }
    // A name the knowledge base knows keeps its connectors ("Ministry of Foreign Affairs and Trade").
    const start = c.l(i) === 'the' ? i + 1 : i;
    const known = this.kbAt(c, start, j);
    const knownEnd = known ? start + known.length : -1;
    // Keep a connector only where an organization name needs it ("Ministry of Foreign Affairs").
    for (const k of connectors) {
      if (k < knownEnd) continue;
      const left = orgTypeOf(c.lowers(i, k));
      const rightStart = c.l(k + 1) === 'the' ? k + 2 : k + 1;
      const right = orgTypeOf(c.lowers(rightStart, j));
      // "and" joins only inside one name ("Military Intelligence and Security Service"), never two
      // names ("the FBI and the Department of …", "CISA and Britain's …").
      const keep = c.l(k) === 'and' || c.l(k) === '&' ? !!right && !left && k > i && c.l(k + 1) !== 'the' && !ACRONYM.test(c.w(k - 1)) : !!(left || right) || (['van', 'von', 'de', 'del', 'di', 'do', 'dos', 'das', 'des', 'al', 'bin', 'der', 'da', 'du', 'la', 'le', 'den'].includes(c.l(k)) && c.pos(k) !== 'ADP');
      if (!keep) { j = k; break; }
    }
    this.classify(c, i, j, si, out);
    return j;
  }

  private tight(c: Cursor, a: number, b: number): boolean {
    return c.doc.tokens[a]?.end === c.doc.tokens[b]?.start;
  }

  private isKbWord(c: Cursor, j: number): boolean {
    return this.kb.walk(c.allLower, j, true, c.last).length > 0;
  }

  /** Longest gazetteer match at `i` within [i, end). */
  private kbAt(c: Cursor, i: number, end: number): { length: number; hits: GazetteerHit[] } | undefined {
    let best: { length: number; hits: GazetteerHit[] } | undefined;
    for (const m of this.kb.walk(c.allLower, i, true, c.last)) {
      if (i + m.length > end) break;
      // An acronym matches only as written in capitals ("WHO", not "who").
      const hits = m.hits.some((h) => h.how === 'acronym') ? acronymsAsWritten(m.hits, isUpper(c.text(i, i + m.length).replace(/\./g, ''))) : m.hits;
      if (hits.length) best = { length: m.length, hits };
    }
    return best;
  }

  private push(out: Mention[], c: Cursor, a: number, b: number, si: number, m: Omit<Mention, 'start' | 'end' | 'sentence'>): number {
    out.push(mention(m, c.doc.tokens[a].start, c.doc.tokens[b - 1].end, si));
    return out.length - 1;
  }

  /**
   * "the North", "the South": news of the two Koreas names them so once it has named them in full
   * (wire style); the country code, else undefined.
   */
  private koreaShort(c: Cursor, k: number): string | undefined {
    const l = c.l(k);
    if ((l !== 'north' && l !== 'south') || c.l(k - 1) !== 'the' || c.w(k) !== (l === 'north' ? 'North' : 'South')) return undefined;
    return c.doc.text.includes(l === 'north' ? 'North Korea' : 'South Korea') ? (l === 'north' ? 'KP' : 'KR') : undefined;
  }

  private classify(c: Cursor, i: number, j: number, si: number, out: Mention[]): void {
    let a = i;
    if (c.l(a) === 'the' && j - a > 1 && !this.kbAt(c, a, j)) a++;
    const korea = j === a + 1 || c.l(a + 1) === "'s" || c.l(a + 1) === '’s' ? this.koreaShort(c, a) : undefined;
    if (korea) {
      const after = a + 1;
      const own = c.l(after) === "'s" || c.l(after) === '’s';
      this.push(out, c, a, after, si, { kind: 'Country', kbId: this.kb.country(korea)?.id, country: korea, modifier: own && after + 1 < j });
      if (own && after + 1 < j) this.core(c, after + 1, j, si, out, after + 1, korea);
      return;
    }
    // 1. The whole run is a known name.
    const whole = this.kbAt(c, a, j);
    if (whole && a + whole.length === j) {
      const h = pick(whole.hits);
      if (h.entry && (h.how === 'name' || h.how === 'acronym')) {
        if (h.entry.kind === 'Country' && this.isModifierOfGeneric(c, j)) return this.modifierWithGeneric(c, a, j, si, out, h.entry.country!);
        // "Spain's National Police", "Dutch Military Intelligence and Security Service": the name names its country too.
        if (h.entry.kind !== 'Country') this.leadingCountry(c, a, j, si, out);
        this.push(out, c, a, j, si, { kind: h.entry.kind, sub: h.entry.sub, kbId: h.entry.id, country: h.entry.country, core: h.entry.kind === 'Country' ? undefined : c.text(a, j) });
        this.bracketAlias(c, j, out);
        return;
      }
      if (h.how === 'demonym' || h.how === 'seat') {
        if (this.isModifierOfGeneric(c, j)) return this.modifierWithGeneric(c, a, j, si, out, h.country!, h.how === 'demonym');
        // "in Beijing" is a place; "linked to Beijing", "backed by Moscow" name the government.
        if (h.how === 'seat' && LOCATION_PREPOSITIONS.has(c.l(a - 1)) && !/^(linked|tied|connected|close|loyal|attributed|traced|backed|sponsored|blamed)$/.test(c.l(a - 2))) return;
        if (h.how === 'demonym' && (c.l(j) === 'and' || c.l(j) === ',' || /^[\p{Lu}]/u.test(c.w(j)))) return; // "Chinese and Russian hackers"
        this.push(out, c, a, j, si, { kind: 'Country', kbId: this.kb.country(h.country!)?.id, country: h.country, modifier: h.how === 'demonym', demonym: h.how === 'demonym' });
        return;
      }
      if (h.how === 'generic' && j - a > 1) {
        this.pushGeneric(c, a, j, si, out, h, undefined, a);
        return;
      }
    }
    // 2. A country modifier in front: "Chinese Foreign Ministry", "China's Ministry of ...", "US Justice Department".
    let country: string | undefined;
    let coreStart = a;
    if (whole && a + whole.length < j) {
      const h = pick(whole.hits);
      const cc = h.how === 'demonym' || h.how === 'seat' ? h.country : h.entry?.kind === 'Country' ? h.entry.country : undefined;
      const after = a + whole.length;
      if (cc && c.w(after) !== '-') {
        country = cc;
        this.push(out, c, a, after, si, { kind: 'Country', kbId: this.kb.country(cc)?.id, country: cc, modifier: true, demonym: h.how === 'demonym' });
        coreStart = after + (c.l(after) === "'s" || c.l(after) === '’s' ? 1 : 0);
      } else if (h.entry && h.entry.kind !== 'Country' && (h.how === 'name' || h.how === 'acronym')) {
        // A known organization followed by a title and a name: "FBI Director James Comey".
        if (this.titledPerson(c, after, j, si, out, a, h.entry)) return;
        // "Huawei Sweden", "Microsoft Ireland": a company's branch in a country speaks for the company.
        if (this.isCountryName(c, after, j) && (h.entry.sub === 'company' || h.entry.sub === 'media')) {
          this.push(out, c, a, j, si, { kind: h.entry.kind, sub: h.entry.sub, kbId: h.entry.id, country: h.entry.country, core: c.text(a, after) });
          return;
        }
        // "the NSA's Office of Tailored Access Operations", "FireEye's Mandiant unit": the owner and what it owns.
        if ((c.l(after) === "'s" || c.l(after) === '’s') && after + 1 < j) {
          this.push(out, c, a, after, si, { kind: h.entry.kind, sub: h.entry.sub, kbId: h.entry.id, country: h.entry.country, core: c.text(a, after) });
          this.core(c, after + 1, j, si, out, after + 1, h.entry.country);
          return;
        }
      }
    }
    if (coreStart >= j) return;
    if (this.titledPerson(c, coreStart, j, si, out, a, undefined, country)) return;
    this.core(c, coreStart, j, si, out, a, country);
  }

  /**
   * 'a group it tracks as "Indus Kestrel"', 'hackers known as "Cozy Bear"', 'a campaign dubbed "Ghost"': a
   * quoted name given to hackers is a threat actor's.
   */
  private dubbedCue(c: Cursor, at: number): OrgType | undefined {
    const q = c.w(at - 1);
    if (q !== '"' && q !== '“' && q !== "'" && q !== '‘') return undefined;
    if (!/^(as|dubbed|dubs|dub|named|names|called|calls|call|nicknamed|codenamed|code-named)$/.test(c.l(at - 2))) return undefined;
    for (let k = at - 3; k >= Math.max(c.first, at - 8); k--) if (HACKER_NOUNS.has(c.l(k))) return 'threat-actor';
    return undefined;
  }

  /** The rest of a run after any country modifier: an organization, a person or nothing. */
  private core(c: Cursor, s: number, j: number, si: number, out: Mention[], spanStart: number, country?: string): void {
    const lowers = c.lowers(s, j);
    // "the hacking group Fancy Bear" is a threat actor; "the shipping group Maersk" a company.
    const groupCue = c.l(spanStart - 1) === 'group' && !/^(hacking|hacker|hackers|threat|espionage|cyber|apt|criminal|ransomware|spy|spying|cyberespionage|state-backed|state-sponsored)$/.test(c.l(spanStart - 2)) ? 'company' : undefined;
    const cue = groupCue ?? this.dubbedCue(c, spanStart) ?? ORG_CUES.get(c.l(spanStart - 1)) ?? (c.l(spanStart - 1) === 'by' && MAKER_VERBS.has(c.l(spanStart - 2)) ? 'company' : undefined);
    // "CERT-EE", "CERT.PT", "CERT-In": an acronym with a tight suffix is one organization's name ("networking company TP-Link": a company).
    if (j - s === 3 && ACRONYM.test(c.w(s)) && /^[-.]$/.test(c.w(s + 1)) && this.tight(c, s, s + 1) && this.tight(c, s + 1, s + 2) && /^\p{Lu}[\p{L}\d]{0,5}$/u.test(c.w(s + 2))) {
      this.push(out, c, spanStart, j, si, { kind: 'Organization', sub: cue ?? 'agency', country, core: c.text(s, j) });
      return;
    }
    const kbHit = this.kbAt(c, s, j);
    if (kbHit && s + kbHit.length === j) {
      const h = pick(kbHit.hits);
      if (h.how === 'generic') return void this.pushGeneric(c, s, j, si, out, h, country, spanStart);
      if (h.entry) {
        this.push(out, c, spanStart, j, si, { kind: h.entry.kind, sub: h.entry.sub, kbId: h.entry.id, country: h.entry.country ?? country, core: c.text(s, j) });
        this.bracketAlias(c, j, out);
        return;
      }
    }
    const sub = orgTypeOf(lowers);
    if (sub && (j - s > 1 || !['group', 'post', 'news', 'review', 'security', 'service', 'media'].includes(lowers[0]))) {
      this.push(out, c, spanStart, j, si, { kind: 'Organization', sub, country, core: c.text(s, j) });
      this.bracketAlias(c, j, out);
      return;
    }
    // "COPENHAGEN - …", "SEOUL, March 3": a dateline city in capitals, not an acronym.
    if (j - s === 1 && s === c.first && c.w(s).length >= 4 && /^\p{Lu}+$/u.test(c.w(s)) && /^[-–—,(]$/.test(c.w(j))) {
      const city = c.w(s)[0] + c.w(s).slice(1).toLowerCase();
      const seat = this.kb.lookup(city).find((h) => h.how === 'seat' && h.country);
      if (seat) this.push(out, c, s, j, si, { kind: 'Country', kbId: this.kb.country(seat.country!)?.id, country: seat.country });
      return;
    }
    if (j - s === 1 && ACRONYM.test(c.w(s)) && c.w(s).length >= 2 && !NOT_ORG_ACRONYMS.has(c.w(s).toUpperCase())) {
      const prev = out.at(-1);
      if (prev && c.w(s - 1) === '(' && prev.kind === 'Organization') return; // handled by bracketAlias
      this.push(out, c, spanStart, j, si, { kind: 'Organization', sub: cue ?? (/\d/.test(c.w(s)) ? 'threat-actor' : 'organization'), country, core: c.w(s) });
      return;
    }
    // "Anthem, the second-largest health insurer", "Shenlan Smart Devices, a Chinese maker of cameras".
    const appositive = j - s <= 4 && c.w(j) === ',' ? this.appositionCue(c, j + 1) : undefined;
    if (appositive && c.pos(s) === 'PROPN') {
      this.push(out, c, spanStart, j, si, { kind: 'Organization', sub: appositive, country, core: c.text(s, j) });
      return;
    }
    if (cue && !ROLE_NOUNS.has(c.l(spanStart - 1))) {
      this.push(out, c, spanStart, j, si, { kind: 'Organization', sub: cue, country, core: c.text(s, j) });
      return;
    }
    if (this.personLike(c, s, j, spanStart)) {
      const role = ROLE_NOUNS.has(c.l(spanStart - 1)) ? c.w(spanStart - 1) : undefined;
      this.push(out, c, s, j, si, { kind: 'Person', title: role });
      return;
    }
    // A country named inside a longer run ("Sino-U.S.", "US-China").
    for (let k = s; k < j; k++) {
      const m = this.kbAt(c, k, j);
      const h = m && pick(m.hits);
      if (m && h?.entry?.kind === 'Country' && (h.how === 'name' || h.how === 'acronym')) {
        this.push(out, c, k, k + m.length, si, { kind: 'Country', kbId: h.entry.id, country: h.entry.country, modifier: true });
        k += m.length - 1;
      }
    }
  }

  /** Tokens [a, j) are exactly a country's name ("Sweden", "South Korea"). */
  private isCountryName(c: Cursor, a: number, j: number): boolean {
    const m = this.kbAt(c, a, j);
    return !!m && a + m.length === j && m.hits.some((h) => h.how === 'name' && h.entry?.kind === 'Country');
  }

  /** A country named at the start of a known organization's name, as a modifier mention of its own. */
  private leadingCountry(c: Cursor, a: number, j: number, si: number, out: Mention[]): void {
    for (const m of this.kb.walk(c.allLower, a, true, c.last)) {
      if (a + m.length >= j) break;
      const h = m.hits.find((x) => (x.how === 'name' && x.entry?.kind === 'Country') || x.how === 'demonym');
      if (!h) continue;
      const cc = h.entry?.country ?? h.country;
      if (!cc) continue;
      this.push(out, c, a, a + m.length, si, { kind: 'Country', kbId: this.kb.country(cc)?.id, country: cc, modifier: true, demonym: h.how === 'demonym' });
      return;
    }
  }

  /** "Anthem, the second-largest health insurer …": the head of a following apposition says what the name is. */
  private appositionCue(c: Cursor, k: number): OrgType | undefined {
    if (!/^(a|an|the)$/.test(c.l(k))) return undefined;
    for (let t = k + 1; t < Math.min(c.last, k + 7); t++) {
      if (c.w(t) === ',' || c.w(t) === '.' || c.pos(t) === 'ADP' || c.pos(t) === 'VERB') {
        return ORG_CUES.get(c.l(t - 1));
      }
    }
    return undefined;
  }

  /** "Foreign Ministry spokesman Qin Gang" is split before; here "Attorney General Eric Holder". */
  private titledPerson(c: Cursor, s: number, j: number, si: number, out: Mention[], spanStart: number, org?: KbEntry, country?: string): boolean {
    let p = -1;
    for (let k = j - 2; k >= s; k--) {
      if (PERSON_TITLES.has(c.l(k)) && c.cap(k + 1) && !TITLE_WORDS.has(c.l(k + 1))) { p = k; break; }
    }
    if (p < 0) return false;
    let t = p;
    while (t - 1 >= s && TITLE_WORDS.has(c.l(t - 1))) t--;
    const nameLen = j - (p + 1);
    const nameWords = c.words(p + 1, j).filter((w, k, all) => w !== '-' && !(k > 0 && all[k - 1] === '-'));
    if (nameLen < 1 || nameWords.length > 4 || !nameWords.every((w) => PERSON_WORD.test(w))) return false;
    // "Parliamentary Counsel Office", "Attorney General's Office": a title word inside an organization's name.
    if (ORG_HEADS.has(c.l(j - 1)) && !WEAK_HEADS.has(c.l(j - 1))) return false;
    if (t > s) {
      if (org) this.push(out, c, spanStart, s, si, { kind: 'Organization', sub: org.sub, kbId: org.id, country: org.country, core: c.text(spanStart, s) });
      else this.core(c, s, t, si, out, spanStart === s ? s : spanStart, country);
    } else if (org) {
      this.push(out, c, spanStart, s, si, { kind: 'Organization', sub: org.sub, kbId: org.id, country: org.country, core: c.text(spanStart, s) });
    }
    this.push(out, c, p + 1, j, si, { kind: 'Person', title: c.text(t, p + 1) });
    return true;
  }

  private personLike(c: Cursor, s: number, j: number, spanStart: number): boolean {
    // Hyphenated names ("Ben-Haim", "Chol-ung") arrive as word, "-", word.
    const words = c.words(s, j).filter((w, k, all) => w !== '-' && !(k > 0 && all[k - 1] === '-' && /^\p{Ll}/u.test(w)));
    const n = words.length;
    if (n > 4 || n === 0) return false;
    if (!words.every((w) => PERSON_WORD.test(w) || /^(bin|al|van|von|de|der|da|la|le|du|den)$/.test(w))) return false;
    if (words.some((w) => NOT_NAMES.has(w.toLowerCase()) || TITLE_WORDS.has(w.toLowerCase()) && n === 1)) return false;
    const before = c.l(spanStart - 1);
    const after = c.l(j);
    // "Mao Ning: We have noted …": a transcript turn opens with its speaker's name.
    const turn = spanStart === c.first && (after === ':' || after === '：');
    const cue = turn || ROLE_NOUNS.has(before) || PERSON_TITLES.has(before) || SPEECH_VERBS.has(before) || before === 'by'
      || (before === 'to' && c.l(spanStart - 2) === 'according')
      || SPEECH_VERBS.has(after) || (after === ',' && (ROLE_NOUNS.has(c.l(j + 1)) || ['a', 'an', 'the', 'who', 'its', 'his', 'her'].includes(c.l(j + 1)) || SPEECH_VERBS.has(c.l(j + 1))))
      || (after === "'s" || after === '’s') && ROLE_NOUNS.has(c.l(j + 1));
    if (n === 1) return c.pos(s) === 'PROPN' && (SPEECH_VERBS.has(after) || PERSON_TITLES.has(before) || ROLE_NOUNS.has(before) || (before === 'to' && c.l(spanStart - 2) === 'according'));
    if (cue) return true;
    // Two or three proper nouns with no other reading are taken for a name.
    return n <= 3 && c.words(s, j).every((w, k) => w === '-' || c.pos(s + k) === 'PROPN' || /^\p{Ll}/u.test(w)) && !LOCATION_PREPOSITIONS.has(before);
  }

  private isModifierOfGeneric(c: Cursor, j: number): boolean {
    const k = c.l(j) === "'s" || c.l(j) === '’s' ? j + 1 : j;
    if (k >= c.last) return false;
    const m = this.kbAt(c, k, c.last);
    return !!m && m.hits.some((h) => h.how === 'generic');
  }

  /** "Chinese military", "US government", "China's foreign ministry". */
  private modifierWithGeneric(c: Cursor, a: number, j: number, si: number, out: Mention[], country: string, demonym = false): void {
    this.push(out, c, a, j, si, { kind: 'Country', kbId: this.kb.country(country)?.id, country, modifier: true, demonym });
    const k = c.l(j) === "'s" || c.l(j) === '’s' ? j + 1 : j;
    const m = this.kbAt(c, k, c.last)!;
    const h = m.hits.find((x) => x.how === 'generic')!;
    this.pushGeneric(c, k, k + m.length, si, out, h, country, a);
  }

  private pushGeneric(c: Cursor, s: number, e: number, si: number, out: Mention[], h: GazetteerHit, country: string | undefined, spanStart: number): void {
    const entry = country ? h.generic!.get(country) : undefined;
    const sub = entry?.sub ?? orgTypeOf(c.lowers(s, e)) ?? 'organization';
    this.push(out, c, spanStart, e, si, { kind: 'Organization', sub, kbId: entry?.id, country: entry?.country ?? country, core: c.text(s, e) });
    this.bracketAlias(c, e, out);
  }

  /** "Military Intelligence and Security Service (MIVD)": the bracketed acronym restates the name. */
  private bracketAlias(c: Cursor, j: number, out: Mention[]): void {
    if (c.w(j) !== '(' || c.w(j + 2) !== ')' || !ACRONYM.test(c.w(j + 1))) return;
    // The name the brackets follow: the mention that ends right before them.
    const end = c.doc.tokens[j - 1].end;
    let prev = out.length - 1;
    while (prev >= 0 && (out[prev].end !== end || out[prev].modifier)) prev--;
    if (prev < 0) return;
    const sentence = out[prev].sentence;
    const span = c.span(j + 1, j + 2);
    out.push(mention({ kind: out[prev].kind, sub: out[prev].sub, kbId: out[prev].kbId, country: out[prev].country, core: c.w(j + 1), aliasOf: prev }, span.start, span.end, sentence));
  }

  /**
   * "China's embassy in the Netherlands", "the Chinese embassy in The Hague", "Russia's mission to the OPCW":
   * a state's mission written in lower case, named with its state and, when given, its place.
   */
  /**
   * "India's power ministry", "Ukraine's digital ministry": a state's ministry in lower case that the
   * knowledge base does not list; the ministry of that state, named by its field.
   */
  private ownMinistry(c: Cursor, i: number, si: number, out: Mention[]): boolean {
    if (c.l(i) !== 'ministry' || c.cap(i - 1) || !/^\p{Ll}+$/u.test(c.w(i - 1)) || (c.l(i - 2) !== "'s" && c.l(i - 2) !== '’s')) return false;
    // "China's foreign ministry" is the knowledge base's ministry, read as a generic name.
    if (this.kbAt(c, i - 1, i + 1)?.hits.some((h) => h.how === 'generic')) return false;
    const end = c.doc.tokens[i - 3]?.end;
    const country = countryEndingAt(out, end);
    if (!country || country.sentence !== si || out.some((m) => m.start >= c.doc.tokens[i - 1].start && m.sentence === si)) return false;
    const start = startToken(c, country, i - 3);
    if (start < 0) return false;
    country.modifier = true;
    this.push(out, c, start, i + 1, si, { kind: 'Organization', sub: 'ministry', country: country.country, core: c.text(i - 1, i + 1) });
    return true;
  }

  private mission(c: Cursor, i: number, si: number, out: Mention[]): boolean {
    if (!MISSION_WORDS.has(c.l(i))) return false;
    // "Russia's permanent mission to …": a qualifier between the state and the mission.
    let q = i - 1;
    while (q > c.first && MISSION_QUALIFIERS.has(c.l(q))) q--;
    const poss = c.l(q) === "'s" || c.l(q) === '’s';
    const modTok = poss ? q - 1 : q;
    const end = c.doc.tokens[modTok]?.end;
    const country = countryEndingAt(out, end);
    // "the country's embassy in Ottawa", "its embassy": the state is read from the article (resolve stage).
    const unnamed = !country && ((poss && c.l(modTok) === 'country' && c.l(modTok - 1) === 'the') || /^(its|their)$/.test(c.l(q)));
    if ((!country || country.sentence !== si) && !unnamed) return false;
    let j = i + 1;
    // "in the Netherlands", "in The Hague", "to the United Nations": capitalised words after in/to.
    if (/^(in|to|at)$/.test(c.l(j))) {
      let k = j + 1;
      if (c.l(k) === 'the') k++;
      const startPlace = k;
      while (k < c.last && c.cap(k)) k++;
      if (k > startPlace) j = k;
    }
    if (!country) {
      const place = j > i + 1 ? this.kb.lookup(c.text(i + 2, j).replace(/^the\s+/i, '')).find((h) => h.country)?.country : undefined;
      this.push(out, c, i, j, si, { kind: 'Organization', sub: 'embassy', core: c.text(i, j), missionOf: { host: place } });
      return true;
    }
    const start = startToken(c, country, modTok);
    if (start < 0) return false;
    country.modifier = true;
    this.push(out, c, start, j, si, { kind: 'Organization', sub: 'embassy', country: country.country, core: c.text(i, j) });
    return true;
  }

  /**
   * "foreign ministry spokesman …", "the defence ministry": a generic name of two words or more, or
   * one generic word after "its"/"their" (the body of the country in view). Returns the token after
   * the name, or `i` when there is none.
   */
  private genericName(c: Cursor, i: number, si: number, out: Mention[], prev: string): number {
    const gm = this.kbAt(c, i, c.last);
    const gh = gm?.hits.find((x) => x.how === 'generic');
    const possessive = prev === 'its' || prev === 'their';
    // "a foreign intelligence service", "any government": an indefinite body names no one.
    // (No named closure here: under tsx every one made costs a defineProperty, and this runs for every word.)
    // "a foreign ministry spokeswoman" names the ministry all the same.
    const titled = !!gm && /^spokes(?:man|woman|person)$/.test(c.l(i + gm.length));
    if (!gm || !gh || !(gm.length >= 2 || possessive) || (isIndefinite(c, i, prev) && !titled) || out.some((m) => m.end > c.doc.tokens[i].start && m.start <= c.doc.tokens[i].start)) return i;
    this.pushGeneric(c, i, i + gm.length, si, out, gh, undefined, i);
    return i + gm.length;
  }

  /** Lower-case references: pronouns, "the ministry", "its foreign ministry". */
  private lowercase(c: Cursor, i: number, si: number, out: Mention[]): void {
    const l = c.l(i);
    const g = PRONOUNS.get(l);
    if (g && g !== 'n' && (l === 'he' || l === 'she')) {
      this.push(out, c, i, i + 1, si, { kind: 'Person', anaphor: true, gender: g });
      return;
    }
    const prev = c.l(i - 1);
    if (this.mission(c, i, si, out)) return;
    if (this.ownMinistry(c, i, si, out)) return;
    if (this.genericName(c, i, si, out, prev) > i) return;
    if (prev === 'the' || prev === 'its' || prev === 'their') {
      const a = ANAPHORIC_NOUNS.get(l);
      // "the agency of working for …" refers back; "the Agency of Defence Procurement" is a name.
      if (a && !c.cap(i + 1) && !(c.l(i + 1) === 'of' && c.cap(i + 2))) {
        const working = l === 'group' && c.l(i - 1) === 'working';
        this.push(out, c, i, i + 1, si, { kind: a.kind, sub: working ? 'working-group' : a.sub as OrgType | undefined, anaphor: true });
      } else if (l === 'working' && c.l(i + 1) === 'group') {
        this.push(out, c, i, i + 2, si, { kind: 'Organization', sub: 'working-group', anaphor: true });
      }
    }
  }
}

/** Prefer a name over an acronym, and any entry over a bare country cue. */
function pick(hits: GazetteerHit[]): GazetteerHit {
  const order = ['name', 'acronym', 'generic', 'seat', 'demonym'];
  return [...hits].sort((x, y) => order.indexOf(x.how) - order.indexOf(y.how))[0];
}
