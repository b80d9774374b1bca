/**
 * YASGUI (@zazuko/yasgui from npm) for browsers at GET /sparql: the editor (highlighting,
 * syntax check, prefix and variable completion), result tables with download, and the
 * contract's questions as tabs. Served from node_modules, so the page makes no request to
 * another host: the completers that ask outside services (LOV for classes and properties,
 * prefix.cc) are off, prefixes come from YASGUI's bundled list, and the endpoint list holds
 * only this endpoint. The page is static HTML plus our own script: the CSP stays
 * script-src 'self'.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { EXAMPLES } from './query-page.js';

/** Where the page loads its assets from (kept under /sparql-ui so /sparql stays the endpoint). */
export const YASGUI_PATH = '/sparql-ui';

const BUILD = dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui'));
const ASSETS: Record<string, { file: string; type: string }> = {
  'yasgui.min.js': { file: join(BUILD, 'yasgui.min.js'), type: 'text/javascript' },
  'yasgui.min.css': { file: join(BUILD, 'yasgui.min.css'), type: 'text/css' },
};

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The HTML of GET /sparql for a browser. */
export function yasguiPage(endpoint: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL — newskg</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="alternate" type="text/turtle" href="${escapeHtml(endpoint)}" title="Service description">
<link rel="stylesheet" href="${YASGUI_PATH}/yasgui.min.css">
<link rel="stylesheet" href="${YASGUI_PATH}/page.css">
</head><body>
<header><a href="/">newskg explorer</a> · SPARQL endpoint <code>${escapeHtml(endpoint)}</code>
(SPARQL 1.1 Query, GET or POST; the service description is what RDF clients get here)
· <a href="?form=1">plain form</a></header>
<noscript><p>This editor needs JavaScript. The <a href="?form=1">plain form</a> works without it.</p></noscript>
<div id="yasgui" data-endpoint="${escapeHtml(endpoint)}"></div>
<script src="${YASGUI_PATH}/yasgui.min.js"></script>
<script src="${YASGUI_PATH}/init.js"></script>
</body></html>`;
}

const PAGE_CSS = `body{font:14px/1.5 system-ui,sans-serif;margin:0}
header{padding:.5rem 1rem;border-bottom:1px solid #ddd;background:#fafafa}
#yasgui{padding:0 .5rem}`;

/**
 * Our start-up script. The endpoint is read from the page (it is the URL the browser used);
 * the examples become tabs the first time (YASGUI keeps the user's tabs in localStorage).
 */
function initScript(): string {
  const examples = EXAMPLES.map(([name, query]) => ({ name: name.replace(/ \(the contract's question\)$/, ''), query }));
  return `(function () {
  'use strict';
  var root = document.getElementById('yasgui');
  var endpoint = root.getAttribute('data-endpoint');
  var examples = ${JSON.stringify(examples)};
  var yasgui = new Yasgui(root, {
    autoAddOnInit: false,
    persistenceId: 'newskg-sparql',
    copyEndpointOnNewTab: true,
    requestConfig: { endpoint: endpoint, method: 'POST' },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ['prefixes', 'variables'], prefixCcApi: null, resizeable: true },
  });
  if (yasgui.persistentConfig.getTabs().length === 0) {
    examples.forEach(function (ex, i) {
      yasgui.addTab(i === 0, { name: ex.name, yasqe: { value: ex.query }, requestConfig: { endpoint: endpoint, method: 'POST' } });
    });
  }
  window.newskgYasgui = yasgui;
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
}

/** The assets under /sparql-ui: YASGUI's build, our CSS and start-up script. */
export function yasguiRouter(): Router {
  const router = Router();
  const init = initScript();
  router.get(`${YASGUI_PATH}/init.js`, (_req, res) => { res.type('text/javascript').setHeader('Cache-Control', 'no-cache'); res.send(init); });
  router.get(`${YASGUI_PATH}/page.css`, (_req, res) => { res.type('text/css').send(PAGE_CSS); });
  router.get(`${YASGUI_PATH}/:name`, (req, res, next) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return next();
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type(asset.type).sendFile(asset.file);
  });
  return router;
}
