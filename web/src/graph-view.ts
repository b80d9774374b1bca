/**
 * The sigma renderer and everything it draws: colours and sizes (the appearance
 * mapping), the highlight (ego network, chain, path), filters, labels that never
 * overlap and never leave the canvas, node dragging. All of it goes through
 * `nodeReducer` and `edgeReducer`; the only write to the graph is a dragged node's
 * position (and `fixed`, so the layout leaves a pinned node where it was put).
 */
import Sigma from 'sigma';
import type { AbstractGraph as Graph } from 'graphology-types';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings, edgeColor, isEventType, nodeColor, relationName } from './settings.js';
import { shortLabel } from './display.js';
import { ball } from './explore.js';
import { ALL_VISIBLE, type Visibility } from './visibility.js';
import { LabelPlacer, type Disc } from './labels.js';
import { EdgeLabelPlacer } from './edge-labels.js';
import type { Appearance } from './appearance.js';

export interface GraphViewEvents {
  /** A node was clicked (null: the background). */
  onSelect(node: string | null): void;
  /** An edge was clicked. */
  onSelectEdge(edge: string): void;
  /** A node was dropped after a drag (it is pinned there). */
  onPin(node: string): void;
}

/** What to bring forward: nodes (and edges) of an ego network, a chain or a path; `order` numbers them. */
export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string> | null;
  order: ReadonlyMap<string, number> | null;
}

export class GraphView {
  readonly sigma: Sigma;
  #graph: Graph;
  #s: ExplorerSettings;
  #appearance: Appearance | null = null;
  #visibility: Visibility = ALL_VISIBLE;
  #selected: string | null = null;
  #selectedEdge: string | null = null;
  #hovered: string | null = null;
  #highlight: Highlight | null = null;
  #hoverSet: Set<string> | null = null;
  #zoomedIn = false;
  #dragged: string | null = null;
  #events: GraphViewEvents;
  #resize: ResizeObserver;
  #labels: LabelPlacer;
  #edgeLabels: EdgeLabelPlacer;
  #pairLabels: Map<string, string | null> | null = null;
  #pairSize = -1;
  /** Node sizes are in screen pixels: on a small canvas the layout shrinks but the discs would not (see #fitSizes). */
  #sizeFactor = 1;

