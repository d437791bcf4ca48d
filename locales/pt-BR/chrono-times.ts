/**
 * chrono parsers for pt-BR times of day: clock times ("14h", "10h30", "9 e meia", "às 3", "meio dia"),
 * parts of the day ("de manhã", "no fim da tarde", "cedo") and clock ranges ("entre 14h e 16h",
 * "depois das 15h", "antes das 10"). They read folded text (see chrono-kit.ts); the windows are
 * src/core/language/time-of-day.ts.
 *
 * Hours stay as written here: a bare 1–6 moves to the afternoon, and "2 da tarde" becomes 14:00, in the
 * refiners (chrono-refiners.ts), which see the words around each time.
 */
import type { ParsingComponents, Parser, ParsingContext, ParsingResult } from 'chrono-node';
import { bareHour, DAY_PART_WINDOWS, hourInPeriod, OPEN_RANGE_END, OPEN_RANGE_START, type DayPart } from '../../src/core/language/time-of-day';
import type { DayPeriod } from '../../src/core/model';
import {
  anyOf,
  assignClock,
  assignDate,
  localToday,
  NEVER,
  periodTag,
  refuse,
  settleOpenBounds,
  TAGS,
  wordAfter,
  wordPattern,
  wordsBefore,
} from './chrono-kit';
import {
  AFTER_LEADS,
  APPROXIMATE_HOUR_LEADS,
  BEFORE_LEADS,
  COUNT_UNITS,
  DAY_PART_LEADS,
  DAY_WORD,
  DAY_PART_PHRASES,
  LUNCH_PHRASES,
  LUNCH_WORD,
  DURATION_HOUR_UNITS,
  DURATION_LEADS,
  WAIT_VERBS,
  HALF_PAST,
  HALF_PAST_NOON,
  MINUTES_PAST_JOINER,
  MINUTES_PAST_WORDS,
  HOUR_ALTERNATIVE_JOINER,
  HOUR_ALTERNATIVE_MAX_GAP_HOURS,
  HOUR_ARTICLES,
  HOUR_FOLLOWERS,
  NOT_AN_HOUR_BEFORE,
  MASCULINE_ONE,
  NOT_AN_HOUR_BEFORE_ONE,
  HOUR_LEADS,
  HOUR_UNITS,
  MIDNIGHT,
  MEASURE_UNITS,
  MINUTE_UNITS,
  NOT_A_TIME_BEFORE_DOTTED,
  MINUTES_TO_HOUR,
  MINUTES_TO_JOINERS,
  MINUTES_TO_NOON_JOINERS,
  MINUTES_TO_ONE_JOINERS,
  MONTHS,
  NOON,
  NOON_LEADS,
  NOON_RANGE_FROM_LEADS,
  NOT_A_PERIOD_AFTER,
  NOT_A_PERIOD_BEFORE,
  NUMBER_WORDS,
  ONE_OCLOCK_LEAD,
  PERIOD_WORDS,
  RANGE_ARTICLES,
  SMALL_HOURS_WORDS,
  RANGE_BETWEEN,
  RANGE_DASHES,
  RANGE_FROM_LEADS,
  RANGE_TO_JOINERS,
  TODAY_DAY_PART_LEADS,
} from './lexicon-time';

const key = (text: string) => text.replace(/\s+/g, ' ');

