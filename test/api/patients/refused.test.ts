import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { ConflictError } from '../../../src/core/errors';
import type { AppDatabase } from '../../../src/db/database';
import { patientRepo } from '../../../src/db/repos/patients';
import * as schema from '../../../src/db/schema';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const MISSING = '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b';

async function patientCount() {
  return t.count('patients');
}

function rowOf(id: string) {
  return t.row('SELECT * FROM patients WHERE id = ?', id);
}

const badFields: Array<[string, Record<string, unknown>, string]> = [
  ['empty name', { name: '  ' }, 'name'],
  ['name of wrong type', { name: 42 }, 'name'],
  ['name over 200 characters', { name: 'a'.repeat(201) }, 'name'],
  ['phone that is letters', { phone: 'abc' }, 'phone'],
  ['phone without area code', { phone: '99999-8888' }, 'phone'],
  ['phone too short', { phone: '31 9999' }, 'phone'],
  ['phone in a sentence', { phone: 'ligar 31 99999-8888' }, 'phone'],
  ['phone with an extension', { phone: '+55 31 99999-8888 x12' }, 'phone'],
  ['phone of wrong type', { phone: 31999998888 }, 'phone'],
  ['phone over 64 characters', { phone: '9'.repeat(65) }, 'phone'],
  ['email without @', { email: 'maria.example.com' }, 'email'],
  ['email of wrong type', { email: true }, 'email'],
  ['birth date in another format', { birth_date: '12/04/1987' }, 'birth_date'],
  ['birth date that does not exist', { birth_date: '2023-02-29' }, 'birth_date'],
  ['birth date with a time', { birth_date: '1987-04-12T00:00:00Z' }, 'birth_date'],
  ['birth date tomorrow', { birth_date: '2026-11-26' }, 'birth_date'],
  ['birth date next year', { birth_date: '2027-01-01' }, 'birth_date'],
  ['birth date before 1900', { birth_date: '1899-12-31' }, 'birth_date'],
  ['birth date in the year 0', { birth_date: '0000-01-01' }, 'birth_date'],
  ['unknown channel', { preferred_channel: 'telegram' }, 'preferred_channel'],
  ['channel in capitals', { preferred_channel: 'WhatsApp' }, 'preferred_channel'],
];

