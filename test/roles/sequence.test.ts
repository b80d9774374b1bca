/**
 * The token-sequence matcher on its own (src/rules/sequence.ts), over real annotated
 * sentences: word sets, mentions, repetition (greedy and lazy), groups, alternatives,
 * captures and lookarounds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import {
  alt, anyBut, anyPerson, cap, gap, group, opt, org, person, SequenceMatcher, star, word, type Element, type SequencePattern,
} from '../../src/rules/sequence.js';
import { viewOf } from '../../src/syntax/view.js';

const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

/** Each match as "capture=text" pairs. */
function run(text: string, elements: Element[], extra: Partial<SequencePattern> = {}): Record<string, string>[] {
  const doc = annotateDoc(readDoc({ name: 'example.txt', data: text }, settings), kb);
  const v = viewOf(doc);
  return new SequenceMatcher(v, [{ id: 'p', elements, data: undefined, ...extra }]).all()
    .map((m) => Object.fromEntries(Object.entries(m.caps).map(([k, c]) => [k, v.text(c.first, c.last)])));
}

const SENTENCE = 'Mara Lisk, the chief spokeswoman for the Ministry of National Defence, rejected the claims on Friday.';

describe('sequence matcher', () => {
  it('matches words and mentions in order and captures them', () => {
    expect(run(SENTENCE, [cap('who', person()), word(','), star(word('the', 'chief')), cap('title', word('spokeswoman')), word('for'), opt(word('the')), cap('org', org())]))
      .toEqual([{ who: 'Mara Lisk', title: 'spokeswoman', org: 'Ministry of National Defence' }]);
  });

  it('fails when a required element is missing', () => {
    expect(run(SENTENCE, [cap('who', person()), word(','), cap('title', word('spokeswoman'))])).toEqual([]);
    expect(run(SENTENCE, [word('spokesman')])).toEqual([]);
  });

  it('backtracks: a greedy repetition gives back what a later element needs', () => {
    // "the chief" are both taken by the star, then "chief" is given back to the group.
    expect(run(SENTENCE, [word(','), star(word('the', 'chief')), cap('title', group(word('chief'), word('spokeswoman')))]))
      .toEqual([{ title: 'chief spokeswoman' }]);
  });

  it('a lazy gap takes as few tokens as will do', () => {
    expect(run(SENTENCE, [word(','), cap('gap', group(gap(anyBut('.'), 1, 12))), word('for')])).toEqual([{ gap: 'the chief spokeswoman' }]);
    expect(run(SENTENCE, [word(','), gap(anyBut('.'), 0, 1), word('for')])).toEqual([]);
  });

  it('alternatives are tried in order', () => {
    expect(run(SENTENCE, [word('for'), word('the'), alt(cap('org', org()), cap('word', anyBut()))])).toEqual([{ org: 'Ministry of National Defence' }]);
  });

  it('lookarounds reject a match with a name just before or just after', () => {
    const title = [cap('title', word('spokeswoman'))];
    expect(run(SENTENCE, title)).toHaveLength(1);
    expect(run(SENTENCE, title, { notBefore: { els: [anyPerson(), word(','), gap(anyBut(), 0, 2)] } })).toEqual([]);
    expect(run('The ministry said its spokeswoman Mara Lisk would brief reporters on the claims on Friday.', title, { notAfter: { els: [anyPerson()] } })).toEqual([]);
    expect(run('The ministry said its spokeswoman would brief reporters on the claims on Friday morning.', title, { notAfter: { els: [anyPerson()] } })).toHaveLength(1);
  });

  it('a lookaround can be relative to a capture', () => {
    const els = [cap('title', word('spokeswoman')), word('for')];
    expect(run(SENTENCE, els, { notAfter: { els: [word('for')] } })).toHaveLength(1);
    expect(run(SENTENCE, els, { notAfter: { of: 'title', els: [word('for')] } })).toEqual([]);
  });
});
