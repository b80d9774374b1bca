/**
 * The country an article is written from or about: a dateline city ("BEIJING, Feb. 20"),
 * else the country named most often. Generic names ("the foreign ministry") belong to it.
 */
import type { Doc, Mention } from '../doc/document.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';

const DATELINE = /^([A-Z][A-Z .'-]{2,30}?)(?:,|\s+-|\s+—|\s+\(|\s+–)/;

export function dominantCountry(doc: Doc, mentions: readonly Mention[], kb: KnowledgeBase): string | undefined {
  const first = doc.body[0];
  if (first) {
    const m = DATELINE.exec(doc.text.slice(first.start, Math.min(first.end, first.start + 40)));
    if (m) {
      const city = m[1].trim().toLowerCase().replace(/(^|\s)\S/g, (x) => x.toUpperCase());
      const hit = kb.lookup(city).find((h) => h.country && (h.how === 'seat' || h.entry?.kind === 'Country'));
      if (hit) return hit.country ?? hit.entry?.country;
    }
  }
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if ((m.kind === 'Country' || m.kind === 'Organization') && m.country) counts.set(m.country, (counts.get(m.country) ?? 0) + (m.kind === 'Country' ? 1 : 2));
  }
  let best: string | undefined;
  for (const [c, n] of counts) if (!best || n > counts.get(best)!) best = c;
  return best;
}