/** Spelled-out hours: "uma" … "vinte". */
const HOUR_WORDS = Object.keys(NUMBER_WORDS).filter((w) => NUMBER_WORDS[w]! <= 23);
const HOUR_NUMBER = `\\d{1,2}|${anyOf(HOUR_WORDS)}`;
const UNIT = anyOf(HOUR_UNITS);
const HALF = anyOf([HALF_PAST]);
/** "e 15", "e quinze": minutes after the hour (MINUTES_PAST_WORDS) */
const PAST = `${MINUTES_PAST_JOINER}\\s+(?:[0-5]\\d|${anyOf(Object.keys(MINUTES_PAST_WORDS))})`;
const PAST_RE = new RegExp(`^\\s+${MINUTES_PAST_JOINER}\\s+(.+)$`);
/** Where the minutes past start in a matched clock time ("às 10| e 15"); -1 when there are none. */
const PAST_TAIL_RE = new RegExp(`\\s+${PAST}$`);
/** Right after an hour: a period or the small hours that will settle it ("2 da tarde", "8, de manhã", "3 da madrugada"). */
const PERIOD_FOLLOWS = new RegExp(`^\\s*,?\\s*(?:${anyOf(DAY_PART_LEADS)})\\s+(?:${anyOf([...PERIOD_WORDS, ...SMALL_HOURS_WORDS])})(?![\\p{L}\\p{N}])`, 'u');
/** Right after a number: a count or a date, not an hour ("as 3 consultas", "até 15/12", "10 a 12 de dezembro"). */
const NOT_AN_HOUR_AFTER = new RegExp(
  `^(?:\\s+(?:${anyOf(COUNT_UNITS)})(?![\\p{L}\\p{N}])|\\s?[/.-]\\s?\\d|\\s+(?:de\\s+)?(?:${anyOf(Object.keys(MONTHS))})(?![\\p{L}\\p{N}]))`,
  'u',
);

/** One clock time as written: minutes since midnight, and whether its hour is settled. */
export interface ClockReading {
  minutes: number;
  /** a leading zero ("08h", "03:00"), noon or midnight: no afternoon guess applies */
  settled: boolean;
  /** said with a unit, colon or "e meia" ("14h", "10:30", "9 e meia"), not a bare number */
  explicit: boolean;
  spelled: boolean;
  /** the hour unit as written ("h", "horas") */
  unit?: string;
  /** written with a dot ("10.30"), which may also be a day and month ("3.12") */
  dotted?: boolean;
}

/** Reads "14", "14h", "10h30", "10:30", "9 e meia", "duas", "meio dia"; null for anything else. */
export function readClock(token: string): ClockReading | null {
  const text = key(token);
  const noon = NOON_RE.exec(text);
  if (noon) {
    const past = noon[2] === undefined ? (noon[1] ? 30 : 0) : /^\d+$/.test(noon[2]) ? Number(noon[2]) : MINUTES_PAST_WORDS[noon[2]];
    if (past === undefined || past > 59) return null;
    return { minutes: 12 * 60 + past, settled: true, explicit: true, spelled: false };
  }
  const m = CLOCK_RE.exec(text);
  if (!m) return null;
  const [, number, colonMinutes, unit, unitMinutes, half] = m;
  const spelled = !/^\d/.test(number!);
  const hour = spelled ? NUMBER_WORDS[number!] : Number(number);
  // "e meia", or "e 15" / "e quinze" (minutes past)
  const past = half !== undefined && !HALF_RE.test(half) ? key(PAST_RE.exec(half)?.[1] ?? '') : null;
  const pastMinutes = past === null ? null : /^\d+$/.test(past) ? Number(past) : MINUTES_PAST_WORDS[past];
  if (pastMinutes === undefined) return null;
  const minutes =
    colonMinutes !== undefined ? Number(colonMinutes) : unitMinutes !== undefined ? Number(unitMinutes) : pastMinutes !== null ? pastMinutes : half ? 30 : 0;
  if (hour === undefined || hour > 23 || minutes > 59) return null;
  return {
    minutes: hour * 60 + minutes,
    settled: !spelled && number!.length === 2 && number!.startsWith('0'),
    // "9 e meia" is a time by itself; "10 e 15" only with a lead, a unit or a period
    explicit: colonMinutes !== undefined || unit !== undefined || (half !== undefined && pastMinutes === null),
    spelled,
    unit,
    dotted: colonMinutes !== undefined && text.includes('.'),
  };
}

/** A dotted clock that may be a day and month as well ("3.12", not "10.30", "3.12h"): no range end on its own. */
function mayBeDate(clock: ClockReading): boolean {
  const minutes = clock.minutes % 60;
  return clock.dotted === true && clock.unit === undefined && minutes >= 1 && minutes <= 12;
}

