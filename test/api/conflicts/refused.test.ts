import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;
const MISSING = '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b';
const OPERATIONS = ['cross-location-conflicts', 'locations-schedule'] as const;

beforeEach(async () => {
  t = await createTestApp();
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
});
afterEach(() => t.close());

describe.each(OPERATIONS)('%s: what is refused', (operation) => {
  it.each([
    ['no dates', '', 'date_from'],
    ['no date_to', '?date_from=2026-12-07', 'date_to'],
    ['no date_from', '?date_to=2026-12-07', 'date_from'],
    ['an empty date_from', '?date_from=&date_to=2026-12-07', 'date_from'],
    ['date_from 2026-02-30', '?date_from=2026-02-30&date_to=2026-03-02', 'date_from'],
    ['date_to 2026-12-7', '?date_from=2026-12-01&date_to=2026-12-7', 'date_to'],
    ['a datetime as date_from', '?date_from=2026-12-01T00:00:00Z&date_to=2026-12-07', 'date_from'],
    ['date_to before date_from', '?date_from=2026-12-07&date_to=2026-12-06', 'date_to'],
    ['32 days', '?date_from=2026-12-01&date_to=2027-01-01', 'date_to'],
    ['a year', '?date_from=2026-01-01&date_to=2026-12-31', 'date_to'],
  ])('%s: 422 {detail} naming the parameter', async (_label, query, path) => {
    const res = await t.api('GET', `/providers/${providerId}/${operation}${query}`);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.detail).toContain(path);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('a date given twice is said to be given twice, not missing', async () => {
    const res = await t.api('GET', `/providers/${providerId}/${operation}?date_from=2026-12-07&date_to=2026-12-07&date_to=2026-12-08`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'date_to', message: 'given 2 times: send it once, a calendar date YYYY-MM-DD' }]);
    const missing = await t.api('GET', `/providers/${providerId}/${operation}?date_from=2026-12-07`);
    expect(missing.body.errors).toEqual([{ path: 'date_to', message: 'required: a calendar date YYYY-MM-DD' }]);
  });

  it('a malformed provider id is 422', async () => {
    const res = await t.api('GET', `/providers/not-a-uuid/${operation}?date_from=2026-12-07&date_to=2026-12-07`);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it('an unknown provider is 404 {detail}', async () => {
    const res = await t.api('GET', `/providers/${MISSING}/${operation}?date_from=2026-12-07&date_to=2026-12-07`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Provider not found' });
  });

  it('dates in the years 0000–0099 are answered like any other (were a 500)', async () => {
    const res = await t.api('GET', `/providers/${providerId}/${operation}?date_from=0000-01-01&date_to=0000-01-04`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ date_from: '0000-01-01', date_to: '0000-01-04' });
    if (operation === 'locations-schedule') expect(res.body.days.map((d: { date: string }) => d.date)).toEqual(['0000-01-01', '0000-01-02', '0000-01-03', '0000-01-04']);
    expect((await t.api('GET', `/providers/${providerId}/${operation}?date_from=0099-12-25&date_to=0100-01-05`)).status).toBe(200);
  });

  it('a range that ends after 9998-12-31 is 422 naming date_to (ending on 9999-12-31 was a 500); one ending on 9998-12-31 is answered', async () => {
    for (const [from, to] of [['9999-12-01', '9999-12-31'], ['9999-12-25', '9999-12-30'], ['9998-12-31', '9999-01-01']]) {
      const res = await t.api('GET', `/providers/${providerId}/${operation}?date_from=${from}&date_to=${to}`);
      expect(res.status, `${from}..${to}`).toBe(422);
      expect(res.body).toEqual({ detail: 'date_to: must be 9998-12-31 or earlier', errors: [{ path: 'date_to', message: 'must be 9998-12-31 or earlier' }] });
    }
    expect((await t.api('GET', `/providers/${providerId}/${operation}?date_from=9998-12-01&date_to=9998-12-31`)).status).toBe(200);
  });

  it('one day (date_from = date_to) and 31 days are accepted', async () => {
    expect((await t.api('GET', `/providers/${providerId}/${operation}?date_from=2026-12-07&date_to=2026-12-07`)).status).toBe(200);
    expect((await t.api('GET', `/providers/${providerId}/${operation}?date_from=2027-01-01&date_to=2027-01-31`)).status).toBe(200);
    expect((await t.api('GET', `/providers/${providerId}/${operation}?date_from=2028-02-01&date_to=2028-03-02`)).status).toBe(200);
  });
});
