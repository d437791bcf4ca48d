import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function locationCount() {
  return t.count('locations');
}

describe('locations: what is refused', () => {
  it.each([
    ['missing name', {}],
    ['empty name', { name: '  ' }],
    ['name of wrong type', { name: 42 }],
    ['unknown time zone', { name: 'X', timezone: 'America/Atlantis' }],
    ['time zone of wrong type', { name: 'X', timezone: 3 }],
    ['rooms not a list', { name: 'X', rooms: 'Sala 1' }],
    ['room without name', { name: 'X', rooms: [{}] }],
    ['travel minutes to a non-uuid', { name: 'X', travel_minutes: { abc: 10 } }],
    ['negative travel minutes', { name: 'X', travel_minutes: { '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b': -1 } }],
    ['travel minutes to an unknown location', { name: 'X', travel_minutes: { '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b': 10 } }],
    ['an array body', [{ name: 'X' }]],
  ])('%s: 422 with detail, nothing written', async (_label, body) => {
    const res = await t.api('POST', '/locations', body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(await locationCount()).toBe(0);
  });

  it('malformed JSON is 422, not 500', async () => {
    const res = await t.api('POST', '/locations', '{"name": "X",');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/JSON/i);
  });

  it('a body over 1 MB is 413', async () => {
    const res = await t.api('POST', '/locations', { name: 'X', address: 'a'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/exceeds/);
    expect(await locationCount()).toBe(0);
  });

  it('unknown id is 404; a malformed id is 422', async () => {
    const missing = await t.api('GET', '/locations/5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Location not found' });
    const bad = await t.api('GET', '/locations/not-a-uuid');
    expect(bad.status).toBe(422);
    expect((await t.api('PUT', '/locations/5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b', { name: 'Y' })).status).toBe(404);
    expect((await t.api('DELETE', '/locations/5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b')).status).toBe(404);
  });

  it.each(['0', '201', 'abc', '-5', '1.5'])('limit=%s is 422', async (limit) => {
    const res = await t.api('GET', `/locations?limit=${limit}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/limit/);
  });

  it('a forged cursor, or one from another list, is 422', async () => {
    for (let i = 0; i < 3; i++) await t.api('POST', '/locations', { name: `L${i}` });
    const page = await t.api('GET', '/locations?limit=1');
    const cursor: string = page.body.next_cursor;
    expect(cursor).toBeTruthy();
    const [payload] = cursor.split('.');
    const forgedPayload = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of ['garbage', `${forgedPayload}.${cursor.split('.')[1]}`, `${payload}.AAAA`]) {
      const res = await t.api('GET', `/locations?limit=1&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.detail).toMatch(/cursor/);
    }
    const otherList = await t.api('GET', `/locations?limit=1&include_inactive=true&cursor=${encodeURIComponent(cursor)}`);
    expect(otherList.status).toBe(422);
  });

  it('PUT with a room id of another location is 422 and changes nothing', async () => {
    const a = await t.api('POST', '/locations', { name: 'A', rooms: [{ name: 'Sala A' }] });
    const b = await t.api('POST', '/locations', { name: 'B', rooms: [{ name: 'Sala B' }] });
    const res = await t.api('PUT', `/locations/${b.body.id}`, { name: 'B2', rooms: [{ id: a.body.rooms[0].id, name: 'stolen' }] });
    expect(res.status).toBe(422);
    expect((await t.api('GET', `/locations/${b.body.id}`)).body).toEqual(b.body);
    expect((await t.api('GET', `/locations/${a.body.id}`)).body).toEqual(a.body);
  });

  it('PUT naming one room twice is 422 naming the room, and changes nothing (not the last name silently kept)', async () => {
    const a = await t.api('POST', '/locations', { name: 'A', rooms: [{ name: 'Sala 1' }, { name: 'Sala 2' }] });
    const [one, two] = a.body.rooms;
    const res = await t.api('PUT', `/locations/${a.body.id}`, { rooms: [{ id: one.id, name: 'Sala 1' }, { id: two.id, name: 'Sala 2' }, { id: one.id.toUpperCase(), name: 'Sala Um' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'rooms', message: `room ${one.id} is named twice` }]);
    expect((await t.api('GET', `/locations/${a.body.id}`)).body).toEqual(a.body);
  });

  it('the same Idempotency-Key with another body is 409', async () => {
    const headers = { 'idempotency-key': 'k1' };
    expect((await t.api('POST', '/locations', { name: 'One' }, { headers })).status).toBe(201);
    const res = await t.api('POST', '/locations', { name: 'Two' }, { headers });
    expect(res.status).toBe(409);
    expect(await locationCount()).toBe(1);
  });

  it('a refused request keeps its Idempotency-Key: the same body replays the 422, a fixed one needs a new key', async () => {
    const headers = { 'idempotency-key': 'k2' };
    const refused = await t.api('POST', '/locations', {}, { headers });
    expect(refused.status).toBe(422);
    const again = await t.api('POST', '/locations', {}, { headers });
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await t.api('POST', '/locations', { name: 'Fixed' }, { headers })).status).toBe(409);
    expect((await t.api('POST', '/locations', { name: 'Fixed' }, { headers: { 'idempotency-key': 'k3' } })).status).toBe(201);
  });
});