const CLOCK_SOURCE =
  `(${HOUR_NUMBER})(?::(\\d{2}))?(?:\\s?(${UNIT})(?:\\s?(\\d{2})(?:\\s?(?:${anyOf(MINUTE_UNITS)}))?)?)?(\\s+(?:${HALF}|${PAST}))?`;
const HALF_RE = new RegExp(`^\\s+(?:${HALF})$`);
/** "10:30" or "10.30": the tokens the parsers match decide which they admit. */
const CLOCK_RE = new RegExp(`^${CLOCK_SOURCE.replace('(?::(\\d{2}))?', '(?:[:.](\\d{2}))?')}$`);
const NOON_HALF = anyOf(HALF_PAST_NOON);
/** "meio dia e meia", "meio dia e 15", "meio dia e quinze": minutes after noon */
const NOON_SOURCE = `(?:${anyOf(NOON)})(?:\\s+(?:${NOON_HALF}|${PAST}))?`;
const NOON_RE = new RegExp(`^(?:${anyOf(NOON)})(?:\\s+(?:(${NOON_HALF})|${MINUTES_PAST_JOINER}\\s+(.+)))?$`);
/** A clock token inside a range, without captures: the range parser reads each with readClock. */
const CLOCK_TOKEN = `(?:${NOON_SOURCE}|${CLOCK_SOURCE.replace(/\((?!\?)/g, '(?:')})`;
/** A clock token in a range, also with dotted minutes ("das 10.30 às 12", "depois das 14.30"). */
const RANGE_CLOCK_TOKEN = `(?:${NOON_SOURCE}|${CLOCK_SOURCE.replace('(?::(\\d{2}))?', '(?:[:.](\\d{2}))?').replace(/\((?!\?)/g, '(?:')})`;

/**
 * Clock times: "14h", "14hs", "14 horas", "10h30", "14:30h", "9 e meia", and bare numbers after "às",
 * "pelas", "por volta das" or before a period ("2 da tarde"). A plain colon time ("14:00", "às 10:30")
 * is chrono's own time parser's.
 */
