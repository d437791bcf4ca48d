import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('appointment types: what never leaks', () => {
  it('another tenant sees none of it: list, filter, get, put, delete', async () => {
    const mine = await t.api('POST', '/appointment-types', { name: 'Minha', duration_minutes: 30, specialty: 'cardiologia' });
    const before = await t.api('GET', `/appointment-types/${mine.body.id}`);
    const key = t.other.readWrite;
    expect((await t.api('GET', '/appointment-types', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', '/appointment-types?include_inactive=true', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', '/appointment-types?specialty=cardiologia', undefined, { key })).body.data).toEqual([]);
    const got = await t.api('GET', `/appointment-types/${mine.body.id}`, undefined, { key });
    expect(got.status).toBe(404);
    expect(got.body).toEqual({ detail: 'Appointment type not found' });
    expect((await t.api('PUT', `/appointment-types/${mine.body.id}`, { name: 'hijack', is_active: false }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/appointment-types/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/appointment-types/${mine.body.id}`)).body).toEqual(before.body);
  });

  it('each tenant lists only its own types', async () => {
    await t.api('POST', '/appointment-types', { name: 'Mine', duration_minutes: 30 });
    await t.api('POST', '/appointment-types', { name: 'Theirs', duration_minutes: 30 }, { key: t.other.readWrite });
    const mine = await t.api('GET', '/appointment-types');
    const theirs = await t.api('GET', '/appointment-types', undefined, { key: t.other.readWrite });
    expect(mine.body.data.map((x: { name: string }) => x.name)).toEqual(['Mine']);
    expect(theirs.body.data.map((x: { name: string }) => x.name)).toEqual(['Theirs']);
    expect(mine.body.data[0]).not.toHaveProperty('tenant_id');
  });

  it('a cursor of one tenant is refused for another', async () => {
    for (let i = 0; i < 2; i++) await t.api('POST', '/appointment-types', { name: `T${i}`, duration_minutes: 30 });
    for (let i = 0; i < 2; i++) await t.api('POST', '/appointment-types', { name: `O${i}`, duration_minutes: 30 }, { key: t.other.readWrite });
    const cursor = (await t.api('GET', '/appointment-types?limit=1')).body.next_cursor;
    const res = await t.api('GET', `/appointment-types?limit=1&cursor=${encodeURIComponent(cursor)}`, undefined, { key: t.other.readWrite });
    expect(res.status).toBe(422);
  });

  it('no key is 401, a read-only key cannot write (403), a write-only key cannot read (403)', async () => {
    const created = await t.api('POST', '/appointment-types', { name: 'A', duration_minutes: 30 });
    expect((await t.api('GET', '/appointment-types', undefined, { key: null })).status).toBe(401);
    expect((await t.api('GET', '/appointment-types', undefined, { key: 'agd_nope' })).status).toBe(401);
    const read = t.tenant.read;
    const post = await t.api('POST', '/appointment-types', { name: 'X', duration_minutes: 30 }, { key: read });
    expect(post.status).toBe(403);
    expect(post.body.detail).toMatch(/write/);
    expect((await t.api('PUT', `/appointment-types/${created.body.id}`, { name: 'X' }, { key: read })).status).toBe(403);
    expect((await t.api('DELETE', `/appointment-types/${created.body.id}`, undefined, { key: read })).status).toBe(403);
    expect((await t.api('GET', '/appointment-types', undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', `/appointment-types/${created.body.id}`, undefined, { key: read })).status).toBe(200);
    const row = await t.rows('SELECT name, is_active FROM appointment_types');
    expect(row).toEqual([{ name: 'A', is_active: 1 }]);
  });
});
