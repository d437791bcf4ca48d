/**
 * When the patient wants to come: the date and time words of a message resolved in the clinic's zone
 * (RULES.md, "Dates" and "Times"). The pt-BR chrono reader (locales/pt-BR/chrono.ts) finds the
 * mentions and resolves each; here they are read into `When`: the last mention that is not negated
 * wins, separately for the date and for the time, and the words are quoted from the original message.
 */
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { alternativesOf, dateConflictOf, impossibleDateOf, periodOf, ptBrChrono, TAGS } from '../../../locales/pt-BR/chrono';
import { ABSENCE_BEFORE_PERIOD, ANY_DAY_PHRASES, ANY_DAY_SPAN_DAYS, RELATIVE_DAYS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES } from '../../../locales/pt-BR/lexicon-time';
import type { DayPeriod } from '../model';
import { clockTime, isValidTimeZone, utcToLocal } from '../time';
import { fold, prepare } from './normalize';
import type { InvalidDate, When } from './types';

export interface WhenOptions {
  /** the instant relative words resolve against; "today" is its local date in `timezone` */
  reference: Date;
  /** the clinic's IANA zone */
  timezone: string;
}

interface DatePart {
  from: string;
  to: string;
  /** the days offered as alternatives ("quinta ou sexta"), when there are several */
  dates?: string[];
  /** a weekday beside a date that is another weekday ("sexta dia 5"): no date, both days to ask between */
  conflict?: { day: string; weekday: string };
  /** days of `dates` searched in some parts only, once per part ("qualquer dia menos quarta de manhã": Wednesdays in the afternoon and evening) */
  dayPeriods?: Array<{ date: string; period: DayPeriod }>;
}

interface TimePart {
  time: string | null;
  period: DayPeriod | null;
  from: string | null;
  to: string | null;
}

/** One date or time mention as chrono read it, where it stands in the message. */
interface Mention {
  start: number;
  end: number;
  negated: boolean;
  /** given as a reason ("porque à tarde eu trabalho"): counts only when no other mention of its kind is there */
  reason: boolean;
  /** a day before today ("ontem") */
  past: boolean;
  /**
   * a whole part of the day refused ("de manhã não posso", "nem de tarde"), not said of an appointment ("a de
   * manhã"): the rest of the day is wished when no other time is said
   */
  refusedPeriod: DayPeriod | null;
  /** the refusal is not going said right before the part of the day ("não vou poder ir de manhã") */
  absent: boolean;
  /** the days are named by their weekday ("quarta", "quarta e sexta"), not by a date ("dia 5") */
  byWeekday: boolean;
  /** a negated day with its part of the day right after it ("menos quarta de manhã"): only that part is refused on it */
  refusedPart?: { period: DayPeriod; mention: Mention };
  /** a day its month does not have ("31/11"): no date, only what was written */
  invalid: Omit<InvalidDate, 'text'> | null;
  date: DatePart | null;
  time: TimePart | null;
}

const NOTHING: When = Object.freeze({
  date_text: null,
  date_from: null,
  date_to: null,
  period: null,
  time: null,
  time_from: null,
  time_to: null,
  time_text: null,
});

/**
 * The date and time a message asks for. Never throws: text without date or time words, emoji, or an
 * unusable reference or zone give all nulls.
 */
export function extractWhen(message: string, options: WhenOptions): When {
  try {
    return readWhen(message, options);
  } catch {
    // a reader bug must not fail a patient's turn: the message then simply says no date or time
    return { ...NOTHING };
  }
}

