/**
 * The side panel for the selected node: type, names, relations grouped by kind, the
 * evidence sentences (headline, outlet, date, a link to the article text) and, for an
 * accusation or response, who did what to whom, how, and the quote.
 */
import { api, toRefs, type ArticleMeta, type EntityDetails, type Evidence, type Neighbour, type Ref } from './api.js';
import { formatDate, h, replace, swatch } from './dom.js';
import { isEventType, nodeColor, relationName, typeName } from './settings.js';
import { openArticle } from './reader.js';
import { renderEdge, type EdgeInfo } from './edge-panel.js';

export interface PanelHooks {
  select(id: string): void;
  close(): void;
  /** Label and type of a node in the loaded graph (for ids the server gave without them). */
  describe(id: string): { label: string; type: string } | null;
  /** The exploration controls for a node (depth, expand, path…); null when it is not drawn. */
  tools(id: string): HTMLElement | null;
  /** The dispute chain of a response, in order (empty for anything else). */
  chain(id: string): Ref[];
  /** The node's edges in the actor view (null in the event view). */
  actorRelations(id: string): HTMLElement | null;
  selectEdge(key: string): void;
}

/**
 * How a relation reads from the selected node's side. Edges follow the server's
 * graph (agent → accusation for accuser, accusation → agent for accused…), but the
 * heading only depends on whether the selected node is the event or the agent, so
 * it does not care which way an edge points.
 */
export function relationHeading(relation: string, direction: string, selectedIsEvent: boolean): string {
  const onEvent: Record<string, string> = {
    accuser: 'Accusers',
    accused: 'Against',
    target: 'Harmed or hacked',
    respondent: 'Responded by',
  };
  const onAgent: Record<string, string> = {
    accuser: 'Accusations made',
    accused: 'Accused in',
    target: 'Target of',
    respondent: 'Responses given',
  };
  if (relation === 'spokespersonFor') return direction === 'in' ? 'Spokespeople' : 'Speaks for';
  if (relation === 'respondsTo') return direction === 'in' ? 'Responses to it' : 'Responds to';
  return (selectedIsEvent ? onEvent : onAgent)[relation] ?? `${relationName(relation)} (${direction})`;
}

function nodeButton(ref: Ref, hooks: PanelHooks): HTMLElement {
  const known = hooks.describe(ref.id);
  const label = ref.label && ref.label !== ref.id ? ref.label : (known?.label ?? ref.id);
  const type = ref.type ?? known?.type ?? '';
  if (!known) return h('span', { class: 'node-ref' }, swatch(nodeColor(type)), label);
  return h(
    'button',
    { type: 'button', class: 'node-ref', title: `Select ${label}`, on: { click: () => hooks.select(ref.id) } },
    swatch(nodeColor(type)),
    label,
  );
}

function refList(refs: Array<Ref & { summary?: string }>, hooks: PanelHooks): HTMLElement {
  if (!refs.length) return h('span', { class: 'muted' }, 'not named');
  // An event says what it is about ("denial of the charge by …"), not only its kind.
  if (refs.some((r) => r.summary)) return h('ul', { class: 'ref-list ref-list-events' }, ...refs.map((r) => h('li', null, nodeButton({ ...r, label: r.summary ?? r.label }, hooks))));
  return h('ul', { class: 'ref-list' }, ...refs.map((r) => h('li', null, nodeButton(r, hooks))));
}

function chainSection(chain: Ref[], hooks: PanelHooks): HTMLElement | null {
  if (chain.length < 2) return null;
  const roles = ['responds', 'with', 'to', 'made by'];
  return h(
    'section',
    { class: 'panel-section', attrs: { 'aria-labelledby': 'panel-chain-title' } },
    h('h3', { id: 'panel-chain-title' }, 'The dispute chain'),
    h('ol', { class: 'chain', id: 'chain' }, ...chain.map((r, i) => h('li', null, h('span', { class: 'muted' }, `${roles[i] ?? ''} `), nodeButton(r, hooks)))),
  );
}

function evidenceItem(ev: Evidence): HTMLElement {
  const a: Partial<ArticleMeta> & { id: string } = ev.article ?? { id: '' };
  return h(
    'li',
    { class: 'evidence' },
    h('blockquote', { class: 'evidence-text' }, ev.text),
    h(
      'p',
      { class: 'evidence-source' },
      h('span', { class: 'ev-headline' }, a.headline || a.id),
      h('span', { class: 'ev-meta' }, ` — ${a.outlet || 'unknown outlet'}, ${formatDate(a.date)} `),
      a.id
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              on: { click: () => void openArticle(a.id, { start: ev.start, end: ev.end, text: ev.text }) },
            },
            'read the article',
          )
        : null,
    ),
  );
}

