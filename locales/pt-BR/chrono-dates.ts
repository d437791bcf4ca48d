/**
 * chrono parsers for pt-BR date words, each resolving to the dates RULES.md gives them. They read
 * folded text (see chrono-kit.ts); the calendar arithmetic is src/core/language/calendar.ts.
 */
import type { Parser, ParsingContext, ParsingResult } from 'chrono-node';
import {
  addMonths,
  calendarDate,
  dateRange,
  dayOfMonthOnOrAfter,
  easterSunday,
  monthDayOnOrAfter,
  monthPartRange,
  nextWeekday,
  parts,
  type DateRangeKind,
} from '../../src/core/language/calendar';
import { weekdayShorthandOrSlip, weekdaySlipAt } from '../../src/core/language/spelling';
import { addDays } from '../../src/core/time';
import { anyOf, dateResult, impossibleDateResult, localToday, NEVER, refuse, tagAlternatives, tagMonthPart, TAGS, wordAfter, wordPattern, wordsBefore } from './chrono-kit';
import {
  AMBIGUOUS_WEEKDAY_WORDS,
  COUNT_UNITS,
  DAY_PART_LEADS,
  HOUR_LEADS,
  PERIOD_WORDS,
  RANGE_FROM_LEADS,
  UNIT_COUNTS,
  UNIT_WEEKDAY_WORDS,
  DATE_ALTERNATIVE_JOINERS,
  DATE_RANGE_CLOSER,
  DATE_RANGE_OPENERS,
  DATE_RANGE_ARTICLES,
  DATE_ALTERNATIVE_LEADS,
  DATE_RANGE_PHRASES,
  BARE_DAY_MONTH_JOINERS,
  DAY_OF_MONTH_RANGE_JOINERS,
  DAY_RANGE_JOINERS,
  DAY_RANGE_LEADS,
  DAY_WORD,
  FIRST_DAY_WORDS,
  MONTHS,
  MONTH_LEADS,
  MONTH_NEEDS_LEAD,
  MONTH_PART_JOINERS,
  MONTH_PART_PHRASES,
  HOLIDAYS,
  HOLIDAY_WORDS,
  AFTER_HOLIDAY_LEADS,
  AFTER_HOLIDAY_DAYS,
  BEFORE_HOLIDAY_LEADS,
  NATIONAL_HOLIDAYS,
  HOUR_UNITS,
  NEXT_WEEKDAY_AFTER,
  NEXT_SPAN_DEFAULT_COUNT,
  NEXT_SPAN_UNITS,
  NEXT_SPAN_WORDS,
  NEXT_WEEKDAY_BEFORE,
  NUMBER_WORDS,
  OFFSET_LEADS,
  OFFSET_AFTER_LEADS,
  OFFSET_MORE_THAN,
  OFFSET_LESS_THAN,
  OFFSET_ABOUT,
  OFFSET_LASTED_JOINERS,
  OFFSET_WITHIN_LEADS,
  DATE_FROM_DAYS,
  OFFSET_UNITS,
  ORDINAL_FOLLOWERS,
  PAST_MARKERS,
  RELATIVE_DAYS,
  SINCE_LEADS,
  THIS_WEEKDAY,
  THIS_WEEKDAY_AFTER,
  TOMORROW_OR_AFTER,
  WEEKDAY_ABBREVIATIONS,
  WEEKDAY_DETERMINERS,
  WEEKDAY_NAMES,
  WEEKDAY_LIST_JOINERS,
  WEEKDAY_ORDINAL_MARKS,
  WEEKDAY_SUFFIX,
} from './lexicon-time';

/** A matched phrase as the lexicon spells it: runs of spaces become one. */
const key = (text: string) => text.replace(/\s+/g, ' ');

const span = (match: RegExpMatchArray) => ({ index: match.index ?? 0, text: match[0] });

/** "hoje", "hj", "amanhã", "amnh", "amh", "depois de amanhã": today plus some days; "ontem", "anteontem": a past day, tagged so. */
export class RelativeDayParser implements Parser {
  private readonly re = wordPattern(`(${anyOf(Object.keys(RELATIVE_DAYS))})`);

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const days = RELATIVE_DAYS[key(match[1]!)];
    if (days === undefined) return refuse(match);
    const { index, text } = span(match);
    // "ele está com febre desde ontem": when it began, not a day asked for
    if (days < 0 && SINCE_LEADS.includes(wordsBefore(context.text, index, 1)[0] ?? '')) return refuse(match);
    const date = addDays(localToday(context), days);
    const result = dateResult(context, index, text, { from: date, to: date });
    return days < 0 ? result.addTag(TAGS.past) : result;
  }
}