function readWhen(message: string, { reference, timezone }: WhenOptions): When {
  if (typeof message !== 'string') return { ...NOTHING };
  const original = prepare(message);
  const offset = zoneOffsetMinutes(reference, timezone);
  if (original.length === 0 || offset === null) return { ...NOTHING };

  const results = ptBrChrono.parse(fold(original), { instant: reference, timezone: offset });
  let date: Mention | null = null;
  let time: Mention | null = null;
  // "ontem": a day that has passed counts only when no day to book is named
  let past: DatePart | null = null;
  // "de manhã porque à tarde eu trabalho": a day or time given as a reason counts only when no other is said
  let reasonDate: Mention | null = null;
  let reasonTime: Mention | null = null;
  const refused = new Set<DayPeriod>();
  // the parts refused by not going said before them ("não vou poder ir de manhã"), and whether any other way
  const absent = new Set<DayPeriod>();
  let refusedOtherwise = false;
  // where the refused parts of the day are said (quoted as the time words when they give the window)
  let refusedStart = -1;
  let refusedEnd = -1;
  // the mentions that count, in order: "sexta de tarde ou sábado de manhã" pairs each day with its own part of the day
  const kept: Mention[] = [];
  // "qualquer dia menos quarta": the days negated, left out of any day or of a range of days wished
  const excluded: Mention[] = [];
  // negated whole parts of the day with no day of their own ("menos quarta de manhã": the morning), which may go with the day before
  const negatedParts: Mention[] = [];
  // "31/11": the last day written that does not exist, said when no day is said after it
  let invalid: Mention | null = null;
  for (const result of results) {
    const mention = toMention(result, original);
    if (mention.invalid) {
      if (!mention.negated && !mention.reason) invalid = mention;
      continue;
    }
    if (mention.negated && mention.refusedPeriod && !mention.date) negatedParts.push(mention);
    if (mention.refusedPeriod) {
      refused.add(mention.refusedPeriod);
      if (mention.absent) absent.add(mention.refusedPeriod);
      else refusedOtherwise = true;
      if (refusedStart < 0) refusedStart = mention.start;
      refusedEnd = mention.end;
      // a refused period wishes no time of its own; a day said with it ("amanhã de manhã não") still counts as before
      mention.time = null;
    }
    if (mention.negated) {
      // not a busy day given as a reason ("trabalho qualquer dia menos sexta")
      if (mention.date && !mention.past && !mention.date.conflict && !mention.reason) excluded.push(mention);
      continue;
    }
    if (mention.reason) {
      if (mention.date && !mention.past) reasonDate = mention;
      if (mention.time) reasonTime = mention;
      continue;
    }
    if (mention.date && mention.past) past = mention.date;
    else if (mention.date) date = mention;
    if (mention.time) time = mention;
    kept.push(mention);
  }
  // "segunda de manhã e de tarde", "de manhã e à noite": every part said is wished, one window over them
  const parts = partsTogether(kept, original);
  if (parts) {
    kept.splice(kept.indexOf(parts.first), parts.count, parts.mention);
    if (time && time.start >= parts.mention.start && time.end <= parts.mention.end) time = parts.mention;
  }
  // "a de sexta pro dia 31/11": the last day said wins, even one that does not exist (it is no wish to be replaced by an earlier day)
  if (invalid && date && invalid.start > date.end) date = null;
  else if (date) invalid = null;
  date ??= reasonDate;
  time ??= reasonTime;
  // the offset is already known: no second zone conversion for every message
  const today = new Date(reference.getTime() + offset * 60_000).toISOString().slice(0, 10);
  if (excluded.length > 0) {
    // "qualquer dia menos quarta de manhã": the morning goes with Wednesday, not with every day
    for (const day of excluded) {
      const part = negatedParts.find((p) => p.start >= day.end && /^[\s,]*$/.test(original.slice(day.end, p.start)));
      if (part) day.refusedPart = { period: part.refusedPeriod!, mention: part };
    }
    const left = daysLeftOut(date, excluded, original, today);
    if (left) {
      date = left;
      // the parts that went with a day refuse nothing else
      const paired = new Set(excluded.flatMap((d) => (d.refusedPart ? [d.refusedPart.mention] : [])));
      if (paired.size > 0) {
        refused.clear();
        for (const p of negatedParts) if (!paired.has(p)) refused.add(p.refusedPeriod!);
      }
    }
  }
  // "amanhã, de manhã não posso": no time wished but a part of the day refused, the rest of the day
  const rest = time === null && refused.size > 0 ? restOfDay(refused) : null;
  // "não vou poder ir de manhã" and no other time: that part, which a cancel reads as the appointment's
  const absentPeriod = rest !== null && !refusedOtherwise && absent.size === 1 ? [...absent][0]! : null;
  const dates = date?.date?.dates;
  const passed = date?.date ? (date.date.to < today ? date.date.to : null) : past ? past.to : null;
  const nowMinutes = (((Math.floor(reference.getTime() / 60_000) + offset) % 1440) + 1440) % 1440;
  const paired = dayPeriodAlternatives(kept, original, today, nowMinutes) ?? partThenOtherDay(kept, original, today);
  if (paired) return paired;
  // "sexta dia 5", the 5th a Saturday: which day is meant is asked, none is taken
  const conflict = date?.date?.conflict;
  return {
    date_text: date ? original.slice(date.start, date.end) : null,
    date_from: conflict ? null : (date?.date?.from ?? null),
    date_to: conflict ? null : (date?.date?.to ?? null),
    ...(dates ? { dates } : {}),
    ...(passed ? { date_passed: passed } : {}),
    ...(conflict ? { date_conflict: { ...conflict } } : {}),
    ...(invalid && !date && !past ? { date_invalid: { text: original.slice(invalid.start, invalid.end), ...invalid.invalid! } } : {}),
    ...(absentPeriod ? { absent_period: absentPeriod } : {}),
    period: time?.time?.period ?? null,
    time: time?.time?.time ?? null,
    time_from: time?.time?.from ?? rest?.from ?? null,
    time_to: time?.time?.to ?? rest?.to ?? null,
    time_text: time ? original.slice(time.start, time.end) : rest ? original.slice(refusedStart, refusedEnd) : null,
    ...(rest && rest.inside.length > 0 ? { refused_periods: rest.inside } : {}),
    ...(!rest && parts && time === parts.mention && parts.inside.length > 0 ? { refused_periods: parts.inside } : {}),
    ...(date?.date?.dayPeriods ? { day_periods: date.date.dayPeriods.map((d) => ({ ...d })) } : {}),
  };
}

