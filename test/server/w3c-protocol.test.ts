/**
 * The W3C SPARQL 1.1 Protocol manifest (34 tests) against the real endpoint on an
 * ephemeral port, without and with a bearer token. The manifest's graph data is loaded
 * the way the server loads article graphs (named graphs of the store). The 7 tests that
 * need SPARQL Update to succeed get 403 update-not-supported by design (README, "SPARQL
 * Update"); every other test passes.
 */
import { readFileSync } from 'node:fs';
import express from 'express';
import { Parser, Writer, DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { sparqlRouter } from '../../server/sparql-route.js';
import { errorHandler, notFoundHandler } from '../../server/errors.js';
import { REPO, listen, type Listening } from './helpers.js';
import { check, readManifest } from './w3c-protocol.js';

const DIR = `${REPO}test/fixtures/w3c/protocol`;
const tests = readManifest(DIR);

let store: SparqlStore;
let http: Listening;
beforeAll(async () => {
  store = await SparqlStore.start({ timeoutMs: 5000, maxResultBytes: 1_000_000, workers: 1 });
  const graphs = new Map<string, string>();
  for (const t of tests) for (const d of t.data) {
    const g = DataFactory.namedNode(d.graph);
    const quads = new Parser({ format: 'N-Triples' }).parse(readFileSync(d.file, 'utf8')).map((q) => DataFactory.quad(q.subject, q.predicate, q.object, g));
    graphs.set(d.graph, new Writer({ format: 'N-Quads' }).quadsToString(quads));
  }
  await store.setGraphs(graphs);
  const app = express();
  app.use(sparqlRouter({ store, maxBodyBytes: 100_000, rateLimitPerMinute: 100_000 }));
  app.use(notFoundHandler);
  app.use(errorHandler(100_000, () => {}));
  http = await listen(app);
});
afterAll(async () => { await http?.close(); await store?.close(); });

describe('W3C SPARQL 1.1 Protocol manifest', () => {
  it('has the 34 tests, 7 of which need SPARQL Update to succeed', () => {
    expect(tests).toHaveLength(34);
    expect(tests.filter((t) => t.needsUpdate).map((t) => t.id).sort()).toEqual([
      'update_base_uri', 'update_dataset_default_graph', 'update_dataset_default_graphs', 'update_dataset_full',
      'update_dataset_named_graphs', 'update_post_direct', 'update_post_form',
    ]);
  });

  for (const [mode, headers] of [['read-only', {}], ['with a token', { authorization: 'Bearer protocol-test-token' }]] as const) {
    it(`passes every query and error test ${mode}; updates get 403 by design`, async () => {
      const failed: string[] = [];
      const refused: string[] = [];
      for (const t of tests) {
        let why: string | undefined;
        for (const r of t.requests) if ((why = await check(http.url, r, headers))) break;
        if (!why) continue;
        if (t.needsUpdate && /status 403 .*update-not-supported/.test(why)) refused.push(t.id);
        else failed.push(`${t.id}: ${why}`);
      }
      console.log(`W3C protocol ${mode}: ${tests.length - failed.length - refused.length} of ${tests.length} pass, ${refused.length} updates refused by design, ${failed.length} other failures`);
      expect(failed).toEqual([]);
      expect(refused).toHaveLength(7);
    });
  }
});
