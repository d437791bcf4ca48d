/**
 * chrono refiners for pt-BR: they run after every parser, see all results in order, and settle what
 * one parser alone cannot — a weekday inside a named week, an hour next to its period, a bare hour's
 * afternoon, a negation before a mention.
 */
import type { ParsingComponents, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { calendarDate, monthDayOnOrAfter, monthPartRange, nearestWeekday, parts, weekdayWithin } from '../../src/core/language/calendar';
import { addDays, dayOfWeek } from '../../src/core/time';
import { bareHour, hourInPeriod, hourInSmallHours, OPEN_RANGE_END } from '../../src/core/language/time-of-day';
import type { DayPeriod } from '../../src/core/model';
import {
  anyOf,
  assignClock,
  assignDate,
  impossibleDateResult,
  isOurs,
  localToday,
  monthPartOf,
  periodOf,
  periodTag,
  settleOpenBounds,
  tagAlternatives,
  tagDateConflict,
  TAGS,
  wordsBefore,
} from './chrono-kit';
import {
  DATE_AFTER_LEADS,
  DATE_ALTERNATIVE_JOINERS,
  DATE_ALTERNATIVE_LEADS,
  DATE_BEFORE_LEADS,
  DATE_BOUND_ARTICLES,
  DATE_FROM_DAYS,
  DATE_FROM_LEADS,
  DATE_RANGE_ARTICLES,
  DATE_RANGE_CLOSER,
  DATE_RANGE_JOINERS,
  DATE_RANGE_OPENERS,
  DATE_UNTIL_LEADS,
  WEEK_OF_LEADS,
  DECLINED_AFTER,
  DECLINED_AT_END,
  DECLINED_GAP_WORDS,
  DECLINED_STOPS,
  NEGATION_PHRASES,
  TIME_ANSWER_WORDS,
  HOUR_LEADS, HOUR_PART_LEADS, ONWARD_PHRASES, NEGATION_WINDOW_WORDS, NEGATION_WORDS, NOT_NEGATING_BEFORE, NO_THEN_PREFERENCE, NEGATED_QUESTION_VERBS, NEGATED_QUESTION_GAP, REASON_LEADS, REASON_WINDOW_WORDS, SCOPE_FILLERS, SCOPE_JOINERS } from './lexicon-time';

const endOf = (r: ParsingResult) => r.index + r.text.length;
const minutesOf = (c: ParsingComponents) => c.get('hour')! * 60 + c.get('minute')!;
const dateOf = (c: ParsingComponents) =>
  `${String(c.get('year')).padStart(4, '0')}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;

/**
 * Joins neighbours that `join` accepts (the text between them included), left to right, so a joined
 * result can join its next neighbour too.
 */
function joinNeighbours(
  context: ParsingContext,
  results: ParsingResult[],
  join: (left: ParsingResult, right: ParsingResult, between: string) => ParsingResult | null,
): ParsingResult[] {
  const out: ParsingResult[] = [];
  for (const result of results) {
    const previous = out[out.length - 1];
    const joined = previous ? join(previous, result, context.text.slice(endOf(previous), result.index)) : null;
    if (joined) out[out.length - 1] = joined;
    else out.push(result);
  }
  return out;
}

/** A copy of `base` stretched over `left`…`right`. */
function spanning(context: ParsingContext, base: ParsingResult, left: ParsingResult, right: ParsingResult): ParsingResult {
  const joined = base.clone();
  joined.index = left.index;
  joined.text = context.text.slice(left.index, endOf(right));
  // chrono's clone copies the values, not the tags
  joined.addTags(base.tags());
  return joined;
}

/**
 * chrono's pt time parser reads "a" after a time as a.m. ("9:30 a tarde" → 9:30 AM) and a number after
 * "de"/"a" as an hour ("preciso de 2 consultas" → 02:00). Of its results only colon times count
 * ("14:00", "10:30-12:00"; the others are our parsers' job), without a trailing "a".
 */
export class ChronoClockRepair implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const kept: ParsingResult[] = [];
    for (const result of results) {
      if (isOurs(result) || !result.start.isCertain('hour') || result.start.isCertain('day')) {
        kept.push(result);
        continue;
      }
      if (!/\d:\d\d/.test(result.text)) continue;
      dropLeadInsideWord(context.text, result);
      const trimmed = /\s+a$/.exec(result.text);
      if (trimmed) {
        result.text = result.text.slice(0, trimmed.index);
        reopenHour(result.start, result.text);
        if (result.end) reopenHour(result.end, result.text);
      }
      // "03:00" is written as meant; "3:00" is a bare hour, like "às 3"
      const leadingZero = /(?:^|\D)0\d:/.test(result.text);
      const typedMeridiem = /[ap]\.?m/.test(result.text);
      for (const c of [result.start, result.end]) {
        if (!c || typedMeridiem) continue;
        if (leadingZero) c.assign('meridiem', c.get('hour')! < 12 ? 0 : 1);
        else if (c.get('hour')! <= 12) c.delete('meridiem');
      }
      includeLead(context.text, result);
      result.addTag(TAGS.clock);
      kept.push(result);
    }
    // a lead taken in moves a start back: keep chrono's order by position
    return kept.sort((a, b) => a.index - b.index);
  }
}

const WORD_CHAR_AT_END = /[\p{L}\p{N}]$/u;

/**
 * chrono's lead ("a", "as") may be the end of the word before: "sexta 16:00" was read as "a 16:00", which outweighed
 * "sexta" (a longer mention) or tied with "quarta" (and the time was lost). Such a lead is no lead: the time starts at
 * its number.
 */
function dropLeadInsideWord(text: string, result: ParsingResult): void {
  if (!WORD_CHAR_AT_END.test(text.slice(Math.max(0, result.index - 1), result.index))) return;
  const lead = /^\p{L}+\s*/u.exec(result.text);
  if (!lead) return;
  result.index += lead[0].length;
  result.text = result.text.slice(lead[0].length);
}

const LEAD_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${anyOf(HOUR_LEADS)})\\s+$`, 'u');

