/**
 * The sigma renderer and everything it draws: colours by type and relation, size by
 * degree, the selection highlight, filters. All of it goes through `nodeReducer` and
 * `edgeReducer`: the graph itself (the data) is never changed here.
 */
import Sigma from 'sigma';
import type { AbstractGraph as Graph } from 'graphology-types';
import type { Settings as SigmaSettings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings, edgeColor, isEventType, nodeColor, relationName } from './settings.js';
import { neighbourhood, shortLabel, sizeFromDegree } from './display.js';
import { ALL_VISIBLE, type Visibility } from './visibility.js';

export interface GraphViewEvents {
  /** A node was clicked (null: the background). */
  onSelect(node: string | null): void;
}

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;

/** Labels with a light halo, so they stay readable over edges. */
function drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: SigmaSettings): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const x = data.x + data.size + 3;
  const y = data.y + size / 3;
  context.lineJoin = 'round';
  context.lineWidth = 4;
  context.strokeStyle = 'rgba(251, 251, 250, 0.92)';
  context.strokeText(data.label, x, y);
  context.fillStyle = '#1d1d1f';
  context.fillText(data.label, x, y);
}

export class GraphView {
  readonly sigma: Sigma;
  #graph: Graph;
  #s: ExplorerSettings;
  #sizes = new Map<string, number>();
  #visibility: Visibility = ALL_VISIBLE;
  #selected: string | null = null;
  #hovered: string | null = null;
  #focus: Set<string> | null = null;
  #zoomedIn = false;
  #events: GraphViewEvents;
  #resize: ResizeObserver;

