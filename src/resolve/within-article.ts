/**
 * Within-article coreference: mentions of one entity become one cluster.
 * "Qin Gang" … "Qin" … "he"; "the Foreign Ministry" … "the ministry"; a bracketed
 * acronym joins the name it restates; a generic name ("Foreign Ministry") gets the
 * country the article is about when it names none itself.
 *
 * One pass per method, in the order `run` calls them; each fits on a screen (a single
 * long function was recompiled by the optimiser at every shape it had not seen yet).
 */
import { copyMention, type Cluster, type Doc, type Mention } from '../doc/document.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { dominantCountry } from './country-context.js';

export function normName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[’']/g, "'").replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
}

export function resolveMentions(doc: Doc, kb: KnowledgeBase): Doc {
  return new ArticleResolver(doc, kb).run();
}

function mostNamed(mentions: readonly Mention[], allowed: ReadonlyMap<string, unknown>): string | undefined {
  const n = new Map<string, number>();
  for (const m of mentions) if (m.kind === 'Country' && m.country && allowed.has(m.country)) n.set(m.country, (n.get(m.country) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
}

/** "Asked … at a briefing in Beijing, " or "Speaking in Moscow on Tuesday, " just before a name. */
const PLACE_BEFORE = /^(?:Asked|Speaking|Answering|Responding|Talking|Addressing|Questioned)\b[^,;.]*\bin\s+((?:\p{Lu}[\p{L}.'-]*\s?){1,3}?)(?:\s+on\s+\p{Lu}\p{L}+)?,\s*(?:the\s+)?$/u;
const OPENING_PLACE = /^(?:In|From|At)\s+((?:\p{Lu}[\p{L}.'-]*\s?){1,3}),/u;

class ArticleResolver {
  private readonly mentions: Mention[];
  private readonly clusters: Cluster[] = [];
  private readonly byKey = new Map<string, number>();
  // Names are compared with every other mention's (quadratic in mentions): normalise each once.
  private readonly normCache = new Map<string, string>();
  private readonly texts = new Map<Mention, string>();
  private personIdx: number[] = [];

  constructor(private readonly doc: Doc, private readonly kb: KnowledgeBase) {
    this.mentions = doc.mentions.map(copyMention);
  }

  run(): Doc {
    const home = dominantCountry(this.doc, this.mentions, this.kb);
    for (const m of this.mentions) if (m.missionOf && !m.country) m.country = this.missionCountry(m);
    for (const m of this.mentions) this.genericCountry(m, home);
    for (const m of this.mentions) this.shortOrgName(m);
    this.personIdx = [...this.mentions.keys()].filter((k) => this.mentions[k].kind === 'Person' && !this.mentions[k].anaphor);
    for (let i = 0; i < this.mentions.length; i++) if (!this.mentions[i].anaphor) this.clusterNamed(i);
    for (let i = 0; i < this.mentions.length; i++) if (this.mentions[i].anaphor) this.resolveAnaphor(i);
    for (const c of this.clusters) this.label(c);
    return { ...this.doc, mentions: this.mentions, clusters: this.clusters };
  }

  private norm(s: string): string {
    let r = this.normCache.get(s);
    if (r === undefined) this.normCache.set(s, (r = normName(s)));
    return r;
  }

  private text(m: Mention): string {
    let t = this.texts.get(m);
    if (t === undefined) this.texts.set(m, (t = this.doc.text.slice(m.start, m.end).replace(/^the\s+/i, '')));
    return t;
  }

  private newCluster(m: Mention, key: string | undefined): number {
    const id = this.clusters.length;
    this.clusters.push({ id, kind: m.kind, sub: m.sub, kbId: m.kbId, country: m.country, label: '', names: [], mentions: [] });
    if (key) this.byKey.set(key, id);
    return id;
  }

  private join(mi: number, ci: number): void {
    this.mentions[mi].cluster = ci;
    this.clusters[ci].mentions.push(mi);
  }

  /**
   * "The country's embassy in Ottawa": the state its paragraph names (its statement speaks for it), else the
   * state the article names most before it; never the host country.
   */
  private missionCountry(m: Mention): string | undefined {
    const block = this.doc.sentences[m.sentence]?.block;
    const pick = (near: boolean) => {
      const counts = new Map<string, number>();
      for (const o of this.mentions) {
        if (!o.country || o.country === m.missionOf!.host || o.missionOf) continue;
        if (near ? this.doc.sentences[o.sentence]?.block !== block : o.start >= m.start) continue;
        counts.set(o.country, (counts.get(o.country) ?? 0) + (o.kind === 'Country' ? 1 : 2));
      }
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    return pick(true) ?? pick(false);
  }

  /**
   * A generic organization name ("Foreign Ministry", "the military") without a country takes one from
   * context: the capital its sentence opens with, the subject of this or the previous sentence, the same
   * body named with its country nearby, a country with such a body in the sentence, the article's home,
   * the country named most.
   */
  private genericCountry(m: Mention, home: string | undefined): void {
    if (m.kind !== 'Organization' || m.kbId || m.country || !m.core || m.anaphor) return;
    const generic = this.kb.lookup(m.core).find((h) => h.how === 'generic')?.generic;
    if (!generic) return;
    const has = (c?: string): c is string => !!c && generic.has(c);
    const mentions = this.mentions;
    // "Belarus rejected the findings. Foreign Ministry spokesman …".
    const subjects = [m.sentence, m.sentence - 1].map((si) => mentions.find((o) => o.sentence === si && !o.anaphor))
      .filter((o): o is Mention => !!o && o.kind === 'Country' && has(o.country) && o.start < m.start);
    // "Russia's Foreign Ministry" … "the Foreign Ministry".
    const core = this.norm(m.core);
    const same = mentions.filter((o) => o.kind === 'Organization' && o.country && o.core && (this.norm(o.core) === core || this.norm(o.core).endsWith(` ${core}`)))
      .sort((a, b) => Math.abs(a.start - m.start) - Math.abs(b.start - m.start))[0];
    const inSentence = mentions.filter((o) => o.sentence === m.sentence && o.kind === 'Country' && has(o.country)).map((o) => o.country!);
    // "In Washington, the Justice Department …": the capital the sentence opens with.
    const placed = this.sentencePlace(m.sentence) ?? this.placeBefore(m);
    const cc = (has(placed) ? placed : undefined) ?? subjects[0]?.country ?? same?.country
      ?? inSentence[0] ?? (has(home) ? home : mostNamed(mentions, generic) ?? home);
    if (!cc) return;
    m.country = cc;
    const entry = generic.get(cc);
    if (entry) { m.kbId = entry.id; m.sub = entry.sub; }
  }

  /** "Aqualine said" after "Aqualine Water Systems": a one-word short form of an organization, not a person. */
  private shortOrgName(m: Mention): void {
    if (m.kind !== 'Person' || m.anaphor || m.title || this.text(m).includes(' ')) return;
    const org = this.mentions.find((o) => o.kind === 'Organization' && !o.anaphor && (o.core ?? this.text(o)).startsWith(`${this.text(m)} `));
    if (org) Object.assign(m, { kind: 'Organization', sub: org.sub, kbId: org.kbId, country: org.country, core: org.core ?? this.text(org) });
  }

  /** A named mention joins the cluster of its key (country, kb id, organization or person name), or a short form's, or a new one. */
  private clusterNamed(i: number): void {
    const m = this.mentions[i];
    if (m.aliasOf !== undefined) {
      const target = this.mentions[m.aliasOf].cluster;
      if (target !== undefined) { this.join(i, target); this.byKey.set(`acr:${m.core}`, target); }
      return;
    }
    let key: string;
    if (m.kind === 'Country' || m.kind === 'Place') key = `c:${m.country ?? this.norm(this.text(m))}`;
    else if (m.kbId) key = `kb:${m.kbId}`;
    else if (m.kind === 'Organization') key = `o:${m.country ?? ''}:${this.norm(m.core ?? this.text(m))}`;
    else key = `p:${this.norm(this.text(m))}`;
    let ci = this.byKey.get(key);
    if (ci === undefined && m.kind === 'Organization' && !m.kbId) ci = this.acronymCluster(m.core ?? this.text(m)) ?? this.shortFormCluster(this.norm(m.core ?? this.text(m)), m.sub);
    if (ci === undefined && m.kind === 'Person') ci = this.surnameCluster(this.text(m), i);
    this.join(i, ci ?? this.newCluster(m, key));
  }

  /** "NSA" after "National Security Agency (NSA)", or an all-capitals name whose initials an earlier name has. */
  private acronymCluster(core: string): number | undefined {
    const ci = this.byKey.get(`acr:${core}`);
    if (ci !== undefined || !/^[A-Z]{2,}$/.test(core)) return ci;
    const found = this.clusters.findIndex((c) => c.kind === 'Organization' && c.mentions.some((x) => initials(this.mentions[x].core ?? '') === core));
    return found < 0 ? undefined : found;
  }

  /** "the Times" after "The New York Times": a short form that ends an earlier name of the same type. */
  private shortFormCluster(core: string, sub: Mention['sub']): number | undefined {
    // One word only, and only when it picks out a single organization ("Intelligence and Security Service" could be two).
    if (core.includes(' ')) return undefined;
    const hits = this.clusters.filter((c) => c.kind === 'Organization' && !(sub && c.sub && c.sub !== sub)
      && c.mentions.some((x) => { const n = this.norm(this.mentions[x].core ?? this.text(this.mentions[x])); return n !== core && n.endsWith(` ${core}`); }));
    return hits.length === 1 ? hits[0].id : undefined;
  }

  /**
   * The nearest full name before (else after) that contains the single name as a word; a name written
   * with a title ("spokeswoman Hua Chunying") first, as the one quoted again.
   */
  private surnameCluster(name: string, at: number): number | undefined {
    const order = this.personIdx.filter((k) => k !== at).sort((a, b) => (a < at ? at - a : 1e9 + b) - (b < at ? at - b : 1e9 + a));
    const titled = order.filter((k) => this.mentions[k].title);
    for (const k of [...titled, ...order]) {
      const o = this.mentions[k];
      // "Jaberi Ansari" after "Hossein Jaberi Ansari": the shorter name is a run of the longer one's words.
      if (o.kind === 'Person' && !o.anaphor && this.text(o).length > name.length && ` ${this.text(o)} `.includes(` ${name} `)) {
        if (o.cluster !== undefined) return o.cluster;
        const key = `p:${this.norm(this.text(o))}`;
        return this.byKey.get(key) ?? this.newCluster(o, key);
      }
    }
    return undefined;
  }

  /** An anaphor: the nearest earlier cluster of the same kind (and type, for organizations), at most four sentences back. */
  private resolveAnaphor(i: number): void {
    const m = this.mentions[i];
    for (let k = i - 1; k >= 0; k--) {
      const o = this.mentions[k];
      if (o.anaphor || o.cluster === undefined || o.kind !== m.kind) continue;
      if (m.sentence - o.sentence > 4) break;
      if (!this.sameSub(m, o)) continue;
      return this.joinAnaphor(i, o.cluster);
    }
    // 'the group, which it calls "Grey Stork",': named just after, in the same sentence.
    if (m.kind !== 'Organization' || !m.sub) return;
    for (let k = i + 1; k < this.mentions.length && this.mentions[k].sentence === m.sentence; k++) {
      const o = this.mentions[k];
      if (!o.anaphor && o.cluster !== undefined && o.kind === m.kind && this.clusters[o.cluster].sub === m.sub) return this.joinAnaphor(i, o.cluster);
    }
  }

  private sameSub(m: Mention, o: Mention): boolean {
    const sub = this.clusters[o.cluster!].sub;
    return m.kind !== 'Organization' || !m.sub || sub === m.sub || (m.sub === 'department' && sub === 'ministry');
  }

  private joinAnaphor(i: number, ci: number): void {
    const m = this.mentions[i];
    m.cluster = ci;
    if (m.kind === 'Organization') this.clusters[ci].mentions.push(i);
  }

  /** The cluster's label (the knowledge base's, else its longest name), its other names, type and country. */
  private label(c: Cluster): void {
    const entry = c.kbId ? this.kb.entries.get(c.kbId) : undefined;
    const names = new Set<string>();
    for (const mi of c.mentions) {
      const m = this.mentions[mi];
      if (m.anaphor) continue;
      const t = this.text(m);
      if (m.kind === 'Country' && m.modifier && !this.kb.lookup(t).some((h) => h.how !== 'demonym')) continue;
      names.add(t);
      if (m.core && m.core !== t) names.add(m.core);
    }
    const list = [...names];
    c.label = entry?.label ?? list.sort((a, b) => b.length - a.length)[0] ?? '';
    c.names = list.filter((n) => n !== c.label);
    c.sub ??= entry?.sub;
    c.country ??= entry?.country;
    if (c.kind === 'Organization' && !c.country) {
      const withCountry = c.mentions.map((x) => this.mentions[x].country).find(Boolean);
      if (withCountry) c.country = withCountry;
    }
  }

  /**
   * "Asked about it at a briefing in Beijing, foreign ministry spokesman …": the capital the opening
   * clause of speaking sets the name in (the mention follows its comma).
   */
  private placeBefore(m: Mention): string | undefined {
    const s = this.doc.sentences[m.sentence];
    if (!s || m.start - s.start > 200) return undefined;
    const p = PLACE_BEFORE.exec(this.doc.text.slice(s.start, m.start));
    return p ? this.kb.lookup(p[1].trim()).find((h) => h.how === 'seat' && h.country)?.country : undefined;
  }

  /** The country of the capital a sentence opens with ("In Beijing, …"), if any. */
  private sentencePlace(si: number): string | undefined {
    const s = this.doc.sentences[si];
    if (!s) return undefined;
    const m = OPENING_PLACE.exec(this.doc.text.slice(s.start, Math.min(s.end, s.start + 60)));
    if (!m) return undefined;
    return this.kb.lookup(m[1].trim()).find((h) => h.how === 'seat' && h.country)?.country;
  }
}
