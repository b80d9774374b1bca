/**
 * The panel for an edge of the actor view: who did what to whom, how many times, and
 * each event folded into it, with what it was and the sentences it was read from
 * (GET /api/entities/:event for each, the first few at once).
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { api, type EntityDetails, type Ref } from './api.js';
import { formatDate, h, replace, swatch } from './dom.js';
import { edgeColor, nodeColor, relationName } from './settings.js';
import { openArticle } from './reader.js';

export interface EdgeInfo {
  key: string;
  relation: string;
  source: Ref & { type: string };
  target: Ref & { type: string };
  weight: number;
  events: string[];
  kinds: string[];
  /** Other edges between the same two nodes (drawn on top of each other): key and how they read. */
  siblings: Array<{ key: string; text: string }>;
}

const SHOWN = 12;

function eventItem(d: EntityDetails, select: (id: string) => void): HTMLElement {
  const seen = new Set<string>();
  const ev = d.evidence.filter((e) => !seen.has(e.text) && seen.add(e.text));
  return h(
    'li',
    { class: 'edge-event' },
    h('button', { type: 'button', class: 'node-ref', on: { click: () => select(d.id) } }, swatch(nodeColor(d.type)), d.label),
    ...ev.slice(0, 3).map((e) =>
      h(
        'blockquote',
        { class: 'evidence-text' },
        e.text,
        h(
          'span',
          { class: 'evidence-source' },
          ` — ${e.article.headline ?? e.article.id}, ${formatDate(e.article.date)} `,
          h('button', { type: 'button', class: 'link', on: { click: () => void openArticle(e.article.id, { start: e.start, end: e.end, text: e.text }) } }, 'read'),
        ),
      ),
    ),
  );
}

export interface EdgeHooks {
  select(id: string): void;
  selectEdge(key: string): void;
  close(): void;
}

export async function renderEdge(root: HTMLElement, info: EdgeInfo, hooks: EdgeHooks, signal: AbortSignal): Promise<void> {
  const list = h('ol', { class: 'edge-events', id: 'edge-events' });
  const end = (r: Ref & { type: string }) => h('button', { type: 'button', class: 'node-ref', on: { click: () => hooks.select(r.id) } }, swatch(nodeColor(r.type)), r.label);
  replace(
    root,
    h(
      'header',
      { class: 'panel-head' },
      h('p', { class: 'panel-type' }, h('span', { class: 'edge-swatch', style: { background: edgeColor(info.relation) } }), 'Relation'),
      h('h2', { id: 'panel-title', tabIndex: -1 }, `${info.source.label} ${relationName(info.relation)} ${info.target.label}`),
      h('button', { type: 'button', class: 'btn btn-small panel-close', attrs: { 'aria-label': 'Close the panel' }, on: { click: hooks.close } }, '×'),
    ),
    h('p', { class: 'edge-ends' }, end(info.source), ` ${relationName(info.relation)} `, end(info.target)),
    h('p', { class: 'muted' }, info.events.length ? `${info.weight} event${info.weight > 1 ? 's' : ''}: ${info.kinds.join(', ')}` : 'A role: the articles name them as spokesperson.'),
    info.events.length ? h('section', { class: 'panel-section' }, h('h3', null, 'Events and evidence'), list) : null,
    info.events.length > SHOWN ? h('p', { class: 'muted' }, `The first ${SHOWN} of ${info.events.length} are shown.`) : null,
    info.siblings.length
      ? h('p', { class: 'edge-siblings' }, h('span', { class: 'muted' }, 'Also between them: '), ...info.siblings.map((x) => h('button', { type: 'button', class: 'link edge-sibling', on: { click: () => hooks.selectEdge(x.key) } }, x.text)))
      : null,
  );
  const details = await Promise.all(info.events.slice(0, SHOWN).map((id) => api.entity(id, signal).catch(() => null)));
  if (signal.aborted) return;
  for (const d of details) if (d) list.append(eventItem(d, hooks.select));
}

/**
 * The node's edges in the actor view, grouped by how they read from it ("accused",
 * "accused by", "responded to"…), each naming the other actor and opening the edge.
 */
export function actorRelations(graph: Graph, id: string, hooks: Pick<EdgeHooks, 'selectEdge'>): HTMLElement | null {
  if (!graph.hasNode(id) || !graph.degree(id)) return null;
  const groups = new Map<string, HTMLElement[]>();
  graph.forEachEdge(id, (e, a, s, t) => {
    const out = s === id;
    const other = out ? t : s;
    const rel = String(a.relation);
    const heading = out ? relationName(rel) : inverseName(rel);
    const weight = Number(a.weight ?? 1);
    const chip = h('button', { type: 'button', class: 'node-ref', dataset: { edge: e }, title: 'Show the events and their evidence', on: { click: () => hooks.selectEdge(e) } },
      swatch(nodeColor(String(graph.getNodeAttribute(other, 'type')))), String(graph.getNodeAttribute(other, 'label') ?? other), weight > 1 ? h('span', { class: 'muted' }, ` ×${weight}`) : null);
    (groups.get(heading) ?? groups.set(heading, []).get(heading)!).push(chip);
  });
  return h(
    'section',
    { class: 'panel-section', id: 'actor-relations', attrs: { 'aria-labelledby': 'panel-actor-title' } },
    h('h3', { id: 'panel-actor-title' }, 'Who and whom'),
    ...[...groups].map(([title, chips]) => h('div', { class: 'rel-group' }, h('h4', null, `${title[0]!.toUpperCase()}${title.slice(1)} (${chips.length})`), h('ul', { class: 'ref-list' }, ...chips.map((c) => h('li', null, c))))),
  );
}

const INVERSE: Record<string, string> = { accused: 'accused by', respondedTo: 'answered by', speaksFor: 'spokespeople', hacked: 'hacked by' };

/** How a relation reads from its target's side ("accused by"). */
export const inverseName = (relation: string): string => INVERSE[relation] ?? `${relationName(relation)} (by)`;

const refIn = (g: Graph, n: string) => ({ id: n, label: String(g.getNodeAttribute(n, 'label') ?? n), type: String(g.getNodeAttribute(n, 'type') ?? '') });

/** What the panel of `edge` shows, read from the drawn graph. */
export function edgeInfo(g: Graph, edge: string): EdgeInfo {
  const a = g.getEdgeAttributes(edge);
  const [src, tgt] = [g.source(edge), g.target(edge)];
  const siblings = [...g.edges(src, tgt), ...g.edges(tgt, src)].filter((e) => e !== edge)
    .map((e) => ({ key: e, text: `${g.getNodeAttribute(g.source(e), 'label')} ${String(g.getEdgeAttribute(e, 'label'))} ${g.getNodeAttribute(g.target(e), 'label')}` }));
  return {
    siblings,
    key: edge, relation: String(a.relation), source: refIn(g, src), target: refIn(g, tgt),
    weight: Number(a.weight ?? 1), events: (a.events as string[] | undefined) ?? [], kinds: (a.kinds as string[] | undefined) ?? [],
  };
}
