/**
 * The panel for an edge of the actor view: who did what to whom, how many times, and
 * each event folded into it, with what it was and the sentences it was read from
 * (GET /api/entities/:event for each, the first few at once).
 */
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

export async function renderEdge(root: HTMLElement, info: EdgeInfo, hooks: { select(id: string): void; close(): void }, signal: AbortSignal): Promise<void> {
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
  );
  const details = await Promise.all(info.events.slice(0, SHOWN).map((id) => api.entity(id, signal).catch(() => null)));
  if (signal.aborted) return;
  for (const d of details) if (d) list.append(eventItem(d, hooks.select));
}
