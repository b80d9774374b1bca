/**
 * The one place the server imports the annotation pipeline and graph core.
 */
export { resolveSettings, KnowledgeBase, annotateArticle, Corpus, buildGraph, buildInputs, toTurtle, toNTriples, toNQuads, toTriG } from '../src/index.js';
export type { Settings, ArticleRecord } from '../src/index.js';
