/**
 * graphology's Graph class, typed. Its package types resolve oddly under NodeNext
 * ("Cannot use namespace 'Graph' as a type"), so the class is taken from the module
 * namespace here, once, and typed with graphology-types.
 */
import * as graphology from 'graphology';
import type { AbstractGraph, Attributes, GraphOptions, SerializedGraph } from 'graphology-types';

export type KgGraph = AbstractGraph<Attributes, Attributes, Attributes>;

interface GraphClass {
  new (options?: Partial<GraphOptions>): KgGraph;
  from(data: SerializedGraph | KgGraph, options?: Partial<GraphOptions>): KgGraph;
}

export const Graph = (graphology as unknown as { Graph: GraphClass }).Graph;
