/** The matcher engine alone, with patterns written here: triggers, voice, slots, particles, context words, polarity. */
import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { Matcher, type Pattern } from '../../src/rules/matcher.js';
import { DocSyntax } from '../../src/syntax/clauses.js';
import { viewOf } from '../../src/syntax/view.js';

const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

type R = 'a' | 'b';
const p = (over: Partial<Pattern<R, null>>): Pattern<R, null> => ({ id: 'p', slots: {}, data: null, examples: [], counter: [], ...over });

function matches(patterns: Pattern<R, null>[], text: string) {
  const doc = annotateDoc(readDoc({ name: 'm.txt', data: text }, settings), kb);
  const v = viewOf(doc);
  const syntax = new DocSyntax(v);
  return doc.sentences.flatMap((_, si) => new Matcher(patterns).match(syntax.sentence(si))).map((m) => ({
    id: m.pattern.id, negated: m.negated, hypothetical: m.hypothetical,
    a: (m.slots.a ?? []).map((x) => v.text(x.first, x.last)), b: (m.slots.b ?? []).map((x) => v.text(x.first, x.last)),
  }));
}

describe('matcher', () => {
  it('fills roles from subject and object of a verb by its lemma', () => {
    const found = matches([p({ verbs: ['accuse'], voice: 'active', slots: { a: ['subject'], b: ['object'] } })], 'Canada accuses Russia of spying.');
    expect(found).toEqual([{ id: 'p', negated: false, hypothetical: false, a: ['Canada'], b: ['Russia'] }]);
  });

  it('keeps voice apart: an active pattern does not read a passive sentence', () => {
    const pat = p({ verbs: ['accuse'], voice: 'active', slots: { a: ['subject'] } });
    expect(matches([pat], 'Russia was accused by Canada of hacking the networks of several ministries last year.')).toEqual([]);
    const passive = p({ verbs: ['accuse'], voice: 'passive', slots: { a: ['by'], b: ['subject'] }, require: ['a'] });
    expect(matches([passive], 'Russia was accused by Canada of hacking the networks of several ministries last year.')[0]).toMatchObject({ a: ['Canada'], b: ['Russia'] });
  });

  it('tries slot alternatives in order, and drops a match whose required role is empty', () => {
    const pat = p({ nouns: ['charge'], slots: { a: ['possessor', 'modifier', 'pp:by'], b: ['pp:against'] }, require: ['b'] });
    expect(matches([pat], 'The charges by Canada against Russia were read out.')[0]).toMatchObject({ a: ['Canada'], b: ['Russia'] });
    expect(matches([pat], 'The charges were read out.')).toEqual([]);
  });

  it('needs its particle and its context words', () => {
    const pat = p({ verbs: ['break'], particle: ['into'], slots: { b: ['pp:into'] } });
    expect(matches([pat], 'Hackers broke into Microsoft and stole source code from its servers last year.')[0]).toMatchObject({ b: ['Microsoft'] });
    expect(matches([pat], 'Hackers broke the law when they stole source code from its servers last year.')).toEqual([]);
    const ctx = p({ verbs: ['call'], after: ['groundless'], slots: { a: ['subject'] } });
    expect(matches([ctx], 'Canada called the claims groundless.')).toHaveLength(1);
    expect(matches([ctx], 'Canada called for talks.')).toEqual([]);
  });

  it('reports negation and hypotheticals instead of deciding them', () => {
    const pat = p({ verbs: ['impose', 'accuse'], slots: { a: ['subject'] } });
    const found = matches([pat], 'Canada did not accuse Russia. Canada may impose sanctions.');
    expect(found.map((f) => [f.negated, f.hypothetical])).toEqual([[true, false], [false, true]]);
    const negOnly = p({ verbs: ['engage'], polarity: 'negative', slots: { a: ['subject'] } });
    expect(matches([negOnly], 'Russia has never engaged in hacking.')).toHaveLength(1);
    expect(matches([negOnly], 'Russia has engaged in talks.')).toEqual([]);
  });
});