const COUNT = `\\d{1,3}|${anyOf(Object.keys(NUMBER_WORDS))}`;

function countOf(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word.replace(/\s+/g, ' ')] ?? null;
}

/**
 * "amanhã ou depois": tomorrow or the day after, as alternatives. Not "amanhã ou depois de amanhã" (two
 * days the alternatives refiner joins) nor "depois das 15h".
 */
export class TomorrowOrAfterParser implements Parser {
  private readonly re = wordPattern(
    `(${anyOf(TOMORROW_OR_AFTER.days)})\\s*,?\\s+${TOMORROW_OR_AFTER.joiner}\\s+(?:${anyOf(TOMORROW_OR_AFTER.after)})(?!\\s+(?:de|do|da|das|dos|d)(?![\\p{L}\\p{N}]))`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const first = RELATIVE_DAYS[key(match[1]!)];
    if (first === undefined) return refuse(match);
    const from = addDays(localToday(context), first);
    const to = addDays(from, 1);
    const { index, text } = span(match);
    return tagAlternatives(dateResult(context, index, text, { from, to }), [from, to]);
  }
}

/** A few years ahead at most: "em 30 anos" is no appointment. */
const MAX_OFFSET_YEARS = 5;

/**
 * "daqui a 3 dias", "em 2 semanas", "daqui a um mês", "daqui a um ano": one day that far ahead (a year is 12 months).
 * "dentro de 30 dias", "em até 15 dias": every day from today to that one. "depois de 30 dias", "daqui a mais de um
 * mês": from that day on, DATE_FROM_DAYS days (as "a partir de segunda").
 */
export class RelativeOffsetParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${anyOf(OFFSET_WITHIN_LEADS)})|(${anyOf(OFFSET_AFTER_LEADS)})|(?:${anyOf(OFFSET_LEADS)})(?:\\s+(?:(${anyOf(OFFSET_MORE_THAN)})|(${anyOf(OFFSET_LESS_THAN)})))?)` +
      `\\s+(?:(?:${anyOf(OFFSET_ABOUT)})\\s+)?(${COUNT})\\s+(${anyOf(Object.keys(OFFSET_UNITS))})`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, within, after, moreThan, lessThan] = match;
    const count = countOf(match[5]!);
    const unit = OFFSET_UNITS[match[6]!];
    if (count === null || count < 1 || count > 366 || unit === undefined) return refuse(match);
    const today = localToday(context);
    if (unit === 'year' && count > MAX_OFFSET_YEARS) return refuse(match);
    const date =
      unit === 'year' ? addMonths(today, count * 12) : unit === 'month' ? addMonths(today, count) : addDays(today, unit === 'week' ? count * 7 : count);
    const { index, text } = span(match);
    if (within !== undefined || lessThan !== undefined) return dateResult(context, index, text, { from: today, to: date });
    if (after !== undefined || moreThan !== undefined) {
      // "febre depois de 3 dias de gripe": how long something lasted, not a day asked for ("depois de 30 dias de manhã" is one)
      const end = index + text.length;
      const joiner = wordAfter(context.text, end);
      if (OFFSET_LASTED_JOINERS.includes(joiner) && !PERIOD_WORDS.includes(wordAfter(context.text, context.text.indexOf(joiner, end) + joiner.length))) {
        return refuse(match);
      }
      return dateResult(context, index, text, { from: date, to: addDays(date, DATE_FROM_DAYS - 1) });
    }
    return dateResult(context, index, text, { from: date, to: date });
  }
}

/**
 * "nos próximos 10 dias", "nas próximas duas semanas", "os 3 próximos meses", "nas próximas semanas": from
 * tomorrow to that many days, weeks (7 days each) or months after today (RULES.md).
 */
export class NextSpanParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${COUNT})\\s+)?(?:${anyOf(NEXT_SPAN_WORDS)})\\s+(?:(${COUNT})\\s+)?(${anyOf(Object.keys(NEXT_SPAN_UNITS))})`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const unit = NEXT_SPAN_UNITS[match[3]!];
    if (unit === undefined || (match[1] !== undefined && match[2] !== undefined)) return refuse(match);
    const written = match[1] ?? match[2];
    const count = written === undefined ? NEXT_SPAN_DEFAULT_COUNT[unit] : countOf(written);
    if (count === null || count < 1 || count > 366) return refuse(match);
    const today = localToday(context);
    const to = unit === 'month' ? addMonths(today, count) : addDays(today, unit === 'week' ? count * 7 : count);
    const { index, text } = span(match);
    return dateResult(context, index, text, { from: addDays(today, 1), to });
  }
}

