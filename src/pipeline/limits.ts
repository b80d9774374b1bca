/**
 * Structural limits of one article, checked after decoding and HTML extraction and before
 * the pipeline, so that no input makes an annotation worker's memory or time grow without
 * bound: the text's length, and how many capitalised names it holds (thousands of names packed
 * together are an index, not an article, and cost the resolver far more than their size). An
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

/** Fewer characters per name than this, over the names limit, is a list (the fixtures hold one in 80–230). */
const LIST_CHARS_PER_NAME = 40;

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
  // Long news text holds many names too, but spread out: a list packs one in every few words.
  const names = countNameLike(text, Infinity);
  if (names > s.maxNamesPerArticle && names * LIST_CHARS_PER_NAME > text.length)
    throw new UnreadableInputError(id, `the text holds ${names} capitalised names, one every ${Math.round(text.length / names)} characters; it reads as a list or an index, not an article (over ${s.maxNamesPerArticle} names and denser than one in ${LIST_CHARS_PER_NAME} characters; raise maxNamesPerArticle to read it)`);
}

/** annotateArticle with the structural limits checked before the pipeline runs. */
export function annotateWithinLimits(input: ArticleInput, kb: KnowledgeBase, settings: LimitSettings): ArticleRecord {
  const doc = readDoc(input, settings);
  checkLimits(doc.id, doc.text, settings);
  return toRecord(annotateDoc(doc, kb));
}
