/**
 * Reading one input file safely: regular files only (a FIFO would block for ever, a
 * device such as /dev/zero never ends), the size checked before reading, and never
 * more than `maxBytes + 1` bytes read, so an oversized or sparse file is skipped at the
 * cost of a stat.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import { UnreadableInputError } from '../errors.js';

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function refuseIfNotArticle(file: string, st: Stats, maxBytes: number): void {
  if (!st.isFile()) throw new UnreadableInputError(file, `it is ${kindOf(st)}, not a regular file; only regular files are read`);
  if (st.size > maxBytes)
    throw new UnreadableInputError(file, `the file is ${st.size} bytes, over the ${maxBytes}-byte limit (raise maxFileBytes)`);
}

/**
 * The bytes of a regular file of at most `maxBytes` bytes, or UnreadableInputError naming why not.
 * Synchronous: an article is a few kilobytes, and six thread-pool round trips per file (stat,
 * open, fstat, two reads, close) cost a 10k build's main thread seconds of scheduling.
 */
export function readInputFile(file: string, maxBytes: number): Buffer {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw new UnreadableInputError(file, `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  refuseIfNotArticle(file, st, maxBytes);
  // O_NONBLOCK: should the path be swapped for a FIFO after the stat, opening it does not hang.
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UnreadableInputError(file, `it cannot be opened (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    refuseIfNotArticle(file, fstatSync(fd), maxBytes);
    // The file may grow after the stat: read at most one byte over the limit to tell.
    // Not from the shared pool: the bytes go to a worker, and a view's whole buffer is copied.
    const buf = Buffer.allocUnsafeSlow(Math.min(maxBytes + 1, st.size + 1));
    let len = 0;
    while (len < buf.length) {
      const bytesRead = readSync(fd, buf, len, buf.length - len, len);
      if (bytesRead === 0) break;
      len += bytesRead;
    }
    if (len > maxBytes) throw new UnreadableInputError(file, `the file grew past the ${maxBytes}-byte limit while being read (raise maxFileBytes)`);
    if (len > st.size) throw new UnreadableInputError(file, 'the file grew while being read; build again once it is written');
    return buf.subarray(0, len);
  } finally {
    closeSync(fd);
  }
}

/** The folders or files a build was given, as real paths: links found under them must stay inside. */
export async function inputRoots(paths: string[]): Promise<string[]> {
  return Promise.all(paths.map((p) => fs.realpath(p).catch(() => resolve(p))));
}

const inside = (real: string, roots: string[]) => roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));

/**
 * Why a symbolic link met while walking the inputs is not followed, or undefined when it
 * may be: a loop, a missing target, or a file or folder outside the input roots (a link to
 * /etc/passwd would make it an article). Links to devices and FIFOs are left to
 * readInputFile, which names what they are.
 */
export async function linkRefusal(link: string, roots: string[]): Promise<string | undefined> {
  let real: string;
  try {
    real = await fs.realpath(link);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'it is a symbolic link loop (it leads back to itself); remove the link';
    return `it is a symbolic link to ${await fs.readlink(link).catch(() => '?')}, which does not exist (${code ?? (e as Error).message})`;
  }
  const st = await fs.stat(real).catch(() => undefined);
  if (st && !st.isFile() && !st.isDirectory()) return undefined;
  if (!inside(real, roots))
    return `it is a symbolic link to ${real}, outside the input folders; links are not followed out of them (copy the file in, or name it on the command line)`;
  return undefined;
}
