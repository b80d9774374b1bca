/**
 * The timeline: a histogram of events per month (per day when the articles span less
 * than three months) over the articles' dates, a range slider that sets the date
 * filter, and play, which widens the range one bin at a time so the dispute unfolds.
 * The store's `from`/`to` are the only truth; the slider follows them.
 */
import type { ArticleMeta } from './api.js';
import { h, replace } from './dom.js';
import type { AbstractGraph as Graph } from 'graphology-types';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings, isEventType } from './settings.js';
import type { Store } from './state.js';

export interface Bin {
  /** First and last day of the bin (yyyy-mm-dd). */
  from: string;
  to: string;
  label: string;
  count: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Bins from the first to the last dated article, each counting `weight(article)` (events, or 1). */
export function bins(articles: readonly ArticleMeta[], weight: (a: ArticleMeta) => number = () => 1): Bin[] {
  const dated = articles.filter((a) => /^\d{4}-\d{2}-\d{2}/.test(a.date ?? '')).map((a) => ({ a, d: a.date.slice(0, 10) }));
  if (!dated.length) return [];
  dated.sort((x, y) => x.d.localeCompare(y.d));
  const first = new Date(`${dated[0]!.d}T00:00:00Z`);
  const last = new Date(`${dated.at(-1)!.d}T00:00:00Z`);
  const byDay = last.getTime() - first.getTime() < 92 * 86_400_000;
  const out: Bin[] = [];
  const index = new Map<string, number>();
  if (byDay) {
    for (let t = first.getTime(); t <= last.getTime(); t += 86_400_000) {
      const d = iso(new Date(t));
      index.set(d, out.length);
      out.push({ from: d, to: d, label: `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`, count: 0 });
    }
    for (const { a, d } of dated) out[index.get(d)!]!.count += weight(a);
  } else {
    for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); y < last.getUTCFullYear() || (y === last.getUTCFullYear() && m <= last.getUTCMonth()); m === 11 ? (y++, (m = 0)) : m++) {
      const key = `${y}-${String(m + 1).padStart(2, '0')}`;
      index.set(key, out.length);
      out.push({ from: `${key}-01`, to: iso(new Date(Date.UTC(y, m + 1, 0))), label: `${MONTHS[m]} ${y}`, count: 0 });
    }
    for (const { a, d } of dated) out[index.get(d.slice(0, 7))!]!.count += weight(a);
  }
  return out;
}

/** The bin indexes a date range covers (whole range when open). */
export function rangeOf(b: readonly Bin[], from: string | null, to: string | null): [number, number] {
  let lo = 0;
  let hi = b.length - 1;
  if (from) lo = Math.max(0, b.findIndex((x) => x.to >= from));
  if (to) {
    const i = b.findLastIndex((x) => x.from <= to);
    hi = i < 0 ? 0 : i;
  }
  return [Math.min(lo, hi), hi];
}

export function renderTimeline(root: HTMLElement, articles: readonly ArticleMeta[], weight: (a: ArticleMeta) => number, store: Store, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): () => void {
  const b = bins(articles, weight);
  if (b.length < 2) {
    replace(root);
    root.hidden = true;
    return () => {};
  }
  root.hidden = false;
  const max = Math.max(1, ...b.map((x) => x.count));
  const bars = b.map((x, i) =>
    h('span', { class: 'tl-bar', dataset: { index: String(i) }, title: `${x.label}: ${x.count}`, style: { height: `${Math.max(x.count ? 8 : 0, (100 * x.count) / max)}%` } }),
  );
  const slider = (id: string, label: string) => h('input', { type: 'range', id, min: '0', max: String(b.length - 1), step: '1', attrs: { 'aria-label': label } });
  const lo = slider('tl-from', 'Timeline start');
  const hi = slider('tl-to', 'Timeline end');
  const text = h('span', { class: 'tl-range', id: 'tl-range', attrs: { 'aria-live': 'polite' } });
  const play = h('button', { type: 'button', class: 'btn btn-small', id: 'tl-play' }, 'Play');
  const reset = h('button', { type: 'button', class: 'btn btn-small', id: 'tl-all' }, 'All dates');
  let timer: ReturnType<typeof setInterval> | null = null;

  const write = (a: number, z: number) => {
    const [x, y] = [Math.min(a, z), Math.max(a, z)];
    store.set(x === 0 && y === b.length - 1 ? { from: null, to: null } : { from: b[x]!.from, to: b[y]!.to });
  };
  lo.addEventListener('input', () => write(Number(lo.value), Number(hi.value)));
  hi.addEventListener('input', () => write(Number(lo.value), Number(hi.value)));
  reset.addEventListener('click', () => { stop(); store.set({ from: null, to: null }); });
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    play.textContent = 'Play';
  };
  play.addEventListener('click', () => {
    if (timer) return stop();
    const [start] = rangeOf(b, store.get().from, store.get().to);
    let end = start;
    play.textContent = 'Pause';
    write(start, end);
    timer = setInterval(() => {
      if (++end >= b.length) return stop();
      write(start, end);
    }, s.playStepMs);
  });

  replace(
    root,
    h('div', { class: 'tl-head' }, h('span', { class: 'tl-title' }, `Events per ${b[0]!.from === b[0]!.to ? 'day' : 'month'}`), text, play, reset),
    h('div', { class: 'tl-bars', attrs: { 'aria-hidden': 'true' } }, ...bars),
    h('div', { class: 'tl-sliders' }, lo, hi),
  );

  const sync = () => {
    const st = store.get();
    const [x, y] = rangeOf(b, st.from, st.to);
    lo.value = String(x);
    hi.value = String(y);
    bars.forEach((bar, i) => bar.classList.toggle('out', i < x || i > y));
    text.textContent = x === 0 && y === b.length - 1 && !st.from && !st.to ? `${b[0]!.label} – ${b.at(-1)!.label}` : `${b[x]!.label} – ${b[y]!.label}`;
  };
  sync();
  const off = store.subscribe(sync);
  return () => {
    stop();
    off();
  };
}

/** How many events each article holds, from the event graph (empty when the events are not loaded). */
export function eventsPerArticle(events: Graph): Map<string, number> {
  const out = new Map<string, number>();
  events.forEachNode((_n, a) => {
    if (isEventType(String(a.type))) for (const id of (a.articles as string[] | undefined) ?? []) out.set(id, (out.get(id) ?? 0) + 1);
  });
  return out;
}
