/**
 * The clean stage: the article body apart from page boilerplate (navigation, share
 * rows, teasers, "related" and "most read" lists, comment threads, newsletter and
 * cookie boxes, footers), by the shape of the page and never by the words of one
 * language, so an article in any language keeps its body. The text is never
 * changed; body and boilerplate are spans into it.
 */
import type { Doc, Span } from '../doc/document.js';
import { isFurniture, isProse, normLine, readLines, type Line } from './lines.js';

/**
 * Split the text into lines and sort them into body and boilerplate by the shape of
 * the page: the article is the stretch of lines where prose outweighs everything
 * else (the best-scoring run of lines: prose counts for its length, every other line
 * against it), so menus above, and teasers, comment threads and footers below, fall
 * outside it however long their own lines are, once enough short lines part them from
 * the article. Inside the stretch, subheadings and list items are kept; furniture and
 * lines that the page repeats are not.
 */
export function separateBody(text: string): { body: Span[]; boilerplate: Span[] } {
  const lines = readLines(text);
  // Lines in another writing system than the page's prose (a summary in another language) are not its article.
  const script = dominantScript(lines);
  for (const l of lines) if (l.script && script && l.script !== script) l.foreign = true;
  const paragraphs = paragraphPage(lines);
  const score = lines.map((l, i) => (paragraphs ? paragraphScore(lines, i) : lineScore(l)));
  growGaps(score);
  let best = { from: 0, to: -1, sum: 0 };
  let from = 0;
  let sum = 0;
  for (let i = 0; i < lines.length; i++) {
    if (sum <= 0) { from = i; sum = 0; }
    sum += score[i];
    if (sum > best.sum) best = { from, to: i, sum };
  }
  best.to = Math.min(best.to, threadStart(lines, best.from, best.to) - 1);
  // The article's last short sentences ("(Reporting by …)", a closing quote) end it, not the stretch's score.
  for (let k = 0; k < 2 && best.to + 1 < lines.length && closesArticle(lines[best.to + 1]); k++) best.to++;
  // A last line that announces a list ("The tour dates:") takes the list under it.
  if (best.to >= 0 && announces(lines[best.to])) best.to = listEnd(text, lines, best.to);
  // So do its first ones: a one-line lead ("A half century on, the band is still smoking.") opens it.
  for (let k = 0; k < 2 && best.from > 0 && closesArticle(lines[best.from - 1]); k++) best.from--;
  const kept = lines.map((l, i) => i >= best.from && i <= best.to && (isProse(l) || keptInside(l)));
  if (paragraphs) dropLinkLists(text, lines, kept);
  const body: Span[] = [];
  const boilerplate: Span[] = [];
  lines.forEach((l, i) => (kept[i] ? body : boilerplate).push({ start: l.start, end: l.end }));
  return { body, boilerplate };
}

const RUN = 3;
/**
 * On a paragraph page, a run of short lines one under the other with no sentence end
 * among them ("More from UK" and its headlines, a tag row) is a list of links, not the
 * article's: its own lists are shorter, end their items like sentences, or follow a
 * line that announces them ("The tour dates:").
 */
function dropLinkLists(text: string, lines: Line[], kept: boolean[]): void {
  const linky = (i: number) => kept[i] && !isProse(lines[i]) && !lines[i].paragraph && !lines[i].sentenceEnd;
  const adjacent = (i: number) => rawAdjacent(text, lines, i);
  for (let i = 0; i < lines.length;) {
    if (!linky(i)) { i++; continue; }
    let j = i + 1;
    while (j < lines.length && linky(j) && adjacent(j)) j++;
    const announced = i > 0 && announces(lines[i - 1]);
    if (j - i >= RUN && !announced) for (let k = i; k < j; k++) kept[k] = false;
    i = j;
  }
}

