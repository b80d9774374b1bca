import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { separateBody } from '../../src/clean/boilerplate.js';
import { readDoc } from '../../src/pipeline/annotate.js';
import type { Span } from '../../src/doc/document.js';

const SEED = fileURLToPath(new URL('../../seeds/001_e745633b0f50cdcf.txt', import.meta.url));

describe('separateBody on seed 001 (Xinhua page with menus and headline lists)', () => {
  let text: string;
  let body: Span[];
  let boilerplate: Span[];
  let bodyLines: string[];
  let boilerLines: string[];
  beforeAll(() => {
    text = readDoc({ name: '001_e745633b0f50cdcf.txt', data: readFileSync(SEED) }, { maxFileBytes: 5e6 }).text;
    ({ body, boilerplate } = separateBody(text));
    bodyLines = body.map((s) => text.slice(s.start, s.end));
    boilerLines = boilerplate.map((s) => text.slice(s.start, s.end));
  });

  it('keeps the article paragraphs in the body, the Hong Lei one among them', () => {
    expect(bodyLines.some((l) => l.startsWith('Foreign Ministry spokesman Hong Lei made the remarks at a regular press briefing'))).toBe(true);
    expect(bodyLines.some((l) => l.startsWith('BEIJING, Feb. 20 (Xinhua) -- China on Wednesday refuted allegations'))).toBe(true);
    expect(bodyLines.some((l) => l.startsWith('Furthermore, Jin added, the U.S. government is also under pressure'))).toBe(true);
  });

  it('puts the "We Recommend" list and its items in the boilerplate', () => {
    for (const item of ['We Recommend:', 'Chinese rich women learning etiquette', 'Beauties at Beijing Film Academy enrollment site',
      'Wedding of Lisu people in Sichuan, China', 'Exploring top private clubs in China']) {
      expect(boilerLines, item).toContain(item);
      expect(bodyLines, item).not.toContain(item);
    }
  });

  it('puts numbered headline lists in the boilerplate', () => {
    const numbered = [...text.matchAll(/^[ \t]*\d{1,2}\. .+$/gm)].map((m) => m[0].trim());
    expect(numbered.length).toBeGreaterThan(10);
    for (const line of numbered) {
      expect(bodyLines.some((b) => b.includes(line)), line).toBe(false);
      expect(boilerLines, line).toContain(line);
    }
  });

  it('puts navigation, share and editor lines in the boilerplate', () => {
    expect(boilerLines).toContain('English>>China Society');
    expect(boilerLines.some((l) => l.startsWith('Email|Print|Comments'))).toBe(true);
    expect(boilerLines).toContain('Most Popular');
  });

  it('never changes the text: every span is inside it, trimmed, and slices back to its original line', () => {
    const lines = new Set(text.split('\n').map((l) => l.trim()).filter(Boolean));
    for (const s of [...body, ...boilerplate]) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(s.end).toBeGreaterThan(s.start);
      const slice = text.slice(s.start, s.end);
      expect(slice).toBe(slice.trim());
      expect(slice).not.toContain('\n');
      expect(lines.has(slice), slice).toBe(true);
      // The span covers the whole line: only spaces between it and the line breaks.
      const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
      const lineEnd = text.indexOf('\n', s.end);
      expect(text.slice(lineStart, s.start).trim()).toBe('');
      expect(text.slice(s.end, lineEnd < 0 ? text.length : lineEnd).trim()).toBe('');
    }
  });

  it('sorts every non-empty line exactly once, in text order', () => {
    const all = [...body, ...boilerplate].sort((a, b) => a.start - b.start);
    for (let i = 1; i < all.length; i++) expect(all[i].start).toBeGreaterThanOrEqual(all[i - 1].end);
    expect(all.length).toBe(text.split('\n').filter((l) => l.trim()).length);
  });
});

describe('separateBody on made-up lines', () => {
  it('tells prose from furniture whatever the site', () => {
    const text = [
      'Home | World | Business | Tech',
      'The agency said on Thursday that it had traced the attack to a group working for a foreign intelligence service.',
      '"We will respond in kind," the minister said.',
      'Share this article',
      'Copyright 2024 The Example Post. All rights reserved.',
      '  3. Ten things to know about the election',
    ].join('\n');
    const { body } = separateBody(text);
    expect(body.map((s) => text.slice(s.start, s.end))).toEqual([
      'The agency said on Thursday that it had traced the attack to a group working for a foreign intelligence service.',
      '"We will respond in kind," the minister said.',
    ]);
  });

  it('leaves out captions whose credit closes the line, and keeps prose that speaks of a photo', () => {
    const article = [
      'The agency said on Thursday that it had traced the attack to a group working for a foreign intelligence service abroad.',
      'Protesters gathered outside the ministry as officials met behind closed doors (Image: AGENCY )',
      'Engineers restored the booking system overnight, and the operator said that no customer data had been taken in the attack.',
      'A ferry waits at the quay in the early morning before the first crossingCredit: Harbour Agency - Contributor',
      'Investigators later found a photo of the server room posted online, which the agency said showed the compromised machines.',
      'Officials inspect the damaged terminal on Friday. (AP Photo/Jane Doe, File)',
      'Photo by Jane Doe/Agency',
      'The ministry said it would publish its full report on the attack before the end of the month, once the inquiry closes.',
    ];
    const text = article.join('\n\n');
    const body = separateBody(text).body.map((s) => text.slice(s.start, s.end));
    expect(body).toEqual([article[0], article[2], article[4], article[7]]);
  });
});
