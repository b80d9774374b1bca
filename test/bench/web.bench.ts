/**
 * `npm run bench:web`: the explorer in headless Chromium, in two cases side by side:
 *
 *  1. a synthetic actor graph of 5,000 nodes and 20,000 edges served whole by a tiny
 *     static server: the most the page is meant to draw at once;
 *  2. the real server over the corpus generator's 10,000 articles (test/bench/corpus.ts;
 *     built once into --keep DIR, reused after), where the first view is the actor
 *     view of the most connected entities and the rest comes on demand.
 *
 * For each: time to first render (navigation start → first frame with the graph
 * drawn, fetching and parsing included), the largest payload the page downloads
 * (bytes on the wire, gzipped where the server gzips), and frames per second while
 * panning with the mouse: as shipped (edges and labels hidden while the camera moves
 * on large graphs) and with everything drawn on every frame, side by side. For the real server it also prints what /api/graph (the whole event graph)
 * would have cost: its size raw and gzipped, and how long the server takes to send it.
 *
 *   npm run bench:web -- [--nodes 5000] [--edges 20000] [--seconds 4] [--articles 10000] [--keep DIR]
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { launch } from '../web/browser.js';
import { generateCorpus } from './corpus.js';
import { REPO } from '../web/real-server.js';
import { ACTOR_RELATIONS, EVENT_TYPES, NODE_TYPES, relationName } from '../../web/src/settings.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '5000' },
    edges: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '4' },
    articles: { type: 'string', default: '10000' },
    keep: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const N = Number(values.nodes);
const E = Number(values.edges);
const SECONDS = Number(values.seconds);

const ACTOR_TYPES = NODE_TYPES.filter((t) => !EVENT_TYPES.includes(t));

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

/**
 * An actor view of `n` nodes and `e` edges (what the page draws first): clustered positions
 * (as ForceAtlas2 would give), actor types and actor relations, edges mostly within clusters.
 */
export function generateGraph(n: number, e: number, seed = 42) {
  const r = rng(seed);
  const clusters = Math.max(1, Math.round(Math.sqrt(n) / 2));
  const centres = Array.from({ length: clusters }, () => ({ x: (r() - 0.5) * 2000, y: (r() - 0.5) * 2000 }));
  const articles = Array.from({ length: 200 }, (_, i) => ({ id: `bench-${i}.txt`, headline: `Generated article ${i}`, outlet: `Outlet ${i % 12}`, date: `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}` }));
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
  const nodes = Array.from({ length: n }, (_, i) => {
    const c = i % clusters;
    const type = ACTOR_TYPES[Math.floor(r() ** 1.5 * ACTOR_TYPES.length)]!;
    return {
      key: `https://w3id.org/newskg/id/entity/bench-${i}`,
      attributes: {
        label: `${type} ${i}`,
        type,
        x: centres[c]!.x + gauss() * 120,
        y: centres[c]!.y + gauss() * 120,
        size: 4,
        articles: [articles[i % articles.length]!.id],
      },
    };
  });
  const edges = Array.from({ length: e }, (_, i) => {
    const s = Math.floor(r() * n);
    const sameCluster = r() < 0.85;
    let t = sameCluster ? (s % clusters) + clusters * Math.floor(r() * (n / clusters)) : Math.floor(r() * n);
    if (t >= n || t === s) t = (s + 1) % n;
    const relation = ACTOR_RELATIONS[i % ACTOR_RELATIONS.length]!;
    const weight = 1 + Math.floor(r() ** 4 * 8);
    return { key: `e${i}`, source: nodes[s]!.key, target: nodes[t]!.key, attributes: { relation, weight, label: relationName(relation), events: [], articles: [articles[i % articles.length]!.id] } };
  });
  const meta = { view: 'actor', complete: true, total: { nodes: n, edges: e }, omitted: 0 };
  return { options: { type: 'mixed', multi: true, allowSelfLoops: true }, attributes: {}, nodes, edges, articles, meta };
}

interface Fps {
  fps: number;
  /** Median time between two drawn frames (ms). */
  frameMs: number;
  /** Mouse moves sent (each asks for a frame). */
  moves: number;
}

interface Figures {
  name: string;
  drawn: string;
  firstRenderMs: number[];
  largest: { url: string; bytes: number };
  pan: { shipped: Fps; full: Fps; hides: string };
  errors: string[];
}

