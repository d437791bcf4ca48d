/**
 * A whole number beyond what JSON numbers hold exactly (2^53 + 1 = 9007199254740993) is refused with the
 * range the field takes, not a message that the number, as written, seems to meet ("at least 1").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const HUGE = '9007199254740993';

/** the body as JSON text, with HUGE written as a number where the value is the string 'HUGE' */
const withHuge = (body: Record<string, unknown>) => JSON.stringify(body).replace('"HUGE"', HUGE);

describe('integers beyond the safe range', () => {
  it('every integer field of a body names its allowed range', async () => {
    const c = await createClinic(t);
    const booked = await c.ok('POST', '/appointments', c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'));
    const provider = `/providers/${c.provider.id}`;
    const cases: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
      ['PUT', provider, { max_daily_appointments: 'HUGE' }, 'max_daily_appointments', /from 1 to 9007199254740991/],
      ['PUT', provider, { max_concurrent_appointments: 'HUGE' }, 'max_concurrent_appointments', /from 1 to 100/],
      ['PUT', provider, { default_appointment_duration_minutes: 'HUGE' }, 'default_appointment_duration_minutes', /from 5 to 480/],
      ['PUT', provider, { buffer_between_appointments_minutes: 'HUGE' }, 'buffer_between_appointments_minutes', /from 0 to 240/],
      ['POST', '/providers', { doctor_id: crypto.randomUUID(), max_daily_appointments: 'HUGE' }, 'max_daily_appointments', /from 1 to 9007199254740991/],
      ['PUT', `/appointments/${booked.id}`, { version: 'HUGE', notes: 'x' }, 'version', /from 1 to 9007199254740991/],
      ['PUT', `/locations/${c.location.id}`, { travel_minutes: { [c.location.id]: 'HUGE' } }, `travel_minutes.${c.location.id}`, /from 0 to 1440/],
      ['PUT', `/appointment-types/${c.type.id}`, { duration_minutes: 'HUGE' }, 'duration_minutes', /from 1 to 1440/],
      ['POST', `${provider}/templates`, { day_of_week: 'HUGE', start_time: '13:00', end_time: '14:00', location_id: c.location.id }, 'day_of_week', /from 0 \(Sunday\) to 6/],
      ['POST', `${provider}/templates`, { day_of_week: 6, start_time: '13:00', end_time: '14:00', location_id: c.location.id, slot_interval_minutes: 'HUGE' }, 'slot_interval_minutes', /from 5 to 240/],
      ['POST', '/waitlist', { patient_id: c.patients[1]!.id, appointment_type_id: c.type.id, provider_id: c.provider.id, priority: 'HUGE' }, 'priority', /from -1000 to 1000/],
    ];
    for (const [method, path, body, field, range] of cases) {
      const res = await t.api(method, path, withHuge(body));
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      const error = res.body.errors.find((e: { path: string }) => e.path === field);
      expect(error?.message, `${field}: ${JSON.stringify(res.body)}`).toMatch(range);
    }
    // nothing changed
    expect((await t.api('GET', provider)).body.max_daily_appointments).toBeNull();
    expect((await t.api('GET', `/appointments/${booked.id}`)).body.version).toBe(1);
  });

  it('the largest safe value is taken where the range allows it', async () => {
    const c = await createClinic(t);
    const res = await t.api('PUT', `/providers/${c.provider.id}`, '{"max_daily_appointments": 9007199254740991}');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.max_daily_appointments).toBe(Number.MAX_SAFE_INTEGER);
  });
});
