/**
 * When an appointment's reminder goes out: on the eve of its local date, from REMINDER_TIME until
 * REMINDER_LAST_TIME at its location (the booking's reply promises "um lembrete na véspera"). Pure.
 *
 * - An appointment booked shortly before (or after) the eve's reminder time is reminded at least
 *   REMINDER_AFTER_BOOKING_MS after its booking, so that the reminder does not follow the booking's own
 *   reply at once; one booked on the eve too late for that (after 18:00) gets none.
 * - A reminder that could not go out by the end of the eve (the server was down, the patient was busy
 *   in a conversation all evening) is not sent later: a message at night, or on the day itself, would
 *   not be the reminder that was promised.
 */
import { addDays, localDate, localToUtc } from './time';

export const APPOINTMENT_REMINDER_KIND = 'appointment_reminder';

/** The local time on the eve before which no reminder is sent. */
export const DEFAULT_REMINDER_TIME = '10:00';
/** The least time between a booking and its reminder. */
export const REMINDER_AFTER_BOOKING_MS = 2 * 3_600_000;
/** The local time on the eve after which no reminder is sent any more. */
export const REMINDER_LAST_TIME = '20:00';
/**
 * Where the appointments due for a reminder now may start, from now: a reminder goes out on the eve of
 * the local day the appointment is on, so between the end of its sending window (the next day begins
 * four hours after REMINDER_LAST_TIME) and a day and a half after the earliest REMINDER_TIME allowed
 * (06:00; a day begins at most 25 hours after, across a DST change), with an hour to spare each side.
 */
export const REMINDER_EARLIEST_START_MS = 3 * 3_600_000;
export const REMINDER_LATEST_START_MS = 44 * 3_600_000;
/** The earliest and latest REMINDER_TIME a clinic may choose (local HH:MM). */
export const REMINDER_TIME_RANGE = ['06:00', '19:00'] as const;

/** One reminder per appointment, whichever process plans it. */
export function reminderKey(appointmentId: string): string {
  return `${APPOINTMENT_REMINDER_KIND}:${appointmentId}`;
}

export interface ReminderCandidate {
  /** UTC */
  start_time: string;
  /** UTC: when it was booked */
  created_at: string;
  /** its location's IANA zone */
  timezone: string;
}

/** The eve's window, UTC instants: from `reminderTime` to REMINDER_LAST_TIME local, the day before the local date of the start. */
export function reminderWindow(candidate: Pick<ReminderCandidate, 'start_time' | 'timezone'>, reminderTime: string): { from: Date; until: Date } {
  const eve = addDays(localDate(new Date(candidate.start_time), candidate.timezone), -1);
  return { from: localToUtc(eve, reminderTime, candidate.timezone), until: localToUtc(eve, REMINDER_LAST_TIME, candidate.timezone) };
}

/**
 * The window when the appointment's reminder is due at `now` (from the reminder time, or from
 * REMINDER_AFTER_BOOKING_MS after a booking made later, until REMINDER_LAST_TIME); null when it is not
 * due (not yet, not any more, or not at all).
 */
export function dueReminder(candidate: ReminderCandidate, now: Date, reminderTime: string): { from: Date; until: Date } | null {
  const window = reminderWindow(candidate, reminderTime);
  const from = Math.max(window.from.getTime(), Date.parse(candidate.created_at) + REMINDER_AFTER_BOOKING_MS);
  const at = now.getTime();
  if (at < from || at >= window.until.getTime()) return null;
  return { from: new Date(from), until: window.until };
}
