/**
 * How far apart two folded words are, for the readers that forgive one typo: specialties and providers
 * (entities.ts), places, and weekdays (locales/pt-BR/chrono-dates.ts, and the conversation's own reader of days).
 */
import {
  NOT_WEEKDAY_SLIPS,
  WEEKDAY_ABBREVIATIONS,
  WEEKDAY_LIST_JOINERS,
  WEEKDAY_NAMES,
  WEEKDAY_SHORTHANDS,
  WEEKDAY_SLIP_FOLLOWERS,
  WEEKDAY_SLIP_LEADS,
  WEEKDAY_SLIP_OPENERS,
} from '../../../locales/pt-BR/lexicon-time';

/** Damerau–Levenshtein distance (adjacent swaps count one), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
      best = Math.min(best, d);
    }
    if (i > 0 && best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Before a misspelt weekday, words that make it an option picked, not a day ("a segnda de tarde"). */
const SLIP_ARTICLES = ['a', 'o', 'as', 'os'];

/** Shorter words are not read as a weekday with a typo. */
export const WEEKDAY_SLIP_MIN_LENGTH = 4;
const NOT_SLIPS = new Set(NOT_WEEKDAY_SLIPS);

/** The weekday a word misspells by one letter ("segnda": Monday), or null; no guess when two weekdays are as near. */
export function weekdaySlip(word: string): number | null {
  if (word.length < WEEKDAY_SLIP_MIN_LENGTH || NOT_SLIPS.has(word) || WEEKDAY_NAMES[word] !== undefined || WEEKDAY_ABBREVIATIONS[word] !== undefined) return null;
  let found: number | null = null;
  for (const [name, weekday] of Object.entries(WEEKDAY_NAMES)) {
    if (name[0] !== word[0] || editDistance(word, name, 1) !== 1) continue;
    if (found !== null && found !== weekday) return null;
    found = weekday;
  }
  return found;
}

/** The weekday a word shortens in consonants ("sxt") or misspells by one letter ("segnda"), or null. */
export function weekdayShorthandOrSlip(word: string): number | null {
  return WEEKDAY_SHORTHANDS[word] ?? weekdaySlip(word);
}

function namesWeekday(word: string): boolean {
  return word === 'feira' || WEEKDAY_NAMES[word] !== undefined || WEEKDAY_ABBREVIATIONS[word] !== undefined || weekdayShorthandOrSlip(word) !== null;
}

/**
 * The weekday the word at `i` of a message's folded words misspells or shortens, where a day is expected: the
 * whole message ("segnda", "sxt"); after a lead ("na segnda", "proxima sexat"); before a word that goes on with
 * a day, not after an article ("segnda de manha", "cardio sexat de manha", "segnda ou terca"); after "ou"/"e" right after a weekday ("terca ou qurta"). Else null.
 */
export function weekdaySlipAt(words: readonly string[], i: number): number | null {
  const weekday = weekdayShorthandOrSlip(words[i] ?? '');
  if (weekday === null) return null;
  if (words.length === 1) return weekday;
  const before = words[i - 1];
  if (before !== undefined && WEEKDAY_SLIP_LEADS.includes(before)) return weekday;
  // "e sabdo?": a follow-up that opens with "e", the slip right after it
  if (i === 1 && WEEKDAY_SLIP_OPENERS.includes(words[0]!)) return weekday;
  // "sexat de manha" first, or after other words ("cardio sexat de manha"); not after an article ("a segnda de tarde" picks an option)
  if (WEEKDAY_SLIP_FOLLOWERS.includes(words[i + 1] ?? '') && (before === undefined || !SLIP_ARTICLES.includes(before))) return weekday;
  if (before !== undefined && WEEKDAY_LIST_JOINERS.includes(before) && namesWeekday(words[i - 2] ?? '')) return weekday;
  return null;
}