/**
 * "sexta de tarde ou sábado de manhã": two or more days offered as alternatives, each with its own part of the day.
 * The days as `dates`, the window spanning the parts, and each day's part in `day_periods`. A bare weekday that
 * is today's, read as next week's, is today when another alternative falls before next week's (on a Friday, "sexta
 * de tarde ou sábado de manhã" is this afternoon or tomorrow morning). Today with a part already over at the
 * reference (`nowMinutes`, local) is left out and named in `period_passed`: one day left is that day with its part.
 * Null when the message is not that.
 */
function dayPeriodAlternatives(kept: readonly Mention[], original: string, today: string, nowMinutes: number): When | null {
  // each unit: a day and the part of the day said right after it ("sexta de tarde"), or a day alone in a list whose
  // other days have their own part ("seg de manha, qua a tarde ou sex qualquer hora": Friday at any time)
  const units: Array<{ day: Mention; part: Mention | null }> = [];
  for (let i = 0; i < kept.length; ) {
    const d = kept[i]!;
    if (!d.date || d.time || d.date.dates || d.date.conflict || d.date.from !== d.date.to || d.past) return null;
    const t = kept[i + 1];
    const paired = !!t && !!t.time && !t.date && !!t.time.period && !t.time.time && /^[\s,]*$/.test(original.slice(d.end, t.start));
    if (units.length > 0 && !DAY_LIST_JOINER.test(original.slice(kept[i - 1]!.end, d.start))) return null;
    units.push({ day: d, part: paired ? t! : null });
    i += paired ? 2 : 1;
  }
  const withPart = units.filter((u) => u.part !== null);
  // "sexta de manhã ou sábado": one part said, of both days (partThenOtherDay)
  if (units.length < 2 || withPart.length < 2) return null;
  const days: Array<{ date: string; period: DayPeriod | null }> = units.map((u) => ({ date: u.day.date!.from, period: u.part?.time!.period ?? null }));
  const nextWeek = addDaysIso(today, 7);
  for (const day of days) if (day.date === nextWeek && days.some((o) => o !== day && o.date < nextWeek)) day.date = today;
  if (new Set(days.map((d) => d.date)).size !== days.length) return null;
  // "sexta de tarde" on Friday at 19:00: that afternoon is over, the other days stay
  const over = days.find((d) => d.date === today && d.period !== null && minutesOf(PERIOD_WINDOWS.find((w) => w.period === d.period)!.to) <= nowMinutes) ?? null;
  const passed = over ? { period_passed: { date: over.date, period: over.period! } } : {};
  const left = days.filter((d) => d !== over);
  if (left.length === 1) {
    const only = left[0]!;
    const unit = units[days.indexOf(only)]!;
    const window = only.period ? PERIOD_WINDOWS.find((w) => w.period === only.period)! : null;
    return {
      ...NOTHING,
      date_text: original.slice(unit.day.start, unit.day.end),
      date_from: only.date,
      date_to: only.date,
      ...passed,
      period: only.period,
      time_from: window?.from ?? null,
      time_to: window?.to ?? null,
      time_text: unit.part ? original.slice(unit.part.start, unit.part.end) : null,
    };
  }
  const dates = left.map((d) => d.date).sort();
  const windows = left.map((d) => (d.period ? PERIOD_WINDOWS.find((w) => w.period === d.period)! : null));
  // a day at any time: no window over all of them, each part only on its own day
  const spans = windows.every((w) => w !== null) ? (windows as Array<{ from: string; to: string }>) : null;
  const text = original.slice(kept[0]!.start, kept[kept.length - 1]!.end);
  return {
    date_text: text,
    date_from: dates[0]!,
    date_to: dates[dates.length - 1]!,
    dates,
    ...(dates[0]! < today ? { date_passed: dates[0]! } : {}),
    ...passed,
    period: null,
    time: null,
    time_from: spans ? spans.map((w) => w.from).sort()[0]! : null,
    time_to: spans ? spans.map((w) => w.to).sort()[spans.length - 1]! : null,
    time_text: text,
    day_periods: left
      .filter((d): d is { date: string; period: DayPeriod } => d.period !== null)
      .map((d) => ({ ...d }))
      .sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}

/** Between parts of the day wished together: "e", a comma, or both ("de manhã, e de tarde"). */
const PART_JOINER = /^\s*(?:,\s*(?:e\s*)?|e\s*)$/i;

/**
 * Whole parts of the day said one after another and joined by "e" ("de manhã e de tarde", "de manhã e à noite"), with no
 * day between them: all are wished. One mention for them all: the window from the first part's start to the last one's
 * end, no one period, and the parts inside it not said (`inside`, "à tarde" of "de manhã e à noite") refused. Null when
 * the message has no such run.
 */
function partsTogether(kept: readonly Mention[], original: string): { first: Mention; count: number; mention: Mention; inside: DayPeriod[] } | null {
  const isPart = (m: Mention | undefined) => !!m && !m.date && wholePeriod(m.time, original.slice(0, m.start)) !== null;
  for (let i = 0; i < kept.length - 1; i++) {
    if (!isPart(kept[i])) continue;
    let j = i;
    while (isPart(kept[j + 1]) && PART_JOINER.test(original.slice(kept[j]!.end, kept[j + 1]!.start))) j++;
    if (j === i) continue;
    const run = kept.slice(i, j + 1);
    const said = new Set(run.map((m) => m.time!.period!));
    const indexes = PERIOD_WINDOWS.flatMap((w, k) => (said.has(w.period) ? [k] : []));
    const from = PERIOD_WINDOWS[indexes[0]!]!;
    const to = PERIOD_WINDOWS[indexes[indexes.length - 1]!]!;
    const inside = PERIOD_WINDOWS.slice(indexes[0]!, indexes[indexes.length - 1]! + 1)
      .filter((w) => !said.has(w.period))
      .map((w) => w.period);
    const first = run[0]!;
    const last = run[run.length - 1]!;
    return {
      first,
      count: run.length,
      mention: { ...first, end: last.end, time: { time: null, period: said.size === 1 ? first.time!.period : null, from: from.from, to: to.to } },
      inside,
    };
  }
  return null;
}

/**
 * Between the days of a list each with its own part: "ou", "e", a comma, or a comma and either ("sexta de tarde, ou
 * sábado de manhã", "segunda de manhã e terça à tarde": both suit the patient, so either is offered)
 */
const DAY_LIST_JOINER = /^\s*(?:,\s*(?:(?:ou|e)(?:\s+ent[aã]o)?\s*)?|(?:ou|e)(?:\s+ent[aã]o)?\s*)$/i;

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/**
 * "qualquer dia menos quarta", "semana que vem menos quarta": the days wished with those negated left out. Any day
 * said before the negated days (ANY_DAY_PHRASES) with no day wished is the next ANY_DAY_SPAN_DAYS days from today;
 * a range of days wished (no alternatives) is that range. A weekday negated leaves out every such weekday, a date
 * that date. The days left are `dates` (one day left: that day). Null when there is nothing to leave out of.
 */
function daysLeftOut(date: Mention | null, excluded: readonly Mention[], original: string, today: string): Mention | null {
  const first = excluded[0]!;
  let from: string;
  let to: string;
  let start: number;
  if (date?.date) {
    if (date.date.dates || date.date.from === date.date.to) return null;
    ({ from, to } = date.date);
    // "semana que vem menos quarta": quoted from the days wished ("exceto sexta, … semana que vem": the week alone)
    start = date.start;
  } else {
    const before = fold(original.slice(0, first.start));
    const at = Math.max(...ANY_DAY_PHRASES.map((p) => before.lastIndexOf(p)));
    if (at < 0) return null;
    from = today;
    to = addDaysIso(today, ANY_DAY_SPAN_DAYS - 1);
    start = at;
  }
  // the days negated (a weekday: each such weekday), or only a part of them ("menos quarta de manhã"): the other part kept
  const weekdays = new Map<number, DayPeriod[] | null>();
  const days = new Map<string, DayPeriod[] | null>();
  for (const m of excluded) {
    const named = m.date!.dates ?? (m.date!.from === m.date!.to ? [m.date!.from] : []);
    // "menos quarta à noite": Wednesday's morning and afternoon are kept, every other day whole
    const kept = m.refusedPart ? PERIOD_WINDOWS.map((w) => w.period).filter((p) => p !== m.refusedPart!.period) : null;
    for (const d of named) {
      if (m.byWeekday) weekdays.set(weekdayOfIso(d), kept);
      else days.set(d, kept);
    }
  }
  const left: string[] = [];
  const dayPeriods: Array<{ date: string; period: DayPeriod }> = [];
  for (let d = from; d <= to; d = addDaysIso(d, 1)) {
    const negated = days.has(d) ? days.get(d)! : weekdays.has(weekdayOfIso(d)) ? weekdays.get(weekdayOfIso(d))! : undefined;
    if (negated === null) continue;
    left.push(d);
    if (negated !== undefined) for (const period of negated) dayPeriods.push({ date: d, period });
  }
  if (left.length === 0 || (date?.date && left.length === daysBetween(from, to) && dayPeriods.length === 0)) return null;
  const end = Math.max(date?.end ?? 0, ...excluded.map((m) => m.refusedPart?.mention.end ?? m.end).filter((e) => e > start));
  const only = left.length === 1;
  return {
    ...(date ?? first),
    start,
    end,
    negated: false,
    date: { from: left[0]!, to: left[left.length - 1]!, ...(only ? {} : { dates: left }), ...(dayPeriods.length > 0 ? { dayPeriods } : {}) },
    time: date?.time ?? null,
  };
}

/** "quarta e sexta", "qua ou sex": days named only by weekday words (no date, no "hoje", "amanhã"). */
function namesOnlyWeekdays(folded: string): boolean {
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((w) => WEEKDAY_NAMES[w] !== undefined || WEEKDAY_ABBREVIATIONS[w] !== undefined) && !words.some((w) => /\d/.test(w) || w === 'dia' || RELATIVE_DAYS[w] !== undefined);
}

function weekdayOfIso(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * "sexta de manhã ou sábado": a day with its part of the day, then "ou" and another day with none. Read as "sexta ou
 * sábado de manhã" is: both days as `dates`, the part of both (the first day is not dropped for the last). A bare weekday
 * that is today's, read as next week's, is today when the other day falls before that. Null when the message is not that.
 */
function partThenOtherDay(kept: readonly Mention[], original: string, today: string): When | null {
  if (kept.length !== 3) return null;
  const [first, part, second] = kept as [Mention, Mention, Mention];
  const oneDay = (m: Mention) => !!m.date && !m.time && !m.date.dates && !m.date.conflict && m.date.from === m.date.to && !m.past;
  if (!oneDay(first) || !oneDay(second)) return null;
  if (!part.time || part.date || !part.time.period || part.time.time) return null;
  if (!/^[\s,]*$/.test(original.slice(first.end, part.start))) return null;
  if (!/^[\s,]*ou(\s+ent[aã]o)?\s*$/i.test(original.slice(part.end, second.start))) return null;
  const nextWeek = addDaysIso(today, 7);
  const days = [first.date!.from, second.date!.from];
  const read = days.map((d, i) => (d === nextWeek && days[1 - i]! < nextWeek ? today : d));
  const dates = [...new Set(read)].sort();
  if (dates.length !== 2) return null;
  const window = PERIOD_WINDOWS.find((w) => w.period === part.time!.period)!;
  return {
    date_text: original.slice(first.start, second.end),
    date_from: dates[0]!,
    date_to: dates[1]!,
    dates,
    period: part.time.period,
    time: null,
    time_from: part.time.from ?? window.from,
    time_to: part.time.to ?? window.to,
    time_text: original.slice(part.start, part.end),
  };
}

function addDaysIso(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The parts of the day in order, with the windows RULES.md gives them. */
const PERIOD_WINDOWS: ReadonlyArray<{ period: DayPeriod; from: string; to: string }> = [
  { period: 'manha', from: '06:00', to: '12:00' },
  { period: 'tarde', from: '12:00', to: '18:00' },
  { period: 'noite', from: '18:00', to: '22:00' },
];

/**
 * The window left once `refused` parts of the day are taken out: from the first part left to the end of the last
 * (the morning refused: 12:00–22:00; the afternoon: 06:00–22:00, with the afternoon `inside` it, which no slot may
 * start in; every part refused: null).
 */
function restOfDay(refused: ReadonlySet<DayPeriod>): { from: string; to: string; inside: DayPeriod[] } | null {
  const left = PERIOD_WINDOWS.filter((w) => !refused.has(w.period));
  if (left.length === 0) return null;
  const first = PERIOD_WINDOWS.indexOf(left[0]!);
  const last = PERIOD_WINDOWS.indexOf(left[left.length - 1]!);
  const inside = PERIOD_WINDOWS.slice(first, last + 1).filter((w) => refused.has(w.period)).map((w) => w.period);
  return { from: left[0]!.from, to: left[left.length - 1]!.to, inside };
}

/**
 * The zone's UTC offset at `reference`, in minutes (São Paulo: -180), or null for an invalid instant or
 * zone. Read through core/time.ts, the one module that converts.
 */
function zoneOffsetMinutes(reference: Date, timezone: string): number | null {
  if (!(reference instanceof Date) || Number.isNaN(reference.getTime()) || !knownZone(timezone)) return null;
  const minute = Math.floor(reference.getTime() / 60_000);
  const cached = lastOffset.get(timezone);
  if (cached?.minute === minute) return cached.offset;
  const local = utcToLocal(reference, timezone);
  const offset = Math.round((Date.parse(`${local.date}T${local.time}:00Z`) - minute * 60_000) / 60_000);
  if (!Number.isFinite(offset)) return null;
  if (lastOffset.size >= ZONE_MEMORY) lastOffset.clear();
  lastOffset.set(timezone, { minute, offset });
  return offset;
}

/**
 * Checking a zone name builds an Intl formatter, which costs more than reading a whole message: the
 * answer and each zone's last offset (per minute of reference) are remembered, a bounded number.
 */
const ZONE_MEMORY = 100;
const zoneValidity = new Map<string, boolean>();
const lastOffset = new Map<string, { minute: number; offset: number }>();

function knownZone(timezone: string): boolean {
  if (typeof timezone !== 'string') return false;
  let valid = zoneValidity.get(timezone);
  if (valid === undefined) {
    valid = isValidTimeZone(timezone);
    if (zoneValidity.size >= ZONE_MEMORY) zoneValidity.clear();
    zoneValidity.set(timezone, valid);
  }
  return valid;
}

function toMention(result: ParsedResult, original: string): Mention {
  // chrono builds the set of tags anew on every call: read it once
  const tags = result.tags();
  const time = timePart(result, tags);
  // "não vou poder ir de manhã": the part of the day refused, the decline said before it
  const absent = wholePeriod(time, '') !== null && ABSENCE_BEFORE.test(fold(original.slice(Math.max(0, result.index - ABSENCE_REACH), result.index)));
  const refusing = absent || tags.has(TAGS.negated) || (tags.has(TAGS.declined) && !tags.has(TAGS.reason));
  return {
    start: result.index,
    end: result.index + result.text.length,
    negated: tags.has(TAGS.negated),
    // "de manhã não posso" counts as a reason does: only when nothing else is said
    reason: absent || tags.has(TAGS.reason) || tags.has(TAGS.declined),
    past: tags.has(TAGS.past),
    invalid: impossibleDateOf(tags),
    date: datePart(result, tags),
    time,
    refusedPeriod: refusing ? wholePeriod(time, original.slice(0, result.index)) : null,
    absent,
    // only a negated mention is asked (chrono read the folded text)
    byWeekday: tags.has(TAGS.weekday) || (tags.has(TAGS.negated) && namesOnlyWeekdays(result.text)),
  };
}

/** how far before a part of the day the appointment it belongs to is looked for (characters; longer than any phrase) */
const APPOINTMENT_REACH = 40;

/**
 * The part of the day a time mention is, when it is a whole one ("de manhã", not "fim da tarde" nor
 * "8 da manhã") and not said of an appointment ("a de manhã", "a consulta da tarde": the words before it).
 */
function wholePeriod(time: TimePart | null, before: string): DayPeriod | null {
  if (!time || time.time !== null || time.period === null) return null;
  const window = PERIOD_WINDOWS.find((w) => w.period === time.period);
  if (!window || time.from !== window.from || time.to !== window.to) return null;
  // only the end of the text before can name the appointment: folding all of it for every part of the day said made a
  // long message's reading grow with the square of its length
  return APPOINTMENT_BEFORE.test(fold(before.slice(-APPOINTMENT_REACH))) ? null : time.period;
}

/** how far before a part of the day its decline is looked for (characters; longer than any phrase) */
const ABSENCE_REACH = 40;
/** a decline of going right before a part of the day, in the same clause ("não vou poder ir de manhã") */
const ABSENCE_BEFORE = new RegExp(`(?:^|[^a-z])(?:${ABSENCE_BEFORE_PERIOD.map((p) => p.replace(/ /g, '\\s+')).join('|')})\\s+(?:(?:de|a|na|pela|durante\\s+a)\\s+)?$`);

/** an appointment named right before the period ("a de manhã", "a da tarde", "a consulta de manhã", "minha consulta à tarde") */
const APPOINTMENT_BEFORE = /(?:^|[^a-z])(?:a|o|as|os|consulta|consultas|exame|retorno)\s*(?:d[aoe]\s*)?$/;

function datePart(result: ParsedResult, tags: Set<string>): DatePart | null {
  const { start, end } = result;
  if (!start.isCertain('day') || !start.isCertain('month')) return null;
  const from = dateOf(start);
  const to = end?.isCertain('day') ? dateOf(end) : from;
  const dates = alternativesOf(tags);
  const conflict = dateConflictOf(tags);
  return { from, to: to < from ? from : to, ...(dates ? { dates } : {}), ...(conflict ? { conflict } : {}) };
}

function timePart(result: ParsedResult, tags: Set<string>): TimePart | null {
  const { start, end } = result;
  const period = periodOf({ tags: () => tags });
  if (!start.isCertain('hour')) return null;
  const from = clockOf(start);
  if (end?.isCertain('hour')) return { time: null, period, from, to: clockOf(end) };
  return { time: from, period, from: null, to: null };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateOf(c: ParsedComponents): string {
  return `${pad(c.get('year')!, 4)}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
}

function clockOf(c: ParsedComponents): string {
  return clockTime(c.get('hour')! * 60 + (c.get('minute') ?? 0));
}
