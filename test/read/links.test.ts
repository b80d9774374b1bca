/**
 * Symbolic links under the input folders: followed only inside them, loops read once,
 * each refused link one skip line with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listInputs } from '../../src/build.js';

let tmp: string;
let dir: string;
const reasonOf = (missing: { file: string; reason: string }[], file: string) => missing.find((m) => m.file === file)?.reason;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'newskg-links-'));
  dir = join(tmp, 'in');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), 'Beijing denied the accusation.');
  writeFileSync(join(dir, 'sub', 'b.txt'), 'Moscow denied the accusation.');
  writeFileSync(join(tmp, 'outside.txt'), 'not an input');
  mkdirSync(join(tmp, 'elsewhere'));
  writeFileSync(join(tmp, 'elsewhere', 'c.txt'), 'not an input either');
  symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
  symlinkSync(join(tmp, 'outside.txt'), join(dir, 'outside.txt'));
  symlinkSync('../elsewhere', join(dir, 'elsewhere'));
  symlinkSync('loop-b.txt', join(dir, 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(dir, 'loop-b.txt'));
  symlinkSync('..', join(dir, 'sub', 'up'));
  symlinkSync('a.txt', join(dir, 'same.txt'));
  symlinkSync('gone.txt', join(dir, 'dangling.txt'));
  symlinkSync('/dev/zero', join(dir, 'zero.txt'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('symbolic links under the inputs', () => {
  it('are not followed out of the input folders: a file or a folder outside is one skip line', async () => {
    const { files, missing } = await listInputs([dir]);
    expect(files).not.toContain(join(dir, 'passwd.txt'));
    expect(reasonOf(missing, join(dir, 'passwd.txt'))).toMatch(/symbolic link to \/etc\/passwd, outside the input folders/);
    expect(reasonOf(missing, join(dir, 'outside.txt'))).toMatch(/outside the input folders/);
    expect(reasonOf(missing, join(dir, 'elsewhere'))).toMatch(/outside the input folders/);
    expect(files.some((f) => f.endsWith('c.txt'))).toBe(false);
  });

  it('a loop of links and a link back to a parent folder are each reported once, and the walk ends', async () => {
    const { files, missing } = await listInputs([dir]);
    expect(reasonOf(missing, join(dir, 'loop-a.txt'))).toMatch(/symbolic link loop/);
    expect(reasonOf(missing, join(dir, 'loop-b.txt'))).toMatch(/symbolic link loop/);
    expect(reasonOf(missing, join(dir, 'sub', 'up'))).toMatch(/a folder already read/);
    expect(files.filter((f) => f.endsWith('b.txt'))).toEqual([join(dir, 'sub', 'b.txt')]);
    expect(missing.filter((m) => m.reason === 'no such file or folder')).toEqual([]);
  });

  it('links inside the folders are followed; a dangling one names its target; a device is left for the reader to refuse', async () => {
    const { files, missing } = await listInputs([dir]);
    expect(files).toEqual(expect.arrayContaining([join(dir, 'a.txt'), join(dir, 'same.txt'), join(dir, 'zero.txt')]));
    expect(reasonOf(missing, join(dir, 'dangling.txt'))).toMatch(/link to gone\.txt, which does not exist/);
  });

  it('a path named on the command line is followed, even as a link out of the other inputs', async () => {
    const { files } = await listInputs([dir, join(dir, 'outside.txt')]);
    expect(files).toContain(join(dir, 'outside.txt'));
  });
});