/** Takes the "às" before a colon time into its words, as our parsers do: "às 14:30". */
function includeLead(text: string, result: ParsingResult): void {
  const lead = LEAD_BEFORE.exec(text.slice(Math.max(0, result.index - 20), result.index));
  if (!lead) return;
  result.index -= lead[0].length;
  result.text = text.slice(result.index, result.index + lead[0].length + result.text.length);
}

/** Undoes chrono's a.m. reading of a trailing "a": "12:30 a" had become 00:30. */
function reopenHour(components: ParsingComponents, text: string): void {
  if (components.get('hour') === 0 && /(?:^|\D)12:/.test(text)) components.assign('hour', 12);
  components.delete('meridiem');
}

/**
 * "15/12" without a year is the next 15/12 on or after today (RULES.md); chrono's slash parser takes
 * the closest one, possibly past. A written year is marked, for the date-range refiner. A day the month
 * does not have ("31/11", "29/02/2027") becomes a result naming no date, only what was written.
 */
export class NextYearRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const today = localToday(context);
    return results.map((result) => {
      const start = result.start;
      if (isOurs(result) || !start.isCertain('day') || !start.isCertain('month')) return result;
      const day = start.get('day')!;
      const month = start.get('month')!;
      if (start.isCertain('year')) {
        const year = start.get('year')!;
        if (calendarDate(year, month, day) === null) return impossibleDateResult(context, result.index, result.text, { day, month, year });
        result.addTag(TAGS.yearWritten);
        return result;
      }
      const date = monthDayOnOrAfter(today, month, day);
      if (date === null) return impossibleDateResult(context, result.index, result.text, { day, month, year: null });
      assignDate(start, date);
      result.addTag(TAGS.monthDay);
      return result;
    });
  }
}

/** One date, no range and no time: what the date refiners below combine. */
const isSingleDate = (r: ParsingResult) => r.start.isCertain('day') && !r.end && !r.start.isCertain('hour');

const DATE_RANGE_JOINER = new RegExp(`^\\s*(?:${anyOf(DATE_RANGE_JOINERS)})\\s*$`);
const DATE_RANGE_ARTICLE = `(?:\\s+(?:${anyOf(DATE_RANGE_ARTICLES)}))?`;
const DATE_RANGE_CLOSING = new RegExp(`^\\s*${DATE_RANGE_CLOSER}${DATE_RANGE_ARTICLE}\\s*$`);
const DATE_RANGE_OPENING = new RegExp(`(?<![\\p{L}\\p{N}])(?:${anyOf(DATE_RANGE_OPENERS)})${DATE_RANGE_ARTICLE}\\s+$`, 'u');

/**
 * Two dates joined by "a", "até" or "-" are a range: "10 de agosto a 12 de setembro", "de amanhã até
 * sexta", "segunda a sexta" (the next Monday to the Friday after it); so are two dates after "entre"
 * joined by "e" ("entre segunda e sexta", whose words then include "entre"). A year written on the
 * second date only is the first's too ("10 agosto - 12 setembro 2027").
 */
