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
  const text = message.normalize('NFC').trim();
  // most texts (and every catalogue name foldKey compares) have no vowel typed twice: spare them the two rewrites
  if (!DOUBLED_VOWEL.test(text)) return text;
  return text.replace(/([aeiouáàâãéêíóôõú])\1{2,}(?!\p{L})/giu, '$1').replace(/([aeiuáàâãéêíú])\1(?!\p{L})/giu, '$1');
}

/** A vowel typed twice in a row anywhere (case aside); without the `u` flag, which makes the test several times slower. */
const DOUBLED_VOWEL = /([aeiouáàâãéêíóôõú])\1/i;

/** A word with each run of one letter read once, as typed with a key held down ("siiim" → "sim", "dermatoo" → "dermato"). */
export function foldHeldLetters(text: string): string {
  return text.replace(/(\p{L})\1+/gu, '$1');
}

/** A name or phrase folded for comparison: no case, no accents, single spaces, no punctuation at the ends. */
export function foldKey(text: string): string {
  let key = foldedKeys.get(text);
  if (key === undefined) {
    key = fold(prepare(text))
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (text.length <= MAX_FOLDED_KEY_CHARS) {
      if (foldedKeys.size >= MAX_FOLDED_KEYS) foldedKeys.clear();
      foldedKeys.set(text, key);
    }
  }
  return key;
}

/**
 * foldKey's answers: it is pure, and a turn folds the same catalogue names (specialties, providers, units) many times
 * over. Short texts only, so that a long message does not fill it.
 */
const foldedKeys = new Map<string, string>();
const MAX_FOLDED_KEYS = 5_000;
const MAX_FOLDED_KEY_CHARS = 200;
