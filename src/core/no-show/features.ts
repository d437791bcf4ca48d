/**
 * No-show features: what is known about an appointment at the moment it is scored, and nothing else.
 *
 * - From the schedule: lead time in whole local days between booking and start (and same-day
 *   booking), the local weekday and period of the start (in the location's zone), the patient's age
 *   on the appointment's date (from `birth_date`; bands, and a piecewise-linear spline with knots at
 *   AGE_KNOTS_YEARS), the appointment type, its specialty, the booking channel (`source`), the
 *   location, and the local hour the booking was made.
 * - From the patient's bookings made at or before this one (any status: they are known when this
 *   one is booked): days since the previous booking, and other appointments (on other days) booked
 *   the same local day.
 * - From the patient's history, counted over outcomes (completed, no_show) on STRICTLY EARLIER local
 *   days: prior visits, prior no-shows, a smoothed no-show rate (noshows + 1) / (outcomes + 5) (a
 *   prior mean of 20%), whether the last outcome was a no-show, days since the last one, first visit;
 *   how far no-shows (and visits) stack on the same days, ln(1 + no-shows) − ln(1 + days with a
 *   no-show) (0 when each day had one appointment): the counts above weigh a day of three
 *   appointments three times, and this lets the fit weigh days and appointments apart; and the
 *   no-shows since this appointment was booked (on days after its booking day and before its own:
 *   missing another appointment meanwhile, with this one still booked, weighs more).
 *   An outcome on the appointment's own day or later never enters its features: a patient's other
 *   appointment that morning may already be marked, but in training such an outcome would tell the
 *   answer (people who miss one appointment of a day usually miss all of them).
 *
 * - Interactions the data shows (bench/no-show.ts): lead time × age (under 18, 18–39, 60 and over),
 *   lead time × the smoothed no-show rate, lead time × first visit; and for same-day bookings (a
 *   third of the Kaggle file, with a no-show rate of 5% against 28%), same day × the smoothed rate,
 *   × first visit, and × weekday (its own one-hot levels).
 *
 * Features are grouped into factors (`FactorGroup`), the units `risk_factors` explain a score in.
 * Everything here is pure: callers bring facts in (src/core/no-show/service.ts from the database,
 * bench/no-show.ts from the Kaggle file).
 */
import { daysBetween } from '../time';

export type Outcome = 'completed' | 'no_show';

/** What the schedule says about one appointment, in its location's local time. */
export interface AppointmentFacts {
  id: string;
  /** any stable key of the patient */
  patient: string;
  /** local date of the start, YYYY-MM-DD */
  date: string;
  /** local date on which it was booked */
  bookedDate: string;
  /** 0 = Sunday … 6 = Saturday, of `date` */
  weekday: number;
  /** local hour of the start, 0–23; null when unknown */
  hour: number | null;
  /** the booking instant (ms since the epoch): orders a patient's bookings */
  bookedAt: number;
  /** local hour of the booking, 0–23; null when unknown */
  bookedHour: number | null;
  /** whole years on `date`; null when unknown */
  age: number | null;
  /** categorical keys (ids or names); null when unknown */
  type: string | null;
  specialty: string | null;
  channel: string | null;
  location: string | null;
}

/** A patient's outcomes before some day (and, of those, the ones after an appointment's booking day). */
export interface PatientHistory {
  /** completed appointments */
  visits: number;
  noShows: number;
  /** distinct local days with at least one completed appointment */
  visitDays: number;
  /** distinct local days with at least one no-show */
  noShowDays: number;
  /** local date of the latest outcome; null when none */
  lastDate: string | null;
  /** the latest day's outcomes included a no-show */
  lastNoShow: boolean;
  /** no-shows on days after the local day this appointment was booked (missed since it was booked) */
  noShowsSinceBooked: number;
}

export const NO_HISTORY: PatientHistory = {
  visits: 0,
  noShows: 0,
  visitDays: 0,
  noShowDays: 0,
  lastDate: null,
  lastNoShow: false,
  noShowsSinceBooked: 0,
};

