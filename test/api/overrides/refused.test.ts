import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;
let centro: string;

const MISSING = '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b';

beforeEach(async () => {
  t = await createTestApp();
  centro = (await t.core.locations.create(t.tenant.tenantId, { name: 'Centro' })).id;
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
});
afterEach(() => t.close());

async function overrideCount() {
  return t.count('schedule_overrides');
}

const create = (body: unknown, pid = providerId) => t.api('POST', `/providers/${pid}/overrides`, body);

describe('overrides: what is refused', () => {
  it.each([
    ['missing date', { type: 'blocked' }, 'date'],
    ['date 2026-02-30', { date: '2026-02-30', type: 'blocked' }, 'date'],
    ['date 2026-2-3', { date: '2026-2-3', type: 'blocked' }, 'date'],
    ['date as a number', { date: 20261225, type: 'blocked' }, 'date'],
    ['missing type', { date: '2026-12-25' }, 'type'],
    ['unknown type', { date: '2026-12-25', type: 'holiday' }, 'type'],
    ['blocked with only a start', { date: '2026-12-25', type: 'blocked', start_time: '08:00' }, 'end_time'],
    ['blocked with only an end', { date: '2026-12-25', type: 'blocked', end_time: '12:00' }, 'start_time'],
    ['modified without times', { date: '2026-12-25', type: 'modified' }, 'start_time'],
    ['modified without an end', { date: '2026-12-25', type: 'modified', start_time: '08:00' }, 'end_time'],
    ['added without a start', { date: '2026-12-25', type: 'added', end_time: '12:00', location_id: MISSING }, 'start_time'],
    ['start equal to end', { date: '2026-12-25', type: 'blocked', start_time: '10:00', end_time: '10:00' }, 'end_time'],
    ['start after end', { date: '2026-12-25', type: 'modified', start_time: '13:00', end_time: '12:00' }, 'end_time'],
    ['time 24:00', { date: '2026-12-25', type: 'modified', start_time: '08:00', end_time: '24:00' }, 'end_time'],
    ['time 9:00', { date: '2026-12-25', type: 'modified', start_time: '9:00', end_time: '12:00' }, 'start_time'],
    ['location not a uuid', { date: '2026-12-25', type: 'blocked', location_id: 'centro' }, 'location_id'],
    ['unknown location', { date: '2026-12-25', type: 'blocked', location_id: MISSING }, 'location_id'],
    ['reason over 500 characters', { date: '2026-12-25', type: 'blocked', reason: 'x'.repeat(501) }, 'reason'],
    ['reason of wrong type', { date: '2026-12-25', type: 'blocked', reason: 5 }, 'reason'],
  ])('%s: 422 naming the field, nothing written', async (_label, body, path) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await overrideCount()).toBe(0);
  });

  it('the detail of a missing time reads as English for each type', async () => {
    expect((await create({ date: '2026-12-25', type: 'added', end_time: '12:00' })).body.detail).toBe(
      'start_time: an added override requires start_time and end_time',
    );
    expect((await create({ date: '2026-12-25', type: 'modified', start_time: '08:00' })).body.detail).toBe(
      'end_time: a modified override requires start_time and end_time',
    );
  });

  it.each([
    ['an array body', []],
    ['a null body', null],
    ['malformed JSON', '{"date": '],
  ])('%s is 422', async (_label, body) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it('an added override with no location and no primary location is 422 saying location_id is required', async () => {
    const res = await create({ date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('location_id');
    expect(res.body.detail).toMatch(/location_id/);
    expect(res.body.detail).toMatch(/primary_location_id/);
    expect(await overrideCount()).toBe(0);
  });

  it('an inactive location is 409, also when it is the primary location an added override falls back to', async () => {
    const withPrimary = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), primary_location_id: centro })).body.id;
    await t.core.locations.deactivate(t.tenant.tenantId, centro);
    expect((await create({ date: '2026-12-05', type: 'blocked', location_id: centro })).status).toBe(409);
    expect((await create({ date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00' }, withPrimary)).status).toBe(409);
    expect(await overrideCount()).toBe(0);
  });

  it('an unknown provider is 404, an inactive one 409, a malformed id 422', async () => {
    const missing = await create({ date: '2026-12-25', type: 'blocked' }, MISSING);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Provider not found' });
    expect((await t.api('GET', `/providers/${MISSING}/overrides`)).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${MISSING}/overrides/${MISSING}`)).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/not-a-uuid`)).status).toBe(422);
    expect((await t.api('GET', '/providers/x/overrides')).status).toBe(422);
    await t.api('DELETE', `/providers/${providerId}`);
    expect((await create({ date: '2026-12-25', type: 'blocked' })).status).toBe(409);
  });

  it("an override id of another provider is 404 and is kept", async () => {
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
    const theirs = await create({ date: '2026-12-25', type: 'blocked' }, other);
    const res = await t.api('DELETE', `/providers/${providerId}/overrides/${theirs.body.id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Schedule override not found' });
    expect(await overrideCount()).toBe(1);
  });

  it.each([
    ['date_from=2026-02-30', /date_from/],
    ['date_to=tomorrow', /date_to/],
    ['date_from=2026-12-10&date_to=2026-12-01', /date_to/],
    ['limit=0', /limit/],
    ['limit=500', /limit/],
    ['cursor=forged', /cursor/],
  ])('?%s is 422', async (query, detail) => {
    const res = await t.api('GET', `/providers/${providerId}/overrides?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(detail);
  });

  it('a cursor taken with other date filters is 422', async () => {
    for (let d = 1; d <= 3; d++) await create({ date: `2026-12-0${d}`, type: 'blocked' });
    const cursor: string = (await t.api('GET', `/providers/${providerId}/overrides?limit=1&date_from=2026-12-01`)).body.next_cursor;
    expect(cursor).toBeTruthy();
    const c = encodeURIComponent(cursor);
    expect((await t.api('GET', `/providers/${providerId}/overrides?limit=1&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/providers/${providerId}/overrides?limit=1&date_from=2026-12-02&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/providers/${providerId}/overrides?limit=1&date_from=2026-12-01&cursor=${c}`)).status).toBe(200);
  });
});
