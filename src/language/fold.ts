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
  Ŋ: 'N', ŋ: 'n', ĸ: 'k', ſ: 's', Ɓ: 'B', ƀ: 'b', Ɗ: 'D', Ƒ: 'F', ƒ: 'f', Ɨ: 'I', ɨ: 'i', Ø: 'O', ø: 'o',
};

/** Latin Extended-A and -B, IPA-free part, and Latin Extended Additional (Vietnamese). */
function isExtendedLatin(code: number): boolean {
  return (code >= 0x100 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff);
}

function baseLetter(ch: string): string {
  const special = SPECIAL[ch];
  if (special) return special;
  const base = ch.normalize('NFD').charCodeAt(0);
  if (base < 0x80 && /[A-Za-z]/.test(String.fromCharCode(base))) return String.fromCharCode(base);
  // A letter with no Latin base keeps its case, so a capitalised name stays capitalised.
  return ch === ch.toLowerCase() ? 'x' : 'X';
}

/** The text with extended Latin letters folded to ASCII, the same length; the text itself when it has none. */
export function foldForTagger(text: string): string {
  let i = 0;
  for (; i < text.length; i++) if (isExtendedLatin(text.charCodeAt(i))) break;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += isExtendedLatin(code) ? baseLetter(text[i]) : text[i];
  }
  return out;
}
