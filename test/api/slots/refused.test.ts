import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { searchSlots } from './helpers';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t, { patients: 0 });
});
afterEach(() => t.close());

const base = () => ({ date_from: '2026-11-30', date_to: '2026-12-04', appointment_type_id: c.type.id, provider_id: c.provider.id });

/** A 422 with a {detail} that names `field`, and an errors[] entry for it. */
async function expect422(params: Record<string, string | number | undefined>, field: string) {
  const res = await searchSlots(t, params);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(422);
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.detail).toContain(field);
  expect(res.body.errors.map((e: any) => e.path)).toContain(field);
  expect(Object.keys(res.body).sort()).toEqual(['detail', 'errors']);
  return res.body;
}

describe('slots: what is refused', () => {
  it('refuses missing or malformed dates', async () => {
    await expect422({ ...base(), date_from: undefined }, 'date_from');
    await expect422({ ...base(), date_to: undefined }, 'date_to');
    await expect422({ ...base(), date_from: '2026-02-30' }, 'date_from');
    await expect422({ ...base(), date_to: '30/11/2026' }, 'date_to');
  });

  it('says a required parameter given twice was given twice, not that it is missing', async () => {
    const res = await t.api(
      'GET',
      `/slots?date_from=2026-11-30&date_to=2026-12-01&date_to=2026-12-02&appointment_type_id=${c.type.id}&appointment_type_id=${c.type.id}&provider_id=${c.provider.id}`,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'date_to', message: 'given 2 times: send it once, a calendar date YYYY-MM-DD' },
      { path: 'appointment_type_id', message: 'given 2 times: send it once, the UUID of an appointment type' },
    ]);
    expect(res.body.detail).not.toMatch(/required/);
    const missing = await expect422({ ...base(), appointment_type_id: undefined }, 'appointment_type_id');
    expect(missing.errors[0].message).toBe('required: the UUID of an appointment type');
    const malformed = await expect422({ ...base(), appointment_type_id: 'x' }, 'appointment_type_id');
    expect(malformed.errors[0].message).toBe('expected the UUID of an appointment type');
  });

  it('refuses date_to before date_from, or more than 30 days after it', async () => {
    await expect422({ ...base(), date_from: '2026-12-04', date_to: '2026-12-03' }, 'date_to');
    const tooFar = await expect422({ ...base(), date_from: '2026-12-01', date_to: '2027-01-01' }, 'date_to');
    expect(tooFar.detail).toContain('30 days');
    expect((await searchSlots(t, { ...base(), date_from: '2026-12-01', date_to: '2026-12-31' })).status).toBe(200);
    expect((await searchSlots(t, { ...base(), date_from: '2026-12-01', date_to: '2026-12-01' })).status).toBe(200);
  });

  it('a range in the years 0000–0099 is past: an empty list, not a 500', async () => {
    for (const [date_from, date_to] of [['0000-01-01', '0000-01-07'], ['0099-12-25', '0100-01-05']]) {
      const res = await searchSlots(t, { ...base(), date_from, date_to });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      expect(res.body).toEqual({ data: [], next_cursor: null });
    }
  });

  it('refuses a range that ends after 9998-12-31 (ending on 9999-12-31 was a 500); one ending on 9998-12-31 is searched', async () => {
    const late = await expect422({ ...base(), date_from: '9999-12-25', date_to: '9999-12-31' }, 'date_to');
    expect(late.detail).toBe('date_to: must be 9998-12-31 or earlier');
    await expect422({ ...base(), date_from: '9998-12-31', date_to: '9999-01-01' }, 'date_to');
    const last = await searchSlots(t, { ...base(), date_from: '9998-12-02', date_to: '9998-12-31' });
    expect(last.status, JSON.stringify(last.body).slice(0, 300)).toBe(200);
    expect(last.body.data.length).toBeGreaterThan(0);
  });

  it('refuses a missing, malformed or unknown appointment type', async () => {
    await expect422({ ...base(), appointment_type_id: undefined }, 'appointment_type_id');
    await expect422({ ...base(), appointment_type_id: 'consulta' }, 'appointment_type_id');
    await expect422({ ...base(), appointment_type_id: randomUUID() }, 'appointment_type_id');
  });

  it('refuses neither provider_id nor specialty, an unknown provider and an unknown location', async () => {
    await expect422({ ...base(), provider_id: undefined }, 'provider_id');
    await expect422({ ...base(), provider_id: randomUUID() }, 'provider_id');
    await expect422({ ...base(), provider_id: 'dr-ana' }, 'provider_id');
    await expect422({ ...base(), specialty: '   ', provider_id: undefined }, 'specialty');
    await expect422({ ...base(), location_id: randomUUID() }, 'location_id');
    // several unknown references are named together
    const both = await expect422({ ...base(), provider_id: randomUUID(), appointment_type_id: randomUUID() }, 'provider_id');
    expect(both.errors.map((e: any) => e.path).sort()).toEqual(['appointment_type_id', 'provider_id']);
  });

  it('refuses a specialty no provider of the clinic has (a typo), naming the specialties its active providers have', async () => {
    // a second active provider, one with an accented variant of a specialty already listed, and an inactive one
    await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dra. B', specialties: ['Pediatria', 'cardiologia'] });
    const gone = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. C', specialties: ['Ortopedia'] });
    expect((await t.api('DELETE', `/providers/${gone.id}`)).status).toBe(204);
    for (const specialty of ['cardiolgia', 'Cardio', 'cardiologista']) {
      const body = await expect422({ ...base(), provider_id: undefined, specialty }, 'specialty');
      expect(body.errors).toEqual([{ path: 'specialty', message: expect.stringContaining(`'${specialty}'`) }]);
      // each specialty once, whatever its case or accents; an inactive provider's is not offered
      expect(body.errors[0].message).toMatch(/'Cardiologia', 'Pediatria'$/);
      expect(body.detail).not.toContain('Ortopedia');
    }
    // with a provider too: no provider has it at all
    await expect422({ ...base(), specialty: 'cardiolgia' }, 'specialty');
    // beside other mistakes, all named together
    const together = await expect422({ ...base(), provider_id: undefined, specialty: 'cardiolgia', location_id: randomUUID() }, 'specialty');
    expect(together.errors.map((e: any) => e.path).sort()).toEqual(['location_id', 'specialty']);
  });

  it('a clinic with no active provider at all says so when refusing a specialty', async () => {
    expect((await t.api('DELETE', `/providers/${c.provider.id}`)).status).toBe(204);
    const body = await expect422({ ...base(), provider_id: undefined, specialty: 'dermatologia' }, 'specialty');
    expect(body.errors[0].message).toContain('no active provider');
  });

  it('refuses a bad duration, limit, period or time', async () => {
    for (const duration_minutes of [0, 1441, 'abc', 2.5, -30]) await expect422({ ...base(), duration_minutes }, 'duration_minutes');
    for (const limit of [0, 201, 'x']) await expect422({ ...base(), limit }, 'limit');
    for (const period of ['madrugada', 'MORNING', '']) await expect422({ ...base(), period }, 'period');
    for (const time of ['25:00', '9:00', '09:60', 'noon']) await expect422({ ...base(), time }, 'time');
    expect((await searchSlots(t, { ...base(), duration_minutes: 1440 })).status).toBe(200);
    expect((await searchSlots(t, { ...base(), duration_minutes: 1 })).status).toBe(200);
    expect((await searchSlots(t, { ...base(), limit: 200, period: 'noite', time: '23:59' })).status).toBe(200);
  });

  it('refuses a forged cursor and a cursor of another query', async () => {
    const first = await searchSlots(t, { ...base(), limit: 3 });
    expect(first.status).toBe(200);
    const cursor = first.body.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    expect((await searchSlots(t, { ...base(), limit: 3, cursor })).status).toBe(200);
    await expect422({ ...base(), limit: 3, cursor: `${cursor}x` }, 'cursor');
    await expect422({ ...base(), limit: 3, cursor: 'eyJhIjoxfQ.c2lnbmF0dXJl' }, 'cursor');
    await expect422({ ...base(), limit: 3, cursor: 'garbage' }, 'cursor');
    // the same cursor with any other parameter than limit changed (another limit: works.test.ts)
    await expect422({ ...base(), limit: 3, cursor, period: 'tarde' }, 'cursor');
    await expect422({ ...base(), limit: 3, cursor, date_to: '2026-12-05' }, 'cursor');
    await expect422({ ...base(), limit: 3, cursor, duration_minutes: 30 }, 'cursor');
  });

  it('needs a key with the read scope', async () => {
    const none = await searchSlots(t, base(), null);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: expect.any(String) });
    const writeOnly = await searchSlots(t, base(), t.tenant.write);
    expect(writeOnly.status).toBe(403);
    expect(writeOnly.body).toEqual({ detail: expect.any(String) });
    expect((await searchSlots(t, base(), t.tenant.read)).status).toBe(200);
  });
});
