/**
 * A corpus for tests of the live graph's changes (graph-remove, the live actor view): the seed
 * articles and some of the test's own, annotated once, and what the server's store diff would
 * say changed in the entities graph between two versions.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { buildInputs } from '../../src/build.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import type { ArticleRecord } from '../../src/corpus/record.js';
import type { Settings } from '../../src/settings.js';
import { toNQuads } from '../../src/emit/serialize.js';
import { REPO } from './helpers.js';

/** The records of the seeds and of `texts` (named `<prefix>-<i>.txt`), built in `dir`/in. */
export async function seedsAnd(dir: string, texts: string[], prefix: string, settings: Settings): Promise<ArticleRecord[]> {
  mkdirSync(join(dir, 'in'));
  for (const f of readdirSync(join(REPO, 'seeds'))) copyFileSync(join(REPO, 'seeds', f), join(dir, 'in', f));
  texts.forEach((t, i) => writeFileSync(join(dir, 'in', `${prefix}-${i}.txt`), t));
  return (await buildInputs([join(dir, 'in')], settings, { jobs: 1 })).corpus.records();
}

export function corpusOf(settings: Settings, recs: ArticleRecord[]): Corpus {
  const c = new Corpus(settings, KnowledgeBase.load(settings));
  for (const r of recs) c.add(r);
  return c;
}

/** The entities whose description differs between two entities graphs, as the server's store diff finds them. */
export function changedBetween(before: Quad[], after: Quad[]): Set<string> {
  const lines = (qs: Quad[]) => new Map(qs.map((q) => [toNQuads([q]), q.subject.value]));
  const a = lines(before);
  const b = lines(after);
  const out = new Set<string>();
  for (const [k, s] of a) if (!b.has(k)) out.add(s);
  for (const [k, s] of b) if (!a.has(k)) out.add(s);
  return out;
}
