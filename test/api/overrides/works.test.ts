import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;
let centro: string;
let savassi: string;

beforeEach(async () => {
  t = await createTestApp();
  centro = (await t.core.locations.create(t.tenant.tenantId, { name: 'Centro' })).id;
  savassi = (await t.core.locations.create(t.tenant.tenantId, { name: 'Savassi' })).id;
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), primary_location_id: centro })).body.id;
});
afterEach(() => t.close());

const create = (body: unknown, pid = providerId) => t.api('POST', `/providers/${pid}/overrides`, body);

async function dates(query = ''): Promise<string[]> {
  const res = await t.api('GET', `/providers/${providerId}/overrides${query}`);
  expect(res.status, query).toBe(200);
  return res.body.data.map((o: { date: string }) => o.date);
}

describe('overrides: what works', () => {
  it('blocks a whole day', async () => {
    const res = await create({ date: '2026-12-25', type: 'blocked', reason: 'Natal' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      provider_id: providerId,
      date: '2026-12-25',
      type: 'blocked',
      start_time: null,
      end_time: null,
      location_id: null,
      reason: 'Natal',
      created_at: '2026-11-25T12:00:00.000Z',
    });
    expect(res.body).not.toHaveProperty('tenant_id');
    expect((await t.api('GET', `/providers/${providerId}/overrides`)).body).toEqual({ data: [res.body], next_cursor: null });
  });

  it('blocks some hours, modifies a day and adds hours', async () => {
    const blocked = await create({ date: '2026-12-01', type: 'blocked', start_time: '14:00', end_time: '16:00', location_id: savassi });
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({ start_time: '14:00', end_time: '16:00', location_id: savassi, reason: null });
    const modified = await create({ date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00' });
    expect(modified.status).toBe(201);
    expect(modified.body).toMatchObject({ type: 'modified', start_time: '08:00', end_time: '12:00', location_id: null });
    const added = await create({ date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00', location_id: savassi });
    expect(added.status).toBe(201);
    expect(added.body.location_id).toBe(savassi);
    const edge = await create({ date: '2026-12-06', type: 'added', start_time: '00:00', end_time: '23:59', reason: 'x'.repeat(500) });
    expect(edge.status).toBe(201);
  });

  it("an added override without location_id takes the provider's primary location", async () => {
    const res = await create({ date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00' });
    expect(res.status).toBe(201);
    expect(res.body.location_id).toBe(centro);
  });

  it('filters by date range, inclusive, and pages with cursors bound to the filter', async () => {
    for (const date of ['2026-12-10', '2026-12-01', '2026-12-20', '2026-12-15', '2027-01-05']) {
      await create({ date, type: 'blocked' });
    }
    expect(await dates()).toEqual(['2026-12-10', '2026-12-01', '2026-12-20', '2026-12-15', '2027-01-05']);
    expect(await dates('?date_from=2026-12-10')).toEqual(['2026-12-10', '2026-12-20', '2026-12-15', '2027-01-05']);
    expect(await dates('?date_to=2026-12-15')).toEqual(['2026-12-10', '2026-12-01', '2026-12-15']);
    expect(await dates('?date_from=2026-12-10&date_to=2026-12-20')).toEqual(['2026-12-10', '2026-12-20', '2026-12-15']);
    expect(await dates('?date_from=2026-12-11&date_to=2026-12-11')).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.api(
        'GET',
        `/providers/${providerId}/overrides?date_from=2026-12-05&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((o: { date: string }) => o.date));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['2026-12-10', '2026-12-20', '2026-12-15', '2027-01-05']);
  });

  it('deletes for good', async () => {
    const a = await create({ date: '2026-12-25', type: 'blocked' });
    const b = await create({ date: '2026-12-26', type: 'blocked' });
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/${a.body.id}`)).status).toBe(204);
    expect(await dates()).toEqual(['2026-12-26']);
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/${a.body.id}`)).status).toBe(404);
    const rows = await t.rows<{ id: string }>('SELECT id FROM schedule_overrides');
    expect(rows.map((r) => r.id)).toEqual([b.body.id]);
  });

  it('replays a create with the same Idempotency-Key and body', async () => {
    const headers = { 'idempotency-key': 'ovr-1' };
    const first = await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-25', type: 'blocked' }, { headers });
    const second = await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-25', type: 'blocked' }, { headers });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await dates()).toEqual(['2026-12-25']);
  });
});
