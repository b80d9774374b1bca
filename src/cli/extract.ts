/**
 * `newskg extract <files or folders…>`: what newskg read from each input, one JSON
 * object a line: the body the pipeline annotates, its language and its metadata.
 * It runs the reading stages only (decode, HTML extraction, clean, metadata,
 * language), so it is fast and useful on its own, and it is how the page benchmark
 * is scored (`npm run bench:pages`).
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { listInputs, type Skipped } from '../build.js';
import { readDoc, type ArticleInput } from '../pipeline/annotate.js';
import { cleanDoc } from '../clean/boilerplate.js';
import { readMetadata } from '../metadata/metadata.js';
import type { Settings } from '../settings.js';
import { NewskgError, UnreadableInputError } from '../errors.js';

export interface Extraction {
  file: string;
  format: 'text' | 'html';
  /** ISO 639-1 code of the body's language, or null when the body is too short to tell. */
  language: string | null;
  headline: string | null;
  /** ISO date, YYYY-MM-DD. */
  datePublished: string | null;
  publisher: string | null;
  author: string[];
  /** The article body, one block (paragraph, subheading, list item) a line. */
  body: string;
}

/** Read one input as the pipeline does, up to its language; throws UnreadableInputError. */
export function extractArticle(input: ArticleInput, settings: Pick<Settings, 'maxFileBytes'>): Extraction {
  let doc = readDoc(input, settings);
  doc = { ...doc, ...cleanDoc(doc) };
  doc = { ...doc, meta: readMetadata(doc) };
  const language = doc.meta.language;
  const m = doc.meta;
  return {
    file: input.name,
    format: doc.format,
    language: language ?? null,
    headline: m.headline ?? null,
    datePublished: m.datePublished ?? null,
    publisher: m.outlet ?? null,
    author: m.byline ?? [],
    body: doc.body.map((s) => doc.text.slice(s.start, s.end)).join('\n'),
  };
}

export interface ExtractResult {
  written: number;
  skipped: Skipped[];
}

/** Extract every input under `paths`, writing one JSON line per readable file to `out`. */
export async function extractInputs(paths: string[], settings: Settings, out: Writable): Promise<ExtractResult> {
  const { files, missing } = await listInputs(paths);
  const skipped = [...missing];
  let written = 0;
  for (const file of files) {
    let line: string;
    try {
      line = JSON.stringify(extractArticle({ name: file, data: await readFile(file) }, settings));
    } catch (e) {
      // One bad file never stops the run: it is named on stderr by the caller.
      const reason = e instanceof UnreadableInputError ? e.reason : e instanceof NewskgError ? e.message : `could not be read (${(e as Error).message})`;
      skipped.push({ file, reason });
      continue;
    }
    if (!out.write(line + '\n')) await once(out, 'drain');
    written++;
  }
  return { written, skipped };
}

/** Run the command: stdout, or `--out FILE`. Returns the exit status (0, or 2 when some input was skipped). */
export async function runExtract(inputs: string[], settings: Settings, outFile: string | undefined): Promise<number> {
  const out = outFile ? createWriteStream(outFile) : process.stdout;
  if (outFile) await once(out, 'open');
  const result = await extractInputs(inputs, settings, out);
  if (outFile) await new Promise<void>((res, rej) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? rej(e) : res())));
  for (const s of result.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
  return result.skipped.length ? 2 : 0;
}
