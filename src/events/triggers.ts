/**
 * The words that signal accusations and responses in English news, with the kind
 * each signals. Matched on lower-cased tokens.
 */
import type { AccusationKind, ResponseKind } from '../doc/document.js';

export const ACCUSATION_TRIGGERS: [RegExp, AccusationKind][] = [
  [/^indict(s|ed|ing|ment|ments)?$/, 'indictment'],
  [/^(charge[sd]?|charging)$/, 'charge'],
  [/^(accus(e|es|ed|ing|ation|ations))$/, 'allegation'],
  [/^(alleg(e|es|ed|ing|ation|ations))$/, 'allegation'],
  [/^(blam(e|es|ed|ing))$/, 'allegation'],
  [/^(attribut(e|es|ed|ing|ion))$/, 'allegation'],
  [/^(claims?|claimed)$/, 'allegation'],
  [/^(smear(s|ed|ing)?|slander(s|ed|ing)?)$/, 'allegation'],
  [/^(condemn(s|ed|ing)?|denounc(e|es|ed|ing))$/, 'allegation'],
  [/^(report|reports|finding|findings)$/, 'report'],
  [/^(sanction(s|ed|ing)?)$/, 'sanction'],
  [/^(expel(s|led|ling)?|expulsions?)$/, 'expulsion'],
  [/^(advisory|advisories|warning|warnings|alert)$/, 'advisory'],
];

export const RESPONSE_TRIGGERS: [RegExp, ResponseKind][] = [
  [/^(den(y|ies|ied|ying|ial|ials))$/, 'denial'],
  [/^(never)$/, 'denial'],
  [/^(reject(s|ed|ing)?|refut(e|es|ed|ing)|dismiss(es|ed|ing)?|rebut(s|ted)?|deride[sd]?|slam(s|med)?|brushed|shrugged|rebuff(s|ed)?|scoff(s|ed)?|ridicul(e|es|ed)|mock(s|ed)?|denounc(e|es|ed|ing)|oppos(e|es|ed|ing))$/, 'rebuttal'],
  [/^(groundless|baseless|unfounded|absurd|fabricat(ed|ing|ion)|ungrounded|unwarranted|irresponsible|unprofessional|propaganda|russophobi[ac]|slander(ing|ous)?|smear(s|ing)?|nonsense|hysteria|mania|imagination|false)$/, 'rebuttal'],
  [/^(urg(e|es|ed|ing)|demand(s|ed|ing)?|call(s|ed)?|ask(s|ed)?)$/, 'demand'],
  [/^(suspend(s|ed|ing)?|retaliat(e|es|ed|ion)|countermeasures?|measures|actions|steps|reciprocal|summon(s|ed)?)$/, 'countermeasure'],
  [/^(protests?|representations)$/, 'protest'],
];

/** Words after a demand verb that make it a demand ("urged the US to withdraw"). */
export const DEMAND_OBJECTS = /^(withdraw|stop|correct|cancel|end|cease|explain|respect|retract|halt|refrain|apologi[sz]e|provide|produce|present|desist)$/;

/** Words that describe hacking activity, for counter-accusations and targets. */
export const HACKING = /^(hack(s|ed|ing|er|ers)?|attack(s|ed|ing|er|ers)?|cyber-?attacks?|spy(ing)?|spied|spies|espionage|cyber-?espionage|wiretap(s|ping)?|surveillance|infiltrat(e|es|ed|ing)|tap(s|ped)?|theft|cybertheft|stealing|stole|stolen|compromised|intrusions?|breach(es|ed|ing)?|snooping|cyberspying|cyber-spying)$/;

/** Words that introduce the victims of an attack. */
export const TARGET_CUES = /^(targets?|targeted|targeting|victims?|breaching|breached|hacking|hacked|into|networks|systems)$/;

// Every token is tested, so each word's answer is remembered (the vocabulary of news is small).
const accusationMemo = new Map<string, AccusationKind | null>();
const responseMemo = new Map<string, ResponseKind | null>();

function memo<K>(cache: Map<string, K | null>, table: [RegExp, K][], word: string): K | undefined {
  let k = cache.get(word);
  if (k === undefined) {
    k = table.find(([re]) => re.test(word))?.[1] ?? null;
    if (cache.size > 100_000) cache.clear();
    cache.set(word, k);
  }
  return k ?? undefined;
}

export function accusationKind(lower: string): AccusationKind | undefined {
  return memo(accusationMemo, ACCUSATION_TRIGGERS, lower);
}

export function responseKind(lower: string): ResponseKind | undefined {
  return memo(responseMemo, RESPONSE_TRIGGERS, lower);
}
