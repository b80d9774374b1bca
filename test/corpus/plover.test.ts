/** Every accusation and response carries its CAMEO code and its PLOVER coding, as the ontology defines per kind. */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Quad } from 'n3';
import { buildInputs } from '../../src/build.js';
import { resolveSettings } from '../../src/settings.js';
import { NS } from '../../src/ontology/terms.js';
import { ACCUSATION_KINDS, RESPONSE_KINDS } from '../../src/ontology/kinds.js';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
let quads: Quad[];
beforeAll(async () => { quads = (await buildInputs([SEEDS], resolveSettings())).corpus.quads(); }, 60_000);

const objects = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const ofType = (t: string) => [...new Set(quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === t).map((q) => q.subject.value))];

describe('PLOVER coding', () => {
  it('accusations are ACCUSE (or COERCE for sanctions and expulsions) with their mode, in the cyber and intelligence contexts', () => {
    const accusations = ofType(`${NS.nkg}Accusation`);
    expect(accusations.length).toBeGreaterThan(0);
    for (const a of accusations) {
      const kind = objects(a, `${NS.nkg}kind`)[0] as keyof typeof ACCUSATION_KINDS;
      expect(objects(a, `${NS.nkg}ploverEvent`)).toEqual([ACCUSATION_KINDS[kind].plover.event]);
      expect(objects(a, `${NS.nkg}ploverMode`)).toEqual([ACCUSATION_KINDS[kind].plover.mode]);
      expect(objects(a, `${NS.nkg}ploverContext`).sort()).toEqual(['cyber', 'intelligence']);
    }
    // The seeds hold indictments: ACCUSE/investigate.
    expect(accusations.some((a) => objects(a, `${NS.nkg}ploverMode`)[0] === 'investigate' || objects(a, `${NS.nkg}ploverMode`)[0] === 'allege')).toBe(true);
  });

  it('denials and rebuttals are REJECT; counter-accusations ACCUSE', () => {
    const responses = ofType(`${NS.nkg}Response`);
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) {
      const kind = objects(r, `${NS.nkg}kind`)[0] as keyof typeof RESPONSE_KINDS;
      expect(objects(r, `${NS.nkg}ploverEvent`)).toEqual([RESPONSE_KINDS[kind].plover.event]);
    }
    const rejects = responses.filter((r) => objects(r, `${NS.nkg}ploverEvent`)[0] === 'REJECT');
    expect(rejects.length).toBeGreaterThan(0);
    for (const r of rejects) expect(['denial', 'rebuttal']).toContain(objects(r, `${NS.nkg}kind`)[0]);
  });
});
