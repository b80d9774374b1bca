/**
 * End to end, the explorer for analysts (issue 12), in headless Chromium on the real
 * server over seeds/ (session.ts): the actor view and its literal facts, the dispute
 * chain, the timeline, paths, search over every mentioned entity, ego networks, empty
 * states, labels that neither overlap nor leave the canvas, dragging, appearance
 * mapping and exports of the current view. Screenshots of each view go to test-results/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { parse as parseGraphML } from 'graphology-graphml/node/index.js';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './browser.js';
import { RESULTS, explorerSession, type Session } from './session.js';
import { hopsFrom } from '../server/helpers.js';
import { DEFAULT_EXPLORER_SETTINGS as S } from '../../web/src/settings.js';
import { quadsOverlap } from '../../web/src/edge-labels.js';
import { drawnNodes, ends, fetchJson, inPage, labelOf, nodeAt, slide, type Payload } from './explorer-helpers.js';

const E = 'https://w3id.org/newskg/id/entity/';
type Quad = Parameters<typeof quadsOverlap>[0];

/** The drawn actor-view edges between two nodes named `from` and `to`, with their relation and label. */
function edgesBetween(page: Page, from: string, to: string) {
  return inPage<Array<{ key: string; relation: string; label: string; hidden: boolean }>>(page, `
    const key = (l) => app.graph.findNode((_, a) => a.label === l);
    const [s, t] = [key(arg.from), key(arg.to)];
    if (!s || !t) return [];
    return app.graph.outEdges(s, t).map((e) => ({ key: e, relation: app.graph.getEdgeAttribute(e, 'relation'), label: String(app.graph.getEdgeAttribute(e, 'label')), hidden: !!app.sigma.getEdgeDisplayData(e)?.hidden }));`, { from, to });
}

