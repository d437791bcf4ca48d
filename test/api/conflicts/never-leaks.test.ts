import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { MONDAY, twoLocations } from './fixture';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('cross-location conflicts and locations schedule: what never leaks', () => {
  it("another tenant's provider is 404, exactly as an unknown one", async () => {
    const c = await twoLocations(t);
    await c.added(MONDAY, '12:10', '17:00');
    await c.book(MONDAY, '11:30', '12:00');
    for (const key of [t.other.read, t.other.readWrite, t.other.admin]) {
      const conflicts = await c.conflicts(MONDAY, MONDAY, key);
      expect(conflicts.status).toBe(404);
      expect(conflicts.body).toEqual({ detail: 'Provider not found' });
      const schedule = await c.schedule(MONDAY, MONDAY, key);
      expect(schedule.status).toBe(404);
      expect(schedule.body).toEqual({ detail: 'Provider not found' });
    }
  });

  it("another tenant's appointments and locations never show up, even when they share a doctor id", async () => {
    const mine = await twoLocations(t);
    const doctorId = mine.provider.doctor_id;
    // The other clinic: the same doctor, at its own locations, booked at the same hour.
    const theirs = await twoLocations(t, { provider: { doctor_id: doctorId }, key: t.other.readWrite });
    await theirs.added(MONDAY, '12:05', '17:00');
    await theirs.book(MONDAY, '11:30', '12:00');

    const conflicts = await mine.conflicts(MONDAY);
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.conflicts).toEqual([]);
    const schedule = await mine.schedule(MONDAY);
    const body = JSON.stringify(schedule.body);
    expect(body).not.toContain(theirs.centro.id);
    expect(body).not.toContain(theirs.savassi.id);
    expect(schedule.body.days[0].locations.map((l: any) => l.location.id)).toEqual([mine.centro.id]);
    expect(schedule.body.days[0].locations[0].appointments).toEqual([]);
  });

  it('needs a key with read: none is 401, write-only is 403', async () => {
    const c = await twoLocations(t);
    for (const op of ['cross-location-conflicts', 'locations-schedule']) {
      const path = `/providers/${c.provider.id}/${op}?date_from=${MONDAY}&date_to=${MONDAY}`;
      expect((await t.api('GET', path, undefined, { key: null })).status).toBe(401);
      expect((await t.api('GET', path, undefined, { key: 'not-a-key' })).status).toBe(401);
      const forbidden = await t.api('GET', path, undefined, { key: t.tenant.write });
      expect(forbidden.status).toBe(403);
      expect(typeof forbidden.body.detail).toBe('string');
      expect((await t.api('GET', path, undefined, { key: t.tenant.read })).status).toBe(200);
    }
  });

  it('the answer carries no tenant id, internal column or patient name', async () => {
    const c = await twoLocations(t);
    await c.added(MONDAY, '12:10', '17:00');
    await c.book(MONDAY, '11:30', '12:00');
    await c.book(MONDAY, '12:10', '12:40', c.savassi.id);
    for (const res of [await c.conflicts(MONDAY), await c.schedule(MONDAY)]) {
      const text = JSON.stringify(res.body);
      expect(res.status).toBe(200);
      expect(text).not.toContain(t.tenant.tenantId);
      expect(text).not.toMatch(/tenant_id|local_date|change_id|Paciente/);
    }
  });
});