export class ClockTimeParser implements Parser {
  // "a" leads only the hour one: "à uma da tarde", but "daqui a 3 dias"; a colon only before a unit
  private readonly re = wordPattern(
    `(?:(${anyOf(HOUR_LEADS)}|${ONE_OCLOCK_LEAD}(?=\\s+(?:uma|1)(?!\\d)))\\s+)?` +
      `(${CLOCK_SOURCE.replace('(?::(\\d{2}))?', `(?::(\\d{2})(?=\\s?(?:${UNIT})))?`).replace(/\((?!\?)/g, '(?:')})`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, token] = match;
    const clock = readClock(token!);
    const index = match.index ?? 0;
    const end = index + match[0].length;
    const after = context.text.slice(end, end + 40);
    // "dia 10 e 15 horas", "às 10 e 15 consultas": not minutes past; what follows the hour is read afresh
    const pastAt = match[0].search(PAST_TAIL_RE);
    const refuseFrom = (): ParsingResult | null => {
      if (pastAt < 0) return refuse(match);
      // the hour alone may still be one ("às 10 e 15 consultas": às 10)
      const hourOnly = match[0].slice(0, pastAt);
      const hourToken = token!.slice(0, token!.length - (match[0].length - pastAt));
      const hourClock = readClock(hourToken);
      const hourAfter = context.text.slice(index + pastAt, index + pastAt + 40);
      if (hourClock && !NOT_AN_HOUR_AFTER.test(hourAfter) && this.accepts(context.text, index, lead, hourToken, hourClock, hourAfter)) {
        const result = context.createParsingResult(index, hourOnly);
        assignClock(result.start, hourClock.minutes, hourClock.settled);
        return result.addTag(TAGS.clock);
      }
      match.index = index + pastAt - 1;
      return null;
    };
    if (pastAt >= 0 && wordsBefore(context.text, index, 1)[0]?.startsWith(DAY_WORD)) return refuseFrom();
    if (clock === null || NOT_AN_HOUR_AFTER.test(after)) return refuseFrom();
    // "às 14:30" is chrono's own parser's: taking "às 14" here would cut it short
    if (/^[:.]\d/.test(after)) return refuse(match);
    if (!this.accepts(context.text, index, lead, token!, clock, after)) return refuseFrom();
    const result = context.createParsingResult(index, match[0]);
    assignClock(result.start, clock.minutes, clock.settled);
    return result.addTag(TAGS.clock);
  }

  private accepts(text: string, index: number, lead: string | undefined, token: string, clock: ClockReading, after: string): boolean {
    const periodFollows = PERIOD_FOLLOWS.test(after);
    // "qualquer um de manhã", "marcar um de tarde": a pronoun or an article, not the hour one
    if (clock.spelled && clock.minutes === 60 && lead === undefined) {
      const before = wordsBefore(text, index, 1)[0];
      if (key(token) === MASCULINE_ONE || (before !== undefined && NOT_AN_HOUR_BEFORE_ONE.includes(before))) return false;
    }
    // "umas 10": a time only as a spelled-out hour is ("umas 10 pessoas", "umas 2 horas" are counts)
    if (lead !== undefined && APPROXIMATE_HOUR_LEADS.includes(key(lead)) && !periodFollows) {
      if (clock.unit !== undefined && DURATION_HOUR_UNITS.includes(clock.unit)) return false;
      const next = wordAfter(after, 0);
      return clock.unit !== undefined || next === '' || HOUR_FOLLOWERS.includes(next);
    }
    if (clock.explicit) {
      // "esperei 2h", "fiquei 3h esperando": how long, not when
      if (lead === undefined && !periodFollows && wordsBefore(text, index, 3).some((w) => WAIT_VERBS.includes(key(w)))) return false;
      // "14 horas" is a time, "por 2 horas" a duration
      if (clock.unit !== undefined && DURATION_HOUR_UNITS.includes(clock.unit) && lead === undefined && !periodFollows) {
        const before = wordsBefore(text, index, 1)[0];
        if (clock.minutes < 7 * 60 || (before !== undefined && DURATION_LEADS.includes(before))) return false;
      }
      return true;
    }
    if (periodFollows) return true;
    if (lead === undefined) return false;
    // "às duas pode ser?" but not "as duas consultas"
    if (clock.spelled) {
      const next = wordAfter(after, 0);
      return next === '' || HOUR_FOLLOWERS.includes(next);
    }
    return true;
  }
}

/** Right before a dotted number: money ("R$ 10.50"), which is no time. */
const MONEY_BEFORE = /\$\s*$/u;

/**
 * Clock times written with a dot: "10.30", "10.30h", "às 10.30", "2.30 da tarde" (as "10:30" is). The same digits may
 * be a day and month ("3.12", DashDotDateParser): with no hour word before ("às"), no hour unit after ("h") and no
 * period after ("da tarde"), only numbers that cannot be a month ("10.30", "9.45", "14.00") are an hour, and only
 * beside a date or as the whole answer ("sexta 10.30", "pode ser 10.30": BareDottedClockRefiner). Never money
 * ("R$ 10.50", "nota 9.50", "paguei 9.50"), a count or a measure ("10.50 reais", "70.50 kg"), a decimal ("9.5") or a
 * longer number ("10.30.45").
 */
export class DottedClockParser implements Parser {
  private readonly re = new RegExp(
    `(?<![\\p{L}\\p{N}.,/:-])(?:(${anyOf(HOUR_LEADS)})\\s+)?(\\d{1,2})\\.([0-5]\\d)(?:\\s?(${UNIT}))?(?![\\p{L}\\p{N}]|[./:,-]\\d)`,
    'u',
  );

