/**
 * POST /api-keys with an Idempotency-Key: the response, which carries the new key's secret, is kept so
 * that a retry replays it, but the secret is never at rest in plain text (CONTRACT: keys are stored
 * hashed). Only the caller who made the key, presenting the same API key, gets it again; a copy of the
 * database file (main file and WAL) does not reveal it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_BASE } from '../../../src/app';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** The raw response, so that a replay can be compared byte for byte. */
async function createKey(callerKey: string, idempotencyKey: string, body: unknown = { scopes: ['admin'], name: 'integração' }) {
  const res = await t.app.request(`${API_BASE}/api-keys`, {
    method: 'POST',
    headers: { 'x-api-key': callerKey, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
}

/** Every byte the database keeps on disk: the main file and its write-ahead log. */
function databaseBytes(): Buffer {
  const files = [t.dbPath, `${t.dbPath}-wal`, `${t.dbPath}-journal`].filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

describe('POST /api-keys with an Idempotency-Key', () => {
  it('keeps no plain secret in the database file or its WAL, before and after a checkpoint', async () => {
    const created = await createKey(t.tenant.admin, 'new-admin-key');
    expect(created.status).toBe(201);
    const secret = JSON.parse(created.text).key as string;
    expect(secret).toMatch(/^agd_/);
    // the key works
    expect((await t.api('GET', '/locations', undefined, { key: secret })).status).toBe(200);

    const row = (await t.row<{ status_code: number; response_body: string }>('SELECT status_code, response_body FROM idempotency_keys WHERE key = ?', 'new-admin-key'))!;
    expect(row.status_code).toBe(201);
    expect(row.response_body).not.toContain(secret);
    expect(row.response_body).not.toContain(secret.slice(12));

    if (ON_D1) return; // the SQLite file and its WAL
    expect(databaseBytes().includes(secret)).toBe(false);
    expect(databaseBytes().includes(secret.slice(12))).toBe(false);
    t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseBytes().includes(secret)).toBe(false);
    expect(databaseBytes().includes(secret.slice(12))).toBe(false);
  });

  it('replays the same key byte for byte to the caller who made it, and creates no second one', async () => {
    const created = await createKey(t.tenant.admin, 'retry-me');
    expect(created.status).toBe(201);
    const keys = (await t.api('GET', '/api-keys', undefined, { key: t.tenant.admin })).body.data.length;

    const replayed = await createKey(t.tenant.admin, 'retry-me');
    expect(replayed.status).toBe(201);
    expect(replayed.replayed).toBe('true');
    expect(replayed.text).toBe(created.text);
    expect((await t.api('GET', '/api-keys', undefined, { key: t.tenant.admin })).body.data.length).toBe(keys);
    expect((await t.api('GET', '/locations', undefined, { key: JSON.parse(replayed.text).key })).status).toBe(200);

    // the same key with another body is still a 409
    expect((await createKey(t.tenant.admin, 'retry-me', { scopes: ['read'] })).status).toBe(409);
  });

  it('does not give the secret to another key of the same tenant that sends the same Idempotency-Key and body', async () => {
    const created = await createKey(t.tenant.admin, 'shared-key');
    expect(created.status).toBe(201);
    const secret = JSON.parse(created.text).key as string;

    const { secret: otherAdmin } = await t.core.keys.createKey(t.tenant.tenantId, ['admin'], 'outro admin');
    const other = await createKey(otherAdmin, 'shared-key');
    expect(other.status).toBe(409);
    expect(other.text).not.toContain(secret);
    expect(JSON.parse(other.text)).toEqual({ detail: expect.any(String) });

    // the caller who made it still gets it
    expect((await createKey(t.tenant.admin, 'shared-key')).text).toBe(created.text);
  });

  it('another tenant with the same Idempotency-Key makes its own key', async () => {
    const ours = await createKey(t.tenant.admin, 'same-name');
    const theirs = await createKey(t.other.admin, 'same-name');
    expect(theirs.status).toBe(201);
    expect(theirs.replayed).toBeNull();
    expect(JSON.parse(theirs.text).key).not.toBe(JSON.parse(ours.text).key);
  });
});
