/**
 * An appointment names its provider `provider_profile_id`; the list filters take `provider_id` (the
 * reference's name). A client that filters by the field name it reads must not silently get every
 * provider's appointments: `provider_profile_id` filters too, and the two disagreeing is a 422.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function twoProviders() {
  const c = await createClinic(t);
  const other = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Paulo Lima', specialties: ['Cardiologia'] });
  await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
  const mine = await c.ok('POST', '/appointments', c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'));
  const theirs = await c.ok(
    'POST',
    '/appointments',
    c.booking('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00', { provider_profile_id: other.id, patient_id: c.patients[1]!.id }),
  );
  return { c, other, mine, theirs };
}

describe('filtering by provider under the appointment field name', () => {
  it('GET /appointments?provider_profile_id= filters like provider_id', async () => {
    const { c, mine } = await twoProviders();
    const res = await t.api('GET', `/appointments?provider_profile_id=${c.provider.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    const same = await t.api('GET', `/appointments?provider_id=${c.provider.id}&provider_profile_id=${c.provider.id}`);
    expect(same.body.data.map((a: { id: string }) => a.id)).toEqual([mine.id]);
  });

  it('GET /no-show/daily-risks?provider_profile_id= filters like provider_id', async () => {
    const { other, theirs } = await twoProviders();
    const res = await t.api('GET', `/no-show/daily-risks?date=2026-12-01&provider_profile_id=${other.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((r: { appointment_id: string }) => r.appointment_id)).toEqual([theirs.id]);
  });

  it('both names with different ids is a 422 naming them', async () => {
    const { c, other } = await twoProviders();
    for (const path of ['/appointments?', '/no-show/daily-risks?date=2026-12-01&']) {
      const res = await t.api('GET', `${path}provider_id=${c.provider.id}&provider_profile_id=${other.id}`);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'provider_profile_id', message: expect.stringContaining('provider_id') }]);
    }
  });
});
