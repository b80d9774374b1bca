/**
 * Within-article coreference: mentions of one entity become one cluster.
 * "Qin Gang" … "Qin" … "he"; "the Foreign Ministry" … "the ministry"; a bracketed
 * acronym joins the name it restates; a generic name ("Foreign Ministry") gets the
 * country the article is about when it names none itself.
 */
import type { Cluster, Doc, Mention } from '../doc/document.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { dominantCountry } from './country-context.js';

export function normName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[’']/g, "'").replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
}

function mostNamed(mentions: readonly Mention[], allowed: ReadonlyMap<string, unknown>): string | undefined {
  const n = new Map<string, number>();
  for (const m of mentions) if (m.kind === 'Country' && m.country && allowed.has(m.country)) n.set(m.country, (n.get(m.country) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
}

export function resolveMentions(doc: Doc, kb: KnowledgeBase): Doc {
  // Names are compared with every other mention's (quadratic in mentions): normalise each once.
  const normCache = new Map<string, string>();
  const norm = (s: string): string => {
    let r = normCache.get(s);
    if (r === undefined) normCache.set(s, (r = normName(s)));
    return r;
  };
  const mentions = doc.mentions.map((m) => ({ ...m }));
  const clusters: Cluster[] = [];
  const byKey = new Map<string, number>();
  const texts = new Map<Mention, string>();
  const text = (m: Mention): string => {
    let t = texts.get(m);
    if (t === undefined) texts.set(m, (t = doc.text.slice(m.start, m.end).replace(/^the\s+/i, '')));
    return t;
  };
  const home = dominantCountry(doc, mentions, kb);

  const newCluster = (m: Mention, key: string | undefined): number => {
    const id = clusters.length;
    clusters.push({ id, kind: m.kind, sub: m.sub, kbId: m.kbId, country: m.country, label: '', names: [], mentions: [] });
    if (key) byKey.set(key, id);
    return id;
  };
  const join = (mi: number, ci: number) => {
    mentions[mi].cluster = ci;
    clusters[ci].mentions.push(mi);
  };

  // "The country's embassy in Ottawa": the state its paragraph names (its statement speaks for it), else the
  // state the article names most; never the host country.
  for (const m of mentions) {
    if (!m.missionOf || m.country) continue;
    const block = doc.sentences[m.sentence]?.block;
    const pick = (near: boolean) => {
      const counts = new Map<string, number>();
      for (const o of mentions) {
        if (!o.country || o.country === m.missionOf!.host || o.missionOf) continue;
        if (near ? doc.sentences[o.sentence]?.block !== block : o.start >= m.start) continue;
        counts.set(o.country, (counts.get(o.country) ?? 0) + (o.kind === 'Country' ? 1 : 2));
      }
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    m.country = pick(true) ?? pick(false);
  }

  // Generic organization names without a country take one from the same name elsewhere
  // in the article, else from the article's home country.
  for (const m of mentions) {
    if (m.kind !== 'Organization' || m.kbId || m.country || !m.core || m.anaphor) continue;
    const generic = kb.lookup(m.core).find((h) => h.how === 'generic')?.generic;
    // Only generic names ("Foreign Ministry", "the military") take a country from context.
    if (!generic) continue;
    const has = (c?: string): c is string => !!c && (!generic || generic.has(c));
    // 1. The subject of this or the previous sentence: "Belarus rejected the findings. Foreign Ministry spokesman …".
    const subjects = [m.sentence, m.sentence - 1].map((si) => mentions.find((o) => o.sentence === si && !o.anaphor))
      .filter((o): o is Mention => !!o && o.kind === 'Country' && has(o.country) && o.start < m.start);
    // 2. The same body named with its country nearby ("Russia's Foreign Ministry" … "the Foreign Ministry").
    const core = norm(m.core);
    const same = mentions.filter((o) => o.kind === 'Organization' && o.country && o.core && (norm(o.core) === core || norm(o.core).endsWith(` ${core}`)))
      .sort((a, b) => Math.abs(a.start - m.start) - Math.abs(b.start - m.start))[0];
    // 3. A country with such a body named in the same sentence; 4. the article's home; 5. the most named.
    const inSentence = mentions.filter((o) => o.sentence === m.sentence && o.kind === 'Country' && has(o.country)).map((o) => o.country!);
    // 0. "In Washington, the Justice Department …": the capital the sentence opens with.
    const placed = sentencePlace(doc, m.sentence, kb);
    const cc = (has(placed) ? placed : undefined) ?? subjects[0]?.country ?? same?.country ?? (generic ? (inSentence[0] ?? (has(home) ? home : mostNamed(mentions, generic) ?? home)) : undefined);
    if (cc) {
      m.country = cc;
      const entry = generic?.get(cc);
      if (entry) { m.kbId = entry.id; m.sub = entry.sub; }
    }
  }

  // "Aqualine said" after "Aqualine Water Systems": a one-word short form of an organization, not a person.
  for (const m of mentions) {
    if (m.kind !== 'Person' || m.anaphor || m.title || text(m).includes(' ')) continue;
    const org = mentions.find((o) => o.kind === 'Organization' && !o.anaphor && (o.core ?? text(o)).startsWith(`${text(m)} `));
    if (org) Object.assign(m, { kind: 'Organization', sub: org.sub, kbId: org.kbId, country: org.country, core: org.core ?? text(org) });
  }

  const personIdx = [...mentions.keys()].filter((k) => mentions[k].kind === 'Person' && !mentions[k].anaphor);
  mentions.forEach((m, i) => {
    if (m.anaphor) return;
    if (m.aliasOf !== undefined) {
      const target = mentions[m.aliasOf].cluster;
      if (target !== undefined) { join(i, target); byKey.set(`acr:${m.core}`, target); }
      return;
    }
    let key: string;
    if (m.kind === 'Country' || m.kind === 'Place') key = `c:${m.country ?? norm(text(m))}`;
    else if (m.kbId) key = `kb:${m.kbId}`;
    else if (m.kind === 'Organization') key = `o:${m.country ?? ''}:${norm(m.core ?? text(m))}`;
    else key = `p:${norm(text(m))}`;
    let ci = byKey.get(key);
    if (ci === undefined && m.kind === 'Organization' && !m.kbId) {
      const core = m.core ?? text(m);
      ci = byKey.get(`acr:${core}`);
      if (ci === undefined && /^[A-Z]{2,}$/.test(core)) {
        ci = clusters.findIndex((c) => c.kind === 'Organization' && c.mentions.some((x) => initials(mentions[x].core ?? '') === core));
        if (ci < 0) ci = undefined;
      }
    }
    if (ci === undefined && m.kind === 'Organization' && !m.kbId) ci = shortFormCluster(norm(m.core ?? text(m)), m.sub);
    if (ci === undefined && m.kind === 'Person') ci = surnameCluster(text(m), i);
    if (ci === undefined) ci = newCluster(m, key);
    join(i, ci);
  });

  /** "the Times" after "The New York Times": a short form that ends an earlier name of the same type. */
  function shortFormCluster(core: string, sub: Mention['sub']): number | undefined {
    // One word only, and only when it picks out a single organization ("Intelligence and Security Service" could be two).
    if (core.includes(' ')) return undefined;
    const hits = clusters.filter((c) => c.kind === 'Organization' && !(sub && c.sub && c.sub !== sub)
      && c.mentions.some((x) => { const n = norm(mentions[x].core ?? text(mentions[x])); return n !== core && n.endsWith(` ${core}`); }));
    return hits.length === 1 ? hits[0].id : undefined;
  }

  function surnameCluster(name: string, at: number): number | undefined {
    // The nearest full name before (else after) that contains the single name as a word;
    // a name written with a title ("spokeswoman Hua Chunying") first, as the one quoted again.
    const order = personIdx.filter((k) => k !== at).sort((a, b) => (a < at ? at - a : 1e9 + b) - (b < at ? at - b : 1e9 + a));
    const titled = order.filter((k) => mentions[k].title);
    for (const k of [...titled, ...order]) {
      const o = mentions[k];
      // "Jaberi Ansari" after "Hossein Jaberi Ansari": the shorter name is a run of the longer one's words.
      if (o.kind === 'Person' && !o.anaphor && text(o).length > name.length && ` ${text(o)} `.includes(` ${name} `)) {
        if (o.cluster !== undefined) return o.cluster;
        const key = `p:${norm(text(o))}`;
        return byKey.get(key) ?? newCluster(o, key);
      }
    }
    return undefined;
  }

  // Anaphors: the nearest earlier cluster of the same kind (and type, for organizations).
  mentions.forEach((m, i) => {
    if (!m.anaphor) return;
    for (let k = i - 1; k >= 0; k--) {
      const o = mentions[k];
      if (o.anaphor || o.cluster === undefined || o.kind !== m.kind) continue;
      if (m.sentence - o.sentence > 4) break;
      if (m.kind === 'Organization' && m.sub && clusters[o.cluster].sub !== m.sub && !(m.sub === 'department' && clusters[o.cluster].sub === 'ministry')) continue;
      m.cluster = o.cluster;
      if (m.kind === 'Organization') clusters[o.cluster].mentions.push(i);
      break;
    }
  });

  for (const c of clusters) {
    const entry = c.kbId ? kb.entries.get(c.kbId) : undefined;
    const names = new Set<string>();
    for (const mi of c.mentions) {
      const m = mentions[mi];
      if (m.anaphor) continue;
      const t = text(m);
      if (m.kind === 'Country' && m.modifier && !kb.lookup(t).some((h) => h.how !== 'demonym')) continue;
      names.add(t);
      if (m.core && m.core !== t) names.add(m.core);
    }
    const list = [...names];
    c.label = entry?.label ?? list.sort((a, b) => b.length - a.length)[0] ?? '';
    c.names = list.filter((n) => n !== c.label);
    c.sub ??= entry?.sub;
    c.country ??= entry?.country;
    if (c.kind === 'Organization' && !c.country) {
      const withCountry = c.mentions.map((x) => mentions[x].country).find(Boolean);
      if (withCountry) c.country = withCountry;
    }
  }
  return { ...doc, mentions, clusters };
}

const OPENING_PLACE = /^(?:In|From|At)\s+((?:\p{Lu}[\p{L}.'-]*\s?){1,3}),/u;

/** The country of the capital a sentence opens with ("In Beijing, …"), if any. */
function sentencePlace(doc: Doc, si: number, kb: KnowledgeBase): string | undefined {
  const s = doc.sentences[si];
  if (!s) return undefined;
  const m = OPENING_PLACE.exec(doc.text.slice(s.start, Math.min(s.end, s.start + 60)));
  if (!m) return undefined;
  return kb.lookup(m[1].trim()).find((h) => h.how === 'seat' && h.country)?.country;
}
