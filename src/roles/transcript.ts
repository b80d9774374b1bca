/**
 * The host of a press-conference transcript. A regular briefing names its spokesperson
 * once, in its title ("Foreign Ministry Spokesperson Gao Wenjing's Regular Press
 * Conference on …"), and then only prints "Q:" and "A:" turns: the answers are the
 * host's words. This finds the host and the body they speak for from the title, and
 * adds them (and the role) when the body never names them.
 */
import type { Cluster, Doc, Role } from '../doc/document.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';

const TITLE = /^(?:(.+?)\s+)?(spokes(?:person|man|woman)|press secretary)\s+((?:\p{Lu}[\p{L}.'’-]*\s?){1,4}?)(?:['’]s\b|\s+(?:at|on|held|gives|answers)\b|$)/iu;
const TURN = /^\s*(Q|A|Question|Answer)\s*[:：]/;

/** The host's role, when the doc is a transcript whose title names its spokesperson; clusters are added in place. */
export function transcriptHost(doc: Doc, kb: KnowledgeBase, roles: readonly Role[]): Role | undefined {
  const m = TITLE.exec(doc.meta.headline ?? '');
  if (!m) return undefined;
  const name = m[3].trim();
  if (name.split(/\s+/).length < 2) return undefined;
  // "Q:"/"A:" turns, or turns headed by the host's name ("Lin Jian: We have noted …", after "AFP: …").
  const own = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:：]`);
  const turns = doc.sentences.filter((s) => { const t = doc.text.slice(s.start, s.start + name.length + 12); return TURN.test(t) || own.test(t); }).length;
  if (turns < 2) return undefined;
  const person = findOrAdd(doc, (c) => c.kind === 'Person' && (c.label === name || c.names.includes(name)), { kind: 'Person', label: name });
  const known = roles.find((r) => r.person === person);
  if (known) return undefined;
  const org = orgOf(doc, kb, (m[1] ?? '').trim());
  if (org === undefined) return undefined;
  return { person, org, sentence: 0, title: m[2] };
}

/** The body the title names before "Spokesperson": one the article names, else the knowledge base's for the article's country. */
function orgOf(doc: Doc, kb: KnowledgeBase, phrase: string): number | undefined {
  if (!phrase) return undefined;
  const norm = phrase.toLowerCase().replace(/^the\s+/, '');
  const named = doc.clusters.find((c) => c.kind === 'Organization' && [c.label, ...c.names].some((n) => n.toLowerCase().replace(/^the\s+/, '') === norm));
  if (named) return named.id;
  const hits = kb.lookup(phrase.replace(/^the\s+/i, ''));
  const entry = hits.find((h) => h.entry && h.how !== 'generic')?.entry ?? (() => {
    const generic = hits.find((h) => h.how === 'generic')?.generic;
    const country = homeCountry(doc);
    return generic && country ? generic.get(country) : undefined;
  })();
  if (!entry) return undefined;
  return findOrAdd(doc, (c) => c.kbId === entry.id, { kind: entry.kind, sub: entry.sub, kbId: entry.id, country: entry.country, label: entry.label, names: [phrase] });
}

/** The country the article names most (its organizations count twice). */
function homeCountry(doc: Doc): string | undefined {
  const counts = new Map<string, number>();
  for (const c of doc.clusters) if (c.country) counts.set(c.country, (counts.get(c.country) ?? 0) + c.mentions.length * (c.kind === 'Country' ? 1 : 2));
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function findOrAdd(doc: Doc, match: (c: Cluster) => boolean, make: Omit<Cluster, 'id' | 'mentions' | 'names'> & { names?: string[] }): number {
  const found = doc.clusters.find(match);
  if (found) return found.id;
  const id = doc.clusters.length;
  doc.clusters.push({ names: [], ...make, id, mentions: [] });
  return id;
}