  constructor(container: HTMLElement, graph: Graph, events: GraphViewEvents, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS) {
    this.#graph = graph;
    this.#s = s;
    this.#events = events;
    this.#labels = new LabelPlacer();
    this.#edgeLabels = new EdgeLabelPlacer(() => ({ boxes: this.#labels.boxes, discs: this.#labels.obstacleDiscs() }));
    this.sigma = new Sigma(graph, container, {
      allowInvalidContainer: true,
      renderEdgeLabels: true,
      // Edge picking draws every edge a second time per frame: on large graphs the panel's
      // "Who and whom" opens the edges instead.
      enableEdgeEvents: graph.size <= s.edgeEventsMaxEdges,
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
      defaultDrawNodeLabel: (ctx, data, st) => this.#labels.draw(ctx, data, st),
      defaultDrawNodeHover: (ctx, data, st) => this.#labels.drawHover(ctx, data, st),
      defaultDrawEdgeLabel: (ctx, edge, src, tgt, st) => this.#edgeLabels.draw(ctx, edge, src, tgt, st),
      minEdgeThickness: 1,
      stagePadding: 48,
      zIndex: true,
      // Panning a large graph: a frame without edges and labels costs a fraction of a full one.
      hideEdgesOnMove: graph.size > s.hideEdgesOnMoveFrom,
      hideLabelsOnMove: graph.order > s.hideLabelsOnMoveFrom,
      nodeReducer: (node, data) => this.#nodeReducer(node, data),
      edgeReducer: (edge, data) => this.#edgeReducer(edge, data),
    });
    this.sigma.on('beforeRender', () => {
      this.#labels.reset(() => this.#discs());
      this.#edgeLabels.reset();
    });
    // The container changes size with the panel and the window: keep the canvases in step.
    this.#resize = new ResizeObserver(() => {
      this.sigma.resize();
      // A new disc size moves the label grid too: then a full refresh.
      if (!this.#fitSizes()) this.sigma.refresh({ skipIndexation: true });
    });
    this.#fitSizes();
    this.#resize.observe(container);
    this.resetCamera(false);
    this.sigma.on('clickNode', ({ node }) => this.#events.onSelect(node));
    this.sigma.on('clickStage', () => this.#events.onSelect(null));
    this.sigma.on('clickEdge', ({ edge }) => this.#events.onSelectEdge(edge));
    const hoverHighlight = () => this.#graph.order <= s.hoverHighlightMaxNodes && !this.#selected && !this.#highlight;
    this.sigma.on('enterNode', ({ node }) => {
      this.#hovered = node;
      container.style.cursor = 'pointer';
      if (hoverHighlight()) this.#refreshHover();
    });
    this.sigma.on('leaveNode', () => {
      this.#hovered = null;
      container.style.cursor = '';
      if (this.#hoverSet) this.#refreshHover();
    });
    this.sigma.on('enterEdge', () => (container.style.cursor = 'pointer'));
    this.sigma.on('leaveEdge', () => (container.style.cursor = ''));
    this.#wireDrag();
    this.sigma.getCamera().on('updated', (state) => {
      const zoomedIn = state.ratio < this.#s.edgeLabelZoomRatio;
      if (zoomedIn !== this.#zoomedIn) {
        this.#zoomedIn = zoomedIn;
        this.sigma.refresh({ skipIndexation: true });
      }
    });
  }

  get graph(): Graph {
    return this.#graph;
  }

  /**
   * Scale the discs with the canvas: positions fill whatever canvas there is, but sigma
   * draws sizes in pixels, so at 390 px the hubs' discs left no room for their names.
   * Full size from a canvas of s.fullSizeCanvas px on its shorter side. True when it changed (and refreshed).
   */
  #fitSizes(): boolean {
    const { width, height } = this.sigma.getDimensions();
    const side = Math.min(width, height);
    if (!side) return false;
    const f = Math.min(1, Math.max(this.#s.minSizeFactor, side / this.#s.fullSizeCanvas));
    if (Math.abs(f - this.#sizeFactor) < 0.01) return false;
    this.#sizeFactor = f;
    this.sigma.refresh();
    return true;
  }

  /** The node label boxes of the last frame, with the canvas width (nothing overlaps, nothing leaves it). */
  labelBoxes(): { boxes: ReadonlyArray<{ x: number; y: number; w: number; h: number; key?: string }>; discs: ReadonlyArray<{ x: number; y: number; r: number }>; edgeLabels: ReadonlyArray<ReadonlyArray<[number, number]>>; width: number } {
    return { boxes: [...this.#labels.boxes], discs: [...this.#labels.discs], edgeLabels: [...this.#edgeLabels.quads], width: this.sigma.getDimensions().width };
  }

  /** Draw another graph (the other view, or a reloaded one). */
  setGraph(graph: Graph): void {
    if (graph === this.#graph) return;
    this.#graph = graph;
    this.#hovered = null;
    this.#hoverSet = null;
    this.#pairLabels = null;
    // The graph first: changing a setting redraws at once, through reducers that read #graph.
    this.sigma.setGraph(graph);
    this.sigma.setSetting('hideEdgesOnMove', graph.size > this.#s.hideEdgesOnMoveFrom);
    this.sigma.setSetting('hideLabelsOnMove', graph.order > this.#s.hideLabelsOnMoveFrom);
    this.sigma.setSetting('enableEdgeEvents', graph.size <= this.#s.edgeEventsMaxEdges);
  }

  setAppearance(a: Appearance | null): void {
    this.#appearance = a;
    this.sigma.refresh({ skipIndexation: false });
  }

  setVisibility(v: Visibility): void {
    this.#visibility = v;
    this.sigma.refresh();
  }

  setLabelDensity(factor: number): void {
    this.sigma.setSetting('labelDensity', this.#s.labelDensity * factor);
    this.sigma.setSetting('renderLabels', factor > 0);
  }

  get selected(): string | null {
    return this.#selected;
  }

  /** Mark the selected node / edge and what to bring forward with it (null: nothing). */
  select(node: string | null, highlight: Highlight | null, edge: string | null = null): void {
    this.#selected = node && this.#graph.hasNode(node) ? node : null;
    this.#selectedEdge = edge && this.#graph.hasEdge(edge) ? edge : null;
    this.#highlight = highlight;
    this.#hoverSet = null;
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Centre the camera on a set of nodes, zoomed so they fit. */
  focusOn(nodes: Iterable<string>): void {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, count = 0;
    for (const n of nodes) {
      const d = this.sigma.getNodeDisplayData(n);
      if (!d) continue;
      count++;
      minX = Math.min(minX, d.x); maxX = Math.max(maxX, d.x);
      minY = Math.min(minY, d.y); maxY = Math.max(maxY, d.y);
    }
    if (!count) return;
    const extent = Math.max(maxX - minX, maxY - minY);
    const ratio = Math.min(1.15, Math.max(0.12, extent * 2.4));
    // A little right of the middle: labels are drawn to the right of their nodes.
    const x = (minX + maxX) / 2 + (count > 1 ? extent * 0.12 : 0.05 * ratio);
    void this.sigma.getCamera().animate({ x, y: (minY + maxY) / 2, ratio }, { duration: this.#s.animationMs });
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
  static readonly HOME = { x: 0.56, y: 0.5, ratio: 1.22, angle: 0 };

  resetCamera(animate = true): void {
    const cam = this.sigma.getCamera();
    if (animate) void cam.animate(GraphView.HOME, { duration: this.#s.animationMs });
    else cam.setState(GraphView.HOME);
  }

  kill(): void {
    this.#resize.disconnect();
    this.sigma.kill();
  }

  /** Drag a node with the mouse; dropping pins it (`fixed`, which ForceAtlas2 respects). */
  #wireDrag(): void {
    let moved = false;
    this.sigma.on('downNode', ({ node }) => {
      this.#dragged = node;
      moved = false;
    });
    this.sigma.on('moveBody', ({ event }) => {
      if (!this.#dragged) return;
      const p = this.sigma.viewportToGraph(event);
      this.#graph.mergeNodeAttributes(this.#dragged, { x: p.x, y: p.y, fixed: true });
      moved = true;
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    const drop = () => {
      const node = this.#dragged;
      this.#dragged = null;
      if (node && moved) this.#events.onPin(node);
    };
    this.sigma.on('upNode', drop);
    this.sigma.on('upStage', drop);
  }

  /**
   * Edges between the same two nodes would draw their labels on top of each other:
   * the first carries them all ("accused · responded to ×5"), the others none.
   */
  #pairLabel(edge: string, own: string): string | null {
    const g = this.#graph;
    if (!this.#pairLabels || this.#pairSize !== g.size) {
      const groups = new Map<string, string[]>();
      g.forEachEdge((e, _a, src, tgt) => {
        const k = src < tgt ? `${src}\u0000${tgt}` : `${tgt}\u0000${src}`;
        (groups.get(k) ?? groups.set(k, []).get(k)!).push(e);
      });
      this.#pairLabels = new Map();
      for (const es of groups.values()) {
        if (es.length < 2) continue;
        const texts = es.map((e) => String(g.getEdgeAttribute(e, 'label') ?? relationName(String(g.getEdgeAttribute(e, 'relation')), this.#s)));
        es.forEach((e, i) => this.#pairLabels!.set(e, i === 0 ? texts.join(' · ') : null));
      }
      this.#pairSize = g.size;
    }
    return this.#pairLabels.has(edge) ? this.#pairLabels.get(edge)! : own;
  }

  /** Where the drawn nodes are, for labels to keep off them (small graphs: it is a pass over every node). */
  #discs(): Disc[] {
    const g = this.#graph;
    if (g.order > this.#s.labelObstacleMaxNodes) return [];
    const out: Disc[] = [];
    const ratio = this.sigma.getCamera().getState().ratio;
    g.forEachNode((n) => {
      const d = this.sigma.getNodeDisplayData(n);
      if (!d || d.hidden) return;
      const p = this.sigma.framedGraphToViewport(d);
      out.push({ x: p.x, y: p.y, r: this.sigma.scaleSize(d.size, ratio), key: n, label: d.label, force: !!d.forceLabel });
    });
    return out;
  }

  #refreshHover(): void {
    this.#hoverSet = this.#hovered ? ball(this.#graph, this.#hovered, 1) : null;
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
      color: this.#appearance?.colors?.get(node) ?? nodeColor(type, this.#s),
      size: (this.#appearance?.sizes.get(node) ?? 5) * this.#sizeFactor,
      zIndex: event ? 0 : 1,
    };
    if (this.#visibility.nodes && !this.#visibility.nodes.has(node)) {
      res.hidden = true;
      return res;
    }
    const focus = this.#highlight?.nodes ?? this.#hoverSet;
    if (!focus) return res;
    if (focus.has(node)) {
      const n = this.#highlight?.order?.get(node);
      res.zIndex = 3;
      res.label = n !== undefined ? `${n + 1}. ${String(data.label ?? '')}` : shortLabel(data.label, this.#s.maxLabelChars * 2);
      // Numbered steps and small neighbourhoods always say who they are; larger ones share the space.
      res.forceLabel = n !== undefined || (focus.size <= 12 && !event) || node === this.#selected;
      // The selection is drawn larger and labelled like the rest: sigma's hover card
      // (`highlighted`) would cover its neighbours' labels.
      if (node === this.#selected) {
        res.size = (res.size ?? 5) + 3;
        res.zIndex = 4;
      } else if (!this.#selected && node === this.#hovered) res.highlighted = true;
    } else {
      res.color = this.#s.fadedNodeColor;
      res.label = null;
      res.zIndex = 0;
    }
    return res;
  }

  #edgeReducer(edge: string, data: Record<string, unknown>): Partial<EdgeDisplayData> {
    const relation = String(data.relation ?? '');
    const weight = typeof data.weight === 'number' ? data.weight : 1;
    const w = this.#s.actorEdgeSize;
    const res: Partial<EdgeDisplayData> = {
      color: edgeColor(relation, this.#s),
      size: Math.min(w.max, w.min + w.scale * Math.log2(weight)),
      label: null,
      zIndex: 1,
    };
    if (this.#visibility.edges && !this.#visibility.edges.has(edge)) {
      res.hidden = true;
      return res;
    }
    const own = typeof data.label === 'string' && data.label ? data.label : relationName(relation, this.#s);
    const text = this.#pairLabel(edge, own);
    if (edge === this.#selectedEdge) {
      res.label = own;
      res.size = (res.size ?? 1) + 2;
      res.forceLabel = true;
      res.zIndex = 3;
      return res;
    }
    const focus = this.#highlight?.nodes ?? this.#hoverSet;
    if (focus) {
      const g = this.#graph;
      const on = this.#highlight?.edges ? this.#highlight.edges.has(edge) : focus.has(g.source(edge)) && focus.has(g.target(edge));
      if (on) {
        res.size = (res.size ?? 1) + 0.8;
        res.zIndex = 2;
        res.label = text;
        res.forceLabel = !!this.#highlight?.edges || focus.size <= 12;
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
