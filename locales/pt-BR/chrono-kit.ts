/**
 * What the pt-BR chrono parsers and refiners share: the tags that tell src/core/language/when.ts what a
 * result means, the reference's local date, and small builders for patterns and results.
 *
 * Parsers read folded text (lower case, no accents, same positions as the original), so every pattern
 * here is written without accents and capitals.
 */
import type { ParsingComponents, ParsingContext, ParsingResult } from 'chrono-node';
import type { DayPeriod } from '../../src/core/model';
import type { InvalidDate } from '../../src/core/language/types';
import { parts, type DateRange, type MonthPart } from '../../src/core/language/calendar';
import { OPEN_RANGE_END, OPEN_RANGE_START } from '../../src/core/language/time-of-day';

const OURS = 'agendador/';

/** Tags on results; a result without any of ours comes from one of chrono's own parsers. */
export const TAGS = {
  /** a date or range of dates one of our parsers read */
  date: `${OURS}date`,
  /** a weekday ("sexta"): the scope refiner may move it into a named week */
  weekday: `${OURS}weekday`,
  /** a week range ("semana que vem"), which a weekday next to it narrows */
  weekRange: `${OURS}week-range`,
  /** a date written with its year ("15 de dezembro de 2026") */
  yearWritten: `${OURS}year-written`,
  /** a day of the month ("dia 10"): the scope refiner may move it into a named month */
  dayOfMonth: `${OURS}day-of-month`,
  /** a month range ("mês que vem", "este mês"), which a day of the month next to it narrows */
  monthRange: `${OURS}month-range`,
  /** a clock time or range ("14h", "entre 2 e 4"), hours as written until the refiners settle them */
  clock: `${OURS}clock`,
  /** a clock range open at one end ("antes das 10", "depois das 15h"), settled once its written end is */
  openStart: `${OURS}open-start`,
  openEnd: `${OURS}open-end`,
  /** negated ("não posso segunda") */
  negated: `${OURS}negated`,
  /** given as a reason, not a wish ("de manhã porque à tarde eu trabalho"): counts only when nothing else is said */
  reason: `${OURS}reason`,
  /** declined right after ("de manhã não posso"): counts only when nothing else is said, as a reason */
  declined: `${OURS}declined`,
  /** a part of the day ("de manhã", "no almoço") */
  dayPart: `${OURS}day-part`,
  /** the small hours ("de madrugada"): a part of the day with no period, in which an hour beside it is read */
  smallHours: `${OURS}small-hours`,
  /** a day before today ("ontem"): no date to book */
  past: `${OURS}past`,
  /** a weekday or day of the month the scope refiner placed inside a named week or month */
  scoped: `${OURS}scoped`,
  /** a year range ("ano que vem"), which a month or a day and month next to it places in that year */
  yearRange: `${OURS}year-range`,
  /** a date written with a dot ("3.12"), which chrono's unlikely-format filter would drop as a decimal number */
  dottedDate: `${OURS}dotted-date`,
  /** a time written with a dot ("10.30"), which the same filter would drop as a decimal number */
  dottedClock: `${OURS}dotted-clock`,
  /**
   * a dotted time with no hour word, unit or period to say so ("10.30"): kept only beside a date or as the whole
   * answer (BareDottedClockRefiner)
   */
  bareDottedClock: `${OURS}bare-dotted-clock`,
  /** hours offered as alternatives ("8 ou 9 da manhã"): a window from the first to the end of the last hour */
  hourAlternatives: `${OURS}hour-alternatives`,
  /** a day and month written without a year ("15 de março", "15/03"): a named year may hold it */
  monthDay: `${OURS}month-day`,
} as const;

/** A day and month written that no calendar has ("31/11", "30 de fevereiro", "29/02/2027"): `<day>:<month>:<year or nothing>`. */
const IMPOSSIBLE_DATE_TAG = `${OURS}impossible-date:`;

/** A day and month as written that are no date; `year` only when written. */
type WrittenDay = Omit<InvalidDate, 'text'>;

/**
 * A result for a date written that does not exist ("31/11"): no date is assigned (nothing can be booked on it), only
 * the day and month written, so that the patient can be told why no day was taken.
 */
