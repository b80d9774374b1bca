/**
 * Building DOM without HTML strings: every text goes through text nodes, so data
 * (article text, labels, quotes) is never parsed as markup.
 */

export type Child = Node | string | number | null | undefined | false;

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'style' | 'dataset' | 'innerHTML' | 'outerHTML'>> & {
  class?: string;
  dataset?: Record<string, string>;
  attrs?: Record<string, string | boolean | number | null | undefined>;
  style?: Partial<CSSStyleDeclaration>;
  on?: Partial<{ [E in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[E]) => void }>;
};

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props<K> | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    const { class: cls, dataset, attrs, style, on, ...rest } = props;
    if (cls) el.className = cls;
    if (dataset) for (const [k, v] of Object.entries(dataset)) el.dataset[k] = v;
    if (attrs)
      for (const [k, v] of Object.entries(attrs)) {
        if (v === false || v == null) continue;
        el.setAttribute(k, v === true ? '' : String(v));
      }
    if (style) Object.assign(el.style, style);
    if (on)
      for (const [type, fn] of Object.entries(on)) if (fn) el.addEventListener(type, fn as EventListener);
    for (const [k, v] of Object.entries(rest)) {
      if (v !== undefined) (el as unknown as Record<string, unknown>)[k] = v;
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replace all children. */
export function replace(el: Node, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

export function $<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`newskg web: missing element ${selector} in index.html`);
  return el;
}

/** A small coloured dot for a node type. */
export function swatch(color: string): HTMLSpanElement {
  return h('span', { class: 'swatch', style: { background: color }, attrs: { 'aria-hidden': 'true' } });
}

/** Announce a message to screen readers and show it in the status line. */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  const el = document.getElementById('status');
  if (!el) return;
  el.textContent = message;
  el.dataset.kind = kind;
}

/** "2014-05-20" → "20 May 2014" (as written, when not a date). */
export function formatDate(d: string | undefined | null): string {
  if (!d) return 'undated';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  const dt = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return dt.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
