/**
 * The build's graph in a thread of its own (graph-thread.ts is the other side): the articles'
 * facts, in corpus order, go into a GraphFacts here; after the entities, the graph is made,
 * laid out (the previous positions kept, or ForceAtlas2 in its own worker) and written as
 * graph.json, while the main thread finishes the Turtle and N-Triples. Its heap is its own,
 * so its garbage is collected beside the main thread's, not in its way.
 *
 * workerData: {base, stateDir?}: the previous build's state (build-state.ts) is read here too,
 * so an unchanged article's facts are parsed here and never cross between threads.
 * Messages in: {items} (each ['take', id, source, key] or ['facts', ArticleFacts]), {finish,
 * entities, outDir, relayout, iterations}, {layout}, {json: path}, {positions: bytes}; out: one
 * answer per request other than {items}, in order, or {error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataFactory, type Quad } from 'n3';
import { BuildState } from './build-state.js';
import { GraphFacts, type ArticleFacts } from '../graph/facts.js';
import { positionsText } from '../graph/layout.js';
import { writeGraphJson } from './stream.js';
import type { KgGraph } from '../graph/graphology.js';
import { layOut, type EntityTerms, type GraphItem, type GraphRequest } from './graph-thread.js';

const { base, stateDir } = workerData as { base: string; stateDir?: string };
const state = stateDir ? BuildState.load(stateDir, base) : Promise.resolve(BuildState.empty(base));
// While the main thread has nothing to send (it waits for a changed article's annotation, say),
// the kept facts are decoded ahead, a few lines per turn so that messages are not kept waiting.
void state.then((previous) => {
  const ahead = () => { if (!graph && previous.decodeAhead(32)) setImmediate(ahead); };
  setImmediate(ahead);
});
const facts = new GraphFacts();
/** The first article whose kept facts could not be read: the main thread then builds the old way. */
let failed: string | undefined;
let graph: KgGraph | undefined;
let laidOut: Promise<boolean> | undefined;

async function add(items: GraphItem[]): Promise<void> {
  const previous = await state;
  for (const item of items) {
    if (failed) return;
    let f: ArticleFacts | undefined;
    if (item[0] === 'take') {
      f = previous.take(item[1], item[2], item[3])?.facts;
      if (!f) failed = item[1];
    } else f = item[1];
    if (f) facts.addArticle(f);
  }
}

/** The entities graph's quads from their terms (GraphFacts reads values, the object's term type and the graph). */
function entityQuads(terms: EntityTerms): Quad[] {
  const { namedNode, literal, quad } = DataFactory;
  return terms.map(([s, p, o, lit, g]) => quad(namedNode(s), namedNode(p), lit ? literal(o) : namedNode(o), namedNode(g)));
}

async function handle(m: GraphRequest): Promise<unknown> {
  if ('items' in m) { await add(m.items); return undefined; }
  if ('finish' in m) {
    await state;
    if (failed) return { failed };
    facts.addAll(entityQuads(m.entities));
    graph = facts.graph();
    // Laid out while the next requests wait for it; the main thread writes its RDF meanwhile.
    laidOut = layOut(graph, m);
    laidOut.catch(() => undefined);
    return { order: graph.order, size: graph.size };
  }
  if ('layout' in m) return { kept: await laidOut! };
  if ('json' in m) { await laidOut; await writeGraphJson(m.json, graph!); return {}; }
  return { text: positionsText(graph!, m.positions) };
}

// One message at a time, in order: the articles' facts are added in corpus order.
let queue = Promise.resolve();
parentPort!.on('message', (m: GraphRequest) => {
  queue = queue.then(async () => {
    try {
      const answer = await handle(m);
      if (answer !== undefined) parentPort!.postMessage(answer);
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error).stack ?? String(e) });
    }
  });
});
