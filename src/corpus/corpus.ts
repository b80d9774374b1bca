/**
 * The corpus: annotated articles joined into one graph. Cross-article resolution
 * gives one IRI per real entity (knowledge-base id, else country-qualified
 * organization name, else a person's full name); entity IRIs are fixed at first
 * sight, so adding or removing an article never renames what others point to.
 * Each article's statements live in its own named graph; entity descriptions
 * (types, labels) are recomputed from the articles present, so removing an article
 * removes exactly what only it supported.
 */
import { DataFactory, type Quad, type Quad_Object, type NamedNode } from 'n3';
import type { Cluster, OrgType } from '../doc/document.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { ACCUSATION_KINDS, PLOVER_CONTEXTS, RESPONSE_KINDS, entityClasses, type Plover } from '../ontology/kinds.js';
import { NKG, OA, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD } from '../ontology/terms.js';
import type { Settings } from '../settings.js';
import { normName } from '../resolve/within-article.js';
import type { ArticleRecord } from './record.js';
import { drain } from '../steps.js';

const { namedNode, literal, quad, defaultGraph } = DataFactory;

export function slug(s: string): string {
  const out = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return out.slice(0, 80) || 'x';
}

/**
 * normName of a name, memoised: the corpus asks about the same names in article after article
 * (bounded; the memo starts again past its size).
 */
const normed = new Map<string, string>();
function norm(name: string): string {
  let n = normed.get(name);
  if (n === undefined) {
    if (normed.size >= 200_000) normed.clear();
    normed.set(name, (n = normName(name)));
  }
  return n;
}

type Kind = Cluster['kind'];

interface EntityRef {
  key: string;
  iri: string;
}

/** An entity as the articles present describe it. */
interface EntityView {
  iri: string;
  kind: Kind;
  sub?: OrgType;
  label: string;
  names: Set<string>;
  country?: string;
  unnamed?: boolean;
  /** For an unnamed spokesperson: "spokesperson for {organization}" (schema:description, not a name). */
  description?: string;
}

/**
 * What the corpus resolves an article's entities from and what a build reports of it: the
 * record without its text, sentences and events (a rebuild reads only this of an unchanged
 * article, from the previous build's state; see addHead).
 */
export interface RecordHead extends Pick<ArticleRecord, 'id' | 'meta' | 'clusters' | 'roles' | 'warnings'> {
  /** How many accusations and responses the record holds. */
  events: [number, number];
}

export function headOf(rec: ArticleRecord): RecordHead {
  return { id: rec.id, meta: rec.meta, clusters: rec.clusters, roles: rec.roles, warnings: rec.warnings, events: [rec.accusations.length, rec.responses.length] };
}

/** Articles or entities between the yields of entityQuadsSteps (10,000 articles took 0.1 s in one go). */
const STEP = 1000;

export class Corpus {
  private readonly heads = new Map<string, RecordHead>();
  /** Each article's record, or how to read it when only its head was added. */
  private readonly recs = new Map<string, ArticleRecord | (() => ArticleRecord)>();
  /** Per article: the entity key of each cluster index (and of outlet and byline). */
  private readonly links = new Map<string, { clusters: (EntityRef | undefined)[]; outlet?: EntityRef; authors: EntityRef[] }>();
  private readonly iriByKey = new Map<string, string>();
  private readonly usedIris = new Set<string>();
  /** kind + normalised name → entity key, for joining names across articles. */
  private readonly nameIndex = new Map<string, string>();
  /** Each entity's quads as last described, with the view's signature (see description()). */
  private readonly descriptions = new Map<string, { sig: string; quads: Quad[] }>();
  readonly base: string;

  constructor(settings: Pick<Settings, 'baseIri'>, private readonly kb: KnowledgeBase) {
    this.base = settings.baseIri;
  }

  get size(): number {
    return this.recs.size;
  }

  get(id: string): ArticleRecord | undefined {
    const r = this.recs.get(id);
    if (typeof r !== 'function') return r;
    const rec = r();
    this.recs.set(id, rec);
    return rec;
  }

