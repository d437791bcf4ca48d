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
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) throw new RangeError(`invalid local time ${date} ${time} in ${zone}`);
  return local.toJSDate();
}

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
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday % 7;
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd');
}

/** Today's date in a zone. */
export function localDate(instant: Date, zone: string): string {
  return utcToLocal(instant, zone).date;
}
