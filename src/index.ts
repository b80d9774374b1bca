/**
 * The public API of the annotation pipeline and graph core, used by the CLI and the
 * server. See DEVELOPERS.md for what each part does.
 */
export { resolveSettings, DEFAULT_SETTINGS } from './settings.js';
export type { Settings } from './settings.js';
export { KnowledgeBase } from './kb/knowledge-base.js';
export { annotateArticle, annotateDoc, readDoc } from './pipeline/annotate.js';
export type { ArticleInput } from './pipeline/annotate.js';
export { Corpus } from './corpus/corpus.js';
export type { ArticleRecord } from './corpus/record.js';
export { buildGraph } from './graph/build.js';
export { Graph, type KgGraph } from './graph/graphology.js';
export { buildInputs, listInputs } from './build.js';
export type { BuildResult, Skipped } from './build.js';
export { toTurtle, toNTriples, toNQuads, toTriG } from './emit/serialize.js';
export { writeOutputs } from './emit/files.js';
export { validateShacl } from './validate/shacl.js';
export * from './errors.js';
