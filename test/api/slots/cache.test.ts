/**
 * Slot search's cache (src/core/availability/slot-cache.ts): whatever changes, from this app, a second
 * app on the same file or another process, the next search answers exactly what a search without any
 * cache answers — an app over the same file with SLOT_CACHE_MAX_DAYS=0, the oracle here.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { API_BASE, buildApp } from '../../../src/app';
import { randomIds } from '../../../src/core/clock';
import { DEFAULT_CORE_SETTINGS } from '../../../src/core/deps';
import { openSqlite, type SqliteHandle } from '../../../src/db/client.sqlite';
import { createRepositories } from '../../../src/db/repos';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { PROJECT_ROOT } from '../../helpers/spawn';

let t: TestApp;
const handles: SqliteHandle[] = [];
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  t.close();
});

// The clock is Wednesday 2026-11-25 12:00Z (09:00 in São Paulo); the default clinic works Monday–Friday
// 08:00–12:00 in São Paulo, 30-minute consultations; the minimum notice is 60 minutes.
const TODAY = '2026-11-25';
const MONDAY = '2026-11-30';

type Clinic = Awaited<ReturnType<typeof createClinic>>;

/**
 * Another app on the same database and clock (a second connection to the SQLite file; on D1, the same
 * database, as another Worker isolate sees it): `slotCacheMaxDays` 0 makes it the cache-less oracle.
 */
