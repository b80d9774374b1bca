/**
 * API answers serialised between turns of the event loop (encodeAsync) are the bytes
 * JSON.stringify writes, gzip and ETag included, whatever the shape.
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { encode, encodeAsync } from '../../server/api-index.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, label: `Node "${i}" ✓`, tags: i % 3 ? ['a', 'b'] : [], skip: undefined }));

const shapes: [string, unknown][] = [
  ['an empty list', []],
  ['a list of one', rows(1)],
  ['a list longer than a turn', rows(537)],
  ['a list with holes', [1, undefined, () => 1, null, 'x']],
  ['an object of lists and values', { nodes: rows(120), edges: [], articles: rows(51), meta: { view: 'actor', total: { nodes: 3 } }, gone: undefined, n: 0 }],
  ['an empty object', {}],
  ['a string', 'spokesperson "quoted"'],
  ['a number', 42],
  ['null', null],
  ['a date', new Date(0)],
  ['an object with toJSON', { toJSON: () => ['x'], a: 1 }],
  ['a class instance', new (class { a = [1, 2]; })()],
];

describe('encodeAsync', () => {
  for (const [name, value] of shapes) {
    it(`writes ${name} as JSON.stringify does`, async () => {
      const got = await encodeAsync(value);
      const want = encode(value);
      expect(got.json.toString()).toBe(JSON.stringify(value));
      expect(got.etag).toBe(want.etag);
      expect(gunzipSync(got.gzip).toString()).toBe(JSON.stringify(value));
    });
  }
});
