/**
 * Node labels that never overlap and never leave the canvas. Sigma picks which labels
 * to draw (one per grid cell, forced ones first); this draws each only where it fits:
 * to the right of its node, else to the left, else not at all, so a hub with many
 * neighbours shows the labels that fit instead of a jumble. Reset before each frame.
 */
import type { Settings as SigmaSettings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;
interface Box { x: number; y: number; w: number; h: number }

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where a label of `width` goes beside a node at (x, y): right, left, above, below, then the diagonals; null when none fits. */
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
  for (const b of [right, left, above, below, ...diagonals]) {
    if (b.x < 2 || b.x + b.w > canvasWidth - 2) continue;
    if (!taken.some((t) => overlaps(t, b))) return b;
  }
  return null;
}

export class LabelPlacer {
  #taken: Box[] = [];
  #discs: Array<{ x: number; y: number; r: number }> | null = null;
  #discsOf: () => Array<{ x: number; y: number; r: number }> = () => [];

  /**
   * A new frame; `discs` gives the drawn nodes (viewport pixels), which labels avoid
   * too. Asked at the first label: sigma processes the graph after `beforeRender`.
   */
  reset(discs: () => Array<{ x: number; y: number; r: number }> = () => []): void {
    this.#taken = [];
    this.#discs = null;
    this.#discsOf = discs;
  }

  /** The label boxes drawn in the last frame (CSS pixels), for tests and the benchmark. */
  get boxes(): readonly Box[] {
    return this.#taken;
  }

  /** The node discs of the last frame that labels kept off. */
  get discs(): ReadonlyArray<{ x: number; y: number; r: number }> {
    return this.#discs ?? [];
  }

  /** The drawn nodes of this frame, asked now if no node label asked yet (edge labels keep off them too). */
  obstacleDiscs(): ReadonlyArray<{ x: number; y: number; r: number }> {
    this.#discs ??= this.#discsOf();
    return this.#discs;
  }

  draw(ctx: CanvasRenderingContext2D, data: LabelData, settings: SigmaSettings): void {
    if (!data.label) return;
    const size = settings.labelSize;
    ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const width = ctx.measureText(data.label).width;
    // Other nodes' discs are obstacles as well as the labels already drawn.
    this.#discs ??= this.#discsOf();
    const near = this.#discs.filter((d) => Math.abs(d.x - data.x) < width + 40 && Math.abs(d.y - data.y) < 40 && (Math.abs(d.x - data.x) > 0.5 || Math.abs(d.y - data.y) > 0.5));
    const obstacles = [...this.#taken, ...near.map((d) => ({ x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r }))];
    const box = placeLabel(data.x, data.y, data.size, width, size + 2, ctx.canvas.clientWidth || ctx.canvas.width, obstacles);
    if (!box) return;
    this.#taken.push(box);
    this.#text(ctx, data.label, box.x, box.y + box.h / 2 + size / 3);
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