/** Load the page three times, then pan by mouse and by camera; payload sizes as transferred. */
async function measure(name: string, url: string): Promise<Figures> {
  const browser = await launch({ width: 1280, height: 800 });
  const { page } = browser;
  let largest = { url: '', bytes: 0 };
  page.on('requestfinished', (req) => {
    void req.sizes().then((sz) => {
      if (sz.responseBodySize > largest.bytes) largest = { url: new URL(req.url()).pathname + new URL(req.url()).search, bytes: sz.responseBodySize };
    }).catch(() => {});
  });
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(url);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 180_000 });
      runs.push((await page.evaluate(`performance.getEntriesByName('newskg:first-render')[0].startTime`)) as number);
    }
    const drawn = `${await page.getAttribute('#graph', 'data-visible-nodes')} nodes, ${await page.evaluate('window.__newskg.graph.size')} edges`;
    if (values.profile) await profile(page);
    return { name, drawn, firstRenderMs: runs, largest, pan: await pan(page), errors: browser.errors };
  } finally {
    await browser.close();
  }
}

async function profile(page: Page): Promise<void> {
  const t = await page.evaluate(`(() => {
    const s = window.__newskg.sigma, cam = s.getCamera(), out = {};
    let t = performance.now(); s.refresh(); out.refresh = performance.now() - t;
    t = performance.now(); s.refresh({ skipIndexation: true }); out.refreshSkipIndexation = performance.now() - t;
    t = performance.now(); for (let i = 0; i < 5; i++) { cam.setState({ x: 0.5 + i / 100 }); s.render(); } out.render = (performance.now() - t) / 5;
    return out;
  })()`);
  console.log('  profile (ms):', t);
}

/** Frames sigma drew while the mouse dragged the canvas in circles for SECONDS: frames per second and the median frame time. */
async function drag(page: Page): Promise<Fps> {
  await page.evaluate(`(() => {
    window.__bench = { frames: [] };
    window.__bench.off = () => window.__bench.frames.push(performance.now());
    window.__newskg.sigma.on('afterRender', window.__bench.off);
  })()`);
  // Start on empty canvas: a drag that starts on a node moves the node, not the camera.
  const box = (await page.locator('#graph').boundingBox())!;
  const empty = (await page.evaluate(`(() => {
    const s = window.__newskg.sigma, g = s.getGraph(), { width, height } = s.getDimensions(), pts = [];
    g.forEachNode((n) => { const d = s.getNodeDisplayData(n); if (d && !d.hidden) pts.push(s.framedGraphToViewport(d)); });
    let best = { x: width / 2, y: height / 2, d: -1 };
    for (let x = 40; x < width - 40; x += 20) for (let y = 40; y < height - 40; y += 20) {
      const clear = pts.every((p) => Math.hypot(p.x - x, p.y - y) > 24);
      const d = -Math.hypot(x - width / 2, y - height / 2);
      if (clear && (best.d === -1 || d > best.d)) best = { x, y, d };
    }
    return best;
  })()`)) as { x: number; y: number };
  const cx = box.x + empty.x;
  const cy = box.y + empty.y;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const t0 = Date.now();
  let step = 0;
  while (Date.now() - t0 < SECONDS * 1000) {
    const a = (step++ / 30) * Math.PI;
    await page.mouse.move(cx + Math.cos(a) * 200, cy + Math.sin(a) * 120, { steps: 1 });
  }
  const elapsed = (Date.now() - t0) / 1000;
  await page.mouse.up();
  const frames = (await page.evaluate(`(() => {
    window.__newskg.sigma.off('afterRender', window.__bench.off);
    return window.__bench.frames;
  })()`)) as number[];
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  return { fps: frames.length / elapsed, frameMs: gaps.length ? median(gaps) : NaN, moves: step };
}

const meanFps = (xs: Fps[]): Fps => ({ fps: xs.reduce((a, x) => a + x.fps, 0) / xs.length, frameMs: median(xs.map((x) => x.frameMs)), moves: xs.reduce((a, x) => a + x.moves, 0) });

/**
 * Panning as the page ships it (edges and labels hidden while the camera moves, on
 * large graphs), then with both forced on (every frame draws everything), for the ratio.
 */
async function pan(page: Page): Promise<{ shipped: Fps; full: Fps; hides: string }> {
  const hides = (await page.evaluate(`(() => { const s = window.__newskg.sigma; return [s.getSetting('hideEdgesOnMove') && 'edges', s.getSetting('hideLabelsOnMove') && 'labels'].filter(Boolean).join(' + ') || 'nothing'; })()`)) as string;
  const set = (edges: boolean, labels: boolean) => page.evaluate(`(() => { const s = window.__newskg.sigma; s.setSetting('hideEdgesOnMove', ${edges}); s.setSetting('hideLabelsOnMove', ${labels}); })()`);
  const shipped: Fps[] = [];
  const full: Fps[] = [];
  const [edges, labels] = [hides.includes('edges'), hides.includes('labels')];
  // Alternated, twice each: the first drag of a page also warms it up.
  for (let i = 0; i < 2; i++) {
    await set(edges, labels);
    shipped.push(await drag(page));
    await set(false, false);
    full.push(await drag(page));
  }
  await set(edges, labels);
  return { shipped: meanFps(shipped), full: meanFps(full), hides };
}

