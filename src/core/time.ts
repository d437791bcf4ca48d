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

/** A real calendar date in `YYYY-MM-DD`. */
export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  return DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** A clock time in `HH:MM` (00:00 to 23:59). */
export function isValidClockTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** Minutes since midnight of an `HH:MM` clock time. */
export function minutesOfDay(time: string): number {
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
  const local = DateTime.fromJSDate(instant, { zone });
  return {
    date: local.toFormat('yyyy-MM-dd'),
    time: local.toFormat('HH:mm'),
    dayOfWeek: local.weekday % 7,
  };
}

/** Day of week of a calendar date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const day = epochDay(date);
  // 1970-01-01 was a Thursday; a date that is not real (2026-02-30) keeps luxon's answer
  if (!Number.isNaN(day) && fromEpochDay(day) === date) return (((day + 4) % 7) + 7) % 7;
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday % 7;
}

/**
 * Days from 1970-01-01 to a `YYYY-MM-DD` date (years 1000–9999), NaN for anything else. Plain
 * proleptic-Gregorian arithmetic (H. Hinnant's days_from_civil): calendar steps on hot paths need no
 * zone and no library call.
 */
function epochDay(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) year = year * 10 + digit(date, i);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  if (!(year >= 1000) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31)) return NaN;
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The decimal digit at `i`, NaN if there is none. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** `YYYY-MM-DD` of days from 1970-01-01 (civil_from_days). */
function fromEpochDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const day = epochDay(date);
  // a real date survives the round trip (2026-02-30 does not, and keeps luxon's answer)
  if (!Number.isNaN(day) && fromEpochDay(day) === date) {
    const out = fromEpochDay(day + days);
    if (out.length === 10) return out;
  }
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd');
}

/** Today's date in a zone. */
export function localDate(instant: Date, zone: string): string {
  return utcToLocal(instant, zone).date;
}
