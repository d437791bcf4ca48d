import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('patients: what never leaks', () => {
  it('another tenant sees none of it: list, phone filter, get, put, delete', async () => {
    const mine = await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888', email: 'maria@example.com' });
    const before = await t.api('GET', `/patients/${mine.body.id}`);
    const key = t.other.readWrite;
    expect((await t.api('GET', '/patients', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', '/patients?include_inactive=true', undefined, { key })).body.data).toEqual([]);
    const byPhone = await t.api('GET', `/patients?phone=${encodeURIComponent('+5531999998888')}&include_inactive=true`, undefined, { key });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.data).toEqual([]);
    const got = await t.api('GET', `/patients/${mine.body.id}`, undefined, { key });
    expect(got.status).toBe(404);
    expect(got.body).toEqual({ detail: 'Patient not found' });
    expect((await t.api('PUT', `/patients/${mine.body.id}`, { name: 'hijack', phone: null }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/patients/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/patients/${mine.body.id}`)).body).toEqual(before.body);
  });

  it("a phone conflict never reveals another tenant's patient, and lists stay apart", async () => {
    await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' });
    const theirs = await t.api('POST', '/patients', { name: 'Maria (outra clínica)', phone: '+55 31 99999-8888' }, { key: t.other.readWrite });
    expect(theirs.status).toBe(201);
    const mine = await t.api('GET', '/patients?phone=31999998888');
    expect(mine.body.data.map((p: { name: string }) => p.name)).toEqual(['Maria']);
    expect(mine.body.data[0]).not.toHaveProperty('tenant_id');
    const other = await t.api('GET', '/patients?phone=31999998888', undefined, { key: t.other.readWrite });
    expect(other.body.data.map((p: { name: string }) => p.name)).toEqual(['Maria (outra clínica)']);
  });

  it('a cursor of one tenant is refused for another', async () => {
    for (let i = 0; i < 2; i++) await t.api('POST', '/patients', { name: `P${i}` });
    for (let i = 0; i < 2; i++) await t.api('POST', '/patients', { name: `O${i}` }, { key: t.other.readWrite });
    const cursor = (await t.api('GET', '/patients?limit=1')).body.next_cursor;
    const res = await t.api('GET', `/patients?limit=1&cursor=${encodeURIComponent(cursor)}`, undefined, { key: t.other.readWrite });
    expect(res.status).toBe(422);
  });

  it('no key is 401, a read-only key cannot write (403), a write-only key cannot read (403)', async () => {
    const created = await t.api('POST', '/patients', { name: 'Maria', phone: '31 99999-8888' });
    expect((await t.api('GET', '/patients', undefined, { key: null })).status).toBe(401);
    expect((await t.api('GET', `/patients/${created.body.id}`, undefined, { key: 'agd_nope' })).status).toBe(401);
    const read = t.tenant.read;
    const post = await t.api('POST', '/patients', { name: 'X' }, { key: read });
    expect(post.status).toBe(403);
    expect(post.body.detail).toMatch(/write/);
    expect((await t.api('PUT', `/patients/${created.body.id}`, { name: 'X' }, { key: read })).status).toBe(403);
    expect((await t.api('DELETE', `/patients/${created.body.id}`, undefined, { key: read })).status).toBe(403);
    expect((await t.api('GET', '/patients', undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', `/patients/${created.body.id}`, undefined, { key: read })).status).toBe(200);
    expect(await t.rows('SELECT name, is_active FROM patients')).toEqual([{ name: 'Maria', is_active: 1 }]);
  });

  it('errors carry no SQL or internal names', async () => {
    await t.api('POST', '/patients', { name: 'Maria', phone: '31 99999-8888' });
    const dup = await t.api('POST', '/patients', { name: 'Outra', phone: '31 99999-8888' });
    expect(dup.status).toBe(409);
    expect(JSON.stringify(dup.body)).not.toMatch(/SQL|UNIQUE|constraint|patients\.|tenant/i);
  });
});
