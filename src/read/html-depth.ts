/**
 * How deep the elements of an HTML page nest, read from the tags in one linear pass,
 * before linkedom and Readability see it: both walk the tree recursively, cost grows
 * faster than the depth (1,000 levels: 13 s) and 20,000 levels overflow the stack. No
 * article page nests more than a few dozen levels.
 */
import { UnreadableInputError } from '../errors.js';

export const MAX_HTML_DEPTH = 256;

/** Elements that never hold children, or that the parser closes on its own (<p>, <li> without end tags). */
const NO_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th',
]);

// Comments and script/style bodies first, so tags inside them are not counted.
const TAG = /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

export function htmlDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(TAG)) {
    const name = m[3]?.toLowerCase();
    if (!name || m[4] || NO_NESTING.has(name)) continue;
    if (m[2]) depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  return max;
}

/** Throw UnreadableInputError when the page nests deeper than `limit`. */
export function checkHtmlDepth(file: string, html: string, limit = MAX_HTML_DEPTH): void {
  const depth = htmlDepth(html);
  if (depth > limit)
    throw new UnreadableInputError(file, `the HTML nests elements ${depth} levels deep, over the limit of ${limit}; it is not an article page (an article nests a few dozen)`);
}
