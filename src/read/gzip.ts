/**
 * Gzip-compressed inputs (`page.html.gz`, `article.txt.gz`): users keep crawls that
 * way. The size limit applies to the decompressed bytes, so a small bomb is refused
 * with a clear reason instead of filling memory.
 */
import { gunzipSync } from 'node:zlib';
import { UnreadableInputError } from '../errors.js';

export const GZ = /\.gz$/i;

/** The name a gzip file stands for: "a.html.gz" → "a.html". */
export function innerName(name: string): string {
  return name.replace(GZ, '');
}

/** Decompress `data` when `name` ends in .gz (or the bytes start with the gzip magic); else return it as is. */
export function gunzipInput(name: string, data: Uint8Array, maxBytes: number): Uint8Array {
  const magic = data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
  if (!GZ.test(name) && !magic) return data;
  if (!magic) throw new UnreadableInputError(name, 'the file is named .gz but is not gzip data (rename it or compress it with gzip)');
  try {
    return gunzipSync(data, { maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test((e as Error).message))
      throw new UnreadableInputError(name, `the file decompresses to more than the ${maxBytes}-byte limit (raise maxFileBytes)`);
    throw new UnreadableInputError(name, `the gzip data is damaged (${(e as Error).message}); re-compress the file`);
  }
}
