/**
 * Training a tenant's model and measuring it honestly: a time-ordered holdout (the last 20% of the
 * outcomes by local date, never split inside a day) is scored by a model fitted on the earlier 80%;
 * the stored model is then refitted on everything. The holdout report sets the model beside the
 * documented prior and the constant base rate, so `model-info` shows what the model adds.
 */
import { auc, brier, mean, topDecileRate } from './metrics';
import {
  featureRow,
  historiesOf,
  type AppointmentFacts,
  type BookingHistory,
  type FeatureRow,
  type Outcome,
  type PatientHistory,
} from './features';
import { DEFAULT_FIT, makeScorer, probability, trainModel, type LogisticModel, type TrainOptions } from './model';
import { priorLogit } from './prior';

export interface LabelledAppointment {
  facts: AppointmentFacts;
  outcome: Outcome;
  /** the patient's bookings at or before this one (bookingHistoriesOf over all of the tenant's appointments) */
  bookings: BookingHistory;
}

export interface HoldoutReport {
  /** local dates of the holdout, inclusive */
  from_date: string;
  to_date: string;
  /** outcomes the evaluation model was fitted on (those before from_date) */
  train_samples: number;
  samples: number;
  no_shows: number;
  auc: number | null;
  brier: number | null;
  /** the holdout's observed no-show rate */
  base_rate: number | null;
  /** Brier score of always answering the training base rate: the bar a useful model is under */
  base_rate_brier: number | null;
  /** observed no-show rate among the tenth of holdout appointments scored highest */
  top_decile_no_show_rate: number | null;
  /** mean score on the holdout (calibration in the large: compare with base_rate) */
  mean_predicted: number | null;
  /** the documented prior on the same holdout */
  prior_auc: number | null;
  prior_brier: number | null;
}

export interface TrainingSet {
  data: readonly LabelledAppointment[];
  histories: PatientHistory[];
  rows: FeatureRow[];
  y: Uint8Array;
}

export const HOLDOUT_SHARE = 0.2;
/** Fewer training or holdout outcomes than these and no holdout is reported (the figures would be noise). */
export const MIN_HOLDOUT_TRAIN = 50;
export const MIN_HOLDOUT = 20;

export function buildTrainingSet(data: readonly LabelledAppointment[]): TrainingSet {
  const histories = historiesOf(
    data.map((d) => ({ patient: d.facts.patient, date: d.facts.date, bookedDate: d.facts.bookedDate, outcome: d.outcome })),
  );
  const rows = data.map((d, i) => featureRow(d.facts, histories[i]!, d.bookings));
  const y = Uint8Array.from(data, (d) => (d.outcome === 'no_show' ? 1 : 0));
  return { data, histories, rows, y };
}

/** The first local date of the last HOLDOUT_SHARE of outcomes by date; null when that leaves no earlier day. */
export function holdoutStart(dates: readonly string[], share = HOLDOUT_SHARE): string | null {
  if (dates.length === 0) return null;
  const sorted = [...dates].sort();
  const cut = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * (1 - share)))]!;
  return cut > sorted[0]! ? cut : null;
}

function select<T>(values: ArrayLike<T>, indices: number[]): T[] {
  return indices.map((i) => values[i]!);
}

/** Fits on the outcomes before `from` and scores those from `from` on. Null when either side is too small. */
export function evaluateHoldout(set: TrainingSet, from: string, options: TrainOptions = DEFAULT_FIT): HoldoutReport | null {
  const train: number[] = [];
  const test: number[] = [];
  set.data.forEach((d, i) => (d.facts.date < from ? train : test).push(i));
  if (train.length < MIN_HOLDOUT_TRAIN || test.length < MIN_HOLDOUT) return null;
  const model = trainModel(select(set.rows, train), select(set.y, train), options);
  const scorer = makeScorer(model);
  const labels = select(set.y, test);
  const scores = test.map((i) => probability(scorer.logit(set.rows[i]!)));
  const prior = test.map((i) => probability(priorLogit(set.data[i]!.facts, set.histories[i]!)));
  const trainRate = mean(select(set.y, train)) ?? 0;
  const dates = test.map((i) => set.data[i]!.facts.date).sort();
  return {
    from_date: dates[0]!,
    to_date: dates[dates.length - 1]!,
    train_samples: train.length,
    samples: test.length,
    no_shows: labels.reduce((s, v) => s + v, 0),
    auc: auc(scores, labels),
    brier: brier(scores, labels),
    base_rate: mean(labels),
    base_rate_brier: brier(new Array<number>(labels.length).fill(trainRate), labels),
    top_decile_no_show_rate: topDecileRate(scores, labels),
    mean_predicted: mean(scores),
    prior_auc: auc(prior, labels),
    prior_brier: brier(prior, labels),
  };
}

export interface TrainingResult {
  model: LogisticModel;
  samples: number;
  no_shows: number;
  holdout: HoldoutReport | null;
}

/** Evaluates on the time-ordered holdout, then fits the model to keep on every outcome. */
export function trainWithHoldout(data: readonly LabelledAppointment[], options: TrainOptions = DEFAULT_FIT): TrainingResult {
  const set = buildTrainingSet(data);
  const from = holdoutStart(data.map((d) => d.facts.date));
  const holdout = from === null ? null : evaluateHoldout(set, from, options);
  const model = trainModel(set.rows, set.y, options);
  return { model, samples: data.length, no_shows: set.y.reduce((s, v) => s + v, 0), holdout };
}
