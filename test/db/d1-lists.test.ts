/**
 * Lists longer than the 100 values D1 binds per statement, on a real D1 database (test/helpers/d1.ts):
 * a page of 120 locations (their rooms are read for the page's ids at once) and a location's travel
 * times to 110 others (checked against the database at once).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createD1TestApp, type D1TestApp } from '../helpers/d1';

describe('long id lists on D1', () => {
  let t: D1TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('lists a page of 120 locations with their rooms, and takes travel times to 110 others', async () => {
    t = await createD1TestApp();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const res = await t.api('POST', '/locations', { name: `Unidade ${String(i).padStart(3, '0')}`, timezone: 'America/Sao_Paulo', rooms: [{ name: `Sala ${i}` }] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }

    const page = await t.api('GET', '/locations?limit=200');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.data).toHaveLength(120);
    expect(page.body.data.every((l: { name: string; rooms: Array<{ name: string }> }) => l.rooms.length === 1 && l.rooms[0]!.name === `Sala ${Number(l.name.slice(-3))}`)).toBe(true);

    const travel = Object.fromEntries(ids.slice(1, 111).map((id, i) => [id, 10 + i]));
    const updated = await t.api('PUT', `/locations/${ids[0]}`, { travel_minutes: travel });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(Object.keys(updated.body.travel_minutes)).toHaveLength(110);
    // one unknown id among them is still named
    const refused = await t.api('PUT', `/locations/${ids[0]}`, { travel_minutes: { ...travel, '0193f7a2-0000-7000-8000-000000000042': 5 } });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/unknown location id 0193f7a2-0000-7000-8000-000000000042/);
  });
});
