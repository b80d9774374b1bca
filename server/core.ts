/**
 * The one place the server imports the annotation pipeline and graph core.
 * (Switch to '../src/index.js' once it exists; the names are the same.)
 */
export { resolveSettings } from '../src/settings.js';
export type { Settings } from '../src/settings.js';
export { KnowledgeBase } from '../src/kb/knowledge-base.js';
export { annotateArticle } from '../src/pipeline/annotate.js';
export { Corpus } from '../src/corpus/corpus.js';
export type { ArticleRecord } from '../src/corpus/record.js';
export { buildGraph } from '../src/graph/build.js';
export { buildInputs } from '../src/build.js';
export { toTurtle, toNTriples, toNQuads, toTriG } from '../src/emit/serialize.js';