/** A patient's other bookings made at or before this one's booking instant (any status). */
export interface BookingHistory {
  /** whole local days from the latest of them to this booking; null when none */
  daysSinceLastBooking: number | null;
  /** those booked the same local day for another day */
  otherBookingsSameDay: number;
}

export const NO_BOOKINGS: BookingHistory = { daysSinceLastBooking: null, otherBookingsSameDay: 0 };

/** The smoothed no-show rate: (noshows + A) / (outcomes + A + B), a prior of A / (A + B) = 20% worth 5 outcomes. */
export const RATE_PRIOR = { a: 1, b: 4 } as const;

export function smoothedNoShowRate(h: PatientHistory): number {
  return (h.noShows + RATE_PRIOR.a) / (h.visits + h.noShows + RATE_PRIOR.a + RATE_PRIOR.b);
}

export const FACTOR_GROUPS = [
  'lead_time',
  'weekday',
  'time_of_day',
  'age',
  'first_visit',
  'no_show_history',
  'visit_history',
  'days_since_last_visit',
  'appointment_type',
  'specialty',
  'booking_channel',
  'location',
  'booking_history',
  'booking_time',
] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];

export const NUMERIC_FEATURES = [
  'lead_days_log',
  'same_day',
  'first_visit',
  'prior_visits_log',
  'prior_no_shows_log',
  'no_show_rate',
  'last_was_no_show',
  'days_since_last_log',
  'lead_x_no_show_rate',
  'lead_x_first_visit',
  'lead_x_minor',
  'lead_x_young_adult',
  'lead_x_senior',
  'days_since_last_booking_log',
  'other_bookings_same_day_log',
  'stacked_no_shows_log',
  'stacked_visits_log',
  'same_day_x_no_show_rate',
  'same_day_x_first_visit',
  'no_shows_since_booked_log',
  // piecewise-linear age (AGE_KNOTS_YEARS): one column per knot
  'age_spline_0y',
  'age_spline_10y',
  'age_spline_18y',
  'age_spline_30y',
  'age_spline_45y',
  'age_spline_60y',
  'age_spline_75y',
  'age_spline_100y',
] as const;
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];

export const CATEGORICAL_FEATURES = [
  'lead_band',
  'weekday',
  'same_day_weekday',
  'time_of_day',
  'age_band',
  'booking_period',
  'appointment_type',
  'specialty',
  'channel',
  'location',
] as const;
export type CategoricalFeature = (typeof CATEGORICAL_FEATURES)[number];

export type Feature = NumericFeature | CategoricalFeature;

export const FEATURE_GROUP: Record<Feature, FactorGroup> = {
  lead_days_log: 'lead_time',
  same_day: 'lead_time',
  lead_band: 'lead_time',
  weekday: 'weekday',
  time_of_day: 'time_of_day',
  age_band: 'age',
  first_visit: 'first_visit',
  prior_no_shows_log: 'no_show_history',
  no_show_rate: 'no_show_history',
  last_was_no_show: 'no_show_history',
  prior_visits_log: 'visit_history',
  stacked_no_shows_log: 'no_show_history',
  stacked_visits_log: 'visit_history',
  days_since_last_log: 'days_since_last_visit',
  // an interaction counts toward the factor it qualifies: how much history or age matter grows with the lead time
  lead_x_no_show_rate: 'no_show_history',
  lead_x_first_visit: 'first_visit',
  same_day_x_no_show_rate: 'no_show_history',
  same_day_x_first_visit: 'first_visit',
  no_shows_since_booked_log: 'no_show_history',
  same_day_weekday: 'weekday',
  age_spline_0y: 'age',
  age_spline_10y: 'age',
  age_spline_18y: 'age',
  age_spline_30y: 'age',
  age_spline_45y: 'age',
  age_spline_60y: 'age',
  age_spline_75y: 'age',
  age_spline_100y: 'age',
  lead_x_minor: 'age',
  lead_x_young_adult: 'age',
  lead_x_senior: 'age',
  days_since_last_booking_log: 'booking_history',
  other_bookings_same_day_log: 'booking_history',
  booking_period: 'booking_time',
  appointment_type: 'appointment_type',
  specialty: 'specialty',
  channel: 'booking_channel',
  location: 'location',
};