  /** Most messages have no digit beside a dot: then nothing is scanned for. */
  pattern(context: ParsingContext): RegExp {
    return /\d\.\d/.test(context.text) ? this.re : NEVER;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, hourText, minuteText, unit] = match;
    const index = match.index ?? 0;
    const end = index + match[0].length;
    const after = context.text.slice(end, end + 40);
    const hour = Number(hourText);
    const minutes = Number(minuteText);
    if (hour > 23 || MONEY_BEFORE.test(context.text.slice(Math.max(0, index - 4), index))) return refuse(match);
    if (NOT_AN_HOUR_AFTER.test(after) || MEASURE_AFTER.test(after)) return refuse(match);
    const unmarked = unit === undefined && !PERIOD_FOLLOWS.test(after);
    const bare = lead === undefined && unmarked;
    // "nota 9.50", "nota foi 9.50", "custou umas 9.50": money or a score (within two words before the number)
    if (bare || (unmarked && lead !== undefined && APPROXIMATE_HOUR_LEADS.includes(key(lead)))) {
      const before = wordsBefore(context.text, index + match[0].indexOf(hourText!), 2);
      if (before.some((word) => NOT_A_TIME_BEFORE_DOTTED.includes(word))) return refuse(match);
    }
    // "3.12": the 3rd of December unless an hour word, unit or period says otherwise
    const mayBeDate = minutes >= 1 && minutes <= 12;
    if (bare && mayBeDate) return refuse(match);
    const result = context.createParsingResult(index, match[0]);
    assignClock(result.start, hour * 60 + minutes, hourText!.length === 2 && hourText!.startsWith('0'));
    // "10.30" alone says no time by itself: the refiner keeps it beside a date or as the whole answer
    if (bare) result.addTag(TAGS.bareDottedClock);
    return result.addTag(TAGS.clock).addTag(TAGS.dottedClock);
  }
}

/** After a dotted number: a measure, not an hour ("70.50 kg", "37.5 graus", "10.50%"). */
const MEASURE_AFTER = new RegExp(`^\\s*(?:%|(?:${anyOf(MEASURE_UNITS)})(?![\\p{L}\\p{N}]))`, 'u');

const PERIOD_AFTER = new RegExp(`^\\s*,?\\s*(?:${anyOf(DAY_PART_LEADS)})\\s+(${anyOf(PERIOD_WORDS)})(?![\\p{L}\\p{N}])`, 'u');

/**
 * Minutes to the hour: "quinze pras 3" → 14:45, "dez pra uma" → 12:50, "5 para as 10" → 09:55, "quinze pras 8 da
 * noite" → 19:45, "quinze pro meio dia" → 11:45. The hour named is read as "às 3" would be (a bare 1–6 in the
 * afternoon, or in the period said after it), then the minutes are taken off.
 */
