/**
 * Text as the rules read it. `fold` keeps every position of the original (one code unit in, one out),
 * so a match in the folded text names the same stretch of what the patient wrote.
 */

const COMBINING = /\p{M}/u;

const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    // Characters that do not fold to exactly one code unit (ß, emoji halves, ligatures) stay as they are.
    folded = base.length === 1 ? base : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    foldCache.set(ch, folded);
  }
  return folded;
}

/**
 * Lower case without accents, same length as the input: "Amanhã às 14H" → "amanha as 14h". Combining
 * marks of decomposed input become spaces so positions still line up; use `prepare` first for text
 * that may arrive decomposed.
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
    } else if (COMBINING.test(ch)) {
      out += ' ';
    } else {
      out += foldChar(ch);
    }
  }
  return out;
}

/**
 * The original message in composed form (NFC), trimmed: the text every span refers to. A vowel held down at a word's end
 * ("desmarcaa", "amanhaa", "cancelaaa"; not a doubled "o", which "enjoo", "voo" end with) is read once; letters doubled
 * inside a word are left as typed ("passar", "isso"; "juliaaaana" is not stretched into a name either).
 */
export function prepare(message: string): string {
  return message
    .normalize('NFC')
    .trim()
    .replace(/([aeiouáàâãéêíóôõú])\1{2,}(?!\p{L})/giu, '$1')
    .replace(/([aeiuáàâãéêíú])\1(?!\p{L})/giu, '$1');
}

/** A word with each run of one letter read once, as typed with a key held down ("siiim" → "sim", "dermatoo" → "dermato"). */
export function foldHeldLetters(text: string): string {
  return text.replace(/(\p{L})\1+/gu, '$1');
}

/** A name or phrase folded for comparison: no case, no accents, single spaces, no punctuation at the ends. */
export function foldKey(text: string): string {
  return fold(prepare(text))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