/** Knots of the age spline, in years: its `age_spline_<k>y` columns. */
export const AGE_KNOTS_YEARS = [0, 10, 18, 30, 45, 60, 75, 100] as const;

/**
 * A piecewise-linear ("hat") basis: one value per knot, at most two of them non-zero, so that
 * Σ coefficient × value draws straight lines between the knots' coefficients (the fit learns the
 * curve's height at each knot). Below the first knot all are 0 (the caller's other features cover
 * that range, like the unknown-age band); from the last knot on, the last is 1.
 */
export function hatBasis(x: number | null, knots: readonly number[]): number[] {
  const at = hatPosition(x, knots);
  return knots.map((_, j) => hatValue(at, j));
}

/** Where x falls among the knots, as k + t: between knot k and k + 1, t of the way; −1 below the first. */
function hatPosition(x: number | null, knots: readonly number[]): number {
  if (x === null || !(x >= knots[0]!)) return -1;
  const last = knots.length - 1;
  if (x >= knots[last]!) return last;
  let k = 0;
  while (x >= knots[k + 1]!) k++;
  return k + (x - knots[k]!) / (knots[k + 1]! - knots[k]!);
}

/** The j-th hat function's value at a hatPosition. */
function hatValue(at: number, j: number): number {
  if (at < 0) return 0;
  const k = Math.floor(at);
  const t = at - k;
  return j === k ? 1 - t : j === k + 1 ? t : 0;
}

/** One appointment's feature values: numeric in NUMERIC_FEATURES order, categorical in CATEGORICAL_FEATURES order. */
export interface FeatureRow {
  numeric: number[];
  /** null: no level (unknown) */
  categorical: Array<string | null>;
}

/** Whole years from `birthDate` to `date` (both YYYY-MM-DD); null when unknown or not plausible. */
export function ageOn(birthDate: string | null, date: string): number | null {
  if (!birthDate || birthDate.length !== 10) return null;
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const age = date.slice(5) < birthDate.slice(5) ? years - 1 : years;
  return Number.isFinite(age) && age >= 0 && age <= 120 ? age : null;
}

/** Lead-time bands in whole days: 0 (same day), 1–2, 3–7, 8–14, 15–30, 31–60, 61+. */
export function leadBand(days: number): string {
  if (days <= 0) return '0';
  if (days <= 2) return '1-2';
  if (days <= 7) return '3-7';
  if (days <= 14) return '8-14';
  if (days <= 30) return '15-30';
  if (days <= 60) return '31-60';
  return '61+';
}

/** Age bands in years; `unknown` without a birth date. */
export function ageBand(age: number | null): string {
  if (age === null) return 'unknown';
  const bounds: Array<[number, string]> = [
    [5, '0-5'],
    [12, '6-12'],
    [17, '13-17'],
    [24, '18-24'],
    [34, '25-34'],
    [44, '35-44'],
    [54, '45-54'],
    [64, '55-64'],
    [74, '65-74'],
  ];
  for (const [upTo, band] of bounds) if (age <= upTo) return band;
  return '75+';
}

/** The period of a local hour: manha 06–12, tarde 12–18, noite 18–22, else `outro` (src/core/periods.ts). */
export function timeOfDay(hour: number | null): string | null {
  if (hour === null) return null;
  if (hour >= 6 && hour < 12) return 'manha';
  if (hour >= 12 && hour < 18) return 'tarde';
  if (hour >= 18 && hour < 22) return 'noite';
  return 'outro';
}

/** The local hour a booking was made, in bands: 00-08, 09-11, 12-14, 15-23. */
export function bookingPeriod(hour: number | null): string | null {
  if (hour === null) return null;
  if (hour < 9) return '00-08';
  if (hour < 12) return '09-11';
  if (hour < 15) return '12-14';
  return '15-23';
}

/** Lead time in whole local calendar days, never negative. */
export function leadDays(facts: Pick<AppointmentFacts, 'bookedDate' | 'date'>): number {
  return Math.max(0, daysBetween(facts.bookedDate, facts.date));
}

const WEEKDAY_KEYS = ['0', '1', '2', '3', '4', '5', '6'];

