/**
 * `newskg push` (and `build … --store`): every article's named graph and the entities graph
 * PUT into an external store with the Graph Store Protocol, so pushing again gives the same
 * store, then the store's article graphs that the corpus no longer has are dropped.
 */
import type { Corpus } from '../corpus/corpus.js';
import { GraphStoreClient, toTriplesText } from '../emit/graph-store.js';

export interface PushResult { put: number; dropped: string[]; seconds: number }

/** Push the corpus; `prune` drops the article graphs of articles not in it (another build's). */
export async function pushCorpus(corpus: Corpus, client: GraphStoreClient, prune = true): Promise<PushResult> {
  const t0 = performance.now();
  // One graph's text at a time: the whole store's N-Triples never exist at once.
  function* graphs(): Generator<[string, string]> {
    for (const rec of corpus.records()) yield [corpus.articleIri(rec.id), toTriplesText(corpus.articleQuads(rec.id))];
    yield [corpus.entitiesGraphIri, toTriplesText(corpus.entityQuads())];
  }
  const put = await client.putAll(graphs());
  const dropped: string[] = [];
  if (prune) {
    const keep = new Set(corpus.records().map((r) => corpus.articleIri(r.id)));
    for (const g of await client.graphsUnder(`${corpus.base}article/`)) {
      if (keep.has(g)) continue;
      await client.drop(g);
      dropped.push(g);
    }
  }
  return { put, dropped, seconds: (performance.now() - t0) / 1000 };
}