describe.skipIf(!chromiumAvailable())('web explorer for analysts, end to end', { timeout: 120_000 }, () => {
  const session = explorerSession();
  const { open, searchAndChoose, visible } = session;
  let server: Session['server'];
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });
  const events = () => fetchJson<Payload>(`${server.url}/api/graph`);

  it('the actor view draws "United States → People\'s Liberation Army" (accused) and "Qin Gang → United States Department of Justice" (responded to)', async () => {
    await open();
    for (const [from, relation, to, heading] of [
      ['United States', 'accused', "People's Liberation Army", 'Accused'],
      ['Qin Gang', 'respondedTo', 'United States Department of Justice', 'Responded to'],
    ] as const) {
      const drawn = (await edgesBetween(page, from, to)).filter((e) => e.relation === relation);
      expect(drawn, `${from} → ${to}: ${JSON.stringify(drawn)}`).toHaveLength(1);
      expect(drawn[0]!.hidden).toBe(false);
      expect(drawn[0]!.label).toMatch(relation === 'accused' ? /^accused/ : /^responded to/);
      // The panel of the first says it in words: under its heading, the second.
      await searchAndChoose(from);
      await expect.poll(() => page.textContent('#panel-title')).toBe(from);
      const group = page.locator('#actor-relations .rel-group', { has: page.locator('h4', { hasText: new RegExp(`^${heading} \\(`) }) });
      await expect.poll(async () => (await group.locator('.node-ref').allTextContents()).map((t) => t.replace(/ ×\d+$/, ''))).toContain(to);
    }
    await page.waitForTimeout(700);
    // Qin Gang's edges are labelled, and no edge label covers a node's name or another edge label.
    const { boxes, edgeLabels } = await inPage<{ boxes: Array<{ x: number; y: number; w: number; h: number }>; edgeLabels: Quad[] }>(page, 'return app.labels();');
    expect(edgeLabels.length).toBeGreaterThan(1);
    const quad = (b: { x: number; y: number; w: number; h: number }): Quad => [[b.x, b.y], [b.x + b.w, b.y], [b.x + b.w, b.y + b.h], [b.x, b.y + b.h]];
    for (const [i, q] of edgeLabels.entries()) {
      for (const b of boxes) expect(quadsOverlap(q, quad(b))).toBe(false);
      for (const r of edgeLabels.slice(i + 1)) expect(quadsOverlap(q, r)).toBe(false);
    }
    await page.screenshot({ path: join(RESULTS, 'web-actor-qin-gang.png') });
  });

  it('draws the path from Hua Chunying to the Justice Department, found by /api/path', async () => {
    await open();
    await searchAndChoose('Hua Chunying');
    await page.click('#path-pick');
    await searchAndChoose('Justice Department', 'United States Department of Justice');
    await page.locator('#path-list li').nth(1).waitFor();
    const steps = await page.locator('#path-list li .node-ref').allTextContents();
    expect(steps[0]).toBe('Hua Chunying');
    expect(steps.at(-1)).toBe('United States Department of Justice');
    expect(steps.length).toBeGreaterThan(1);
    // Each step says which way its edge points: "accused" forward, "accused by" back, as the drawn graph has it.
    const rels = await page.locator('#path-list li .path-rel').allTextContents();
    expect(rels).toHaveLength(steps.length - 1);
    for (const [i, text] of rels.entries()) {
      const back = / by\)?\s*$/.test(text);
      const [from, to] = back ? [steps[i + 1]!, steps[i]!] : [steps[i]!, steps[i + 1]!];
      expect((await edgesBetween(page, from, to)).length, `${steps[i]} ${text}${steps[i + 1]}`).toBeGreaterThan(0);
    }
    await page.waitForTimeout(700);
    // Every step is drawn, numbered in order, and the rest faded behind it.
    const drawn = await drawnNodes(page);
    const numbered = drawn.filter((d) => /^\d+\. /.test(d.label ?? '')).sort((a, b) => parseInt(a.label!) - parseInt(b.label!));
    expect(numbered.map((d) => d.label)).toEqual(steps.map((l, i) => `${i + 1}. ${l}`));
    expect(drawn.filter((d) => !numbered.includes(d)).every((d) => d.color === S.fadedNodeColor)).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'web-path-justice.png') });
  });



  it('the actor view draws who accused whom and who answered whom, as the event graph says; an edge opens its events', async () => {
    const ev = await events();
    const qin = `${E}qin-gang`;
    const response = ends(ev, qin, 'respondent', 'out').find((r) => ends(ev, r, 'respondsTo', 'out').some((a) => ends(ev, a, 'accuser', 'in').length));
    expect(response, 'Qin Gang answers an accusation with a known accuser').toBeDefined();
    const accuser = ends(ev, ends(ev, response!, 'respondsTo', 'out')[0]!, 'accuser', 'in')[0]!;
    const accusation = ev.nodes.find((n) => n.attributes.type === 'accusation' && ends(ev, n.key, 'accuser', 'in').includes(`${E}united-states`) && ends(ev, n.key, 'accused', 'out').length)!;
    const accused = ends(ev, accusation.key, 'accused', 'out')[0]!;

    await open();
    expect(await page.getAttribute('#mode-actor', 'aria-pressed')).toBe('true');
    const types = await inPage<string[]>(page, `const t = new Set(); app.graph.forEachNode((_, a) => t.add(a.type)); return [...t];`);
    expect(types).not.toContain('accusation');
    expect(types).not.toContain('response');
    for (const [s, rel, t] of [[`${E}united-states`, 'accused', accused], [qin, 'respondedTo', accuser]] as const) {
      const key = `${s}|${rel}|${t}`;
      const e = await inPage<{ label: string; hidden: boolean } | null>(page, `const d = app.graph.hasEdge(arg) && app.sigma.getEdgeDisplayData(arg); return d ? { label: app.graph.getEdgeAttribute(arg, 'label'), hidden: !!d.hidden } : null;`, key);
      expect(e, key).not.toBeNull();
      expect(e!.hidden).toBe(false);
      expect(e!.label).toMatch(rel === 'accused' ? /^accused/ : /^responded to/);
    }
    // Clicking the middle of the edge opens it: its events, each with what it was.
    await searchAndChoose('Qin Gang');
    await page.waitForTimeout(700);
    const a = await nodeAt(page, qin);
    const b = await nodeAt(page, accuser);
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + (a.x + b.x) / 2, box.y + (a.y + b.y) / 2);
    const title = `Qin Gang responded to ${labelOf(ev, accuser)}`;
    await expect.poll(() => page.textContent('#panel-title')).toMatch(new RegExp(`^(Qin Gang|${labelOf(ev, accuser)}) `));
    // Two edges between the same actors lie on one line: the panel offers the other.
    if ((await page.textContent('#panel-title')) !== title) await page.locator('.edge-sibling', { hasText: /Qin Gang responded to/ }).click();
    await expect.poll(() => page.textContent('#panel-title')).toBe(title);
    await page.locator('#edge-events li').first().waitFor();
    expect(await page.locator('#edge-events li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'web-actor-edge.png') });
  });

  it('the chain of a Qin Gang response draws 4 nodes in order: respondent, response, accusation, accuser', async () => {
    const ev = await events();
    const response = ends(ev, `${E}qin-gang`, 'respondent', 'out').find((r) => ends(ev, r, 'respondsTo', 'out').some((x) => ends(ev, x, 'accuser', 'in').length))!;
    const accusation = ends(ev, response, 'respondsTo', 'out')[0]!;
    const chain = [`${E}qin-gang`, response, accusation, ends(ev, accusation, 'accuser', 'in')[0]!];
    await open(`/?mode=event&node=${encodeURIComponent(response)}`);
    await page.locator('#chain li').nth(3).waitFor();
    const items = await page.locator('#chain li .node-ref').allTextContents();
    expect(items).toEqual(chain.map((n) => labelOf(ev, n)));
    await page.waitForTimeout(700);
    const drawn = new Map((await drawnNodes(page)).map((d) => [d.key, d]));
    chain.forEach((n, i) => expect(drawn.get(n)?.label).toBe(`${i + 1}. ${labelOf(ev, n)}`));
    // Everything else is faded behind the chain.
    const faded = [...drawn.values()].filter((d) => !chain.includes(d.key));
    expect(faded.every((d) => d.color === S.fadedNodeColor)).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'web-chain.png') });
  });

  it('switching views keeps the selection; the status line does not outlive its view', async () => {
    await open();
    await searchAndChoose('Qin Gang');
    await expect.poll(() => page.textContent('#status')).toBe('Selected Qin Gang');
    await page.click('#mode-event');
    await expect.poll(() => page.url()).toMatch(/mode=event/);
    expect(decodeURIComponent(page.url())).toMatch(/node=.*qin-gang/);
    expect(await page.textContent('#panel-title')).toBe('Qin Gang');
    expect(await inPage<boolean>(page, `return app.graph.someNode((_, a) => a.type === 'response');`)).toBe(true);
    await page.click('#mode-actor');
    await expect.poll(() => page.url()).not.toMatch(/mode=event/);
    await page.click('.tab[data-view="spokespeople"]');
    expect(await page.textContent('#status')).toBe('');
  });

  it('the timeline slider to May 2014 leaves only what the articles of that month say', async () => {
    const ev = await events();
    const may = new Set(ev.articles.filter((x) => x.date.startsWith('2014-05')).map((x) => x.id));
    expect(may.size).toBeGreaterThan(0);
    await open();
    const bins = await page.locator('.tl-bar').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    const i = bins.findIndex((t) => t.startsWith('May 2014'));
    expect(i).toBeGreaterThanOrEqual(0);
    const before = await visible();
    await slide(page, '#tl-from', i);
    await slide(page, '#tl-to', i);
    await expect.poll(() => page.url()).toMatch(/from=2014-05-01&to=2014-05-31/);
    expect(await page.textContent('#tl-range')).toBe('May 2014 – May 2014');
    const after = await visible();
    expect(after).toBeLessThan(before);
    const drawn = await drawnNodes(page);
    const articles = await inPage<Record<string, string[]>>(page, `const o = {}; app.graph.forEachNode((k, a) => { o[k] = a.articles ?? []; }); return o;`);
    expect(drawn).toHaveLength(after);
    for (const d of drawn) expect(articles[d.key]!.some((x) => may.has(x)), d.key).toBe(true);
    expect(await page.textContent('#hidden-note')).toMatch(/dates 2014-05-01 to 2014-05-31/);
    await page.screenshot({ path: join(RESULTS, 'web-timeline-may-2014.png') });
    await page.click('#tl-all');
    await expect.poll(visible).toBe(before);
    // Play widens the range bin by bin from the first month: the end date moves forward, the start stays.
    await page.click('#tl-play');
    expect(await page.textContent('#tl-play')).toBe('Pause');
    const ends = new Set<string>();
    await expect.poll(() => {
      const q = new URL(page.url()).searchParams;
      if (q.get('to')) ends.add(q.get('to')!);
      return ends.size;
    }, { timeout: 20_000 }).toBeGreaterThan(2);
    const [mon, year] = bins[0]!.split(':')[0]!.split(' ');
    const first = `${year}-${String(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(mon!) + 1).padStart(2, '0')}-01`;
    expect(new URL(page.url()).searchParams.get('from')).toBe(first);
    expect([...ends].sort()).toEqual([...ends]);
    await page.click('#tl-play');
    expect(await page.textContent('#tl-play')).toBe('Play');
  });

  it('draws the path from Hua Chunying to the farthest actor, found by /api/path', async () => {
    const actor = await fetchJson<Payload>(`${server.url}/api/graph?view=actor&limit=1000`);
    // The true distance, to check the server's path against.
    const dist = hopsFrom(actor.edges, `${E}hua-chunying`);
    const [far, d] = [...dist].filter(([k]) => !/spokesperson-/.test(k)).sort((x, y) => y[1] - x[1])[0]!;
    expect(d).toBeGreaterThan(1);
    await open();
    await searchAndChoose('Hua Chunying');
    await page.click('#path-pick');
    await searchAndChoose(labelOf(actor, far));
    await page.locator('#path-list li').nth(d).waitFor();
    const steps = await page.locator('#path-list li .node-ref').allTextContents();
    expect(steps).toHaveLength(d + 1);
    expect(steps[0]).toBe('Hua Chunying');
    expect(steps.at(-1)).toBe(labelOf(actor, far));
    await page.waitForTimeout(700);
    const drawn = await drawnNodes(page);
    expect(drawn.find((x) => x.key === far)?.label).toBe(`${d + 1}. ${labelOf(actor, far)}`);
    await page.screenshot({ path: join(RESULTS, 'web-path.png') });
    await page.click('#path-clear');
    await expect.poll(() => page.url()).not.toMatch(/path=/);
  });

  it('finds Snowden, who has no relation, and says why he is not drawn', async () => {
    await open();
    await page.fill('#search', '');
    await page.type('#search', 'Snowden', { delay: 15 });
    const option = page.locator('#search-list [role=option]', { hasText: 'Edward Snowden' }).first();
    await option.waitFor();
    expect(await option.textContent()).toMatch(/not drawn/);
    await option.click();
    await expect.poll(() => page.textContent('#panel-title')).toBe('Edward Snowden');
    expect(await page.textContent('#panel-not-drawn')).toMatch(/not drawn/);
    expect(await page.locator('#panel .article-list li').count()).toBeGreaterThan(0);
  });

  it('ego network: only the neighbourhood, deeper with depth, expand and collapse a neighbour', async () => {
    await open(`/?node=${encodeURIComponent(`${E}qin-gang`)}`);
    const all = await visible();
    await page.check('#ego-only');
    await expect.poll(visible).toBeLessThan(all);
    const one = await visible();
    const ring = await inPage<string[]>(page, `return app.graph.neighbors(arg);`, `${E}qin-gang`);
    expect(one).toBe(new Set([`${E}qin-gang`, ...ring]).size);
    await page.click('[data-depth="2"]');
    await expect.poll(visible).toBeGreaterThan(one);
    await page.click('[data-depth="1"]');
    await expect.poll(visible).toBe(one);
    // Select a neighbour whose own neighbours are not all drawn yet: the network stays rooted at Qin Gang; expand it.
    const target = await inPage<string>(page, `const shown = new Set([arg, ...app.graph.neighbors(arg)]); return app.graph.neighbors(arg).find((n) => app.graph.neighbors(n).some((m) => !shown.has(m)));`, `${E}qin-gang`);
    await page.locator('#actor-relations .node-ref', { hasText: await inPage<string>(page, `return app.graph.getNodeAttribute(arg, 'label');`, target) }).first().click();
    await page.locator('.edge-ends .node-ref', { hasText: await inPage<string>(page, `return app.graph.getNodeAttribute(arg, 'label');`, target) }).first().click();
    await page.locator('#expand-node').waitFor();
    expect(await visible()).toBe(one);
    await page.click('#expand-node');
    await expect.poll(visible).toBeGreaterThan(one);
    const expanded = new Set([`${E}qin-gang`, ...ring, target, ...(await inPage<string[]>(page, `return app.graph.neighbors(arg);`, target))]);
    expect(await visible()).toBe(expanded.size);
    expect(decodeURIComponent(page.url())).toContain(`expand=${target}`);
    await page.click('#collapse-node');
    await expect.poll(visible).toBe(one);
    expect(decodeURIComponent(page.url())).not.toContain('expand=');
  });

  it('a filter that hides everything says so, with a way back; the legend counts what is hidden', async () => {
    await open('/?hide=person');
    expect(await page.textContent('.legend-item[data-type="person"] .legend-count')).toMatch(/^0 \/ \d+$/);
    await open('/?hide=person,government,military,company,media,university,organization,country,place');
    await page.locator('#graph-empty').waitFor();
    expect(await page.textContent('#graph-empty')).toMatch(/No node matches these filters/);
    await page.click('#empty-clear');
    await expect.poll(visible).toBeGreaterThan(10);
    expect(await page.isHidden('#graph-empty')).toBe(true);
  });

  it('unnamed spokespeople have distinct names; the default view draws labels that neither overlap nor leave the canvas', async () => {
    for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await open();
      await page.waitForTimeout(600);
      const labels = await inPage<string[]>(page, `const l = []; app.graph.forEachNode((_, a) => a.type === 'person' && l.push(a.label)); return l;`);
      expect(labels).not.toContain('unnamed spokesperson');
      expect(new Set(labels).size).toBe(labels.length);
      const { boxes, width } = await inPage<{ boxes: Array<{ x: number; y: number; w: number; h: number; key?: string }>; width: number }>(page, 'return app.labels();');
      expect(boxes.length).toBeGreaterThan(size.width > 800 ? 8 : 2);
      // The hubs are named at every width: at 390 px the United States, the largest disc, once went without a label.
      const hubs = await inPage<string[]>(page, `const s = []; app.graph.forEachNode((n) => { const d = app.sigma.getNodeDisplayData(n); if (d && !d.hidden) s.push([n, d.size]); }); return s.sort((a, b) => b[1] - a[1]).slice(0, 2).map((x) => x[0]);`);
      expect(hubs).toContain(`${E}united-states`);
      for (const hub of hubs) expect(boxes.map((b) => b.key), `${hub} at ${size.width} px`).toContain(hub);
      const hit = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      // Every node disc on screen, from the graph (not from the label code): no label covers one.
      const discs = await drawnNodes(page);
      const radius = await inPage<Record<string, number>>(page, `const o = {}; app.graph.forEachNode((n) => { const d = app.sigma.getNodeDisplayData(n); o[n] = app.sigma.scaleSize(d.size); }); return o;`);
      for (const [i, a] of boxes.entries()) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.x + a.w).toBeLessThanOrEqual(width);
        for (const b of boxes.slice(i + 1)) expect(hit(a, b)).toBe(false);
        const covered = discs.filter((d) => hit(a, { x: d.x - radius[d.key]!, y: d.y - radius[d.key]!, w: 2 * radius[d.key]!, h: 2 * radius[d.key]! }));
        expect(covered.length, `label at ${Math.round(a.x)},${Math.round(a.y)} covers ${covered.map((c) => c.label).join(', ')}`).toBe(0);
      }
      await page.screenshot({ path: join(RESULTS, `web-actor-${size.width}.png`), fullPage: size.width < 800 });
      // Nothing on the page is cut off: every export button can be reached and lies within the window's width.
      if (size.width < 800) await page.click('#sidebar-details > summary');
      for (const id of ['#export-png', '#export-svg', '#export-view-gexf', '#export-view-graphml']) {
        await page.locator(id).scrollIntoViewIfNeeded();
        const eb = (await page.locator(id).boundingBox())!;
        expect(eb.x, id).toBeGreaterThanOrEqual(0);
        expect(eb.x + eb.width, id).toBeLessThanOrEqual(size.width);
      }
      await page.screenshot({ path: join(RESULTS, `web-actor-${size.width}-sidebar.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('every view fits the window at 1440×900 and at 390 px: nothing reaches past its edges (screenshots of each)', async () => {
    const spokespeople = await fetchJson<Array<{ person: { id: string; label: string; named: boolean } }>>(`${server.url}/api/spokespeople?limit=all`);
    const unnamed = spokespeople.find((s) => !s.person.named)!.person;
    // Unnamed spokespeople are named by their organization, in the table and in the panel.
    expect(unnamed.label).toMatch(/^spokesperson for \S/);
    const views: Array<[string, string]> = [
      ['actors', '/'], ['events', '/?mode=event'], ['qin-gang', `/?node=${encodeURIComponent(`${E}qin-gang`)}`],
      ['unnamed-spokesperson', `/?node=${encodeURIComponent(unnamed.id)}`], ['spokespeople', '/?view=spokespeople'], ['sparql', '/?view=sparql'],
    ];
    for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      for (const [name, path] of views) {
        await open(path);
        await page.waitForTimeout(500);
        if (name === 'unnamed-spokesperson') {
          expect(await page.textContent('#panel-title')).toBe(unnamed.label);
          // The selection is named on the graph too, cut to fit when its name is longer than a narrow canvas allows.
          const { boxes } = await inPage<{ boxes: Array<{ key?: string }> }>(page, 'return app.labels();');
          expect(boxes.map((b) => b.key), `the selection's label at ${size.width} px`).toContain(unnamed.id);
        }
        // Each response Qin Gang gave says which accusation it answered, and whose.
        if (name === 'qin-gang') {
          const responses = await page.locator('#panel .ref-list-events .node-ref').allTextContents();
          expect(responses.filter((t) => / of the \w.* by \S/.test(t)).length, responses.join(' | ')).toBeGreaterThanOrEqual(7);
        }
        // Every visible element within the window's width (one wholly off screen, like the skip link, is meant to be).
        const past = await inPage<string[]>(page, `const w = innerWidth, out = [];
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height || r.right <= 0 || !el.checkVisibility()) continue;
            if (r.right > w + 0.5 || r.left < -0.5) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
          }
          return out;`);
        expect(past, `${name} at ${size.width} px`).toEqual([]);
        expect(await inPage<number>(page, 'return document.documentElement.scrollWidth;'), `${name} at ${size.width} px`).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: join(RESULTS, `web-view-${name}-${size.width}.png`), fullPage: size.width < 800 });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a dragged node stays where it is dropped (pinned) until unpinned', async () => {
    await open(`/?node=${encodeURIComponent(`${E}qin-gang`)}`);
    await page.waitForTimeout(700);
    const before = await inPage<{ x: number; y: number }>(page, `return { x: app.graph.getNodeAttribute(arg, 'x'), y: app.graph.getNodeAttribute(arg, 'y') };`, `${E}qin-gang`);
    const at = await nodeAt(page, `${E}qin-gang`);
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.mouse.down();
    await page.mouse.move(box.x + at.x - 80, box.y + at.y + 40, { steps: 8 });
    await page.mouse.up();
    const after = await inPage<{ x: number; y: number; fixed: boolean }>(page, `return { x: app.graph.getNodeAttribute(arg, 'x'), y: app.graph.getNodeAttribute(arg, 'y'), fixed: !!app.graph.getNodeAttribute(arg, 'fixed') };`, `${E}qin-gang`);
    expect(after.x).toBeLessThan(before.x);
    expect(after.fixed).toBe(true);
    await page.click('#unpin');
    expect(await inPage<boolean>(page, `return !!app.graph.getNodeAttribute(arg, 'fixed');`, `${E}qin-gang`)).toBe(false);
  });

  it('maps colour to Louvain communities and size to betweenness, with a legend, kept in the URL', async () => {
    await open();
    await page.selectOption('#ap-color', 'community');
    await page.locator('#legend-colors li').nth(1).waitFor();
    const colours = new Set((await drawnNodes(page)).map((d) => d.color));
    expect(colours.size).toBeGreaterThan(1);
    await page.selectOption('#ap-size', 'betweenness');
    await expect.poll(() => page.textContent('#legend-size')).toMatch(/betweenness/);
    expect(page.url()).toMatch(/color=community/);
    expect(page.url()).toMatch(/size=betweenness/);
    await page.screenshot({ path: join(RESULTS, 'web-communities.png') });
  });

  it('exports the current view as SVG and GEXF, with what is drawn', async () => {
    await open('/?hide=company');
    const shown = await visible();
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const text = await readFile((await svg.path())!, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/<circle /g)?.length).toBe(shown);
    const [gexf] = await Promise.all([page.waitForEvent('download'), page.click('#export-view-gexf')]);
    const g = await readFile((await gexf.path())!, 'utf8');
    expect(g.match(/<node /g)?.length).toBe(shown);
    expect(g).toMatch(/<viz:color /);
    expect(g).toMatch(/<viz:position /);
    // GraphML, read back by graphology-graphml: the drawn nodes with their positions and colours as drawn.
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#export-view-graphml')]);
    const graphmlText = await readFile((await graphml.path())!, 'utf8');
    const read = parseGraphML(MultiGraph, graphmlText);
    // Gephi reads a node's colour from r, g, b.
    expect(graphmlText.match(/<data key="n_r">\d+<\/data>/g)?.length).toBe(shown);
    expect(read.order).toBe(shown);
    const drawn = new Map((await drawnNodes(page)).map((d) => [d.key, d]));
    const pos = await inPage<Record<string, { x: number; y: number }>>(page, `const o = {}; app.graph.forEachNode((n, a) => { o[n] = { x: a.x, y: a.y }; }); return o;`);
    read.forEachNode((n, a) => {
      expect(drawn.has(n), n).toBe(true);
      expect(a.x).toBeCloseTo(pos[n]!.x, 6);
      expect(a.y).toBeCloseTo(pos[n]!.y, 6);
      expect(a.color).toBe(drawn.get(n)!.color);
    });
    expect(read.size).toBeGreaterThan(0);
    read.forEachEdge((_e, a) => expect(a.relation).toMatch(/\S/));
  });
});