function articlesSection(d: EntityDetails): HTMLElement | null {
  const list = d.articles ?? [];
  if (!list.length) return null;
  return h(
    'section',
    { class: 'panel-section', attrs: { 'aria-labelledby': 'panel-art-title' } },
    h('h3', { id: 'panel-art-title' }, `Named in (${list.length})`),
    h(
      'ul',
      { class: 'article-list' },
      ...list.map((a) =>
        h(
          'li',
          null,
          h('button', { type: 'button', class: 'link', on: { click: () => void openArticle(a.id) } }, a.headline || a.id),
          h('span', { class: 'muted' }, ` — ${a.outlet || 'unknown outlet'}, ${formatDate(a.date)}`),
        ),
      ),
    ),
  );
}

function eventSection(d: EntityDetails, hooks: PanelHooks): HTMLElement | null {
  const e = d.event;
  if (!e) return null;
  const quotes = (Array.isArray(e.quote) ? e.quote : e.quote ? [e.quote] : []).filter(Boolean);
  const rows: Array<[string, HTMLElement | string]> = [];
  if (d.type === 'accusation') {
    rows.push(['Who accuses', refList(toRefs(e.accusers), hooks)]);
    rows.push(['Against whom', refList(toRefs(e.accused), hooks)]);
    if (toRefs(e.targets).length) rows.push(['Harmed or hacked', refList(toRefs(e.targets), hooks)]);
  } else {
    rows.push(['Who responds', refList(toRefs(e.respondents), hooks)]);
    rows.push(['Responds to', refList(toRefs(e.respondsTo), hooks)]);
  }
  rows.push(['How', h('span', null, e.kind || 'unspecified', e.cameo ? h('span', { class: 'cameo', title: 'CAMEO event code' }, ` CAMEO ${e.cameo}`) : null)]);
  return h(
    'section',
    { class: 'panel-section', attrs: { 'aria-labelledby': 'panel-event-title' } },
    h('h3', { id: 'panel-event-title' }, d.type === 'accusation' ? 'The accusation' : 'The response'),
    h('dl', { class: 'event-facts' }, ...rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
    ...quotes.map((q) => h('blockquote', { class: 'quote' }, `“${q}”`)),
  );
}

function relationsSection(d: EntityDetails, hooks: PanelHooks): HTMLElement | null {
  const groups: Array<[string, Neighbour[]]> = [];
  for (const [relation, list] of Object.entries(d.neighbours ?? {})) {
    const byDir = new Map<string, Neighbour[]>();
    for (const n of list) byDir.set(n.direction, [...(byDir.get(n.direction) ?? []), n]);
    for (const [dir, ns] of byDir) groups.push([relationHeading(relation, dir, isEventType(d.type)), ns]);
  }
  if (!groups.length) return null;
  return h(
    'section',
    { class: 'panel-section', attrs: { 'aria-labelledby': 'panel-rel-title' } },
    h('h3', { id: 'panel-rel-title' }, 'Relations'),
    ...groups.map(([title, ns]) => h('div', { class: 'rel-group' }, h('h4', null, `${title} (${ns.length})`), refList(ns, hooks))),
  );
}

export function renderDetails(root: HTMLElement, d: EntityDetails, hooks: PanelHooks): void {
  const alt = (d.altLabels ?? []).filter((n) => n && n !== d.label);
  // The same sentence can back several relations: show it once.
  const seen = new Set<string>();
  const evidence = (d.evidence ?? []).filter((e) => {
    const k = `${e.article?.id ?? ''}|${e.start}|${e.end}|${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  replace(
    root,
    h(
      'header',
      { class: 'panel-head' },
      h('p', { class: 'panel-type' }, swatch(nodeColor(d.type)), typeName(d.type)),
      h('h2', { id: 'panel-title', tabIndex: -1 }, d.label),
      h('button', { type: 'button', class: 'btn btn-small panel-close', attrs: { 'aria-label': 'Close the panel' }, on: { click: hooks.close } }, '×'),
    ),
    alt.length ? h('p', { class: 'alt-labels' }, h('span', { class: 'muted' }, 'Also called '), alt.join(' · ')) : null,
    d.inGraph === false
      ? h('p', { class: 'note', id: 'panel-not-drawn' }, 'Named in the articles below, with no accusation, response or role: it is not drawn in the graph.')
      : null,
    hooks.tools(d.id),
    hooks.actorRelations(d.id),
    isEventType(d.type) ? eventSection(d, hooks) : null,
    d.type === 'response' ? chainSection(hooks.chain(d.id), hooks) : null,
    relationsSection(d, hooks),
    h(
      'section',
      { class: 'panel-section', attrs: { 'aria-labelledby': 'panel-ev-title' } },
      h('h3', { id: 'panel-ev-title' }, `Evidence (${evidence.length})`),
      evidence.length
        ? h('ol', { class: 'evidence-list', id: 'evidence-list' }, ...evidence.map(evidenceItem))
        : h('p', { class: 'muted' }, 'No sentence states a relation of it; see the articles that name it.'),
    ),
    articlesSection(d),
    h('p', { class: 'panel-iri' }, h('span', { class: 'muted' }, 'IRI '), h('code', null, d.id)),
  );
}

/** What the panel says when nothing is selected: how to read the graph. */
export function renderIntro(root: HTMLElement): void {
  const dot = (type: string) => swatch(nodeColor(type));
  replace(
    root,
    h('h2', { class: 'intro-title', id: 'panel-title' }, 'How to read this graph'),
    h(
      'ul',
      { class: 'intro' },
      h('li', null, 'Each dot is a ', h('strong', null, 'person'), ' ', dot('person'), ', an ', h('strong', null, 'organization'), ' ', dot('government'), ' or a ', h('strong', null, 'country'), ' ', dot('country'), ' named in the news. Bigger dots have more connections.'),
      h('li', null, 'In the ', h('strong', null, 'Actors'), ' view, arrows say who ', h('strong', null, 'accused'), ' whom, who ', h('strong', null, 'responded to'), ' whom, who hacked what and whom a spokesperson speaks for; thicker arrows stand for more events. Click an arrow for the events and their sentences.'),
      h('li', null, 'The ', h('strong', null, 'Events'), ' view draws each accusation ', dot('accusation'), ' and response ', dot('response'), ' as a small dot between the actors; a response shows the chain it belongs to.'),
      h('li', null, 'The timeline below the graph filters by date; Play shows the dispute unfolding.'),
      h('li', null, 'Search a name or click a dot to see its connections and the sentences they were read from.'),
    ),
  );
}

/** Loads and shows a node; the returned function cancels a pending load. */
export class Panel {
  #root: HTMLElement;
  #hooks: PanelHooks;
  #ctrl: AbortController | null = null;
  #current: string | null | undefined = undefined;

  constructor(root: HTMLElement, hooks: PanelHooks) {
    this.#root = root;
    this.#hooks = hooks;
  }

  async show(id: string | null): Promise<void> {
    if (id === this.#current) return;
    this.#current = id;
    this.#ctrl?.abort();
    if (!id) {
      renderIntro(this.#root);
      return;
    }
    const known = this.#hooks.describe(id);
    replace(this.#root, h('p', { class: 'muted' }, `Loading ${known?.label ?? id}…`));
    const ctrl = (this.#ctrl = new AbortController());
    try {
      const d = await api.entity(id, ctrl.signal);
      if (ctrl.signal.aborted) return;
      renderDetails(this.#root, d, this.#hooks);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      replace(this.#root, h('p', { class: 'error' }, (e as Error).message));
    }
  }

  /** Show an edge of the actor view and the events behind it. */
  async showEdge(info: EdgeInfo): Promise<void> {
    this.#current = `edge:${info.key}`;
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    await renderEdge(this.#root, info, this.#hooks, ctrl.signal);
  }

  /** Re-render the current node's details (the exploration controls changed). */
  refreshTools(): void {
    const slot = this.#root.querySelector('#explore-tools');
    const id = this.#current;
    if (!slot || !id || id.startsWith('edge:')) return;
    const next = this.#hooks.tools(id);
    if (next) slot.replaceWith(next);
  }

  /** Force a reload of the current node (after the graph changed). */
  async reload(): Promise<void> {
    const id = this.#current ?? null;
    this.#current = undefined;
    await this.show(id);
  }
}
