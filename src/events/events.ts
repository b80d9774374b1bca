/**
 * Accusations (who accuses whom, of what, who was hacked) and responses (who answers
 * which accusation, and how), read sentence by sentence from trigger words, the
 * agents around them (subject, object, "by", "against", possessives) and attributed
 * speech ("…, Hua said", "according to Hong", "said X, a spokeswoman for …").
 */
import type { Accusation, Doc, Mention, Response } from '../doc/document.js';
import { SPEECH_VERBS } from '../mentions/cues.js';
import { DEMAND_OBJECTS, HACKING, TARGET_CUES, accusationKind, responseKind } from './triggers.js';

interface Agent {
  m: Mention;
  cluster: number;
  first: number; // token indices
  last: number;
}

/** "was behind", "carried out", "responsible for": attribution in reported speech. */
const ATTRIBUTION = /^(behind|carried|responsible|launched|conducted|orchestrated|sponsored|gone|went|perpetrated|directing|running|ran)$/;
const LINKED = /^(behalf|linked|tied|backed|sponsored|directed|controlled|working|affiliated|connected)$/;
const ATTRIBUTION_NEXT = /^(the|it|this|these|a|an|out|for|after|attacks?|hacks?|operations?|campaigns?|intrusions?|breach(es)?|last|years|\.|,)$/;

const OFFICIAL_TITLE = /spokes|secretary|minister|president|ambassador|official|chancellor|premier|director|attorney|general|envoy|chief|head|prosecutor|commissioner/i;