  /** Every record, in the order added (those added by their head are read now). */
  records(): ArticleRecord[] {
    return [...this.recs.keys()].map((id) => this.get(id)!);
  }

  /** The article ids, in the order added. */
  ids(): IterableIterator<string> {
    return this.recs.keys();
  }

  /** Every article's head, in the order added: what a summary needs, without reading any record. */
  recordHeads(): IterableIterator<RecordHead> {
    return this.heads.values();
  }

  head(id: string): RecordHead | undefined {
    return this.heads.get(id);
  }

  articleIri(id: string): string {
    return `${this.base}article/${slug(id)}`;
  }

  get entitiesGraphIri(): string {
    return `${this.base}graph/entities`;
  }

  /** Add an article; an article with the same id is replaced. */
  add(rec: ArticleRecord): void {
    this.recs.set(rec.id, rec);
    this.link(headOf(rec));
  }

  /**
   * Add an article by its head, the same as add(record) for everything but reading the record,
   * which `load` does when something asks for it (its quads, get, records).
   */
  addHead(head: RecordHead, load: () => ArticleRecord): void {
    this.recs.set(head.id, load);
    this.link(head);
  }

  private link(rec: RecordHead): void {
    this.heads.set(rec.id, rec);
    const clusters = rec.clusters.map((c) => this.refFor(rec, c));
    const outlet = rec.meta.outlet ? this.outletRef(rec.meta.outlet, rec.meta.outletKb) : undefined;
    const authors = (rec.meta.byline ?? []).map((name) => this.ref(`person:${norm(name)}`, name));
    this.links.set(rec.id, { clusters, outlet, authors });
  }

  remove(id: string): boolean {
    this.links.delete(id);
    this.heads.delete(id);
    return this.recs.delete(id);
  }

  private ref(key: string, label: string): EntityRef {
    let iri = this.iriByKey.get(key);
    if (!iri) {
      const stem = `${this.base}entity/${slug(label)}`;
      iri = stem;
      for (let n = 2; this.usedIris.has(iri); n++) iri = `${stem}-${n}`;
      this.usedIris.add(iri);
      this.iriByKey.set(key, iri);
    }
    return { key, iri };
  }

  /** `kbId`: the record's meta.outletKb, asked at annotation; looked up here only for a record without it. */
  private outletRef(name: string, kbId: string | null | undefined): EntityRef {
    const id = kbId === undefined ? this.kb.outletEntry(name) : kbId;
    const entry = id ? this.kb.entries.get(id) : undefined;
    if (entry) return this.ref(`kb:${entry.id}`, entry.label);
    const known = this.nameIndex.get(`Organization:${norm(name)}`);
    if (known) return { key: known, iri: this.iriByKey.get(known)! };
    const key = `org::${norm(name)}`;
    this.nameIndex.set(`Organization:${norm(name)}`, key);
    return this.ref(key, name);
  }

  private refFor(rec: RecordHead, c: Omit<Cluster, 'mentions'>): EntityRef | undefined {
    if (c.unnamed) {
      const role = rec.roles.find((r) => r.person === c.id);
      const org = role ? rec.clusters[role.org] : undefined;
      return this.ref(`unnamed:${rec.id}:${c.id}`, `spokesperson ${org?.label ?? ''} ${rec.id}`);
    }
    if (!c.label) return undefined;
    if (c.kbId) return this.ref(`kb:${c.kbId}`, c.label);
    const names = [c.label, ...c.names];
    if (c.kind === 'Organization') {
      for (const n of names) {
        const k = this.nameIndex.get(`Organization:${c.country ?? ''}:${norm(n)}`) ?? (c.country ? undefined : this.nameIndex.get(`Organization:${norm(n)}`));
        if (k) return this.remember(k, names, c);
      }
      return this.remember(`org:${c.country ?? ''}:${norm(c.label)}`, names, c);
    }
    if (c.kind === 'Person') {
      // People join across articles by their full name only: a shared surname is not enough.
      return this.ref(`person:${norm(c.label)}`, c.label);
    }
    return this.ref(`place:${norm(c.label)}`, c.label);
  }

