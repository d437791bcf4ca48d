/**
 * How good a free slot is for the asker: a number in [0, 1], higher is better. Pure arithmetic on
 * what slot search already knows; the API documents the same formula (SCORE_FORMULA is quoted in the
 * OpenAPI description of GET /slots, and a test checks this comment and that constant agree).
 *
 * score = 0.35·D + 0.15·L + 0.20·C + 0.30·P, rounded to 4 decimals, where
 * D (earlier days) = 1 − (days from date_from to the slot's local date) / (days from date_from to date_to), or 1 when the range is one day;
 * L (primary location) = 1 when the slot is at the provider's primary location or the provider has none, else 0;
 * C (spare capacity) = of the provider's slot positions on that local date at every location, whatever `location_id` says (same type and duration, not yet past), the share still free;
 * P (preference) = with `period` (manha 06:00–12:00, tarde 12:00–18:00, noite 18:00–22:00, local): 1 when the slot starts inside it, else 0.5·max(0, 1 − d/360) with d the minutes from the start to the period; with `time`: max(0, 1 − |start − time| / 240) in minutes; with both, their mean; with neither, 1.
 * Results are ordered by score (descending), then start time, then provider id, then location id.
 */
import type { DayPeriod } from '../model';
import { PERIOD_MINUTES } from '../periods';

export const SCORE_WEIGHTS = { day: 0.35, primary: 0.15, spare: 0.2, preference: 0.3 } as const;

/** The formula as the API documents it, line for line the same as the comment above. */
export const SCORE_FORMULA = [
  'score = 0.35·D + 0.15·L + 0.20·C + 0.30·P, rounded to 4 decimals, where',
  "D (earlier days) = 1 − (days from date_from to the slot's local date) / (days from date_from to date_to), or 1 when the range is one day;",
  "L (primary location) = 1 when the slot is at the provider's primary location or the provider has none, else 0;",
  "C (spare capacity) = of the provider's slot positions on that local date at every location, whatever `location_id` says (same type and duration, not yet past), the share still free;",
  'P (preference) = with `period` (manha 06:00–12:00, tarde 12:00–18:00, noite 18:00–22:00, local): 1 when the slot starts inside it, else 0.5·max(0, 1 − d/360) with d the minutes from the start to the period; with `time`: max(0, 1 − |start − time| / 240) in minutes; with both, their mean; with neither, 1.',
  'Results are ordered by score (descending), then start time, then provider id, then location id.',
];

/** How far (minutes) from an asked time a start still gets some of the time preference: beyond, none. */
export const TIME_PREFERENCE_REACH_MINUTES = 240;

/** What the patient asked for beyond the range; both optional. */
export interface Preference {
  period?: DayPeriod;
  /** minutes since local midnight */
  time?: number;
}

/** P: how well a slot starting at `startMinutes` (local) fits the preference. */
export function preferenceFit(startMinutes: number, pref: Preference): number {
  const parts: number[] = [];
  if (pref.period !== undefined) {
    const [from, to] = PERIOD_MINUTES[pref.period];
    if (startMinutes >= from && startMinutes < to) parts.push(1);
    else {
      const d = startMinutes < from ? from - startMinutes : startMinutes - to;
      parts.push(0.5 * Math.max(0, 1 - d / 360));
    }
  }
  if (pref.time !== undefined) parts.push(Math.max(0, 1 - Math.abs(startMinutes - pref.time) / TIME_PREFERENCE_REACH_MINUTES));
  if (parts.length === 0) return 1;
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}

/**
 * The most preferenceFit gives any start from `first` to `last` (local minutes): each preference at
 * its best point of the stretch (it falls away from the period or the time on both sides).
 */
export function bestPreferenceFit(first: number, last: number, pref: Preference): number {
  const parts: number[] = [];
  if (pref.period !== undefined) {
    const [from, to] = PERIOD_MINUTES[pref.period];
    const best = last < from ? last : first >= to ? first : Math.max(first, from);
    parts.push(preferenceFit(best, { period: pref.period }));
  }
  if (pref.time !== undefined) parts.push(preferenceFit(Math.min(last, Math.max(first, pref.time)), { time: pref.time }));
  if (parts.length === 0) return 1;
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}

/** D: 1 on date_from, falling linearly to 0 on date_to. */
export function dayFit(dayOffset: number, spanDays: number): number {
  return spanDays <= 0 ? 1 : Math.max(0, Math.min(1, 1 - dayOffset / spanDays));
}

export interface ScoreInput {
  /** whole days from date_from to the slot's local date */
  dayOffset: number;
  /** whole days from date_from to date_to */
  spanDays: number;
  /** at the provider's primary location (or the provider has none) */
  atPrimary: boolean;
  /** share of that day's slot positions still free, in [0, 1] */
  spare: number;
  /** local start, minutes since midnight */
  startMinutes: number;
  preference: Preference;
}

/** The formula above, rounded to 4 decimals. */
export function scoreSlot(input: ScoreInput): number {
  const raw =
    SCORE_WEIGHTS.day * dayFit(input.dayOffset, input.spanDays) +
    SCORE_WEIGHTS.primary * (input.atPrimary ? 1 : 0) +
    SCORE_WEIGHTS.spare * Math.max(0, Math.min(1, input.spare)) +
    SCORE_WEIGHTS.preference * preferenceFit(input.startMinutes, input.preference);
  return roundScore(raw);
}

export function roundScore(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * 10_000) / 10_000;
}
