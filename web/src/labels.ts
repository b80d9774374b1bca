/**
 * Node labels that never overlap and never leave the canvas. Sigma picks which labels
 * to draw (one per grid cell, forced ones first); this draws each only where it fits:
 * to the right of its node, else to the left, else not at all, so a hub with many
 * neighbours shows the labels that fit instead of a jumble. Reset before each frame.
 *
 * Sigma asks for labels cell by cell, so a small node in an earlier cell could take the
 * last free spot beside the biggest hub (at 390 px the United States went unnamed).
 * The forced labels and the few largest nodes are therefore placed first, at the
 * frame's first label, and the rest fit around them.
 */
import type { Settings as SigmaSettings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;
interface Box { x: number; y: number; w: number; h: number }
/** A drawn node in viewport pixels; `key`, `label` and `force` let hubs be labelled first. */
export interface Disc { x: number; y: number; r: number; key?: string; label?: string | null; force?: boolean }

/** How many of the largest labelled nodes are placed before the others. */
export const HUBS_FIRST = 6;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where a label of `width` goes beside a node at (x, y): right, left, above, below, the diagonals, then those slid a little along the node; null when none fits. */
export function placeLabel(x: number, y: number, radius: number, width: number, height: number, canvasWidth: number, taken: readonly Box[]): Box | null {
  const pad = 3;
  const right: Box = { x: x + radius + pad, y: y - height / 2, w: width, h: height };
  const left: Box = { x: x - radius - pad - width, y: y - height / 2, w: width, h: height };
  const above: Box = { x: x - width / 2, y: y - radius - pad - height, w: width, h: height };
  const below: Box = { x: x - width / 2, y: y + radius + pad, w: width, h: height };
  // A crowded node (a hub) may still have room at a corner, clear of its own disc.
  const d = radius + pad;
  const diagonals: Box[] = [
    { x: x + d, y: y - d - height, w: width, h: height }, { x: x + d, y: y + d, w: width, h: height },
    { x: x - d - width, y: y - d - height, w: width, h: height }, { x: x - d - width, y: y + d, w: width, h: height },
  ];
  // Then slid along the node, still touching its column or row: between close neighbours
  // the exact spots above or beside a hub are often just taken.
  const slid: Box[] = [];
  for (const k of [1, -1, 2, -2, 3, -3]) {
    slid.push({ ...above, x: above.x + (k * width) / 6 }, { ...below, x: below.x + (k * width) / 6 });
    slid.push({ ...right, y: right.y + (k * height) / 2 }, { ...left, y: left.y + (k * height) / 2 });
  }
  for (const b of [right, left, above, below, ...diagonals, ...slid]) {
    if (b.x < 2 || b.x + b.w > canvasWidth - 2) continue;
    if (!taken.some((t) => overlaps(t, b))) return b;
  }
  return null;
}

/** `text` cut at a word or character (with an ellipsis) so that it is at most `max` px wide in the context's font. */
export function fitText(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0, hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

export class LabelPlacer {
  #taken: Array<Box & { key?: string }> = [];
  #discs: Disc[] | null = null;
  #discsOf: () => Disc[] = () => [];
  /** Nodes whose label this frame already drew (or found no room for) ahead of sigma's order. */
  #early = new Set<string>();
  #firstDone = false;

  /**
   * A new frame; `discs` gives the drawn nodes (viewport pixels), which labels avoid
   * too. Asked at the first label: sigma processes the graph after `beforeRender`.
   */
  reset(discs: () => Disc[] = () => []): void {
    this.#taken = [];
    this.#discs = null;
    this.#discsOf = discs;
    this.#early = new Set();
    this.#firstDone = false;
  }

  /** The label boxes drawn in the last frame (CSS pixels), for tests and the benchmark. */
  get boxes(): ReadonlyArray<Box & { key?: string }> {
    return this.#taken;
  }

  /** The node discs of the last frame that labels kept off. */
  get discs(): readonly Disc[] {
    return this.#discs ?? [];
  }

  /** The drawn nodes of this frame, asked now if no node label asked yet (edge labels keep off them too). */
  obstacleDiscs(): readonly Disc[] {
    this.#discs ??= this.#discsOf();
    return this.#discs;
  }

  draw(ctx: CanvasRenderingContext2D, data: LabelData, settings: SigmaSettings): void {
    if (!data.label) return;
    if (!this.#firstDone) {
      this.#firstDone = true;
      this.#discs ??= this.#discsOf();
      this.#drawFirst(ctx, settings);
    }
    const key = (data as { key?: string }).key;
    if (key !== undefined && this.#early.has(key)) return;
    this.#place(ctx, data.label, data.x, data.y, data.size, settings, key);
  }

  /** The forced labels, then the HUBS_FIRST largest labelled nodes, biggest first. */
  #drawFirst(ctx: CanvasRenderingContext2D, settings: SigmaSettings): void {
    const w = ctx.canvas.clientWidth || ctx.canvas.width;
    const h = ctx.canvas.clientHeight || ctx.canvas.height;
    const onScreen = (d: Disc) => d.x >= 0 && d.x <= w && d.y >= 0 && d.y <= h;
    const first = this.#discs!.filter((d) => d.key !== undefined && d.label && onScreen(d) && (d.force || d.r >= settings.labelRenderedSizeThreshold))
      .sort((a, b) => Number(!!b.force) - Number(!!a.force) || b.r - a.r);
    const forced = first.filter((d) => d.force).length;
    for (const d of first.slice(0, forced + HUBS_FIRST)) {
      this.#early.add(d.key!);
      this.#place(ctx, d.label!, d.x, d.y, d.r, settings, d.key);
    }
  }

  #place(ctx: CanvasRenderingContext2D, label: string, x: number, y: number, radius: number, settings: SigmaSettings, key?: string): void {
    const size = settings.labelSize;
    ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const canvasWidth = ctx.canvas.clientWidth || ctx.canvas.width;
    // A label too long for a narrow canvas ("spokesperson for … (2014-05-20)" at 390 px) is cut to fit beside its node.
    for (const text of [label, fitText(ctx, label, canvasWidth * 0.45)]) {
      const width = ctx.measureText(text).width;
      // Other nodes' discs are obstacles as well as the labels already drawn.
      const near = this.#discs!.filter((d) => Math.abs(d.x - x) < width + 40 && Math.abs(d.y - y) < 40 && (Math.abs(d.x - x) > 0.5 || Math.abs(d.y - y) > 0.5));
      const obstacles = [...this.#taken, ...near.map((d) => ({ x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r }))];
      const box = placeLabel(x, y, radius, width, size + 2, canvasWidth, obstacles);
      if (!box) {
        if (text.length === label.length && width > canvasWidth * 0.45) continue;
        return;
      }
      this.#taken.push(key === undefined ? box : { ...box, key });
      this.#text(ctx, text, box.x, box.y + box.h / 2 + size / 3);
      return;
    }
  }


  /** The hovered node: a card with its full label, always drawn (on its own layer), kept on the canvas. */
  drawHover(ctx: CanvasRenderingContext2D, data: LabelData, settings: SigmaSettings): void {
    if (!data.label) return;
    const size = settings.labelSize;
    ctx.font = `600 ${size}px ${settings.labelFont}`;
    const width = ctx.measureText(data.label).width;
    const canvasWidth = ctx.canvas.clientWidth || ctx.canvas.width;
    const fitsRight = data.x + data.size + 6 + width < canvasWidth - 4;
    const x = fitsRight ? data.x + data.size + 5 : Math.max(4, data.x - data.size - 5 - width);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.96)';
    ctx.shadowColor = 'rgba(0, 0, 0, 0.18)';
    ctx.shadowBlur = 6;
    ctx.beginPath();
    ctx.roundRect(x - 4, data.y - size / 2 - 4, width + 8, size + 8, 4);
    ctx.fill();
    ctx.shadowBlur = 0;
    ctx.beginPath();
    ctx.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1d1d1f';
    ctx.fillText(data.label, x, data.y + size / 3);
  }

  #text(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4;
    ctx.strokeStyle = 'rgba(251, 251, 250, 0.92)';
    ctx.strokeText(text, x, y);
    ctx.fillStyle = '#1d1d1f';
    ctx.fillText(text, x, y);
  }
}