  private remember(key: string, names: string[], c: Omit<Cluster, 'mentions'>): EntityRef {
    for (const n of names) {
      this.nameIndex.set(`Organization:${c.country ?? ''}:${norm(n)}`, key);
      if (!this.nameIndex.has(`Organization:${norm(n)}`)) this.nameIndex.set(`Organization:${norm(n)}`, key);
    }
    return this.ref(key, c.label);
  }

  /** Entity descriptions from the articles present: types, one label, every other name (yields every STEP articles). */
  private *entityViews(): Generator<void, Map<string, EntityView>> {
    const views = new Map<string, EntityView>();
    const see = (ref: EntityRef, kind: Kind, label: string, names: string[], sub?: OrgType, country?: string, unnamed?: boolean) => {
      let v = views.get(ref.key);
      if (!v) {
        const kbId = ref.key.startsWith('kb:') ? ref.key.slice(3) : undefined;
        const entry = kbId ? this.kb.entries.get(kbId) : undefined;
        v = { iri: ref.iri, kind, sub: entry?.sub ?? sub, label: entry?.label ?? label, names: new Set(), country: entry?.country ?? country, unnamed };
        views.set(ref.key, v);
      }
      v.sub ??= sub;
      v.country ??= country;
      if (!v.unnamed && label && label.length > v.label.length && !ref.key.startsWith('kb:') && kind === 'Person') v.label = label;
      for (const n of [label, ...names]) if (n) v.names.add(n);
    };
    let n = 0;
    for (const rec of this.heads.values()) {
      if (++n % STEP === 0) yield;
      const l = this.links.get(rec.id)!;
      rec.clusters.forEach((c, i) => {
        const ref = l.clusters[i];
        if (ref) see(ref, c.kind, c.label, c.names, c.sub, c.country, c.unnamed);
        if (ref && c.unnamed) {
          const role = rec.roles.find((r) => r.person === i);
          const org = role ? rec.clusters[role.org] : undefined;
          if (org?.label) views.get(ref.key)!.description ??= `spokesperson for ${org.label}`;
        }
      });
      if (l.outlet) see(l.outlet, 'Organization', rec.meta.outlet!, [], 'media');
      l.authors.forEach((a, i) => see(a, 'Person', rec.meta.byline![i], []));
    }
    for (const v of views.values()) v.names.delete(v.label);
    return views;
  }

  /** The entities graph: one description per entity of the articles present. */
  entityQuads(): Quad[] {
    return drain(this.entityQuadsSteps());
  }

  /** entityQuads() as a generator that yields every STEP articles or entities, so a server can answer between steps. */
  *entityQuadsSteps(): Generator<void, Quad[]> {
    const g = namedNode(this.entitiesGraphIri);
    const out: Quad[] = [];
    const views = yield* this.entityViews();
    const iris = new Set([...views.values()].map((v) => v.iri));
    const described = new Set(iris);
    let n = 0;
    for (const v of views.values()) {
      if (++n % STEP === 0) yield;
      const country = v.kind === 'Organization' && v.country && !v.unnamed ? this.kb.country(v.country) : undefined;
      const c = country && namedNode(this.ref(`kb:${country.id}`, country.label).iri);
      for (const q of this.description(v, c, g)) out.push(q);
      // A country an organization points to is described even when no article names it.
      if (c && country && !described.has(c.value)) {
        described.add(c.value);
        out.push(quad(c, RDF.type, SCHEMA.Country, g), quad(c, RDFS.label, literal(country.label), g));
      }
    }
    if (this.descriptions.size > iris.size) for (const iri of this.descriptions.keys()) if (!iris.has(iri)) this.descriptions.delete(iri);
    return out;
  }

