/**
 * Every spokesperson pattern's example sentences must match it and give the role they
 * name (through the real pipeline), and its counter-examples must not match it: the
 * pattern table is the spec, run as tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { SequenceMatcher } from '../../src/rules/sequence.js';
import { viewOf } from '../../src/syntax/view.js';
import { ROLE_PATTERNS, type RolePattern } from '../../src/roles/patterns.js';
import type { Doc } from '../../src/doc/document.js';

const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

const annotate = (text: string): Doc => annotateDoc(readDoc({ name: 'example.txt', data: text }, settings), kb);
const matches = (p: RolePattern, d: Doc) => new SequenceMatcher(viewOf(d), [p]).all();
const names = (d: Doc, c: number) => [d.clusters[c].label, ...d.clusters[c].names].join(' | ');

describe('spokesperson patterns', () => {
  it('have unique ids, examples and counter-examples', () => {
    expect(new Set(ROLE_PATTERNS.map((p) => p.id)).size).toBe(ROLE_PATTERNS.length);
    for (const p of ROLE_PATTERNS) {
      expect(p.examples.length, p.id).toBeGreaterThan(0);
      expect(p.counter.length, p.id).toBeGreaterThan(0);
    }
  });

  for (const p of ROLE_PATTERNS) {
    for (const ex of p.examples) {
      it(`${p.id} reads: ${ex.text}`, () => {
        const d = annotate(ex.text);
        expect(matches(p, d).length, 'the pattern should match').toBeGreaterThan(0);
        const roles = d.roles.map((r) => ({ person: d.clusters[r.person].label, unnamed: !!d.clusters[r.person].unnamed, org: names(d, r.org) }));
        const want = ex.person
          ? expect.objectContaining({ person: expect.stringContaining(ex.person), unnamed: false, org: expect.stringContaining(ex.org) })
          : expect.objectContaining({ unnamed: true, org: expect.stringContaining(ex.org) });
        expect(roles).toContainEqual(want);
        if (p.data.person === 'anaphor') {
          // "The spokesperson" now refers to the role's person.
          const m = matches(p, d)[0].caps.anaphor.mention!;
          expect(d.roles.map((r) => r.person)).toContain(m.cluster);
        }
      });
    }
    for (const counter of p.counter) {
      it(`${p.id} does not read: ${counter}`, () => {
        expect(matches(p, annotate(counter))).toEqual([]);
      });
    }
  }
});