export class DateRangeJoinRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return joinNeighbours(context, results, (left, right, between) => {
      if (!isSingleDate(left) || !isSingleDate(right)) return null;
      const opener = DATE_RANGE_CLOSING.test(between) ? DATE_RANGE_OPENING.exec(context.text.slice(Math.max(0, left.index - 12), left.index)) : null;
      if (!opener && !DATE_RANGE_JOINER.test(between)) return null;
      let from = dateOf(left.start);
      let to = dateOf(right.start);
      const leftYear = left.tags().has(TAGS.yearWritten);
      if (!leftYear && right.tags().has(TAGS.yearWritten)) {
        const sameYear = calendarDate(right.start.get('year')!, left.start.get('month')!, left.start.get('day')!);
        if (sameYear !== null && sameYear <= to) from = sameYear;
      }
      if (to < from && isWeekday(left) && isWeekday(right)) to = addDays(to, 7);
      if (to < from) return null;
      const joined = spanning(context, left, left, right);
      if (opener) {
        joined.index -= opener[0].length;
        joined.text = context.text.slice(joined.index, endOf(right));
      }
      assignDate(joined.start, from);
      joined.end = assignDate(context.createParsingComponents(), to);
      joined.end.addTags(joined.start.tags());
      return joined;
    });
  }
}

const APPOSITION_JOINER = /^[\s,]*$/;

/**
 * A weekday beside the date it names is one mention: "sexta, 27/11", "sexta dia 27", "12 de setembro
 * de 2014, sexta". A weekday beside a day written as a number that is another weekday ("sexta dia 5", the 5th a
 * Saturday) is one mention too, which names no date but both days the patient may mean: the date as written and
 * the nearest day of that weekday (tagDateConflict), for the conversation to ask. Other dates that disagree
 * ("amanhã, sexta") stay mentions of their own.
 */
export class WeekdayAppositionRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const today = localToday(context);
    return joinNeighbours(context, results, (left, right, between) => {
      if (!APPOSITION_JOINER.test(between)) return null;
      const [weekday, date] = isWeekday(left) && !isWeekday(right) ? [left, right] : isWeekday(right) && !isWeekday(left) ? [right, left] : [];
      if (!weekday || !date || !isSingleDate(date) || !isSingleDate(weekday)) return null;
      const day = dateOf(date.start);
      if (dayOfWeek(day) === weekday.start.get('weekday')) return spanning(context, date, left, right);
      if (!isWrittenDay(date) || day < today) return null;
      const nearest = nearestWeekday(day, weekday.start.get('weekday')!, today);
      if (nearest === null) return null;
      const joined = spanning(context, date, left, right);
      const [from, to] = nearest < day ? [nearest, day] : [day, nearest];
      assignDate(joined.start, from);
      joined.end = assignDate(context.createParsingComponents(), to);
      return tagDateConflict(joined, day, nearest);
    });
  }
}

/** A day written as a number: "dia 5", "5/12", "5 de dezembro" (not "amanhã" nor a holiday). */
const isWrittenDay = (r: ParsingResult) => {
  const tags = r.tags();
  return tags.has(TAGS.dayOfMonth) || tags.has(TAGS.monthDay) || tags.has(TAGS.yearWritten);
};

const isWeekday = (r: ParsingResult) => r.tags().has(TAGS.weekday);

const SCOPE_JOINER = new RegExp(`^\\s*,?\\s*(?:(?:${anyOf(SCOPE_FILLERS)})\\s+)?(?:(?:${anyOf(SCOPE_JOINERS)})\\s+)?$`);

/**
 * A day named inside a wider range is that day of the range, one mention: "sexta da semana que vem",
 * "semana que vem, na sexta", "terça desta semana", "dia 10 do mês que vem"; a day of the month beside a
 * month named is that day of it ("em fevereiro, dia 15", "dia 15 em fevereiro": the next 15/02). A day
 * the month does not have ("fevereiro, dia 30", "dia 31 do mês que vem" in November) is no date, only
 * what was written.
 */
