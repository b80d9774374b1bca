/**
 * graph.json is written beside the changes, not under their lock (KnowledgeGraph.saveGraph):
 * a POST that arrives while it is being written does not wait for it, the file then written is
 * not kept (it could mix two versions of the graph), and the next writing holds the graph as
 * it is, labelled with its revision. The real server over the seed articles.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../server/core.js';
import { startServer, type Running } from '../../server/server.js';
import { REPO } from './helpers.js';

const TOKEN = 'save-token';
const work = mkdtempSync(join(tmpdir(), 'newskg-graph-save-'));
const inputs = join(work, 'inputs');
cpSync(join(REPO, 'seeds'), inputs, { recursive: true });
let srv: Running;
beforeAll(async () => {
  srv = await startServer(resolveSettings({ inputs: [inputs], dataDir: join(work, 'data'), port: 0, writeToken: TOKEN, layoutIterations: 20 }), { log: () => {} });
}, 300_000);
afterAll(async () => {
  await srv?.close();
  rmSync(work, { recursive: true, force: true });
});

const post = (name: string, text: string) => fetch(`${srv.url}/api/articles`, {
  method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, text }),
});
const saved = () => JSON.parse(readFileSync(join(work, 'data', 'graph.json'), 'utf8')) as { revision: number; graph: { attributes: { articles: Record<string, { id: string }> } } };
const articlesIn = (g: ReturnType<typeof saved>) => Object.values(g.graph.attributes.articles).map((a) => a.id).sort();

describe('graph.json beside the changes', () => {
  it('lets a POST through while it is written, keeps no file that a change began under, and writes the graph as it then is', async () => {
    expect((await post('first.txt', 'Canberra, 4 May 2024. Australia accused Korvia of hacking its parliament. Korvian foreign ministry spokesman Petr Alvo rejected the charge.')).status).toBe(201);
    await srv.kg.writeGraph();
    const before = saved();
    expect(before.revision).toBe(srv.kg.revision);
    expect(articlesIn(before)).toContain('first.txt');

    // Hold the next writing of graph.json once its bytes are made, until let go.
    const folder = (srv.kg as unknown as { folder: { writeGraph: (...a: unknown[]) => Promise<boolean> } }).folder;
    const real = folder.writeGraph.bind(folder);
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => { letGo = resolve; });
    let started!: () => void;
    const writing = new Promise<void>((resolve) => { started = resolve; });
    folder.writeGraph = async (...a: unknown[]) => { started(); await held; return real(...a); };

    expect((await post('second.txt', 'Lisbon, 5 June 2024. Korvia denied that it hacked the Australian parliament, calling the claims baseless.')).status).toBe(201);
    const save = srv.kg.saveGraph();
    await writing;
    // A change while graph.json is being written: answered without waiting for it.
    const third = await post('third.txt', 'Geneva, 6 July 2024. Korvian foreign ministry spokesman Petr Alvo said Australia had hacked Korvian banks.');
    expect(third.status).toBe(201);
    letGo();
    await save;
    folder.writeGraph = real;
    // The writing that a change began under was not kept: graph.json is still the earlier one.
    expect(saved()).toEqual(before);

    await srv.kg.saveGraph();
    const after = saved();
    expect(after.revision).toBe(srv.kg.revision);
    expect(articlesIn(after)).toEqual(expect.arrayContaining(['first.txt', 'second.txt', 'third.txt']));
  });
});
