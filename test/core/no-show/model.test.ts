import { describe, expect, it } from 'vitest';
import { auc, brier, topDecileRate } from '../../../src/core/no-show/metrics';
import { DEFAULT_FIT, fitLogistic, makeScorer, probability, toCsr, trainModel } from '../../../src/core/no-show/model';
import {
  columnsOf,
  encodeRows,
  featureRow,
  learnSpec,
  LEGACY_NUMERIC_COUNT,
  makeEncoder,
  NO_BOOKINGS,
  NO_HISTORY,
  NUMERIC_FEATURES,
  type FeatureRow,
} from '../../../src/core/no-show/features';
import { trainWithHoldout, type LabelledAppointment } from '../../../src/core/no-show/training';
import { addDays, dayOfWeek } from '../../../src/core/time';
import { prng } from './prng';

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

describe('metrics', () => {
  it('AUC counts pairs ranked right, ties half, and is null with one class', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75);
    expect(auc([0.5, 0.5, 0.5], [0, 1, 0])).toBeCloseTo(0.5);
    expect(auc([1, 2, 3], [0, 1, 1])).toBe(1);
    expect(auc([1, 2], [1, 1])).toBeNull();
  });

  it('Brier is the mean squared error; the top decile takes at least one', () => {
    expect(brier([0.2, 0.9], [0, 1])).toBeCloseTo((0.04 + 0.01) / 2);
    expect(brier([], [])).toBeNull();
    const scores = Array.from({ length: 20 }, (_, i) => i);
    const labels = scores.map((i) => (i >= 18 ? 1 : i === 17 ? 1 : 0));
    expect(topDecileRate(scores, labels)).toBe(1);
    expect(topDecileRate([0.1, 0.9, 0.5], [0, 0, 1])).toBe(0);
  });
});

