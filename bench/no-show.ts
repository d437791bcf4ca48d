/**
 * Issue #9's figures on real data: the Kaggle "Medical Appointment No Shows" file (Vitória-ES, 2016,
 * 110,527 appointments; ../shared/bench-data/noshow, read in place, never copied; skipped when absent).
 *
 * Columns mapped onto our features (src/core/no-show/features.ts): PatientId → patient;
 * ScheduledDay → booking date (its wall time is local, though marked Z); AppointmentDay → the
 * appointment's local date (it has no time of day, so the period feature is empty); Age → age
 * (−1 and > 115 → unknown); Neighbourhood → location; No-show = Yes → no_show, else completed.
 * There is no appointment type, specialty or booking channel in the file. Gender, Scholarship, the
 * conditions, Handcap and SMS_received have no counterpart in our data and are not used by our model;
 * they appear only in the `with_kaggle_columns` comparison. The ~5 rows booked after their day are
 * dropped.
 *
 * Every feature comes from src/core/no-show/features.ts, as in production (nothing here is bench-only):
 * lead time (log, bands, same day), weekday, age (bands, spline), location, booking hour; the
 * patient's bookings at or before each one (days since the previous one, others booked that day);
 * and their outcomes on strictly earlier days (counts, smoothed rate, last outcome, days since it,
 * stacking by day, no-shows since this appointment was booked), with the interactions listed there.
 *
 * The split is the issue's: train on appointments up to 2016-05-31, test on 2016-06-01..08, history
 * from strictly earlier days (for test rows too: earlier test days count, as they would in use).
 * Reported: training time of our model on all rows (features + IRLS; best and median of three),
 * holdout AUC, Brier, base rate, top-decile rate, against baselines measured in the same run: the
 * base rate, the documented prior, a lead-time-only logistic regression, and our features plus the
 * file's own columns. Last figures (README): AUC 0.7354, Brier 0.1352, top decile 0.39 (lead time
 * only 0.690 / 0.1398; with the file's columns 0.738 / 0.1346); training 0.9–1.4 s under a load
 * average of 3–4 on the shared 2-CPU machine. The issue's goal: AUC ≥ 0.735, Brier ≤ 0.136, ≤ 2 s.
 * Above 0.75 would mean a leak: look for it before believing it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { dayOfWeek } from '../src/core/time';
import { bookingHistoriesOf, CATEGORICAL_FEATURES, NUMERIC_FEATURES, type FeatureRow } from '../src/core/no-show/features';
import { auc, brier, mean, topDecileRate } from '../src/core/no-show/metrics';
import { DEFAULT_FIT, makeScorer, probability, trainModel, type LogisticModel } from '../src/core/no-show/model';
import { buildTrainingSet, evaluateHoldout, type LabelledAppointment, type TrainingSet } from '../src/core/no-show/training';

const FILE = new URL('../../shared/bench-data/noshow/KaggleV2-May-2016.csv.gz', import.meta.url);
const TEST_FROM = '2016-06-01';

const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

interface KaggleRow {
  PatientId: string;
  ScheduledDay: string;
  AppointmentDay: string;
  Age: string;
  Neighbourhood: string;
  Gender: string;
  Scholarship: string;
  Hipertension: string;
  Diabetes: string;
  Alcoholism: string;
  Handcap: string;
  SMS_received: string;
  'No-show': string;
}

function toLabelled(rows: KaggleRow[]): { data: LabelledAppointment[]; extras: KaggleRow[]; dropped: number } {
  const kept = rows.filter((r) => r.AppointmentDay.slice(0, 10) >= r.ScheduledDay.slice(0, 10));
  const bookingRecords = kept.map((r) => ({
    patient: r.PatientId,
    bookedAt: Date.parse(r.ScheduledDay),
    bookedDate: r.ScheduledDay.slice(0, 10),
    date: r.AppointmentDay.slice(0, 10),
  }));
  const bookings = bookingHistoriesOf(bookingRecords);
  const data: LabelledAppointment[] = [];
  const extras: KaggleRow[] = [];
  const dropped = rows.length - kept.length;
  kept.forEach((r, i) => {
    const { date, bookedDate, bookedAt } = bookingRecords[i]!;
    const age = Number(r.Age);
    data.push({
      facts: {
        id: String(i),
        patient: r.PatientId,
        date,
        bookedDate,
        weekday: dayOfWeek(date),
        hour: null,
        bookedAt,
        bookedHour: Number(r.ScheduledDay.slice(11, 13)),
        age: Number.isInteger(age) && age >= 0 && age <= 115 ? age : null,
        type: null,
        specialty: null,
        channel: null,
        location: r.Neighbourhood,
      },
      outcome: r['No-show'] === 'Yes' ? 'no_show' : 'completed',
      bookings: bookings[i]!,
    });
    extras.push(r);
  });
  return { data, extras, dropped };
}

/** Keeps only the lead-time features of a row (the lead-time-only baseline). */
function leadOnly(row: FeatureRow): FeatureRow {
  const numeric = row.numeric.map((v, j) => (NUMERIC_FEATURES[j] === 'lead_days_log' || NUMERIC_FEATURES[j] === 'same_day' ? v : 0));
  return { numeric, categorical: row.categorical.map((v, c) => (CATEGORICAL_FEATURES[c] === 'lead_band' ? v : null)) };
}

