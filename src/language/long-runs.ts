/**
 * wink's tokenizer costs the square of a run's length when the run has no spaces
 * (25 KB: 0.3 s, 100 KB: 5 s, 200 KB: minutes). No word is that long, so such runs
 * (base64, minified code, a line of dashes) are cut into pieces before tagging: every
 * MAX_RUN-th character of a run becomes a space. The text keeps its length, so token
 * offsets still point into the text read; the cut characters belong to no token.
 */
import { isWhiteSpace } from '../doc/white-space.js';

export const MAX_RUN = 64;

const LONG_RUN = new RegExp(`\\S{${MAX_RUN + 1},}`, 'g');

export function splitLongRuns(text: string): string {
  if (!hasLongRun(text)) return text;
  LONG_RUN.lastIndex = 0;
  return text.replace(LONG_RUN, (run) => {
    let out = '';
    // Cut by UTF-16 units (length must not change); a cut inside a surrogate pair only spoils garbage.
    for (let i = 0; i < run.length; i += MAX_RUN) out += run.slice(i, i + MAX_RUN - 1) + (i + MAX_RUN - 1 < run.length ? ' ' : '');
    return out;
  });
}

/**
 * Is there a run of more than MAX_RUN characters without white space? A scan of char codes:
 * the regular expression tried a match at every position and cost more than the rest of this
 * stage's own work on ordinary text.
 */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isWhiteSpace(text.charCodeAt(i))) run = 0;
    else if (++run > MAX_RUN) return true;
  }
  return false;
}