  /**
   * An entity's own quads in the entities graph: the same objects as last time when its view is
   * as it was, so a server's change makes new quads only for the entities it touched and can
   * compare the rest by identity (server/state.ts).
   */
  private description(v: EntityView, country: NamedNode | undefined, g: NamedNode): Quad[] {
    const sig = [v.kind, v.sub ?? '', v.unnamed ? '1' : '', v.description ?? '', country?.value ?? '', v.label, ...v.names].join('\u0000');
    const memo = this.descriptions.get(v.iri);
    if (memo?.sig === sig) return memo.quads;
    const s = namedNode(v.iri);
    const quads: Quad[] = [];
    for (const cls of entityClasses(v.kind, v.sub)) quads.push(quad(s, RDF.type, cls, g));
    if (v.unnamed) {
      // The contract's unnamed spokesperson has no name; a description says whose it is.
      quads.push(quad(s, SCHEMA.jobTitle, literal('spokesperson'), g));
      if (v.description) quads.push(quad(s, SCHEMA.description, literal(v.description), g));
    } else {
      quads.push(quad(s, RDFS.label, literal(v.label), g));
      for (const n of v.names) quads.push(quad(s, SKOS.altLabel, literal(n), g));
      if (country) quads.push(quad(s, NKG.country, country, g));
    }
    this.descriptions.set(v.iri, { sig, quads });
    return quads;
  }

  /** Each article's IRI and its outlet's entity IRI, for the articles that name an outlet. */
  *outlets(): Generator<[article: string, outlet: string]> {
    for (const [id, l] of this.links) if (l.outlet) yield [this.articleIri(id), l.outlet.iri];
  }

  /**
   * The entity IRIs an article's clusters, outlet and authors resolved to, as one string: with
   * the record, all that its named graph depends on (src/emit/fragments.ts keys chunks on it).
   */
  articleLinks(id: string): string | undefined {
    const l = this.links.get(id);
    return l && JSON.stringify([l.clusters.map((c) => c?.iri ?? null), l.outlet?.iri ?? null, l.authors.map((a) => a.iri)]);
  }

