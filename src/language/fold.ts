/**
 * wink's tokenizer splits a word at letters outside Latin-1: "Wodociągi" becomes "Wodoci ą gi",
 * "Łódź" "Ł ód ź", so Polish, Czech, Turkish or Vietnamese names fall apart before any rule sees
 * them. The tagger reads a copy in which each such letter is replaced by its base Latin letter
 * (ą → a, Ł → L, ế → e), one UTF-16 unit for one, so every offset still points into the text
 * itself; tokens are sliced from the original text, so nothing downstream sees the copy.
 */

/** Letters whose canonical decomposition has no ASCII base. */
const SPECIAL: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't', Œ: 'O', œ: 'o',
  Ŋ: 'N', ŋ: 'n', ĸ: 'k', ſ: 's', Ɓ: 'B', ƀ: 'b', Ɗ: 'D', Ƒ: 'F', ƒ: 'f', Ɨ: 'I', ɨ: 'i', Ǿ: 'O', ǿ: 'o',
};

const EXTENDED_LATIN = /[\u0100-\u024f\u1e00-\u1eff]/;
const EXTENDED_LATIN_ALL = /[\u0100-\u024f\u1e00-\u1eff]/g;
const memo = new Map<string, string>();

function baseLetter(ch: string): string {
  let out = memo.get(ch);
  if (out !== undefined) return out;
  const special = SPECIAL[ch];
  const base = ch.normalize('NFD').charCodeAt(0);
  // A letter with no Latin base keeps its case, so a capitalised name stays capitalised.
  out = special ?? (base < 0x80 && /[A-Za-z]/.test(String.fromCharCode(base)) ? String.fromCharCode(base) : ch === ch.toLowerCase() ? 'x' : 'X');
  memo.set(ch, out);
  return out;
}

/** The text with extended Latin letters folded to ASCII, the same length; the text itself when it has none. */
export function foldForTagger(text: string): string {
  return EXTENDED_LATIN.test(text) ? text.replace(EXTENDED_LATIN_ALL, baseLetter) : text;
}
