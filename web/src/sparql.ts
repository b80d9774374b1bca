/**
 * The SPARQL page: example queries (the spokesperson question first), an editor,
 * results as a table. IRIs of nodes in the graph can be selected from the table.
 */
import { api, type SparqlResult } from './api.js';
import { announce, h, replace } from './dom.js';
import { SPOKESPERSON_QUERY, SPOKESPERSON_QUERY_WITH_UNNAMED } from '../../src/ontology/queries.js';

const PREFIXES = `PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
`;

export const EXAMPLES: ReadonlyArray<{ title: string; query: string }> = [
  {
    title: 'Which organizations did each spokesperson respond to?',
    query: SPOKESPERSON_QUERY,
  },
  {
    title: 'The same, with unnamed spokespeople (named by their organization)',
    query: SPOKESPERSON_QUERY_WITH_UNNAMED,
  },
  {
    title: 'Who accused whom, in which article?',
    query: `${PREFIXES}SELECT ?accuser ?accused ?headline WHERE {
  ?a a nkg:Accusation ; nkg:accuser ?x ; nkg:accused ?y ; prov:wasDerivedFrom ?art .
  ?x rdfs:label ?accuser . ?y rdfs:label ?accused .
  OPTIONAL { ?art schema:headline ?headline }
} ORDER BY ?accuser ?accused`,
  },
  {
    title: 'Responses with the sentence they were read from',
    query: `${PREFIXES}SELECT ?respondent ?sentence WHERE {
  ?r a nkg:Response ; nkg:respondent ?p ; nkg:evidence ?ann .
  ?p rdfs:label ?respondent .
  ?ann oa:hasTarget/oa:hasSelector ?sel . ?sel oa:exact ?sentence .
} ORDER BY ?respondent LIMIT 100`,
  },
  {
    title: 'Who was hacked or harmed (targets of accusations)?',
    query: `${PREFIXES}SELECT ?target (COUNT(DISTINCT ?a) AS ?accusations) WHERE {
  ?a a nkg:Accusation ; nkg:target ?t . ?t rdfs:label ?target .
} GROUP BY ?target ORDER BY DESC(?accusations) ?target`,
  },
  {
    title: 'Articles: headline, date, outlet',
    query: `${PREFIXES}SELECT ?headline ?date ?outlet ?file WHERE {
  ?art a schema:NewsArticle ; schema:identifier ?file .
  OPTIONAL { ?art schema:headline ?headline }
  OPTIONAL { ?art schema:datePublished ?date }
  OPTIONAL { ?art schema:publisher/rdfs:label ?outlet }
} ORDER BY ?date`,
  },
  {
    title: 'Every name used for each entity',
    query: `${PREFIXES}SELECT ?entity ?label (GROUP_CONCAT(DISTINCT ?alt; separator=" · ") AS ?aliases) WHERE {
  ?entity rdfs:label ?label ; skos:altLabel ?alt .
} GROUP BY ?entity ?label ORDER BY ?label`,
  },
];

export function renderSparql(root: HTMLElement, hooks: { isKnown(id: string): boolean; select(id: string): void }): void {
  const select = h(
    'select',
    { id: 'sparql-example' },
    ...EXAMPLES.map((e, i) => h('option', { value: String(i) }, e.title)),
  );
  const editor = h('textarea', {
    id: 'sparql-query',
    spellcheck: false,
    rows: 12,
    value: EXAMPLES[0]!.query,
    attrs: { 'aria-label': 'SPARQL query', autocomplete: 'off', autocapitalize: 'off' },
  });
  const run = h('button', { type: 'submit', class: 'btn btn-primary', id: 'sparql-run' }, 'Run query');
  const out = h('div', { class: 'sparql-results', id: 'sparql-results', attrs: { 'aria-live': 'polite' } });
  select.addEventListener('change', () => {
    editor.value = EXAMPLES[Number(select.value)]?.query ?? '';
  });
  let ctrl: AbortController | null = null;

  const exec = async () => {
    ctrl?.abort();
    ctrl = new AbortController();
    run.disabled = true;
    replace(out, h('p', { class: 'muted' }, 'Running…'));
    const t0 = performance.now();
    try {
      const res = await api.sparql(editor.value, ctrl.signal);
      renderResult(out, res, performance.now() - t0, hooks);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') replace(out, h('p', { class: 'error' }, (e as Error).message, (e as { detail?: string }).detail ? h('pre', null, (e as { detail?: string }).detail!) : null));
    } finally {
      run.disabled = false;
    }
  };
  const form = h('form', { class: 'sparql-form', on: { submit: (e: SubmitEvent) => (e.preventDefault(), void exec()) } },
    h('label', { htmlFor: 'sparql-example' }, 'Example '),
    select,
    editor,
    h('div', { class: 'row' }, run, h('span', { class: 'hint' }, 'Ctrl+Enter runs the query. Data in named graphs is queried as one union.')),
  );
  editor.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void exec();
    }
  });
  replace(root, h('h2', { class: 'view-title' }, 'SPARQL'), form, out);
}

function cell(term: { type: string; value: string } | undefined, hooks: { isKnown(id: string): boolean; select(id: string): void }): HTMLElement {
  if (!term) return h('td', { class: 'muted' }, '');
  if (term.type === 'uri' && hooks.isKnown(term.value)) {
    return h('td', null, h('button', { type: 'button', class: 'node-ref', on: { click: () => hooks.select(term.value) } }, term.value));
  }
  return h('td', { class: term.type === 'uri' ? 'iri' : '' }, term.value);
}

function renderResult(out: HTMLElement, res: SparqlResult, ms: number, hooks: { isKnown(id: string): boolean; select(id: string): void }): void {
  const took = `${Math.round(ms)} ms`;
  if (res.kind === 'boolean') {
    replace(out, h('p', null, `Answer: ${res.value ? 'yes' : 'no'} (${took})`));
    return;
  }
  if (res.kind === 'text') {
    replace(out, h('p', { class: 'hint' }, `${res.contentType || 'text'} (${took})`), h('pre', { class: 'sparql-text' }, res.text));
    return;
  }
  const vars = res.data.head.vars;
  const rows = res.data.results.bindings;
  announce(`${rows.length} results`);
  replace(
    out,
    h('p', { class: 'hint', id: 'sparql-count' }, `${rows.length} ${rows.length === 1 ? 'row' : 'rows'} (${took})`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table', id: 'sparql-table' },
        h('thead', null, h('tr', null, ...vars.map((v) => h('th', { scope: 'col' }, v)))),
        h('tbody', null, ...rows.map((b) => h('tr', null, ...vars.map((v) => cell(b[v], hooks))))),
      ),
    ),
  );
}
