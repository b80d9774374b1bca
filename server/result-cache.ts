/**
 * The SPARQL store's result cache: serialized answers (bytes and ETag) by query, least
 * recently used first out, within a byte budget.
 *
 * An answer is kept once its query has been asked twice (counted as asked, so ten clients
 * asking at once get it kept by the first answer), not after one asking. Queries that vary
 * per request (a counter in a comment, a fresh literal) are asked once each; kept at once,
 * each 7 MB answer of the contract question at 10,000 articles would push out the answers
 * that are asked again. The queries asked once are remembered by key only, a bounded number.
 */
import { createHash } from 'node:crypto';

/** A serialized query answer, as sent: its bytes and an ETag for them. */
export interface Answer { body: Buffer; etag: string }

export function answerOf(body: Buffer): Answer {
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Keys of queries asked once, remembered for their second asking (oldest forgotten first). */
const SEEN_KEYS = 4096;

export class ResultCache {
  private readonly entries = new Map<string, Answer>();
  /** Queries asked and not kept, with how often they were asked. */
  private readonly asked = new Map<string, number>();
  private size = 0;
  /** Answers given from the cache. */
  hits = 0;

  constructor(private readonly budget: number) {}

  /** The kept answer, or undefined (and the asking is counted). */
  get(key: string): Answer | undefined {
    const hit = this.entries.get(key);
    if (!hit) {
      this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
      if (this.asked.size > SEEN_KEYS) this.asked.delete(this.asked.keys().next().value!);
      return undefined;
    }
    this.entries.delete(key); // LRU: move to the end
    this.entries.set(key, hit);
    this.hits++;
    return hit;
  }

  /**
   * Offer an answer: kept when its query was asked twice or more and it fits the budget, however
   * large (the costliest answers are the ones most worth keeping); the least recently used
   * make room for it.
   */
  offer(key: string, answer: Answer): void {
    if ((this.asked.get(key) ?? 0) < 2) return;
    this.asked.delete(key);
    const size = answer.body.length + key.length;
    if (size > this.budget) return;
    this.entries.set(key, answer);
    this.size += size;
    for (const [k, v] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(k);
      this.size -= v.body.length + k.length;
    }
  }

  /** The data changed: every answer is stale (the counts of asking stay). */
  clear(): void {
    this.entries.clear();
    this.size = 0;
  }
}
