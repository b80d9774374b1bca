/**
 * `npm run bench:web`: the explorer in headless Chromium with a generated graph of
 * 5,000 nodes and 20,000 edges. Prints the time to first render (navigation start →
 * first frame with the graph drawn, including fetching and parsing the JSON) and the
 * frames per second while panning with the mouse.
 *
 * No server needed: a tiny static server hands out web/dist and the generated graph
 * at /api/graph (other API calls get empty answers).
 *
 *   npm run bench:web -- [--nodes 5000] [--edges 20000] [--seconds 4]
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { launch } from '../web/browser.js';
import { REPO } from '../web/real-server.js';
import { NODE_TYPES, RELATIONS } from '../../web/src/settings.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '5000' },
    edges: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '4' },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const N = Number(values.nodes);
const E = Number(values.edges);
const SECONDS = Number(values.seconds);

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Clustered positions (as ForceAtlas2 would give), types and relations of the contract, edges mostly within clusters. */
export function generateGraph(n: number, e: number, seed = 42) {
  const r = rng(seed);
  const clusters = Math.max(1, Math.round(Math.sqrt(n) / 2));
  const centres = Array.from({ length: clusters }, () => ({ x: (r() - 0.5) * 2000, y: (r() - 0.5) * 2000 }));
  const articles = Array.from({ length: 200 }, (_, i) => ({ id: `bench-${i}.txt`, headline: `Generated article ${i}`, outlet: `Outlet ${i % 12}`, date: `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}` }));
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
  const nodes = Array.from({ length: n }, (_, i) => {
    const c = i % clusters;
    const type = NODE_TYPES[Math.floor(r() ** 1.5 * NODE_TYPES.length)]!;
    return {
      key: `https://w3id.org/newskg/id/entity/bench-${i}`,
      attributes: {
        label: `${type} ${i}`,
        type,
        x: centres[c]!.x + gauss() * 120,
        y: centres[c]!.y + gauss() * 120,
        size: 4,
        articles: [articles[i % articles.length]!.id],
        ...(type === 'accusation' || type === 'response' ? { kind: type === 'accusation' ? 'Indictment' : 'Denial', cameo: '112' } : {}),
      },
    };
  });
  const edges = Array.from({ length: e }, (_, i) => {
    const s = Math.floor(r() * n);
    const sameCluster = r() < 0.85;
    let t = sameCluster ? (s % clusters) + clusters * Math.floor(r() * (n / clusters)) : Math.floor(r() * n);
    if (t >= n || t === s) t = (s + 1) % n;
    const relation = RELATIONS[i % RELATIONS.length]!;
    return { key: `e${i}`, source: nodes[s]!.key, target: nodes[t]!.key, attributes: { relation, label: relation, articles: [articles[i % articles.length]!.id] } };
  });
  return { options: { type: 'mixed', multi: true, allowSelfLoops: true }, attributes: {}, nodes, edges, articles };
}