/** Case 1: the synthetic graph as one whole payload, from a static server. */
async function synthetic(dist: string): Promise<Figures> {
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
  try {
    return await measure(`synthetic ${N.toLocaleString('en')} nodes / ${E.toLocaleString('en')} edges, whole graph`, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}

/** The real server (`npm start`) over a folder, on an ephemeral port; resolves when it serves. */
async function startServer(inputs: string, data: string): Promise<{ url: string; stop(): void }> {
  // At 10,000 articles the server holds over 4 GB while the SPARQL store loads: on Node's default
  // heap (about 4.3 GB here) it spent 25 minutes collecting garbage without ever serving.
  const child = spawn(process.execPath, ['--max-old-space-size=8192', join(REPO, 'src/run.mjs'), join(REPO, 'server/main.ts'), '--input', inputs, '--data', data, '--port', '0'], {
    cwd: REPO, env: { ...process.env, KG_WRITE_TOKEN: '', KG_RATE_LIMIT: '100000000' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const check = (c: Buffer) => {
      out += c.toString();
      const m = /serving on (http:\/\/[^\s/]+)/.exec(out);
      if (m) ok(m[1]!);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => fail(new Error(`the server exited (${code}):\n${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** What the whole event graph costs: raw and gzipped bytes, and the server's time to send it. */
async function wholeGraphCost(url: string): Promise<{ raw: number; gzip: number; seconds: number }> {
  const t0 = performance.now();
  const body = Buffer.from(await (await fetch(`${url}/api/graph`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
  const seconds = (performance.now() - t0) / 1000;
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length, seconds };
}

async function corpusCase(): Promise<{ figures: Figures; whole: { raw: number; gzip: number; seconds: number } } | null> {
  const n = Number(values.articles);
  if (!n) return null;
  const work = values.keep ?? join(tmpdir(), `newskg-bench-web-${n}`);
  const inputs = join(work, 'articles');
  if (!existsSync(inputs) || readdirSync(inputs).length !== n) {
    mkdirSync(inputs, { recursive: true });
    console.log(`writing ${n} articles with the corpus generator into ${inputs}…`);
    await generateCorpus(n, inputs);
  }
  console.log(`starting the server over ${n} articles (the first run annotates them; later runs reuse ${join(work, 'data')})…`);
  const server = await startServer(inputs, join(work, 'data'));
  try {
    const whole = await wholeGraphCost(server.url);
    const figures = await measure(`${n.toLocaleString('en')} articles, real server, first view`, `${server.url}/`);
    return { figures, whole };
  } finally {
    server.stop();
  }
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dist = join(REPO, 'web/dist');
  if (!values['no-build'] || !existsSync(join(dist, 'index.html'))) await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn' });
  const rows = [await synthetic(dist)];
  const big = await corpusCase();
  if (big) rows.push(big.figures);
  console.log('web bench: headless Chromium (software WebGL, --disable-gpu), 1280×800');
  console.log('| case | drawn | first render (median of 3) | largest payload on the wire | FPS panning (hidden while moving) | FPS panning, everything drawn | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  const fps = (f: Fps) => `${f.fps.toFixed(1)} (frame ${f.frameMs.toFixed(0)} ms)`;
  for (const r of rows) {
    const p = r.pan;
    console.log(`| ${r.name} | ${r.drawn} | ${median(r.firstRenderMs).toFixed(0)} ms (${r.firstRenderMs.map((x) => x.toFixed(0)).join(', ')}) | ${mb(r.largest.bytes)} (${r.largest.url}) | ${fps(p.shipped)}, ${p.hides} hidden | ${fps(p.full)} | ${(p.shipped.fps / Math.max(1e-9, p.full.fps)).toFixed(1)}× |`);
    if (r.errors.length) console.log(`  page errors in "${r.name}": ${r.errors.join(' | ')}`);
  }
  if (big) {
    const w = big.whole;
    console.log(`before (the whole event graph as one payload, GET /api/graph): ${mb(w.raw)} raw, ${mb(w.gzip)} gzipped, ${w.seconds.toFixed(1)} s to receive`);
    console.log(`after (the first view): ${mb(big.figures.largest.bytes)} on the wire, ${(w.gzip / Math.max(1, big.figures.largest.bytes)).toFixed(1)}× smaller than the whole graph gzipped; first render ${median(big.figures.firstRenderMs).toFixed(0)} ms (aim: < 3,000 ms, payload < 2 MB)`);
  }
}

await main();
