/**
 * A warm start loads the SPARQL store from the data folder's store.nq in bulk. It must answer
 * exactly as the store loaded from the records did, and so must a store that has had articles
 * POSTed and DELETEd since, a restart after those, and a worker replaced after them (it loads
 * the file and then the changes made since).
 */
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { ENDLESS_QUERY, REPO, SPOKESPERSON_QUERY } from './helpers.js';
import { ApiIndexes } from '../../server/api-index.js';

const TOKEN = 'warm-restart-token';
const JSON_RESULTS = 'application/sparql-results+json';
const POSTED = 'Beijing, 3 March 2021. China\'s foreign ministry spokesman Zhao Lijian accused the United States of hacking Chinese universities. "The accusation is groundless," said a State Department spokesman, Ned Price, rejecting the charge.';

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'newskg-warm-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

function start(queryTimeoutMs = 10_000): Promise<Running> {
  return startServer(resolveSettings({
    inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, writeToken: TOKEN, layoutIterations: 20, queryTimeoutMs,
  }), { log: () => {} });
}

async function sparql(srv: Running, query: string, accept = JSON_RESULTS): Promise<string> {
  const r = await fetch(`${srv.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept } });
  expect(r.status).toBe(200);
  return r.text();
}

/** Answers that cover the whole store: every quad of every graph, the default graph as a set, the contract query. */
async function answers(srv: Running): Promise<Record<string, unknown>> {
  // Blank node labels are new at every load; rows that tie in ORDER BY come in the store's order.
  const sorted = (text: string) => text.replace(/_:[A-Za-z0-9]+/g, '_:b').split('\n').filter(Boolean).sort();
  const rows = (json: string) => (JSON.parse(json).results.bindings as unknown[]).map((b) => JSON.stringify(b)).sort();
  return {
    named: sorted(await sparql(srv, 'CONSTRUCT { ?s ?p ?o . ?g <urn:holds> ?s } WHERE { GRAPH ?g { ?s ?p ?o } }', 'application/n-triples')),
    default: sorted(await sparql(srv, 'CONSTRUCT WHERE { ?s ?p ?o }', 'application/n-triples')),
    defaultCount: rows(await sparql(srv, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')),
    contract: rows(await sparql(srv, SPOKESPERSON_QUERY)),
    graphs: [...(await (await fetch(`${srv.url}/sparql`, { headers: { accept: 'application/n-triples' } })).text()).matchAll(/#name> <([^>]+)>/g)].map((m) => m[1]).sort(),
    spokespeople: await (await fetch(`${srv.url}/api/spokespeople?limit=all`)).json(),
  };
}

/** The indexes kept by difference equal the ones built afresh from the same corpus and graph. */
async function expectFreshIndexes(srv: Running): Promise<void> {
  const { corpus, graph, indexes } = srv.kg;
  const fresh = ApiIndexes.build(corpus, graph, corpus.entityQuads());
  const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => a.localeCompare(b));
  expect(sorted(indexes.catalog)).toEqual(sorted(fresh.catalog));
  expect(sorted(indexes.labels)).toEqual(sorted(fresh.labels));
  expect(indexes.spokespeople).toEqual(fresh.spokespeople);
  expect((await indexes.spokespeopleEncoded()).etag).toBe((await fresh.spokespeopleEncoded()).etag);
}

async function ask(srv: Running, query: string): Promise<boolean> {
  return JSON.parse(await sparql(srv, query)).boolean as boolean;
}

describe('warm restart from the persisted store', { timeout: 180_000 }, () => {
  it('answers as the store loaded from the records, before and after a POST and a DELETE', async () => {
    const cold = await start();
    expect(cold.opened.storeFromFile).toBe(false);
    expect(await cold.kg.persistStore()).toBeUndefined();
    const before = await answers(cold);
    await cold.close();
    expect((await readFile(join(work, 'data', 'store.nq'), 'utf8')).startsWith('# newskg-store {"revision":1,')).toBe(true);

    const warm = await start(1500);
    expect(warm.opened.reused).toBe(true);
    expect(warm.opened.storeFromFile).toBe(true);
    expect(await answers(warm)).toEqual(before);

    // A POSTed article is visible, in its graph and in the default graph.
    const post = await fetch(`${warm.url}/api/articles`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'warm-posted.txt', text: POSTED }),
    });
    expect(post.status).toBe(201);
    const { iri } = await post.json() as { iri: string };
    expect(await ask(warm, `ASK { GRAPH <${iri}> { ?s ?p ?o } }`)).toBe(true);
    expect(await ask(warm, `ASK { <${iri}> a <https://schema.org/NewsArticle> }`)).toBe(true);
    await expectFreshIndexes(warm);

    // A DELETEd seed article is gone from its graph and from the default graph.
    const seed = warm.kg.corpus.records()[0]!.id;
    const seedIri = warm.kg.corpus.articleIri(seed);
    expect((await fetch(`${warm.url}/api/articles/${encodeURIComponent(seed)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect(await ask(warm, `ASK { GRAPH <${seedIri}> { ?s ?p ?o } }`)).toBe(false);
    expect(await ask(warm, `ASK { <${seedIri}> ?p ?o }`)).toBe(false);
    await expectFreshIndexes(warm);
    const changed = await answers(warm);

    // Both workers ended (their queries ran past the limit) are replaced from the file and the changes since.
    const restarts = warm.kg.store.restarts;
    const endless = (client: string) => warm.kg.store.query(ENDLESS_QUERY, { resultsFormat: JSON_RESULTS, client });
    await Promise.all(['a', 'b'].map((c) => expect(endless(c)).rejects.toThrow()));
    expect(warm.kg.store.restarts).toBe(restarts + 2);
    expect(await answers(warm)).toEqual(changed);

    // Restarted after the changes: from the store written after them.
    expect(await warm.kg.persistStore()).toBeUndefined();
    await warm.close();
    const again = await start();
    expect(again.opened.storeFromFile).toBe(true);
    expect(await answers(again)).toEqual(changed);
    await again.close();
  });

  it('loads from the records when the persisted store is of another revision, to the same answers as the changed store', async () => {
    const srv = await start();
    const post = await fetch(`${srv.url}/api/articles`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'warm-posted-2.txt', text: POSTED.replace('Zhao Lijian', 'Wang Wenbin') }),
    });
    expect(post.status).toBe(201);
    const seed = srv.kg.corpus.records()[0]!.id;
    expect((await fetch(`${srv.url}/api/articles/${encodeURIComponent(seed)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const changed = await answers(srv);
    // Stopped as by a crash, before the store is written again: store.nq holds the revision before the POST.
    await new Promise((resolve) => { srv.server.close(resolve); srv.server.closeIdleConnections(); });
    await srv.kg.store.close();
    await srv.kg.annotator?.close();
    const again = await start();
    expect(again.opened.storeFromFile).toBe(false);
    expect(await answers(again)).toEqual(changed);
    // A change, then a stop: the store is written on the way out, so the next start loads it.
    expect((await fetch(`${again.url}/api/articles/${encodeURIComponent(again.kg.corpus.records()[0]!.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const afterDelete = await answers(again);
    await again.close();
    const third = await start();
    expect(third.opened.storeFromFile).toBe(true);
    expect(await answers(third)).toEqual(afterDelete);
    // A stop while a writing of the store is under way (the timer's) waits for it, then writes the later change.
    expect((await fetch(`${third.url}/api/articles/${encodeURIComponent(third.kg.corpus.records()[0]!.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const afterSecond = await answers(third);
    void third.kg.persistStore();
    await third.close();
    const fourth = await start();
    expect(fourth.opened.storeFromFile).toBe(true);
    expect(await answers(fourth)).toEqual(afterSecond);
    await fourth.close();
  });
});
