/**
 * Local wall time ↔ UTC in IANA zones. The only module that converts (ARCHITECTURE.md, convention 5).
 * Luxon carries the IANA rules (through Intl), so historical changes such as São Paulo's DST are right.
 */
import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** IANA zone names by their lowercase spelling (Intl's list: canonical zones, not links). */
let zoneSpellings: Map<string, string> | undefined;

/**
 * A valid zone in the letter case IANA spells it: zone names match in any case ('america/manaus' is
 * America/Manaus), so one sent in another case would otherwise be stored and answered as sent. Only the
 * case changes: a link (Brazil/East) is kept as it is, not replaced by the zone it points to.
 */
export function canonicalTimeZone(zone: string): string {
  zoneSpellings ??= new Map((typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []).map((z) => [z.toLowerCase(), z]));
  const listed = zoneSpellings.get(zone.toLowerCase());
  if (listed) return listed;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

/**
 * The last date a search over a range of local dates (slots, a provider's schedule and conflicts) may
 * end on. Searches step and look a day or more past the range's end, and past 9999-12-31 there is no
 * `YYYY-MM-DD` (a date of year 10000 sorts before 9999's): a year of slack keeps every step real.
 */
export const LAST_RANGE_DATE = '9998-12-31';

/** A real calendar date in `YYYY-MM-DD` (proleptic Gregorian, years 0000–9999). */
export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A clock time in `HH:MM` (00:00 to 23:59). */
export function isValidClockTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** Minutes since midnight of an `HH:MM` clock time. */
export function minutesOfDay(time: string): number {
  // slot search reads thousands of clock times per request: `HH:MM` by character codes, the regex
  // (and its error) for anything else
  if (time.length === 5 && time.charCodeAt(2) === 58 /* : */) {
    const h1 = time.charCodeAt(0) - 48;
    const h2 = time.charCodeAt(1) - 48;
    const m1 = time.charCodeAt(3) - 48;
    const m2 = time.charCodeAt(4) - 48;
    const h = h1 * 10 + h2;
    if (h1 >= 0 && h1 <= 2 && h2 >= 0 && h2 <= 9 && h <= 23 && m1 >= 0 && m1 <= 5 && m2 >= 0 && m2 <= 9) return h * 60 + m1 * 10 + m2;
  }
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a clock time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:MM` of minutes since midnight (0 ≤ minutes < 1440). */
export function clockTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The UTC instant of a local wall time. A wall time that does not exist (skipped by a DST change,
 * e.g. 2018-11-04 00:00 in São Paulo) moves forward to the first instant that does (01:00).
 */
export function localToUtc(date: string, time: string, zone: string): Date {
  let byDate = LOCAL_TO_UTC.get(zone);
  if (!byDate) LOCAL_TO_UTC.set(zone, (byDate = new Map()));
  let byTime = byDate.get(date);
  const known = byTime?.get(time);
  if (known !== undefined) return new Date(known);
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) throw new RangeError(`invalid local time ${date} ${time} in ${zone}`);
  if (!byTime) {
    if (byDate.size >= LOCAL_TO_UTC_MAX_DATES) byDate.clear();
    byDate.set(date, (byTime = new Map()));
  }
  byTime.set(time, local.toMillis());
  return local.toJSDate();
}

/**
 * localToUtc is pure (zone rules do not change while the process runs) and slot search converts the
 * same few wall times for every provider and day, so conversions are remembered: zone → date → time
 * → epoch ms, a bounded number of dates per zone.
 */
const LOCAL_TO_UTC = new Map<string, Map<string, Map<string, number>>>();
const LOCAL_TO_UTC_MAX_DATES = 5_000;

export interface LocalDateTime {
  date: string;
  time: string;
  /** 0 = Sunday … 6 = Saturday */
  dayOfWeek: number;
}

export function utcToLocal(instant: Date, zone: string): LocalDateTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('not a valid instant');
  const d = new Date(ms + offsetMinutes(ms, zone) * 60_000);
  return {
    date: utcCalendarDate(d),
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`,
    dayOfWeek: d.getUTCDay(),
  };
}

/** A time's local date, clock times and weekday at a location, as working hours are compared with it. */
export interface LocalSpan {
  date: string;
  start: string;
  end: string;
  dayOfWeek: number;
}

/** The local span of `start`–`end` in `zone`; one that runs past local midnight ends at "24:00", outside every window. */
export function localSpan(start: Date, end: Date, zone: string): LocalSpan {
  const localStart = utcToLocal(start, zone);
  const localEnd = utcToLocal(end, zone);
  return {
    date: localStart.date,
    start: localStart.time,
    end: localEnd.date === localStart.date ? localEnd.time : '24:00',
    dayOfWeek: localStart.dayOfWeek,
  };
}

const DAY_MS = 86_400_000;

/**
 * Days from 1970-01-01 to a real `YYYY-MM-DD` date, NaN for anything else. Calendar steps need no
 * zone: the built-in proleptic-Gregorian UTC calendar (Date.UTC) is enough, and much cheaper than a
 * zoned library call on the slot search's hot path.
 */
function epochDay(date: string): number {
  const known = EPOCH_DAY.get(date);
  if (known !== undefined) return known;
  const day = computeEpochDay(date);
  if (!Number.isNaN(day)) remember(EPOCH_DAY, date, day);
  return day;
}

function computeEpochDay(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  // Date.UTC reads years 0–99 as 1900–1999: for those, count from 400 years later (one whole
  // Gregorian cycle, 146 097 days, so the same weekdays and leap years) and step back
  const ms = year < 100 ? Date.UTC(year + 400, month, day) - 146_097 * DAY_MS : Date.UTC(year, month, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== day) return NaN;
  return ms / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of days from 1970-01-01 (years 0–9999). */
function fromEpochDay(days: number): string {
  return utcCalendarDate(new Date(days * DAY_MS));
}

/** `YYYY-MM-DD` of a Date's UTC calendar fields (a local wall time once shifted by its offset). */
function utcCalendarDate(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * Slot search steps through the same few dates for every provider, thousands of times per request:
 * weekdays and next days are remembered (a bounded map, cleared when full).
 */
const WEEKDAY = new Map<string, number>();
const EPOCH_DAY = new Map<string, number>();
const NEXT_DAY = new Map<string, string>();
const ISO_DATE = new Map<number, string>();
const CALENDAR_MEMORY = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CALENDAR_MEMORY) map.clear();
  map.set(key, value);
  return value;
}

/** Day of week of a calendar date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const known = WEEKDAY.get(date);
  if (known !== undefined) return known;
  const day = epochDay(date);
  if (Number.isNaN(day)) throw new RangeError(`not a calendar date: ${date}`);
  // 1970-01-01 was a Thursday
  return remember(WEEKDAY, date, (((day + 4) % 7) + 7) % 7);
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  if (days === 1) {
    const known = NEXT_DAY.get(date);
    if (known !== undefined) return known;
  }
  const day = epochDay(date);
  if (Number.isNaN(day)) throw new RangeError(`not a calendar date: ${date}`);
  const result = fromEpochDay(day + days);
  return days === 1 ? remember(NEXT_DAY, date, result) : result;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = epochDay(from);
  const b = epochDay(to);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`not a calendar date: ${Number.isNaN(a) ? from : to}`);
  return b - a;
}

/**
 * The zone's offset from UTC in minutes at an instant. Remembered per zone and quarter hour when the
 * offset is the same at both ends of the quarter (a transition inside one is computed exactly):
 * reading a year of appointments converts each instant without a library call.
 */
export function offsetMinutes(ms: number, zone: string): number {
  let byQuarter = OFFSETS.get(zone);
  if (!byQuarter) OFFSETS.set(zone, (byQuarter = new Map()));
  const quarter = Math.floor(ms / QUARTER_MS);
  const known = byQuarter.get(quarter);
  if (known !== undefined) return known;
  const at = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const start = at(quarter * QUARTER_MS);
  if (start !== at((quarter + 1) * QUARTER_MS - 1)) return at(ms);
  if (byQuarter.size >= OFFSET_MEMORY) byQuarter.clear();
  byQuarter.set(quarter, start);
  return start;
}

const QUARTER_MS = 15 * 60_000;
const OFFSETS = new Map<string, Map<number, number>>();
const OFFSET_MEMORY = 200_000;

/** A stretch of time over which a zone keeps one offset: [from, until), RFC 3339 UTC instants. */
export interface OffsetRun {
  from: string;
  until: string;
  offsetMinutes: number;
}

/**
 * The zone's offsets over the given UTC calendar days (`YYYY-MM-DD`), as the runs of one offset that
 * cover every instant of each day: the date of an instant `t` of those days in the zone is the UTC date
 * of `t + offsetMinutes` of its run, exactly as utcToLocal gives it, DST history included. A run may span
 * days not given between two given ones with the same offset; a change of offset inside a day is found
 * to the millisecond. Each day's offset is read at its two ends, so like offsetMinutes (for a quarter
 * hour) this assumes a zone does not change its offset and change it back within one UTC day.
 * About two luxon calls per day, plus ~27 per change found: what a zone change of a location costs.
 */
export function offsetRunsOverDays(days: readonly string[], zone: string): OffsetRun[] {
  const at = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const runs: Array<{ from: number; until: number; offsetMinutes: number }> = [];
  const add = (from: number, until: number, offsetMinutes: number) => {
    if (until <= from) return;
    const last = runs[runs.length - 1];
    if (last && last.offsetMinutes === offsetMinutes && last.until <= from) last.until = until;
    else runs.push({ from, until, offsetMinutes });
  };
  const sorted = [...new Set(days)].sort();
  // a day's end is the next day's start: consecutive days share that reading
  let known: { at: number; offset: number } | null = null;
  for (const day of sorted) {
    if (!isValidDate(day)) throw new RangeError(`not a calendar date: ${day}`);
    let from = Date.parse(`${day}T00:00:00.000Z`);
    const end = from + DAY_MS;
    let offset = known?.at === from ? known.offset : at(from);
    const last = at(end);
    known = { at: end, offset: last };
    while (offset !== last) {
      // the first millisecond after `from` whose offset differs: at(lo) === offset, at(hi) !== offset
      let lo = from;
      let hi = end;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === offset) lo = mid;
        else hi = mid;
      }
      add(from, hi, offset);
      from = hi;
      offset = at(hi);
    }
    add(from, end, offset);
  }
  return runs.map((r) => ({ from: utcIso(r.from), until: utcIso(r.until), offsetMinutes: r.offsetMinutes }));
}

/** The local date, hour and weekday of an instant (ms since the epoch) in a zone. */
export function localDateHour(ms: number, zone: string): { date: string; hour: number; dayOfWeek: number } {
  const d = new Date(ms + offsetMinutes(ms, zone) * 60_000);
  return {
    date: utcCalendarDate(d),
    hour: d.getUTCHours(),
    dayOfWeek: d.getUTCDay(),
  };
}

/** Today's date in a zone. */
export function localDate(instant: Date, zone: string): string {
  return utcToLocal(instant, zone).date;
}

/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z, ms */
const FIRST_ISO_MS = -62_167_219_200_000;
const END_ISO_MS = 253_402_300_800_000;
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/**
 * What `new Date(ms).toISOString()` writes (`YYYY-MM-DDTHH:MM:SS.sssZ`), several times faster: slot
 * search writes two per slot returned. Dates are remembered by day.
 */
export function utcIso(ms: number): string {
  if (!(ms >= FIRST_ISO_MS && ms < END_ISO_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let date = ISO_DATE.get(days);
  if (date === undefined) date = remember(ISO_DATE, days, fromEpochDay(days));
  const inDay = ms - days * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  return `${date}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(inDay % 1000)}Z`;
}
