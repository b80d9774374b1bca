/**
 * Answers as bytes: made from text in parts between turns of the event loop, and hashed for
 * an ETag as they come (Express would hash a 440 MB body on the event loop in one go).
 */
import { createHash, type Hash } from 'node:crypto';
import { budget, turn } from '../src/steps.js';

/** A quoted ETag from a hash of the bytes. */
export function etagOf(hash: Hash): string {
  return `"${hash.digest('base64url').slice(0, 20)}"`;
}

/** These parts as one buffer, with a turn of the event loop every 8 ms of making them. */
export async function bytesInTurns(parts: Iterable<string>): Promise<{ bytes: Buffer; etag: string }> {
  const buffers: Buffer[] = [];
  const hash = createHash('sha1');
  const due = budget(8, 1);
  for (const part of parts) {
    const b = Buffer.from(part);
    hash.update(b);
    buffers.push(b);
    if (due()) await turn();
  }
  return { bytes: Buffer.concat(buffers), etag: etagOf(hash) };
}