export function featureRow(facts: AppointmentFacts, history: PatientHistory, bookings: BookingHistory = NO_BOOKINGS): FeatureRow {
  const lead = leadDays(facts);
  const leadLog = Math.log1p(lead);
  const sameDay = lead === 0 ? 1 : 0;
  const first = history.visits + history.noShows === 0 ? 1 : 0;
  const rate = smoothedNoShowRate(history);
  const sinceLast = history.lastDate === null ? 0 : Math.max(0, daysBetween(history.lastDate, facts.date));
  const age = facts.age;
  const weekday = WEEKDAY_KEYS[facts.weekday] ?? String(facts.weekday);
  const agePosition = hatPosition(age, AGE_KNOTS_YEARS);
  const numeric = [
    leadLog,
    sameDay,
    first,
    Math.log1p(history.visits),
    Math.log1p(history.noShows),
    rate,
    history.lastNoShow ? 1 : 0,
    Math.log1p(sinceLast),
    leadLog * rate,
    leadLog * first,
    age !== null && age < 18 ? leadLog : 0,
    age !== null && age >= 18 && age < 40 ? leadLog : 0,
    age !== null && age >= 60 ? leadLog : 0,
    Math.log1p(bookings.daysSinceLastBooking ?? 0),
    Math.log1p(bookings.otherBookingsSameDay),
    Math.log1p(history.noShows) - Math.log1p(history.noShowDays),
    Math.log1p(history.visits) - Math.log1p(history.visitDays),
    sameDay * rate,
    sameDay * first,
    Math.log1p(history.noShowsSinceBooked),
    // AGE_KNOTS_YEARS, one column per knot (written out: one array literal, no copies)
    hatValue(agePosition, 0),
    hatValue(agePosition, 1),
    hatValue(agePosition, 2),
    hatValue(agePosition, 3),
    hatValue(agePosition, 4),
    hatValue(agePosition, 5),
    hatValue(agePosition, 6),
    hatValue(agePosition, 7),
  ];
  return {
    numeric,
    categorical: [
      leadBand(lead),
      weekday,
      sameDay ? weekday : null,
      timeOfDay(facts.hour),
      ageBand(facts.age),
      bookingPeriod(facts.bookedHour),
      facts.type,
      facts.specialty,
      facts.channel,
      facts.location,
    ],
  };
}

/**
 * A patient's history before `date`, from their outcomes (any order); outcomes on `date` or later are
 * ignored. `bookedDate`: the local day the appointment was booked (for noShowsSinceBooked).
 */
export function historyBefore(outcomes: ReadonlyArray<{ date: string; outcome: Outcome }>, date: string, bookedDate: string): PatientHistory {
  let visits = 0;
  let noShows = 0;
  let noShowsSinceBooked = 0;
  let lastDate: string | null = null;
  let lastNoShow = false;
  const visitDates = new Set<string>();
  const noShowDates = new Set<string>();
  for (const o of outcomes) {
    if (o.date >= date) continue;
    if (o.outcome === 'no_show') {
      noShows++;
      noShowDates.add(o.date);
      if (o.date > bookedDate) noShowsSinceBooked++;
    } else {
      visits++;
      visitDates.add(o.date);
    }
    if (lastDate === null || o.date > lastDate) {
      lastDate = o.date;
      lastNoShow = o.outcome === 'no_show';
    } else if (o.date === lastDate && o.outcome === 'no_show') {
      lastNoShow = true;
    }
  }
  return { visits, noShows, visitDays: visitDates.size, noShowDays: noShowDates.size, lastDate, lastNoShow, noShowsSinceBooked };
}

/** Whole days from 1970-01-01 (calendar dates compare and subtract as integers). */
const dayNumber = (date: string) => daysBetween('1970-01-01', date);

/**
 * Row indices grouped by patient (each group in ascending `key`, ties in input order), with the
 * groups' bounds: group g is order[starts[g]] … order[starts[g + 1] − 1]. A counting sort by
 * patient, then a sort inside each group (a patient has few rows): O(n + Σ k log k).
 */
