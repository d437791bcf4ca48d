/**
 * suggestSlots over the demo clinic in a real SQLite file: the parts of the day kept per day (`day_periods`), a day
 * listed once per part it keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestSlots, type SuggestQuery } from '../../../src/core/availability/suggest';
import { seedDemoClinic } from '../../../src/demo-seed';
import { minutesOfDay } from '../../../src/core/time';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let tenantId: string;
let ana: string;
let consulta: string;
beforeAll(async () => {
  t = await createTestApp(); // Wednesday 25/11/2026, 09:00 in São Paulo
  ({ tenantId } = await seedDemoClinic(t.core));
  ana = (await t.core.providers.list(tenantId, { includeInactive: false }, { limit: 200 })).items.find((p) => p.name === 'Dra. Ana Souza')!.id;
  consulta = (await t.core.appointmentTypes.list(tenantId, { includeInactive: false }, { limit: 200 })).items.find((ty) => ty.name === 'Consulta')!.id;
});
afterAll(() => t.close());

const query = (extra: Partial<SuggestQuery>): SuggestQuery => ({
  date_from: '2026-12-02',
  date_to: '2026-12-03',
  dates: ['2026-12-02', '2026-12-03'],
  appointment_type_id: consulta,
  provider_ids: [ana],
  specialty: null,
  location_id: null,
  period: null,
  time: null,
  time_from: null,
  time_to: null,
  limit: 200,
  ...extra,
});

describe('suggestSlots: parts of the day kept per day', () => {
  it('a day listed with two parts ("qualquer dia menos quarta à noite": Wednesday morning and afternoon) keeps both; the other day is whole', async () => {
    const slots = await suggestSlots(
      t.core.availability,
      tenantId,
      query({ day_periods: [{ date: '2026-12-02', period: 'manha' }, { date: '2026-12-02', period: 'tarde' }] }),
      '2026-11-25',
    );
    const wednesday = slots.filter((s) => s.date === '2026-12-02').map((s) => minutesOfDay(s.start_time));
    // Dra. Ana works Wednesdays 08:00–12:00 (Centro) and 14:00–18:00 (Savassi): both parts are offered
    expect(wednesday.some((m) => m < 12 * 60)).toBe(true);
    expect(wednesday.some((m) => m >= 12 * 60 && m < 18 * 60)).toBe(true);
    expect(slots.some((s) => s.date === '2026-12-03')).toBe(true);
  });

  it('a day listed with one part keeps to it', async () => {
    const slots = await suggestSlots(t.core.availability, tenantId, query({ day_periods: [{ date: '2026-12-02', period: 'tarde' }] }), '2026-11-25');
    const wednesday = slots.filter((s) => s.date === '2026-12-02');
    expect(wednesday.length).toBeGreaterThan(0);
    expect(wednesday.every((s) => minutesOfDay(s.start_time) >= 12 * 60 && minutesOfDay(s.start_time) < 18 * 60)).toBe(true);
  });
});
