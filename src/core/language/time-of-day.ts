/**
 * The clock arithmetic behind RULES.md's time table, in minutes since local midnight. Pure and free of
 * words: a locale's parsers recognise "fim da tarde" and ask here for its window.
 */
import type { DayPeriod } from '../model';
import { PERIOD_MINUTES, SMALL_HOURS_MINUTES } from '../periods';

/** Parts of the day a phrase can name: the three periods, and the narrower windows inside them. */
export const DAY_PARTS = ['manha', 'tarde', 'noite', 'early-morning', 'late-morning', 'early-afternoon', 'late-afternoon', 'lunch', 'small-hours'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

export interface DayPartWindow {
  /** the period the window lies in; null for lunch time, which straddles noon, and the small hours, before any */
  period: DayPeriod | null;
  /** [from, to) in minutes since midnight */
  from: number;
  to: number;
}

const hours = (h: number) => h * 60;

export const DAY_PART_WINDOWS: Record<DayPart, DayPartWindow> = {
  manha: { period: 'manha', from: PERIOD_MINUTES.manha[0], to: PERIOD_MINUTES.manha[1] },
  tarde: { period: 'tarde', from: PERIOD_MINUTES.tarde[0], to: PERIOD_MINUTES.tarde[1] },
  noite: { period: 'noite', from: PERIOD_MINUTES.noite[0], to: PERIOD_MINUTES.noite[1] },
  'early-morning': { period: 'manha', from: hours(6), to: hours(9) },
  'late-morning': { period: 'manha', from: hours(10), to: hours(12) },
  'early-afternoon': { period: 'tarde', from: hours(12), to: hours(15) },
  'late-afternoon': { period: 'tarde', from: hours(16), to: hours(18) },
  lunch: { period: null, from: hours(12), to: hours(14) },
  'small-hours': { period: null, from: SMALL_HOURS_MINUTES[0], to: SMALL_HOURS_MINUTES[1] },
};

/** "depois das 15h" runs to the end of the evening period; "antes das 10" from the start of the morning. */
export const OPEN_RANGE_END = PERIOD_MINUTES.noite[1];
export const OPEN_RANGE_START = PERIOD_MINUTES.manha[0];

/** A bare hour 1–6 with no period means the afternoon: nobody books a 3 a.m. visit ("às 3" → 15:00). */
export function bareHour(hour: number): number {
  return hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

/** An hour said with a period: "2 da tarde" → 14, "9 da noite" → 21, "8 da manhã" → 8. */
export function hourInPeriod(hour: number, period: DayPeriod): number {
  return period !== 'manha' && hour >= 1 && hour <= 11 ? hour + 12 : hour;
}

/** An hour said with the small hours: "3 da madrugada" → 3, "12 da madrugada" → 0 (midnight). */
export function hourInSmallHours(hour: number): number {
  return hour === 12 ? 0 : hour;
}
