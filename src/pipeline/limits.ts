/**
 * Structural limits of one article, checked after decoding and HTML extraction and before
 * the pipeline, so that no input makes an annotation worker's memory or time grow without
 * bound: the text's length, and how many capitalised names it holds (a list of thousands of
 * names is an index, not an article, and costs the resolver far more than its size). An
 * article over a limit is skipped with a reason that names the limit and the setting.
 */
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import type { Settings } from '../settings.js';
import { toRecord, type ArticleRecord } from '../corpus/record.js';
import { UnreadableInputError } from '../errors.js';
import { annotateDoc, readDoc, type ArticleInput } from './annotate.js';

export type LimitSettings = Pick<Settings, 'maxFileBytes' | 'maxArticleChars' | 'maxNamesPerArticle'>;

/** Two or more capitalised words in a row ("Li Wei", "Foreign Ministry"): what the name finder looks at. */
const NAME_LIKE = /\p{Lu}[\p{Ll}\p{Lo}'-]*(?:[ \t]+\p{Lu}[\p{Ll}\p{Lo}'-]*)+/gu;

/** Name-like runs in `text`, counting stops at `stop` (the count is only compared with a limit). */
export function countNameLike(text: string, stop: number): number {
  let n = 0;
  NAME_LIKE.lastIndex = 0;
  while (n < stop && NAME_LIKE.exec(text)) n++;
  return n;
}

/** Throw UnreadableInputError when the article's text is over a structural limit. */
export function checkLimits(id: string, text: string, s: LimitSettings): void {
  if (text.length > s.maxArticleChars)
    throw new UnreadableInputError(id, `the article's text is ${text.length} characters long, over the limit of ${s.maxArticleChars}; split it into smaller articles, or raise maxArticleChars`);
  if (countNameLike(text, s.maxNamesPerArticle + 1) > s.maxNamesPerArticle)
    throw new UnreadableInputError(id, `the text holds more than ${s.maxNamesPerArticle} capitalised names; it reads as a list or an index, not an article (raise maxNamesPerArticle to read it)`);
}

/** annotateArticle with the structural limits checked before the pipeline runs. */
export function annotateWithinLimits(input: ArticleInput, kb: KnowledgeBase, settings: LimitSettings): ArticleRecord {
  const doc = readDoc(input, settings);
  checkLimits(doc.id, doc.text, settings);
  return toRecord(annotateDoc(doc, kb));
}
