/**
 * Every pattern's example sentences must match it with the fillers they name, and its
 * counter-examples must not match it: the pattern tables are the spec, run as tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { Matcher, type Pattern } from '../../src/rules/matcher.js';
import { DocSyntax } from '../../src/syntax/clauses.js';
import { viewOf } from '../../src/syntax/view.js';
import { ACCUSATION_PATTERNS } from '../../src/events/patterns/accusations.js';
import { RESPONSE_PATTERNS } from '../../src/events/patterns/responses.js';
import { TARGET_PATTERNS } from '../../src/events/patterns/targets.js';
import { SPEECH_PATTERNS } from '../../src/events/patterns/speech.js';
import { AFFILIATION_PATTERNS } from '../../src/events/patterns/affiliations.js';
import { resolveAgents, resolveVictims } from '../../src/events/agents.js';

const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

const TABLES: [string, readonly Pattern<string, unknown>[], typeof resolveAgents | undefined][] = [
  ['accusations', ACCUSATION_PATTERNS, resolveAgents],
  ['responses', RESPONSE_PATTERNS, resolveAgents],
  ['targets', TARGET_PATTERNS, resolveVictims],
  ['speech', SPEECH_PATTERNS, undefined],
  ['affiliations', AFFILIATION_PATTERNS, resolveAgents],
];

/** Every match of one pattern in a sentence, with each role's filler texts. */
function run(p: Pattern<string, unknown>, resolve: typeof resolveAgents | undefined, text: string) {
  const doc = annotateDoc(readDoc({ name: 'example.txt', data: text }, settings), kb);
  const v = viewOf(doc);
  const syntax = new DocSyntax(v);
  const m = new Matcher([p], resolve);
  return doc.sentences.flatMap((_, si) => m.match(syntax.sentence(si))).map((x) => Object.fromEntries(
    Object.entries(x.slots).map(([role, agents]) => [role, (agents ?? []).map((a) => v.text(a.first, a.last)).join(' | ')]),
  ));
}

describe.each(TABLES)('%s patterns', (_name, table, resolve) => {
  it('have unique ids and at least one example each', () => {
    expect(new Set(table.map((p) => p.id)).size).toBe(table.length);
    for (const p of table) expect(p.examples.length, p.id).toBeGreaterThan(0);
  });
  for (const p of table) {
    for (const ex of p.examples) {
      it(`${p.id} matches: ${ex.text}`, () => {
        const found = run(p, resolve, ex.text);
        expect(found.length, 'no match').toBeGreaterThan(0);
        // Roles the matcher itself fills (a speaker-filled accuser is policy, tested in events.test.ts).
        for (const [role, word] of Object.entries(ex.expect ?? {})) {
          if (!(p.slots as Record<string, unknown>)[role]) continue;
          expect(found.some((f) => (f[role] ?? '').includes(word)), `${role} should name ${word}: ${JSON.stringify(found)}`).toBe(true);
        }
      });
    }
    for (const counter of p.counter) {
      it(`${p.id} does not match: ${counter}`, () => {
        expect(run(p, resolve, counter)).toEqual([]);
      });
    }
  }
});