function secondApp(slotCacheMaxDays?: number) {
  let db = t.db;
  if (!ON_D1) {
    const handle = openSqlite(t.dbPath);
    handles.push(handle);
    db = handle.db;
  }
  const settings = { ...DEFAULT_CORE_SETTINGS, ...(slotCacheMaxDays === undefined ? {} : { slotCacheMaxDays }) };
  const app = buildApp({ repos: createRepositories(db), clock: t.clock, ids: randomIds, version: 'test', logLevel: 'silent', settings });
  return {
    async get(path: string) {
      const res = await app.request(`${API_BASE}${path}`, { headers: { 'x-api-key': t.tenant.readWrite } });
      return { status: res.status, body: (await res.json()) as any };
    },
    async post(path: string, body: unknown) {
      const res = await app.request(`${API_BASE}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': t.tenant.readWrite, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
  };
}

function slotsPath(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  return `/slots?${query}`;
}

/** GET /slots on the app under test and on the oracle: both answers, which must be equal. */
async function both(oracle: ReturnType<typeof secondApp>, params: Record<string, string | number | undefined>) {
  const path = slotsPath(params);
  const cached = await t.api('GET', path);
  const cold = await oracle.get(path);
  expect(cached.status, JSON.stringify(cached.body)).toBe(200);
  expect(cached.body).toEqual(cold.body);
  return cached.body as { data: Array<{ date: string; start_time: string; end_time: string; start_at: string; end_at: string; provider_id: string; location: { id: string }; score: number }>; next_cursor: string | null };
}

const byProvider = (c: Clinic, from = TODAY, to = '2026-12-04', extra: Record<string, string | number | undefined> = {}) => ({
  date_from: from,
  date_to: to,
  appointment_type_id: c.type.id,
  provider_id: c.provider.id,
  limit: 200,
  ...extra,
});

const when = (slots: Array<{ date: string; start_time: string }>) => slots.map((s) => `${s.date} ${s.start_time}`);

describe('slots: the cache', () => {
  it('answers a repeated search (a cache hit) with the same JSON as a search without cache, page after page', async () => {
    const c = await createClinic(t);
    await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. B', specialties: ['cardiologia'], primary_location_id: c.location.id });
    const oracle = secondApp(0);
    const params = { date_from: TODAY, date_to: '2026-12-20', appointment_type_id: c.type.id, specialty: 'Cardiologia', limit: 7 };
    const first = await both(oracle, params);
    const again = await both(oracle, params);
    expect(again).toEqual(first);
    expect(first.data.length).toBe(7);
    let cursor = first.next_cursor;
    for (let page = 0; page < 4 && cursor; page++) cursor = (await both(oracle, { ...params, cursor })).next_cursor;
    for (const extra of [{ period: 'tarde' }, { time: '11:00' }, { duration_minutes: 45 }, { location_id: c.location.id }]) {
      await both(oracle, { ...params, ...extra });
      await both(oracle, { ...params, ...extra });
    }
  });

  it('a booking through the API takes its slot out of the next search', async () => {
    const c = await createClinic(t);
    const oracle = secondApp(0);
    const before = await both(oracle, byProvider(c, MONDAY, MONDAY));
    const slot = before.data[3]!;
    expect((await t.api('POST', '/appointments', c.booking(slot.start_at, slot.end_at))).status).toBe(201);
    const after = await both(oracle, byProvider(c, MONDAY, MONDAY));
    expect(when(after.data)).not.toContain(`${slot.date} ${slot.start_time}`);
    expect(after.data.length).toBe(before.data.length - 1);
  });

  it('a booking by a second app instance on the same file, with its own cache, does too; and its cancellation frees the slot', async () => {
    const c = await createClinic(t);
    const oracle = secondApp(0);
    const second = secondApp();
    const before = await both(oracle, byProvider(c, MONDAY, MONDAY));
    expect((await second.get(slotsPath(byProvider(c, MONDAY, MONDAY)))).body).toEqual(before);
    const slot = before.data[0]!;
    const booked = await second.post('/appointments', c.booking(slot.start_at, slot.end_at));
    expect(booked.status).toBe(201);
    expect(when((await both(oracle, byProvider(c, MONDAY, MONDAY))).data)).not.toContain(`${slot.date} ${slot.start_time}`);
    expect((await second.get(slotsPath(byProvider(c, MONDAY, MONDAY)))).body.data.length).toBe(before.data.length - 1);
    // cancelled through the first app: the second app's cache sees it too
    expect((await t.api('DELETE', `/appointments/${booked.body.id}`)).status).toBe(204);
    expect((await second.get(slotsPath(byProvider(c, MONDAY, MONDAY)))).body).toEqual(before);
    expect(await both(oracle, byProvider(c, MONDAY, MONDAY))).toEqual(before);
  });

  it.skipIf(ON_D1)('a write by another process (raw SQL on the same file) is seen by the next search', async () => {
    const c = await createClinic(t);
    const oracle = secondApp(0);
    const before = await both(oracle, byProvider(c, MONDAY, '2026-12-01'));
    expect(before.data.some((s) => s.date === MONDAY)).toBe(true);
    const script = `
      import Database from 'better-sqlite3';
      const [path, tenant, provider] = process.argv.slice(1);
      const db = new Database(path);
      db.pragma('busy_timeout = 5000');
      db.prepare("INSERT INTO schedule_overrides (id, tenant_id, provider_id, date, type, start_time, end_time, location_id, reason, created_at) " +
        "VALUES (lower(hex(randomblob(16))), ?, ?, '${MONDAY}', 'blocked', NULL, NULL, NULL, 'other process', '2026-11-25T12:00:00.000Z')").run(tenant, provider);
      db.close();`;
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script, t.dbPath, t.tenant.tenantId, c.provider.id], { cwd: PROJECT_ROOT }, (err, _out, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(),
      ),
    );
    const after = await both(oracle, byProvider(c, MONDAY, '2026-12-01'));
    expect(after.data.some((s) => s.date === MONDAY)).toBe(false);
    expect(after.data.length).toBeGreaterThan(0);
  });

  it('template, override, provider, location and appointment type changes are seen by the next search', async () => {
    const c = await createClinic(t);
    const oracle = secondApp(0);
    const query = byProvider(c, MONDAY, '2026-12-02');
    const count = async () => (await both(oracle, query)).data.length;
    expect(await count()).toBe(24);

    const extra = await c.ok('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 1, start_time: '14:00', end_time: '15:00', location_id: c.location.id });
    expect(await count()).toBe(26);
    await c.ok('PUT', `/providers/${c.provider.id}/templates/${extra.id}`, { end_time: '16:00' });
    expect(await count()).toBe(28);
    await c.ok('DELETE', `/providers/${c.provider.id}/templates/${extra.id}`);
    expect(await count()).toBe(24);

    const block = await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked', start_time: '08:00', end_time: '10:00' });
    expect(await count()).toBe(20);
    await c.ok('DELETE', `/providers/${c.provider.id}/overrides/${block.id}`);
    expect(await count()).toBe(24);

    await c.ok('POST', '/appointments', c.booking('2026-11-30T08:00:00-03:00', '2026-11-30T08:30:00-03:00'));
    expect(await count()).toBe(23);
    await c.ok('PUT', `/providers/${c.provider.id}`, { max_daily_appointments: 1 });
    expect(await count()).toBe(16); // Monday is full
    await c.ok('PUT', `/providers/${c.provider.id}`, { max_daily_appointments: null, buffer_between_appointments_minutes: 30 });
    expect(await count()).toBe(22); // 08:30 goes too

    await c.ok('PUT', `/appointment-types/${c.type.id}`, { duration_minutes: 60 });
    expect((await both(oracle, query)).data[0]!.end_time).toBe('10:00'); // 09:00 is the first that clears the buffer
    await c.ok('PUT', `/appointment-types/${c.type.id}`, { duration_minutes: 30 });

    await c.ok('PUT', `/locations/${c.location.id}`, { timezone: 'America/Manaus' });
    expect((await both(oracle, query)).data.find((s) => s.date === '2026-12-01')!.start_at).toBe('2026-12-01T12:00:00.000Z');
    await c.ok('DELETE', `/locations/${c.location.id}`);
    expect(await count()).toBe(0);
    await c.ok('PUT', `/locations/${c.location.id}`, { is_active: true });
    expect(await count()).toBeGreaterThan(0);

    await c.ok('DELETE', `/providers/${c.provider.id}`);
    expect(await count()).toBe(0);
    expect((await both(oracle, { ...query, provider_id: undefined, specialty: 'cardiologia' })).data).toEqual([]);
    await c.ok('PUT', `/providers/${c.provider.id}`, { is_active: true });
    expect((await both(oracle, { ...query, provider_id: undefined, specialty: 'cardiologia' })).data.length).toBeGreaterThan(0);
  });

  it('a new provider of the specialty joins the next search by specialty', async () => {
    const c = await createClinic(t);
    const oracle = secondApp(0);
    const query = { date_from: MONDAY, date_to: MONDAY, appointment_type_id: c.type.id, specialty: 'cardiologia', limit: 200 };
    expect((await both(oracle, query)).data.length).toBe(8);
    const b = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. B', specialties: ['Cardiologia'] });
    await c.ok('POST', `/providers/${b.id}/templates`, { day_of_week: 1, start_time: '14:00', end_time: '15:00', location_id: c.location.id });
    expect((await both(oracle, query)).data.length).toBe(10);
  });

  it('applies "now + minimum notice" on every read: a clock moved forward between two searches moves the cut', async () => {
    const c = await createClinic(t);
    const oracle = secondApp(0);
    const query = byProvider(c, TODAY, TODAY);
    expect(when((await both(oracle, query)).data)).toEqual(['10:00', '10:30', '11:00', '11:30'].map((h) => `${TODAY} ${h}`));
    t.clock.advance(75 * 60_000); // 10:15 local: nothing before 11:15
    expect(when((await both(oracle, query)).data)).toEqual(['11:30'].map((h) => `${TODAY} ${h}`));
    // spare capacity counts the positions not yet past: the same scores as without the cache
    const week = byProvider(c, TODAY, '2026-12-02', { period: 'manha' });
    await both(oracle, week);
    t.clock.advance(24 * 60 * 60_000);
    await both(oracle, week);
  });

  it('answers like a search without cache through random bookings, cancellations, overrides, limits and time', async () => {
    const c = await createClinic(t, { patients: 6, templates: [1, 2, 3, 4, 5].flatMap((d) => [[d, '08:00', '12:00'], [d, '14:00', '16:00']] as Array<[number, string, string]>) });
    const b = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. B', specialties: ['Cardiologia'], max_concurrent_appointments: 2 });
    for (const d of [1, 3, 5]) await c.ok('POST', `/providers/${b.id}/templates`, { day_of_week: d, start_time: '09:00', end_time: '13:00', location_id: c.location.id, slot_interval_minutes: 15 });
    const oracle = secondApp(0);
    const providers = [c.provider.id, b.id];
    const dates = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'];
    const queries = [
      { date_from: TODAY, date_to: '2026-12-03', appointment_type_id: c.type.id, specialty: 'cardiologia', limit: 15 },
      { date_from: '2026-11-26', date_to: '2026-12-10', appointment_type_id: c.type.id, specialty: 'cardiologia', limit: 40, period: 'tarde' },
      { date_from: TODAY, date_to: '2026-12-03', appointment_type_id: c.type.id, provider_id: b.id, limit: 200, duration_minutes: 45 },
    ];
    const booked: string[] = [];
    const blocks = new Set<string>();
    const op = fc.oneof(
      fc.record({ kind: fc.constant('book' as const), pick: fc.nat(), patient: fc.nat(5) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('block' as const), provider: fc.nat(1), date: fc.nat(dates.length - 1), hour: fc.integer({ min: 8, max: 14 }) }),
      fc.record({ kind: fc.constant('limit' as const), provider: fc.nat(1), max: fc.constantFrom(null, 2, 4) }),
      fc.record({ kind: fc.constant('time' as const), minutes: fc.integer({ min: 10, max: 600 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'book') {
            const offered = (await both(oracle, queries[0]!)).data;
            const slot = offered[o.pick % Math.max(1, offered.length)];
            if (slot) {
              const res = await t.api('POST', '/appointments', { ...c.booking(slot.start_at, slot.end_at), provider_profile_id: slot.provider_id, patient_id: c.patients[o.patient]!.id });
              if (res.status === 201) booked.push(res.body.id);
            }
          } else if (o.kind === 'cancel' && booked.length > 0) {
            const [id] = booked.splice(o.pick % booked.length, 1);
            await t.api('DELETE', `/appointments/${id}`);
          } else if (o.kind === 'block') {
            const h = String(o.hour).padStart(2, '0');
            // the same block twice is refused (409): it would block nothing more
            const block = `${o.provider} ${o.date} ${h}`;
            const res = await t.api('POST', `/providers/${providers[o.provider]}/overrides`, { date: dates[o.date], type: 'blocked', start_time: `${h}:00`, end_time: `${h}:30` });
            expect(res.status, JSON.stringify(res.body)).toBe(blocks.has(block) ? 409 : 201);
            blocks.add(block);
          } else if (o.kind === 'limit') {
            await c.ok('PUT', `/providers/${providers[o.provider]}`, { max_daily_appointments: o.max });
          } else if (o.kind === 'time') {
            t.clock.advance(o.minutes * 60_000);
          }
          for (const q of queries) await both(oracle, q);
        }
      }),
      { numRuns: 12 },
    );
  });
});