  constructor(container: HTMLElement, graph: Graph, events: GraphViewEvents, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS) {
    this.#graph = graph;
    this.#s = s;
    this.#events = events;
    this.recomputeSizes();
    this.sigma = new Sigma(graph, container, {
      allowInvalidContainer: true,
      renderEdgeLabels: true,
      enableEdgeEvents: false,
      defaultEdgeType: 'arrow',
      labelDensity: s.labelDensity,
      labelGridCellSize: s.labelGridCellSize,
      labelRenderedSizeThreshold: s.labelRenderedSizeThreshold,
      labelFont: s.labelFont,
      labelSize: s.labelSize,
      labelWeight: '500',
      labelColor: { color: '#1d1d1f' },
      edgeLabelFont: s.labelFont,
      edgeLabelSize: 11,
      edgeLabelColor: { color: '#4a4a4f' },
      defaultDrawNodeLabel: drawLabel,
      minEdgeThickness: 1,
      stagePadding: 40,
      zIndex: true,
      hideEdgesOnMove: graph.size > s.hideEdgesOnMoveFrom,
      nodeReducer: (node, data) => this.#nodeReducer(node, data),
      edgeReducer: (edge, data) => this.#edgeReducer(edge, data),
    });
    // The container changes size with the panel and the window: keep the canvases in step.
    this.#resize = new ResizeObserver(() => {
      this.sigma.resize();
      this.sigma.refresh({ skipIndexation: true });
    });
    this.#resize.observe(container);
    this.resetCamera(false);
    this.sigma.on('clickNode', ({ node }) => this.#events.onSelect(node));
    this.sigma.on('clickStage', () => this.#events.onSelect(null));
    // Hover highlights the neighbourhood on graphs small enough to re-run the reducers
    // at mouse speed; on large ones sigma's own hover label is enough.
    const hoverHighlight = () => graph.order <= s.hoverHighlightMaxNodes && !this.#selected;
    this.sigma.on('enterNode', ({ node }) => {
      this.#hovered = node;
      container.style.cursor = 'pointer';
      if (hoverHighlight()) this.#refreshHighlight();
    });
    this.sigma.on('leaveNode', () => {
      this.#hovered = null;
      container.style.cursor = '';
      if (hoverHighlight()) this.#refreshHighlight();
    });
    this.sigma.getCamera().on('updated', (state) => {
      const zoomedIn = state.ratio < this.#s.edgeLabelZoomRatio;
      if (zoomedIn !== this.#zoomedIn) {
        this.#zoomedIn = zoomedIn;
        this.sigma.refresh({ skipIndexation: true });
      }
    });
  }

  /** Degree-based sizes; call after the graph was (re)loaded. */
  recomputeSizes(): void {
    this.#sizes.clear();
    this.#graph.forEachNode((n, a) => this.#sizes.set(n, sizeFromDegree(String(a.type), this.#graph.degree(n), this.#s)));
    if (this.#selected && !this.#graph.hasNode(this.#selected)) this.#selected = null;
    this.#focus = null;
  }

  setVisibility(v: Visibility): void {
    this.#visibility = v;
    this.sigma.refresh();
  }

  get selected(): string | null {
    return this.#selected;
  }

  /** Highlight a node and its neighbourhood (null clears); `focus` moves the camera to it. */
  select(node: string | null, opts: { focus?: boolean } = {}): void {
    this.#selected = node && this.#graph.hasNode(node) ? node : null;
    this.#refreshHighlight();
    if (this.#selected && opts.focus !== false) this.focusOn(this.#selected);
  }

  /** Centre the camera on a node's neighbourhood, zoomed so it fits. */
  focusOn(node: string): void {
    const set = neighbourhood(this.#graph, node);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of set) {
      const d = this.sigma.getNodeDisplayData(n);
      if (!d) continue;
      minX = Math.min(minX, d.x); maxX = Math.max(maxX, d.x);
      minY = Math.min(minY, d.y); maxY = Math.max(maxY, d.y);
    }
    const own = this.sigma.getNodeDisplayData(node);
    if (!own || !Number.isFinite(minX)) return;
    const extent = Math.max(maxX - minX, maxY - minY);
    const ratio = Math.min(1.15, Math.max(0.12, extent * 2.4));
    // Centre on the neighbourhood (on the node alone when it has none), a little to the
    // right of the middle: labels are drawn to the right of their nodes.
    const x = set.size > 1 ? (minX + maxX) / 2 + extent * 0.22 : own.x + 0.05 * ratio;
    const y = set.size > 1 ? (minY + maxY) / 2 : own.y;
    void this.sigma.getCamera().animate({ x, y, ratio }, { duration: this.#s.animationMs });
  }

  zoom(factor: number): void {
    const cam = this.sigma.getCamera();
    void cam.animate({ ratio: cam.getState().ratio / factor }, { duration: 200 });
  }

  pan(dx: number, dy: number): void {
    const cam = this.sigma.getCamera();
    const st = cam.getState();
    void cam.animate({ x: st.x + dx * st.ratio, y: st.y + dy * st.ratio }, { duration: 150 });
  }

  /** The whole graph, shifted left a little so labels on the right edge fit. */
  static readonly HOME = { x: 0.58, y: 0.5, ratio: 1.18, angle: 0 };

  resetCamera(animate = true): void {
    const cam = this.sigma.getCamera();
    if (animate) void cam.animate(GraphView.HOME, { duration: this.#s.animationMs });
    else cam.setState(GraphView.HOME);
  }

  kill(): void {
    this.#resize.disconnect();
    this.sigma.kill();
  }

  #refreshHighlight(): void {
    const center = this.#selected ?? this.#hovered;
    this.#focus = center ? neighbourhood(this.#graph, center) : null;
    this.sigma.refresh({ skipIndexation: true });
  }

  #nodeReducer(node: string, data: Record<string, unknown>): Partial<NodeDisplayData> {
    const type = String(data.type ?? '');
    const event = isEventType(type);
    const res: Partial<NodeDisplayData> = {
      x: data.x as number,
      y: data.y as number,
      // Overview: short labels, none on events; the full label shows on hover, in focus and in the panel.
      label: event && !this.#zoomedIn ? null : shortLabel(data.label, this.#s.maxLabelChars),
      color: nodeColor(type, this.#s),
      size: this.#sizes.get(node) ?? 4,
      zIndex: event ? 0 : 1,
    };
    if (this.#visibility.nodes && !this.#visibility.nodes.has(node)) {
      res.hidden = true;
      return res;
    }
    if (this.#focus) {
      if (this.#focus.has(node)) {
        res.zIndex = 3;
        res.label = (data.label as string | undefined) ?? null;
        res.forceLabel = this.#focus.size <= 60;
        if (node === this.#selected || (!this.#selected && node === this.#hovered)) {
          res.highlighted = true;
          res.zIndex = 4;
        }
      } else {
        res.color = this.#s.fadedNodeColor;
        res.label = null;
        res.zIndex = 0;
      }
    }
    return res;
  }

  #edgeReducer(edge: string, data: Record<string, unknown>): Partial<NodeDisplayData> {
    const relation = String(data.relation ?? '');
    const res: Partial<NodeDisplayData> = {
      color: edgeColor(relation, this.#s),
      size: 1.4,
      label: null,
      zIndex: 1,
    };
    if (this.#visibility.edges && !this.#visibility.edges.has(edge)) {
      res.hidden = true;
      return res;
    }
    const text = typeof data.label === 'string' && data.label ? data.label : relationName(relation, this.#s);
    if (this.#focus) {
      const g = this.#graph;
      const s = g.source(edge);
      const t = g.target(edge);
      if (this.#focus.has(s) && this.#focus.has(t)) {
        res.size = 2.2;
        res.zIndex = 2;
        res.label = text;
        res.forceLabel = this.#focus.size <= 60;
      } else {
        res.color = this.#s.fadedEdgeColor;
        res.zIndex = 0;
      }
    } else if (this.#zoomedIn) {
      res.label = text;
    }
    return res;
  }
}
