/**
 * Edge labels that never cover a node label, a node or another edge label: sigma's
 * straight-edge label (text along the edge, shortened with "…" to fit it), drawn
 * only when its rotated box is clear of what the frame already holds, else skipped.
 * Sigma draws node labels before edge labels, so a node's name always wins.
 */
import type { Settings as SigmaSettings } from 'sigma/settings';
import type { EdgeDisplayData, NodeDisplayData, PartialButFor } from 'sigma/types';

interface Box { x: number; y: number; w: number; h: number }
type Point = [number, number];
type Quad = [Point, Point, Point, Point];

const corners = (b: Box): Quad => [[b.x, b.y], [b.x + b.w, b.y], [b.x + b.w, b.y + b.h], [b.x, b.y + b.h]];

/** Whether two convex quadrilaterals overlap (separating axis theorem over their edges). */
export function quadsOverlap(a: Quad, b: Quad): boolean {
  for (const q of [a, b]) {
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = q[i]!;
      const [x2, y2] = q[(i + 1) % 4]!;
      const [nx, ny] = [y1 - y2, x2 - x1];
      const span = (p: Quad) => p.map(([x, y]) => x * nx + y * ny);
      const [pa, pb] = [span(a), span(b)];
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  }
  return true;
}

/** The box of text `width` × `height` whose baseline-left corner sits at (u, v) in a frame at (cx, cy) turned by `angle`. */
function rotatedBox(cx: number, cy: number, angle: number, u: number, v: number, width: number, height: number): Quad {
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const at = (x: number, y: number): Point => [cx + x * c - y * s, cy + x * s + y * c];
  return [at(u, v - height), at(u + width, v - height), at(u + width, v + 3), at(u, v + 3)];
}

export class EdgeLabelPlacer {
  #taken: Quad[] = [];

  /** `obstacles` gives the node label boxes and node discs of this frame. */
  constructor(private readonly obstacles: () => { boxes: readonly Box[]; discs: ReadonlyArray<{ x: number; y: number; r: number }> }) {}

  reset(): void {
    this.#taken = [];
  }

  draw(ctx: CanvasRenderingContext2D, edge: PartialButFor<EdgeDisplayData, 'label' | 'color' | 'size'>, src: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size'>, tgt: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size'>, settings: SigmaSettings): void {
    let label = edge.label;
    if (!label) return;
    const size = settings.edgeLabelSize;
    ctx.font = `${settings.edgeLabelWeight} ${size}px ${settings.edgeLabelFont}`;
    // From disc edge to disc edge, as sigma does.
    let [dx, dy] = [tgt.x - src.x, tgt.y - src.y];
    let d = Math.hypot(dx, dy);
    if (d < src.size + tgt.size) return;
    const [sx, sy] = [src.x + (dx * src.size) / d, src.y + (dy * src.size) / d];
    const [tx, ty] = [tgt.x - (dx * tgt.size) / d, tgt.y - (dy * tgt.size) / d];
    [dx, dy] = [tx - sx, ty - sy];
    d = Math.hypot(dx, dy);
    let width = ctx.measureText(label).width;
    if (width > d) {
      while (width > d && label.length > 1) {
        label = `${label.slice(0, -2)}…`;
        width = ctx.measureText(label).width;
      }
      if (label.length < 4) return;
    }
    // Text reads left to right whichever way the edge points.
    const angle = Math.atan2(dy, dx) + (dx < 0 ? Math.PI : 0);
    const [cx, cy, u, v] = [(sx + tx) / 2, (sy + ty) / 2, -width / 2, edge.size / 2 + size];
    const quad = rotatedBox(cx, cy, angle, u, v, width, size);
    const { boxes, discs } = this.obstacles();
    // Only what is near can overlap; the edge's own ends are where it starts and stops.
    const reach = width / 2 + size * 2;
    const near = (x: number, y: number, r: number) => Math.hypot(x - cx, y - cy) < reach + r;
    const end = (c: { x: number; y: number }) => (Math.abs(c.x - src.x) < 0.5 && Math.abs(c.y - src.y) < 0.5) || (Math.abs(c.x - tgt.x) < 0.5 && Math.abs(c.y - tgt.y) < 0.5);
    const blocked = [
      ...this.#taken,
      ...boxes.filter((b) => near(b.x + b.w / 2, b.y + b.h / 2, (b.w + b.h) / 2)).map(corners),
      ...discs.filter((c) => near(c.x, c.y, c.r) && !end(c)).map((c) => corners({ x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r })),
    ];
    if (blocked.some((q) => quadsOverlap(q, quad))) return;
    this.#taken.push(quad);
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(angle);
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(251, 251, 250, 0.9)';
    ctx.strokeText(label, u, v);
    ctx.fillStyle = settings.edgeLabelColor.attribute ? String((edge as Record<string, unknown>)[settings.edgeLabelColor.attribute] ?? settings.edgeLabelColor.color ?? '#000') : (settings.edgeLabelColor.color ?? '#000');
    ctx.fillText(label, u, v);
    ctx.restore();
  }

  /** The edge label boxes of the last frame (corners in CSS pixels), for tests. */
  get quads(): readonly Quad[] {
    return this.#taken;
  }
}
