import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { noShowClinic, syntheticHistory } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const DAY = '2026-12-01';

describe('no-show: what never leaks', () => {
  it("another tenant's appointment is a 404, its day and its model are its own", async () => {
    const mine = await noShowClinic(t);
    await mine.importRows(syntheticHistory(mine.phones, { patients: mine.patients.map((_, i) => i), perPatient: 6, from: '2026-08-03', to: '2026-11-24', seed: 1 }));
    const a = await mine.book(0, DAY, '09:00');
    const key = t.other.readWrite;
    expect((await t.api('GET', `/no-show/appointments/${a.id}/risk`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/no-show/appointments/${a.id}/risk`, undefined, { key })).body).toEqual({ detail: 'Appointment not found' });
    expect((await t.api('GET', `/no-show/daily-risks?date=${DAY}`, undefined, { key })).body).toEqual({ data: [], next_cursor: null });

    // the first tenant trains on its 240 outcomes; the other still has none and keeps the prior
    expect((await t.api('GET', '/no-show/model-info')).body).toMatchObject({ prior: false, version: 1, samples: 240 });
    expect((await t.api('GET', '/no-show/model-info', undefined, { key })).body).toMatchObject({ prior: true, version: null, samples: 0 });

    // the other tenant's own appointment scores under its prior, unaffected by the first tenant's history
    const theirs = await noShowClinic(t, { key, patients: 1 });
    const b = await theirs.book(0, DAY, '09:00');
    const res = await t.api('GET', `/no-show/appointments/${b.id}/risk`, undefined, { key });
    expect(res.body).toMatchObject({ prior: true, model_version: null });
    expect((await t.api('GET', `/no-show/appointments/${b.id}/risk`)).status).toBe(404);
    const day = await t.api('GET', `/no-show/daily-risks?date=${DAY}`, undefined, { key });
    expect(day.body.data.map((r: { appointment_id: string }) => r.appointment_id)).toEqual([b.id]);
  });

  it("a patient's history in another tenant never enters a score", async () => {
    // the same phone numbers in both tenants: the other tenant's no-shows must not count here
    const mine = await noShowClinic(t, { patients: 1 });
    const theirs = await noShowClinic(t, { key: t.other.readWrite, patients: 1 });
    expect(theirs.phones[0]).toBe(mine.phones[0]);
    await theirs.importRows([
      { patient_phone: theirs.phones[0], scheduled_at: '2026-10-01 10:00', start_time: '2026-10-05 09:00', status: 'no_show' },
      { patient_phone: theirs.phones[0], scheduled_at: '2026-10-06 10:00', start_time: '2026-10-13 09:00', status: 'no_show' },
    ]);
    const a = await mine.book(0, DAY, '09:00');
    const res = await t.api('GET', `/no-show/appointments/${a.id}/risk`);
    expect(res.body.risk_factors.map((f: { factor: string }) => f.factor)).not.toContain('no_show_history');
  });

  it('a key without the read scope is 403, no key is 401', async () => {
    const c = await noShowClinic(t, { patients: 1 });
    const a = await c.book(0, DAY, '09:00');
    const paths = [`/no-show/appointments/${a.id}/risk`, `/no-show/daily-risks?date=${DAY}`, '/no-show/model-info'];
    for (const path of paths) {
      expect((await t.api('GET', path, undefined, { key: t.tenant.write })).status, path).toBe(403);
      expect((await t.api('GET', path, undefined, { key: null })).status, path).toBe(401);
      expect((await t.api('GET', path, undefined, { key: 'agd_nope' })).status, path).toBe(401);
      expect((await t.api('GET', path, undefined, { key: t.tenant.read })).status, path).toBe(200);
    }
  });

  it('error bodies carry no SQL or internal names', async () => {
    const bodies = [
      (await t.api('GET', '/no-show/appointments/0193a1f2-0000-7000-8000-000000000000/risk')).body,
      (await t.api('GET', '/no-show/daily-risks?date=2026-02-30')).body,
      (await t.api('GET', `/no-show/daily-risks?date=${DAY}&cursor=abc.def`)).body,
    ];
    for (const body of bodies) expect(JSON.stringify(body)).not.toMatch(/SELECT|no_show_models|appointments a|sqlite|stack/i);
  });

  it('the OpenAPI document describes the three operations at the reference paths', async () => {
    const doc: any = await (await t.app.request('/openapi.json')).json();
    const ops = [
      ['/v1/scheduling/no-show/appointments/{appointment_id}/risk', 'Single appointment risk score', ['401', '403', '404', '409', '422']],
      ['/v1/scheduling/no-show/daily-risks', 'Batch risk scores for a date', ['401', '403', '422']],
      ['/v1/scheduling/no-show/model-info', 'Prediction model metadata', ['401', '403']],
    ] as const;
    for (const [path, summary, codes] of ops) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op.summary).toBe(summary);
      for (const code of codes) expect(Object.keys(op.responses), path).toContain(code);
    }
    const risk = doc.paths['/v1/scheduling/no-show/appointments/{appointment_id}/risk'].get;
    expect(risk.description).toMatch(/low` below 15%.*`medium` from 15%.*`high` from 30%/);
    expect(risk.description).toMatch(/409/);
    expect(doc.components.schemas.NoShowRisk.example.risk_factors.length).toBeGreaterThan(0);
    expect(doc.components.schemas.NoShowModelInfo.example.holdout.auc).toEqual(expect.any(Number));
  });
});
