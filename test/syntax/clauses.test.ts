/** The clause layer alone, on hand-built sentences: chunks, clause kinds, subject, object, by-agent, voice. */
import { beforeAll, describe, expect, it } from 'vitest';
import { annotateDoc, readDoc } from '../../src/pipeline/annotate.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { resolveSettings } from '../../src/settings.js';
import { SentenceSyntax } from '../../src/syntax/clauses.js';
import type { NounChunk, VerbGroup } from '../../src/syntax/chunks.js';
import { viewOf } from '../../src/syntax/view.js';

const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

function parse(text: string) {
  const doc = annotateDoc(readDoc({ name: 's.txt', data: text }, settings), kb);
  const v = viewOf(doc);
  const syn = new SentenceSyntax(v, 0);
  const np = (c: NounChunk | undefined) => (c ? v.text(c.first, c.last) : undefined);
  const verb = (lemma: string) => syn.verbGroups().find((g) => g.lemma === lemma) as VerbGroup;
  return { syn, np, verb };
}

describe('clause layer', () => {
  it('"NAME, a spokesman for the embassy, said": the subject is the name, past the apposition\'s prepositional phrase', () => {
    const { syn, np, verb } = parse('"We oppose all cyberattacks," Wang Lei, a spokesman for the Chinese embassy in Oslo, said on Monday.');
    expect(np(syn.subject(verb('say')))).toBe('Wang Lei');
  });

  it('"X, which the council said had carried out …": the reporting verb ends its group; the next verb\'s subject is the antecedent', () => {
    const { syn, np, verb } = parse('Among those listed were two officers of Unit 26165, which the council said had carried out the attacks.');
    expect(np(syn.subject(verb('say')))).toBe('the council');
    expect(np(syn.subject(verb('carry')))).toBe('Unit 26165');
  });

  it('reads subject, object and voice of active and passive verbs', () => {
    const { syn, np, verb } = parse('The Justice Department indicted five officers, who were accused by prosecutors of hacking.');
    expect(np(syn.subject(verb('indict')))).toBe('The Justice Department');
    expect(np(syn.object(verb('indict')))).toBe('five officers');
    expect(verb('accuse').passive).toBe(true);
    // The relative clause's subject is its antecedent; the by-phrase is the agent.
    expect(np(syn.subject(verb('accuse')))).toBe('five officers');
    expect(syn.complements(verb('accuse')).find((c) => c.prep === 'by')?.np && np(syn.complements(verb('accuse')).find((c) => c.prep === 'by')!.np)).toBe('prosecutors');
  });

  it('a that-clause and a trailing attribution are clauses of their own', () => {
    const { syn, np, verb } = parse('Germany decided that Russia was to blame, he said.');
    expect(syn.clauses.map((c) => c.kind)).toEqual(['main', 'complement', 'coordinate']);
    expect(np(syn.subject(verb('blame')))).toBe('Russia');
    expect(syn.object(verb('blame'))).toBeUndefined();
    expect(np(syn.subject(verb('say')))).toBe('he');
  });

  it('a reduced passive after a noun is passive and takes the noun for subject', () => {
    const { syn, np, verb } = parse('Hackers backed by the Chinese state broke into a network.');
    expect(verb('back').passive).toBe(true);
    expect(verb('back').reduced).toBe(true);
    expect(np(syn.subject(verb('break')))).toBe('Hackers');
    expect(syn.complements(verb('break')).map((c) => c.prep)).toContain('into');
  });

  it('a time phrase is never the subject', () => {
    const { syn, np, verb } = parse('Last May, US prosecutors indicted five officers.');
    expect(np(syn.subject(verb('indict')))).toBe('US prosecutors');
  });

  it('a coordinated predicate shares its subject', () => {
    const { syn, np, verb } = parse('Five officers were indicted by a grand jury and accused of hacking.');
    expect(np(syn.subject(verb('accuse')))).toBe('Five officers');
  });

  it('negation and modality are read from the verb group', () => {
    const { verb } = parse('China has never engaged in hacking and may impose sanctions.');
    expect(verb('engage').negated).toBe(true);
    expect(verb('impose').modal).toBe('may');
    expect(verb('impose').negated).toBe(false);
  });

  it('coordination expands the agents of a phrase', () => {
    const { syn, verb } = parse('Britain and the United States accused Russia of the attack.');
    const subj = syn.subject(verb('accuse'))!;
    expect(syn.agentsOf(subj).map((a) => syn.v.text(a.first, a.last))).toEqual(['Britain', 'United States']);
  });

  it('a noun complement is not a relative clause', () => {
    const { syn } = parse('Vietnam rejected a finding that hackers working for its government broke into networks.');
    expect(syn.clauses[1].kind).toBe('complement');
    const rel = parse('Police arrested hackers that broke into networks.').syn;
    expect(rel.clauses[1].kind).toBe('relative');
  });
});
