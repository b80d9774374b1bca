/**
 * One file in, one annotated article out: decode, extract HTML, run the pipeline,
 * and keep what the graph needs as a plain-JSON ArticleRecord.
 */
import { basename } from 'node:path';
import { emptyDoc, type Doc } from '../doc/document.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { decodeArticle, normaliseText } from '../read/decode.js';
import { looksLikeHtml, readHtml } from '../read/html.js';
import type { Settings } from '../settings.js';
import { toRecord, type ArticleRecord } from '../corpus/record.js';
import { makePipeline } from './stages.js';
import type { Pipeline } from './stage.js';
import { UnreadableInputError } from '../errors.js';
import { gunzipInput, innerName } from '../read/gzip.js';

export interface ArticleInput {
  /** File name (or any name ending in .html for HTML); its base name is the article id. */
  name: string;
  data: Uint8Array | string;
}

const pipelines = new WeakMap<KnowledgeBase, Pipeline>();

export function readDoc(input: ArticleInput, settings: Pick<Settings, 'maxFileBytes'>): Doc {
  const id = basename(input.name);
  let text = typeof input.data === 'string' ? normaliseText(input.data) : decodeArticle(id, gunzipInput(id, input.data, settings.maxFileBytes), settings);
  if (typeof input.data === 'string' && Buffer.byteLength(input.data) > settings.maxFileBytes)
    throw new UnreadableInputError(id, `the text is over the ${settings.maxFileBytes}-byte limit`);
  if (!/\p{L}/u.test(text)) throw new UnreadableInputError(id, 'the text holds no words');
  if (looksLikeHtml(innerName(id), text)) {
    const html = readHtml(text);
    text = html.text;
    if (!text.trim()) throw new UnreadableInputError(id, 'the HTML page has no readable article text');
    return { ...emptyDoc(id, text, 'html'), meta: html.meta };
  }
  return emptyDoc(id, text, 'text');
}

export function annotateDoc(doc: Doc, kb: KnowledgeBase): Doc {
  let p = pipelines.get(kb);
  if (!p) pipelines.set(kb, (p = makePipeline(kb)));
  return p.run(doc);
}

/** Annotate one article. Throws UnreadableInputError (with the reason) for input that is not an article. */
export function annotateArticle(input: ArticleInput, kb: KnowledgeBase, settings: Pick<Settings, 'maxFileBytes'>): ArticleRecord {
  return toRecord(annotateDoc(readDoc(input, settings), kb));
}
