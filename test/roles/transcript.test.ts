/** The host of a briefing transcript whose turns are headed by the outlet asking and the host's name. */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/kb/knowledge-base.js';
import { annotateArticle } from '../../src/pipeline/annotate.js';
import { resolveSettings } from '../../src/settings.js';

const TEXT = `Foreign Ministry Spokesperson Lin Jian's Regular Press Conference on July 9, 2024

CCTV: The foreign minister will travel to Laos next week. Could you share more details?

Lin Jian: The visit will deepen our friendship and cooperation with ASEAN countries.

Bloomberg: Will China send a delegation to the summit in Rio?

Lin Jian: China will release information in due course.
`;

describe('transcript host', () => {
  it('"AFP: …" / "Lin Jian: …" turns: the host named in the title speaks for the foreign ministry', () => {
    const settings = resolveSettings();
    const rec = annotateArticle({ name: 'briefing.txt', data: TEXT }, KnowledgeBase.load(settings), settings);
    const roles = rec.roles.map((r) => [rec.clusters[r.person].label, rec.clusters[r.org].kbId]);
    expect(roles).toEqual([['Lin Jian', 'cn-mfa']]);
  });
});
