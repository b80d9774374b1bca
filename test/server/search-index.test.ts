/**
 * SearchIndex keeps answers it gave (a search box asks the same prefixes again and again):
 * an answer must never outlive a change to the names it searched, nor be changed by its caller.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex, topHits, type SearchHit } from '../../server/search.js';

const person = (id: string, label: string, altLabels: string[] = []) => ({ id, label, type: 'person', altLabels, inGraph: true });

describe('SearchIndex answers', () => {
  it('are the same asked again, and new after a name is added, changed or removed', () => {
    const index = new SearchIndex();
    index.sync([person('urn:a', 'Wang Wenbin'), person('urn:b', 'Hua Chunying')]);
    const first = index.search('wan');
    expect(first.map((h) => h.id)).toEqual(['urn:a']);
    expect(index.search('wan')).toEqual(first);

    index.set(person('urn:c', 'Wang Yi'));
    expect(index.search('wan').map((h) => h.id).sort()).toEqual(['urn:a', 'urn:c']);
    index.set(person('urn:c', 'Li Wei', ['Wang Yi']));
    expect(index.search('wan').find((h) => h.id === 'urn:c')?.matched).toBe('Wang Yi');
    index.remove('urn:c');
    expect(index.search('wan').map((h) => h.id)).toEqual(['urn:a']);
    index.sync([person('urn:b', 'Hua Chunying')]);
    expect(index.search('wan')).toEqual([]);
  });

  it('are copies: a caller changing one does not change the next', () => {
    const index = new SearchIndex();
    index.sync([person('urn:a', 'Wang Wenbin')]);
    index.search('wang')[0]!.label = 'changed';
    expect(index.search('wang')[0]!.label).toBe('Wang Wenbin');
  });

  it('keep the limit asked for apart', () => {
    const index = new SearchIndex();
    index.sync(Array.from({ length: 30 }, (_, i) => person(`urn:${i}`, `Wang ${String.fromCharCode(65 + (i % 26))}${i}`)));
    expect(index.search('wang', 5)).toHaveLength(5);
    expect(index.search('wang', 25)).toHaveLength(25);
  });
});

describe('topHits', () => {
  const hit = (label: string, score: number): SearchHit => ({ id: label, label, type: 'person', matched: label, score, inGraph: true });
  it('gives the best, ties by label, as a full sort would', () => {
    const hits = ['d', 'b', 'a', 'c', 'e', 'f'].map((l, i) => hit(l, [0.8, 0.9, 0.8, 0.9, 0.65, 1][i]!));
    const full = [...hits].sort((x, y) => y.score - x.score || x.label.localeCompare(y.label));
    for (const limit of [1, 2, 3, 4, 6, 10]) expect(topHits([...hits], limit)).toEqual(full.slice(0, limit));
  });
});