export class MinutesToHourParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${anyOf(HOUR_LEADS)})\\s+)?(${anyOf(Object.keys(MINUTES_TO_HOUR))})\\s+(?:(?:${anyOf(MINUTE_UNITS)})\\s+)?` +
      `(?:(?:${anyOf(MINUTES_TO_JOINERS)})\\s+(${HOUR_NUMBER})(?:\\s?(?:${UNIT}))?` +
      `|(?:${anyOf(MINUTES_TO_ONE_JOINERS)})\\s+(?:a\\s+)?(uma|1)(?:\\s?(?:${UNIT}))?` +
      `|(?:${anyOf(MINUTES_TO_NOON_JOINERS)})\\s+(${anyOf(NOON)}))`,
  );

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, minutesWord, hourWord, oneWord, noon] = match;
    // "das 10 pras 11", "de 10 pra 1": a range, not minutes to the hour
    const opener = lead ?? wordsBefore(context.text, match.index ?? 0, 1)[0];
    if (opener !== undefined && RANGE_FROM_LEADS.includes(key(opener))) return refuse(match);
    const before = MINUTES_TO_HOUR[key(minutesWord!)];
    // minutes since midnight of the hour as written
    const written = noon !== undefined ? 12 * 60 : oneWord !== undefined ? 60 : readClock(hourWord!)?.minutes;
    if (before === undefined || written === undefined) return refuse(match);
    const hour = Math.floor(written / 60);
    if (written % 60 !== 0 || hour < 1 || hour > 23) return refuse(match);
    const index = match.index ?? 0;
    // "10 pras 2 consultas": a count
    if (NOT_AN_HOUR_AFTER.test(context.text.slice(index + match[0].length, index + match[0].length + 40))) return refuse(match);
    const period = PERIOD_AFTER.exec(context.text.slice(index + match[0].length, index + match[0].length + 40))?.[1] as DayPeriod | undefined;
    const settled = noon !== undefined || /^0\d/.test(hourWord ?? '');
    const target = settled ? hour : period !== undefined ? hourInPeriod(hour, period) : bareHour(hour);
    const result = context.createParsingResult(index, match[0]);
    assignClock(result.start, (target * 60 - before + 24 * 60) % (24 * 60), true);
    return result.addTag(TAGS.clock);
  }
}

/** "meio dia", "meio-dia", "ao meio dia e meia", "meia noite". */
export class NoonParser implements Parser {
  private readonly re = wordPattern(`(?:(?:${anyOf(NOON_LEADS)})\\s+)?(?:(${NOON_SOURCE})|(${anyOf(MIDNIGHT)}))`);

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, noon] = match;
    const minutes = noon !== undefined ? readClock(noon)!.minutes : 0;
    const result = context.createParsingResult(match.index ?? 0, match[0]);
    assignClock(result.start, minutes, true);
    return result.addTag(TAGS.clock);
  }
}

/**
 * Parts of the day: "de manhã", "à tarde", "noite", "cedo", "no fim da tarde", "início da tarde";
 * "esta noite" also names today. Greetings ("boa tarde") and adverbs ("mais tarde", "muito cedo",
 * "tarde demais") are not periods.
 */
export class DayPartParser implements Parser {
  private readonly re: RegExp;

  /**
   * `gate`: a word the message must hold for the phrases to be looked for at all (the lunch phrases are
   * rare, and every alternative added to a pattern scanned at each position costs every message).
   */
  constructor(
    private readonly phrases: Record<string, DayPart> = DAY_PART_PHRASES,
    private readonly gate: string | null = null,
  ) {
    this.re = wordPattern(`(?:(${anyOf([...TODAY_DAY_PART_LEADS, ...DAY_PART_LEADS])})\\s+)?(${anyOf(Object.keys(phrases))})`);
  }

  pattern(context: ParsingContext): RegExp {
    return this.gate === null || context.text.includes(this.gate) ? this.re : NEVER;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, phrase] = match;
    const part = this.phrases[key(phrase!)];
    const index = match.index ?? 0;
    const end = index + match[0].length;
    if (part === undefined) return refuse(match);
    const before = wordsBefore(context.text, index, 1)[0];
    if ((before !== undefined && NOT_A_PERIOD_BEFORE.includes(before)) || NOT_A_PERIOD_AFTER.includes(wordAfter(context.text, end))) {
      return refuse(match);
    }
    const window = DAY_PART_WINDOWS[part];
    const result = context.createParsingResult(index, match[0]);
    assignClock(result.start, window.from, true);
    result.end = assignClock(context.createParsingComponents(), window.to, true);
    if (lead !== undefined && TODAY_DAY_PART_LEADS.includes(key(lead))) {
      const today = localToday(context);
      assignDate(result.start, today);
      assignDate(result.end, today);
    }
    result.addTag(TAGS.dayPart);
    if (part === 'small-hours') result.addTag(TAGS.smallHours);
    return window.period ? result.addTag(periodTag(window.period)) : result;
  }
}

/**
 * Hours offered as alternatives: "8 ou 9 da manhã", "às 8 ou às 9", "8h ou 9h", "às 3 ou 4" (a window from the
 * first hour to the end of the last: 08:00–10:00, 15:00–17:00). Hours as written, for the refiners to settle; the
 * end of the last hour is added once they are (HourAlternativesRefiner). Only when the numbers cannot be
 * anything else: a lead before the first ("às"), a unit on either ("8h") or a period after the last; a few hours
 * apart (in either order: "10 ou 9" is 09:00–11:00); not days ("dia 3 ou 4") nor counts ("2 ou 3 consultas").
 */
export class ClockAlternativesParser implements Parser {
  private readonly re = wordPattern(
    `(?:(${anyOf(HOUR_LEADS)})\\s+)?(${CLOCK_TOKEN})\\s*,?\\s+${HOUR_ALTERNATIVE_JOINER}\\s+(?:(?:${anyOf(HOUR_LEADS)})\\s+)?(${CLOCK_TOKEN})`,
  );

  /** Most messages have no "ou": then nothing is scanned for. */
  pattern(context: ParsingContext): RegExp {
    return context.text.includes(` ${HOUR_ALTERNATIVE_JOINER} `) ? this.re : NEVER;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [, lead, firstToken, secondToken] = match;
    const index = match.index ?? 0;
    const end = index + match[0].length;
    const after = context.text.slice(end, end + 40);
    // "10 ou 9 da manhã": the earlier first
    const a = readClock(firstToken!);
    const b = readClock(secondToken!);
    if (a === null || b === null) return refuse(match);
    const [first, second] = a.minutes <= b.minutes ? [a, b] : [b, a];
    if (NOT_AN_HOUR_AFTER.test(after) || /^[:.]\d/.test(after)) return refuse(match);
    if (lead === undefined && NOT_AN_HOUR_BEFORE.includes(wordsBefore(context.text, index, 1)[0] ?? '')) return refuse(match);
    if (lead === undefined && !first.explicit && !second.explicit && !PERIOD_FOLLOWS.test(after)) return refuse(match);
    // "as duas ou três": spelled-out numbers only as "às duas" is ("as duas ou três pessoas" is a count)
    if (first.spelled && second.spelled && !first.explicit && !second.explicit && !PERIOD_FOLLOWS.test(after)) {
      const next = wordAfter(after, 0);
      if (next !== '' && !HOUR_FOLLOWERS.includes(next)) return refuse(match);
    }
    if (second.minutes === first.minutes || second.minutes - first.minutes > HOUR_ALTERNATIVE_MAX_GAP_HOURS * 60) return refuse(match);
    const result = context.createParsingResult(index, match[0]);
    assignClock(result.start, first.minutes, first.settled);
    result.end = assignClock(context.createParsingComponents(), second.minutes, second.settled);
    return result.addTag(TAGS.clock).addTag(TAGS.hourAlternatives);
  }
}

type RangeKind = 'between' | 'from-to' | 'after' | 'before';

/** An article before a range's hour, captured: "das"/"as" make a dotted number an hour ("depois das 3.12"). */
const ARTICLE = `(?:(${anyOf(RANGE_ARTICLES)})\\s+)?`;

const RANGE_SOURCES: Record<RangeKind, string> = {
  between: `${RANGE_BETWEEN.lead}\\s+${ARTICLE}(${RANGE_CLOCK_TOKEN})\\s+${RANGE_BETWEEN.joiner}\\s+${ARTICLE}(${RANGE_CLOCK_TOKEN})`,
  'from-to':
    `(?:(${anyOf([...RANGE_FROM_LEADS, ...NOON_RANGE_FROM_LEADS])})\\s+)?(${RANGE_CLOCK_TOKEN})` +
    `(?:\\s?(${anyOf(RANGE_DASHES)})\\s?|\\s+(${anyOf(RANGE_TO_JOINERS)})\\s+)${ARTICLE}(${RANGE_CLOCK_TOKEN})`,
  after: `(?:${anyOf(AFTER_LEADS)})\\s+${ARTICLE}(${RANGE_CLOCK_TOKEN})`,
  before: `(?:${anyOf(BEFORE_LEADS)})\\s+${ARTICLE}(${RANGE_CLOCK_TOKEN})`,
};

/** Whether a word before a range's number makes it an hour ("das 3.12", "até as 3.12"), not a day ("até 3.12"). */
const hourArticle = (word: string | undefined) => word !== undefined && HOUR_ARTICLES.includes(key(word));

/**
 * Clock ranges: "entre 14h e 16h", "das 14 às 16", "14h-16h", "depois das 15h" / "a partir das 15h"
 * (to the end of the evening), "antes das 10" / "até as 10" (from the start of the morning).
 */
export class ClockRangeParser implements Parser {
  private readonly re: RegExp;

  constructor(private readonly kind: RangeKind) {
    this.re = wordPattern(RANGE_SOURCES[kind]);
  }

  pattern(): RegExp {
    return this.re;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const index = match.index ?? 0;
    const after = context.text.slice(index + match[0].length, index + match[0].length + 40);
    if (NOT_AN_HOUR_AFTER.test(after) || /^[:.]\d/.test(after)) return refuse(match);
    const [from, to, [fromHour, toHour]] = this.bounds(match);
    if (from === undefined || to === undefined) return refuse(match);
    // "entre 3.12 e 5.12", "até 3.12": days and months; "depois das 3.12", "das 3.12 às 5" are hours, as "3h12" is
    if ((from !== null && !fromHour && mayBeDate(from)) || (to !== null && !toHour && mayBeDate(to))) return refuse(match);
    const result = context.createParsingResult(index, match[0]);
    setBound(result.start, from, OPEN_RANGE_START);
    result.end = setBound(context.createParsingComponents(), to, OPEN_RANGE_END);
    if (from === null) result.addTag(TAGS.openStart);
    if (to === null) result.addTag(TAGS.openEnd);
    settleOpenBounds(result);
    return result.addTag(TAGS.clock);
  }

  /**
   * The two ends as read (null: open; undefined when the words are not a clock range), and for each whether an hour
   * article before it makes it an hour ("das", "às"), which a dotted number may otherwise not be ("3.12"). A mark on
   * the first end carries to the second ("entre as 3.12 e 5.12", "das 3.12 a 5.12").
   */
  private bounds(match: RegExpMatchArray): [ClockReading | null | undefined, ClockReading | null | undefined, [boolean, boolean]] {
    const none: [undefined, undefined, [boolean, boolean]] = [undefined, undefined, [false, false]];
    switch (this.kind) {
      case 'between': {
        const [, firstArticle, first, secondArticle, second] = match;
        const firstHour = hourArticle(firstArticle);
        return [readClock(first!) ?? undefined, readClock(second!) ?? undefined, [firstHour, firstHour || hourArticle(secondArticle)]];
      }
      case 'from-to': {
        const [, lead, first, dash, joiner, article, second] = match;
        const a = readClock(first!);
        const b = readClock(second!);
        if (!a || !b) return none;
        // "do meio dia às 14": "do" leads noon only
        if (lead !== undefined && NOON_RANGE_FROM_LEADS.includes(key(lead)) && !NOON_RE.test(key(first!))) return none;
        const firstHour = hourArticle(lead);
        const hours: [boolean, boolean] = [firstHour, firstHour || hourArticle(joiner) || hourArticle(article)];
        // "das 14 às 16", "14h-16h" and "14h às 16h" are ranges; "15 às 10h" ("dia 15 às 10h") is not
        const ranged = lead !== undefined || (dash !== undefined ? a.explicit || b.explicit : a.explicit && b.explicit);
        // "de 3-12": bare numbers a dash joins that cannot be hours in order (15:00 to noon) are a day and month
        const backwards = dash !== undefined && !a.explicit && !b.explicit && !a.settled && !b.settled && bareHour(a.minutes / 60) * 60 >= bareHour(b.minutes / 60) * 60;
        return ranged && !backwards ? [a, b, hours] : none;
      }
      case 'after':
        return [readClock(match[2]!) ?? undefined, null, [hourArticle(match[1]), false]];
      case 'before':
        return [null, readClock(match[2]!) ?? undefined, [false, hourArticle(match[1])]];
    }
  }
}

function setBound(components: ParsingComponents, clock: ClockReading | null, open: number): ParsingComponents {
  return clock === null ? assignClock(components, open, true) : assignClock(components, clock.minutes, clock.settled);
}

export function timePtBrParsers(): Parser[] {
  return [
    new ClockRangeParser('between'),
    new ClockRangeParser('from-to'),
    new ClockRangeParser('after'),
    new ClockRangeParser('before'),
    new MinutesToHourParser(),
    new ClockAlternativesParser(),
    new ClockTimeParser(),
    new DottedClockParser(),
    new NoonParser(),
    new DayPartParser(),
    new DayPartParser(LUNCH_PHRASES, LUNCH_WORD),
  ];
}