export class ScopeRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return joinNeighbours(context, results, (left, right, between) => {
      if (!SCOPE_JOINER.test(between)) return null;
      const named = namedMonthPair(left, right) ?? namedMonthPair(right, left);
      if (named) {
        const [day, month] = named;
        const date = monthDayOnOrAfter(localToday(context), month, day.start.get('day')!);
        if (date === null) return impossibleDateResult(context, left.index, context.text.slice(left.index, endOf(right)), { day: day.start.get('day')!, month, year: null });
        const joined = spanning(context, day, left, right);
        assignDate(joined.start, date);
        return joined.addTag(TAGS.scoped);
      }
      const [day, scope] = scopedPair(left, right) ?? scopedPair(right, left) ?? [];
      if (!day || !scope?.end) return null;
      const range = { from: dateOf(scope.start), to: dateOf(scope.end) };
      const date = day.tags().has(TAGS.weekday)
        ? weekdayWithin(range, day.start.get('weekday')!)
        : dayOfMonthWithin(range, day.start.get('day')!);
      if (date === null && !day.tags().has(TAGS.weekday) && range.from.slice(0, 7) === range.to.slice(0, 7)) {
        // "dia 31 do mês que vem" with November next: no such day (the year said only when it decides, for a 29th of February)
        const { year, month } = parts(range.to);
        const written = day.start.get('day')!;
        if (calendarDate(year, month, written) === null) {
          const leapDay = month === 2 && written === 29;
          return impossibleDateResult(context, left.index, context.text.slice(left.index, endOf(right)), { day: written, month, year: leapDay ? year : null });
        }
      }
      if (date === null) return null;
      const joined = spanning(context, day, left, right);
      assignDate(joined.start, date);
      return joined.addTag(TAGS.scoped);
    });
  }
}

/** A day of the month ("dia 15") and a whole month named ("fevereiro", "em fevereiro"): the day and that month's number. */
function namedMonthPair(day: ParsingResult, month: ParsingResult): [ParsingResult, number] | null {
  if (!day.tags().has(TAGS.dayOfMonth) || day.end) return null;
  const part = monthPartOf(month);
  return part && part.part === 'whole' ? [day, part.month] : null;
}

/**
 * A month, or a day and month, named with a year range is that month or day of that year, one mention: "março do
 * ano que vem", "15/03 do ano que vem", "ano que vem, em dezembro".
 */
export class YearScopeRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return joinNeighbours(context, results, (left, right, between) => {
      if (!SCOPE_JOINER.test(between)) return null;
      const [named, year] = right.tags().has(TAGS.yearRange) ? [left, right] : left.tags().has(TAGS.yearRange) ? [right, left] : [];
      if (!named || !year || named.tags().has(TAGS.yearRange)) return null;
      const first = `${year.start.get('year')}-01-01`;
      const part = monthPartOf(named);
      const range = part
        ? monthPartRange(first, part.month, part.part)
        : named.tags().has(TAGS.monthDay) && isSingleDate(named)
          ? singleDay(calendarDate(year.start.get('year')!, named.start.get('month')!, named.start.get('day')!))
          : null;
      if (range === null) return null;
      const joined = spanning(context, named, left, right);
      assignDate(joined.start, range.from);
      if (range.to !== range.from) {
        joined.end = assignDate(context.createParsingComponents(), range.to);
        joined.end.addTags(joined.start.tags());
      } else joined.end = undefined;
      return joined;
    });
  }
}

const singleDay = (date: string | null) => (date === null ? null : { from: date, to: date });

const ALTERNATIVE_LEAD = `(?:\\s+(?:${anyOf(DATE_ALTERNATIVE_LEADS)}))*`;
const OR_JOINER = new RegExp(`^\\s*(?:,\\s*)?(?:${anyOf(DATE_ALTERNATIVE_JOINERS)})${ALTERNATIVE_LEAD}\\s*$`);
const MAX_JOINER_CHARS = 24;
const LIST_JOINER = new RegExp(`^\\s*,${ALTERNATIVE_LEAD}\\s*$`);

/**
 * Days offered as alternatives are one mention naming each of them: "quinta ou sexta", "segunda,
 * terça ou sexta", "amanhã ou sexta", "segunda e terça". Its range runs from the first day to the last,
 * and its tags list the days (chrono-kit.ts `alternativesOf`). A comma list needs "ou" or "e" before its
 * last day ("sexta, sábado" stays two mentions, the last one counting); "ou melhor" is a correction, not
 * a joiner; "entre segunda e sexta" was made a range before (DateRangeJoinRefiner).
 * Weekdays beside one placed in a named week go to that week: "quinta ou sexta da semana que vem".
 */
export class DateAlternativesRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const out: ParsingResult[] = [];
    let i = 0;
    while (i < results.length) {
      let last = -1;
      for (let j = i; j + 1 < results.length && isSingleDate(results[j]!) && isSingleDate(results[j + 1]!); j++) {
        const between = context.text.slice(endOf(results[j]!), results[j + 1]!.index);
        // a joiner is a few words: anything longer is not one (and is not worth a regular expression)
        if (between.length > MAX_JOINER_CHARS) break;
        if (OR_JOINER.test(between)) last = j + 1;
        else if (!LIST_JOINER.test(between)) break;
      }
      if (last === -1) {
        out.push(results[i]!);
        i++;
        continue;
      }
      out.push(joinAlternatives(context, results.slice(i, last + 1)));
      i = last + 1;
    }
    return out;
  }
}