export function findEvents(doc: Doc): Doc {
  const words = doc.tokens.map((t) => doc.text.slice(t.start, t.end));
  const lower = words.map((w) => w.toLowerCase());
  const tokAt = new Map<number, number>();
  const tokEnd = new Map<number, number>();
  doc.tokens.forEach((t, i) => { tokAt.set(t.start, i); tokEnd.set(t.end, i); });

  const agentsBySentence: Agent[][] = doc.sentences.map(() => []);
  for (const m of doc.mentions) {
    if (m.cluster === undefined || m.aliasOf !== undefined) continue;
    const first = tokAt.get(m.start);
    const last = tokEnd.get(m.end);
    if (first === undefined || last === undefined) continue;
    agentsBySentence[m.sentence].push({ m, cluster: m.cluster, first, last });
  }
  const spokes = new Map<number, number>(); // person → org
  for (const r of doc.roles) spokes.set(r.person, r.org);
  const side = (c: number) => spokes.get(c) ?? c;
  const countryOf = (c: number): string | undefined => {
    const cl = doc.clusters[side(c)];
    return cl?.country;
  };
  const sameSide = (a: number, b: number) => a === b || side(a) === side(b) || (!!countryOf(a) && countryOf(a) === countryOf(b));
  // A country named as a modifier ("US charges", "Russia's ministry") can act; one named by a demonym ("Chinese hackers") only qualifies.
  const isActor = (a: Agent) => !(a.m.kind === 'Country' && a.m.modifier && a.m.demonym);

  // --- speakers --------------------------------------------------------------
  const speakers: (number | undefined)[] = doc.sentences.map((s, si) => speakerOf(si));
  // Sentences of a paragraph share its speaker (a quote split in sentences, "…," he said at the end).
  const own = [...speakers];
  for (let si = 0; si < doc.sentences.length; si++) {
    if (own[si] !== undefined) continue;
    const b = doc.sentences[si].block;
    let best: number | undefined;
    for (let d = 1; d < 8 && best === undefined; d++) {
      for (const sj of [si + d, si - d]) {
        if (sj >= 0 && sj < doc.sentences.length && doc.sentences[sj].block === b && own[sj] !== undefined) { best = own[sj]; break; }
      }
    }
    // A paragraph that is only a quote continues the previous speaker's words.
    if (best === undefined && si > 0 && /^["“]/.test(doc.text.slice(doc.sentences[si].start, doc.sentences[si].start + 1))) best = speakers[si - 1];
    speakers[si] = best;
  }

  function speakerOf(si: number): number | undefined {
    const s = doc.sentences[si];
    const agents = agentsBySentence[si];
    for (let k = s.firstToken; k < s.lastToken; k++) {
      const l = lower[k];
      if (l === 'according' && lower[k + 1] === 'to') {
        const a = agents.find((x) => x.first >= k + 2 && x.first <= k + 4 && isActor(x));
        if (a) return a.cluster;
      }
      if (l === 'quoted') {
        const q = agents.find((x) => x.first > k && x.first <= k + 8 && isActor(x));
        if (q) return q.cluster;
      }
      if (!SPEECH_VERBS.has(l) || !['said', 'says', 'added', 'told', 'stated', 'noted', 'stressed', 'insisted', 'argued', 'warned', 'declared', 'explained', 'remarked', 'replied', 'wrote', 'commented', 'continued', 'reiterated', 'maintained', 'tweeted', 'indicated', 'quoted'].includes(l)) continue;
      // An agent inside the quote before "said" is what was said, not who said it.
      const left = agents.filter((x) => x.last < k && x.last >= k - 20 && isActor(x) && !words.slice(x.last + 1, k).some((w) => /^["“”]$/.test(w)));
      const person = left.filter((x) => x.m.kind === 'Person').at(-1);
      const nearest = left.at(-1);
      if (nearest && nearest.last >= k - 3 && nearest.m.kind !== 'Person' && !(person && words.slice(person.last + 1, k).includes(','))) return nearest.cluster;
      if (person) return person.cluster;
      if (nearest) return nearest.cluster;
      const right = agents.filter((x) => x.first > k && x.first <= k + 6 && isActor(x));
      const rp = right.find((x) => x.m.kind === 'Person') ?? right[0];
      if (rp) return rp.cluster;
    }
    return undefined;
  }

  // --- accusations -----------------------------------------------------------
  const accusations: Accusation[] = [];
  const accKey = new Map<string, number>();
  const addAccusation = (a: Accusation): number => {
    const key = `${a.accusers.join(',')}>${a.accused.join(',')}`;
    const have = accKey.get(key);
    if (have !== undefined) return have;
    accKey.set(key, accusations.length);
    accusations.push(a);
    return accusations.length - 1;
  };

  doc.sentences.forEach((s, si) => {
    const agents = agentsBySentence[si].filter(isActor);
    const allAgents = agentsBySentence[si];
    for (let k = s.firstToken; k < s.lastToken; k++) {
      const kind = accusationKind(lower[k]);
      if (!kind) continue;
      if (lower[k - 1] === 'in' && kind === 'charge') continue; // "in charge of"
      // "the alleged hacking", "so-called charges": a hedge, not an accusation being made.
      if (lower[k] === 'alleged' && (/^(the|an?|of|for|its|their|his|her|and|,)$/.test(lower[k - 1] ?? '') || doc.tokens[k].pos === 'ADJ')) continue;
      const trigger = { start: doc.tokens[k].start, end: doc.tokens[k].end };
      const passive = /^(was|were|been|being|is|are|be)$/.test(lower[k - 1] ?? '') || /^(was|were|been|is|are)$/.test(lower[k - 2] ?? '') && lower[k - 1].endsWith('ly');
      const nounish = doc.tokens[k].pos === 'NOUN' || /s$/.test(lower[k]) && kind !== 'allegation' && doc.tokens[k].pos !== 'VERB';
      const after = (from: number, span = 8) => agents.filter((x) => x.first > from && x.first <= from + span);
      const byAgent = (): Agent | undefined => {
        for (let j = k + 1; j < Math.min(s.lastToken, k + 4); j++) {
          if (lower[j] !== 'by' && lower[j] !== 'from') continue;
          // "a report by US cybersecurity company FireEye": the company, not its country.
          const cands = after(j, 8);
          const first = cands.find((x) => x.m.kind !== 'Country' && x.first <= (cands[0]?.last ?? 0) + 5) ?? cands[0];
          return first;
        }
        return undefined;
      };
      let accuser: Agent | undefined;
      let accused: Agent[] = [];
      if (passive) {
        accuser = byAgent();
        const subj = agents.filter((x) => x.last < k && x.last >= k - 8).at(-1);
        if (subj) accused = [subj];
        // "The campaign was attributed by CERT-In to a group …": the accused follow "to".
        const to = lower.slice(k + 1, Math.min(s.lastToken, k + 12)).indexOf('to');
        if (/^attribut/.test(lower[k]) && to >= 0) accused = after(k + 1 + to, 8).slice(0, 1);
      } else if (nounish) {
        // "US charges", "Mandiant's report", "charges from the US", "the accusation by X"
        const mod = allAgents.filter((x) => x.last < k && x.last >= k - 3).at(-1);
        accuser = byAgent() ?? (mod && (isActor(mod) || mod.m.kind === 'Country') ? mod : undefined);
        for (let j = k + 1; j < Math.min(s.lastToken, k + 14); j++) {
          // A "that" clause can run long before its subject's owner: "that hackers working for, or on behalf of, its government".
          if (['against', 'of', 'that', 'on'].includes(lower[j])) { accused = after(j, lower[j] === 'that' ? 14 : 8).slice(0, 1); break; }
        }
        // "X released a report which alleged …", "X accused Y": the clause subject.
        if (!accuser) {
          const verbBefore = lower.slice(Math.max(s.firstToken, k - 4), k).some((w) => /^(released|issued|published|made|filed|brought|announced|levelled|leveled|lodged|imposed|unveiled)$/.test(w));
          if (verbBefore) accuser = agents.filter((x) => x.last < k && x.last >= k - 10).at(-1);
        }
      } else if (lower[k - 1] === ',' && lower[k].endsWith('ing')) {
        // "…, accusing them of …": the main clause's subject accuses.
        accuser = agents.find((x) => x.last < k && !isObjectOfPreposition(x));
        accused = after(k, 8).slice(0, 1);
      } else {
        const subj = agents.filter((x) => x.last < k && x.last >= k - 10 && !isObjectOfPreposition(x)).at(-1);
        accuser = subj;
        accused = after(k, 8).slice(0, 1);
      }
      if (!accused.length) {
        // "Chinese hacking", "five Chinese military officers": a country modifier after the trigger.
        const mod = allAgents.find((x) => x.first > k && x.first <= k + 8 && x.m.kind === 'Country' && x.m.modifier && (!accuser || x.cluster !== accuser.cluster));
        if (mod) accused = [mod];
      }
      if (!accuser || !accused.length || !canAccuse(accuser.cluster)) continue;
      if (accused.some((x) => sameSide(x.cluster, accuser!.cluster))) continue;
      const accusers = coordinated(accuser, agents).filter((x) => canAccuse(x.cluster) && !accused.some((y) => sameSide(y.cluster, x.cluster)));
      addAccusation({ kind, accusers: [...new Set(accusers.map((x) => x.cluster))], accused: [...new Set(accused.map((x) => x.cluster))], targets: [], sentence: si, trigger });
    }
  });

  /** "Britain and the US accused …", "the US joined Britain in blaming …": every coordinated subject. */
  function coordinated(a: Agent, agents: Agent[]): Agent[] {
    const out = [a];
    // "by both Britain and the United States": the agents that follow, joined by "and".
    for (let cur = a; ;) {
      const next = agents.find((x) => x.first > cur.last && x.first <= cur.last + 3 && /^(and|&)$/.test(lower[cur.last + 1] ?? '') );
      if (!next) break;
      out.push(next);
      cur = next;
    }
    for (let cur = a; ;) {
      const prev = agents.filter((x) => x.last < cur.first && x.last >= cur.first - 3 && /^(and|,|&)$/.test(lower[x.last + 1] ?? '')).at(-1);
      if (!prev) break;
      out.unshift(prev);
      cur = prev;
    }
    if (lower[a.first - 1] === 'joined') {
      const subj = agents.filter((x) => x.last < a.first - 1 && x.last >= a.first - 4).at(-1);
      if (subj) out.unshift(subj);
    }
    return out;
  }

  function isObjectOfPreposition(a: Agent): boolean {
    return /^(of|for|with|to|in|at|against|on|from|about|by)$/.test(lower[a.first - 1] ?? '');
  }

  // Attributions in reported speech: "X said Y was behind the attack", "Y attacks our networks, X said".
  const attributions: { speaker: number; accusedCluster: number; si: number }[] = [];
  doc.sentences.forEach((s, si) => {
    const speaker = speakers[si];
    if (speaker === undefined || !canAccuse(speaker)) return;
    const agents = agentsBySentence[si];
    for (let k = s.firstToken; k < s.lastToken; k++) {
      // "… operates on behalf of the State Security Committee", "hackers linked to X": the accused follow.
      if (LINKED.test(lower[k]) && /^(of|to|by|for|with)$/.test(lower[k + 1] ?? '')) {
        const obj = agents.find((x) => x.first > k + 1 && x.first <= k + 4 && x.cluster !== speaker && !sameSide(x.cluster, speaker));
        if (obj) { attributions.push({ speaker, accusedCluster: obj.cluster, si }); break; }
      }
      if (!HACKING.test(lower[k]) && !ATTRIBUTION.test(lower[k])) continue;
      if (ATTRIBUTION.test(lower[k]) && !ATTRIBUTION_NEXT.test(lower[k + 1] ?? '')) continue;
      const subj = agents.filter((x) => x.last < k && x.last >= k - 4 && x.cluster !== speaker && !isObjectOfPreposition(x)).at(-1);
      if (!subj || sameSide(subj.cluster, speaker)) continue;
      if (doc.clusters[subj.cluster].kind === 'Person' && HACKING.test(lower[k]) && !ATTRIBUTION.test(lower[k])) continue;
      attributions.push({ speaker, accusedCluster: subj.cluster, si });
      break;
    }
  });
  for (const a of attributions) {
    addAccusation({ kind: doc.clusters[a.speaker]?.sub === 'company' ? 'report' : 'allegation', accusers: [a.speaker], accused: [a.accusedCluster], targets: [], sentence: a.si, trigger: { start: doc.sentences[a.si].start, end: doc.sentences[a.si].start } });
  }

  // --- targets -----------------------------------------------------------------
  const primary = () => accusations[0];
  doc.sentences.forEach((s, si) => {
    const cue = lower.slice(s.firstToken, s.lastToken).findIndex((w) => TARGET_CUES.test(w));
    if (cue < 0 || !lower.slice(s.firstToken, s.lastToken).some((w) => HACKING.test(w) || /^(targets?|victims?|breaching)$/.test(w))) return;
    const target = accusations.find((a) => a.sentence === si) ?? primary();
    if (!target) return;
    const hasTargetNoun = lower.slice(s.firstToken, s.lastToken).some((w) => /^(targets|victims)$/.test(w));
    for (const a of agentsBySentence[si]) {
      const c = doc.clusters[a.cluster];
      if (c.kind !== 'Organization' || a.m.modifier) continue;
      if (!['company', 'organization', 'media', 'university', 'legislature', 'think-tank'].includes(c.sub ?? 'organization')) continue;
      if (doc.roles.some((r) => r.org === a.cluster)) continue;
      if (c.sub === 'media' && /^(reported|said|says|reports|quoted)$/.test(lower[a.last + 1] ?? '')) continue;
      if (target.accusers.includes(a.cluster) || target.accused.includes(a.cluster)) continue;
      const afterCue = lower.slice(s.firstToken, a.first).some((w) => /^(targets?|targeted|targeting|victims?|breaching|breached|into|networks|stealing|compromised)$/.test(w));
      if ((hasTargetNoun && c.sub !== 'media') || afterCue) {
        if (!target.targets.includes(a.cluster)) target.targets.push(a.cluster);
      }
    }
  });

  // --- responses ---------------------------------------------------------------
  const responses: Response[] = [];
  const respKey = new Set<string>();
  const canRespond = (c: number): boolean => isOfficial(c) && doc.clusters[c]?.sub !== 'media';
  /** Any organization or country may accuse (a newspaper, a security firm); a person only with an office. */
  function canAccuse(c: number): boolean {
    return doc.clusters[c]?.kind !== 'Person' || isOfficial(c);
  }
  function isOfficial(c: number): boolean {
    const cl = doc.clusters[c];
    if (!cl) return false;
    if (cl.kind !== 'Person') return true;
    if (spokes.has(c)) return true;
    return cl.mentions.some((mi) => OFFICIAL_TITLE.test(doc.mentions[mi].title ?? ''));
  }
  const addResponse = (r: Response) => {
    const key = `${r.respondents.join(',')}>${r.respondsTo}:${r.kind}`;
    if (respKey.has(key)) return;
    respKey.add(key);
    responses.push(r);
  };
  const pickAccusations = (si: number, respondent: number): number[] => {
    const named = new Set(agentsBySentence[si].filter((x) => !sameSide(x.cluster, respondent)).map((x) => x.cluster));
    const countryCluster = (c: number) => doc.clusters.find((x) => x.kind === 'Country' && x.country && x.country === countryOf(c))?.id;
    const hits = accusations.map((a, i) => ({ a, i })).filter(({ a }) => a.accusers.some((c) => named.has(c) || named.has(side(c)) || (countryCluster(c) !== undefined && named.has(countryCluster(c)!))) && !a.accusers.some((c) => sameSide(c, respondent)));
    // One answer per accusing side: the first accusation that side made.
    const seen = new Set<string>();
    const firstPerSide = hits.filter(({ a }) => { const k = String(countryOf(a.accusers[0]) ?? side(a.accusers[0])); if (seen.has(k)) return false; seen.add(k); return true; });
    if (firstPerSide.length) return firstPerSide.map((h) => h.i);
    const fallback = accusations.findIndex((a) => !a.accusers.some((c) => sameSide(c, respondent)));
    return fallback >= 0 ? [fallback] : [];
  };

  doc.sentences.forEach((s, si) => {
    const agents = agentsBySentence[si].filter(isActor);
    for (let k = s.firstToken; k < s.lastToken; k++) {
      const kind = responseKind(lower[k]);
      if (!kind) continue;
      if (kind === 'demand' && !lower.slice(k + 1, Math.min(s.lastToken, k + 8)).some((w) => DEMAND_OBJECTS.test(w))) continue;
      if (kind === 'countermeasure' && /^(measures|actions|steps)$/.test(lower[k]) && !/^(take|necessary|further|counter)/.test(lower[k - 1] ?? '') && !/^(take|taking)$/.test(lower[k - 2] ?? '')) continue;
      if (lower[k] === 'never' && !/^(engaged|participated|supported|backed|conducted|been|had|will|would|sponsored|carried|involved|permitted|allowed)/.test(lower[k + 1] ?? '') && !/^(engaged|participated|supported|backed|conducted|sponsored|carried)$/.test(lower[k + 2] ?? '')) continue;
      // Who answers: the speaker, else the subject; never the side that made the accusation.
      // "the US claim", "Mandiant's report": an agent that owns an accusation noun is its author, not the one answering.
      const ownsAccusation = (x: Agent) => [1, 2, 3].some((d) => accusationKind(lower[x.last + d] ?? '')
        && doc.tokens.slice(x.last + 1, x.last + d).every((t) => /^(ADJ|NOUN|PROPN|PART)$/.test(t.pos)));
      const left = agents.filter((x) => x.last < k && !isObjectOfPreposition(x) && !ownsAccusation(x)).reverse();
      // Only a side that stands accused (by someone else) answers.
      const candidates = [speakers[si], ...left.filter((x) => x.m.kind === 'Person').map((x) => x.cluster), ...left.map((x) => x.cluster)]
        .filter((c): c is number => c !== undefined && canRespond(c) && accusations.some((a) => a.accused.some((x) => sameSide(x, c)) && !a.accusers.some((x) => sameSide(x, c))));
      const respondent = candidates[0];
      if (respondent === undefined) continue;
      const targets = pickAccusations(si, respondent);
      const quote = quoteIn(s.start, s.end);
      for (const t of targets) {
        if (accusations[t].accusers.some((c) => sameSide(c, respondent!))) continue;
        addResponse({ kind, respondents: [respondent], respondsTo: t, sentence: si, trigger: { start: doc.tokens[k].start, end: doc.tokens[k].end }, quote });
      }
      break; // one response per sentence and trigger family is enough
    }
  });

  // A speaker whose side stands accused and who accuses back gives a counter-accusation.
  for (const c of attributions) {
    if (!canRespond(c.speaker)) continue;
    if (!accusations.some((a) => a.accused.some((x) => sameSide(x, c.speaker)))) continue;
    for (const t of pickAccusations(c.si, c.speaker)) {
      if (!accusations[t].accused.some((x) => sameSide(x, c.speaker))) continue;
      addResponse({ kind: 'counter-accusation', respondents: [c.speaker], respondsTo: t, sentence: c.si, trigger: { start: doc.sentences[c.si].start, end: doc.sentences[c.si].end }, quote: quoteIn(doc.sentences[c.si].start, doc.sentences[c.si].end) });
    }
  }

  function quoteIn(start: number, end: number) {
    const m = /["“]([^"”]{8,})["”]/.exec(doc.text.slice(start, end));
    return m ? { start: start + m.index + 1, end: start + m.index + 1 + m[1].length } : undefined;
  }

  return { ...doc, accusations, responses };
}
