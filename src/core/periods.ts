/**
 * The periods of the day patients ask for (CONTRACT.md): manhã 06:00–12:00, tarde 12:00–18:00,
 * noite 18:00–22:00, local time, end exclusive. One definition for slot scoring, the waitlist and the
 * language layer.
 */
import { DAY_PERIODS, type DayPeriod } from './model';
import { minutesOfDay } from './time';

/** Local clock ranges [from, to) in minutes since midnight. */
export const PERIOD_MINUTES: Record<DayPeriod, readonly [number, number]> = {
  manha: [6 * 60, 12 * 60],
  tarde: [12 * 60, 18 * 60],
  noite: [18 * 60, 22 * 60],
};

/**
 * Madrugada, the small hours before the morning period: 00:00–06:00. Not one of the periods (CONTRACT.md
 * names three, and clinics are closed then): the language layer reads "de madrugada" as this clock range.
 */
export const SMALL_HOURS_MINUTES: readonly [number, number] = [0, PERIOD_MINUTES.manha[0]];

/** The period of a local `HH:MM`, or null outside 06:00–22:00. */
export function periodOf(time: string): DayPeriod | null {
  const minutes = minutesOfDay(time);
  return DAY_PERIODS.find((p) => minutes >= PERIOD_MINUTES[p][0] && minutes < PERIOD_MINUTES[p][1]) ?? null;
}

/** A period as a client may write it: any case, with or without the tilde ("Manhã" → "manha"); else null. */
export function parsePeriod(value: string): DayPeriod | null {
  const plain = value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  return (DAY_PERIODS as readonly string[]).includes(plain) ? (plain as DayPeriod) : null;
}