function groupByPatient(patients: readonly string[], key: ArrayLike<number>): { order: Int32Array; starts: Int32Array } {
  const ids = new Map<string, number>();
  const patientOf = new Int32Array(patients.length);
  const sizes: number[] = [];
  patients.forEach((p, i) => {
    let id = ids.get(p);
    if (id === undefined) {
      ids.set(p, (id = ids.size));
      sizes.push(0);
    }
    patientOf[i] = id;
    sizes[id]!++;
  });
  const starts = new Int32Array(sizes.length + 1);
  for (let g = 0; g < sizes.length; g++) starts[g + 1] = starts[g]! + sizes[g]!;
  const fill = starts.slice(0, sizes.length);
  const order = new Int32Array(patients.length);
  for (let i = 0; i < patients.length; i++) order[fill[patientOf[i]!]!++] = i;
  const before = (a: number, b: number) => key[a]! < key[b]! || (key[a] === key[b] && a < b);
  for (let g = 0; g < sizes.length; g++) {
    const from = starts[g]!;
    const to = starts[g + 1]!;
    if (to - from > 32) {
      const sorted = Array.from(order.subarray(from, to)).sort((a, b) => key[a]! - key[b]! || a - b);
      order.set(sorted, from);
      continue;
    }
    // insertion sort: most patients have a handful of rows
    for (let i = from + 1; i < to; i++) {
      const v = order[i]!;
      let j = i - 1;
      while (j >= from && before(v, order[j]!)) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = v;
    }
  }
  return { order, starts };
}

/**
 * Each row's history from the other rows of the same patient on strictly earlier dates, for a whole
 * training set at once (O(n log n)). `rows[i].outcome` null: the row adds nothing to later histories.
 */
export function historiesOf(
  rows: ReadonlyArray<{ patient: string; date: string; bookedDate: string; outcome: Outcome | null }>,
): PatientHistory[] {
  const day = Float64Array.from(rows, (r) => dayNumber(r.date));
  const { order, starts } = groupByPatient(
    rows.map((r) => r.patient),
    day,
  );
  const out: PatientHistory[] = new Array(rows.length);
  // the current patient's days with outcomes so far, and the no-shows up to and including each
  const days: number[] = [];
  const noShowsThrough: number[] = [];
  for (let g = 0; g + 1 < starts.length; g++) {
    const groupEnd = starts[g + 1]!;
    let h: PatientHistory = NO_HISTORY;
    days.length = 0;
    noShowsThrough.length = 0;
    let k = starts[g]!;
    while (k < groupEnd) {
      const date = day[order[k]!]!;
      let end = k;
      while (end < groupEnd && day[order[end]!] === date) end++;
      // every row of this day sees the history of earlier days only
      for (let i = k; i < end; i++) {
        const row = rows[order[i]!]!;
        const since = h.noShows === 0 ? 0 : h.noShows - noShowsUpTo(days, noShowsThrough, dayNumber(row.bookedDate));
        out[order[i]!] = since > 0 ? { ...h, noShowsSinceBooked: since } : h;
      }
      let { visits, noShows } = h;
      let anyVisit = false;
      let anyNoShow = false;
      for (let i = k; i < end; i++) {
        const outcome = rows[order[i]!]!.outcome;
        if (outcome === null) continue;
        if (outcome === 'no_show') {
          noShows++;
          anyNoShow = true;
        } else {
          visits++;
          anyVisit = true;
        }
      }
      if (anyVisit || anyNoShow) {
        h = {
          visits,
          noShows,
          visitDays: h.visitDays + (anyVisit ? 1 : 0),
          noShowDays: h.noShowDays + (anyNoShow ? 1 : 0),
          lastDate: rows[order[k]!]!.date,
          lastNoShow: anyNoShow,
          noShowsSinceBooked: 0,
        };
        days.push(date);
        noShowsThrough.push(noShows);
      }
      k = end;
    }
  }
  return out;
}

/** No-shows on days up to and including `day`, from ascending `days` and their running totals. */
function noShowsUpTo(days: readonly number[], noShowsThrough: readonly number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : noShowsThrough[lo - 1]!;
}

