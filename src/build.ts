/**
 * Build a corpus from files and folders: every readable article is annotated and
 * added; a file that cannot be read is skipped with its reason, and the build goes on.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Corpus } from './corpus/corpus.js';
import { KnowledgeBase } from './kb/knowledge-base.js';
import { annotateArticle } from './pipeline/annotate.js';
import { readInputFile } from './read/file.js';
import type { Settings } from './settings.js';
import { NewskgError, UnreadableInputError } from './errors.js';

export interface Skipped {
  file: string;
  reason: string;
}

export interface BuildResult {
  corpus: Corpus;
  skipped: Skipped[];
  files: number;
  seconds: number;
}

export interface BuildOptions {
  onProgress?: (done: number, total: number, file: string) => void;
}

const ARTICLE_FILE = /\.(txt|text|html?|xhtml)(\.gz)?$/i;

/** The article files under the given paths (folders are walked; hidden files skipped). */
export async function listInputs(paths: string[]): Promise<{ files: string[]; missing: Skipped[] }> {
  const files: string[] = [];
  const missing: Skipped[] = [];
  const walk = async (p: string, top: boolean): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch {
      missing.push({ file: p, reason: 'no such file or folder' });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(p);
      } catch (e) {
        // An unreadable folder is skipped like an unreadable file: one line, and the build goes on.
        missing.push({ file: p, reason: `the folder cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        return;
      }
      for (const name of names.sort()) if (!name.startsWith('.')) await walk(join(p, name), false);
    } else if (top || ARTICLE_FILE.test(p)) files.push(p);
  };
  for (const p of paths) await walk(p, true);
  return { files, missing };
}

export async function buildInputs(paths: string[], settings: Settings, options: BuildOptions = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const kb = KnowledgeBase.load(settings);
  const corpus = new Corpus(settings, kb);
  const { files, missing } = await listInputs(paths);
  const skipped = [...missing];
  const seen = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    options.onProgress?.(i, files.length, file);
    try {
      const data = await readInputFile(file, settings.maxFileBytes);
      const rec = annotateArticle({ name: file, data }, kb, settings);
      if (seen.has(rec.id)) {
        skipped.push({ file, reason: `another input has the same file name (${seen.get(rec.id)}); article ids are file names` });
        continue;
      }
      seen.set(rec.id, file);
      corpus.add(rec);
    } catch (e) {
      // One bad file never stops the build: report it and go on.
      const reason = e instanceof UnreadableInputError ? e.reason : e instanceof NewskgError ? e.message : `could not be annotated (${(e as Error).message})`;
      skipped.push({ file, reason });
    }
  }
  options.onProgress?.(files.length, files.length, '');
  return { corpus, skipped, files: files.length, seconds: (performance.now() - t0) / 1000 };
}