/** Monday 1 … Sunday 7: the order of the days in a week. */
const weekOrder = (r: ParsingResult) => ((r.start.get('weekday')! + 6) % 7) + 1;

/**
 * Bare weekdays listed in the week's order ("quarta ou quinta", "segunda ou sexta") are days of one week, the first
 * one's: on a Wednesday "quarta ou quinta" is next week's Wednesday and Thursday, not next Wednesday and tomorrow.
 */
function weekRun(chain: readonly ParsingResult[]): ParsingResult | null {
  if (chain.length < 2 || !chain.every((r) => isWeekday(r) && !r.tags().has(TAGS.scoped))) return null;
  return chain.every((r, k) => k === 0 || weekOrder(r) > weekOrder(chain[k - 1]!)) ? chain[0]! : null;
}

function joinAlternatives(context: ParsingContext, chain: ParsingResult[]): ParsingResult {
  const scope = chain.find((r) => isWeekday(r) && r.tags().has(TAGS.scoped)) ?? weekRun(chain);
  const today = localToday(context);
  const days = chain.map((r) => {
    const date = dateOf(r.start);
    if (!scope || r === scope || !isWeekday(r) || r.tags().has(TAGS.scoped)) return date;
    const anchor = dateOf(scope.start);
    const monday = addDays(anchor, -((dayOfWeek(anchor) + 6) % 7));
    const inWeek = weekdayWithin({ from: monday, to: addDays(monday, 6) }, r.start.get('weekday')!);
    return inWeek !== null && inWeek >= today ? inWeek : date;
  });
  const dates = [...new Set(days)].sort();
  const first = chain[0]!;
  const joined = context.createParsingResult(first.index, context.text.slice(first.index, endOf(chain.at(-1)!)));
  assignDate(joined.start, dates[0]!);
  if (dates.length > 1) joined.end = assignDate(context.createParsingComponents(), dates.at(-1)!);
  joined.addTag(TAGS.date);
  return dates.length > 1 ? tagAlternatives(joined, dates) : joined;
}

/** [day, scope] when `day` can narrow `scope`: a weekday in a week, a day of the month in a month. */
function scopedPair(day: ParsingResult, scope: ParsingResult): [ParsingResult, ParsingResult] | null {
  const d = day.tags();
  const s = scope.tags();
  if (d.has(TAGS.weekday) && s.has(TAGS.weekRange)) return [day, scope];
  if (d.has(TAGS.dayOfMonth) && s.has(TAGS.monthRange)) return [day, scope];
  return null;
}

function dayOfMonthWithin(range: { from: string; to: string }, day: number): string | null {
  const date = `${range.from.slice(0, 8)}${String(day).padStart(2, '0')}`;
  return date >= range.from && date <= range.to ? date : null;
}

const isClock = (r: ParsingResult) => r.tags().has(TAGS.clock) && periodOf(r) === null;
const isPeriodOnly = (r: ParsingResult) => periodOf(r) !== null && !r.tags().has(TAGS.clock);
/** "de madrugada": the small hours, a part of the day with no period */
const isSmallHoursOnly = (r: ParsingResult) => r.tags().has(TAGS.smallHours) && !r.tags().has(TAGS.clock);

const PERIOD_JOINER = /^[\s,]*$/;

/**
 * A time next to a period is read in it: "às 2 da tarde" → 14:00, "9 da noite" → 21:00, "de manhã às 9"
 * → 09:00, "à tarde, depois das 3" → 15:00–18:00. The joined mention keeps the period.
 */
export class PeriodClockRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return joinNeighbours(context, results, (left, right, between) => {
      if (!PERIOD_JOINER.test(between)) return null;
      const isPart = (r: ParsingResult) => isPeriodOnly(r) || isSmallHoursOnly(r);
      const [clock, part] = isClock(left) && isPart(right) ? [left, right] : isPart(left) && isClock(right) ? [right, left] : [];
      if (!clock || !part) return null;
      // "3 da madrugada": the small hours, no period ("3" is 03:00, not the afternoon's 15:00)
      const period = periodOf(part);
      const joined = spanning(context, clock, left, right);
      for (const c of [joined.start, joined.end]) if (c?.isCertain('hour')) readInPeriod(c, period);
      settleOpenBounds(joined);
      // "a partir das 4 da tarde", "antes das 3 da tarde": the part says which hour, the range stays open to the
      // evening's end (or from the morning's start), as "depois das 16h" is; no period of its own
      const tags = clock.tags();
      if (clock === left && (tags.has(TAGS.openEnd) || tags.has(TAGS.openStart)) && HOUR_PART_LEAD.test(context.text.slice(part.index, endOf(part)))) return joined;
      if (joined.end?.isCertain('hour')) narrowToWindow(joined, minutesOf(part.start), minutesOf(part.end!));
      if (part.start.isCertain('day') && !joined.start.isCertain('day')) assignDate(joined.start, dateOf(part.start));
      return period ? joined.addTag(periodTag(period)) : joined;
    });
  }
}