const WEEKDAY_LEADS = [...THIS_WEEKDAY, ...NEXT_WEEKDAY_BEFORE];
const SUFFIX = `(?:[\\s-]?${WEEKDAY_SUFFIX})`;

/**
 * Weekdays: "segunda", "segunda-feira", "seg", "2a feira", "2ª", with "esta/essa …" (today counts) or
 * "próxima …" / "… que vem" (a bare weekday). chrono's own pt weekday parser resolves a bare weekday
 * to the nearest one, possibly past, and knows neither "terca" nor "2a feira".
 */
export class WeekdayParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${anyOf(WEEKDAY_LEADS)})\\s+)?` +
      `(?:(${anyOf(Object.keys(WEEKDAY_NAMES))})(${SUFFIX})?` +
      `|(${anyOf(Object.keys(WEEKDAY_ABBREVIATIONS))})\\.?` +
      `|([2-6])(?:(?:${anyOf(WEEKDAY_ORDINAL_MARKS)})(${SUFFIX})?|(${SUFFIX})))` +
      `(?:\\s+(${anyOf([...NEXT_WEEKDAY_AFTER, ...THIS_WEEKDAY_AFTER, ...PAST_MARKERS])}))?`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, name, nameSuffix, abbreviation, digit, digitSuffix, digitFeira, after] = match;
    const weekday =
      name !== undefined ? WEEKDAY_NAMES[name] : abbreviation !== undefined ? WEEKDAY_ABBREVIATIONS[abbreviation] : Number(digit) - 1;
    if (weekday === undefined) return refuse(match);
    if (after !== undefined && PAST_MARKERS.includes(after)) return refuse(match);
    const { index, text } = span(match);
    const end = index + text.length;
    const saysFeira = nameSuffix !== undefined || digitSuffix !== undefined || digitFeira !== undefined;
    // "a segunda vez", "2a via": an ordinal, unless "-feira" or a lead makes it a day
    if (!saysFeira && lead === undefined && after === undefined && ORDINAL_FOLLOWERS.includes(wordAfter(context.text, end))) {
      return refuse(match);
    }
    if (abbreviation !== undefined && AMBIGUOUS_WEEKDAY_WORDS.includes(abbreviation) && lead === undefined && after === undefined) {
      if (!ambiguousWeekdayInContext(context.text, index, end)) return refuse(match);
    }
    // "só um seg", "1 seg": a second
    if (abbreviation !== undefined && UNIT_WEEKDAY_WORDS.includes(abbreviation) && lead === undefined && after === undefined) {
      const before = wordsBefore(context.text, index, 1)[0];
      if (before !== undefined && UNIT_COUNTS.includes(before)) return refuse(match);
    }
    const today = localToday(context);
    const thisOne = (lead !== undefined && THIS_WEEKDAY.includes(lead)) || (after !== undefined && THIS_WEEKDAY_AFTER.includes(after));
    const date = nextWeekday(today, weekday, thisOne);
    return dateResult(context, index, text, { from: date, to: date }).addTag(TAGS.weekday);
  }
}

/**
 * A weekday with one typo, or written in consonants ("sxt", "qrt"), where a day is expected (weekdaySlipAt): after
 * "na", "pra", "de", "dia"… ("na segnda", "pra quinat", "no sabdo"), alone as the whole message ("sexat"), first in
 * the message before a word of a day ("segnda de manha", "segnda ou terca"), or in a list after another weekday
 * ("terca ou qurta"). Read as the bare weekday is; elsewhere the word is left alone ("segnda eu posso", "qnt custa?"),
 * as are the words of their own one letter away ("segundo", "quarto", "sextas").
 */
export class MisspeltWeekdayParser implements Parser {
  private readonly re = wordPattern('\\p{L}{3,9}');

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const { index, text } = span(match);
    const word = text.toLowerCase();
    if (weekdayShorthandOrSlip(word) === null) return refuse(match);
    // the words around it in its clause (two before, one after); alone only as the whole message
    const before = wordsBefore(context.text, index, 2).map((w) => w.toLowerCase()).reverse();
    const alone = context.text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase() === word;
    const words = alone ? [word] : [...before, word, wordAfter(context.text, index + text.length).toLowerCase()];
    const weekday = weekdaySlipAt(words, alone ? 0 : before.length);
    if (weekday === null) return refuse(match);
    const date = nextWeekday(localToday(context), weekday, false);
    return dateResult(context, index, text, { from: date, to: date }).addTag(TAGS.weekday);
  }
}

/** Another weekday offered after "ter" ("ter ou qui"): the weekday words but the ambiguous ones. */
const LISTED_WEEKDAY = anyOf([...Object.keys(WEEKDAY_NAMES), ...Object.keys(WEEKDAY_ABBREVIATIONS)].filter((w) => !AMBIGUOUS_WEEKDAY_WORDS.includes(w)));
const AMBIGUOUS_FOLLOWED_BY = new RegExp(
  `^(?:\\s*(?:[,.;!?)]|$)|\\s+\\d|${SUFFIX}|\\s+(?:${anyOf(NEXT_WEEKDAY_AFTER)})|\\s+(?:${anyOf(WEEKDAY_LIST_JOINERS)})\\s+(?:${LISTED_WEEKDAY})(?![\\p{L}\\p{N}]))`,
  'u',
);

/** "ter" is a weekday after "na", "nesta", "até"… or before punctuation, a number, "feira", "que vem", or "ou"/"e" and another weekday ("ter ou qui"). */
function ambiguousWeekdayInContext(text: string, start: number, end: number): boolean {
  const before = wordsBefore(text, start, 1)[0];
  if (before !== undefined && WEEKDAY_DETERMINERS.includes(before)) return true;
  return AMBIGUOUS_FOLLOWED_BY.test(text.slice(end, end + 16));
}

const DAY_NUMBER = `\\d{1,2}|${anyOf([...FIRST_DAY_WORDS, ...Object.keys(NUMBER_WORDS)])}`;
const ORDINAL = '(?:º|°|o)?';

function dayNumber(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  if (FIRST_DAY_WORDS.includes(word)) return 1;
  return NUMBER_WORDS[word.replace(/\s+/g, ' ')] ?? null;
}

/** A named month after a bare day number that makes it a day of that month: "5 do mês que vem". */
const NEXT_MONTH_AFTER_DAY = `\\s+(?:${anyOf(BARE_DAY_MONTH_JOINERS)})\\s+(?:${anyOf(Object.keys(DATE_RANGE_PHRASES).filter((p) => DATE_RANGE_PHRASES[p] === 'next-month'))})(?![\\p{L}\\p{N}])`;

/**
 * The end of a range of days of the month after "dia 3": " a 5", " ao dia 5", " até o 5"; not an hour ("dia 3 a 5h"), a
 * date ("dia 3 a 5/12", which other parsers read) or a longer word or number.
 */
const DAY_RANGE_END =
  `\\s*(?:${anyOf(DAY_OF_MONTH_RANGE_JOINERS)})\\s*(?:${DAY_WORD}\\s+)?(\\d{1,2})${ORDINAL}` +
  `(?![\\p{L}\\p{N}:]|\\s?(?:${anyOf(HOUR_UNITS)})(?![\\p{L}\\p{N}])|\\s*[/.-]\\s*\\d)`;

/**
 * "dia 15": the next 15th on or after today; "dia 3 a 5", "do dia 3 ao dia 5": the next 3rd to the 5th after it (a
 * range); "5 do mês que vem" (a bare day before next month), for the scope refiner to move.
 */
export class DayOfMonthParser implements Parser {
  private readonly re = wordPattern(`${DAY_WORD}s?\\s+(${DAY_NUMBER})${ORDINAL}(?:${DAY_RANGE_END})?|(\\d{1,2})${ORDINAL}(?=${NEXT_MONTH_AFTER_DAY})`);

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const { index, text } = span(match);
    // "dia 15/12" is a full date, for the slash parser
    if (/^\s?[/.-]\s?\d/.test(context.text.slice(index + text.length, index + text.length + 4))) return refuse(match);
    const day = dayNumber(match[1] ?? match[3]!);
    const date = day === null || day < 1 || day > 31 ? null : dayOfMonthOnOrAfter(localToday(context), day);
    if (date === null) return refuse(match);
    if (match[2] !== undefined) {
      // "dia 3 a 5": to the next 5th after the 3rd (a month at most; "dia 28 a 3" runs into the next month)
      const last = Number(match[2]);
      const to = last >= 1 && last <= 31 && last !== day ? dayOfMonthOnOrAfter(addDays(date, 1), last) : null;
      if (to !== null && to <= addDays(date, 31)) return dateResult(context, index, text, { from: date, to });
    }
    return dateResult(context, index, text, { from: date, to: date }).addTag(TAGS.dayOfMonth);
  }
}

const MONTH_SEPARATOR = '\\s+de\\s+|\\s?[/-]\\s?|\\s*';

/**
 * "15 de dezembro", "dia 3 de janeiro", "1º de março de 2027", "15/dez": that date, the next one on or
 * after today when no year is given. (chrono's own parser misses folded "marco" and picks the
 * closest year, possibly past.)
 */
export class MonthDateParser implements Parser {
  private readonly re = wordPattern(
    `(?:${DAY_WORD}\\s+)?(${DAY_NUMBER})${ORDINAL}(${MONTH_SEPARATOR})` +
      `(${anyOf(Object.keys(MONTHS))})(?:(?:${MONTH_SEPARATOR})(\\d{4}))?`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, dayWord, separator, monthWord, yearWord] = match;
    // "três de março", "cinco maio", but not "duas mar…": a spelled-out day needs "de" or a full month name
    const spelled = !/^\d/.test(dayWord!) && !FIRST_DAY_WORDS.includes(dayWord!);
    if (spelled && !/^\s+(?:de\s+)?$/.test(separator!)) return refuse(match);
    if (spelled && !/^\s+de\s+$/.test(separator!) && monthWord!.length <= 3) return refuse(match);
    const day = dayNumber(dayWord!);
    const month = MONTHS[monthWord!];
    if (day === null || month === undefined) return refuse(match);
    const date =
      yearWord !== undefined ? calendarDate(Number(yearWord), month, day) : monthDayOnOrAfter(localToday(context), month, day);
    const { index, text } = span(match);
    // "31 de novembro": no such day, which the patient is told rather than the month alone being read
    if (date === null && day >= 1 && day <= 31) return impossibleDateResult(context, index, text, { day, month, year: yearWord === undefined ? null : Number(yearWord) });
    if (date === null) return refuse(match);
    const result = dateResult(context, index, text, { from: date, to: date });
    return result.addTag(yearWord !== undefined ? TAGS.yearWritten : TAGS.monthDay);
  }
}

/** Before a number, words that make it an hour ("das 10-12", "às 3.15"); not "de", "entre" ("de 3-12 a 5-12"). */
const HOUR_BEFORE = [...HOUR_LEADS, ...RANGE_FROM_LEADS.filter((w) => w.startsWith('d') && w.endsWith('s'))];
/** After "3-12": what makes the numbers hours, counts or days of a named month ("10-12 h", "10-12 da manhã", "3-5 dias", "10-12 de dezembro"). */
const NOT_A_DATE_AFTER = new RegExp(
  `^\\s*(?:(?:${anyOf(HOUR_UNITS)})|(?:(?:${anyOf(DAY_PART_LEADS)})\\s+)?(?:${anyOf(PERIOD_WORDS)})|(?:${anyOf(COUNT_UNITS)})|(?:de\\s+)?(?:${anyOf(Object.keys(MONTHS))}))(?![\\p{L}\\p{N}])`,
  'u',
);

/**
 * "3-12", "3.12", "03-12-2026", "dia 3.12": a day and month written with a dash or a dot, as "3/12" is (chrono's
 * own slash parser reads only "/"). Conservative, as the same numbers may be hours: never after an hour word
 * ("das 10-12", "às 10.15"), before an hour unit or a period ("10-12h", "8-10 da manhã") or a count ("3-5 dias");
 * both numbers need not be single digits ("3-5", "2.5" are no dates); and "10-12", two clinic hours in order,
 * is an hour range rather than a date unless "dia" comes before it.
 */
export class DashDotDateParser implements Parser {
  private readonly re = new RegExp(
    `(?<![\\p{L}\\p{N}./-])(?:(${DAY_WORD})\\s+)?(\\d{1,2})([.-])(\\d{1,2})(?:\\3(\\d{4}|\\d{2}))?(?![\\p{L}\\p{N}]|[./:-]\\d)`,
    'u',
  );

  /** Most messages have no digit beside a dash or a dot: then nothing is scanned for. */
  pattern(context: ParsingContext): RegExp {
    return /\d[.-]\d/.test(context.text) ? this.re : NEVER;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, dayWord, dayText, separator, monthText, yearText] = match;
    const { index, text } = span(match);
    const day = Number(dayText);
    const month = Number(monthText);
    if (dayText!.length === 1 && monthText!.length === 1) return refuse(match);
    const before = wordsBefore(context.text, index, 2);
    if (dayWord === undefined && (HOUR_BEFORE.includes(before[0] ?? '') || HOUR_BEFORE.includes(`${before[1]} ${before[0]}`))) return refuse(match);
    if (NOT_A_DATE_AFTER.test(context.text.slice(index + text.length, index + text.length + 24))) return refuse(match);
    // "10-12": from 10 to 12 o'clock as much as the 10th of December
    if (dayWord === undefined && separator === '-' && yearText === undefined && day < month && CLINIC_HOURS(day) && CLINIC_HOURS(month)) {
      return refuse(match);
    }
    const year = yearText === undefined ? null : yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    const date = year === null ? monthDayOnOrAfter(localToday(context), month, day) : calendarDate(year, month, day);
    // "dia 31-11", "30.02.2027": no such day; bare numbers ("31.11") may be anything else
    if (date === null && (dayWord !== undefined || year !== null) && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      return impossibleDateResult(context, index, text, { day, month, year });
    }
    if (date === null) return refuse(match);
    const result = dateResult(context, index, text, { from: date, to: date });
    if (separator === '.') result.addTag(TAGS.dottedDate);
    return result.addTag(year === null ? TAGS.monthDay : TAGS.yearWritten);
  }
}

/** An hour a clinic may open at, as written ("8", "10", "18"): "8-10" may be a range of them. */
const CLINIC_HOURS = (n: number) => n >= 6 && n <= 22;

const RANGE_OPENING_LEAD = new RegExp(`^(?:${anyOf(DATE_RANGE_OPENERS)})(?![\\p{L}\\p{N}])`, 'u');
/** A time unit right after a number ("15 horas", "15h"): that number is an hour. */
const HOUR_AFTER = new RegExp(`^\\s*(?:${anyOf(HOUR_UNITS)})(?![\\p{L}\\p{N}])`, 'u');

/**
 * "13 a 15 de julho", "de 10 até 12 de dezembro", "10-22 agosto 2026": the days from the first to the
 * second, in that month (the next such month on or after today when no year is given).
 */
export class DayRangeParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${anyOf(DAY_RANGE_LEADS)})\\s+)?(\\d{1,2})${ORDINAL}\\s*(${anyOf(DAY_RANGE_JOINERS)})\\s*(?:${DAY_WORD}\\s+)?(\\d{1,2})${ORDINAL}` +
      `(?:${MONTH_SEPARATOR})(${anyOf(Object.keys(MONTHS))})(?:(?:${MONTH_SEPARATOR})(\\d{4}))?`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, firstDay, joiner, lastDay, monthWord, yearWord] = match;
    // "3 e 8 de dezembro" offers two days (DayAlternativesParser); "entre 3 e 8 de dezembro" is the range
    if (joiner === DATE_RANGE_CLOSER && !(lead !== undefined && RANGE_OPENING_LEAD.test(lead))) return null;
    const month = MONTHS[monthWord!];
    if (month === undefined || Number(firstDay) >= Number(lastDay)) return refuse(match);
    const to =
      yearWord !== undefined
        ? calendarDate(Number(yearWord), month, Number(lastDay))
        : monthDayOnOrAfter(localToday(context), month, Number(lastDay));
    const from = to === null ? null : calendarDate(Number(to.slice(0, 4)), month, Number(firstDay));
    if (from === null || to === null) return refuse(match);
    const { index, text } = span(match);
    return dateResult(context, index, text, { from, to });
  }
}

