import { spawn } from 'node:child_process';
/** Shared helpers for the server tests: fixtures, listening on an ephemeral port. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { Parser, Writer, type Quad } from 'n3';
import { SPOKESPERSON_QUERY } from '../../src/ontology/queries.js';
import { Graph } from '../../src/graph/graphology.js';
import { singleSourceLength } from 'graphology-shortest-path/unweighted.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function fixtureQuads(name = 'small.trig'): Quad[] {
  return new Parser({ format: 'application/trig' }).parse(readFileSync(FIXTURES + name, 'utf8'));
}

export function toNQuads(quads: Quad[]): string {
  return new Writer({ format: 'N-Quads' }).quadsToString(quads);
}

/** N-Quads of each named graph of a quad list. */
export function graphsOf(quads: Quad[]): Map<string, string> {
  const by = new Map<string, Quad[]>();
  for (const q of quads) {
    const g = q.graph.value;
    if (!by.has(g)) by.set(g, []);
    by.get(g)!.push(q);
  }
  return new Map([...by].map(([g, qs]) => [g, toNQuads(qs)]));
}

export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<Listening> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export { SPOKESPERSON_QUERY };

/** A query that never ends on any non-trivial graph: a four-way cross product. */
export const ENDLESS_QUERY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }';

/** Run a client program; asynchronously, since the server under test shares this process. */
export function run(cmd: string, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

/** Hops from a node to every node it reaches in a graph payload, edges read both ways (the oracle of the path tests). */
export function hopsFrom(edges: readonly { source: string; target: string }[], source: string): Map<string, number> {
  const g = new Graph({ type: 'undirected', multi: true });
  for (const e of edges) { g.mergeNode(e.source); g.mergeNode(e.target); g.addEdge(e.source, e.target); }
  return g.hasNode(source) ? new Map(Object.entries(singleSourceLength(g, source))) : new Map([[source, 0]]);
}