/** A part of the day that says which hour the one before it is ("4 da tarde", "10 de manhã"), not a window of its own. */
const HOUR_PART_LEAD = new RegExp(`^(?:${anyOf(HOUR_PART_LEADS)})\\s`);

/**
 * "das 16h em diante", "das 4 da tarde pra frente": a time followed by an onward phrase (ONWARD_PHRASES) is a range open
 * to the evening's end, as "a partir das 16h" is (no period of its own); one that is already a range only takes the words in.
 */
export class OnwardRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return results.map((result) => {
      if (!result.tags().has(TAGS.clock) || !result.start.isCertain('hour')) return result;
      const onward = ONWARD_AFTER.exec(context.text.slice(endOf(result)));
      if (!onward) return result;
      const text = context.text.slice(result.index, endOf(result) + onward[0].length);
      if (result.end?.isCertain('hour')) {
        if (!result.tags().has(TAGS.openEnd)) return result;
        const stretched = result.clone();
        stretched.text = text;
        stretched.addTags(result.tags());
        return stretched;
      }
      const open = context.createParsingResult(result.index, text);
      assignClock(open.start, minutesOf(result.start), true);
      for (const unit of ['day', 'month', 'year'] as const) if (result.start.isCertain(unit)) open.start.assign(unit, result.start.get(unit)!);
      open.end = assignClock(context.createParsingComponents(), OPEN_RANGE_END, true);
      open.addTag(TAGS.clock).addTag(TAGS.openEnd);
      settleOpenBounds(open);
      return open;
    });
  }
}

const ONWARD_AFTER = new RegExp(`^\\s*(?:${anyOf(ONWARD_PHRASES)})(?![\\p{L}\\p{N}])`, 'u');

const PERIOD_ALTERNATIVE_JOINER = /^\s*,?\s*ou\s+$/;

/**
 * Parts of the day offered as alternatives are one window spanning them, with no one period: "de manhã ou à tarde"
 * → 06:00–18:00, "à tarde ou à noite" → 12:00–22:00, "de madrugada ou de manhã" → 00:00–12:00 (not the last one alone, which would drop the other).
 */
export class PeriodAlternativesRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return joinNeighbours(context, results, (left, right, between) => {
      const isPart = (r: ParsingResult) => isPeriodOnly(r) || isSmallHoursOnly(r);
      if (!PERIOD_ALTERNATIVE_JOINER.test(between) || !isPart(left) || !isPart(right) || !left.end || !right.end) return null;
      if (left.start.isCertain('day') || right.start.isCertain('day')) return null;
      const joined = context.createParsingResult(left.index, context.text.slice(left.index, endOf(right)));
      assignClock(joined.start, Math.min(minutesOf(left.start), minutesOf(right.start)), true);
      joined.end = assignClock(context.createParsingComponents(), Math.max(minutesOf(left.end), minutesOf(right.end)), true);
      return joined.addTag(TAGS.dayPart);
    });
  }
}

/** An hour read in a period, or in the small hours when `period` is null. */
function readInPeriod(c: ParsingComponents, period: DayPeriod | null): void {
  if (c.isCertain('meridiem')) return;
  const hour = c.get('hour')!;
  assignClock(c, (period === null ? hourInSmallHours(hour) : hourInPeriod(hour, period)) * 60 + c.get('minute')!, true);
}

/** A clock range said with a part of the day keeps to that part's window when they overlap. */
function narrowToWindow(result: ParsingResult, windowFrom: number, windowTo: number): void {
  const from = Math.max(minutesOf(result.start), windowFrom);
  const to = Math.min(minutesOf(result.end!), windowTo);
  if (from >= to) return;
  assignClock(result.start, from, true);
  assignClock(result.end!, to, true);
}

/** A bare hour 1–6 with no period is in the afternoon: "às 3" → 15:00, "entre 2 e 4" → 14:00–16:00. */
export class BareHourRefiner implements Refiner {
  refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const result of results) {
      if (!result.tags().has(TAGS.clock) || periodOf(result) !== null) continue;
      for (const c of [result.start, result.end]) {
        if (!c?.isCertain('hour') || c.isCertain('meridiem')) continue;
        assignClock(c, bareHour(c.get('hour')!) * 60 + c.get('minute')!, true);
      }
      settleOpenBounds(result);
    }
    return results;
  }
}

