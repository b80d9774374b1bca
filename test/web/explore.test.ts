/** Pure parts of the explorer's exploration: ego networks, chains, paths, the actor view, timeline bins, label placement, URL state. */
import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import { actorView, disputeChain, unnamedSpokespeopleLabels } from '../../src/graph/actor-view.js';
import { ball, edgesAlong, egoNetwork, expansion } from '../../web/src/explore.js';
import { bins, rangeOf } from '../../web/src/timeline.js';
import { fitText, placeLabel } from '../../web/src/labels.js';
import { quadsOverlap } from '../../web/src/edge-labels.js';
import { INITIAL_STATE, parseQuery, toQuery } from '../../web/src/state.js';
import { within } from '../../web/src/visibility.js';

/** Two accusations and three responses: US —charge→ PLA (target Alcoa); Qin and a spokesperson answer it; China —report→ US. */
function events() {
  const g = new MultiGraph();
  g.setAttribute('articles', { 'a1': { id: 'a.txt', date: '2014-05-20' }, 'a2': { id: 'b.txt', date: '2014-05-20' } });
  for (const [k, type, label] of [['us', 'country', 'United States'], ['pla', 'military', 'PLA'], ['alcoa', 'company', 'Alcoa'], ['qin', 'person', 'Qin Gang'],
    ['mfa', 'government', 'MFA'], ['cac', 'government', 'CAC'], ['s1', 'person', 'unnamed spokesperson'], ['s2', 'person', 'unnamed spokesperson'], ['cn', 'country', 'China']] as const)
    g.addNode(k, { type, label, articles: k === 's1' ? ['a.txt'] : k === 's2' ? ['b.txt'] : ['a.txt'] });
  g.addNode('a1', { type: 'accusation', kind: 'charge', label: 'charge', evidence: ['ev1'] });
  g.addNode('a2', { type: 'accusation', kind: 'report', label: 'report' });
  for (const [k, kind] of [['r1', 'denial'], ['r2', 'rebuttal'], ['r3', 'protest']] as const) g.addNode(k, { type: 'response', kind, label: kind });
  const e = (s: string, relation: string, t: string) => g.addDirectedEdgeWithKey(`${s}|${relation}|${t}`, s, t, { relation, articles: ['a.txt'], evidence: [`${s}${t}`] });
  e('us', 'accuser', 'a1'); e('a1', 'accused', 'pla'); e('a1', 'target', 'alcoa');
  e('qin', 'respondent', 'r1'); e('r1', 'respondsTo', 'a1');
  e('qin', 'respondent', 'r2'); e('r2', 'respondsTo', 'a1');
  e('s1', 'respondent', 'r3'); e('r3', 'respondsTo', 'a1');
  e('cn', 'accuser', 'a2'); e('a2', 'accused', 'us');
  e('qin', 'spokespersonFor', 'mfa'); e('s1', 'spokespersonFor', 'cac'); e('s2', 'spokespersonFor', 'cac');
  return g;
}

describe('the actor view', () => {
  const a = actorView(events(), new MultiGraph());
  it('keeps the actors and folds events into weighted, labelled edges', () => {
    expect(a.order).toBe(9);
    expect(a.edges().sort()).toEqual(['cn|accused|us', 'pla|hacked|alcoa', 'qin|respondedTo|us', 'qin|speaksFor|mfa', 's1|respondedTo|us', 's1|speaksFor|cac', 's2|speaksFor|cac', 'us|accused|pla']);
    expect(a.getEdgeAttributes('qin|respondedTo|us')).toMatchObject({ weight: 2, label: 'responded to ×2', kinds: ['denial', 'rebuttal'], events: ['r1', 'r2'] });
    expect(a.getEdgeAttribute('us|accused|pla', 'evidence')).toContain('ev1');
    expect(a.getEdgeAttributes('qin|speaksFor|mfa')).toMatchObject({ weight: 1, label: 'speaks for', events: [] });
  });
  it('gives the chain of a response in reading order', () => {
    expect(disputeChain(events(), 'r1')).toEqual(['qin', 'r1', 'a1', 'us']);
    expect(disputeChain(events(), 'a1')).toEqual([]);
  });
  it('names unnamed spokespeople by their organization, apart when several share one', () => {
    const names = unnamedSpokespeopleLabels(events());
    expect(names.get('s1')).toBe('spokesperson for CAC (2014-05-20)');
    expect(names.get('s2')).toBe('spokesperson for CAC (2014-05-20) #2');
  });
});

describe('exploration', () => {
  const g = events();
  it('counts depth in actors: a hop passes through an event, or a response and its accusation', () => {
    expect([...ball(g, 'qin', 1)].sort()).toEqual(['a1', 'alcoa', 'mfa', 'pla', 'qin', 'r1', 'r2', 'us']);
    expect(ball(g, 'qin', 1).has('cn')).toBe(false);
    expect([...ball(g, 'qin', 2)]).toEqual(expect.arrayContaining(['cn', 'a2', 's1', 'r3']));
    expect(ball(g, 'nobody', 2).size).toBe(0);
  });
  it('expands and restricts the drawn set', () => {
    const ego = egoNetwork(g, 'mfa', 1, []);
    expect([...ego].sort()).toEqual(['mfa', 'qin']);
    expect(expansion(g, 'qin', ego).sort()).toEqual(['a1', 'alcoa', 'pla', 'r1', 'r2', 'us']);
    expect(egoNetwork(g, 'mfa', 1, ['qin']).has('r1')).toBe(true);
    const v = within(g, { nodes: null, edges: null }, ego);
    expect([...v.edges!]).toEqual(['qin|spokespersonFor|mfa']);
  });
  it('finds the edge of each step of a path, whichever way it points', () => {
    expect(edgesAlong(g, ['qin', 'r1', 'a1', 'us'])).toEqual(['qin|respondent|r1', 'r1|respondsTo|a1', 'us|accuser|a1']);
  });
});

