import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const MISSING = '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b';

async function typeCount() {
  return t.count('appointment_types');
}

function rowOf(id: string) {
  return t.row('SELECT * FROM appointment_types WHERE id = ?', id);
}

const valid = { name: 'Retorno', duration_minutes: 20 };

const badFields: Array<[string, Record<string, unknown>, string]> = [
  ['empty name', { name: '   ' }, 'name'],
  ['name of wrong type', { name: 42 }, 'name'],
  ['name over 200 characters', { name: 'a'.repeat(201) }, 'name'],
  ['zero duration', { duration_minutes: 0 }, 'duration_minutes'],
  ['negative duration', { duration_minutes: -15 }, 'duration_minutes'],
  ['fractional duration', { duration_minutes: 20.5 }, 'duration_minutes'],
  ['duration over a day', { duration_minutes: 1441 }, 'duration_minutes'],
  ['duration as a string', { duration_minutes: '30' }, 'duration_minutes'],
  ['empty specialty', { specialty: '  ' }, 'specialty'],
  ['specialty of wrong type', { specialty: 7 }, 'specialty'],
  ['synonyms not a list', { synonyms: 'retorno' }, 'synonyms'],
  ['a blank synonym', { synonyms: ['retorno', '  '] }, 'synonyms.1'],
  ['a synonym of wrong type', { synonyms: [3] }, 'synonyms.0'],
  ['more than 50 synonyms', { synonyms: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'synonyms'],
  ['null synonyms', { synonyms: null }, 'synonyms'],
];

describe('appointment types: what is refused', () => {
  it.each([
    ['missing name', { duration_minutes: 20 }, 'name'],
    ['missing duration', { name: 'Retorno' }, 'duration_minutes'],
    ['null name', { name: null, duration_minutes: 20 }, 'name'],
    ...badFields.map(([label, patch, path]) => [label, { ...valid, ...patch }, path] as [string, Record<string, unknown>, string]),
  ])('create with %s: 422 naming the field, nothing written', async (_label, body, path) => {
    const res = await t.api('POST', '/appointment-types', body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await typeCount()).toBe(0);
  });

  it.each([['null name', { name: null }, 'name'], ['null duration', { duration_minutes: null }, 'duration_minutes'], ...badFields])(
    'update with %s: 422 naming the field, nothing changed',
    async (_label, patch, path) => {
      const created = await t.api('POST', '/appointment-types', { ...valid, specialty: 'cardiologia', synonyms: ['retorno'] });
      const before = await rowOf(created.body.id);
      t.clock.advance(60_000);
      const res = await t.api('PUT', `/appointment-types/${created.body.id}`, { name: 'Changed', ...patch });
      expect(res.status).toBe(422);
      expect(typeof res.body.detail).toBe('string');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await rowOf(created.body.id)).toEqual(before);
    },
  );

  it('an array body or malformed JSON is 422, not 500', async () => {
    expect((await t.api('POST', '/appointment-types', [valid])).status).toBe(422);
    const res = await t.api('POST', '/appointment-types', '{"name": "X",');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/JSON/i);
    expect(await typeCount()).toBe(0);
  });

  it('unknown id is 404 on get, put and delete; a malformed id is 422', async () => {
    const missing = await t.api('GET', `/appointment-types/${MISSING}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Appointment type not found' });
    expect((await t.api('PUT', `/appointment-types/${MISSING}`, { name: 'Y' })).status).toBe(404);
    expect((await t.api('DELETE', `/appointment-types/${MISSING}`)).status).toBe(404);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const bad = await t.api(method, '/appointment-types/not-a-uuid', method === 'PUT' ? { name: 'Y' } : undefined);
      expect(bad.status, method).toBe(422);
      expect(bad.body.detail).toMatch(/id/);
    }
    expect(await typeCount()).toBe(0);
  });

  it.each(['limit=0', 'limit=201', 'limit=abc', 'include_inactive=yes', 'specialty='])('%s is 422', async (query) => {
    const res = await t.api('GET', `/appointment-types?${query}`);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it('a forged cursor, or one from another filter combination, is 422', async () => {
    for (let i = 0; i < 3; i++) await t.api('POST', '/appointment-types', { ...valid, name: `T${i}`, specialty: 'cardiologia' });
    const page = await t.api('GET', '/appointment-types?limit=1');
    const cursor: string = page.body.next_cursor;
    expect(cursor).toBeTruthy();
    const [payload, mac] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of ['garbage', `${forgedPayload}.${mac}`, `${payload}.AAAA`]) {
      const res = await t.api('GET', `/appointment-types?limit=1&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.detail).toMatch(/cursor/);
    }
    const c = encodeURIComponent(cursor);
    expect((await t.api('GET', `/appointment-types?limit=1&include_inactive=true&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/appointment-types?limit=1&specialty=cardiologia&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/locations?limit=1&cursor=${c}`)).status).toBe(422);
    expect((await t.api('GET', `/appointment-types?limit=1&cursor=${c}`)).status).toBe(200);
  });

  it('the same Idempotency-Key with another body is 409', async () => {
    const headers = { 'idempotency-key': 'k1' };
    expect((await t.api('POST', '/appointment-types', valid, { headers })).status).toBe(201);
    const res = await t.api('POST', '/appointment-types', { ...valid, name: 'Other' }, { headers });
    expect(res.status).toBe(409);
    expect(await typeCount()).toBe(1);
  });
});
