import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/cli-args.js';

describe('parseServerArgs', () => {
  it('maps environment variables onto settings', () => {
    const { overrides } = parseServerArgs([], { PORT: '8080', HOST: '0.0.0.0', KG_INPUT: ['a', 'b'].join(delimiter), KG_DATA: '/tmp/d', KG_WRITE_TOKEN: 't', KG_QUERY_TIMEOUT_MS: '500' });
    expect(overrides).toMatchObject({ port: 8080, host: '0.0.0.0', inputs: ['a', 'b'], dataDir: '/tmp/d', writeToken: 't', queryTimeoutMs: 500 });
  });

  it('lets flags win over the environment, and repeats --input', () => {
    const { overrides } = parseServerArgs(['--input', 'x', '--input', 'y', '--port', '0', '--data', 'd2'], { PORT: '8080', KG_INPUT: 'z', KG_DATA: 'd1' });
    expect(overrides).toMatchObject({ port: 0, inputs: ['x', 'y'], dataDir: 'd2' });
  });

  it('reads the per-article limits: --max-names, --max-article-chars, --annotate-memory and their variables', () => {
    expect(parseServerArgs(['--max-names', '50', '--annotate-memory', '256', '--max-article-chars', '9000'], { KG_MAX_NAMES: '70' }).overrides)
      .toMatchObject({ maxNamesPerArticle: 50, annotateMemoryMb: 256, maxArticleChars: 9000 });
    expect(parseServerArgs([], { KG_MAX_NAMES: '70', KG_ANNOTATE_MEMORY_MB: '300' }).overrides).toMatchObject({ maxNamesPerArticle: 70, annotateMemoryMb: 300 });
    expect(() => parseServerArgs(['--max-names', 'lots'], {})).toThrow(/--max-names \/ KG_MAX_NAMES must be a whole number/);
  });

  it('leaves unset values to the defaults and reads --help', () => {
    const { overrides, help } = parseServerArgs(['--help'], {});
    expect(help).toBe(true);
    expect(Object.values(overrides).every((v) => v === undefined)).toBe(true);
  });

  it('refuses unknown flags and bad numbers with a message naming them', () => {
    expect(() => parseServerArgs(['--prot', '1'], {})).toThrow(/prot/);
    expect(() => parseServerArgs([], { PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
  });
});
