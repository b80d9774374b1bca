/**
 * Pushing to a store that fails for a passing reason: Virtuoso answers concurrent graph
 * writes with "SR172: Transaction deadlocked" (SQL state 40001) now and then. The client
 * tries such a PUT again; a real refusal fails at once, with the store's words.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalStoreError, GraphStoreClient } from '../../src/emit/graph-store.js';

/** A Graph Store endpoint whose answers for each graph are scripted: the status codes in turn, then 201. */
let server: Server;
let base: string;
const script = new Map<string, number[]>();
const tries = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const graph = new URL(req.url ?? '/', 'http://x').searchParams.get('graph') ?? '';
    req.resume();
    req.on('end', () => {
      tries.set(graph, (tries.get(graph) ?? 0) + 1);
      const status = script.get(graph)?.shift() ?? 201;
      const body = status === 500 && graph.includes('deadlock') ? 'Error 40001 SR172: Transaction deadlocked' : status === 500 ? 'Error 42000 syntax error' : '';
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = () => new GraphStoreClient({ storeUrl: `${base}/crud`, sparqlUrl: `${base}/sparql`, timeoutMs: 5000 });

describe('pushing graphs to a store that deadlocks', () => {
  it('tries a PUT again after a deadlock, and it lands', async () => {
    script.set('urn:deadlock:1', [500, 500]);
    await client().put('urn:deadlock:1', '<urn:a> <urn:b> <urn:c> .\n');
    expect(tries.get('urn:deadlock:1')).toBe(3);
  });

  it('tries again when the store is briefly unavailable (503)', async () => {
    script.set('urn:busy', [503]);
    expect(await client().putAll([['urn:busy', ''], ['urn:fine', '']])).toBe(2);
    expect(tries.get('urn:busy')).toBe(2);
  });

  it('gives up after a few tries, naming the graph and what the store said', async () => {
    script.set('urn:deadlock:always', [500, 500, 500, 500, 500, 500]);
    const err = await client().put('urn:deadlock:always', '').catch((e) => e);
    expect(err).toBeInstanceOf(ExternalStoreError);
    expect(err.message).toMatch(/PUT of graph urn:deadlock:always: the store answered 500 .*SR172/);
    expect(tries.get('urn:deadlock:always')).toBe(4);
  });

  it('does not try again when the store refuses the data itself', async () => {
    script.set('urn:bad', [500]);
    const err = await client().put('urn:bad', '').catch((e) => e);
    expect(err.message).toMatch(/syntax error/);
    expect(tries.get('urn:bad')).toBe(1);
  });
});
