/**
 * PUT /locations/{id} with a new `timezone`: every appointment there, past ones too, gets the local date
 * its start has in the new zone (its instants stay), in the update's own atomic step. The local date is
 * what the daily limit counts, the list's date filters and the no-show daily view read. Another
 * location's appointments keep theirs. Real SQLite file, requests through the app.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { offsetRunsOverDays, utcToLocal } from '../../../src/core/time';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const everyDay = [0, 1, 2, 3, 4, 5, 6].map((d) => [d, '00:00', '23:59'] as [number, string, string]);

const localDateOf = async (id: string) => (await t.row<{ local_date: string }>('SELECT local_date FROM appointments WHERE id = ?', id))!.local_date;

async function book(body: Record<string, unknown>) {
  const res = await t.api('POST', '/appointments', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function listIds(query: string) {
  const res = await t.api('GET', `/appointments?${query}`);
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ id: string }>).map((a) => a.id);
}

describe('PUT /locations/{id} with a new timezone: the appointments’ local dates', () => {
  it('move with the zone, past ones too; list filters, the daily limit and the daily no-show view see the new dates; another location keeps its own', async () => {
    // a past appointment, booked while it was to come: 2026-11-10 23:30 in São Paulo is 02:30Z on the 11th
    t.clock.set('2026-11-01T12:00:00.000Z');
    const c = await createClinic(t, { templates: everyDay, patients: 3, provider: { max_daily_appointments: 1 } });
    const past = await book(c.booking('2026-11-10T23:30:00-03:00', '2026-11-10T23:59:00-03:00'));
    t.clock.set(TEST_NOW);
    // 2026-12-01 23:30 in São Paulo (02:30Z on the 2nd) is 00:30 on the 2nd in Noronha (UTC−2)
    const late = await book(c.booking('2026-12-01T23:30:00-03:00', '2026-12-01T23:59:00-03:00'));
    const noon = await book(c.booking('2026-12-03T12:00:00-03:00', '2026-12-03T12:30:00-03:00'));

    // another location of the tenant, in São Paulo, with its own appointment near midnight
    const north = (await t.api('POST', '/locations', { name: 'Unidade Norte', timezone: 'America/Sao_Paulo' })).body;
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), primary_location_id: north.id })).body;
    for (const [day, start, end] of everyDay) {
      await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: day, start_time: start, end_time: end, location_id: north.id });
    }
    const elsewhere = await book(
      c.booking('2026-12-01T23:30:00-03:00', '2026-12-01T23:59:00-03:00', { provider_profile_id: other.id, location_id: north.id, patient_id: c.patients[1]!.id }),
    );
    expect(await Promise.all([past, late, noon, elsewhere].map((a) => localDateOf(a.id)))).toEqual(['2026-11-10', '2026-12-01', '2026-12-03', '2026-12-01']);

    const res = await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Noronha' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.timezone).toBe('America/Noronha');

    expect(await Promise.all([past, late, noon, elsewhere].map((a) => localDateOf(a.id)))).toEqual(['2026-11-11', '2026-12-02', '2026-12-03', '2026-12-01']);
    // the instants stay
    const got = (await t.api('GET', `/appointments/${late.id}`)).body;
    expect([got.start_time, got.end_time]).toEqual(['2026-12-02T02:30:00.000Z', '2026-12-02T02:59:00.000Z']);

    // list filters
    expect(await listIds(`location_id=${c.location.id}&date_from=2026-12-01&date_to=2026-12-01`)).toEqual([]);
    expect(await listIds(`location_id=${c.location.id}&date_from=2026-12-02&date_to=2026-12-02`)).toEqual([late.id]);
    expect(await listIds(`location_id=${c.location.id}&date_from=2026-11-11&date_to=2026-11-11`)).toEqual([past.id]);
    expect(await listIds(`date_from=2026-12-01&date_to=2026-12-01`)).toEqual([elsewhere.id]);

    // the daily no-show view
    const daily = (date: string) => t.api('GET', `/no-show/daily-risks?date=${date}`).then((r) => (r.body.data as Array<{ appointment_id: string }>).map((x) => x.appointment_id));
    expect(await daily('2026-12-02')).toEqual([late.id]);
    expect(await daily('2026-12-01')).toEqual([elsewhere.id]);

    // max_daily_appointments = 1: the 2nd (Noronha) is taken by `late`, the 1st is free now
    const second = await t.api('POST', '/appointments', c.booking('2026-12-02T10:00:00-02:00', '2026-12-02T10:30:00-02:00', { patient_id: c.patients[2]!.id }));
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/max_daily_appointments/);
    const first = await t.api('POST', '/appointments', c.booking('2026-12-01T10:00:00-02:00', '2026-12-01T10:30:00-02:00', { patient_id: c.patients[2]!.id }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(await localDateOf(first.body.id)).toBe('2026-12-01');
  });

  it('follow the zone’s history: a past instant in São Paulo’s summer time (UTC−2 then) gets the date it had there', async () => {
    // 2018-12-02 02:30Z: 22:30 on the 1st in Manaus (UTC−4), 00:30 on the 2nd in São Paulo (UTC−2, summer time until Feb 2019)
    t.clock.set('2018-11-20T12:00:00.000Z');
    const c = await createClinic(t, { timezone: 'America/Manaus', templates: everyDay });
    const dst = await book(c.booking('2018-12-01T22:30:00-04:00', '2018-12-01T22:59:00-04:00'));
    // 2019-03-02 02:30Z: after summer time, 23:30 on the 1st in São Paulo (UTC−3)
    const after = await book(c.booking('2019-03-01T22:30:00-04:00', '2019-03-01T22:59:00-04:00'));
    t.clock.set(TEST_NOW);
    expect(await Promise.all([dst, after].map((a) => localDateOf(a.id)))).toEqual(['2018-12-01', '2019-03-01']);

    expect((await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Sao_Paulo' })).status).toBe(200);
    expect(await Promise.all([dst, after].map((a) => localDateOf(a.id)))).toEqual(['2018-12-02', '2019-03-01']);
  });

  it('every appointment of a larger book gets the date core/time gives its start in the new zone', async () => {
    const c = await createClinic(t, { templates: everyDay });
    // 400 appointments every 7 h 13 min from 2017 on (São Paulo had summer time until Feb 2019), written
    // as an import would, with their São Paulo dates
    const insert = (...values: unknown[]) => t.execute(`INSERT INTO appointments (id, tenant_id, provider_profile_id, patient_id, appointment_type_id,
      location_id, room_id, start_time, end_time, local_date, status, source, metadata, version, change_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'completed', 'import', '{}', 1, ?, ?, ?)`, ...values);
    const starts: string[] = [];
    for (let i = 0; i < 400; i++) {
      const start = Date.parse('2017-09-01T00:00:00Z') + i * (7 * 60 + 13) * 60_000;
      const iso = new Date(start).toISOString();
      starts.push(iso);
      await insert(crypto.randomUUID(), t.tenant.tenantId, c.provider.id, c.patients[0]!.id, c.type.id, c.location.id, iso,
        new Date(start + 30 * 60_000).toISOString(), utcToLocal(new Date(start), 'America/Sao_Paulo').date, crypto.randomUUID(), TEST_NOW, TEST_NOW);
    }
    for (const zone of ['America/Cuiaba', 'America/Noronha', 'America/Sao_Paulo', 'America/Rio_Branco']) {
      expect((await t.api('PUT', `/locations/${c.location.id}`, { timezone: zone })).status).toBe(200);
      const rows = await t.rows<{ start_time: string; local_date: string }>('SELECT start_time, local_date FROM appointments WHERE location_id = ? ORDER BY start_time', c.location.id);
      expect(rows.map((r) => r.start_time)).toEqual(starts);
      expect(rows.map((r) => r.local_date)).toEqual(starts.map((s) => utcToLocal(new Date(s), zone).date));
    }
  });
});

describe('PUT /locations/{id} with a new timezone: race safety', () => {
  it('the write is refused, changing nothing, when an appointment was written on a day not read, or the zone changed; as read now, it is made', async () => {
    const c = await createClinic(t, { templates: everyDay });
    const late = await book(c.booking('2026-12-01T23:30:00-03:00', '2026-12-01T23:59:00-03:00'));
    const tenantId = t.tenant.tenantId;
    const relocalise = async (zone: string) => {
      const days = await t.repos.locations.appointmentDays(tenantId, c.location.id);
      return { days, runs: offsetRunsOverDays(days, zone) };
    };
    const changes = () => ({ timezone: 'America/Noronha', updated_at: t.clock.now().toISOString() });

    // read before `late` and `later` were booked: no days
    const stale = await relocalise('America/Noronha');
    const later = await book(c.booking('2026-12-08T23:30:00-03:00', '2026-12-08T23:59:00-03:00', { patient_id: c.patients[1]!.id }));
    expect(stale.days).toEqual(['2026-12-02']);
    expect(await t.repos.locations.update(tenantId, c.location.id, changes(), undefined, { previousZone: 'America/Sao_Paulo', offers: [], appointments: stale })).toBeNull();
    // read now, but with the zone as it was before another change of it
    const fresh = await relocalise('America/Noronha');
    expect(fresh.days).toEqual(['2026-12-02', '2026-12-09']);
    expect(await t.repos.locations.update(tenantId, c.location.id, changes(), undefined, { previousZone: 'America/Manaus', offers: [], appointments: fresh })).toBeNull();
    expect((await t.api('GET', `/locations/${c.location.id}`)).body.timezone).toBe('America/Sao_Paulo');
    expect(await Promise.all([late, later].map((a) => localDateOf(a.id)))).toEqual(['2026-12-01', '2026-12-08']);

    expect(await t.repos.locations.update(tenantId, c.location.id, changes(), undefined, { previousZone: 'America/Sao_Paulo', offers: [], appointments: fresh })).not.toBeNull();
    expect(await Promise.all([late, later].map((a) => localDateOf(a.id)))).toEqual(['2026-12-02', '2026-12-09']);
  });
});

describe('PUT /locations/{id} refused', () => {
  it('a change of zone refused (the zone changed meanwhile) leaves the rooms as they were; made, it changes them', async () => {
    const c = await createClinic(t, { templates: everyDay });
    const tenantId = t.tenant.tenantId;
    const put = await t.api('PUT', `/locations/${c.location.id}`, { rooms: [{ name: 'Sala 1' }, { name: 'Sala 2' }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const roomsOf = () => t.rows('SELECT name, is_active, position FROM rooms WHERE location_id = ? ORDER BY is_active DESC, position, name', c.location.id);
    const before = await roomsOf();
    const active = async () => (await roomsOf()).filter((r) => r.is_active === 1).map((r) => r.name);
    expect(await active()).toEqual(['Sala 1', 'Sala 2']);
    const days = await t.repos.locations.appointmentDays(tenantId, c.location.id);
    const relocalised = (previousZone: string) => ({ previousZone, offers: [], appointments: { days, runs: offsetRunsOverDays(days, 'America/Noronha') } });
    const changes = () => ({ timezone: 'America/Noronha', updated_at: t.clock.now().toISOString() });
    const newRooms = [{ id: crypto.randomUUID(), name: 'Sala 3' }];

    expect(await t.repos.locations.update(tenantId, c.location.id, changes(), newRooms, relocalised('America/Manaus'))).toBeNull();
    expect(await roomsOf()).toEqual(before);

    expect(await t.repos.locations.update(tenantId, c.location.id, changes(), newRooms, relocalised('America/Sao_Paulo'))).not.toBeNull();
    expect(await active()).toEqual(['Sala 3']);
    expect(await roomsOf()).toHaveLength(before.length + 1);
  });
});
