/**
 * A small HTTP server for the fixture in `fixtures/mock-api.ts`, serving the built web
 * app (`web/dist`) and the API contract. A stepping stone for developing the web app;
 * the end-to-end tests run against the real server (`e2e.test.ts`).
 *
 *   npx tsx test/web/mock-server.ts [port]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createMock } from './fixtures/mock-api.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

export interface Running {
  url: string;
  close(): Promise<void>;
}

export async function startMock(opts: { port?: number; dist?: string; seeds?: string; writable?: boolean } = {}): Promise<Running> {
  const dist = opts.dist ?? join(ROOT, 'web/dist');
  const mock = createMock(opts.seeds ?? join(ROOT, 'seeds'));
  const token = 'test-token';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((ok, fail) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => ok(Buffer.concat(chunks)));
      req.on('error', fail);
    });

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = url.pathname;
      if (p === '/api/graph') return json(res, 200, mock.payload);
      if (p === '/api/config') return json(res, 200, { writable: opts.writable ?? true, baseIri: 'https://w3id.org/newskg/id/' });
      if (p === '/api/search') return json(res, 200, mock.search(url.searchParams.get('q') ?? ''));
      if (p === '/api/spokespeople') return json(res, 200, mock.spokespeople());
      if (p.startsWith('/api/entities/')) {
        const d = mock.entity(decodeURIComponent(p.slice('/api/entities/'.length)));
        return d ? json(res, 200, d) : json(res, 404, { error: 'not found', detail: 'no such node' });
      }
      if (p === '/api/articles' && req.method === 'POST') {
        if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { error: 'unauthorized', detail: 'send the write token as a bearer token' });
        const form = await new Request('http://x/', { method: 'POST', headers: req.headers as Record<string, string>, body: new Uint8Array(await body(req)) }).formData();
        const file = form.get('file');
        if (!(file instanceof File)) return json(res, 400, { error: 'no file', detail: 'send the article as multipart field "file"' });
        return json(res, 201, mock.addArticle(file.name, await file.text()));
      }
      if (p === '/api/articles') return json(res, 200, mock.articles());
      if (p.startsWith('/api/articles/')) {
        const a = mock.articleTexts.get(decodeURIComponent(p.slice('/api/articles/'.length)));
        return a ? json(res, 200, a) : json(res, 404, { error: 'not found', detail: 'no such article' });
      }
      if (p === '/sparql') {
        const rows = mock.spokespeople().flatMap((r) => r.respondedTo.map((t) => ({ r, t })));
        res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
        return res.end(JSON.stringify({
          head: { vars: ['spokesperson', 'for', 'respondedTo', 'responses'] },
          results: { bindings: rows.map(({ r, t }) => ({
            spokesperson: { type: 'literal', value: r.person.label }, for: { type: 'literal', value: r.for[0]?.label ?? '' },
            respondedTo: { type: 'literal', value: t.label }, responses: { type: 'literal', value: String(t.count) },
          })) },
        }));
      }
      if (p.startsWith('/export/graph.')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('# fixture export\n');
      }
      const file = normalize(join(dist, p === '/' ? 'index.html' : p));
      if (!file.startsWith(dist)) return json(res, 403, { error: 'forbidden' });
      try {
        const data = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(data);
      } catch {
        const data = await readFile(join(dist, 'index.html'));
        res.writeHead(200, { 'content-type': TYPES['.html']! });
        res.end(data);
      }
    } catch (e) {
      json(res, 500, { error: 'mock server failure', detail: (e as Error).message });
    }
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const running = await startMock({ port: Number(process.argv[2] ?? 3001) });
  console.log(`mock API and web app at ${running.url} (write token: test-token)`);
}