/**
 * Hours offered as alternatives ("8 ou 9 da manhã"), once their period or afternoon is settled, run to the end of
 * the last hour: 08:00–10:00, so a 9:00 start is in the window (its end is exclusive). Never past midnight.
 */
export class HourAlternativesRefiner implements Refiner {
  refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const result of results) {
      if (!result.tags().has(TAGS.hourAlternatives) || !result.end?.isCertain('hour')) continue;
      assignClock(result.end, Math.min(minutesOf(result.end) + 60, 23 * 60 + 59), true);
    }
    return results;
  }
}

/**
 * A mention is a reason, not a wish, when "porque", "pq", "pois", "já que"… comes within four words before it,
 * with no punctuation between ("de manhã porque à tarde eu trabalho": à tarde is a reason).
 */
export class ReasonRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const result of results) {
      // nearest first: words[0] is the word right before the mention
      const words = wordsBefore(context.text, result.index, REASON_WINDOW_WORDS + 1);
      const window = words.slice(0, REASON_WINDOW_WORDS);
      const isLead = (i: number) => REASON_LEADS.some((lead) => lead.every((w, k) => words[i + lead.length - 1 - k] === w));
      if (window.some((_, i) => isLead(i))) result.addTag(TAGS.reason);
    }
    return results;
  }
}

const DECLINED_RE = new RegExp(
  `^(?:\\s+(?!(?:${anyOf(DECLINED_STOPS)})(?![\\p{L}\\p{N}]))[\\p{L}\\p{N}]+){0,${DECLINED_GAP_WORDS}}\\s+(?:(?:${anyOf(DECLINED_AFTER)})(?![\\p{L}\\p{N}])(?!\\s*\\?)|(?:${anyOf(DECLINED_AT_END)})\\s*(?:[,.;!]|$))`,
  'u',
);

/**
 * A mention the words right after it decline, in the same clause ("de manhã não posso", "segunda eu não consigo"):
 * it counts only when no other mention of its kind is said (RULES.md).
 */
export class DeclinedRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const result of results) {
      if (DECLINED_RE.test(context.text.slice(endOf(result), endOf(result) + 80))) result.addTag(TAGS.declined);
    }
    return results;
  }
}

