import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { isMisser, noShowClinic, syntheticHistory, turningHistory } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// TEST_NOW is 2026-11-25 12:00Z (a Wednesday); 2026-12-01 is a Tuesday.
const DAY = '2026-12-01';
const HISTORY = { from: '2026-08-03', to: '2026-11-24' };
const PATIENTS = Array.from({ length: 40 }, (_, i) => i);
const HOUR_MS = 3_600_000;

async function risk(id: string) {
  const res = await t.api('GET', `/no-show/appointments/${id}/risk`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function modelInfo() {
  const res = await t.api('GET', '/no-show/model-info');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('no-show: the prior, below the outcome threshold', () => {
  it('model-info says the prior is in use, and why', async () => {
    const info = await modelInfo();
    expect(info).toMatchObject({ algorithm: 'prior', version: null, trained_at: null, prior: true, samples: 0, min_outcomes: 200, holdout: null });
    expect(info.explanation).toMatch(/0 outcome.*200.*prior.*20% base rate/);
    expect(info.features.map((f: { factor: string }) => f.factor)).toEqual(['no_show_history', 'visit_history', 'lead_time', 'lead_time']);
    expect(info.thresholds).toEqual({ medium: 0.15, high: 0.3, very_high: 0.5 });
  });

  it('scores with the prior: a patient with two earlier no-shows is high risk and the factors say so', async () => {
    const c = await noShowClinic(t, { patients: 3 });
    await c.importRows([
      { patient_phone: c.phones[0], scheduled_at: '2026-10-01 10:00', start_time: '2026-10-05 09:00', status: 'faltou' },
      { patient_phone: c.phones[0], scheduled_at: '2026-10-06 10:00', start_time: '2026-10-13 09:00', status: 'no_show' },
      { patient_phone: c.phones[1], scheduled_at: '2026-10-06 10:00', start_time: '2026-10-13 09:30', status: 'completed' },
    ]);
    const missed = await c.book(0, DAY, '09:00');
    const came = await c.book(1, DAY, '09:30');
    const first = await c.book(2, DAY, '10:00');

    const r = await risk(missed.id);
    expect(r).toMatchObject({ appointment_id: missed.id, patient_id: c.patients[0]!.id, status: 'requested', prior: true, model_version: null, risk_level: 'high' });
    // 6 days' lead: 0.3 × (ln 7 − ln 8) + 2 × 0.8 on the 20% base
    expect(r.risk_score).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(0.25) + 1.6 + 0.3 * (Math.log(7) - Math.log(8))))), 4);
    expect(r.risk_factors[0]).toEqual({
      factor: 'no_show_history',
      description: 'Faltou a 2 de 2 consultas anteriores, inclusive à última',
      contribution: 1.6,
      direction: 'increases',
    });
    expect(r.recommendation).toMatch(/^Risco muito alto de falta: ligue .*\(overbooking\)/);

    const good = await risk(came.id);
    expect(good.risk_score).toBeLessThan(r.risk_score);
    expect(good.risk_factors.map((f: { factor: string }) => f.factor)).toContain('visit_history');
    const nobody = await risk(first.id);
    expect(nobody.risk_level).toBe('medium');
    expect(nobody.recommendation).toMatch(/segundo lembrete/);
    expect((await modelInfo()).samples).toBe(3);
  });
});

describe('no-show: level and recommendation follow the score as shown', () => {
  it('a probability of 0.49997, shown as 0.5, gets the advice documented from 50% (overbooking)', async () => {
    const c = await noShowClinic(t, { patients: 1 });
    await c.importRows([
      { patient_phone: c.phones[0], scheduled_at: '2026-09-01 10:00', start_time: '2026-09-08 09:00', status: 'no_show' },
      ...['2026-09-15', '2026-09-22', '2026-09-29'].map((date) => ({
        patient_phone: c.phones[0],
        scheduled_at: '2026-09-01 10:00',
        start_time: `${date} 09:00`,
        status: 'completed',
      })),
    ]);
    // 252 days ahead: logit(0.2) + 0.8 − 3 × 0.15 + 0.3 × (ln 253 − ln 8) gives 0.49997
    const r = await risk((await c.book(0, '2027-08-04', '09:00')).id);
    expect(r).toMatchObject({ prior: true, risk_score: 0.5, risk_level: 'high' });
    expect(r.recommendation).toBe('Risco muito alto de falta: ligue na véspera para confirmar a presença e, sem confirmação, considere um encaixe (overbooking) neste horário.');
  });
});