describe('IRLS logistic regression', () => {
  it('recovers the coefficients of a known model, on the standardised scale', () => {
    const rand = prng(7);
    const n = 20_000;
    const rows = [];
    const y: number[] = [];
    // x1 ~ N(2, 3²), x2 binary 30%: logit = −1 + 0.5·x1 − 1.2·x2
    for (let i = 0; i < n; i++) {
      const x1 = 2 + 3 * gaussian(rand);
      const x2 = rand() < 0.3 ? 1 : 0;
      const p = probability(-1 + 0.5 * x1 - 1.2 * x2);
      y.push(rand() < p ? 1 : 0);
      const indices: number[] = [];
      const values: number[] = [];
      if (x1 !== 0) (indices.push(0), values.push(x1));
      if (x2 !== 0) (indices.push(1), values.push(x2));
      rows.push({ indices, values });
    }
    const fit = fitLogistic(toCsr(rows, 2), y, { ridge: 1e-6, maxIterations: 50, tolerance: 1e-9 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    // raw coefficient = standardised / std
    // within sampling error (standard errors here are about 0.01, 0.04, 0.04)
    expect(Math.abs(fit.coefficients[0]! / fit.stds[0]! - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(fit.coefficients[1]! / fit.stds[1]! + 1.2)).toBeLessThan(0.15);
    const intercept = fit.intercept - (fit.coefficients[0]! * fit.means[0]!) / fit.stds[0]! - (fit.coefficients[1]! * fit.means[1]!) / fit.stds[1]!;
    expect(Math.abs(intercept + 1)).toBeLessThan(0.15);
  });

  it('is calibrated in the large: the mean probability equals the base rate (no class weights)', () => {
    const rand = prng(11);
    const rows = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = gaussian(rand);
      y.push(rand() < probability(-1.5 + x) ? 1 : 0);
      rows.push({ indices: [0], values: [x] });
    }
    const fit = fitLogistic(toCsr(rows, 1), y, { ridge: 1, maxIterations: 50, tolerance: 1e-9 });
    const raw = fit.coefficients[0]! / fit.stds[0]!;
    const b0 = fit.intercept - raw * fit.means[0]!;
    const mean = rows.reduce((s, r) => s + probability(b0 + raw * r.values[0]!), 0) / rows.length;
    expect(mean).toBeCloseTo(y.reduce((s, v) => s + v, 0) / y.length, 3);
  });

  it('survives a constant column, a perfectly separating one and a tiny sample', () => {
    const rows = [];
    const y: number[] = [];
    for (let i = 0; i < 30; i++) {
      rows.push({ indices: [0, 1], values: [1, i % 2] });
      y.push(i % 2);
    }
    // a small ridge: separation is the hard case (the default ridge would keep it small anyway)
    const fit = fitLogistic(toCsr(rows, 3), y, { ...DEFAULT_FIT, ridge: 1 });
    expect(fit.coefficients[0]).toBe(0); // no variance: left out
    expect(fit.coefficients[2]).toBe(0); // all zeros: left out
    expect(Number.isFinite(fit.coefficients[1]!)).toBe(true); // separation: the ridge keeps it finite
    expect(fit.coefficients[1]).toBeGreaterThan(1);
  });
});

/** Appointments of `patients` over 120 days with a known pattern: a fifth of them ("missers") miss 65%, the rest 8%; +15 points from 21 days' lead. */
function synthetic(seed: number, patients = 300, perPatient = 6): LabelledAppointment[] {
  const rand = prng(seed);
  const data: LabelledAppointment[] = [];
  for (let p = 0; p < patients; p++) {
    const misser = p % 5 === 0;
    for (let k = 0; k < perPatient; k++) {
      const date = addDays('2026-06-01', Math.floor(rand() * 120));
      const lead = Math.floor(rand() * 40);
      const bookedDate = addDays(date, -lead);
      const pMiss = (misser ? 0.65 : 0.08) + (lead >= 21 ? 0.15 : 0);
      data.push({
        facts: {
          id: `${p}-${k}`,
          patient: `p${p}`,
          date,
          bookedDate,
          weekday: dayOfWeek(date),
          hour: 8 + Math.floor(rand() * 10),
          bookedAt: Date.parse(`${bookedDate}T12:00:00Z`) + k,
          bookedHour: 9,
          age: 20 + Math.floor(rand() * 50),
          type: 'consulta',
          specialty: 'cardiologia',
          channel: 'api',
          location: 'centro',
        },
        outcome: rand() < pMiss ? 'no_show' : 'completed',
        bookings: NO_BOOKINGS,
      });
    }
  }
  return data;
}

describe('training on a known pattern', () => {
  it('ranks patients who missed before, and long lead times, higher: holdout AUC well above chance and above the prior', () => {
    const result = trainWithHoldout(synthetic(3));
    const h = result.holdout!;
    expect(h).not.toBeNull();
    expect(h.samples).toBeGreaterThanOrEqual(300);
    expect(h.auc!).toBeGreaterThan(0.65);
    expect(h.brier!).toBeLessThan(h.base_rate_brier!);
    expect(h.top_decile_no_show_rate!).toBeGreaterThan(2 * h.base_rate!);
    // calibrated: the mean score is near the observed rate
    expect(Math.abs(h.mean_predicted! - h.base_rate!)).toBeLessThan(0.05);

    const scorer = makeScorer(result.model);
    const facts = synthetic(3)[0]!.facts;
    const missedTwice = featureRow({ ...facts, date: '2026-10-15', bookedDate: '2026-10-10' }, { ...NO_HISTORY, visits: 1, noShows: 2, lastDate: '2026-10-01', lastNoShow: true });
    const cameTwice = featureRow({ ...facts, date: '2026-10-15', bookedDate: '2026-10-10' }, { ...NO_HISTORY, visits: 3, noShows: 0, lastDate: '2026-10-01', lastNoShow: false });
    expect(scorer.logit(missedTwice)).toBeGreaterThan(scorer.logit(cameTwice) + 1);
    expect(scorer.contributions(missedTwice).get('no_show_history')!).toBeGreaterThan(0.5);
    const longLead = featureRow({ ...facts, date: '2026-10-15', bookedDate: '2026-09-10' }, NO_HISTORY);
    const shortLead = featureRow({ ...facts, date: '2026-10-15', bookedDate: '2026-10-13' }, NO_HISTORY);
    expect(scorer.logit(longLead)).toBeGreaterThan(scorer.logit(shortLead));
  });

  it('contributions and the intercept add up to the logit', () => {
    const model = trainModel(
      synthetic(5, 100).map((d) => featureRow(d.facts, NO_HISTORY)),
      synthetic(5, 100).map((d) => (d.outcome === 'no_show' ? 1 : 0)),
    );
    const scorer = makeScorer(model);
    const row: FeatureRow = featureRow(synthetic(5, 1)[0]!.facts, { ...NO_HISTORY, visits: 2, noShows: 1, lastDate: '2026-05-01', lastNoShow: false });
    const sum = [...scorer.contributions(row).values()].reduce((s, c) => s + c, model.intercept);
    expect(sum).toBeCloseTo(scorer.logit(row), 9);
  });

  it('a model stored before its spec named its numeric features still scores with the features it was trained on', () => {
    const data = synthetic(5, 100);
    const rows = data.map((d, i) => featureRow(d.facts, { ...NO_HISTORY, visits: i % 3, noShows: i % 2, noShowsSinceBooked: i % 2 }));
    const model = trainModel(rows, data.map((d) => (d.outcome === 'no_show' ? 1 : 0)));
    expect(model.spec.numeric).toEqual([...NUMERIC_FEATURES]);
    // the same model as it would have been stored then: the first numeric features and no newer categorical one
    const columns = columnsOf(model.spec);
    const kept = columns.flatMap((c, j) =>
      (c.level === null && NUMERIC_FEATURES.indexOf(c.feature as (typeof NUMERIC_FEATURES)[number]) < LEGACY_NUMERIC_COUNT) ||
      (c.level !== null && c.feature !== 'same_day_weekday')
        ? [j]
        : [],
    );
    const { numeric: _, ...legacySpec } = model.spec;
    const legacy = {
      ...model,
      spec: { levels: { ...legacySpec.levels, same_day_weekday: undefined } },
      coefficients: kept.map((j) => model.coefficients[j]!),
      means: kept.map((j) => model.means[j]!),
      stds: kept.map((j) => model.stds[j]!),
    };
    expect(columnsOf(legacy.spec).map((c) => c.name)).toEqual(kept.map((j) => columns[j]!.name));
    const encode = makeEncoder(model.spec);
    const scorer = makeScorer(legacy);
    for (const row of rows.slice(0, 50)) {
      const x = new Float64Array(columns.length);
      const { indices, values } = encode(row);
      indices.forEach((j, k) => (x[j] = values[k]!));
      const expected = kept.reduce((eta, j) => eta + (model.coefficients[j]! * (x[j]! - model.means[j]!)) / model.stds[j]!, model.intercept);
      expect(scorer.logit(row)).toBeCloseTo(expected, 9);
    }
  });

  it('encodes a whole set at once as the per-row encoder does', () => {
    const data = synthetic(13, 60);
    const rows = data.map((d, i) => featureRow({ ...d.facts, age: i % 7 === 0 ? null : d.facts.age }, { ...NO_HISTORY, visits: i % 4, noShows: i % 3 }));
    const spec = learnSpec(rows);
    const expected = toCsr(rows.map(makeEncoder(spec)), columnsOf(spec).length);
    const actual = encodeRows(spec, rows);
    expect(actual.rows).toBe(expected.rows);
    expect(actual.cols).toBe(expected.cols);
    expect(Array.from(actual.indptr)).toEqual(Array.from(expected.indptr));
    expect(Array.from(actual.indices)).toEqual(Array.from(expected.indices));
    expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
  });

  it('has no holdout report when the data spans too little', () => {
    const data = synthetic(9, 10, 3).map((d) => ({ ...d, facts: { ...d.facts, date: '2026-06-01', bookedDate: '2026-05-20' } }));
    expect(trainWithHoldout(data).holdout).toBeNull();
  });
});
