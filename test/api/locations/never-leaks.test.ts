import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('locations: what never leaks', () => {
  it('another tenant sees none of it: list, get, put, delete, travel references', async () => {
    const mine = await t.api('POST', '/locations', { name: 'Minha' });
    const key = t.other.readWrite;
    expect((await t.api('GET', '/locations', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', '/locations?include_inactive=true', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', `/locations/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('PUT', `/locations/${mine.body.id}`, { name: 'hijack' }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/locations/${mine.body.id}`, undefined, { key })).status).toBe(404);
    const ref = await t.api('POST', '/locations', { name: 'X', travel_minutes: { [mine.body.id]: 5 } }, { key });
    expect(ref.status).toBe(422);
    expect((await t.api('GET', `/locations/${mine.body.id}`)).body.name).toBe('Minha');
  });

  it('a cursor of one tenant is refused for another', async () => {
    for (let i = 0; i < 2; i++) await t.api('POST', '/locations', { name: `L${i}` });
    for (let i = 0; i < 2; i++) await t.api('POST', '/locations', { name: `O${i}` }, { key: t.other.readWrite });
    const cursor = (await t.api('GET', '/locations?limit=1')).body.next_cursor;
    const res = await t.api('GET', `/locations?limit=1&cursor=${encodeURIComponent(cursor)}`, undefined, { key: t.other.readWrite });
    expect(res.status).toBe(422);
  });

  it('the same Idempotency-Key in two tenants are two requests', async () => {
    const headers = { 'idempotency-key': 'shared' };
    const a = await t.api('POST', '/locations', { name: 'Same' }, { headers });
    const b = await t.api('POST', '/locations', { name: 'Same' }, { headers, key: t.other.readWrite });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('no key is 401, an unknown key 401, a missing scope 403', async () => {
    expect((await t.api('GET', '/locations', undefined, { key: null })).status).toBe(401);
    expect((await t.api('GET', '/locations', undefined, { key: 'agd_nope' })).status).toBe(401);
    const readOnly = await t.api('POST', '/locations', { name: 'X' }, { key: t.tenant.read });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.detail).toMatch(/write/);
    expect((await t.api('GET', '/locations', undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', '/locations', undefined, { key: t.tenant.admin })).status).toBe(200);
  });
});
