/** Each article says the language it was read in (schema:inLanguage), and only English ones are annotated. */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/settings.js';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { annotateArticle } from '../../src/pipeline/annotate.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { NS } from '../../src/ontology/terms.js';

const settings = resolveSettings();
let kb: KnowledgeBase;
beforeAll(() => { kb = KnowledgeBase.load(settings); });

const ENGLISH = `Daily Wire Review\n\nGermany blames Russia for hacking attack\n\nBERLIN - Germany's government said on Friday that hackers working for Russia's military intelligence service had broken into the email accounts of the Social Democratic Party. The foreign ministry summoned the Russian ambassador. Moscow denied the accusations and called them groundless, the Kremlin said in a statement on Friday evening.\n`;
const GERMAN = `Berliner Rundschau\n\nBundesregierung macht Russland für Hackerangriff verantwortlich\n\nBERLIN - Die Bundesregierung hat am Freitag erklärt, dass Hacker im Auftrag des russischen Militärgeheimdienstes in die E-Mail-Konten der Sozialdemokratischen Partei eingedrungen seien. Das Auswärtige Amt bestellte den russischen Botschafter ein. Moskau wies die Vorwürfe zurück und nannte sie haltlos, wie der Kreml am Freitagabend in einer Erklärung mitteilte.\n`;

describe('article language', () => {
  it('writes schema:inLanguage for every article, English or not', () => {
    const corpus = new Corpus(settings, kb);
    corpus.add(annotateArticle({ name: 'en.txt', data: ENGLISH }, kb, settings));
    corpus.add(annotateArticle({ name: 'de.txt', data: GERMAN }, kb, settings));
    const lang = (id: string) => corpus.articleQuads(id).filter((q) => q.subject.value === corpus.articleIri(id) && q.predicate.value === `${NS.schema}inLanguage`).map((q) => q.object.value);
    expect(lang('en.txt')).toEqual(['en']);
    expect(lang('de.txt')).toEqual(['de']);
    // The German article keeps its text but is not read for events (the rules are English).
    expect(corpus.get('de.txt')!.accusations).toEqual([]);
    expect(corpus.get('en.txt')!.accusations.length).toBeGreaterThan(0);
  });
});