describe('patients: what is refused', () => {
  it.each([
    ['missing name', { phone: '31 99999-8888' }, 'name'],
    ['null name', { name: null }, 'name'],
    ...badFields.map(([label, patch, path]) => [label, { name: 'Maria', ...patch }, path] as [string, Record<string, unknown>, string]),
  ])('create with %s: 422 naming the field, nothing written', async (_label, body, path) => {
    const res = await t.api('POST', '/patients', body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await patientCount()).toBe(0);
  });

  it.each([['null name', { name: null }, 'name'], ['null is_active', { is_active: null }, 'is_active'], ...badFields])(
    'update with %s: 422 naming the field, nothing changed',
    async (_label, patch, path) => {
      const created = await t.api('POST', '/patients', { name: 'Maria', phone: '31 99999-8888', email: 'm@example.com', birth_date: '1987-04-12' });
      const before = await rowOf(created.body.id);
      t.clock.advance(60_000);
      const res = await t.api('PUT', `/patients/${created.body.id}`, { name: 'Changed', phone: '31 98888-7777', ...patch });
      expect(res.status).toBe(422);
      expect(typeof res.body.detail).toBe('string');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await rowOf(created.body.id)).toEqual(before);
    },
  );

  it('a phone already registered is 409 on create, in any format, and nothing is written', async () => {
    const maria = await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' });
    expect(maria.status).toBe(201);
    for (const phone of ['(31) 99999-8888', '+55 31 99999-8888', '5531999998888', '31999998888']) {
      const res = await t.api('POST', '/patients', { name: 'Outra', phone });
      expect(res.status, phone).toBe(409);
      expect(res.body).toEqual({ detail: `A patient with this phone is already registered: ${maria.body.id}` });
    }
    expect(await patientCount()).toBe(1);
  });

  it("a deactivated patient's phone is still taken", async () => {
    const a = await t.api('POST', '/patients', { name: 'Maria', phone: '31 99999-8888' });
    await t.api('DELETE', `/patients/${a.body.id}`);
    const res = await t.api('POST', '/patients', { name: 'Outra', phone: '+5531999998888' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: `A patient with this phone is already registered: ${a.body.id} (inactive)` });
    expect(await patientCount()).toBe(1);
  });

  it("taking another patient's phone on update is 409 and changes nothing", async () => {
    const maria = await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' });
    const joao = await t.api('POST', '/patients', { name: 'João', phone: '(31) 98888-7777' });
    const before = await rowOf(joao.body.id);
    t.clock.advance(60_000);
    for (const phone of ['+55 31 99999-8888', '5531999998888']) {
      const res = await t.api('PUT', `/patients/${joao.body.id}`, { name: 'João Changed', phone });
      expect(res.status, phone).toBe(409);
      expect(res.body).toEqual({ detail: `A patient with this phone is already registered: ${maria.body.id}` });
    }
    expect(await rowOf(joao.body.id)).toEqual(before);
  });

  it('the same phone is free in another tenant', async () => {
    await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' });
    const res = await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' }, { key: t.other.readWrite });
    expect(res.status).toBe(201);
  });

  it('an invalid phone filter is 422', async () => {
    for (const phone of ['abc', '99999-8888', '123']) {
      const res = await t.api('GET', `/patients?phone=${encodeURIComponent(phone)}`);
      expect(res.status, phone).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('phone');
    }
  });

  it('an array body or malformed JSON is 422, not 500', async () => {
    expect((await t.api('POST', '/patients', [{ name: 'X' }])).status).toBe(422);
    const res = await t.api('POST', '/patients', '{"name": "X",');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/JSON/i);
    expect(await patientCount()).toBe(0);
  });

  it('unknown id is 404 on get, put and delete; a malformed id is 422', async () => {
    const missing = await t.api('GET', `/patients/${MISSING}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Patient not found' });
    expect((await t.api('PUT', `/patients/${MISSING}`, { name: 'Y' })).status).toBe(404);
    expect((await t.api('DELETE', `/patients/${MISSING}`)).status).toBe(404);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const bad = await t.api(method, '/patients/not-a-uuid', method === 'PUT' ? { name: 'Y' } : undefined);
      expect(bad.status, method).toBe(422);
      expect(bad.body.detail).toMatch(/id/);
    }
    expect(await patientCount()).toBe(0);
  });

  it.each(['limit=0', 'limit=201', 'limit=1.5', 'include_inactive=1'])('%s is 422', async (query) => {
    const res = await t.api('GET', `/patients?${query}`);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it('a forged cursor, or one from another filter combination, is 422', async () => {
    for (let i = 0; i < 3; i++) await t.api('POST', '/patients', { name: `P${i}` });
    const page = await t.api('GET', '/patients?limit=1');
    const cursor: string = page.body.next_cursor;
    expect(cursor).toBeTruthy();
    const [payload, mac] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of ['garbage', `${forgedPayload}.${mac}`, `${payload}.AAAA`, `${payload}.${mac}x`]) {
      const res = await t.api('GET', `/patients?limit=1&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.detail).toMatch(/cursor/);
    }
    const c = encodeURIComponent(cursor);
    expect((await t.api('GET', `/patients?limit=1&include_inactive=true&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/patients?limit=1&phone=31999998888&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/appointment-types?limit=1&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/patients?limit=1&cursor=${c}`)).status).toBe(200);
  });

  it('the same Idempotency-Key with another body is 409', async () => {
    const headers = { 'idempotency-key': 'k1' };
    expect((await t.api('POST', '/patients', { name: 'One' }, { headers })).status).toBe(201);
    const res = await t.api('POST', '/patients', { name: 'Two' }, { headers });
    expect(res.status).toBe(409);
    expect(await patientCount()).toBe(1);
  });
});

describe('patients repo: duplicate phones on D1', () => {
  // D1 reports a unique violation only in the message. drizzle over a D1 binding whose batch (how an
  // atomic step runs on D1) fails the way D1 does.
  function failingDb(message: string): AppDatabase {
    const statement = { bind: () => statement };
    const binding = { prepare: () => statement, batch: () => Promise.reject(new Error(message)) };
    return drizzleD1(binding as never, { schema }) as unknown as AppDatabase;
  }
  const patient = {
    id: '8d4e2f1a-6b3c-4d7e-a9f0-1b2c3d4e5f60',
    name: 'Maria',
    phone: '+5531999998888',
    email: null,
    birth_date: null,
    preferred_channel: null,
    is_active: true,
    created_at: '2026-11-25T12:00:00.000Z',
    updated_at: '2026-11-25T12:00:00.000Z',
  };

  it('maps the UNIQUE message on the phone index to a ConflictError', async () => {
    const repo = patientRepo(failingDb('D1_ERROR: UNIQUE constraint failed: patients.tenant_id, patients.phone: SQLITE_CONSTRAINT'));
    await expect(repo.insert('tenant', patient)).rejects.toThrow(ConflictError);
    await expect(repo.insert('tenant', patient)).rejects.toThrow('A patient with this phone is already registered');
  });

  it('leaves other failures alone (a primary-key clash is not a duplicate phone)', async () => {
    const repo = patientRepo(failingDb('D1_ERROR: UNIQUE constraint failed: patients.id: SQLITE_CONSTRAINT'));
    await expect(repo.insert('tenant', patient)).rejects.not.toThrow(ConflictError);
  });
});