export function impossibleDateResult(context: ParsingContext, index: number, text: string, written: WrittenDay): ParsingResult {
  return context.createParsingResult(index, text).addTag(`${IMPOSSIBLE_DATE_TAG}${written.day}:${written.month}:${written.year ?? ''}`);
}

/** The day and month written of a date that does not exist, if the result is one. */
export function impossibleDateOf(tags: Iterable<string>): WrittenDay | null {
  for (const tag of tags) {
    if (!tag.startsWith(IMPOSSIBLE_DATE_TAG)) continue;
    const [day, month, year] = tag.slice(IMPOSSIBLE_DATE_TAG.length).split(':');
    return { day: Number(day), month: Number(month), year: year ? Number(year) : null };
  }
  return null;
}

const PERIOD_TAG = `${OURS}period:`;
/** A named month or part of one ("em março", "início de dezembro"): `<month>:<part>` after the colon. */
const MONTH_PART_TAG = `${OURS}month-part:`;

/** Marks `result` as naming that part of that month, for a year named beside it to place it. */
export function tagMonthPart(result: ParsingResult, month: number, part: MonthPart): ParsingResult {
  return result.addTag(`${MONTH_PART_TAG}${month}:${part}`);
}

/** The month and part a result names ("em março": 3, whole), if it is one. */
export function monthPartOf(result: Tagged): { month: number; part: MonthPart } | null {
  for (const tag of result.tags()) {
    if (!tag.startsWith(MONTH_PART_TAG)) continue;
    const [month, part] = tag.slice(MONTH_PART_TAG.length).split(':');
    return { month: Number(month), part: part as MonthPart };
  }
  return null;
}
/** One tag per day of a result naming days offered as alternatives ("quinta ou sexta"), the day after the colon. */
const ALTERNATIVE_TAG = `${OURS}alternative:`;

/** A weekday beside a date that is another weekday ("sexta dia 5", the 5th a Saturday): `<date>:<weekday date>`. */
const CONFLICT_TAG = `${OURS}date-conflict:`;

/** Marks `result` as a weekday and a date that disagree: `day` as written, `weekday` the nearest day of the weekday named. */
export function tagDateConflict(result: ParsingResult, day: string, weekday: string): ParsingResult {
  return result.addTag(`${CONFLICT_TAG}${day}:${weekday}`);
}

/** The date and weekday a result names that disagree, if it does ("sexta dia 5"). */
export function dateConflictOf(tags: Iterable<string>): { day: string; weekday: string } | null {
  for (const tag of tags) {
    if (!tag.startsWith(CONFLICT_TAG)) continue;
    const [day, weekday] = tag.slice(CONFLICT_TAG.length).split(':');
    return { day: day!, weekday: weekday! };
  }
  return null;
}

/** Marks `result` as naming exactly these days (sorted, distinct), any of which suits. */
export function tagAlternatives(result: ParsingResult, dates: readonly string[]): ParsingResult {
  for (const date of dates) result.addTag(`${ALTERNATIVE_TAG}${date}`);
  return result;
}

/** The days a result offers as alternatives (from its tags), sorted; null when it names one day or a plain range. */
export function alternativesOf(tags: Iterable<string>): string[] | null {
  const dates: string[] = [];
  for (const tag of tags) if (tag.startsWith(ALTERNATIVE_TAG)) dates.push(tag.slice(ALTERNATIVE_TAG.length));
  return dates.length > 1 ? dates.sort() : null;
}

export function periodTag(period: DayPeriod): string {
  return `${PERIOD_TAG}${period}`;
}

/** Anything with chrono's `tags()`: a result or one of its components. */
type Tagged = { tags(): Set<string> };

export function isOurs(result: Tagged): boolean {
  for (const tag of result.tags()) if (tag.startsWith(OURS)) return true;
  return false;
}

/** The period a result names ("de manhã", "2 da tarde"), if any. */
export function periodOf(result: Tagged): DayPeriod | null {
  for (const tag of result.tags()) if (tag.startsWith(PERIOD_TAG)) return tag.slice(PERIOD_TAG.length) as DayPeriod;
  return null;
}

const todayByContext = new WeakMap<ParsingContext, string>();

/**
 * The reference's local date, `YYYY-MM-DD`: the instant shifted by the offset the caller resolved for
 * the clinic's zone, read on the UTC calendar (never the host's zone).
 */
