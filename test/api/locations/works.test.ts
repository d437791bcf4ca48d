import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('locations: what works', () => {
  it('creates a location with rooms and the default time zone', async () => {
    const res = await t.api('POST', '/locations', { name: 'Unidade Centro', address: 'Av. Afonso Pena, 1000', rooms: [{ name: 'Sala 1' }, { name: 'Sala 2' }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Unidade Centro',
      address: 'Av. Afonso Pena, 1000',
      timezone: 'America/Sao_Paulo',
      travel_minutes: {},
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
    });
    expect(res.body.rooms.map((r: { name: string }) => r.name)).toEqual(['Sala 1', 'Sala 2']);
    expect(res.body).not.toHaveProperty('tenant_id');
    const got = await t.api('GET', `/locations/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('accepts Manaus, Cuiabá, Rio Branco and Noronha time zones', async () => {
    for (const tz of ['America/Manaus', 'America/Cuiaba', 'America/Rio_Branco', 'America/Noronha']) {
      const res = await t.api('POST', '/locations', { name: tz, timezone: tz });
      expect(res.status, tz).toBe(201);
      expect(res.body.timezone).toBe(tz);
    }
  });

  it('a time zone sent in another letter case is kept in its IANA spelling', async () => {
    const created = await t.api('POST', '/locations', { name: 'Unidade Manaus', timezone: 'america/manaus' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.timezone).toBe('America/Manaus');
    const updated = await t.api('PUT', `/locations/${created.body.id}`, { timezone: 'AMERICA/SAO_PAULO' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.timezone).toBe('America/Sao_Paulo');
    expect((await t.api('GET', `/locations/${created.body.id}`)).body.timezone).toBe('America/Sao_Paulo');
    expect((await t.api('POST', '/locations', { name: 'UTC', timezone: 'utc' })).body.timezone).toBe('UTC');
    // a zone already spelled as IANA does is kept as sent, links included
    for (const zone of ['Etc/GMT+3', 'Brazil/East', 'America/Rio_Branco']) {
      expect((await t.api('POST', '/locations', { name: zone, timezone: zone })).body.timezone).toBe(zone);
    }
  });

  it('keeps travel minutes to other locations', async () => {
    const a = await t.api('POST', '/locations', { name: 'A' });
    const b = await t.api('POST', '/locations', { name: 'B', travel_minutes: { [a.body.id]: 25 } });
    expect(b.status).toBe(201);
    expect(b.body.travel_minutes).toEqual({ [a.body.id]: 25 });
  });

  it('updates only the fields given and replaces rooms keeping ids', async () => {
    const created = await t.api('POST', '/locations', { name: 'Savassi', address: 'Rua X', rooms: [{ name: 'Sala 1' }, { name: 'Sala 2' }] });
    const [sala1] = created.body.rooms;
    t.clock.advance(60_000);
    const res = await t.api('PUT', `/locations/${created.body.id}`, {
      name: 'Unidade Savassi',
      rooms: [{ id: sala1.id, name: 'Sala 1A' }, { name: 'Sala 3' }],
      id: 'ignored',
      created_at: 'ignored',
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Unidade Savassi');
    expect(res.body.address).toBe('Rua X');
    expect(res.body.id).toBe(created.body.id);
    expect(res.body.created_at).toBe(created.body.created_at);
    expect(res.body.updated_at).toBe('2026-11-25T12:01:00.000Z');
    expect(res.body.rooms).toEqual([{ id: sala1.id, name: 'Sala 1A' }, { id: expect.any(String), name: 'Sala 3' }]);
  });

  it('soft-deletes: GET still answers, lists hide it unless include_inactive', async () => {
    const a = await t.api('POST', '/locations', { name: 'A' });
    await t.api('POST', '/locations', { name: 'B' });
    expect((await t.api('DELETE', `/locations/${a.body.id}`)).status).toBe(204);
    const got = await t.api('GET', `/locations/${a.body.id}`);
    expect(got.body.is_active).toBe(false);
    const list = await t.api('GET', '/locations');
    expect(list.body.data.map((l: { name: string }) => l.name)).toEqual(['B']);
    const all = await t.api('GET', '/locations?include_inactive=true');
    expect(all.body.data.map((l: { name: string }) => l.name)).toEqual(['A', 'B']);
  });

  it('pages through a list in a stable order with cursors', async () => {
    const names: string[] = [];
    for (let i = 0; i < 7; i++) {
      names.push(`L${i}`);
      await t.api('POST', '/locations', { name: `L${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await t.api('GET', `/locations?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((l: { name: string }) => l.name));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(names.sort());
    expect(new Set(seen).size).toBe(7);
  });

  it('replays a create with the same Idempotency-Key and body', async () => {
    const headers = { 'idempotency-key': 'abc-123' };
    const first = await t.api('POST', '/locations', { name: 'Once' }, { headers });
    const second = await t.api('POST', '/locations', { name: 'Once' }, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const list = await t.api('GET', '/locations');
    expect(list.body.data).toHaveLength(1);
  });

  it('every answer lists the keys in the order a create does', async () => {
    const created = await t.api('POST', '/locations', { name: 'Unidade Centro', rooms: [{ name: 'Sala 1' }] });
    const order = Object.keys(created.body);
    expect(Object.keys((await t.api('GET', `/locations/${created.body.id}`)).body)).toEqual(order);
    expect(Object.keys((await t.api('GET', '/locations')).body.data[0])).toEqual(order);
    expect(Object.keys((await t.api('PUT', `/locations/${created.body.id}`, { name: 'Unidade Centro 2' })).body)).toEqual(order);
  });
});
