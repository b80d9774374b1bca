/**
 * The spokespeople view: each spokesperson → whom they speak for → the organizations
 * they responded to (how many responses, the evidence). A row selects the person in
 * the graph.
 */
import { api, type SpokespersonRow } from './api.js';
import { h, replace } from './dom.js';

/** Evidence of a "responded to" cell: strings, or objects with `text` (and maybe `article`). */
export function evidenceTexts(ev: unknown): string[] {
  const list = Array.isArray(ev) ? ev : ev == null ? [] : [ev];
  const out: string[] = [];
  for (const e of list) {
    if (typeof e === 'string') out.push(e);
    else if (e && typeof e === 'object' && typeof (e as { text?: unknown }).text === 'string') out.push((e as { text: string }).text);
  }
  return out;
}

/** Rows fetched at a time. */
const PAGE = 100;

/** Evidence sentences as list items, quoted. */
const sentenceItems = (texts: string[]) => texts.map((x) => h('li', null, h('q', null, x)));

/** The sentences behind a "responded to" cell: the row's first ones, and the rest fetched when the list is first opened. */
function evidenceDetails(person: string, target: string, texts: string[], count: number): HTMLDetailsElement {
  const list = h('ol', null, ...sentenceItems(texts));
  const details = h('details', { class: 'sp-evidence' }, h('summary', null, count === 1 ? '1 sentence' : `${count} sentences`), list);
  if (count > texts.length) {
    const more = h('li', { class: 'muted' }, `${count - texts.length} more…`);
    list.append(more);
    const load = async () => {
      details.removeEventListener('toggle', load);
      try {
        const full = await api.spokesperson(person);
        const all = evidenceTexts(full.respondedTo.find((x) => x.id === target)?.evidence);
        list.replaceChildren(...sentenceItems(all));
      } catch (e) {
        more.textContent = (e as Error).message;
      }
    };
    details.addEventListener('toggle', load);
  }
  return details;
}

function row(r: SpokespersonRow, onSelect: (id: string) => void, isKnown: (id: string) => boolean): HTMLTableRowElement {
  const person = isKnown(r.person.id)
    ? h('button', { type: 'button', class: 'node-ref row-select', title: `Select ${r.person.label} in the graph`, on: { click: () => onSelect(r.person.id) } }, r.person.label || 'unnamed spokesperson')
    : h('span', null, r.person.label || 'unnamed spokesperson');
  const responded = r.respondedTo.length
    ? h(
        'ul',
        { class: 'responded' },
        ...r.respondedTo.map((t) => {
          const texts = evidenceTexts(t.evidence);
          const count = Math.max(t.evidenceCount ?? 0, texts.length);
          return h(
            'li',
            null,
            h('span', { class: 'target' }, t.label),
            h('span', { class: 'count', title: 'responses' }, ` ×${t.count}`),
            count ? evidenceDetails(r.person.id, t.id, texts, count) : null,
          );
        }),
      )
    : h('span', { class: 'muted' }, 'no response recorded');
  const tr = h(
    'tr',
    { dataset: { person: r.person.id } },
    h('th', { scope: 'row' }, person),
    h('td', null, r.for.map((f) => f.label).join('; ') || '—'),
    h('td', null, responded),
  );
  tr.addEventListener('click', (e) => {
    // A click anywhere on the row selects, except on the evidence toggles.
    if ((e.target as HTMLElement).closest('details, button')) return;
    if (isKnown(r.person.id)) onSelect(r.person.id);
  });
  return tr;
}

export class SpokespeopleView {
  #root: HTMLElement;
  #loaded = false;
  #onSelect: (id: string) => void;
  #isKnown: (id: string) => boolean;

  constructor(root: HTMLElement, onSelect: (id: string) => void, isKnown: (id: string) => boolean) {
    this.#root = root;
    this.#onSelect = onSelect;
    this.#isKnown = isKnown;
  }

  invalidate(): void {
    this.#loaded = false;
  }

  async show(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    replace(this.#root, h('p', { class: 'muted' }, 'Loading spokespeople…'));
    try {
      const { rows, total } = await api.spokespeople(0, PAGE);
      const body = h('tbody', null, ...rows.map((r) => row(r, this.#onSelect, this.#isKnown)));
      replace(
        this.#root,
        h('h2', { class: 'view-title' }, 'Spokespeople'),
        h('p', { class: 'hint' }, 'Who speaks for whom, and which organizations or countries they responded to. Choose a person to see them in the graph.'),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data-table', id: 'spokespeople-table' },
            h('caption', { class: 'sr-only' }, 'Spokespeople, whom they speak for and whom they responded to'),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Spokesperson'), h('th', { scope: 'col' }, 'Speaks for'), h('th', { scope: 'col' }, 'Responded to'))),
            body,
          ),
        ),
        rows.length ? this.#more(body, rows.length, total) : h('p', { class: 'muted' }, 'No spokesperson in the graph yet.'),
      );
    } catch (e) {
      this.#loaded = false;
      replace(this.#root, h('p', { class: 'error' }, (e as Error).message));
    }
  }

  /** "Showing n of total" and, while rows are left, a button that adds the next page (the server pages the table: at 10,000 articles it is 27 MB). */
  #more(body: HTMLElement, shown: number, total: number): HTMLElement {
    const status = h('span', { class: 'muted', id: 'spokespeople-count' }, `Showing ${shown} of ${total}`);
    const bar = h('p', { class: 'table-more' }, status);
    if (shown >= total) return bar;
    const button = h('button', { type: 'button', id: 'spokespeople-more' }, `Show ${Math.min(PAGE, total - shown)} more`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const page = await api.spokespeople(shown, PAGE);
        body.append(...page.rows.map((r) => row(r, this.#onSelect, this.#isKnown)));
        bar.replaceWith(this.#more(body, shown + page.rows.length, page.rows.length ? page.total : shown));
      } catch (e) {
        button.disabled = false;
        status.textContent = (e as Error).message;
      }
    });
    bar.append(' ', button);
    return bar;
  }
}
