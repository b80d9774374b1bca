/**
 * A pipeline stage: a named `(doc) => doc` that declares which layers it needs and
 * which it adds, so the order of stages is checked once, when the pipeline is made.
 */
import type { Doc } from '../doc/document.js';
import { PipelineConfigError } from '../errors.js';

export type Layer = 'text' | 'body' | 'meta' | 'tokens' | 'sentences' | 'mentions' | 'clusters' | 'roles' | 'accusations' | 'responses';

export interface Stage {
  name: string;
  requires: readonly Layer[];
  adds: readonly Layer[];
  run(doc: Doc): Doc;
}

export class Pipeline {
  constructor(readonly stages: readonly Stage[]) {
    const have = new Set<Layer>(['text']);
    for (const s of stages) {
      const missing = s.requires.filter((l) => !have.has(l));
      if (missing.length)
        throw new PipelineConfigError(`pipeline: stage "${s.name}" needs ${missing.join(', ')}, which no earlier stage adds; put a stage that adds it before "${s.name}"`);
      for (const l of s.adds) have.add(l);
    }
  }

  run(doc: Doc): Doc {
    for (const s of this.stages) doc = s.run(doc);
    return doc;
  }

  get names(): string[] {
    return this.stages.map((s) => s.name);
  }
}