export function localToday(context: ParsingContext): string {
  let today = todayByContext.get(context);
  if (today === undefined) {
    const offsetMinutes = context.reference.timezoneOffset ?? 0;
    today = new Date(context.reference.instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
    todayByContext.set(context, today);
  }
  return today;
}

export function assignDate(components: ParsingComponents, date: string): ParsingComponents {
  const { year, month, day } = parts(date);
  components.assign('year', year);
  components.assign('month', month);
  components.assign('day', day);
  components.assign('weekday', new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  return components;
}

/** A result naming one date or a range of dates. */
export function dateResult(context: ParsingContext, index: number, text: string, range: DateRange): ParsingResult {
  const result = context.createParsingResult(index, text);
  assignDate(result.start, range.from);
  if (range.to !== range.from) result.end = assignDate(context.createParsingComponents(), range.to);
  return result.addTag(TAGS.date);
}

/**
 * Assigns a clock time (minutes since midnight). `settled` says the hour needs no more reading (a
 * period or a leading zero fixed it); otherwise the meridiem stays open for the bare-hour refiner.
 */
export function assignClock(components: ParsingComponents, minutes: number, settled: boolean): ParsingComponents {
  const hour = Math.floor(minutes / 60);
  components.assign('hour', hour);
  components.assign('minute', minutes % 60);
  components.assign('second', 0);
  if (settled) components.assign('meridiem', hour < 12 ? 0 : 1);
  else components.delete('meridiem');
  return components;
}

const minutesOf = (c: ParsingComponents) => c.get('hour')! * 60 + c.get('minute')!;

/**
 * The open end of "depois das 15h" / "antes das 10", once the written end is final: the evening's end
 * (or the day's, after 22:00) and the morning's start (or midnight, before 06:00).
 */
export function settleOpenBounds(result: ParsingResult): void {
  if (!result.end) return;
  const tags = result.tags();
  if (tags.has(TAGS.openEnd)) {
    assignClock(result.end, minutesOf(result.start) < OPEN_RANGE_END ? OPEN_RANGE_END : 23 * 60 + 59, true);
  }
  if (tags.has(TAGS.openStart)) {
    assignClock(result.start, minutesOf(result.end) > OPEN_RANGE_START ? OPEN_RANGE_START : 0, true);
  }
}

/** A pattern that fails at once (anchored: only the first position is tried), for a parser with nothing to look for. */
export const NEVER = /^(?!)/;

/** Regex source matching any of the phrases, longest first; a space matches any run of spaces. */
export function anyOf(phrases: Iterable<string>): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/**
 * A whole-word pattern. The left edge is a lookbehind rather than chrono's `(\W|^)` group so the match
 * starts at the word itself; the right edge refuses to stop inside a word or number.
 */
export function wordPattern(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'u');
}

/**
 * A match the parser refuses: chrono retries one character later, which would let a pattern match the
 * tail of what was refused ("24h" → "4h"); skipping the whole match avoids that.
 */
export function refuse(match: RegExpMatchArray): null {
  match.index = (match.index ?? 0) + match[0].length - 1;
  return null;
}

/** How far back or ahead a word look-up reads: no word the rules care about is longer. */
const LOOK_CHARS = 60;

/** The words right before `index` in `text`, nearest first, stopping at punctuation. */
export function wordsBefore(text: string, index: number, count: number): string[] {
  const words: string[] = [];
  const limit = Math.max(0, index - LOOK_CHARS * count);
  let i = index - 1;
  while (words.length < count && i >= limit) {
    while (i >= limit && isSpace(text.charCodeAt(i))) i--;
    if (i < limit || !isWordChar(text[i]!)) break;
    const end = i + 1;
    while (i >= limit && isWordChar(text[i]!)) i--;
    words.push(text.slice(i + 1, end));
  }
  return words;
}

/** The word right after `index` (skipping spaces), or '' at punctuation or the end. */
export function wordAfter(text: string, index: number): string {
  const limit = Math.min(text.length, index + LOOK_CHARS);
  let i = index;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  const start = i;
  while (i < limit && isWordChar(text[i]!)) i++;
  return text.slice(start, i);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0;
}
