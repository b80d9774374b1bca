/**
 * An article's graph facts (src/graph/facts.ts) with their IRIs shortened, for the build
 * state file: nearly every IRI in them starts with the article's own, its events' or its
 * evidence's stem, an entity's, or an ontology's namespace, and spelling those out made the
 * file at 10k articles 96 MB, most of a rebuild's reading and parsing. An IRI position holds
 * `$` and a letter in place of the stem (no absolute IRI starts with `$`: a scheme starts
 * with a letter); text (evidence, quotes, headlines) is left as it is.
 */
import type { ArticleFacts } from '../graph/facts.js';
import { NS } from '../ontology/terms.js';

type Codec = (iri: string) => string;

/** The stems of one article's IRIs, longest first, with their letters. */
function stems(base: string, articleIri: string): [string, string][] {
  const s = articleIri.slice(`${base}article/`.length);
  return [
    [`${base}evidence/${s}-`, 'v'], [`${base}event/${s}-`, 'e'], [articleIri, 'a'], [`${base}entity/`, 'n'],
    [NS.nkg, 'k'], [NS.schema, 's'], [`${base}`, 'b'],
  ];
}

function encoder(base: string, articleIri: string): Codec {
  const table = stems(base, articleIri);
  return (iri) => {
    for (const [stem, letter] of table) if (iri.startsWith(stem)) return `$${letter}${iri.slice(stem.length)}`;
    return iri;
  };
}

/** IRIs decoded from the stems every article shares (entities, ontologies), one string each per base IRI. */
const sharedIris = new Map<string, Map<string, string>>();
const SHARED_LETTERS = new Set(['n', 'k', 's', 'b']);
/** Past this many, the shared table starts again (a bound on memory, not a correctness matter). */
const MAX_SHARED = 1_000_000;

/**
 * Each IRI is decoded once per article (its own stems) or once per process (the shared ones),
 * and the same string is handed out after: an IRI recurs in many facts and many articles, and
 * the graph's maps hash a string once per string object (a fresh concatenation each time was
 * most of building the graph from these facts: 0.93 -> 0.56 s at 10k articles).
 */
function decoder(base: string, articleIri: string): Codec {
  const byLetter = new Map(stems(base, articleIri).map(([stem, letter]) => [letter, stem]));
  let shared = sharedIris.get(base);
  if (!shared || shared.size > MAX_SHARED) sharedIris.set(base, (shared = new Map()));
  const own = new Map<string, string>();
  return (x) => {
    if (x.charCodeAt(0) !== 36 /* $ */) return x;
    const table = SHARED_LETTERS.has(x[1]) ? shared! : own;
    let iri = table.get(x);
    if (iri === undefined) table.set(x, (iri = byLetter.get(x[1])! + x.slice(2)));
    return iri;
  };
}

/** The facts with every IRI passed through `f` (text untouched). */
function mapIris(a: ArticleFacts, f: Codec): ArticleFacts {
  const pair = ([s, o]: [string, string]): [string, string] => [f(s), f(o)];
  const list = ([s, xs]: [string, string[]]): [string, string[]] => [f(s), xs.map(f)];
  return {
    articles: a.articles.map(([iri, info]) => [f(iri), info]),
    publisher: a.publisher.map(pair),
    types: a.types.map(list),
    labels: a.labels.map(([s, l]) => [f(s), l]),
    alts: a.alts.map(([s, l]) => [f(s), l]),
    lit: a.lit.map(([s, preds]) => [f(s), preds.map(([p, vs]) => [f(p), vs])]),
    derived: a.derived.map(pair),
    evidenceOf: a.evidenceOf.map(list),
    evidence: a.evidence.map(([ann, source, text, start, end]) => [f(ann), f(source), text, start, end]),
    relations: a.relations.map((r) => (r.length === 4 ? [f(r[0]), r[1], f(r[2]), f(r[3])] : [f(r[0]), r[1], f(r[2])])),
    ...(a.graph === undefined ? {} : { graph: f(a.graph) }),
    roles: a.roles.map(([role, m, o]) => [f(role), m === null ? null : f(m), o === null ? null : f(o)]),
  };
}

/** The facts of the article `articleIri` with its IRIs shortened. */
export function encodeFacts(a: ArticleFacts, base: string, articleIri: string): ArticleFacts {
  return mapIris(a, encoder(base, articleIri));
}

/** encodeFacts undone. */
export function decodeFacts(a: ArticleFacts, base: string, articleIri: string): ArticleFacts {
  return mapIris(a, decoder(base, articleIri));
}
