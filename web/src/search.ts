/**
 * Search with autocomplete over labels and aliases (`/api/search`), as an ARIA
 * combobox: type, move with ↑/↓, choose with Enter or a click, leave with Escape.
 * When the server cannot answer, labels of the loaded graph are searched instead.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { api, type SearchHit } from './api.js';
import { h, replace, swatch } from './dom.js';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings, nodeColor, typeName } from './settings.js';

/** Fallback: prefix, then substring matches over labels and altLabels of the graph. */
export function localSearch(graph: Graph, q: string, limit: number): SearchHit[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const hits: SearchHit[] = [];
  graph.forEachNode((id, a) => {
    const names = [String(a.label ?? ''), ...(Array.isArray(a.altLabels) ? a.altLabels.map(String) : [])];
    let best = 0;
    let matched = '';
    for (const n of names) {
      const l = n.toLowerCase();
      const score = l === needle ? 3 : l.startsWith(needle) ? 2 : l.includes(needle) ? 1 : 0;
      if (score > best) {
        best = score;
        matched = n;
      }
    }
    if (best) hits.push({ id, label: String(a.label ?? id), type: String(a.type ?? ''), matched, score: best });
  });
  return hits.sort((a, b) => b.score - a.score || a.label.length - b.label.length).slice(0, limit);
}

export function mountSearch(
  input: HTMLInputElement,
  listbox: HTMLUListElement,
  graph: () => Graph,
  onChoose: (hit: SearchHit) => void,
  s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS,
): () => void {
  let hits: SearchHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  let seq = 0;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  listbox.setAttribute('role', 'listbox');

  const close = () => {
    hits = [];
    active = -1;
    replace(listbox);
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const render = () => {
    const g = graph();
    replace(
      listbox,
      ...hits.map((hit, i) => {
        const inGraph = hit.inGraph !== false || g.hasNode(hit.id);
        const li = h(
          'li',
          {
            id: `search-opt-${i}`,
            class: 'search-option',
            attrs: { role: 'option', 'aria-selected': String(i === active) },
            on: {
              mousedown: (e) => e.preventDefault(), // keep focus in the input
              click: () => choose(i),
            },
          },
          swatch(nodeColor(hit.type)),
          h('span', { class: 'opt-label' }, hit.label),
          hit.matched && hit.matched.toLowerCase() !== hit.label.toLowerCase() ? h('span', { class: 'opt-alias' }, `“${hit.matched}”`) : null,
          h('span', { class: 'opt-type' }, inGraph ? typeName(hit.type) : `${typeName(hit.type)}, not drawn`),
        );
        if (!inGraph) li.classList.add('not-in-graph');
        return li;
      }),
    );
    if (hits.length === 0 && input.value.trim()) {
      listbox.append(h('li', { class: 'search-empty', attrs: { role: 'option', 'aria-disabled': 'true' } }, 'No match'));
    }
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
    listbox.querySelector(`#search-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  };

  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.label;
    close();
    // Entities not drawn (no relation, or not loaded yet) are chosen too: the app loads or describes them.
    onChoose(hit);
  };

  const query = async () => {
    const q = input.value.trim();
    if (q.length < s.searchMinChars) return close();
    const mine = ++seq;
    controller?.abort();
    controller = new AbortController();
    let result: SearchHit[];
    try {
      result = (await api.search(q, controller.signal)).slice(0, s.searchLimit);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      result = localSearch(graph(), q, s.searchLimit);
    }
    if (mine !== seq) return;
    hits = result;
    active = hits.length ? 0 : -1;
    render();
  };

  const onInput = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void query(), s.searchDebounceMs);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) {
        void query();
        return;
      }
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (hits.length) choose(Math.max(active, 0));
      else {
        // Enter before the suggestions arrived: search now, then take the first one.
        clearTimeout(timer);
        void query().then(() => hits.length && choose(0));
      }
    } else if (e.key === 'Escape') {
      if (!listbox.hidden) {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    }
  };
  const onBlur = () => setTimeout(close, 150);

  input.addEventListener('input', onInput);
  input.addEventListener('keydown', onKey);
  input.addEventListener('blur', onBlur);
  close();
  return () => {
    clearTimeout(timer);
    controller?.abort();
    input.removeEventListener('input', onInput);
    input.removeEventListener('keydown', onKey);
    input.removeEventListener('blur', onBlur);
  };
}
