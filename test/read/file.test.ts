/**
 * Reading inputs safely, on real files: regular files only, the size checked before
 * reading and never more than the limit + 1 byte read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputFile } from '../../src/read/file.js';
import { listInputs } from '../../src/build.js';
import { fingerprint } from '../../server/persist.js';
import { UnreadableInputError } from '../../src/errors.js';

const LIMIT = 1024 * 1024;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newskg-read-'));
  writeFileSync(join(dir, 'good.txt'), 'Beijing denied the accusation.');
  writeFileSync(join(dir, 'at-limit.txt'), Buffer.alloc(LIMIT, 0x61));
  writeFileSync(join(dir, 'over.txt'), Buffer.alloc(LIMIT + 1, 0x61));
  symlinkSync('/dev/zero', join(dir, 'zero.txt'));
  execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  // 1.5 GB of holes: reading it whole would take 1.5 GB of memory.
  const fd = openSync(join(dir, 'sparse.txt'), 'w');
  ftruncateSync(fd, 1_500_000_000);
  closeSync(fd);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reason(file: string): string {
  let e: unknown;
  try { readInputFile(join(dir, file), LIMIT); } catch (x) { e = x; }
  expect(e).toBeInstanceOf(UnreadableInputError);
  return (e as UnreadableInputError).reason;
}

describe('readInputFile', () => {
  it('reads a regular file up to the limit', () => {
    expect(readInputFile(join(dir, 'good.txt'), LIMIT).toString()).toBe('Beijing denied the accusation.');
    expect(readInputFile(join(dir, 'at-limit.txt'), LIMIT).length).toBe(LIMIT);
  });

  it('skips a file over the limit, and a 1.5 GB sparse file, without reading them', () => {
    expect(reason('over.txt')).toMatch(/1048577 bytes, over the 1048576-byte limit/);
    const rss = process.memoryUsage().rss;
    expect(reason('sparse.txt')).toMatch(/1500000000 bytes, over the/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses devices (a symlink to /dev/zero) and named pipes, without blocking', () => {
    expect(reason('zero.txt')).toMatch(/a device, not a regular file/);
    expect(reason('pipe.txt')).toMatch(/a named pipe \(FIFO\), not a regular file/);
    expect(reason('missing.txt')).toMatch(/ENOENT/);
  });

  it('fingerprints the inputs without reading the oversized ones or opening pipes', async () => {
    const rss = process.memoryUsage().rss;
    const a = await fingerprint({ inputs: [dir] }, {}, LIMIT);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    expect(await fingerprint({ inputs: [dir] }, {}, LIMIT)).toBe(a);
  });
});

describe.skipIf(process.getuid?.() === 0)('listInputs', () => {
  it('skips an unreadable folder with one reason and lists the rest', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'locked'), { recursive: true });
    writeFileSync(join(root, 'a.txt'), 'text');
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const { files, missing } = await listInputs([root]);
      expect(files).toEqual([join(root, 'a.txt')]);
      expect(missing).toEqual([{ file: join(root, 'locked'), reason: 'the folder cannot be read (EACCES)' }]);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });
});
