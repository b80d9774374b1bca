/**
 * Spokesperson-of, from titles and appositions in the shapes news writing uses:
 *   "Foreign Ministry spokesman Qin Gang", "Chinese Foreign Ministry Spokesperson Hua Chunying",
 *   "Geng Yansheng, spokesman for the Ministry of National Defense",
 *   "Maria Zakharova, the foreign ministry spokeswoman", "the ministry's spokesman Geng",
 *   and unnamed ones: "a spokesperson for the State Internet Information Office",
 *   "an embassy spokesperson said" (a Person node without a name).
 */
import type { Cluster, Doc, Mention, Role } from '../doc/document.js';

const SPOKES = /^(spokes(?:man|woman|person|people|men|women)|press secretary|press officer|press attaché|mouthpiece)$/i;
const SPOKES_WORD = /^spokes(?:man|woman|person)$/i;
const QUALIFIERS = new Set(['deputy', 'chief', 'senior', 'official', 'a', 'an', 'the', 'its', 'his', 'her', 'acting', 'principal', 'main', 'assistant', 'foreign', 'regular']);

interface Tok { start: number; end: number; w: string; l: string }

/** Roles; unnamed spokespeople they introduce are added to doc.clusters in place. */
export function findRoles(doc: Doc): Role[] {
  const roles: Role[] = [];
  const toks: Tok[] = doc.tokens.map((t) => {
    const w = doc.text.slice(t.start, t.end);
    return { start: t.start, end: t.end, w, l: w.toLowerCase() };
  });
  const tokAt = new Map<number, number>();
  doc.tokens.forEach((t, i) => tokAt.set(t.start, i));
  const tokEnd = new Map<number, number>();
  doc.tokens.forEach((t, i) => tokEnd.set(t.end, i));
  // Mentions by the token they start and end at, so each lookup is constant time.
  const byStartTok = new Map<number, Mention[]>();
  const byEndTok = new Map<number, Mention[]>();
  for (const m of doc.mentions) {
    const a = tokAt.get(m.start);
    const z = tokEnd.get(m.end);
    if (a !== undefined) (byStartTok.get(a) ?? byStartTok.set(a, []).get(a)!).push(m);
    if (z !== undefined) (byEndTok.get(z) ?? byEndTok.set(z, []).get(z)!).push(m);
  }
  const usable = (m: Mention, kind: Mention['kind'][]) => kind.includes(m.kind) && m.cluster !== undefined && !m.modifier;
  const mentionEndingAt = (tokIndex: number, kind: Mention['kind'][]) => byEndTok.get(tokIndex)?.find((m) => usable(m, kind));
  const mentionStartingAt = (tokIndex: number, kind: Mention['kind'][]) => byStartTok.get(tokIndex)?.find((m) => usable(m, kind));
  const orgKinds: Mention['kind'][] = ['Organization', 'Country'];
  const has = new Set<string>();
  const add = (person: number, org: number, sentence: number, title: string) => {
    const key = `${person}:${org}`;
    if (has.has(key) || doc.clusters[person]?.kind !== 'Person') return;
    has.add(key);
    roles.push({ person, org, sentence, title });
  };

  /** The title phrase ending at token k (inclusive), e.g. "press secretary": returns its first token or -1. */
  const titleEndingAt = (k: number): number => {
    if (SPOKES_WORD.test(toks[k]?.w ?? '')) return k;
    if (toks[k]?.l === 'secretary' || toks[k]?.l === 'officer' || toks[k]?.l === 'attaché') return toks[k - 1]?.l === 'press' ? k - 1 : -1;
    return -1;
  };

  // 1. Titles written with the name: the recogniser kept them on the person mention.
  for (const m of doc.mentions) {
    if (m.kind !== 'Person' || m.anaphor || m.cluster === undefined) continue;
    const first = tokAt.get(m.start)!;
    // "[ORG] spokesman NAME" / "[ORG]'s spokesman NAME" / "[ORG] Spokesperson NAME"
    const k = first - 1;
    const titleStart = titleEndingAt(k);
    if (m.title && SPOKES_WORD.test(m.title.split(/\s+/).at(-1)!)) {
      // The title sits in the name's own run ("Foreign Ministry Spokesperson Hua Chunying").
      const ts = tokAt.get(doc.text.lastIndexOf(m.title, m.start));
      const org = ts !== undefined ? mentionEndingAt(ts - 1, orgKinds) : undefined;
      if (org) {
        add(m.cluster, org.cluster!, m.sentence, m.title);
        continue;
      }
    }
    if (titleStart >= 0) {
      let q = titleStart - 1;
      while (q >= 0 && QUALIFIERS.has(toks[q].l) && !['a', 'an', 'the'].includes(toks[q].l)) q--;
      if (toks[q]?.l === "'s" || toks[q]?.l === '’s') q--;
      const org = mentionEndingAt(q, orgKinds) ?? lowercaseOrg(q, m.sentence);
      const title = doc.text.slice(toks[titleStart].start, toks[k].end);
      if (org !== undefined) add(m.cluster, typeof org === 'number' ? org : org.cluster!, m.sentence, title);
      else {
        // "The White House followed. … press secretary Sarah Sanders said": the body named just before.
        // Only for someone not yet known as a spokesperson ("spokesman Qin said" is Qin Gang's old role).
        const near = roles.some((r) => r.person === m.cluster) ? undefined : nearestBody(m.start, m.sentence);
        if (near !== undefined) add(m.cluster, near, m.sentence, title);
      }
      continue;
    }
    // "NAME, (a|the) spokesman for [ORG]" / "NAME, the [ORG] spokeswoman"
    const last = tokEnd.get(m.end)!;
    if (toks[last + 1]?.w !== ',') continue;
    let q = last + 2;
    while (QUALIFIERS.has(toks[q]?.l ?? '')) q++;
    const t = titleEndingAt(q) >= 0 ? q : titleEndingAt(q + 1) >= 0 ? q + 1 : -1;
    if (t >= 0) {
      let r = t + 1;
      if (['for', 'of', 'at', 'from', 'to'].includes(toks[r]?.l)) {
        r++;
        if (['the', 'its', 'his', 'her'].includes(toks[r]?.l)) r++;
        const org = mentionStartingAt(r, orgKinds) ?? mentionCovering(r);
        if (org) add(m.cluster, org.cluster!, m.sentence, doc.text.slice(toks[q].start, toks[t].end));
        // "press secretary to President Vladimir Putin": the leader's office, when the article names it.
        else if (/^(president|prime|premier|chancellor|king|supreme)$/.test(toks[r]?.l ?? '')) {
          const office = leaderOffice(m.start);
          if (office !== undefined) add(m.cluster, office, m.sentence, doc.text.slice(toks[q].start, toks[t].end));
        }
      } else {
        // "NAME, the foreign ministry spokeswoman": the organization written just before the title.
        const org = mentionEndingAt(titleEndingAt(t) - 1, orgKinds);
        if (org) add(m.cluster, org.cluster!, m.sentence, toks[t].w);
      }
      continue;
    }
    // "NAME, the foreign ministry spokeswoman"
    for (let e = q; e < q + 8 && e < toks.length && toks[e].w !== ',' && toks[e].w !== '.'; e++) {
      if (titleEndingAt(e) < 0) continue;
      const org = mentionEndingAt(titleEndingAt(e) - 1, orgKinds);
      if (org) add(m.cluster, org.cluster!, m.sentence, toks[e].w);
      break;
    }
  }

  /** The office of a head of state or government named in the article (the Kremlin, the White House, the Élysée). */
  function leaderOffice(at: number): number | undefined {
    const isOffice = (c: number | undefined) => c !== undefined && doc.clusters[c]?.kind === 'Organization'
      && [doc.clusters[c].label, ...doc.clusters[c].names].some((n) => /kremlin|white house|presiden|prime minister|élysée|elysee|blue house|downing street|chancellery/i.test(n));
    // The office named nearest to the title (the article's other offices belong to other leaders).
    let best: { c: number; d: number } | undefined;
    for (const m of doc.mentions) {
      if (!isOffice(m.cluster)) continue;
      const d = Math.abs(m.start - at);
      if (!best || d < best.d) best = { c: m.cluster!, d };
    }
    return best?.c;
  }

  /** The nearest government body or organization (not a news outlet) named before `start`, in this or the previous sentence. */
  function nearestBody(start: number, sentence: number): number | undefined {
    for (let i = doc.mentions.length - 1; i >= 0; i--) {
      const m = doc.mentions[i];
      if (m.start >= start || m.cluster === undefined || m.modifier || m.kind !== 'Organization') continue;
      if (sentence - m.sentence > 1) break;
      if (doc.clusters[m.cluster]?.sub !== 'media') return m.cluster;
    }
    return undefined;
  }

  function mentionCovering(tokIndex: number): Mention | undefined {
    const s = toks[tokIndex]?.start;
    return doc.mentions.find((m) => m.start <= s && s < m.end && m.cluster !== undefined && !m.modifier && (m.kind === 'Organization' || m.kind === 'Country'));
  }
  /** "an embassy spokesperson": a lower-case organization noun names the nearest such organization. */
  function lowercaseOrg(q: number, sentence: number): number | undefined {
    const noun = toks[q]?.l;
    if (!noun || !/^(ministry|embassy|department|agency|government|military|company|firm|office|kremlin|bureau)$/.test(noun)) return undefined;
    const start = toks[q].start;
    for (let i = doc.mentions.length - 1; i >= 0; i--) {
      const m = doc.mentions[i];
      if (m.start >= start || m.cluster === undefined || m.kind !== 'Organization' || m.modifier) continue;
      if (sentence - m.sentence > 6) break;
      if ((doc.clusters[m.cluster].sub ?? '').startsWith(noun.slice(0, 4)) || noun === 'government' && doc.clusters[m.cluster].sub === 'government') return m.cluster;
    }
    return undefined;
  }

  // 2. Unnamed spokespeople: a title with an organization but no name after it.
  doc.sentences.forEach((s, si) => {
    for (let k = s.firstToken; k < s.lastToken; k++) {
      if (!SPOKES_WORD.test(toks[k].w)) continue;
      if (mentionStartingAt(k + 1, ['Person']) || doc.mentions.some((m) => m.kind === 'Person' && !m.anaphor && tokAt.get(m.start) === k + 1)) continue;
      // Already the title of a named person ("Qin Gang, spokesman for …") or said of one ("Geng, the spokesman").
      const prevPerson = doc.mentions.some((m) => m.kind === 'Person' && !m.anaphor && m.sentence === si && tokEnd.get(m.end)! < k && tokEnd.get(m.end)! >= k - 4 && toks[tokEnd.get(m.end)! + 1]?.w === ',');
      if (prevPerson) continue;
      let org: number | undefined;
      let q = k - 1;
      if (toks[q]?.l === "'s" || toks[q]?.l === '’s') q--;
      const before = mentionEndingAt(q, orgKinds);
      if (before) org = before.cluster;
      else if (['for', 'of', 'from', 'at'].includes(toks[k + 1]?.l)) {
        let r = k + 2;
        if (['the', 'its'].includes(toks[r]?.l)) r++;
        org = (mentionStartingAt(r, orgKinds) ?? mentionCovering(r))?.cluster;
      } else org = lowercaseOrg(q, si);
      if (org === undefined || doc.clusters[org].kind === 'Person') continue;
      // "a Foreign Office spokesman, Matthias Adebayo-Krüger, told …": the name follows in apposition.
      const named = toks[k + 1]?.w === ',' ? mentionStartingAt(k + 2, ['Person']) : undefined;
      if (named?.cluster !== undefined) {
        add(named.cluster, org, si, toks[k].w);
        continue;
      }
      // "the Kremlin spokesman" after "Dmitry Peskov, press secretary to …": the one already named for that organization.
      const known = roles.find((r) => r.org === org && !doc.clusters[r.person]?.unnamed && r.sentence <= si);
      if (known) { add(known.person, org, si, toks[k].w); continue; }
      // One unnamed spokesperson per organization per article.
      let person = doc.clusters.find((c) => c.unnamed && roles.some((r) => r.person === c.id && r.org === org))?.id;
      if (person === undefined) {
        person = doc.clusters.length;
        const c: Cluster = { id: person, kind: 'Person', label: '', names: [], mentions: [], unnamed: true };
        doc.clusters.push(c);
      }
      add(person, org, si, toks[k].w);
    }
  });

  // 3. "the spokesperson said": a spokes-noun anaphor refers to the nearest spokesperson before it.
  for (const m of doc.mentions) {
    if (m.kind !== 'Person' || !m.anaphor || !SPOKES_WORD.test(doc.text.slice(m.start, m.end))) continue;
    const prior = roles.filter((r) => doc.sentences[r.sentence].start <= m.start).at(-1);
    if (prior) m.cluster = prior.person;
  }
  return roles;
}
