import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const DOCTOR = '6c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const MISSING = '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b';

async function providerCount() {
  return t.count('providers');
}

function expectNoInternals(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/SQLITE|constraint|INSERT|UPDATE|SELECT|stack|drizzle/i);
}

describe('providers: what is refused', () => {
  it.each([
    ['missing doctor_id', {}],
    ['doctor_id not a uuid', { doctor_id: 'dr-ana' }],
    ['doctor_id of wrong type', { doctor_id: 42 }],
    ['empty name', { doctor_id: DOCTOR, name: '  ' }],
    ['name of wrong type', { doctor_id: DOCTOR, name: 7 }],
    ['duration below 5', { doctor_id: DOCTOR, default_appointment_duration_minutes: 4 }],
    ['duration above 480', { doctor_id: DOCTOR, default_appointment_duration_minutes: 481 }],
    ['fractional duration', { doctor_id: DOCTOR, default_appointment_duration_minutes: 30.5 }],
    ['duration as a string', { doctor_id: DOCTOR, default_appointment_duration_minutes: '30' }],
    ['null duration', { doctor_id: DOCTOR, default_appointment_duration_minutes: null }],
    ['negative buffer', { doctor_id: DOCTOR, buffer_between_appointments_minutes: -1 }],
    ['buffer above 240', { doctor_id: DOCTOR, buffer_between_appointments_minutes: 241 }],
    ['max daily 0', { doctor_id: DOCTOR, max_daily_appointments: 0 }],
    ['max daily fractional', { doctor_id: DOCTOR, max_daily_appointments: 1.5 }],
    ['max concurrent 0', { doctor_id: DOCTOR, max_concurrent_appointments: 0 }],
    ['max concurrent 101', { doctor_id: DOCTOR, max_concurrent_appointments: 101 }],
    ['primary location not a uuid', { doctor_id: DOCTOR, primary_location_id: 'centro' }],
    ['specialties not a list', { doctor_id: DOCTOR, specialties: 'Cardiologia' }],
    ['an empty specialty', { doctor_id: DOCTOR, specialties: ['Cardiologia', ''] }],
    ['a blank specialty', { doctor_id: DOCTOR, specialties: ['   '] }],
    ['a specialty of wrong type', { doctor_id: DOCTOR, specialties: [1] }],
    ['accepting as a string', { doctor_id: DOCTOR, is_accepting_new_patients: 'yes' }],
    ['metadata as a list', { doctor_id: DOCTOR, metadata: [1, 2] }],
    ['metadata as a string', { doctor_id: DOCTOR, metadata: 'x' }],
    ['an array body', [{ doctor_id: DOCTOR }]],
    ['a null body', null],
    ['a string body', 'doctor'],
  ])('%s: 422 with detail, nothing written', async (_label, body) => {
    const res = await t.api('POST', '/providers', body === 'doctor' ? JSON.stringify(body) : body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(await providerCount()).toBe(0);
  });

  it('malformed JSON is 422, not 500', async () => {
    const res = await t.api('POST', '/providers', '{"doctor_id": ');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/JSON/i);
  });

  it('metadata nested deeper than 32 levels is 422 on create and update, not a 500; 32 levels are kept', async () => {
    const nested = (depth: number) => JSON.parse('{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1));
    // as JSON text: so deep an object is more than JSON.stringify can write
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const created = await t.api('POST', '/providers', `{"doctor_id":"${DOCTOR}","metadata":${deep}}`);
    expect(created.status).toBe(422);
    expect(created.body.detail).toBe('Validation failed: metadata: nests deeper than 32 levels');
    expect(await providerCount()).toBe(0);
    expect((await t.api('POST', '/providers', { doctor_id: DOCTOR, metadata: { list: [nested(31)] } })).status).toBe(422);

    const kept = await t.api('POST', '/providers', { doctor_id: DOCTOR, metadata: nested(32) });
    expect(kept.status).toBe(201);
    expect(kept.body.metadata).toEqual(nested(32));
    const updated = await t.api('PUT', `/providers/${kept.body.id}`, `{"metadata":${deep}}`);
    expect(updated.status).toBe(422);
    expect(updated.body.detail).toMatch(/metadata: nests deeper than 32 levels/);
    expect((await t.api('GET', `/providers/${kept.body.id}`)).body.metadata).toEqual(nested(32));
  });

  it('a number in metadata beyond what JSON numbers hold (1e400) is 422 naming where, not stored as null', async () => {
    const created = await t.api('POST', '/providers', `{"doctor_id":"${DOCTOR}","metadata":{"crm":"CRM-MG 1","limits":[1,{"max":1e400}]}}`);
    expect(created.status, JSON.stringify(created.body)).toBe(422);
    expect(created.body.errors).toEqual([{ path: 'metadata.limits.1.max', message: 'a number too large to keep (beyond ±1.8e308)' }]);
    expect(await providerCount()).toBe(0);

    const kept = await t.api('POST', '/providers', `{"doctor_id":"${DOCTOR}","metadata":{"big":1e308,"tiny":1e-400,"zero":-0}}`);
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    expect(kept.body.metadata).toEqual({ big: 1e308, tiny: 0, zero: 0 });
    const updated = await t.api('PUT', `/providers/${kept.body.id}`, '{"metadata":{"x":-1e999}}');
    expect(updated.status).toBe(422);
    expect(updated.body.detail).toBe('Validation failed: metadata.x: a number too large to keep (beyond ±1.8e308)');
    expect((await t.api('GET', `/providers/${kept.body.id}`)).body.metadata).toEqual({ big: 1e308, tiny: 0, zero: 0 });
  });

  it('a specialty over 100 characters is told so, not "expected a string"', async () => {
    const res = await t.api('POST', '/providers', { doctor_id: DOCTOR, specialties: ['Cardiologia', 'c'.repeat(101)] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'specialties.1', message: 'at most 100 characters' }]);
    expect(await providerCount()).toBe(0);
  });

  it('a second profile for the same doctor is 409 without internals', async () => {
    expect((await t.api('POST', '/providers', { doctor_id: DOCTOR })).status).toBe(201);
    const res = await t.api('POST', '/providers', { doctor_id: DOCTOR, name: 'again' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/already has a provider profile/);
    expectNoInternals(res.body);
    expect(await providerCount()).toBe(1);
  });

  it('concurrent creates for one doctor: exactly one 201', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.api('POST', '/providers', { doctor_id: DOCTOR })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await providerCount()).toBe(1);
  });

  it('PUT to the doctor_id of another profile is 409 and changes nothing', async () => {
    await t.api('POST', '/providers', { doctor_id: DOCTOR });
    const other = await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name: 'B' });
    const res = await t.api('PUT', `/providers/${other.body.id}`, { doctor_id: DOCTOR, name: 'changed' });
    expect(res.status).toBe(409);
    expectNoInternals(res.body);
    expect((await t.api('GET', `/providers/${other.body.id}`)).body).toEqual(other.body);
  });

  it('an unknown primary location is 422 naming the field; an inactive one 409', async () => {
    const unknown = await t.api('POST', '/providers', { doctor_id: DOCTOR, primary_location_id: MISSING });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'primary_location_id', message: expect.stringContaining(MISSING) }]);
    const loc = await t.core.locations.create(t.tenant.tenantId, { name: 'Fechada' });
    await t.core.locations.deactivate(t.tenant.tenantId, loc.id);
    const inactive = await t.api('POST', '/providers', { doctor_id: DOCTOR, primary_location_id: loc.id });
    expect(inactive.status).toBe(409);
    expect(inactive.body.detail).toMatch(/inactive/);
    expect(await providerCount()).toBe(0);
  });

  it.each([
    ['duration 0', { default_appointment_duration_minutes: 0 }],
    ['buffer as text', { buffer_between_appointments_minutes: 'ten' }],
    ['null max concurrent', { max_concurrent_appointments: null }],
    ['an empty specialty', { specialties: [''] }],
    ['unknown primary location', { primary_location_id: MISSING }],
    ['is_active as text', { is_active: 'no' }],
    ['doctor_id not a uuid', { doctor_id: 'x' }],
    ['metadata null', { metadata: null }],
  ])('PUT with %s is 422 and changes nothing', async (_label, body) => {
    const created = await t.api('POST', '/providers', { doctor_id: DOCTOR, name: 'A', specialties: ['Cardiologia'] });
    t.clock.advance(1000);
    const res = await t.api('PUT', `/providers/${created.body.id}`, { name: 'B', ...body });
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect((await t.api('GET', `/providers/${created.body.id}`)).body).toEqual(created.body);
  });

  it('PUT to an inactive primary location is 409', async () => {
    const created = await t.api('POST', '/providers', { doctor_id: DOCTOR });
    const loc = await t.core.locations.create(t.tenant.tenantId, { name: 'Fechada' });
    await t.core.locations.deactivate(t.tenant.tenantId, loc.id);
    const res = await t.api('PUT', `/providers/${created.body.id}`, { primary_location_id: loc.id });
    expect(res.status).toBe(409);
  });

  it('unknown id is 404; a malformed id is 422', async () => {
    const missing = await t.api('GET', `/providers/${MISSING}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Provider not found' });
    expect((await t.api('GET', '/providers/not-a-uuid')).status).toBe(422);
    expect((await t.api('PUT', `/providers/${MISSING}`, { name: 'Y' })).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${MISSING}`)).status).toBe(404);
    expect((await t.api('DELETE', '/providers/123')).status).toBe(422);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=201', /limit/],
    ['limit=abc', /limit/],
    ['limit=1.5', /limit/],
    ['include_inactive=maybe', /include_inactive/],
    ['location_id=centro', /location_id/],
    ['specialty=', /specialty/],
  ])('?%s is 422', async (query, detail) => {
    const res = await t.api('GET', `/providers?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(detail);
  });

  it('a forged cursor, or one from a list with other filters, is 422', async () => {
    for (let i = 0; i < 3; i++) await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), specialties: ['Cardiologia'] });
    const cursor: string = (await t.api('GET', '/providers?limit=1&specialty=cardiologia')).body.next_cursor;
    expect(cursor).toBeTruthy();
    const forged = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of ['garbage', `${forged}.${cursor.split('.')[1]}`, `${cursor.split('.')[0]}.AAAA`]) {
      const res = await t.api('GET', `/providers?limit=1&specialty=cardiologia&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.detail).toMatch(/cursor/);
    }
    for (const other of ['', '&specialty=pediatria', '&specialty=cardiologia&include_inactive=true', `&specialty=cardiologia&location_id=${MISSING}`]) {
      const res = await t.api('GET', `/providers?limit=1${other}&cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, other).toBe(422);
    }
    expect((await t.api('GET', `/providers?limit=1&specialty=cardiologia&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
  });
});
