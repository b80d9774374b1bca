/**
 * Hostile inputs for `npm run fuzz`: every class the hostile-input issue names, generated
 * from a seeded random source so a run can be repeated. `scale` multiplies the number of
 * files per class (1 gives over 1,000 hostile inputs); sizes stay bounded so a run fits in minutes.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOOD_DIR = new URL('../fixtures/articles/', import.meta.url).pathname;

/** Mulberry32: a small seeded generator, so the same seed writes the same files. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEAD = 'Beijing, March 3 -- The Foreign Ministry denied on Tuesday that state hackers broke into the port authority, calling the claim groundless. ';
const SCRIPTS = ['Пекин отверг обвинения. ', '北京否认了指控。', 'بكين نفت الاتهامات. ', 'पेइचिंग ने आरोपों से इनकार किया। ', 'Ο Πεκίνος αρνήθηκε. ', '北朝鮮はハッキングを否定した。', '🙂🔥💥 ', 'ﷺ‮‭\u200b\u200d '];
const NAMES = ['Li Wei', 'John Smith', 'Anna Kowalska', 'Olena Petrenko', 'Kim Jong', 'Ahmed Hassan', 'María López', 'Yuki Tanaka'];

interface Gen { rnd: () => number; i: number }
type Make = (g: Gen) => { ext: string; data: Buffer | string };

const pick = <T>(g: Gen, xs: T[]): T => xs[Math.floor(g.rnd() * xs.length)];
const bytes = (g: Gen, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(g.rnd() * 256)));

/** Each class: how many files at scale 1, and how to make one. */
export const CLASSES: Record<string, { count: number; make: Make }> = {
  binary: { count: 150, make: (g) => ({ ext: pick(g, ['.txt', '.html', '.htm']), data: bytes(g, 64 + Math.floor(g.rnd() * 4000)) }) },
  'wrong encoding': {
    count: 150,
    make: (g) => ({ ext: '.txt', data: Buffer.from(LEAD + ' José Núñez, Łódź, Ærø. '.repeat(1 + (g.i % 5)), pick(g, ['latin1', 'utf16le', 'ucs2'] as BufferEncoding[])) }),
  },
  empty: { count: 60, make: (g) => ({ ext: pick(g, ['.txt', '.html']), data: pick(g, ['', ' ', '\n\n\n', '\t \r\n', '<html></html>', '\ufeff']) }) },
  'huge line without spaces': { count: 30, make: (g) => ({ ext: '.txt', data: LEAD + pick(g, ['x', 'ab', '中', '-']).repeat(20_000 + Math.floor(g.rnd() * 60_000)) + '\n\n' + LEAD }) },
  'deeply nested HTML': {
    count: 30,
    make: (g) => {
      const depth = pick(g, [300, 2_000, 20_000, 60_000]);
      const tag = pick(g, ['div', 'span', 'b', 'table']);
      return { ext: '.html', data: `<!doctype html><html><head><title>Deep ${g.i}</title></head><body>${`<${tag}>`.repeat(depth)}<p>${LEAD}</p>${`</${tag}>`.repeat(g.i % 2 ? depth : 0)}</body></html>` };
    },
  },
  'thousands of names': {
    count: 12,
    make: (g) => ({ ext: '.txt', data: LEAD + Array.from({ length: 2_000 + Math.floor(g.rnd() * 8_000) }, (_, k) => `${pick(g, NAMES)} ${k}`).join(', ') + ' accused Russia.' }),
  },
  'megabyte article': {
    count: 3,
    // Paragraphs that differ, so cleaning keeps them (it drops lines repeated as page furniture).
    make: (g) => ({ ext: '.txt', data: Array.from({ length: Math.ceil((1_048_576 + g.i) / 190) }, (_, k) => `${LEAD}${pick(g, NAMES)} said on day ${k} that attack ${k * 7 + g.i} on the ${pick(g, ['port', 'grid', 'bank', 'ministry'])} was deliberate.`).join('\n\n') }),
  },
  'NUL bytes': {
    count: 150,
    make: (g) => {
      const b = Buffer.from(LEAD.repeat(2));
      for (let k = 0; k < 1 + (g.i % 20); k++) b[Math.floor(g.rnd() * b.length)] = 0;
      return { ext: '.txt', data: b };
    },
  },
  'mixed scripts': { count: 150, make: (g) => ({ ext: '.txt', data: Array.from({ length: 4 + (g.i % 12) }, () => pick(g, [...SCRIPTS, LEAD])).join('') }) },
  'truncated UTF-8': {
    count: 150,
    make: (g) => {
      const b = Buffer.from(`${LEAD} ${pick(g, SCRIPTS)} ${pick(g, SCRIPTS)}`);
      // Cut inside a multi-byte character, or drop one continuation byte in the middle.
      const cut = b.lastIndexOf(0xe0 + (g.i % 16)) > 0 ? b.length - 1 : b.length - 2;
      const data = g.i % 2 ? b.subarray(0, cut) : Buffer.concat([b.subarray(0, LEAD.length + 3), b.subarray(LEAD.length + 4)]);
      return { ext: '.txt', data };
    },
  },
  'HTML with scripts only': {
    count: 150,
    make: (g) => ({ ext: '.html', data: `<html><head><title></title><script>${'var a=1;'.repeat(1 + (g.i % 50))}</script></head><body>${'<script>document.write("x")</script><style>p{}</style>'.repeat(1 + (g.i % 10))}</body></html>` }),
  },
};