describe('timeline', () => {
  const arts = (dates: string[]) => dates.map((date, i) => ({ id: `${i}`, headline: '', outlet: '', date }));
  it('bins by month over a long span, by day over a short one', () => {
    const m = bins(arts(['2013-02-19', '2014-05-20', '2014-05-21', 'undated']));
    expect(m).toHaveLength(16);
    expect(m.find((b) => b.label === 'May 2014')).toMatchObject({ from: '2014-05-01', to: '2014-05-31', count: 2 });
    const d = bins(arts(['2014-05-20', '2014-05-22']));
    expect(d.map((b) => b.count)).toEqual([1, 0, 1]);
  });
  it('maps a date range onto bins', () => {
    const m = bins(arts(['2013-02-19', '2014-05-20']));
    expect(rangeOf(m, null, null)).toEqual([0, m.length - 1]);
    const may = m.findIndex((b) => b.label === 'May 2014');
    expect(rangeOf(m, '2014-05-01', '2014-05-31')).toEqual([may, may]);
  });
});

describe('labels', () => {
  it('go right, else left, above, below, never off the canvas or over another', () => {
    expect(placeLabel(10, 10, 4, 50, 14, 500, [])).toMatchObject({ x: 17 });
    expect(placeLabel(480, 50, 4, 50, 14, 500, [])!.x).toBeLessThan(480);
    const taken = [{ x: 17, y: 3, w: 50, h: 14 }];
    const b = placeLabel(60, 10, 4, 30, 14, 500, [{ x: 67, y: 3, w: 30, h: 14 }, { x: 20, y: 3, w: 30, h: 14 }]);
    expect(b!.y).not.toBe(3);
    expect(placeLabel(10, 10, 4, 50, 14, 500, [...taken, { x: 0, y: -20, w: 500, h: 60 }])).toBeNull();
  });

  it('slide along a hub whose exact spots are taken, still touching its disc', () => {
    // Discs just right, left and below a node at (100, 100), radius 10.
    // A small disc just left of the spot above; the corner spots each blocked by a disc too.
    const around = [{ x: 115, y: 95, w: 10, h: 10 }, { x: 75, y: 95, w: 10, h: 10 }, { x: 72, y: 76, w: 8, h: 8 }, { x: 95, y: 118, w: 10, h: 10 }];
    const corners = [{ x: 150, y: 75, w: 10, h: 10 }, { x: 150, y: 115, w: 10, h: 10 }, { x: 30, y: 75, w: 10, h: 10 }, { x: 30, y: 115, w: 10, h: 10 }];
    const b = placeLabel(100, 100, 10, 60, 14, 500, [...around, ...corners])!;
    expect(b).not.toBeNull();
    expect(b.x).toBeLessThan(100 + 10);
    expect(b.x + b.w).toBeGreaterThan(100 - 10);
  });

  it('too long for the canvas are cut with an ellipsis to the width given', () => {
    const ctx = { measureText: (t: string) => ({ width: t.length * 7 }) as TextMetrics };
    expect(fitText(ctx, 'Qin Gang', 100)).toBe('Qin Gang');
    const cut = fitText(ctx, 'spokesperson for Cyberspace Administration of China (2014-05-20)', 175);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length * 7).toBeLessThanOrEqual(175);
    expect(cut.startsWith('spokesperson for Cyber')).toBe(true);
  });
});

describe('edge labels', () => {
  it('overlap another box only when they share area, whatever their angle', () => {
    const square = (x: number, y: number, w: number): Parameters<typeof quadsOverlap>[0] => [[x, y], [x + w, y], [x + w, y + w], [x, y + w]];
    expect(quadsOverlap(square(0, 0, 10), square(5, 5, 10))).toBe(true);
    expect(quadsOverlap(square(0, 0, 10), square(11, 0, 10))).toBe(false);
    // A diamond in the corner gap of a square: their bounding boxes overlap, they do not.
    const diamond: Parameters<typeof quadsOverlap>[0] = [[14, 10], [18, 14], [14, 18], [10, 14]];
    expect(quadsOverlap(square(0, 0, 12), diamond)).toBe(false);
    expect(quadsOverlap(square(0, 0, 13), diamond)).toBe(true);
  });
});

describe('exploration state in the URL', () => {
  it('round-trips view, depth, ego root, expanded nodes, path, appearance and edge', () => {
    const s = { ...INITIAL_STATE, mode: 'event' as const, node: 'n1', depth: 2, ego: 'n1', expanded: new Set(['n2', 'n3']), pathTo: 'n9', sizeBy: 'betweenness' as const, colorBy: 'community' as const, labels: 0.5, edge: 'a|accused|b' };
    const q = toQuery(s);
    expect(parseQuery(`?${q}`)).toEqual(s);
    expect(toQuery(parseQuery('?depth=9&size=nope&labels=x'))).toBe('depth=3');
  });
});
