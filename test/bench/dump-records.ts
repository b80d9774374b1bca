/**
 * `npm run dump:records -- OUT.jsonl [TREE]`: every annotated record of the seeds, the project's
 * fixtures, and (when present) ../shared/dev/articles and ../shared/bench/pages, one JSON line per
 * input (mentions, clusters, roles, accusations, responses). A change meant only for speed must
 * leave the file byte-identical: dump before and after (TREE: another checkout, e.g. a
 * `git worktree` of main) and `cmp` the two.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('../..', import.meta.url));
const [out, tree = HERE] = process.argv.slice(2);
if (!out) {
  console.error('usage: npm run dump:records -- OUT.jsonl [TREE]   (TREE: the checkout whose pipeline annotates; default this one)');
  process.exit(2);
}
const core = await import(join(resolve(tree), 'src/index.ts'));
const dirs = ['seeds', 'test/fixtures/articles', '../shared/dev/articles', '../shared/bench/pages/text', '../shared/bench/pages/html'].map((d) => join(HERE, d)).filter(existsSync);
const settings = core.resolveSettings();
const kb = core.KnowledgeBase.load(settings);
const lines: string[] = [];
for (const d of dirs) for (const f of readdirSync(d).sort()) {
  if (f.endsWith('.json') || f.endsWith('.md')) continue;
  try {
    const doc = core.annotateDoc(core.readDoc({ name: f, data: readFileSync(join(d, f)) }, settings), kb);
    lines.push(JSON.stringify({ f, tokens: doc.tokens.length, mentions: doc.mentions, clusters: doc.clusters, roles: doc.roles, acc: doc.accusations, resp: doc.responses }));
  } catch (e) {
    lines.push(JSON.stringify({ f, error: (e as Error).message }));
  }
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} records → ${out}`);
