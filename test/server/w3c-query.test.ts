/**
 * W3C SPARQL 1.1 query-evaluation tests of eleven categories (test/fixtures/w3c/, copied
 * from w3c/rdf-tests) through the real endpoint on an ephemeral port: the tests' data is
 * loaded as named graphs the way article graphs are, and each test's dataset is sent with
 * default-graph-uri / named-graph-uri (or comes from the query's FROM). Each test is also
 * run in a bare oxigraph store; every failure left must be one the bare store fails too.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparqlStore } from '../../server/sparql-store.js';
import { sparqlRouter } from '../../server/sparql-route.js';
import { errorHandler, notFoundHandler } from '../../server/errors.js';
import { REPO, listen, type Listening } from './helpers.js';
import { allData, readEvalManifest, runOnEndpoint, runOnOxigraph, type EvalTest } from './w3c-query.js';

const ROOT = `${REPO}test/fixtures/w3c`;
export const CATEGORIES = ['aggregates', 'bind', 'bindings', 'construct', 'exists', 'functions', 'grouping', 'negation', 'project-expression', 'property-path', 'subquery'];
const tests: EvalTest[] = CATEGORIES.flatMap((c) => readEvalManifest(ROOT, c));

let store: SparqlStore;
let http: Listening;
beforeAll(async () => {
  store = await SparqlStore.start({ timeoutMs: 10_000, maxResultBytes: 5_000_000, workers: 1 });
  await store.setGraphs(allData(ROOT, tests));
  const app = express();
  app.use(sparqlRouter({ store, maxBodyBytes: 1_000_000, rateLimitPerMinute: 1_000_000 }));
  app.use(notFoundHandler);
  app.use(errorHandler(1_000_000, () => {}));
  http = await listen(app);
}, 120_000);
afterAll(async () => { await http?.close(); await store?.close(); });

describe('W3C SPARQL 1.1 query evaluation', () => {
  it('fails only where a bare oxigraph store fails too', { timeout: 300_000 }, async () => {
    expect(tests.length).toBeGreaterThan(200);
    const table = new Map(CATEGORIES.map((c) => [c, { tests: 0, endpoint: 0, oxigraph: 0 }]));
    const onlyEndpoint: string[] = [];
    const both: string[] = [];
    for (const t of tests) {
      const row = table.get(t.category)!;
      row.tests++;
      const viaHttp = await runOnEndpoint(ROOT, http.url, t);
      const bare = runOnOxigraph(ROOT, t);
      if (!viaHttp) row.endpoint++;
      if (!bare) row.oxigraph++;
      if (viaHttp && bare) both.push(`${t.category}/${t.id}: ${viaHttp}`);
      else if (viaHttp) onlyEndpoint.push(`${t.category}/${t.id}: ${viaHttp} (bare oxigraph passes)`);
    }
    const total = [...table.values()].reduce((a, r) => ({ tests: a.tests + r.tests, endpoint: a.endpoint + r.endpoint, oxigraph: a.oxigraph + r.oxigraph }), { tests: 0, endpoint: 0, oxigraph: 0 });
    console.log(['category | tests | endpoint passes | bare oxigraph passes',
      ...[...table, ['total', total] as const].map(([c, r]) => `${c} | ${r.tests} | ${r.endpoint} | ${r.oxigraph}`),
      `failing on both (${both.length}):`, ...both].join('\n'));
    expect(onlyEndpoint).toEqual([]);
  });
});
