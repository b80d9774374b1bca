/** The typed graphology Graph class lives with the graph core; the server uses the same one. */
export { Graph, type KgGraph } from '../src/graph/graphology.js';