async function main(): Promise<void> {
  const dist = join(REPO, 'web/dist');
  if (!values['no-build'] || !existsSync(join(dist, 'index.html'))) await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn' });
  const payload = Buffer.from(JSON.stringify(generateGraph(N, E)));
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

  const server = createServer(async (req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    if (p === '/api/graph') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(payload);
    }
    if (p === '/api/config') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"writable":false,"baseIri":"https://w3id.org/newskg/id/"}');
    }
    if (p.startsWith('/api/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('[]');
    }
    const file = normalize(join(dist, p === '/' ? 'index.html' : p));
    try {
      const data = await readFile(file.startsWith(dist) ? file : join(dist, 'index.html'));
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launch({ width: 1280, height: 800 });
  const { page } = browser;
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(url);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 120_000 });
      runs.push((await page.evaluate(`performance.getEntriesByName('newskg:first-render')[0].startTime`)) as number);
    }
    const order = await page.getAttribute('#graph', 'data-visible-nodes');

    if (values.profile) {
      const t = await page.evaluate(`(() => {
        const s = window.__newskg.sigma, cam = s.getCamera(), out = {};
        let t = performance.now(); s.refresh(); out.refresh = performance.now() - t;
        t = performance.now(); s.refresh({ skipIndexation: true }); out.refreshSkipIndexation = performance.now() - t;
        t = performance.now(); for (let i = 0; i < 5; i++) { cam.setState({ x: 0.5 + i / 100 }); s.render(); } out.render = (performance.now() - t) / 5;
        return out;
      })()`);
      console.log('  profile (ms):', t);
      const fps = (setup: string) => page.evaluate(`new Promise((done) => {
        const s = window.__newskg.sigma, cam = s.getCamera();
        ${setup}
        let n = 0; const start = performance.now();
        const tick = () => { cam.setState({ x: 0.5 + n / 1000 }); s.render(); n++; if (performance.now() - start < 1500) requestAnimationFrame(tick); else done((n / (performance.now() - start) * 1000).toFixed(1)); };
        requestAnimationFrame(tick);
      })`);
      console.log('  fps as is:', await fps(''));
      console.log('  fps without labels:', await fps(`s.setSetting('renderLabels', false); s.setSetting('renderEdgeLabels', false);`));
      console.log('  fps without labels, edges hidden:', await fps(`s.setSetting('renderLabels', false); s.setSetting('edgeReducer', () => ({ hidden: true }));`));
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
    }

    // Pan: drag across the canvas back and forth for SECONDS, counting sigma renders and frames.
    await page.evaluate(`(() => {
      window.__bench = { renders: 0, frames: 0, running: true };
      window.__newskg.sigma.on('afterRender', () => window.__bench.renders++);
      const tick = () => { if (!window.__bench.running) return; window.__bench.frames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const box = (await page.locator('#graph').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const t0 = Date.now();
    let step = 0;
    while (Date.now() - t0 < SECONDS * 1000) {
      const a = (step++ / 30) * Math.PI;
      await page.mouse.move(cx + Math.cos(a) * 200, cy + Math.sin(a) * 120, { steps: 1 });
    }
    await page.mouse.up();
    const elapsed = (Date.now() - t0) / 1000;
    const counts = (await page.evaluate(`(() => { window.__bench.running = false; return window.__bench; })()`)) as { renders: number; frames: number };

    // Pan programmatically too (no input events, no hover picking): camera moves every frame.
    const cam = (await page.evaluate(`new Promise((done) => {
      const s = window.__newskg.sigma, cam = s.getCamera(), start = performance.now();
      let renders = 0, frames = 0;
      const off = () => renders++;
      s.on('afterRender', off);
      const tick = (now) => {
        const t = (now - start) / 1000;
        if (t > ${SECONDS}) { s.off('afterRender', off); done({ renders, frames, seconds: t }); return; }
        frames++;
        cam.setState({ x: 0.5 + 0.2 * Math.cos(t * 2), y: 0.5 + 0.2 * Math.sin(t * 2) });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })`)) as { renders: number; frames: number; seconds: number };

    const sorted = [...runs].sort((a, b) => a - b);
    console.log(`web bench: ${N} nodes, ${E} edges (visible ${order}), headless Chromium ${'(software WebGL, --disable-gpu)'}`);
    console.log(`  time to first render: median ${sorted[1]!.toFixed(0)} ms (runs: ${runs.map((r) => r.toFixed(0)).join(', ')} ms)`);
    console.log(`  panning with the mouse (drag): ${(counts.renders / elapsed).toFixed(1)} FPS (sigma renders/s; ${(counts.frames / elapsed).toFixed(1)} animation frames/s) over ${elapsed.toFixed(1)} s, ${step} mouse moves`);
    console.log(`  panning the camera every frame: ${(cam.renders / cam.seconds).toFixed(1)} FPS (sigma renders/s) over ${cam.seconds.toFixed(1)} s`);
    if (browser.errors.length) console.log(`  page errors: ${browser.errors.join(' | ')}`);
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
}

await main();
