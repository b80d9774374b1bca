/**
 * The annotation pipeline, readable in one place: each stage is `(doc) => doc`,
 * declares the layers it needs and adds, and is checked when the pipeline is made.
 */
import { copyMention, type Doc } from '../doc/document.js';
import { cleanDoc } from '../clean/boilerplate.js';
import { readMetadata } from '../metadata/metadata.js';
import { tagBody } from '../language/tagger.js';
import { isEnglish, skipForLanguage } from '../language/detect.js';
import { MentionRecogniser } from '../mentions/recognise.js';
import { resolveMentions } from '../resolve/within-article.js';
import { findRoles } from '../roles/spokesperson.js';
import { transcriptHost } from '../roles/transcript.js';
import { findEvents } from '../events/events.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { Pipeline, type Stage } from './stage.js';

export function makePipeline(kb: KnowledgeBase): Pipeline {
  const recogniser = new MentionRecogniser(kb);
  const stages: Stage[] = [
    { name: 'clean', requires: ['text'], adds: ['body'], run: (d: Doc) => ({ ...d, ...cleanDoc(d) }) },
    { name: 'metadata', requires: ['body'], adds: ['meta'], run: (d) => {
      const meta = readMetadata(d);
      return { ...d, meta: meta.outlet ? { ...meta, outletKb: kb.outletEntry(meta.outlet) } : meta };
    } },
    { name: 'language', requires: ['body', 'meta'], adds: ['tokens', 'sentences'], run: (d) => (isEnglish(d) ? { ...d, ...tagBody(d) } : skipForLanguage(d)) },
    { name: 'mentions', requires: ['tokens', 'sentences'], adds: ['mentions'], run: (d) => ({ ...d, mentions: recogniser.recognise(d) }) },
    { name: 'resolve', requires: ['mentions'], adds: ['clusters'], run: (d) => resolveMentions(d, kb) },
    // Roles may add unnamed spokespeople to the clusters and point "the spokesperson" at them.
    { name: 'roles', requires: ['clusters'], adds: ['roles'], run: (d) => {
      const doc = { ...d, clusters: [...d.clusters], mentions: d.mentions.map(copyMention) };
      const roles = findRoles(doc);
      const host = transcriptHost(doc, kb, roles);
      return { ...doc, roles: host ? [host, ...roles] : roles };
    } },
    { name: 'events', requires: ['clusters', 'roles'], adds: ['accusations', 'responses'], run: (d) => findEvents(d) },
  ];
  return new Pipeline(stages);
}
