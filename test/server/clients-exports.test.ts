/**
 * The whole-graph exports as the real server serves them over the seeds, read by the tools
 * they are for: networkx reads the GEXF (every node with a position, size and colour) and
 * the GraphML with the nodes and edges of /api/graph; rdflib reads the JSON-LD through its
 * @context with every quad of the TriG export (the gzipped download included).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import { startServer, type Running } from '../../server/server.js';
import { REPO } from './helpers.js';

let work: string;
let srv: Running;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'newskg-exports-'));
  srv = await startServer(resolveSettings({ inputs: [join(REPO, 'seeds')], dataDir: join(work, 'data'), port: 0, layoutIterations: 20 }), { log: () => {} });
}, 300_000);
afterAll(async () => {
  await srv?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Download an export to a file; the served bytes, unchanged. */
async function download(name: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${srv.url}/export/${name}`, { headers });
  expect(res.status).toBe(200);
  const file = join(work, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}
/** The body as sent when gzip is asked for (fetch would decode it). */
function rawGzip(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(`${srv.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      if (res.headers['content-encoding'] !== 'gzip') return reject(new Error(`not gzipped: ${res.headers['content-encoding']}`));
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve(Buffer.concat(parts)));
    }).on('error', reject);
  });
}
const python = (code: string, ...args: string[]) => execFileSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8' });

describe('exports read by their tools', () => {
  it('networkx reads the served GEXF with positions, sizes and colours, and the GraphML', async () => {
    const api = await (await fetch(`${srv.url}/api/graph`)).json() as { nodes: unknown[]; edges: unknown[] };
    const out = python(`import sys, json, networkx as nx
x=nx.read_gexf(sys.argv[1]); m=nx.read_graphml(sys.argv[2])
v=[d.get('viz', {}) for _, d in x.nodes(data=True)]
print(json.dumps([x.number_of_nodes(), x.number_of_edges(), sum('position' in d for d in v), sum('size' in d for d in v), sum('color' in d for d in v), m.number_of_nodes(), m.number_of_edges()]))`,
    await download('graph.gexf'), await download('graph.graphml'));
    const [n, e, pos, size, color, mn, me] = JSON.parse(out) as number[];
    expect(n).toBe(api.nodes.length);
    expect(e).toBe(api.edges.length);
    expect([pos, size, color]).toEqual([n, n, n]);
    expect([mn, me]).toEqual([api.nodes.length, api.edges.length]);
  });

  it('rdflib reads the served JSON-LD through its @context with every quad of the TriG', async () => {
    const trig = await download('graph.trig');
    const plain = await download('graph.jsonld');
    const gzFile = join(work, 'graph-gz.jsonld');
    writeFileSync(gzFile, gunzipSync(await rawGzip('/export/graph.jsonld')));
    // rdflib reads both (it counts equal literals once, so its counts are compared with its own).
    const code = `import sys, json, rdflib
def read(f, fmt):
    d=rdflib.Dataset(); d.parse(f, format=fmt); return [len(d), len([g for g in d.graphs() if len(g)])]
doc=json.load(open(sys.argv[1]))
print(json.dumps(['@context' in doc and 'nkg' in json.dumps(doc['@context'])] + read(sys.argv[1], 'json-ld') + read(sys.argv[2], 'trig')))`;
    const [hasContext, count, graphs, trigCount, trigGraphs] = JSON.parse(python(code, plain, trig)) as [boolean, number, number, number, number];
    expect(hasContext).toBe(true);
    expect(count).toBeGreaterThan(1000);
    expect([count, graphs]).toEqual([trigCount, trigGraphs]);
    expect(JSON.parse(python(code, gzFile, trig))).toEqual([hasContext, count, graphs, trigCount, trigGraphs]);
  });
});
