/** Pure parts of the explorer: URL state, filters, colours, labels. No browser. */
import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import { EMPTY_FILTERS, INITIAL_STATE, Store, parseQuery, toQuery, toggled } from '../../web/src/state.js';
import { allowedArticles, computeVisibility } from '../../web/src/visibility.js';
import { DEFAULT_EXPLORER_SETTINGS as S, NODE_TYPES } from '../../web/src/settings.js';
import { neighbourhood, shortLabel, sizeFromDegree } from '../../web/src/display.js';
import { splitAt } from '../../web/src/reader.js';
import { evidenceTexts } from '../../web/src/spokespeople.js';

describe('state ↔ URL', () => {
  it('round-trips selection, view and filters', () => {
    const s = {
      ...INITIAL_STATE,
      view: 'spokespeople' as const,
      node: 'https://w3id.org/newskg/id/entity/geng-yansheng',
      hiddenTypes: new Set(['country', 'place']),
      hiddenRelations: new Set(['target']),
      kinds: new Set(['Denial']),
      articles: new Set(['a,1.txt', 'b.txt']),
      outlets: new Set(['China Daily']),
      from: '2014-01-01',
      to: '2014-12-31',
    };
    const q = toQuery(s);
    expect(toQuery(parseQuery(`?${q}`))).toBe(q);
    expect(parseQuery(`?${q}`).articles).toEqual(new Set(['a,1.txt', 'b.txt']));
    expect(toQuery(INITIAL_STATE)).toBe('');
  });

  it('ignores what it does not understand', () => {
    const s = parseQuery('?view=nope&from=yesterday&hide=,country,&x=1');
    expect(s.view).toBe('graph');
    expect(s.from).toBeNull();
    expect([...s.hiddenTypes]).toEqual(['country']);
  });

  it('notifies only on change', () => {
    const store = new Store();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set({ hiddenTypes: toggled(store.get().hiddenTypes, 'country') });
    store.set({ hiddenTypes: new Set(['country']) });
    expect(calls).toBe(1);
  });
});

function sample() {
  const g = new MultiGraph();
  g.addNode('us', { type: 'country', label: 'United States', articles: ['a1'], x: 0, y: 0 });
  g.addNode('cn', { type: 'country', label: 'China', articles: ['a1', 'a2'], x: 1, y: 0 });
  g.addNode('hua', { type: 'person', label: 'Hua Chunying', articles: ['a2'], x: 2, y: 0 });
  g.addNode('acc', { type: 'accusation', kind: 'Indictment', label: 'indictment', articles: ['a1'], x: 0, y: 1 });
  g.addNode('res', { type: 'response', kind: 'Denial', label: 'denial', articles: ['a2'], x: 1, y: 1 });
  g.addEdge('us', 'acc', { relation: 'accuser', articles: ['a1'] });
  g.addEdge('acc', 'cn', { relation: 'accused', articles: ['a1'] });
  g.addEdge('hua', 'res', { relation: 'respondent', articles: ['a2'] });
  g.addEdge('res', 'acc', { relation: 'respondsTo', articles: ['a2'] });
  const articles = [
    { id: 'a1', headline: 'one', outlet: 'X', date: '2014-05-20' },
    { id: 'a2', headline: 'two', outlet: 'Y', date: '2018-12-22' },
  ];
  return { g, articles };
}

describe('visibility', () => {
  it('shows everything without filters', () => {
    const { g, articles } = sample();
    expect(computeVisibility(g, articles, EMPTY_FILTERS).nodes).toBeNull();
  });

  it('hides a type and the edges touching it', () => {
    const { g, articles } = sample();
    const v = computeVisibility(g, articles, { ...EMPTY_FILTERS, hiddenTypes: new Set(['country']) });
    expect(v.nodes!.has('us')).toBe(false);
    expect(v.nodes!.has('hua')).toBe(true);
    expect([...v.edges!].map((e) => g.getEdgeAttribute(e, 'relation')).sort()).toEqual(['respondent', 'respondsTo']);
  });

  it('filters by date range and outlet through the articles', () => {
    const { g, articles } = sample();
    expect(allowedArticles(articles, { ...EMPTY_FILTERS, from: '2015-01-01' })).toEqual(new Set(['a2']));
    expect(allowedArticles(articles, { ...EMPTY_FILTERS, outlets: new Set(['X']) })).toEqual(new Set(['a1']));
    const v = computeVisibility(g, articles, { ...EMPTY_FILTERS, to: '2014-12-31' });
    expect(v.nodes!.has('hua')).toBe(false);
    expect(v.nodes!.has('acc')).toBe(true);
  });

  it('filters by event kind and drops entities left without relations', () => {
    const { g, articles } = sample();
    const v = computeVisibility(g, articles, { ...EMPTY_FILTERS, kinds: new Set(['Denial']) });
    expect(v.nodes!.has('acc')).toBe(false);
    expect(v.nodes!.has('res')).toBe(true);
    expect(v.nodes!.has('hua')).toBe(true);
    expect(v.nodes!.has('us')).toBe(false);
  });
});

describe('drawing', () => {
  it('has a readable colour for every type (≥ 3:1 on the background) and distinct event colours', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    for (const t of NODE_TYPES) expect(contrast(S.nodeColors[t], S.background), t).toBeGreaterThanOrEqual(3);
    expect(new Set(Object.values(S.nodeColors)).size).toBe(NODE_TYPES.length);
    expect(S.nodeColors.accusation).not.toBe(S.nodeColors.response);
    expect(sizeFromDegree('accusation', 9)).toBeLessThan(sizeFromDegree('person', 9));
  });

  it('highlights a node with its neighbours and what its events connect', () => {
    const { g } = sample();
    expect(neighbourhood(g, 'hua')).toEqual(new Set(['hua', 'res', 'acc']));
    expect(neighbourhood(g, 'us')).toEqual(new Set(['us', 'acc', 'cn', 'res']));
  });

  it('cuts long labels', () => {
    expect(shortLabel("Ministry of Foreign Affairs of the People's Republic of China", 20)).toBe('Ministry of Foreign…');
    expect(shortLabel('China', 20)).toBe('China');
    expect(shortLabel('', 20)).toBeNull();
  });

  it('marks the evidence sentence by offsets, clamped', () => {
    expect(splitAt('abc def ghi', 4, 7)).toEqual(['abc ', 'def', ' ghi']);
    expect(splitAt('abc', 2, 99)).toEqual(['ab', 'c', '']);
    expect(splitAt('abc')).toEqual(['abc', '', '']);
  });

  it('reads spokespeople evidence as strings or objects', () => {
    expect(evidenceTexts([{ text: 'a' }, 'b', 3, null])).toEqual(['a', 'b']);
  });
});
