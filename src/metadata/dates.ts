/**
 * Publication dates as pages print them, read into ISO `YYYY-MM-DD`.
 */
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

const PATTERNS: { re: RegExp; ymd: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)/, ymd: (m) => [+m[1], +m[2], +m[3]] },
  { re: /\b((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\b/, ymd: (m) => [+m[1], +m[2], +m[3]] },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'i'), ymd: (m) => [+m[3], MONTHS[m[1].slice(0, 3).toLowerCase()], +m[2]] },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+((?:19|20)\\d{2})\\b`, 'i'), ymd: (m) => [+m[3], MONTHS[m[2].slice(0, 3).toLowerCase()], +m[1]] },
  // Dotted dates are day-first (European); dashed and slashed ones month-first unless that cannot be.
  { re: /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/, ymd: (m) => [+m[3], +m[2], +m[1]] },
  { re: /\b(\d{1,2})[-/](\d{1,2})[-/]((?:19|20)\d{2})\b/, ymd: (m) => (+m[1] > 12 ? [+m[3], +m[2], +m[1]] : [+m[3], +m[1], +m[2]]) },
];

/** The first date in `line`, as ISO, or undefined. */
export function findDate(line: string): string | undefined {
  let best: { at: number; iso: string } | undefined;
  for (const p of PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const [y, mo, d] = p.ymd(m);
    // Reject impossible days (2014-02-30): they would be written as invalid xsd:date values.
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate())) continue;
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (!best || m.index < best.at) best = { at: m.index, iso };
  }
  return best?.iso;
}
