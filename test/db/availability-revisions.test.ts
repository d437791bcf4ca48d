/**
 * The revisions slot search's cache trusts (availability_revisions): the triggers of migration 0006
 * exist, and every write that can change a slot answer bumps the right rows in its own transaction,
 * whoever writes (the API here, raw SQL below).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, ON_D1, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const WATCHED = ['appointments', 'schedule_templates', 'schedule_overrides', 'providers', 'locations', 'appointment_types'];

async function revisions(tenantId: string): Promise<Record<string, number>> {
  const rows = await t.rows<{ provider_id: string; revision: number }>('SELECT provider_id, revision FROM availability_revisions WHERE tenant_id = ?', tenantId);
  return Object.fromEntries(rows.map((r) => [r.provider_id, r.revision]));
}

/** Which rows of the tenant moved while `write` ran: '' the tenant's, '*' its counter, else provider ids. */
async function moved(tenantId: string, write: () => unknown): Promise<string[]> {
  const before = await revisions(tenantId);
  await write();
  const after = await revisions(tenantId);
  for (const [id, revision] of Object.entries(after)) if (before[id] !== undefined) expect(revision, id).toBeGreaterThanOrEqual(before[id]!);
  return Object.keys(after)
    .filter((id) => after[id] !== before[id])
    .sort();
}

describe('availability revisions', () => {
  it('every watched table has its insert, update and delete triggers', async () => {
    const triggers = await t.rows<{ name: string; tbl_name: string }>("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'");
    for (const table of WATCHED) {
      const ops = triggers.filter((tr) => tr.tbl_name === table).map((tr) => tr.name.split('_').pop());
      expect(ops.sort(), table).toEqual(['delete', 'insert', 'update']);
    }
    expect(triggers.some((tr) => tr.tbl_name === 'tenants')).toBe(true);
  });

  it('a new tenant has its row and change counter; a new provider its own row', async () => {
    const keys = await t.addTenant('Clínica Nova');
    expect(await revisions(keys.tenantId)).toEqual({ '': 1, '*': 1 });
    const c = await createClinic(t, { key: keys.readWrite });
    expect((await revisions(keys.tenantId))[c.provider.id]).toBeGreaterThanOrEqual(1);
  });

  it('bookings and their changes bump their provider and the counter; notes and a confirmation do not', async () => {
    const c = await createClinic(t);
    const tenant = t.tenant.tenantId;
    let id = '';
    expect(
      await moved(tenant, async () => {
        id = (await c.ok('POST', '/appointments', c.booking('2026-11-30T09:00:00-03:00', '2026-11-30T09:30:00-03:00'))).id;
      }),
    ).toEqual(['*', c.provider.id].sort());
    const version = async () => (await t.row<{ version: number }>('SELECT version FROM appointments WHERE id = ?', id))!.version;
    expect(await moved(tenant, async () => c.ok('PUT', `/appointments/${id}`, { notes: 'x', version: await version() }))).toEqual([]);
    expect(await moved(tenant, () => c.ok('POST', `/appointments/${id}/confirm`, {}))).toEqual([]);
    expect(await moved(tenant, () => c.ok('DELETE', `/appointments/${id}`))).toEqual(['*', c.provider.id].sort());
  });

  it('templates, overrides and provider fields bump the provider; provider fields also the tenant', async () => {
    const c = await createClinic(t);
    const tenant = t.tenant.tenantId;
    const mine = ['*', c.provider.id].sort();
    let templateId = '';
    expect(
      await moved(tenant, async () => {
        templateId = (await c.ok('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 6, start_time: '08:00', end_time: '09:00', location_id: c.location.id })).id;
      }),
    ).toEqual(mine);
    expect(await moved(tenant, () => c.ok('PUT', `/providers/${c.provider.id}/templates/${templateId}`, { end_time: '10:00' }))).toEqual(mine);
    expect(await moved(tenant, () => c.ok('DELETE', `/providers/${c.provider.id}/templates/${templateId}`))).toEqual(mine);
    let overrideId = '';
    expect(
      await moved(tenant, async () => {
        overrideId = (await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-11-30', type: 'blocked' })).id;
      }),
    ).toEqual(mine);
    expect(await moved(tenant, () => c.ok('DELETE', `/providers/${c.provider.id}/overrides/${overrideId}`))).toEqual(mine);
    expect(await moved(tenant, () => c.ok('PUT', `/providers/${c.provider.id}`, { max_daily_appointments: 3 }))).toEqual(['', '*', c.provider.id].sort());
  });

  it('a location bumps every row of its tenant; an appointment type the tenant row; another tenant moves nothing', async () => {
    const c = await createClinic(t);
    const second = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. B', specialties: ['Pediatria'] });
    const tenant = t.tenant.tenantId;
    expect(await moved(tenant, () => c.ok('PUT', `/locations/${c.location.id}`, { timezone: 'America/Manaus' }))).toEqual(['', '*', c.provider.id, second.id].sort());
    expect(await moved(tenant, () => c.ok('PUT', `/appointment-types/${c.type.id}`, { duration_minutes: 20 }))).toEqual(['', '*']);
    const other = await createClinic(t, { key: t.other.readWrite });
    expect(await moved(tenant, () => other.ok('POST', '/appointments', other.booking('2026-11-30T09:00:00-03:00', '2026-11-30T09:30:00-03:00')))).toEqual([]);
  });

  it('raw SQL writes bump too, and a rolled-back write bumps nothing', async () => {
    const c = await createClinic(t);
    const tenant = t.tenant.tenantId;
    const text = `INSERT INTO schedule_overrides (id, tenant_id, provider_id, date, type, start_time, end_time, location_id, reason, created_at)
           VALUES (?, ?, ?, '2026-12-01', 'blocked', NULL, NULL, NULL, NULL, '2026-11-25T12:00:00.000Z')`;
    expect(await moved(tenant, () => t.execute(text, randomUUID(), tenant, c.provider.id))).toEqual(['*', c.provider.id].sort());
    if (ON_D1) return; // a transaction of the SQLite connection
    const insert = () => t.sqlite.prepare(text).run(randomUUID(), tenant, c.provider.id);
    expect(
      await moved(tenant, () => {
        expect(() =>
          t.sqlite.transaction(() => {
            insert();
            throw new Error('rolled back');
          })(),
        ).toThrow('rolled back');
      }),
    ).toEqual([]);
  });
});
