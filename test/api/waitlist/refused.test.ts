import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { events, waitlistClinic } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const UNKNOWN = '0193a1f2-0000-7000-8000-000000000000';

function entryRows(t: TestApp) {
  return t.count('waitlist_entries');
}

describe('waitlist: what is refused', () => {
  it('bad input is 422 {detail, errors} naming the field, and writes nothing', async () => {
    const c = await waitlistClinic(t);
    const base = c.entryBody(1);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['patient_id missing', { ...base, patient_id: undefined }, 'patient_id'],
      ['patient_id not a uuid', { ...base, patient_id: 'p1' }, 'patient_id'],
      ['appointment_type_id missing', { ...base, appointment_type_id: undefined }, 'appointment_type_id'],
      ['appointment_type_id not a uuid', { ...base, appointment_type_id: 42 }, 'appointment_type_id'],
      ['provider_id not a uuid', { ...base, provider_id: 'dr-ana' }, 'provider_id'],
      ['neither provider nor specialty', { ...base, provider_id: undefined }, 'provider_id'],
      ['null provider and no specialty', { ...base, provider_id: null, specialty: null }, 'provider_id'],
      ['empty specialty', { ...base, provider_id: undefined, specialty: '   ' }, 'specialty'],
      ['specialty not a string', { ...base, specialty: 7 }, 'specialty'],
      ['specialty too long', { ...base, specialty: 'x'.repeat(101) }, 'specialty'],
      ['location_id not a uuid', { ...base, location_id: 'centro' }, 'location_id'],
      ['date_from not a date', { ...base, date_from: '01/12/2026' }, 'date_from'],
      ['date_from impossible', { ...base, date_from: '2026-02-30' }, 'date_from'],
      ['date_to not a date', { ...base, date_to: '2026-13-01' }, 'date_to'],
      ['date_to before date_from', { ...base, date_from: '2026-12-10', date_to: '2026-12-09' }, 'date_to'],
      ['date_to in the past', { ...base, date_to: '2026-11-24' }, 'date_to'],
      ['periods not an array', { ...base, periods: 'manha' }, 'periods'],
      ['unknown period', { ...base, periods: ['manha', 'madrugada'] }, 'periods.1'],
      ['period not a string', { ...base, periods: [1] }, 'periods.0'],
      ['priority not an integer', { ...base, priority: 1.5 }, 'priority'],
      ['priority a string', { ...base, priority: 'alta' }, 'priority'],
      ['priority out of range', { ...base, priority: 1001 }, 'priority'],
      ['notes too long', { ...base, notes: 'x'.repeat(2001) }, 'notes'],
      ['notes not a string', { ...base, notes: { a: 1 } }, 'notes'],
    ];
    for (const [name, body, path] of cases) {
      const res = await t.api('POST', '/waitlist', body);
      expect(res.status, name).toBe(422);
      expect(res.body.detail, name).toEqual(expect.any(String));
      expect(res.body.errors.map((e: { path: string }) => e.path), name).toContain(path);
    }
    const malformed = await t.api('POST', '/waitlist', '{"patient_id": ');
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail).toEqual(expect.any(String));
    expect(await entryRows(t)).toBe(0);
    expect(await events(t, 'waitlist.added')).toEqual([]);
  });

  it('a specialty no provider of the clinic has, or one the named provider lacks, is 422: the entry could never be offered a time', async () => {
    const c = await waitlistClinic(t);
    const before = await entryRows(t);
    const typo = await t.api('POST', '/waitlist', c.entryBody(1, { provider_id: null, specialty: 'Cardio' }));
    expect(typo.status, JSON.stringify(typo.body)).toBe(422);
    expect(typo.body.errors).toEqual([{ path: 'specialty', message: expect.stringContaining("'Cardio'") }]);
    // and names the ones there are, as GET /slots does
    expect(typo.body.errors[0].message).toMatch(/active providers: 'Cardiologia'$/);
    const mismatch = await t.api('POST', '/waitlist', c.entryBody(1, { specialty: 'Dermatologia' }));
    expect(mismatch.status, JSON.stringify(mismatch.body)).toBe(422);
    expect(mismatch.body.errors).toEqual([{ path: 'specialty', message: expect.stringContaining('Cardiologia') }]);
    expect(await entryRows(t)).toBe(before);
    expect(await events(t, 'waitlist.added')).toHaveLength(0);

    // the provider's own specialty, in any case and accents, and a specialty alone that a provider has, are fine
    expect((await t.api('POST', '/waitlist', c.entryBody(1, { specialty: 'CARDIOLÓGIA' }))).status).toBe(201);
    expect((await t.api('POST', '/waitlist', c.entryBody(2, { provider_id: null, specialty: 'cardiologia' }))).status).toBe(201);
    // a provider deactivated for now still makes the specialty a real one to wait for
    await t.api('DELETE', `/providers/${c.provider.id}`);
    expect((await t.api('POST', '/waitlist', c.entryBody(3, { provider_id: null, specialty: 'Cardiologia' }))).status).toBe(201);
  });

  it('a specialty over 100 characters is told so, not "expected a string"', async () => {
    const c = await waitlistClinic(t);
    const res = await t.api('POST', '/waitlist', { ...c.entryBody(1), provider_id: undefined, specialty: 'c'.repeat(101) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'specialty', message: 'at most 100 characters' }]);
    expect(await entryRows(t)).toBe(0);
  });

  it('unknown ids are 422 naming each field', async () => {
    const c = await waitlistClinic(t);
    const res = await t.api('POST', '/waitlist', {
      patient_id: UNKNOWN,
      appointment_type_id: UNKNOWN,
      provider_id: UNKNOWN,
      location_id: UNKNOWN,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['appointment_type_id', 'location_id', 'patient_id', 'provider_id']);
    const one = await t.api('POST', '/waitlist', c.entryBody(1, { location_id: UNKNOWN }));
    expect(one.status).toBe(422);
    expect(one.body).toEqual({ detail: 'location_id: unknown location', errors: [{ path: 'location_id', message: 'unknown location' }] });
    expect(await entryRows(t)).toBe(0);
  });

  it('inactive patient, provider, location or appointment type is 409', async () => {
    const cases: Array<[string, (c: Awaited<ReturnType<typeof waitlistClinic>>) => string, string]> = [
      ['patient', (c) => `/patients/${c.patients[1]!.id}`, 'The patient is inactive'],
      ['provider', (c) => `/providers/${c.provider.id}`, 'The provider is inactive'],
      ['location', (c) => `/locations/${c.location.id}`, 'The location is inactive'],
      ['type', (c) => `/appointment-types/${c.type.id}`, 'The appointment type is inactive'],
    ];
    for (const [name, path, detail] of cases) {
      // a clinic of its own (a tenant of its own) per case
      const { readWrite: key } = await t.addTenant(`Clínica ${name}`);
      const c = await waitlistClinic(t, { key });
      expect((await t.api('DELETE', path(c), undefined, { key })).status, name).toBe(204);
      const res = await t.api('POST', '/waitlist', c.entryBody(1, { location_id: c.location.id }), { key });
      expect(res.status, name).toBe(409);
      expect(res.body, name).toEqual({ detail });
    }
    expect(await entryRows(t)).toBe(0);
  });

  it('the same Idempotency-Key with another body is 409', async () => {
    const c = await waitlistClinic(t);
    const headers = { 'idempotency-key': 'wl-2' };
    expect((await t.api('POST', '/waitlist', c.entryBody(1), { headers })).status).toBe(201);
    expect((await t.api('POST', '/waitlist', c.entryBody(2), { headers })).status).toBe(409);
    expect(await entryRows(t)).toBe(1);
  });

  it('bad paths and queries are 422; unknown ids 404', async () => {
    for (const path of ['/waitlist/nope', '/waitlist/position/nope']) {
      expect((await t.api('GET', path)).status, path).toBe(422);
    }
    expect((await t.api('DELETE', '/waitlist/nope')).status).toBe(422);
    for (const path of [`/waitlist/${UNKNOWN}`, `/waitlist/position/${UNKNOWN}`]) {
      const res = await t.api('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ detail: 'Waitlist entry not found' });
    }
    expect((await t.api('DELETE', `/waitlist/${UNKNOWN}`)).status).toBe(404);
    for (const query of ['status=gone', 'limit=0', 'limit=201', 'limit=x', 'patient_id=p1', 'provider_id=1', 'specialty=', 'cursor=forged.cursor']) {
      const res = await t.api('GET', `/waitlist?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.detail, query).toEqual(expect.any(String));
    }
  });

  it('a cursor from another list or other filters is 422', async () => {
    const c = await waitlistClinic(t);
    await c.addEntry(0);
    await c.addEntry(1);
    const cursor = (await t.api('GET', '/waitlist?limit=1')).body.next_cursor;
    expect((await t.api('GET', `/waitlist?limit=1&status=removed&cursor=${encodeURIComponent(cursor)}`)).status).toBe(422);
    expect((await t.api('GET', `/patients?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(422);
  });

  it('a removed entry has no position (409); a booked one cannot be removed (409)', async () => {
    const c = await waitlistClinic(t);
    const a = await c.addEntry(0);
    await t.api('DELETE', `/waitlist/${a.id}`);
    const res = await t.api('GET', `/waitlist/position/${a.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/removed/);

    const b = await c.addEntry(1);
    await t.execute("UPDATE waitlist_entries SET status = 'booked' WHERE id = ?", b.id);
    const del = await t.api('DELETE', `/waitlist/${b.id}`);
    expect(del.status).toBe(409);
    expect(del.body).toEqual({ detail: "Cannot remove a waitlist entry in status 'booked'" });
    expect(await events(t, 'waitlist.removed')).toHaveLength(1);
  });
});