  /** One article's named graph: the article, its roles, accusations, responses and evidence. */
  articleQuads(id: string): Quad[] {
    const rec = this.get(id);
    const l = this.links.get(id);
    if (!rec || !l) return [];
    const art = namedNode(this.articleIri(id));
    const g = art;
    const aslug = slug(id);
    const out: Quad[] = [];
    const add = (s: NamedNode, p: NamedNode, o: Quad_Object) => out.push(quad(s, p, o, g));
    const ent = (i: number) => (l.clusters[i] ? namedNode(l.clusters[i]!.iri) : undefined);

    add(art, RDF.type, SCHEMA.NewsArticle);
    add(art, SCHEMA.identifier, literal(rec.id));
    if (rec.meta.headline) add(art, SCHEMA.headline, literal(rec.meta.headline));
    if (rec.meta.datePublished) add(art, SCHEMA.datePublished, literal(rec.meta.datePublished, XSD.date));
    if (rec.meta.language) add(art, SCHEMA.inLanguage, literal(rec.meta.language));
    if (l.outlet) add(art, SCHEMA.publisher, namedNode(l.outlet.iri));
    for (const a of l.authors) add(art, SCHEMA.author, namedNode(a.iri));
    rec.clusters.forEach((c, i) => {
      const e = ent(i);
      if (e && !c.unnamed) add(art, SCHEMA.mentions, e);
    });

    let nEvidence = 0;
    const evidence = (sentence: number): NamedNode => {
      const s = rec.sentences[sentence];
      const ann = namedNode(`${this.base}evidence/${aslug}-${++nEvidence}`);
      const target = namedNode(`${ann.value}#target`);
      const qs = namedNode(`${ann.value}#quote`);
      const ps = namedNode(`${ann.value}#pos`);
      add(ann, RDF.type, OA.Annotation);
      add(ann, OA.motivatedBy, OA.describing);
      add(ann, OA.hasTarget, target);
      add(target, RDF.type, OA.SpecificResource);
      add(target, OA.hasSource, art);
      add(target, OA.hasSelector, qs);
      add(target, OA.hasSelector, ps);
      add(qs, RDF.type, OA.TextQuoteSelector);
      add(qs, OA.exact, literal(rec.text.slice(s.start, s.end)));
      add(ps, RDF.type, OA.TextPositionSelector);
      add(ps, OA.start, literal(String(s.start), XSD.nonNegativeInteger));
      add(ps, OA.end, literal(String(s.end), XSD.nonNegativeInteger));
      return ann;
    };

    rec.roles.forEach((r, i) => {
      const p = ent(r.person);
      const o = ent(r.org);
      if (!p || !o) return;
      const role = namedNode(`${this.base}event/${aslug}-s${i + 1}`);
      add(p, NKG.spokespersonFor, o);
      add(role, RDF.type, NKG.SpokespersonRole);
      add(role, ORG.member, p);
      add(role, ORG.organization, o);
      add(role, SCHEMA.jobTitle, literal(r.title));
      add(role, PROV.wasDerivedFrom, art);
      add(role, NKG.evidence, evidence(r.sentence));
    });

    const accIris = rec.accusations.map((_, i) => namedNode(`${this.base}event/${aslug}-a${i + 1}`));
    rec.accusations.forEach((a, i) => {
      const s = accIris[i];
      const k = ACCUSATION_KINDS[a.kind];
      const accusers = a.accusers.map(ent).filter((x): x is NamedNode => !!x);
      if (!accusers.length) return;
      add(s, RDF.type, NKG.Accusation);
      add(s, RDF.type, k.cls);
      add(s, NKG.kind, literal(a.kind));
      add(s, NKG.cameoCode, literal(k.cameo));
      addPlover(add, s, k.plover);
      for (const x of accusers) add(s, NKG.accuser, x);
      for (const x of a.accused.map(ent)) if (x) add(s, NKG.accused, x);
      for (const x of a.targets.map(ent)) if (x) add(s, NKG.target, x);
      if (a.activity) add(s, NKG.allegedActivity, literal(a.activity));
      if (a.trigger.end > a.trigger.start) add(s, NKG.trigger, literal(rec.text.slice(a.trigger.start, a.trigger.end)));
      add(s, PROV.wasDerivedFrom, art);
      add(s, NKG.evidence, evidence(a.sentence));
    });

    rec.responses.forEach((r, i) => {
      const s = namedNode(`${this.base}event/${aslug}-r${i + 1}`);
      const k = RESPONSE_KINDS[r.kind];
      const by = r.respondents.map(ent).filter((x): x is NamedNode => !!x);
      if (!by.length || !rec.accusations[r.respondsTo]) return;
      add(s, RDF.type, NKG.Response);
      add(s, RDF.type, k.cls);
      add(s, NKG.kind, literal(r.kind));
      add(s, NKG.cameoCode, literal(k.cameo));
      addPlover(add, s, k.plover);
      for (const x of by) add(s, NKG.respondent, x);
      add(s, NKG.respondsTo, accIris[r.respondsTo]);
      if (r.quote) add(s, NKG.quote, literal(rec.text.slice(r.quote.start, r.quote.end)));
      if (r.trigger.end - r.trigger.start < 40) add(s, NKG.trigger, literal(rec.text.slice(r.trigger.start, r.trigger.end)));
      add(s, PROV.wasDerivedFrom, art);
      add(s, NKG.evidence, evidence(r.sentence));
    });
    return out;
  }

  /** Every quad: each article's named graph and the entities graph. */
  quads(): Quad[] {
    const out: Quad[] = [];
    for (const id of this.recs.keys()) out.push(...this.articleQuads(id));
    out.push(...this.entityQuads());
    return out;
  }
}

/** The same quads in the default graph (Turtle and N-Triples have no named graphs). */
export function toDefaultGraph(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  const out: Quad[] = [];
  for (const q of quads) {
    const t = quad(q.subject, q.predicate, q.object, defaultGraph());
    const k = `${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.termType}${q.object.value}${q.object.termType === 'Literal' ? (q.object as { datatype: NamedNode }).datatype.value : ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

/** PLOVER coding of one event: its type, mode and the cyber and intelligence contexts. */
function addPlover(add: (s: NamedNode, p: NamedNode, o: Quad_Object) => void, s: NamedNode, p: Plover): void {
  add(s, NKG.ploverEvent, literal(p.event));
  if (p.mode) add(s, NKG.ploverMode, literal(p.mode));
  for (const c of PLOVER_CONTEXTS) add(s, NKG.ploverContext, literal(c));
}
