/**
 * Whole-number query parameters (`limit`, the slot search's `duration_minutes`) are decimal digits.
 * Read with JavaScript's Number() they would also take '0x10' as 16, '1e2' as 100, '0b11' as 3 and
 * ' 10' or '+10' as 10: a typo or a client's formatting bug would silently change the page or the slot
 * length instead of being named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await createClinic(t, { patients: 3 });
});
afterAll(() => t.close());

const NOT_DIGITS = ['0x10', '1e1', '0b11', '0o7', ' 10', '10 ', '+10', '10.0', '1_0', '٣'];

describe('whole-number query parameters take decimal digits only', () => {
  it('limit: anything but digits is 422; digits (leading zeros too) page as asked', async () => {
    for (const value of NOT_DIGITS) {
      const res = await t.api('GET', `/patients?limit=${encodeURIComponent(value)}`);
      expect(res.status, JSON.stringify(value)).toBe(422);
      expect(res.body.errors, value).toEqual([{ path: 'limit', message: 'expected a whole number from 1 to 200' }]);
    }
    expect((await t.api('GET', '/patients?limit=2')).body.data).toHaveLength(2);
    expect((await t.api('GET', '/patients?limit=002')).body.data).toHaveLength(2);
  });

  it('duration_minutes of the slot search the same', async () => {
    const search = (d: string) =>
      t.api('GET', `/slots?appointment_type_id=${c.type.id}&provider_id=${c.provider.id}&date_from=2026-12-01&date_to=2026-12-01&duration_minutes=${encodeURIComponent(d)}`);
    for (const value of NOT_DIGITS) {
      const res = await search(value);
      expect(res.status, JSON.stringify(value)).toBe(422);
      expect(res.body.errors[0].path, value).toBe('duration_minutes');
    }
    const ok = await search('60');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data[0]).toMatchObject({ start_time: '08:00', end_time: '09:00' });
  });
});