export interface Generated { dir: string; inputs: number; byClass: Record<string, number>; good: string[] }

/** Special files: FIFOs, devices and symlinks to them, a symlink loop, an unreadable folder. */
function specialFiles(dir: string, scale: number, byClass: Record<string, number>): void {
  const n = Math.max(1, Math.round(10 * scale));
  const special = join(dir, 'special');
  mkdirSync(special);
  for (let i = 0; i < n; i++) execFileSync('mkfifo', [join(special, `fifo-${i}.txt`)]);
  byClass.FIFO = n;
  const devices = ['/dev/zero', '/dev/urandom', '/dev/null', '/dev/full'];
  for (let i = 0; i < n; i++) symlinkSync(devices[i % devices.length], join(special, `device-${i}.txt`));
  byClass['symlink to a device'] = n;
  symlinkSync('loop-b.txt', join(special, 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(special, 'loop-b.txt'));
  mkdirSync(join(special, 'cycle'));
  symlinkSync('..', join(special, 'cycle', 'up'));
  byClass['symlink loop'] = 3;
  symlinkSync('/etc/passwd', join(special, 'passwd.txt'));
  symlinkSync('/etc', join(special, 'etc'));
  byClass['symlink out of the input folder'] = 2;
  const locked = join(special, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'secret.txt'), LEAD);
  chmodSync(locked, 0o000);
  byClass['unreadable folder'] = 1;
}

/** Writes the hostile inputs and copies of the good articles into `dir/hostile` and `dir/good`. */
export function generate(dir: string, scale = 1, seed = 8): Generated {
  const g: Gen = { rnd: random(seed), i: 0 };
  const byClass: Record<string, number> = {};
  const hostile = join(dir, 'hostile');
  mkdirSync(hostile, { recursive: true });
  for (const [name, c] of Object.entries(CLASSES)) {
    const n = Math.max(1, Math.round(c.count * scale));
    for (g.i = 0; g.i < n; g.i++) {
      const { ext, data } = c.make(g);
      writeFileSync(join(hostile, `${name.replace(/\W+/g, '-')}-${g.i}${ext}`), data);
    }
    byClass[name] = n;
  }
  specialFiles(hostile, scale, byClass);
  const good = readdirSync(GOOD_DIR).filter((f) => /\.(txt|html?)$/.test(f));
  mkdirSync(join(dir, 'good'));
  for (const f of good) copyFileSync(join(GOOD_DIR, f), join(dir, 'good', f));
  byClass['good article'] = good.length;
  return { dir, inputs: Object.values(byClass).reduce((a, b) => a + b, 0), byClass, good };
}

/** Makes the unreadable folder removable again. */
export function unlock(dir: string): void {
  try { chmodSync(join(dir, 'hostile', 'special', 'locked'), 0o755); } catch { /* already gone */ }
}
