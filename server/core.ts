/**
 * The one place the server imports the annotation pipeline and graph core (src/index.ts).
 */
export {
  resolveSettings,
  KnowledgeBase,
  annotateArticle,
  Corpus,
  buildGraph,
  buildInputs,
  toTurtle,
  toNTriples,
  toNQuads,
  toTriG,
} from '../src/index.js';
export type { ArticleRecord } from '../src/index.js';
export type { Settings } from '../src/settings.js';
