/**
 * A sample of `npm run fuzz` (about 110 hostile inputs of every class, beside the good
 * articles) built with the real CLI: no crash, no input over its time budget, each class
 * skipped with its own reason, and the good articles' facts the same as when built alone.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz, type Report } from './fuzz.js';

describe('npm run fuzz, a sample', () => {
  let r: Report;
  it('builds over 100 hostile inputs without a crash or an input over its budget', { timeout: 240_000 }, async () => {
    r = await runFuzz({ scale: 0.1, jobs: 2, deadlineMs: 200_000 });
    expect(r.inputs).toBeGreaterThanOrEqual(100);
    expect(r.crashes).toEqual([]);
    expect(r.hung).toBe(false);
    expect(r.overBudget).toEqual([]);
  });

  it('names the reason of each kind of refused input', () => {
    expect(r).toBeDefined();
    const kinds = [...r.reasons.keys()].join('\n');
    for (const re of [/binary/, /not valid UTF-N/, /no readable article text/, /levels deep, over the limit/, /a device, not a regular file/, /named pipe/, /symbolic link loop/, /outside the input folders/, /a folder already read/, /empty|no words/, /characters long, over the limit of N/, /capitalised names, one every N characters/])
      expect(kinds).toMatch(re);
    expect([...r.reasons.keys()].some((k) => /no such file or folder|Readability|undefined/.test(k))).toBe(false);
  });

  it("leaves the good articles' facts as a build of them alone gives them", () => {
    expect(r).toBeDefined();
    expect(r.goodSkipped).toEqual([]);
    expect(r.goodFacts).toBeGreaterThan(100);
    expect(r.goodSame).toBe(true);
  });
});
