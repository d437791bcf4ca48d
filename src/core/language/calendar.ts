/**
 * The calendar arithmetic behind RULES.md's date table, on local `YYYY-MM-DD` dates. Pure and free of
 * words: a locale's parsers recognise "semana que vem" and ask here what it means, so the meaning of a
 * phrase is defined once for every language.
 */
import { addDays, dayOfWeek } from '../time';

export interface DateRange {
  from: string;
  to: string;
}

/** Ranges a phrase can name relative to today (RULES.md, dates). */
export const DATE_RANGE_KINDS = [
  'this-week',
  'next-week',
  'weekend',
  'this-month',
  'next-month',
  'end-of-month',
  'end-of-next-month',
  'start-of-month',
  'start-of-next-month',
  'middle-of-month',
  'middle-of-next-month',
  'first-half-of-month',
  'first-half-of-next-month',
  'second-half-of-month',
  'second-half-of-next-month',
  'next-year',
  'start-of-week',
  'start-of-next-week',
  'middle-of-week',
  'middle-of-next-week',
  'end-of-week',
  'end-of-next-week',
] as const;
export type DateRangeKind = (typeof DATE_RANGE_KINDS)[number];

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A real calendar date as `YYYY-MM-DD`, or null (31/11, 29/02 of a common year, month 13). */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function daysInMonth(year: number, month: number): number {
  // day 0 of the next month is the last day of this one (UTC calendar, no zone involved)
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** How many days a month has: that year's, or with no year a common year's (February 28). */
export function monthLength(month: number, year: number | null): number {
  // 2001 is a common year
  return daysInMonth(year ?? 2001, month);
}

/** Easter Sunday of a year (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day)!;
}

export function parts(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * The next date with that weekday (0 = Sunday … 6 = Saturday): strictly after today for a bare weekday
 * ("segunda", "próxima segunda"), today included for "esta sexta".
 */
export function nextWeekday(today: string, weekday: number, includeToday = false): string {
  let days = (weekday - dayOfWeek(today) + 7) % 7;
  if (days === 0 && !includeToday) days = 7;
  return addDays(today, days);
}

/**
 * The day of `weekday` nearest to `date` (the Friday before a Saturday the 5th: the 4th), not before today: "sexta
 * dia 5" when the 5th is not a Friday. Never `date` itself when it is another weekday; null when it is that weekday.
 */
export function nearestWeekday(date: string, weekday: number, today: string): string | null {
  const back = (dayOfWeek(date) - weekday + 7) % 7;
  if (back === 0) return null;
  const before = addDays(date, -back);
  const after = addDays(date, 7 - back);
  return back <= 3 && before >= today ? before : after;
}

/** That weekday inside a range ("sexta da semana que vem"), or null when the range does not hold it. */
export function weekdayWithin(range: DateRange, weekday: number): string | null {
  const date = addDays(range.from, (weekday - dayOfWeek(range.from) + 7) % 7);
  return date <= range.to ? date : null;
}

/** "dia 15": the next 15th on or after today (months without it are skipped). */
export function dayOfMonthOnOrAfter(today: string, day: number): string | null {
  let { year, month } = parts(today);
  for (let i = 0; i < 13; i++) {
    const date = calendarDate(year, month, day);
    if (date !== null && date >= today) return date;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return null;
}

/** "15/12", "15 de dezembro" without a year: the next one on or after today (29/02 waits for a leap year). */
export function monthDayOnOrAfter(today: string, month: number, day: number): string | null {
  const { year } = parts(today);
  for (let y = year; y <= year + 8; y++) {
    const date = calendarDate(y, month, day);
    if (date !== null && date >= today) return date;
  }
  return null;
}

/** "daqui a um mês": the same day `months` later, the month's last day when it has no such day. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return calendarDate(y, m, Math.min(day, daysInMonth(y, m)))!;
}

function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

function lastOfMonth(date: string): string {
  const { year, month } = parts(date);
  return calendarDate(year, month, daysInMonth(year, month))!;
}

/** The range a phrase names, relative to today. */
export function dateRange(kind: DateRangeKind, today: string): DateRange {
  switch (kind) {
    case 'this-week': {
      // the week runs Monday to Sunday: from today to this week's Sunday (today when it is Sunday)
      return { from: today, to: addDays(today, (7 - dayOfWeek(today)) % 7) };
    }
    case 'next-week': {
      const monday = nextWeekday(today, 1);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'weekend': {
      const weekday = dayOfWeek(today);
      if (weekday === 6) return { from: today, to: addDays(today, 1) };
      if (weekday === 0) return { from: today, to: today };
      const saturday = nextWeekday(today, 6);
      return { from: saturday, to: addDays(saturday, 1) };
    }
    case 'this-month':
      return { from: today, to: lastOfMonth(today) };
    case 'next-month': {
      const first = addMonths(firstOfMonth(today), 1);
      return { from: first, to: lastOfMonth(first) };
    }
    case 'end-of-month':
      return endOfMonth(today, today);
    case 'end-of-next-month':
      return endOfMonth(addMonths(firstOfMonth(today), 1), today);
    case 'start-of-month': {
      // "início do mês" on the 20th can only mean the next one
      const { day } = parts(today);
      return day <= 7 ? { from: today, to: `${today.slice(0, 8)}07` } : startOfNextMonth(today);
    }
    case 'start-of-next-month':
      return startOfNextMonth(today);
    case 'middle-of-month':
      return partOfThisMonth(today, 'middle');
    case 'first-half-of-month':
      return partOfThisMonth(today, 'first-half');
    case 'second-half-of-month':
      return partOfThisMonth(today, 'second-half');
    case 'middle-of-next-month':
      return partOfNextMonth(today, 'middle');
    case 'first-half-of-next-month':
      return partOfNextMonth(today, 'first-half');
    case 'second-half-of-next-month':
      return partOfNextMonth(today, 'second-half');
    case 'next-year': {
      const year = parts(today).year + 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
    case 'start-of-week':
    case 'middle-of-week':
    case 'end-of-week':
      return partOfThisWeek(WEEK_PARTS[kind], today);
    case 'start-of-next-week':
      return partOfWeek(WEEK_PARTS['start-of-week'], nextWeekday(today, 1));
    case 'middle-of-next-week':
      return partOfWeek(WEEK_PARTS['middle-of-week'], nextWeekday(today, 1));
    case 'end-of-next-week':
      return partOfWeek(WEEK_PARTS['end-of-week'], nextWeekday(today, 1));
  }
}

/** The days of a part of a week, counted from its Monday: Monday–Tuesday, Tuesday–Thursday, Thursday–Saturday. */
const WEEK_PARTS = { 'start-of-week': [0, 1], 'middle-of-week': [1, 3], 'end-of-week': [3, 5] } as const;

function partOfWeek([first, last]: readonly [number, number], monday: string): DateRange {
  return { from: addDays(monday, first), to: addDays(monday, last) };
}

/** That part of this week from today on; next week's once this week's has passed ("início da semana" on a Wednesday). */
function partOfThisWeek(part: readonly [number, number], today: string): DateRange {
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const range = partOfWeek(part, monday);
  if (range.to < today) return partOfWeek(part, addDays(monday, 7));
  return { from: range.from < today ? today : range.from, to: range.to };
}

/** The last seven days of the month holding `date`, never before today. */
function endOfMonth(date: string, today: string): DateRange {
  const last = lastOfMonth(date);
  const weekBefore = addDays(last, -6);
  return { from: weekBefore < today ? today : weekBefore, to: last };
}

function startOfNextMonth(today: string): DateRange {
  const first = addMonths(firstOfMonth(today), 1);
  return { from: first, to: addDays(first, 6) };
}

/** That part of this month from today on; next month's once this month's has passed ("meio do mês" on the 25th). */
function partOfThisMonth(today: string, part: MonthPart): DateRange {
  const { month } = parts(today);
  const range = monthPartRange(today, month, part)!;
  return range.from.slice(0, 7) === today.slice(0, 7) ? range : partOfNextMonth(today, part);
}

function partOfNextMonth(today: string, part: MonthPart): DateRange {
  return monthPartRange(today, parts(addMonths(firstOfMonth(today), 1)).month, part)!;
}

/**
 * A part of a named month (RULES.md, dates): all of it, its first, middle or last days, one of its weeks, or one of its
 * halves (quinzenas: the 1st to the 15th, the 16th to its last day).
 */
export type MonthPart = 'whole' | 'start' | 'middle' | 'end' | 'week-1' | 'week-2' | 'week-3' | 'week-4' | 'first-half' | 'second-half';

/**
 * "dezembro", "início de dezembro", "segunda semana de janeiro": those days of the next such month
 * whose part has not passed (this year's when it has days left), never before today.
 */
export function monthPartRange(today: string, month: number, part: MonthPart): DateRange | null {
  const { year } = parts(today);
  for (const y of [year, year + 1]) {
    const first = calendarDate(y, month, 1)!;
    const last = lastOfMonth(first);
    const day = (n: number) => calendarDate(y, month, n)!;
    const range =
      part === 'whole' ? { from: first, to: last }
      : part === 'start' ? { from: first, to: day(7) }
      : part === 'middle' ? { from: day(10), to: day(20) }
      : part === 'end' ? { from: addDays(last, -6), to: last }
      : part === 'first-half' ? { from: first, to: day(15) }
      : part === 'second-half' ? { from: day(16), to: last }
      : { from: day(1 + 7 * (Number(part.slice(5)) - 1)), to: day(7 * Number(part.slice(5))) };
    if (range.to < today) continue;
    return { from: range.from < today ? today : range.from, to: range.to };
  }
  return null;
}

