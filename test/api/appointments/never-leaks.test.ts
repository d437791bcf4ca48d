import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic, writtenRows } from '../../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

describe('appointments: what never leaks', () => {
  it('another tenant can neither see, change nor book against them', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const key = t.other.readWrite;
    expect((await t.api('GET', '/appointments', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', `/appointments/${a.id}`, undefined, { key })).status).toBe(404);
    for (const action of ['confirm', 'check-in', 'start', 'complete', 'no-show', 'cancel']) {
      expect((await t.api('POST', `/appointments/${a.id}/${action}`, undefined, { key })).status, action).toBe(404);
    }
    expect((await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: AT_9[0] }, { key })).status).toBe(404);
    expect((await t.api('PUT', `/appointments/${a.id}`, { version: 1, notes: 'x' }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/appointments/${a.id}`, undefined, { key })).status).toBe(404);
    // booking with the first tenant's provider, patient, type and location: all unknown here
    const before = await writtenRows(t);
    const res = await t.api('POST', '/appointments', c.booking(...AT_9), { key });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['appointment_type_id', 'location_id', 'patient_id', 'provider_profile_id']);
    expect(await writtenRows(t)).toEqual(before);
    expect((await t.api('GET', `/appointments/${a.id}`)).body).toMatchObject({ status: 'requested', version: 1 });
  });

  it('read keys cannot write; write keys cannot read', async () => {
    const c = await createClinic(t);
    expect((await t.api('POST', '/appointments', c.booking(...AT_9), { key: t.tenant.read })).status).toBe(403);
    const a = (await t.api('POST', '/appointments', c.booking(...AT_9), { key: t.tenant.write })).body;
    expect((await t.api('GET', `/appointments/${a.id}`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('POST', `/appointments/${a.id}/confirm`, undefined, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('GET', `/appointments/${a.id}`, undefined, { key: null })).status).toBe(401);
  });

  it('events are written for the tenant that made the change only', async () => {
    const c = await createClinic(t);
    await t.api('POST', '/appointments', c.booking(...AT_9));
    const tenants = await t.rows('SELECT DISTINCT tenant_id FROM outbox');
    expect(tenants).toEqual([{ tenant_id: t.tenant.tenantId }]);
  });
});
