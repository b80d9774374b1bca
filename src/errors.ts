/**
 * Typed errors. Each message names the operation that failed and says how to fix it.
 */
export class NewskgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A setting has a value of the wrong type or out of range. */
export class InvalidSettingsError extends NewskgError {}

/** An input file cannot be turned into an article; the build skips it and goes on. */
export class UnreadableInputError extends NewskgError {
  constructor(readonly file: string, readonly reason: string) {
    super(`cannot read ${file}: ${reason}`);
  }
}

/** The pipeline's stages do not line up: a stage needs a layer that no earlier stage adds. */
export class PipelineConfigError extends NewskgError {}

/** A knowledge-base data file is malformed. */
export class KnowledgeBaseError extends NewskgError {}

/** An id (entity, article) is not in the graph. */
export class NotFoundError extends NewskgError {}

/** A cached record that was there when the build started could not be read when it was needed. */
export class CacheChangedError extends NewskgError {
  constructor(readonly id: string, readonly path: string, why: string) {
    super(`reading the cached record of ${id} (${path}) failed: ${why}. The record cache changed during the build; run the build again, or with --no-cache`);
  }
}