export interface BookingRecord {
  patient: string;
  bookedAt: number;
  bookedDate: string;
  /** the appointment's local date */
  date: string;
}

/** One appointment's booking history among `others` (the same patient's other bookings, any order; itself excluded by the caller). */
export function bookingHistoryOf(target: BookingRecord, others: readonly BookingRecord[]): BookingHistory {
  let last: BookingRecord | null = null;
  let sameDay = 0;
  for (const o of others) {
    if (o.bookedAt > target.bookedAt) continue;
    if (last === null || o.bookedAt > last.bookedAt) last = o;
    if (o.bookedDate === target.bookedDate && o.date !== target.date) sameDay++;
  }
  return {
    daysSinceLastBooking: last === null ? null : Math.max(0, daysBetween(last.bookedDate, target.bookedDate)),
    otherBookingsSameDay: sameDay,
  };
}

/**
 * bookingHistoryOf for every row at once, each against the other rows of its patient: O(n + Σ k²)
 * for patients of k bookings (a scan of the patient's earlier bookings per booking; k is small).
 */
export function bookingHistoriesOf(rows: readonly BookingRecord[]): BookingHistory[] {
  const bookedDay = Float64Array.from(rows, (r) => dayNumber(r.bookedDate));
  const day = Float64Array.from(rows, (r) => dayNumber(r.date));
  const { order, starts } = groupByPatient(
    rows.map((r) => r.patient),
    Float64Array.from(rows, (r) => r.bookedAt),
  );
  const out: BookingHistory[] = new Array(rows.length);
  for (let g = 0; g + 1 < starts.length; g++) {
    const groupStart = starts[g]!;
    const groupEnd = starts[g + 1]!;
    let k = groupStart;
    while (k < groupEnd) {
      const at = rows[order[k]!]!.bookedAt;
      let end = k;
      while (end < groupEnd && rows[order[end]!]!.bookedAt === at) end++;
      // a group booked at the same instant sees itself and everything before
      for (let i = k; i < end; i++) {
        const r = order[i]!;
        let sameDay = 0;
        for (let m = groupStart; m < end; m++) {
          const o = order[m]!;
          if (bookedDay[o] === bookedDay[r] && day[o] !== day[r]) sameDay++;
        }
        const last = end - k > 1 ? r : k > groupStart ? order[k - 1]! : -1;
        out[r] = {
          daysSinceLastBooking: last < 0 ? null : Math.max(0, bookedDay[r]! - bookedDay[last]!),
          otherBookingsSameDay: sameDay,
        };
      }
      k = end;
    }
  }
  return out;
}

// --- encoding: feature rows → sparse numeric columns -------------------------------------------

/** The columns a model was trained with: numeric features, then the kept levels of each categorical one. */
export interface FeatureSpec {
  /**
   * The numeric features, in column order. Absent in models stored before it was recorded: those were
   * trained on the first LEGACY_NUMERIC_COUNT of NUMERIC_FEATURES (later ones were appended), and keep
   * scoring with them until the clinic's next training.
   */
  numeric?: NumericFeature[];
  /** a categorical feature added after a model was stored has no levels in it, hence no columns */
  levels: Partial<Record<CategoricalFeature, string[]>>;
}

/** How many NUMERIC_FEATURES a stored model without `spec.numeric` was trained on. */
export const LEGACY_NUMERIC_COUNT = 15;

/** The numeric features of a spec, in column order. */
export function numericOf(spec: FeatureSpec): readonly NumericFeature[] {
  const names = spec.numeric ?? NUMERIC_FEATURES.slice(0, LEGACY_NUMERIC_COUNT);
  for (const name of names) {
    if (!NUMERIC_FEATURES.includes(name)) throw new RangeError(`unknown numeric feature in a stored model: ${name}`);
  }
  return names;
}

export interface Column {
  /** `lead_days_log`, `weekday=1`, … */
  name: string;
  feature: Feature;
  group: FactorGroup;
  level: string | null;
}

/** Levels seen fewer times than this in training get no column of their own (they count as "other"). */
export const MIN_LEVEL_COUNT = 10;

