/**
 * The side model. A side is a state and what belongs to it: its organs, embassies and
 * missions (by the country in their name or the knowledge base), its officials and
 * spokespeople (through their roles), its nationals ("a Russian citizen", "Chinese
 * nationals"), and the groups and units said to be linked to, backed by or working for
 * it. An entity with no state is a side of its own (a company, an international body).
 */
import type { Doc } from '../doc/document.js';
import type { Match } from '../rules/matcher.js';
import type { DocSyntax } from '../syntax/clauses.js';
import type { DocView } from '../syntax/view.js';
import type { AffiliationRole } from './patterns/affiliations.js';

/** Offices whose holder speaks for a state. */
const OFFICE_NOUNS = new Set(['ambassador', 'envoy', 'consul', 'diplomat', 'minister', 'official', 'representative', 'attaché', 'chargé', 'secretary', 'counsellor', 'counselor']);

export class Sides {
  private readonly patron = new Map<number, number>();
  private readonly nationality = new Map<number, string>();
  private readonly spokesFor = new Map<number, number>();
  private readonly countryCluster = new Map<string, number>();
  private readonly employedBy = new Map<number, number>();
  /** People apposed to an office ("Russia's ambassador to Poland, NAME,"): they speak for their state. */
  private readonly officeHolders = new Set<number>();

  constructor(private readonly doc: Doc, v: DocView, syntax: DocSyntax, affiliations: Match<AffiliationRole>[]) {
    for (const r of doc.roles) if (!this.spokesFor.has(r.person)) this.spokesFor.set(r.person, r.org);
    for (const c of doc.clusters) if (c.kind === 'Country' && c.country && !this.countryCluster.has(c.country)) this.countryCluster.set(c.country, c.id);
    for (const m of affiliations) {
      const patron = m.slots.patron?.[0];
      for (const member of m.slots.member ?? []) {
        if (patron && member.cluster !== patron.cluster && !this.patron.has(member.cluster)) this.patron.set(member.cluster, patron.cluster);
      }
    }
    this.readNationalities(v, syntax);
  }

  /** "Russian Foreign Minister Sergei Lavrov", "five Chinese nationals, among them X": a demonym in the person's phrase. */
  private readNationalities(v: DocView, syntax: DocSyntax): void {
    v.agents.forEach((agents, si) => {
      if (!agents.some((a) => a.m.kind === 'Person')) return;
      const syn = syntax.sentence(si);
      for (const np of syn.nounChunks()) {
        const person = np.agents.find((a) => a.m.kind === 'Person' && !a.m.anaphor);
        const country = np.agents.find((a) => a.m.kind === 'Country' && a.m.modifier && a.m.country && a.last < (person?.first ?? Infinity));
        if (person && country && !this.nationality.has(person.cluster)) this.nationality.set(person.cluster, country.m.country!);
      }
      for (const a of agents) if (a.m.kind === 'Person' && !a.m.anaphor && v.words[a.first - 1] === ',') this.readOfficeBefore(a, v, syn);
      // "Dmitry Badin, a Russian citizen": apposition after a name; "Han Yong Song, a researcher at the Institute …".
      for (const a of agents) {
        if (a.m.kind !== 'Person' || v.words[a.last + 1] !== ',') continue;
        const next = syn.npAfter(a.last + 1);
        const at = next ? syn.complements(next, 1).find((x) => /^(at|of|for|with|from)$/.test(x.prep)) : undefined;
        const org = at?.np.agents.find((x) => x.m.kind === 'Organization' && !x.m.modifier);
        if (org && !this.employedBy.has(a.cluster)) this.employedBy.set(a.cluster, org.cluster);
        if (this.nationality.has(a.cluster)) continue;
        const demonym = next?.agents.find((x) => x.m.kind === 'Country' && x.m.modifier && x.m.country);
        if (demonym) this.nationality.set(a.cluster, demonym.m.country!);
      }
    });
  }

  /**
   * "Russia's ambassador to Poland, Nikolai Grachev,", "the Chinese envoy, NAME,": an office written
   * just before the name (only a prepositional phrase between), whose possessor or demonym is the state.
   */
  private readOfficeBefore(a: DocView['agents'][number][number], v: DocView, syn: ReturnType<DocSyntax['sentence']>): void {
    const comma = a.first - 1;
    const office = syn.nounChunks().filter((np) => np.last < comma && np.last >= comma - 8 && OFFICE_NOUNS.has(v.lower[np.head])).at(-1);
    if (!office || syn.verbGroups().some((vg) => vg.first > office.last && vg.last < comma)) return;
    if (v.words.slice(office.last + 1, comma).some((w) => w === ',' || w === '.')) return;
    this.officeHolders.add(a.cluster);
    const state = office.possessor?.m.kind === 'Country' ? office.possessor.m.country : office.agents.find((x) => x.m.kind === 'Country' && x.m.modifier)?.m.country;
    if (state && !this.nationality.has(a.cluster)) this.nationality.set(a.cluster, state);
  }

  /** Does the person hold an office apposed to their name? */
  holdsOffice(c: number): boolean { return this.officeHolders.has(c); }

  /** The state a cluster belongs to, as an ISO code, or undefined. */
  country(c: number, depth = 0): string | undefined {
    const cl = this.doc.clusters[c];
    if (!cl || depth > 4) return undefined;
    if (cl.country) return cl.country;
    const org = this.spokesFor.get(c);
    if (org !== undefined && org !== c) { const k = this.country(org, depth + 1); if (k) return k; }
    const p = this.patron.get(c) ?? this.employedBy.get(c);
    if (p !== undefined) { const k = this.country(p, depth + 1); if (k) return k; }
    return this.nationality.get(c);
  }

  /** A stable key for the side: the state's code, else the organization spoken for, else the entity itself. */
  key(c: number): string {
    const k = this.country(c);
    if (k) return k;
    const org = this.spokesFor.get(c) ?? this.patron.get(c);
    return `#${org ?? c}`;
  }

  same(a: number, b: number): boolean {
    return a === b || this.key(a) === this.key(b);
  }

  /** Give a person the state the article's context shows them speaking for. */
  adopt(c: number, country: string): void { if (!this.nationality.has(c)) this.nationality.set(c, country); }

  /** The organization a person works at, read from an apposition. */
  employer(c: number): number | undefined { return this.employedBy.get(c); }

  /** The organization a person speaks for, if any. */
  speaksFor(c: number): number | undefined { return this.spokesFor.get(c); }

  /** The country node of a side, when the article names the country itself. */
  countryNode(c: number): number | undefined {
    const k = this.country(c);
    return k ? this.countryCluster.get(k) : undefined;
  }
}
