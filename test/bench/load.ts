/**
 * A closed-loop HTTP load generator for the server bench: `connections` keep-alive
 * connections, each sending its next request when the previous answer has been read.
 *
 * Why not autocannon: the SPARQL store's queue is fair per client address (one address runs
 * one query and queues a few; the rest get 503 at once), so ten connections from 127.0.0.1
 * are one client to it. Here each connection has its own loopback source address
 * (127.0.0.2, 127.0.0.3, …; Linux routes all of 127.0.0.0/8 to lo), as ten users would.
 * autocannon 9 has no option for the source address.
 */
import http from 'node:http';

export interface LoadRequest { path: string; headers?: Record<string, string> }

export interface LoadOptions {
  /** Base URL (http://127.0.0.1:port). */
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** The next request, given a counter shared by all connections. */
  next: (i: number) => LoadRequest;
  /** One source address per connection (default true); false: all from the OS's choice. */
  ownAddress?: boolean;
}

export interface LoadResult {
  requests: number;
  /** Requests answered per second, and 2xx answers per second. */
  rps: number;
  okRps: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Latency percentiles (ms) over every answered request. */
  p50: number;
  p99: number;
  max: number;
  /** The status codes of non-2xx answers, with counts. */
  statuses: Record<number, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** One request on this agent: its status, once the whole body has been read. */
function send(agent: http.Agent, base: URL, req: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: base.hostname, port: base.port, path: req.path, headers: req.headers, agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end();
  });
}

/** One request from each of `connections` source addresses at once (as runLoad's): their statuses. */
export async function sendOnce(url: string, connections: number, next: (k: number) => LoadRequest): Promise<number[]> {
  const base = new URL(url);
  return Promise.all(Array.from({ length: connections }, async (_, k) => {
    const agent = new http.Agent({ keepAlive: false, maxSockets: 1, localAddress: `127.0.0.${2 + (k % 250)}` });
    try {
      return await send(agent, base, next(k));
    } finally {
      agent.destroy();
    }
  }));
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.url);
  const loopback = base.hostname === '127.0.0.1' || base.hostname === 'localhost';
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let ok = 0;
  let errors = 0;
  let counter = 0;
  const end = performance.now() + opts.duration * 1000;
  const t0 = performance.now();
  const agents: http.Agent[] = [];
  const loop = async (k: number) => {
    const own = (opts.ownAddress ?? true) && loopback;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, ...(own ? { localAddress: `127.0.0.${2 + (k % 250)}` } : {}) });
    agents.push(agent);
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const status = await send(agent, base, opts.next(counter++));
        latencies.push(performance.now() - t);
        if (status >= 200 && status < 300) ok++;
        else statuses[status] = (statuses[status] ?? 0) + 1;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, k) => loop(k)));
  const seconds = (performance.now() - t0) / 1000;
  for (const a of agents) a.destroy();
  latencies.sort((a, b) => a - b);
  const non2xx = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length, rps: latencies.length / seconds, okRps: ok / seconds, ok, non2xx, errors,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, statuses,
  };
}
