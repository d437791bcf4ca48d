import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { searchSlots } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const RANGE = { date_from: '2026-11-30', date_to: '2026-12-04' };

describe('slots: what never leaks', () => {
  it("answers another tenant's provider, type or location as unknown (422), never with its slots", async () => {
    const theirs = await createClinic(t, { key: t.other.readWrite, patients: 0 });
    const mine = await createClinic(t, { patients: 0 });
    // sanity: the other tenant sees its own slots
    const own = await searchSlots(t, { ...RANGE, appointment_type_id: theirs.type.id, provider_id: theirs.provider.id }, t.other.readWrite);
    expect(own.status).toBe(200);
    expect(own.body.data.length).toBeGreaterThan(0);

    const cases: Array<[Record<string, string>, string]> = [
      [{ appointment_type_id: mine.type.id, provider_id: theirs.provider.id }, 'provider_id'],
      [{ appointment_type_id: theirs.type.id, provider_id: mine.provider.id }, 'appointment_type_id'],
      [{ appointment_type_id: mine.type.id, provider_id: mine.provider.id, location_id: theirs.location.id }, 'location_id'],
    ];
    for (const [params, field] of cases) {
      const res = await searchSlots(t, { ...RANGE, ...params });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: any) => e.path)).toEqual([field]);
      expect(JSON.stringify(res.body)).not.toContain(theirs.provider.name);
      expect(res.body.data).toBeUndefined();
    }
  });

  it("searches by specialty only among the tenant's own providers", async () => {
    const theirs = await createClinic(t, { key: t.other.readWrite, patients: 0, provider: { specialties: ['Dermatologia'] } });
    const mine = await createClinic(t, { patients: 0, provider: { specialties: ['Cardiologia'] } });
    // another tenant's specialty is not this clinic's: refused, naming this clinic's specialties only
    const none = await searchSlots(t, { ...RANGE, appointment_type_id: mine.type.id, specialty: 'dermatologia' });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([{ path: 'specialty', message: expect.stringMatching(/'Cardiologia'$/) }]);
    expect(JSON.stringify(none.body)).not.toContain('Dermatologia');
    expect(JSON.stringify(none.body)).not.toContain(theirs.provider.id);
    const own = await searchSlots(t, { ...RANGE, appointment_type_id: mine.type.id, specialty: 'cardiologia', limit: 200 });
    expect(own.body.data.length).toBe(40);
    expect(own.body.data.every((s: any) => s.provider_id === mine.provider.id)).toBe(true);
    expect(JSON.stringify(own.body)).not.toContain(theirs.provider.id);
  });

  it("ignores another tenant's bookings and refuses its cursors", async () => {
    const theirs = await createClinic(t, { key: t.other.readWrite, patients: 1 });
    const mine = await createClinic(t, { patients: 0 });
    // the other tenant books its provider; my provider's slots are untouched
    const booked = await t.api('POST', '/appointments', theirs.booking('2026-11-30T11:00:00Z', '2026-11-30T11:30:00Z'), { key: t.other.readWrite });
    expect(booked.status).toBe(201);
    const params = { ...RANGE, appointment_type_id: mine.type.id, provider_id: mine.provider.id, limit: 5 };
    const res = await searchSlots(t, params);
    expect(res.body.data[0].start_at).toBe('2026-11-30T11:00:00.000Z');

    // a cursor signed for one tenant's query is refused for the other's identical query
    const theirParams = { ...RANGE, appointment_type_id: theirs.type.id, provider_id: theirs.provider.id, limit: 5 };
    const theirPage = await searchSlots(t, theirParams, t.other.readWrite);
    expect(theirPage.body.next_cursor).toEqual(expect.any(String));
    const stolen = await searchSlots(t, { ...params, cursor: theirPage.body.next_cursor });
    expect(stolen.status).toBe(422);
    expect(stolen.body.detail).toContain('cursor');
  });
});