function dominantScript(lines: Line[]): string {
  const by = new Map<string, number>();
  for (const l of lines) if (isProse(l)) by.set(l.script, (by.get(l.script) ?? 0) + l.text.length);
  return [...by].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** What a line adds to the article stretch it is in. */
function lineScore(l: Line): number {
  if (isProse(l)) return Math.min(l.weight, 600);
  if (isFurniture(l) || l.repeats > 1) return -40;
  return -Math.min(25, 8 + l.weight / 4);
}

/**
 * A page whose prose is set in paragraphs (innerText puts a blank line around each <p>):
 * enough paragraph-shaped prose to hold an article.
 */
function paragraphPage(lines: Line[]): boolean {
  let n = 0;
  let w = 0;
  for (const l of lines) if (l.paragraph && isProse(l)) { n++; w += l.weight; }
  return n >= PARA_MIN_LINES && w >= PARA_MIN_WEIGHT;
}
const PARA_MIN_LINES = 3;
const PARA_MIN_WEIGHT = 600;

/**
 * On a paragraph page the article is its paragraphs: prose outside one (a comment, a
 * teaser's summary in a list) counts a quarter, so the stretch does not run on through
 * it, and a tenth when it stands alone between short lines (a teaser: title, summary,
 * title…). Short paragraphs still count against: headline lists are set as <p> too.
 */
function paragraphScore(lines: Line[], i: number): number {
  const l = lines[i];
  const s = lineScore(l);
  if (s <= 0 || l.paragraph) return s;
  const prose = (j: number) => j >= 0 && j < lines.length && isProse(lines[j]);
  return prose(i - 1) || prose(i + 1) ? s / 4 : s / 10;
}

/**
 * A long run of lines that are not prose parts the article from what follows (a box
 * about the blog below its categories): each costs an eighth more than the one before,
 * while a caption or a subheading between paragraphs costs what it did.
 */
function growGaps(score: number[]): void {
  let run = 0;
  for (let i = 0; i < score.length; i++) {
    if (score[i] >= 0) { run = 0; continue; }
    run++;
    score[i] *= 1 + run / 8;
  }
}

/**
 * Where a comment thread starts inside the stretch, or past its end: a short line the
 * page repeats ("Reply", "Like") three times or more, a few lines apart with prose between, and a timestamp
 * near each, is the thread's furniture; the thread starts at the header (name, date)
 * of the comment before its first occurrence. An ad label repeated between paragraphs
 * has no timestamps beside it, so it does not cut the article.
 */
function threadStart(lines: Line[], from: number, to: number): number {
  const seen = new Map<string, number[]>();
  for (let i = from; i < lines.length; i++) {
    const l = lines[i];
    if (l.weight >= 40) continue;
    // Counters differ only by their number ("Rating: 36 Votes", "12 Likes"): one key for them all.
    const k = normLine(l.text).replace(/\p{N}+/gu, '#');
    if (!seen.has(k)) seen.set(k, []);
    seen.get(k)!.push(i);
  }
  const datedNear = (i: number) => lines.slice(Math.max(from, i - 4), i + 2).some(stamped);
  let cut = to + 1;
  for (const at of seen.values()) {
    const run = commentRun(lines, at);
    // The run must start inside the stretch; the thread may run on past its end.
    if (!run || run[0] > to) continue;
    // Most comments dated: a list of offers or links with their prices is not a thread.
    if (run.filter(datedNear).length < Math.max(2, run.length / 2)) continue;
    let i = run[0] - 1;
    while (i > from && isProse(lines[i])) i--;
    while (i > from && !isProse(lines[i])) i--;
    cut = Math.min(cut, i + 1);
  }
  return cut;
}

/** The first three or more occurrences in a row that are a few lines apart with a comment's words between. */
function commentRun(lines: Line[], at: number[]): number[] | undefined {
  let start = 0;
  for (let n = 1; n <= at.length; n++) {
    const joined = n < at.length && at[n] - at[n - 1] <= 12 && lines.slice(at[n - 1] + 1, at[n]).some((l) => l.words >= 4 && !isFurniture(l));
    if (joined) continue;
    if (n - start >= 3) return at.slice(start, n);
    start = n;
  }
  return undefined;
}

/** The last line of the list right under line `at`: its items, one under the other (no blank line between). */
function listEnd(text: string, lines: Line[], at: number): number {
  let i = at;
  while (i + 1 < lines.length && keptInside(lines[i + 1]) && (i === at || rawAdjacent(text, lines, i + 1))) i++;
  return i;
}

const rawAdjacent = (text: string, lines: Line[], i: number) => text.slice(lines[i - 1].end, lines[i].start).split('\n').length === 2;

/** A comment's timestamp: a date, or a short line with a clock time ("2 days ago at 07:52 am"). */
function stamped(l: Line): boolean {
  return l.dated || (l.weight < 40 && /\b\d{1,2}:\d{2}\b/.test(l.text));
}

/** A short sentence of the article; a teaser cut off with an ellipsis is not one. */
function closesArticle(l: Line): boolean {
  return !isFurniture(l) && l.repeats === 1 && l.sentenceEnd && l.weight >= 30 && l.words >= 4 && !/(\.\.\.|…)$/.test(l.text);
}

/** A sentence that announces a list under it ("The tour dates:"); a one-word label ("More:") does not. */
function announces(l: Line): boolean {
  return l.words >= 4 && /:\s*$/.test(l.text);
}

/** A short line inside the article that is the article's own: a subheading, a list item, a quote's attribution. */
function keptInside(l: Line): boolean {
  return !isFurniture(l) && l.repeats === 1 && l.weight >= 12 && l.words >= 2;
}

/** Every non-empty line of the text, trimmed, as a span. */
export function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start < end) out.push({ start, end });
  }
  return out;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * HTML was read by Readability: every block is the article's, but the headline the
 * reader put first (and the article's own copy of it) is not body.
 */
function separateHtmlBody(doc: Pick<Doc, 'text' | 'meta'>): { body: Span[]; boilerplate: Span[] } {
  const body: Span[] = [];
  const boilerplate: Span[] = [];
  const headline = doc.meta.headline ? norm(doc.meta.headline) : undefined;
  for (const s of lineSpans(doc.text)) {
    const t = doc.text.slice(s.start, s.end);
    (headline && norm(t) === headline ? boilerplate : body).push(s);
  }
  return { body, boilerplate };
}

/** The clean stage: body and boilerplate spans of the doc's text. */
export function cleanDoc(doc: Pick<Doc, 'text' | 'format' | 'meta'>): { body: Span[]; boilerplate: Span[] } {
  return doc.format === 'html' ? separateHtmlBody(doc) : separateBody(doc.text);
}