const ALTERNATIVE_DAY = `(?:(?:${anyOf(DATE_ALTERNATIVE_LEADS)})\\s+)*(?:${DAY_WORD}\\s+)?\\d{1,2}${ORDINAL}`;

const JOINERS = anyOf(DATE_ALTERNATIVE_JOINERS);
/** A number, then a joiner: the only text this parser can read ("3 ou 4", "3, 5 e 8"). */
const HAS_JOINER = new RegExp(`\\d${ORDINAL}\\s*(?:,\\s*)?(?:${JOINERS})\\s`, 'u');
const RANGE_OPENING = new RegExp(`(?<![\\p{L}\\p{N}])(?:${anyOf(DATE_RANGE_OPENERS)})(?:\\s+(?:${anyOf(DATE_RANGE_ARTICLES)}))?\\s+$`, 'u');

/**
 * "dia 3 ou 4", "dia 30 ou 2", "3 ou 4 de janeiro", "dias 3, 5 ou 8", "dia 3 e 4": days of the month
 * offered as alternatives, each resolved as "dia N" (or in the month named after the last one).
 * Without "dia" before the first number, a month after the last one is needed ("3 ou 4" alone is no
 * date). After "entre", two days joined by "e" are the range between them ("entre dia 3 e 10").
 */
export class DayAlternativesParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${DAY_WORD}s?)\\s+)?(\\d{1,2})${ORDINAL}` +
      `((?:\\s*,\\s*${ALTERNATIVE_DAY})*\\s*(?:,\\s*)?(${JOINERS})\\s+${ALTERNATIVE_DAY})` +
      `(?:(?:${MONTH_SEPARATOR})(${anyOf(Object.keys(MONTHS))})(?:(?:${MONTH_SEPARATOR})(\\d{4}))?)?`,
  );

  /** Most messages have no number before a joiner: then nothing is scanned for (this parser's pattern is costly on long text). */
  pattern(context: ParsingContext): RegExp {
    return HAS_JOINER.test(context.text) ? this.re : NEVER;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, dayWord, firstDay, rest, joiner, monthWord, yearWord] = match;
    const month = monthWord === undefined ? undefined : MONTHS[monthWord];
    if (dayWord === undefined && month === undefined) return null;
    const { index, text } = span(match);
    // "dia 10 e 15 horas": the last number is a time, not a day
    if (month === undefined && HOUR_AFTER.test(context.text.slice(index + text.length, index + text.length + 8))) return null;
    // "dia 3 ou 4/12": the last day is a full date, for the slash parser and the alternatives refiner
    if (month === undefined && /^\s?[/.-]\s?\d/.test(context.text.slice(index + text.length, index + text.length + 4))) return null;
    const days = [Number(firstDay), ...[...rest!.matchAll(/\d{1,2}/g)].map((m) => Number(m[0]))];
    const today = localToday(context);
    const dates: string[] = [];
    for (const day of days) {
      const date =
        month === undefined
          ? day > 31 ? null : dayOfMonthOnOrAfter(today, day)
          : yearWord !== undefined
            ? calendarDate(Number(yearWord), month, day)
            : monthDayOnOrAfter(today, month, day);
      if (date === null) return refuse(match);
      dates.push(date);
    }
    const sorted = [...new Set(dates)].sort();
    const between = dates.length === 2 && joiner === DATE_RANGE_CLOSER && RANGE_OPENING.test(context.text.slice(Math.max(0, index - 12), index));
    const result = dateResult(context, index, text, { from: sorted[0]!, to: sorted.at(-1)! });
    return sorted.length > 1 && !between ? tagAlternatives(result, sorted) : result;
  }
}

/** "natal", "ano novo", "véspera de natal": the next one on or after today. */
export class HolidayParser implements Parser {
  private readonly re = wordPattern(`(${anyOf(Object.keys(HOLIDAYS))})`);

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const holiday = HOLIDAYS[key(match[1]!)];
    const date = holiday === undefined ? null : monthDayOnOrAfter(localToday(context), holiday[0], holiday[1]);
    if (date === null) return refuse(match);
    const { index, text } = span(match);
    return dateResult(context, index, text, { from: date, to: date });
  }
}

/** The next national holiday on or after today (Good Friday from Easter). */
function nextNationalHoliday(today: string): string | null {
  const year = parts(today).year;
  const dates = NATIONAL_HOLIDAYS.flatMap((h) =>
    h === 'good-friday'
      ? [year, year + 1].map((y) => addDays(easterSunday(y), -2)).filter((d) => d >= today)
      : [monthDayOnOrAfter(today, h[0], h[1])].filter((d): d is string => d !== null),
  );
  return dates.sort()[0] ?? null;
}

/**
 * "depois do feriado", "antes do natal": a range beside the next holiday (RULES.md). After it: from the
 * day after, a week; before it: from today to the day before (nothing when it is today).
 */
export class HolidayRangeParser implements Parser {
  private readonly re = wordPattern(
    `(${anyOf([...AFTER_HOLIDAY_LEADS, ...BEFORE_HOLIDAY_LEADS])})\\s+(?:o\\s+|a\\s+)?(${anyOf([...HOLIDAY_WORDS, ...Object.keys(HOLIDAYS)])})`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const lead = key(match[1]!);
    const name = key(match[2]!);
    const today = localToday(context);
    const named = HOLIDAYS[name];
    const holiday = named === undefined ? nextNationalHoliday(today) : monthDayOnOrAfter(today, named[0], named[1]);
    if (holiday === null) return refuse(match);
    const { index, text } = span(match);
    if (AFTER_HOLIDAY_LEADS.includes(lead)) return dateResult(context, index, text, { from: addDays(holiday, 1), to: addDays(holiday, AFTER_HOLIDAY_DAYS) });
    if (holiday <= today) return refuse(match);
    return dateResult(context, index, text, { from: today, to: addDays(holiday, -1) });
  }
}

const FULL_MONTHS = Object.keys(MONTHS).filter((name) => name.length > 3);
const YEAR_AFTER = new RegExp(
  `^\\s+(?:do|de)\\s+(?:${anyOf(Object.keys(DATE_RANGE_PHRASES).filter((p) => DATE_RANGE_PHRASES[p] === 'next-year'))})(?![\\p{L}\\p{N}])`,
  'u',
);

/** "em dezembro", "início de dezembro", "meados de janeiro", "segunda semana de dezembro" (RULES.md). */
export class MonthPartParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${anyOf(Object.keys(MONTH_PART_PHRASES))})\\s+(?:${anyOf(MONTH_PART_JOINERS)})\\s+|(${anyOf(MONTH_LEADS)})\\s+)?(${anyOf(FULL_MONTHS)})`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, partWords, lead, monthWord] = match;
    const name = key(monthWord!);
    // "março do ano que vem": a year after it makes it the month too
    const yearAfter = YEAR_AFTER.test(context.text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 24));
    if (partWords === undefined && lead === undefined && MONTH_NEEDS_LEAD.includes(name) && !yearAfter) return refuse(match);
    const month = MONTHS[name];
    const part = partWords === undefined ? 'whole' : MONTH_PART_PHRASES[key(partWords)];
    if (month === undefined || part === undefined) return refuse(match);
    const range = monthPartRange(localToday(context), month, part);
    if (range === null) return refuse(match);
    const { index, text } = span(match);
    return tagMonthPart(dateResult(context, index, text, range), month, part);
  }
}