/** Keeps the levels of each categorical feature seen at least `minCount` times (sorted, so the spec is stable). */
export function learnSpec(rows: readonly FeatureRow[], minCount = MIN_LEVEL_COUNT): FeatureSpec {
  const counts = CATEGORICAL_FEATURES.map(() => new Map<string, number>());
  for (const row of rows) {
    for (let c = 0; c < counts.length; c++) {
      const level = row.categorical[c];
      if (level === null || level === undefined) continue;
      const m = counts[c]!;
      m.set(level, (m.get(level) ?? 0) + 1);
    }
  }
  const levels: Record<string, string[]> = {};
  CATEGORICAL_FEATURES.forEach((name, c) => {
    levels[name] = [...counts[c]!.entries()]
      .filter(([, n]) => n >= minCount)
      .map(([level]) => level)
      .sort();
  });
  return { numeric: [...NUMERIC_FEATURES], levels };
}

export function columnsOf(spec: FeatureSpec): Column[] {
  const columns: Column[] = numericOf(spec).map((f) => ({ name: f, feature: f, group: FEATURE_GROUP[f], level: null }));
  for (const f of CATEGORICAL_FEATURES) {
    for (const level of spec.levels[f] ?? []) columns.push({ name: `${f}=${level}`, feature: f, group: FEATURE_GROUP[f], level });
  }
  return columns;
}

/** A row as sparse columns: ascending indices and their non-zero values. */
export interface SparseRow {
  indices: number[];
  values: number[];
}

/** Where each column's value comes from: column j < source.length reads row.numeric[source[j]]; a level's column is in lookups. */
function encoderTables(spec: FeatureSpec): { source: number[]; lookups: Array<Map<string, number>>; columns: number } {
  const source = numericOf(spec).map((f) => NUMERIC_FEATURES.indexOf(f));
  const lookups: Array<Map<string, number>> = [];
  let next = source.length;
  for (const f of CATEGORICAL_FEATURES) {
    const levels = spec.levels[f] ?? [];
    const offset = next;
    lookups.push(new Map(levels.map((level, i) => [level, offset + i])));
    next += levels.length;
  }
  return { source, lookups, columns: next };
}

export function makeEncoder(spec: FeatureSpec): (row: FeatureRow) => SparseRow {
  const { source, lookups } = encoderTables(spec);
  return (row) => {
    const indices: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < source.length; j++) {
      const v = row.numeric[source[j]!]!;
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    }
    for (let c = 0; c < lookups.length; c++) {
      const level = row.categorical[c];
      const col = level === null || level === undefined ? undefined : lookups[c]!.get(level);
      if (col !== undefined) {
        indices.push(col);
        values.push(1);
      }
    }
    return { indices, values };
  };
}

/** Every row encoded at once, in compressed sparse row form (as makeEncoder, without a small array per row). */
export function encodeRows(
  spec: FeatureSpec,
  rows: readonly FeatureRow[],
): { rows: number; cols: number; indptr: Int32Array; indices: Int32Array; values: Float64Array } {
  const { source, lookups, columns } = encoderTables(spec);
  const indptr = new Int32Array(rows.length + 1);
  let indices = new Int32Array(Math.max(16, rows.length * 16));
  let values = new Float64Array(indices.length);
  const perRow = source.length + lookups.length;
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    if (k + perRow > indices.length) {
      const grownIndices = new Int32Array(indices.length * 2);
      grownIndices.set(indices);
      indices = grownIndices;
      const grownValues = new Float64Array(values.length * 2);
      grownValues.set(values);
      values = grownValues;
    }
    const row = rows[i]!;
    for (let j = 0; j < source.length; j++) {
      const v = row.numeric[source[j]!]!;
      if (v !== 0) {
        indices[k] = j;
        values[k++] = v;
      }
    }
    for (let c = 0; c < lookups.length; c++) {
      const level = row.categorical[c];
      const col = level === null || level === undefined ? undefined : lookups[c]!.get(level);
      if (col !== undefined) {
        indices[k] = col;
        values[k++] = 1;
      }
    }
    indptr[i + 1] = k;
  }
  return { rows: rows.length, cols: columns, indptr, indices: indices.slice(0, k), values: values.slice(0, k) };
}