const boundLead = (leads: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${anyOf(leads)})\\s+(?:(?:${anyOf(DATE_BOUND_ARTICLES)})\\s+)?(?:dia\\s+)?$`, 'u');
const DATE_BOUNDS: ReadonlyArray<{ lead: RegExp; range: (date: string, today: string) => { from: string; to: string } | null }> = [
  { lead: boundLead(DATE_FROM_LEADS), range: (date) => ({ from: date, to: addDays(date, DATE_FROM_DAYS - 1) }) },
  { lead: boundLead(DATE_AFTER_LEADS), range: (date) => ({ from: addDays(date, 1), to: addDays(date, DATE_FROM_DAYS) }) },
  { lead: boundLead(DATE_BEFORE_LEADS), range: (date, today) => (date > today ? { from: today, to: addDays(date, -1) } : null) },
  { lead: boundLead(DATE_UNTIL_LEADS), range: (date, today) => (date >= today ? { from: today, to: date } : null) },
  { lead: boundLead(WEEK_OF_LEADS), range: weekHolding },
];

/** The Monday-to-Sunday week holding `date`, from today when it has begun; null when it has passed. */
function weekHolding(date: string, today: string): { from: string; to: string } | null {
  const monday = addDays(date, -((dayOfWeek(date) + 6) % 7));
  const sunday = addDays(monday, 6);
  if (sunday < today) return null;
  return { from: monday < today ? today : monday, to: sunday };
}

/**
 * One day with a bound before it is an open range, not that day: "a partir do dia 10", "depois de
 * quarta", "antes de sexta", "até dia 5"; "semana do dia 7" is the week holding it (RULES.md, dates).
 * The bound's words join the mention.
 */
export class DateBoundRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const today = localToday(context);
    return results.map((result) => {
      if (!isSingleDate(result)) return result;
      const before = context.text.slice(Math.max(0, result.index - 24), result.index);
      for (const bound of DATE_BOUNDS) {
        const lead = bound.lead.exec(before);
        if (!lead) continue;
        const range = bound.range(dateOf(result.start), today);
        if (range === null) return result;
        const bounded = result.clone();
        bounded.addTags(result.tags());
        bounded.index = result.index - lead[0].length;
        bounded.text = context.text.slice(bounded.index, endOf(result));
        assignDate(bounded.start, range.from);
        bounded.end = assignDate(context.createParsingComponents(), range.to);
        bounded.end.addTags(bounded.start.tags());
        return bounded;
      }
      return result;
    });
  }
}

/** Between a date and a bare dotted time after it ("sexta 10.30", "amanhã, 14.00"), or before it ("10.30 amanhã"). */
const BESIDE_AFTER_DATE = /^[\s,]*$/;
const BESIDE_BEFORE_DATE = /^\s*$/;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A dotted number with nothing saying it is an hour ("10.30": no "às", "h" or period) is a time only beside a date
 * ("sexta 10.30", "marcar clínico amanhã 10.30") or when the rest of the message is an answer to when ("10.30", "pode
 * ser 10.30?"); elsewhere it is some other number ("nota 9.50", "deu 10.30 a consulta").
 */
export class BareDottedClockRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    if (!results.some((r) => r.tags().has(TAGS.bareDottedClock))) return results;
    const dates = results.filter((r) => !r.tags().has(TAGS.clock) && (r.tags().has(TAGS.date) || r.start.isCertain('day')));
    const beside = (clock: ParsingResult) =>
      dates.some((d) =>
        d.index < clock.index
          ? BESIDE_AFTER_DATE.test(context.text.slice(endOf(d), clock.index))
          : BESIDE_BEFORE_DATE.test(context.text.slice(endOf(clock), d.index)),
      );
    let rest = context.text;
    for (const r of results) rest = rest.slice(0, r.index) + ' '.repeat(r.text.length) + rest.slice(endOf(r));
    const answer = (rest.match(WORD) ?? []).every((word) => TIME_ANSWER_WORDS.includes(word));
    return results.filter((r) => !r.tags().has(TAGS.bareDottedClock) || answer || beside(r));
  }
}

/** "não tem sexta?": a verb of NEGATED_QUESTION_VERBS after "não", only gap words to the mention, and a "?" ending its clause. */
function asksWhetherThere(between: string[], text: string, end: number): boolean {
  if (!NEGATED_QUESTION_VERBS.includes(between[0] ?? '') || !between.slice(1).every((w) => NEGATED_QUESTION_GAP.includes(w))) return false;
  return /^[^,.;!?]*\?/.test(text.slice(end));
}

/**
 * A mention is negated when "não", "menos", "exceto"… comes within three words before it, with no
 * punctuation between ("não posso segunda, só terça": segunda is negated, terça is not).
 */
export class NegationRefiner implements Refiner {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const result of results) {
      const words = wordsBefore(context.text, result.index, NEGATION_WINDOW_WORDS + 1);
      for (let i = 0; i < Math.min(words.length, NEGATION_WINDOW_WORDS); i++) {
        const word = words[i]!;
        // words is nearest first: a phrase ends at i
        if (NEGATION_PHRASES.some((phrase) => phrase.every((w, k) => words[i + phrase.length - 1 - k] === w))) {
          result.addTag(TAGS.negated);
          break;
        }
        if (!NEGATION_WORDS.includes(word)) continue;
        if (NOT_NEGATING_BEFORE[word]?.includes(words[i + 1] ?? '')) continue;
        // "nao prefiro a tarde": "não, prefiro à tarde" with the comma left out (words nearest first: the one after "não" is i-1)
        if ((word === 'nao' || word === 'n') && i > 0 && NO_THEN_PREFERENCE.includes(words[i - 1]!)) break;
        // "não tem sexta?": whether there is that day, asked (words nearest first: those after "não" are i-1 … 0)
        if (word === 'nao' && i > 0 && asksWhetherThere(words.slice(0, i).reverse(), context.text, endOf(result))) break;
        result.addTag(TAGS.negated);
        break;
      }
    }
    // "menos quarta à noite e sexta de manhã": what follows a negated mention with "e"/"nem" between, or nothing (its
    // part of the day), is negated too (not after a comma: "não posso segunda, só terça")
    const ordered = [...results].sort((a, b) => a.index - b.index);
    for (let i = 1; i < ordered.length; i++) {
      const previous = ordered[i - 1]!;
      if (!previous.tags().has(TAGS.negated) || ordered[i]!.tags().has(TAGS.negated)) continue;
      if (NEGATION_CARRIES.test(context.text.slice(endOf(previous), ordered[i]!.index))) ordered[i]!.addTag(TAGS.negated);
    }
    return results;
  }
}

/** Between a negated mention and the next one that the negation carries over to. */
const NEGATION_CARRIES = /^\s*(?:(?:e|nem)\s+)?$/u;
