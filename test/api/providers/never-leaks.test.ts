import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const DOCTOR = '6c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

describe('providers: what never leaks', () => {
  it('another tenant sees none of it: list, filters, get, put, delete', async () => {
    const loc = await t.core.locations.create(t.tenant.tenantId, { name: 'Minha' });
    const mine = await t.api('POST', '/providers', { doctor_id: DOCTOR, name: 'Mine', specialties: ['Cardiologia'], primary_location_id: loc.id });
    const key = t.other.readWrite;
    expect((await t.api('GET', '/providers', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', '/providers?include_inactive=true&specialty=cardiologia', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', `/providers?location_id=${loc.id}`, undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', `/providers/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('PUT', `/providers/${mine.body.id}`, { name: 'hijack' }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/providers/${mine.body.id}`)).body).toEqual(mine.body);
  });

  it('the same doctor may have a profile in each tenant', async () => {
    const a = await t.api('POST', '/providers', { doctor_id: DOCTOR });
    const b = await t.api('POST', '/providers', { doctor_id: DOCTOR }, { key: t.other.readWrite });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it("another tenant's location cannot be a primary location (422, as if unknown)", async () => {
    const theirs = await t.core.locations.create(t.other.tenantId, { name: 'Deles' });
    const res = await t.api('POST', '/providers', { doctor_id: DOCTOR, primary_location_id: theirs.id });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('primary_location_id');
    const created = await t.api('POST', '/providers', { doctor_id: DOCTOR });
    expect((await t.api('PUT', `/providers/${created.body.id}`, { primary_location_id: theirs.id })).status).toBe(422);
  });

  it('a cursor of one tenant is refused for another', async () => {
    for (let i = 0; i < 2; i++) await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() });
    for (let i = 0; i < 2; i++) await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key: t.other.readWrite });
    const cursor = (await t.api('GET', '/providers?limit=1')).body.next_cursor;
    const res = await t.api('GET', `/providers?limit=1&cursor=${encodeURIComponent(cursor)}`, undefined, { key: t.other.readWrite });
    expect(res.status).toBe(422);
  });

  it('no key is 401, an unknown key 401, a missing scope 403', async () => {
    const created = await t.api('POST', '/providers', { doctor_id: DOCTOR });
    expect((await t.api('GET', '/providers', undefined, { key: null })).status).toBe(401);
    expect((await t.api('GET', '/providers', undefined, { key: 'agd_nope' })).status).toBe(401);
    const readOnly = await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key: t.tenant.read });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.detail).toMatch(/write/);
    expect((await t.api('PUT', `/providers/${created.body.id}`, { name: 'x' }, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('DELETE', `/providers/${created.body.id}`, undefined, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('GET', '/providers', undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', `/providers/${created.body.id}`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', '/providers', undefined, { key: t.tenant.admin })).status).toBe(200);
    expect((await t.api('GET', `/providers/${created.body.id}`)).body.is_active).toBe(true);
  });
});
