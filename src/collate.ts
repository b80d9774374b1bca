/**
 * The default collation, as String.prototype.localeCompare uses (ECMA-402: the same as
 * Intl.Collator().compare), made once: localeCompare sets one up per call, and sorting the
 * 5,000 spokespeople of 10,000 articles with it held the event loop 200 ms.
 */
export const collate: (a: string, b: string) => number = new Intl.Collator().compare;
