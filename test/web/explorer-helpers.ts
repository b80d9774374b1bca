/**
 * Reading the explorer from a test: the graph the page draws (through the read-only
 * `window.__newskg` handle), sigma's display data, and the server's event graph read
 * independently over HTTP, to know what the page should show.
 */
import type { Page } from 'playwright-core';

export interface Payload {
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
  articles: { id: string; date: string; headline: string }[];
}

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The other ends of `node`'s edges with `relation` in an event payload (edges run actor → event → accused). */
export function ends(p: Payload, node: string, relation: string, dir: 'in' | 'out'): string[] {
  return p.edges.filter((e) => e.attributes.relation === relation && (dir === 'in' ? e.target : e.source) === node).map((e) => (dir === 'in' ? e.source : e.target));
}

export const labelOf = (p: Payload, key: string) => String(p.nodes.find((n) => n.key === key)?.attributes.label ?? key);

/** Evaluate in the page with the app handle as `app` (a string: tsx would wrap a function literal with helpers the page lacks). */
export function inPage<T>(page: Page, body: string, arg: unknown = null): Promise<T> {
  return page.evaluate(`((app, arg) => { ${body} })(window.__newskg, ${JSON.stringify(arg)})`) as Promise<T>;
}

/** Nodes sigma draws now (not hidden by a reducer), with their label as drawn. */
export function drawnNodes(page: Page): Promise<Array<{ key: string; label: string | null; x: number; y: number; color: string }>> {
  return inPage(page, `
    const out = [];
    app.graph.forEachNode((key) => {
      const d = app.sigma.getNodeDisplayData(key);
      if (d && !d.hidden) { const v = app.sigma.framedGraphToViewport(d); out.push({ key, label: d.label ?? null, x: v.x, y: v.y, color: d.color }); }
    });
    return out;`);
}

/** The viewport position of a node (CSS pixels inside #graph). */
export function nodeAt(page: Page, key: string): Promise<{ x: number; y: number }> {
  return inPage(page, `const d = app.sigma.getNodeDisplayData(arg); return app.sigma.framedGraphToViewport(d);`, key);
}

/** Set a range input and fire `input`, as dragging its thumb does. */
export async function slide(page: Page, selector: string, value: number): Promise<void> {
  await inPage(page, `const el = document.querySelector(arg.selector); el.value = String(arg.value); el.dispatchEvent(new Event('input', { bubbles: true }));`, { selector, value });
}
