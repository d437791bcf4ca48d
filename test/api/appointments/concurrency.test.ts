import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process';

const SLOT = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

function tally(statuses: number[]) {
  return { created: statuses.filter((s) => s === 201).length, refused: statuses.filter((s) => s === 409).length };
}

describe('appointments: concurrency', () => {
  let t: TestApp | undefined;
  const servers: ServerProcess[] = [];
  let dir: string | undefined;
  afterEach(async () => {
    t?.close();
    t = undefined;
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.each([
    [1, 1],
    [2, 2],
  ])('40 concurrent creates for one slot with max_concurrent %i: exactly %i created', async (max, expected) => {
    t = await createTestApp();
    const c = await createClinic(t, { patients: 40, provider: { max_concurrent_appointments: max } });
    const results = await Promise.all(
      c.patients.map((p) => t!.api('POST', '/appointments', c.booking(...SLOT, { patient_id: p.id }))),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ created: expected, refused: 40 - expected });
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.detail).toMatch(/Double booking/);
    expect(await t.rows("SELECT id FROM appointments WHERE status = 'requested'")).toHaveLength(expected);
    expect(await t.count('outbox')).toBe(expected);
  });

  it.each(['confirm', 'cancel', 'reschedule'])('%s racing a PUT: each answers a version of its own, and the event carries the written one', async (action) => {
    t = await createTestApp();
    const c = await createClinic(t, { patients: 10, provider: { max_concurrent_appointments: 10 } });
    for (let i = 0; i < 10; i++) {
      const created = await t.api('POST', '/appointments', c.booking(...SLOT, { patient_id: c.patients[i]!.id }));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id;
      const body = action === 'reschedule' ? { new_start_time: '2026-12-01T10:00:00-03:00' } : {};
      // both read version 1; the PUT writes first
      const [put, change] = await Promise.all([
        t.api('PUT', `/appointments/${id}`, { version: 1, notes: `nota ${i}` }),
        t.api('POST', `/appointments/${id}/${action}`, body),
      ]);
      expect(put.status).toBe(200);
      expect(change.status, JSON.stringify(change.body)).toBe(action === 'reschedule' ? 201 : 200);
      const row = (await t.row<{ version: number; notes: string }>('SELECT version, notes FROM appointments WHERE id = ?', id))!;
      expect(row.version).toBe(3);
      const payload = async (type: string, aggregate: string) =>
        JSON.parse((await t!.row<{ payload: string }>('SELECT payload FROM outbox WHERE event_type = ? AND aggregate_id = ?', type, aggregate))!.payload);
      if (action === 'reschedule') {
        // the old appointment as the event describes it: the write that cancelled it, after the PUT
        const previous = (await payload('appointment.rescheduled', change.body.id)).previous_appointment;
        expect(previous).toMatchObject({ id, version: 3, notes: `nota ${i}`, status: 'cancelled' });
        expect(change.body.notes).toBe(`nota ${i}`);
      } else {
        // the versions answered are 2 (PUT) and 3 (the change), never 2 twice
        expect([put.body.version, change.body.version].sort()).toEqual([2, 3]);
        expect(change.body).toMatchObject({ version: 3, notes: `nota ${i}` });
        expect((await payload(action === 'confirm' ? 'appointment.confirmed' : 'appointment.cancelled', id)).appointment).toMatchObject({ version: 3, notes: `nota ${i}` });
      }
    }
  });

  it('the same reschedule sent at once: one 201, the rest told the appointment is no longer reschedulable, not that the patient overlaps its copy', async () => {
    t = await createTestApp();
    const c = await createClinic(t);
    // weekdays the provider works
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']) {
      const booked = await c.ok('POST', '/appointments', c.booking(`${day}T09:00:00-03:00`, `${day}T09:30:00-03:00`));
      const results = await Promise.all(
        Array.from({ length: 4 }, () => t!.api('POST', `/appointments/${booked.id}/reschedule`, { new_start_time: `${day}T10:00:00-03:00` })),
      );
      expect(tally(results.map((r) => r.status))).toEqual({ created: 1, refused: 3 });
      for (const r of results.filter((r) => r.status === 409)) expect(r.body).toEqual({ detail: "Cannot reschedule an appointment in status 'cancelled'" });
    }
    expect(await t.rows("SELECT id FROM appointments WHERE status = 'requested'")).toHaveLength(5);
  });

  it('the same race across two server processes on one database file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-race-'));
    const key = 'agd_race_bootstrap_key_0123456789abcdef';
    const env = { DATABASE_PATH: join(dir, 'race.db'), SEED_DEMO: '0', BOOTSTRAP_API_KEY: key };
    // the first one migrates and bootstraps; the second opens the same file
    servers.push(await startServerProcess(env, key));
    servers.push(await startServerProcess(env, key));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const c = await createClinic({ api: a.api, tenant: { readWrite: key } }, { patients: 40 });
    const results = await Promise.all(
      c.patients.map((p, i) => (i % 2 === 0 ? a : b).api('POST', '/appointments', c.booking(...SLOT, { patient_id: p.id }))),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ created: 1, refused: 39 });
    const listed = await b.api('GET', `/appointments?provider_id=${c.provider.id}`);
    expect(listed.body.data).toHaveLength(1);
  }, 60_000);
});
