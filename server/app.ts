/**
 * createApp(settings, kg): the request listener to serve (the Express app, without listening, and
 * server/fast-lane.ts in front of it for plain SPARQL GETs). Security headers,
 * the SPARQL endpoint, the graph API, ingest, exports, linked data, the web explorer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestListener } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import type { Settings } from './core.js';
import type { KnowledgeGraph } from './state.js';
import { sparqlEndpoint } from './sparql-route.js';
import { withSparqlLane } from './fast-lane.js';
import { graphApiRouter } from './graph-api.js';
import { ingestRouter } from './ingest.js';
import { exportsRouter } from './exports.js';
import { basePath, linkedDataRouter } from './linked-data.js';
import { ontologyPath, ontologyRouter } from './ontology-page.js';
import { graphStoreRouter } from './graph-store.js';
import { corsForReads } from './cors.js';
import { errorHandler, notFoundHandler, toHttpError, writeHttpError } from './errors.js';
import { REPO_ROOT } from './build.js';

export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');

const NO_WEB_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>newskg</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>newskg</h1>
<p>The explorer is not built. Run <code>npm run build:web</code> and reload.</p>
<p>Meanwhile: <a href="/api/graph">/api/graph</a>, <a href="/api/spokespeople">/api/spokespeople</a>,
<a href="/sparql?query=ASK%20%7B%7D">/sparql</a>, <a href="/export/graph.ttl">/export/graph.ttl</a>.</p>
</body></html>`;

export interface AppOptions {
  webDist?: string;
  log?: (msg: string) => void;
}

/** What the HTTP server calls: the Express app, with the lean lane for SPARQL GETs in front. */
export function createApp(settings: Settings, kg: KnowledgeGraph, options: AppOptions = {}): RequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  const security = helmet({
    contentSecurityPolicy: {
      directives: {
        'worker-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
      },
    },
  });
  const onError = errorHandler(settings.maxBodyBytes, options.log);
  const sparql = sparqlEndpoint({ store: kg.store, maxBodyBytes: settings.maxBodyBytes, rateLimitPerMinute: settings.rateLimitPerMinute, baseIri: settings.baseIri });
  app.use(security);
  app.use(sparql.router);
  // Reads are open to other origins (browser SPARQL clients, Gephi Lite by URL); writes are not.
  app.use(['/api', '/export', '/store', basePath(settings.baseIri), ontologyPath()], corsForReads);
  app.use(ingestRouter(kg, { writeToken: settings.writeToken, maxBodyBytes: settings.maxBodyBytes, rateLimitPerMinute: settings.rateLimitPerMinute }));
  app.use(graphApiRouter(kg));
  app.use(exportsRouter(kg));
  app.use(graphStoreRouter(kg.store, { kg, writeToken: settings.writeToken, maxBodyBytes: settings.maxBodyBytes, rateLimitPerMinute: settings.rateLimitPerMinute }));
  app.use(ontologyRouter());
  app.use(linkedDataRouter(kg.store, settings.baseIri));
  const webDist = options.webDist ?? WEB_DIST;
  if (existsSync(join(webDist, 'index.html'))) app.use(express.static(webDist, { index: 'index.html', maxAge: 0 }));
  else app.get('/', (_req, res) => { res.type('text/html').send(NO_WEB_PAGE); });
  app.use(notFoundHandler);
  app.use(onError);
  return withSparqlLane(app, {
    before: [security, ...sparql.lane.before],
    answer: sparql.lane.answer,
    fail: (err, req, res) => writeHttpError(res, toHttpError(err, settings.maxBodyBytes, `${req.method} ${req.url}`, options.log)),
  });
}