const WEEK_PART_KINDS = new Set<DateRangeKind>(['start-of-week', 'start-of-next-week', 'middle-of-week', 'middle-of-next-week', 'end-of-week', 'end-of-next-week']);

/** "semana que vem", "esta semana", "fim de semana", "mês que vem", "fim do mês", "início do mês que vem". */
export class DateRangeParser implements Parser {
  private readonly re = wordPattern(`(${anyOf(Object.keys(DATE_RANGE_PHRASES))})`);

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const kind = DATE_RANGE_PHRASES[key(match[1]!)];
    if (kind === undefined) return refuse(match);
    const { index, text } = span(match);
    const result = dateResult(context, index, text, dateRange(kind, localToday(context)));
    // a weekday said beside a week, or a part of one, is that weekday of that week ("sexta no final da semana que vem")
    if (kind === 'this-week' || kind === 'next-week' || WEEK_PART_KINDS.has(kind)) result.addTag(TAGS.weekRange);
    if (kind === 'this-month' || kind === 'next-month') result.addTag(TAGS.monthRange);
    if (kind === 'next-year') result.addTag(TAGS.yearRange);
    return result;
  }
}

export function datePtBrParsers(): Parser[] {
  return [
    new TomorrowOrAfterParser(),
    new RelativeDayParser(),
    new RelativeOffsetParser(),
    new NextSpanParser(),
    new WeekdayParser(),
    new MisspeltWeekdayParser(),
    new DayOfMonthParser(),
    new MonthDateParser(),
    new DayRangeParser(),
    new DashDotDateParser(),
    new DayAlternativesParser(),
    new DateRangeParser(),
    new MonthPartParser(),
    new HolidayRangeParser(),
    new HolidayParser(),
  ];
}