/** Our features plus the file's own columns, as extra categorical levels in the channel/specialty/type slots. */
function withKaggleColumns(row: FeatureRow, r: KaggleRow): FeatureRow {
  const categorical = [...row.categorical];
  categorical[CATEGORICAL_FEATURES.indexOf('appointment_type')] = `g${r.Gender}|s${r.Scholarship}|h${r.Hipertension}`;
  categorical[CATEGORICAL_FEATURES.indexOf('specialty')] = `d${r.Diabetes}|a${r.Alcoholism}|hc${r.Handcap}`;
  categorical[CATEGORICAL_FEATURES.indexOf('channel')] = `sms${r.SMS_received}`;
  return { numeric: row.numeric, categorical };
}

function holdoutOf(rows: FeatureRow[], y: Uint8Array, train: number[], test: number[]) {
  const model = trainModel(train.map((i) => rows[i]!), train.map((i) => y[i]!), DEFAULT_FIT);
  const scorer = makeScorer(model);
  const labels = test.map((i) => y[i]!);
  const scores = test.map((i) => probability(scorer.logit(rows[i]!)));
  return { auc: round(auc(scores, labels)), brier: round(brier(scores, labels)), top_decile_no_show_rate: round(topDecileRate(scores, labels)) };
}

export async function run(): Promise<object> {
  const path = fileURLToPath(FILE);
  if (!existsSync(path)) return { skipped: `no data at ${path} (../shared/bench-data is not in this checkout)` };

  let t = performance.now();
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const parsed = parse(text, { columns: true, skip_empty_lines: true }) as KaggleRow[];
  const readMs = ms(t);

  // training time on every row, from parsed rows to a fitted model: facts and booking histories,
  // outcome histories and feature rows, then IRLS. Best and median of three runs (shared machines are noisy).
  const runs: Array<{ features: number; fit: number }> = [];
  let data: LabelledAppointment[] = [];
  let extras: KaggleRow[] = [];
  let dropped = 0;
  let set: TrainingSet | undefined;
  let full: LogisticModel | undefined;
  for (let run = 0; run < 3; run++) {
    t = performance.now();
    ({ data, extras, dropped } = toLabelled(parsed));
    set = buildTrainingSet(data);
    const features = ms(t);
    t = performance.now();
    full = trainModel(set.rows, set.y, DEFAULT_FIT);
    runs.push({ features, fit: ms(t) });
  }
  const totals = runs.map((r) => r.features + r.fit).sort((a, b) => a - b);
  const best = runs.reduce((a, b) => (a.features + a.fit <= b.features + b.fit ? a : b));

  // the issue's split
  t = performance.now();
  const holdout = evaluateHoldout(set!, TEST_FROM, DEFAULT_FIT);
  const splitMs = ms(t);
  const train: number[] = [];
  const test: number[] = [];
  data.forEach((d, i) => (d.facts.date < TEST_FROM ? train : test).push(i));
  const leadRows = set!.rows.map(leadOnly);
  const kaggleRows = set!.rows.map((row, i) => withKaggleColumns(row, extras[i]!));
  const labels = set!.y;
  const trainRate = mean(train.map((i) => labels[i]!)) ?? 0;

  return {
    data: { rows: parsed.length, used: data.length, dropped_booked_after_day: dropped, train: train.length, test: test.length, test_from: TEST_FROM },
    training: {
      rows: data.length,
      read_and_parse_ms: readMs,
      best_ms: Math.round(totals[0]! * 10) / 10,
      median_ms: Math.round(totals[1]! * 10) / 10,
      best_run: best,
      columns: full!.coefficients.length,
      iterations: full!.iterations,
      converged: full!.converged,
      split_fit_and_score_ms: splitMs,
      load_average_1m: Math.round(loadavg()[0]! * 100) / 100,
      cpus: cpus().length,
    },
    holdout: holdout && {
      model: {
        auc: round(holdout.auc),
        brier: round(holdout.brier),
        top_decile_no_show_rate: round(holdout.top_decile_no_show_rate),
        mean_predicted: round(holdout.mean_predicted),
      },
      base_rate: round(holdout.base_rate),
      base_rate_brier: round(holdout.base_rate_brier),
      prior: { auc: round(holdout.prior_auc), brier: round(holdout.prior_brier) },
      lead_time_only: holdoutOf(leadRows, labels, train, test),
      with_kaggle_columns: holdoutOf(kaggleRows, labels, train, test),
      train_base_rate: round(trainRate),
      reference_from_issue: { python_logistic_auc: 0.728, lightgbm_auc: 0.733, brier: 0.136, base_rate_brier: 0.1505, goal: 'AUC >= 0.735, Brier <= 0.136, training <= 2 s' },
    },
  };
}
