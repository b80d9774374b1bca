/**
 * One settings object for the explorer, with defaults: colours, sizes, label and
 * layout tuning, timings. Modules read from here and never hard-code these values.
 */

export const NODE_TYPES = [
  'person', 'government', 'military', 'company', 'media', 'university',
  'organization', 'country', 'place', 'accusation', 'response',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const RELATIONS = ['spokespersonFor', 'accuser', 'accused', 'target', 'respondent', 'respondsTo'] as const;
export type Relation = (typeof RELATIONS)[number];

export const EVENT_TYPES: readonly NodeType[] = ['accusation', 'response'];

/** Relations of the actor view (src/graph/actor-view.ts). */
export const ACTOR_RELATIONS = ['accused', 'respondedTo', 'speaksFor', 'hacked'] as const;
export type ActorRelation = (typeof ACTOR_RELATIONS)[number];

export interface ExplorerSettings {
  /** Page background (the graph is drawn on it): light, so text is dark on light. */
  background: string;
  /** Node colour per type; every colour has ≥ 3:1 contrast on `background` (WCAG graphics). */
  nodeColors: Record<NodeType, string>;
  /** Colour of a type not listed above. */
  unknownNodeColor: string;
  /** Human names of the types (legend, panel). */
  typeNames: Record<NodeType, string>;
  /** Edge colour per relation (event view and actor view). */
  edgeColors: Record<Relation | ActorRelation, string>;
  /** How an edge reads, source → target. */
  relationNames: Record<Relation | ActorRelation, string>;
  /** Actor edges grow with the events behind them: min + scale·log2(weight), capped. */
  actorEdgeSize: { min: number; scale: number; max: number };
  /** Edges can be clicked up to this many edges (picking redraws them all each frame). */
  edgeEventsMaxEdges: number;
  /** Labels keep off other nodes' discs up to this many nodes (a pass over all nodes per frame). */
  labelObstacleMaxNodes: number;
  /** Nodes above this many are laid out in a worker, not at once on the main thread. */
  syncLayoutMaxNodes: number;
  /** Timeline: play advances one bin per this many ms. */
  playStepMs: number;
  /** Colour of nodes and edges faded by a highlight. */
  fadedNodeColor: string;
  fadedEdgeColor: string;
  /** Node size from degree: min + scale·√degree, capped; events are drawn smaller. */
  entitySize: { min: number; scale: number; max: number };
  eventSize: { min: number; scale: number; max: number };
  /** Nodes are drawn at full size on a canvas this many px on its shorter side, smaller below (not under minSizeFactor). */
  fullSizeCanvas: number;
  minSizeFactor: number;
  /** Sigma label tuning. */
  labelDensity: number;
  labelGridCellSize: number;
  labelRenderedSizeThreshold: number;
  labelFont: string;
  labelSize: number;
  /** Labels longer than this are cut at overview (full in focus, hover and the panel). */
  maxLabelChars: number;
  /** Edge labels are drawn when the camera ratio is below this (zoomed in), or on hover/selection. */
  edgeLabelZoomRatio: number;
    animationMs: number;
  /** Search: debounce (ms), minimum characters and number of suggestions. */
  searchDebounceMs: number;
  searchMinChars: number;
  searchLimit: number;
  /** Hovering a node highlights its neighbourhood up to this many nodes in the graph. */
  hoverHighlightMaxNodes: number;
  /** Edges are hidden while the camera moves when the graph has more edges than this. */
  hideEdgesOnMoveFrom: number;
  /** Labels (node and edge) are hidden while the camera moves when the graph has more nodes than this. */
  hideLabelsOnMoveFrom: number;
  /** A running ForceAtlas2 layout stops by itself after this long (ms). */
  layoutMaxMs: number;
  /** Barnes-Hut from this many nodes (also what forceAtlas2.inferSettings does above 2,000). */
  barnesHutFrom: number;
  /** File name (without extension) of the PNG export. */
  pngFileName: string;
}

export const DEFAULT_EXPLORER_SETTINGS: Readonly<ExplorerSettings> = Object.freeze({
  background: '#fbfbfa',
  nodeColors: {
    person: '#2f5bd0',
    government: '#7b3fa0',
    military: '#52661f',
    company: '#1f7a3a',
    media: '#b0287e',
    university: '#8d5524',
    organization: '#56697a',
    country: '#c25500',
    place: '#8a7300',
    accusation: '#d0262d',
    response: '#00808a',
  },
  unknownNodeColor: '#6b6b6b',
  typeNames: {
    person: 'Person',
    government: 'Government body',
    military: 'Military',
    company: 'Company',
    media: 'Media',
    university: 'University',
    organization: 'Other organization',
    country: 'Country',
    place: 'Place',
    accusation: 'Accusation',
    response: 'Response',
  },
  edgeColors: {
    spokespersonFor: '#7f92d8',
    accuser: '#df8f8f',
    accused: '#c0394a',
    target: '#e39a52',
    respondent: '#62b5bb',
    respondsTo: '#1f8790',
    respondedTo: '#1f8790',
    hacked: '#e39a52',
    speaksFor: '#7f92d8',
  },
  relationNames: {
    spokespersonFor: 'spokesperson for',
    accuser: 'accuser',
    accused: 'accused',
    target: 'target',
    respondent: 'respondent',
    respondsTo: 'responds to',
    respondedTo: 'responded to',
    hacked: 'hacked',
    speaksFor: 'speaks for',
  },
  actorEdgeSize: { min: 1.4, scale: 1.1, max: 6 },
  syncLayoutMaxNodes: 600,
  labelObstacleMaxNodes: 1_500,
  edgeEventsMaxEdges: 4_000,
  playStepMs: 700,
  fadedNodeColor: '#e4e4e2',
  fadedEdgeColor: '#efefed',
  entitySize: { min: 5, scale: 2.4, max: 22 },
  eventSize: { min: 3, scale: 0.6, max: 6 },
  fullSizeCanvas: 640,
  minSizeFactor: 0.6,
  labelDensity: 0.7,
  labelGridCellSize: 90,
  labelRenderedSizeThreshold: 4,
  labelFont: 'system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  labelSize: 13,
  maxLabelChars: 28,
  edgeLabelZoomRatio: 0.35,
  animationMs: 450,
  searchDebounceMs: 120,
  searchMinChars: 1,
  searchLimit: 10,
  hoverHighlightMaxNodes: 1_500,
  hideEdgesOnMoveFrom: 3_000,
  hideLabelsOnMoveFrom: 1_000,
  layoutMaxMs: 20_000,
  barnesHutFrom: 2000,
  pngFileName: 'newskg-graph',
});

export function nodeColor(type: string, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): string {
  return (s.nodeColors as Record<string, string>)[type] ?? s.unknownNodeColor;
}

export function typeName(type: string, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): string {
  return (s.typeNames as Record<string, string>)[type] ?? type;
}

export function edgeColor(relation: string, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): string {
  return (s.edgeColors as Record<string, string>)[relation] ?? '#c8c8c8';
}

export function relationName(relation: string, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS): string {
  return (s.relationNames as Record<string, string>)[relation] ?? relation;
}

export function isEventType(type: string): boolean {
  return type === 'accusation' || type === 'response';
}
