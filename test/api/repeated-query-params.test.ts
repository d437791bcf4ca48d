/**
 * A query parameter that takes one value, sent more than once (`limit=20&limit=50`, often a URL builder
 * appending to a URL that already had it), is a 422 that says so, on every list and search: not
 * "expected a UUID" for two UUIDs or "expected a whole number" for two whole numbers. Parameters that
 * repeat (`status`) still do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterAll(() => t.close());

describe('a one-value query parameter given twice', () => {
  it('is a 422 naming the parameter and how many times it came', async () => {
    const cases: Array<[string, string]> = [
      ['/appointments?limit=20&limit=50', 'limit'],
      [`/appointments?provider_id=${c.provider.id}&provider_id=${c.provider.id}`, 'provider_id'],
      ['/appointments?date_from=2026-12-01&date_from=2026-12-02', 'date_from'],
      ['/patients?cursor=a&cursor=b', 'cursor'],
      ['/locations?include_inactive=true&include_inactive=false', 'include_inactive'],
      ['/no-show/daily-risks?date=2026-12-01&date=2026-12-02', 'date'],
      [`/slots?appointment_type_id=${c.type.id}&specialty=cardiologia&specialty=cardiologia&date_from=2026-12-01&date_to=2026-12-02`, 'specialty'],
    ];
    for (const [path, name] of cases) {
      const res = await t.api('GET', path);
      expect(res.status, path).toBe(422);
      expect(res.body.errors, path).toEqual([{ path: name, message: expect.stringMatching(/^given 2 times: send it once/) }]);
      expect(res.body.detail, path).toMatch(new RegExp(`^Validation failed: ${name}: given 2 times: send it once`));
    }
  });

  it('keeps what the parameter expects in the message', async () => {
    const res = await t.api('GET', '/appointments?limit=20&limit=50&limit=10');
    expect(res.body.errors).toEqual([{ path: 'limit', message: 'given 3 times: send it once (expected a whole number from 1 to 200)' }]);
  });

  it('a required parameter given twice keeps its own wording', async () => {
    const res = await t.api('GET', `/slots?appointment_type_id=${c.type.id}&provider_id=${c.provider.id}&date_from=2026-12-01&date_to=2026-12-02&date_to=2026-12-03`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'date_to', message: 'given 2 times: send it once, a calendar date YYYY-MM-DD' }]);
  });

  it('a parameter that repeats still takes every value', async () => {
    const res = await t.api('GET', '/appointments?status=requested&status=confirmed');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const bad = await t.api('GET', '/appointments?status=requested&status=bogus');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('status.1');
  });
});
