/**
 * How long queries of each kind took in the store lately, so that a query that waited for a
 * worker and would not finish in what is left of its time limit is answered 503 at once
 * instead of holding a worker for an answer nobody gets. Under overload (ten clients on one
 * worker, a query of about a second) every late query otherwise ran to its client's deadline
 * and on, and the worker's throughput went to queries already answered with a time-out.
 *
 * A kind is the query text without its comments and extra white space, and its results
 * format: the same question asked again, whatever counter a client adds in a comment.
 */
import type { Op } from './store-slot.js';

/** Kinds remembered (the oldest forgotten first). */
const KINDS = 1024;

function kindOf(op: Op): string | undefined {
  if (op.op !== 'query') return undefined;
  // Comments outside IRIs and strings are rare in IRIs; a wrong kind only costs an estimate.
  return `${op.resultsFormat} ${op.query.replace(/#[^\n]*/g, ' ').replace(/\s+/g, ' ').trim()}`;
}

export class RunEstimates {
  private readonly ms = new Map<string, number>();

  /** A query of this kind ran `ms` (to its answer, or to its end at the time limit). */
  note(op: Op, ms: number): void {
    const kind = kindOf(op);
    if (kind === undefined) return;
    const prev = this.ms.get(kind);
    this.ms.delete(kind);
    this.ms.set(kind, prev === undefined ? ms : 0.7 * prev + 0.3 * ms);
    if (this.ms.size > KINDS) this.ms.delete(this.ms.keys().next().value!);
  }

  /** Whether a query of this kind is expected to run longer than `leftMs` (false when unknown). */
  wouldMiss(op: Op, leftMs: number): boolean {
    const kind = kindOf(op);
    const ms = kind === undefined ? undefined : this.ms.get(kind);
    return ms !== undefined && ms > leftMs;
  }
}
