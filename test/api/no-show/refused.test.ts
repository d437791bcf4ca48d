import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { noShowClinic } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const DAY = '2026-12-01';

describe('no-show: what is refused', () => {
  it('an unknown appointment is 404; a malformed id is 422', async () => {
    const res = await t.api('GET', '/no-show/appointments/0193a1f2-0000-7000-8000-000000000000/risk');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Appointment not found' });
    const bad = await t.api('GET', '/no-show/appointments/not-a-uuid/risk');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('appointment_id');
  });

  it.each([
    ['no date', ''],
    ['not a date', 'date=tomorrow'],
    ['no such day', 'date=2026-02-30'],
    ['a month 13', 'date=2026-13-01'],
    ['a bad provider id', `date=${DAY}&provider_id=abc`],
    ['a limit of 0', `date=${DAY}&limit=0`],
    ['a limit over 200', `date=${DAY}&limit=201`],
    ['a forged cursor', `date=${DAY}&cursor=eyJ4IjoxfQ.bad`],
  ])('daily-risks with %s is 422', async (_, query) => {
    const res = await t.api('GET', `/no-show/daily-risks?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.detail).toEqual(expect.any(String));
  });

  it('a cursor of another date, or of another list, is 422', async () => {
    const c = await noShowClinic(t, { patients: 3 });
    for (const [i, time] of ['09:00', '09:30', '10:00'].entries()) await c.book(i, DAY, time);
    const page = await t.api('GET', `/no-show/daily-risks?date=${DAY}&limit=1`);
    const cursor = encodeURIComponent(page.body.next_cursor);
    expect((await t.api('GET', `/no-show/daily-risks?date=2026-12-02&limit=1&cursor=${cursor}`)).status).toBe(422);
    expect((await t.api('GET', `/appointments?limit=1&cursor=${cursor}`)).status).toBe(422);
    expect((await t.api('GET', `/no-show/daily-risks?date=${DAY}&limit=1&cursor=${cursor}`)).status).toBe(200);
  });

  it('a cancelled, completed or missed appointment has no risk to act on: 409 naming its status', async () => {
    const c = await noShowClinic(t, { patients: 3 });
    const cancelled = await c.book(0, DAY, '09:00');
    expect((await t.api('DELETE', `/appointments/${cancelled.id}`)).status).toBe(204);
    const res = await t.api('GET', `/no-show/appointments/${cancelled.id}/risk`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/only for active appointments.*'cancelled'/);

    const done = await c.book(1, DAY, '09:30');
    for (const step of ['confirm', 'check-in', 'start', 'complete']) {
      expect((await t.api('POST', `/appointments/${done.id}/${step}`, {})).status, step).toBe(200);
    }
    expect((await t.api('GET', `/no-show/appointments/${done.id}/risk`)).status).toBe(409);

    const missed = await c.book(2, DAY, '10:00');
    await t.api('POST', `/appointments/${missed.id}/confirm`, {});
    await t.api('POST', `/appointments/${missed.id}/no-show`, {});
    expect((await t.api('GET', `/no-show/appointments/${missed.id}/risk`)).body.detail).toMatch(/'no_show'/);
    // and none of them is in the day's list
    expect((await t.api('GET', `/no-show/daily-risks?date=${DAY}`)).body.data).toEqual([]);
  });

  it('checked-in and in-progress appointments are still active and get a score', async () => {
    const c = await noShowClinic(t, { patients: 1 });
    const a = await c.book(0, DAY, '09:00');
    await t.api('POST', `/appointments/${a.id}/confirm`, {});
    await t.api('POST', `/appointments/${a.id}/check-in`, {});
    const res = await t.api('GET', `/no-show/appointments/${a.id}/risk`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('checked_in');
  });
});
