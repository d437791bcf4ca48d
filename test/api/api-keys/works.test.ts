/**
 * API keys over the API: created by an admin and shown once, listed by prefix, revoked. A valid key is
 * trusted for KEY_CACHE_TTL_MS without reading it again: a revoke on this server takes effect at once,
 * one made by another process over the same file within that time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { API_BASE, buildApp } from '../../../src/app';
import { randomIds } from '../../../src/core/clock';
import { KEY_CACHE_TTL_MS } from '../../../src/core/keys';
import { openSqlite } from '../../../src/db/client.sqlite';
import { createRepositories } from '../../../src/db/repos';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';

let t: TestApp;
afterEach(() => t?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newKey(app: TestApp, scopes = ['read']) {
  const res = await app.api('POST', '/api-keys', { scopes, name: 'recepção' }, { key: app.tenant.admin });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string; prefix: string; scopes: string[] };
}

describe('API keys', () => {
  it('shows a new key once, lists keys by prefix only, and needs the admin scope', async () => {
    t = await createTestApp();
    const created = await newKey(t);
    expect(created.key).toMatch(/^agd_/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect((await t.api('GET', '/locations', undefined, { key: created.key })).status).toBe(200);

    const list = await t.api('GET', '/api-keys', undefined, { key: t.tenant.admin });
    expect(list.status).toBe(200);
    expect(list.body.data.some((k: any) => k.id === created.id && k.prefix === created.prefix && k.revoked_at === null)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(created.key);

    expect((await t.api('POST', '/api-keys', { scopes: ['read'] }, { key: t.tenant.readWrite })).status).toBe(403);
    expect((await t.api('DELETE', `/api-keys/${created.id}`, undefined, { key: t.tenant.readWrite })).status).toBe(403);
  });

  it('a scope named twice is kept once, in the order first named', async () => {
    t = await createTestApp();
    const created = await newKey(t, ['write', 'read', 'write', 'read']);
    expect(created.scopes).toEqual(['write', 'read']);
    expect((await t.api('GET', `/api-keys/${created.id}`, undefined, { key: t.tenant.admin })).body.scopes).toEqual(['write', 'read']);
  });

  it('lists keys in pages like every other list: limit, next_cursor, and a cursor of another list is 422', async () => {
    t = await createTestApp();
    // the test tenant starts with four keys (admin, read, write, read+write)
    const made = [await newKey(t), await newKey(t)];
    const admin = { key: t.tenant.admin };
    const all = (await t.api('GET', '/api-keys', undefined, admin)).body;
    expect(all.data).toHaveLength(6);
    expect(all.next_cursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.api('GET', `/api-keys?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, admin);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.data.map((k: { id: string }) => k.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((k: { id: string }) => k.id));
    expect(seen.slice(-2)).toEqual(made.map((k) => k.id));

    await t.api('POST', '/locations', { name: 'A' });
    await t.api('POST', '/locations', { name: 'B' });
    const locationsCursor = (await t.api('GET', '/locations?limit=1', undefined, admin)).body.next_cursor;
    for (const bad of [locationsCursor, 'forged']) {
      const res = await t.api('GET', `/api-keys?cursor=${encodeURIComponent(bad)}`, undefined, admin);
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/cursor/);
    }
    expect((await t.api('GET', '/api-keys?limit=0', undefined, admin)).status).toBe(422);
    expect((await t.api('GET', '/api-keys?limit=201', undefined, admin)).status).toBe(422);
  });

  it('a key revoked on this server gets 401 at once, even right after it was used', async () => {
    t = await createTestApp();
    const created = await newKey(t);
    expect((await t.api('GET', '/locations', undefined, { key: created.key })).status).toBe(200);
    expect((await t.api('DELETE', `/api-keys/${created.id}`, undefined, { key: t.tenant.admin })).status).toBe(204);
    const refused = await t.api('GET', '/locations', undefined, { key: created.key });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: expect.any(String) });
    // the other keys keep working
    expect((await t.api('GET', '/locations', undefined, { key: t.tenant.read })).status).toBe(200);
  });

  it.skipIf(ON_D1)('a key revoked by another server process over the same file gets 401 within KEY_CACHE_TTL_MS', async () => {
    t = await createTestApp();
    const created = await newKey(t);
    expect((await t.api('GET', '/locations', undefined, { key: created.key })).status).toBe(200);

    const handle = openSqlite(t.dbPath);
    try {
      const second = buildApp({ repos: createRepositories(handle.db), clock: t.clock, ids: randomIds, version: 'test', logLevel: 'silent' });
      const res = await second.request(`${API_BASE}/api-keys/${created.id}`, { method: 'DELETE', headers: { 'x-api-key': t.tenant.admin } });
      expect(res.status).toBe(204);
      // the second server refuses it at once
      const there = await second.request(`${API_BASE}/locations`, { headers: { 'x-api-key': created.key } });
      expect(there.status).toBe(401);
    } finally {
      handle.close();
    }
    await sleep(KEY_CACHE_TTL_MS + 50);
    expect((await t.api('GET', '/locations', undefined, { key: created.key })).status).toBe(401);
  });

  it('cannot revoke another tenant’s key, or a key that does not exist', async () => {
    t = await createTestApp();
    const theirs = await t.api('POST', '/api-keys', { scopes: ['read'] }, { key: t.other.admin });
    expect(theirs.status).toBe(201);
    expect((await t.api('DELETE', `/api-keys/${theirs.body.id}`, undefined, { key: t.tenant.admin })).status).toBe(404);
    expect((await t.api('GET', '/locations', undefined, { key: theirs.body.key })).status).toBe(200);
    expect((await t.api('DELETE', `/api-keys/${crypto.randomUUID()}`, undefined, { key: t.tenant.admin })).status).toBe(404);
  });

  it('GET /api-keys/{id} shows one key by prefix, revoked or not; another tenant\'s or an unknown id is 404; needs admin', async () => {
    t = await createTestApp();
    const created = await newKey(t);
    const admin = { key: t.tenant.admin };
    const got = await t.api('GET', `/api-keys/${created.id}`, undefined, admin);
    expect(got.status).toBe(200);
    const { key: secret, ...shown } = created as typeof created & Record<string, unknown>;
    expect(got.body).toEqual(shown);
    expect(JSON.stringify(got.body)).not.toContain(secret);

    expect((await t.api('DELETE', `/api-keys/${created.id}`, undefined, admin)).status).toBe(204);
    const revoked = await t.api('GET', `/api-keys/${created.id}`, undefined, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).toBe(t.clock.now().toISOString());

    const theirs = await t.api('POST', '/api-keys', { scopes: ['read'] }, { key: t.other.admin });
    for (const id of [theirs.body.id, crypto.randomUUID()]) {
      const res = await t.api('GET', `/api-keys/${id}`, undefined, admin);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'API key not found' });
    }
    const bad = await t.api('GET', '/api-keys/not-a-uuid', undefined, admin);
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toEqual(expect.any(String));
    expect((await t.api('GET', `/api-keys/${created.id}`, undefined, { key: t.tenant.readWrite })).status).toBe(403);
  });

  it('revoking a key already revoked answers 204 again and keeps when it was first revoked (a retried DELETE)', async () => {
    t = await createTestApp();
    const created = await newKey(t);
    const admin = { key: t.tenant.admin };
    expect((await t.api('DELETE', `/api-keys/${created.id}`, undefined, admin)).status).toBe(204);
    const revokedAt = (await t.api('GET', `/api-keys/${created.id}`, undefined, admin)).body.revoked_at;
    t.clock.advance(60_000);
    const again = await t.api('DELETE', `/api-keys/${created.id}`, undefined, admin);
    expect(again.status).toBe(204);
    expect(again.body).toBeNull();
    expect((await t.api('GET', `/api-keys/${created.id}`, undefined, admin)).body.revoked_at).toBe(revokedAt);
    expect((await t.api('GET', '/locations', undefined, { key: created.key })).status).toBe(401);
  });
});