describe('no-show: a trained model on a known pattern', () => {
  async function trainedClinic() {
    const c = await noShowClinic(t);
    expect(await c.importRows(syntheticHistory(c.phones, { patients: PATIENTS, perPatient: 6, seed: 42, ...HISTORY }))).toBe(240);
    return c;
  }

  it('trains on first use once 200 outcomes exist, and reports an honest holdout', async () => {
    await trainedClinic();
    const info = await modelInfo();
    expect(info).toMatchObject({ algorithm: 'logistic_regression_irls', version: 1, trained_at: '2026-11-25T12:00:00.000Z', trigger: 'auto', prior: false, samples: 240 });
    expect(info.features.length).toBeGreaterThan(10);
    const h = info.holdout;
    expect(h.samples + h.train_samples).toBe(240);
    expect(h.from_date > '2026-10-01').toBe(true);
    expect(h.to_date).toBe('2026-11-24');
    expect(h.auc).toBeGreaterThan(0.7);
    expect(h.brier).toBeLessThan(h.base_rate_brier);
    for (const k of ['base_rate', 'top_decile_no_show_rate', 'mean_predicted', 'prior_auc', 'prior_brier']) expect(h[k], k).toEqual(expect.any(Number));
    // asking again does not train again
    expect((await modelInfo()).version).toBe(1);
  });

  it('ranks the patients who missed before higher, and names their history', async () => {
    const c = await trainedClinic();
    const times = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    const booked = [];
    for (const [k, time] of times.entries()) booked.push({ i: k, ...(await c.book(k, DAY, time)) });
    const res = await t.api('GET', `/no-show/daily-risks?date=${DAY}`);
    expect(res.status).toBe(200);
    const data = res.body.data as Array<{ appointment_id: string; patient_id: string; risk_score: number; model_version: number; prior: boolean }>;
    expect(data).toHaveLength(8);
    expect(res.body.next_cursor).toBeNull();
    const scores = data.map((d) => d.risk_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // the missers (patients 0 and 4) come first
    const top = data.slice(0, 2).map((d) => c.patients.findIndex((p: { id: string }) => p.id === d.patient_id));
    expect(top.sort()).toEqual([0, 4]);
    expect(data.every((d) => d.model_version === 1 && d.prior === false)).toBe(true);

    const misser = await risk(booked[0]!.id);
    expect(isMisser(0)).toBe(true);
    expect(misser.risk_level).toBe('high');
    const history = misser.risk_factors.find((f: { factor: string }) => f.factor === 'no_show_history');
    expect(history.contribution).toBeGreaterThan(0.3);
    expect(history.direction).toBe('increases');
    expect(history.description).toMatch(/^Faltou a \d de 6 consultas anteriores/);
    // contributions are sorted by size and signed
    const sizes = misser.risk_factors.map((f: { contribution: number }) => Math.abs(f.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const regular = await risk(booked[1]!.id);
    expect(regular.risk_score).toBeLessThan(misser.risk_score);
  });

  it('never lets an outcome of the same day change a score (leakage), while an earlier day does', async () => {
    const c = await trainedClinic();
    const morning = await c.book(5, DAY, '08:00');
    const later = await c.book(5, DAY, '11:00');
    const before = await risk(later.id);
    expect((await t.api('POST', `/appointments/${morning.id}/confirm`, {})).status).toBe(200);
    expect((await t.api('POST', `/appointments/${morning.id}/no-show`, {})).status).toBe(200);
    expect(await risk(later.id)).toEqual(before);

    // bookings made after this one, for its day and the day before, are no schedule fact of it
    t.clock.advance(60_000);
    const afternoon = await c.book(5, DAY, '10:00');
    const eve = await c.book(5, '2026-11-30', '10:00');
    expect(await risk(later.id)).toEqual(before);
    expect((await t.api('DELETE', `/appointments/${afternoon.id}`)).status).toBe(204);
    expect((await t.api('DELETE', `/appointments/${eve.id}`)).status).toBe(204);
    expect(await risk(later.id)).toEqual(before);

    // a no-show on an earlier day is history: the no-show history factor goes up
    const noShowHistory = (r: { risk_factors: Array<{ factor: string; contribution: number }> }) =>
      r.risk_factors.find((f) => f.factor === 'no_show_history')?.contribution ?? 0;
    const monday = await c.book(5, '2026-11-30', '09:00');
    expect((await t.api('POST', `/appointments/${monday.id}/confirm`, {})).status).toBe(200);
    expect((await t.api('POST', `/appointments/${monday.id}/no-show`, {})).status).toBe(200);
    const after = await risk(later.id);
    expect(after.risk_score).not.toBe(before.risk_score);
    expect(noShowHistory(after)).toBeGreaterThan(noShowHistory(before));
    // it came after this appointment was booked, and its words say so
    const words = after.risk_factors.find((f: { factor: string }) => f.factor === 'no_show_history').description;
    expect(words).toMatch(/; 1 delas depois do agendamento desta consulta$/);
    expect((await modelInfo()).version).toBe(1);
  });

  it('the same holds under the prior', async () => {
    const c = await noShowClinic(t, { patients: 2 });
    const morning = await c.book(1, DAY, '08:00');
    const later = await c.book(1, DAY, '11:00');
    const before = await risk(later.id);
    expect(before.prior).toBe(true);
    await t.api('POST', `/appointments/${morning.id}/confirm`, {});
    expect((await t.api('POST', `/appointments/${morning.id}/no-show`, {})).status).toBe(200);
    expect(await risk(later.id)).toEqual(before);
  });

  it('retrains when the model is over a day old and new outcomes exist, and only then', async () => {
    const c = await trainedClinic();
    expect((await modelInfo()).version).toBe(1);

    // new outcomes within the day: no retraining yet
    await c.importRows([{ patient_phone: c.phones[1], scheduled_at: '2026-11-20 10:00', start_time: '2026-11-25 08:00', status: 'completed' }]);
    t.clock.advance(23 * HOUR_MS);
    expect((await modelInfo()).version).toBe(1);

    // over a day old with a new outcome: the next request trains version 2
    t.clock.advance(2 * HOUR_MS);
    const info = await modelInfo();
    expect(info).toMatchObject({ version: 2, trigger: 'auto', samples: 241, trained_at: '2026-11-26T13:00:00.000Z' });

    // a day later with nothing new: version 2 stays
    t.clock.advance(30 * HOUR_MS);
    expect((await modelInfo()).version).toBe(2);
    const appointment = await c.book(3, DAY, '10:00');
    expect((await risk(appointment.id)).model_version).toBe(2);
    expect((await t.row('SELECT group_concat(version) AS v FROM no_show_models'))!.v).toBe('1,2');
  });

  it('pages daily risks with a cursor, highest first, active appointments of that day only', async () => {
    const c = await trainedClinic();
    const times = ['08:00', '08:30', '09:00', '09:30', '10:00'];
    const ids: string[] = [];
    for (const [k, time] of times.entries()) ids.push((await c.book(k + 2, DAY, time)).id);
    // not listed: a cancelled one, another day's
    expect((await t.api('DELETE', `/appointments/${ids.pop()}`)).status).toBe(204);
    await c.book(9, '2026-12-02', '09:00');

    const seen: Array<{ appointment_id: string; risk_score: number }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/no-show/daily-risks?date=${DAY}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.api('GET', query);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.data);
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.map((s) => s.appointment_id).sort()).toEqual([...ids].sort());
    const scores = seen.map((s) => s.risk_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const filtered = await t.api('GET', `/no-show/daily-risks?date=${DAY}&provider_id=${c.provider.id}&location_id=${c.location.id}`);
    expect(filtered.body.data).toHaveLength(4);
    expect((await t.api('GET', `/no-show/daily-risks?date=2026-12-03`)).body).toEqual({ data: [], next_cursor: null });
  });
});

describe('no-show: a model that does not beat the prior on its holdout does not replace it', () => {
  const TURN = '2026-10-26';
  async function turningClinic() {
    const c = await noShowClinic(t);
    expect(await c.importRows(turningHistory(c.phones, { patients: PATIENTS, perPatient: 6, seed: 7, turn: TURN, ...HISTORY }))).toBe(240);
    return c;
  }
  const versions = async () => (await t.row<{ v: string | null }>('SELECT group_concat(version) AS v FROM no_show_models'))!.v;

  it('model-info keeps the prior and says why: the trained model, its holdout AUC and the prior\'s', async () => {
    const c = await turningClinic();
    const info = await modelInfo();
    expect(info).toMatchObject({ algorithm: 'prior', prior: true, version: null, trained_at: null, holdout: null, samples: 240 });
    const rejected = info.rejected_model;
    expect(rejected).toMatchObject({ version: 1, trigger: 'auto', trained_at: '2026-11-25T12:00:00.000Z', samples: 240 });
    expect(rejected.holdout.from_date >= TURN).toBe(true);
    expect(rejected.holdout.auc).toBeLessThan(rejected.holdout.prior_auc);
    expect(info.explanation).toContain(
      `model version 1 did not beat the documented prior on its holdout (${rejected.holdout.from_date}..${rejected.holdout.to_date}, ` +
        `${rejected.holdout.samples} outcomes): AUC ${rejected.holdout.auc.toFixed(3)} against the prior's ${rejected.holdout.prior_auc.toFixed(3)}`,
    );
    expect(info.features.map((f: { name: string }) => f.name)).toContain('same_day');

    // scores come from the prior
    const r = await risk((await c.book(1, DAY, '09:00')).id);
    expect(r).toMatchObject({ prior: true, model_version: null });

    // the model is kept for the record and dates the next training: asking again does not retrain
    expect(await versions()).toBe('1');
    t.clock.advance(30 * HOUR_MS);
    expect((await modelInfo()).rejected_model.version).toBe(1);
    expect(await versions()).toBe('1');
  });

  it('a model that does beat the prior has no rejected_model', async () => {
    const c = await noShowClinic(t);
    expect(await c.importRows(syntheticHistory(c.phones, { patients: PATIENTS, perPatient: 6, seed: 42, ...HISTORY }))).toBe(240);
    const info = await modelInfo();
    expect(info).toMatchObject({ prior: false, version: 1, rejected_model: null });
    expect(info.holdout.auc).toBeGreaterThan(info.holdout.prior_auc);
  });
});

describe('no-show: a history of one outcome alone keeps the prior', () => {
  /** 240 past outcomes, every one `status`. */
  async function oneOutcomeClinic(status: 'completed' | 'no_show') {
    const c = await noShowClinic(t);
    const rows = syntheticHistory(c.phones, { patients: PATIENTS, perPatient: 6, seed: 42, ...HISTORY }).map((r) => ({ ...r, status }));
    expect(await c.importRows(rows)).toBe(240);
    return c;
  }
  const models = () => t.count('no_show_models');

  it('a clinic that never marked a no-show is scored by the prior, not by a model that says 0% for everyone', async () => {
    const c = await oneOutcomeClinic('completed');
    const info = await modelInfo();
    expect(info).toMatchObject({ algorithm: 'prior', prior: true, version: null, samples: 240, no_shows: 0 });
    expect(info.explanation).toMatch(/240 outcome\(s\).*0 of them no-shows.*at least 10 no-shows and 10 completed visits/);
    const r = await risk((await c.book(1, DAY, '09:00')).id);
    expect(r).toMatchObject({ prior: true, model_version: null });
    expect(r.risk_score).toBeGreaterThan(0.01);
    expect(await models()).toBe(0);
  });

  it('nor one whose every outcome is a no-show (a model said 100%)', async () => {
    const c = await oneOutcomeClinic('no_show');
    expect(await modelInfo()).toMatchObject({ prior: true, samples: 240, no_shows: 240 });
    const r = await risk((await c.book(1, DAY, '09:00')).id);
    expect(r.prior).toBe(true);
    expect(r.risk_score).toBeLessThan(0.99);
    expect(await models()).toBe(0);
  });

  it('a stored model fitted on one outcome alone is not used, fresh or not', async () => {
    const c = await noShowClinic(t);
    expect(await c.importRows(syntheticHistory(c.phones, { patients: PATIENTS, perPatient: 6, seed: 42, ...HISTORY }))).toBe(240);
    expect((await modelInfo()).version).toBe(1);
    // as a version trained before both outcomes were required would be stored
    await t.execute('UPDATE no_show_models SET no_shows = 0');
    expect(await modelInfo()).toMatchObject({ prior: true, version: null });
    expect((await risk((await c.book(1, DAY, '09:00')).id)).prior).toBe(true);
  });
});
