/**
 * Overrides that clash with an existing one of the same kind (CONTRACT.md, overrides; the rule is
 * described on POST /providers/{id}/overrides): overlapping `added` hours at one location, overlapping
 * `modified` hours where both apply (a null location means every location), and exact duplicate
 * `blocked` overrides are refused with 409 naming the existing override, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { writtenRows } from '../../helpers/clinic';

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

async function created(body: Record<string, unknown>, pid = providerId): Promise<{ id: string }> {
  const res = await create(body, pid);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Everything a refused create could have written: the overrides, the revisions slot search keys on, the outbox and the rest. */
async function databaseState() {
  return {
    overrides: await t.rows('SELECT * FROM schedule_overrides ORDER BY id'),
    revisions: await t.rows('SELECT * FROM availability_revisions ORDER BY 1, 2'),
    idempotency: await t.row('SELECT count(*) AS n FROM idempotency_keys'),
    ...(await writtenRows(t)),
  };
}

/** A 409 whose detail names `existing` (id, date, hours), with the database as it was. */
async function expectRefused(body: Record<string, unknown>, existing: { id: string }, mentions: string[]) {
  const before = await databaseState();
  const res = await create(body);
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(Object.keys(res.body)).toEqual(['detail']);
  for (const text of [existing.id, ...mentions]) expect(res.body.detail).toContain(text);
  expect(await databaseState()).toEqual(before);
  return res.body.detail as string;
}

describe('overrides: a clash with an existing override of the same kind is 409', () => {
  it('the same added override twice (a retried POST without Idempotency-Key)', async () => {
    const body = { date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00', location_id: savassi };
    const first = await created(body);
    const detail = await expectRefused(body, first, ['2026-12-05', '08:00-12:00', savassi]);
    expect(detail).toMatch(/^The provider already has an added override /);
  });

  it('added hours overlapping added hours at the same location, also when the location is the primary one by default', async () => {
    const first = await created({ date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00', location_id: centro });
    await expectRefused({ date: '2026-12-05', type: 'added', start_time: '11:00', end_time: '14:00', location_id: centro }, first, [
      '2026-12-05',
      '08:00-12:00',
    ]);
    await expectRefused({ date: '2026-12-05', type: 'added', start_time: '09:00', end_time: '10:00' }, first, ['08:00-12:00']);
    await expectRefused({ date: '2026-12-05', type: 'added', start_time: '07:00', end_time: '13:00' }, first, ['08:00-12:00']);
  });

  it('the same modified override twice, and modified hours overlapping modified hours at one location', async () => {
    const everywhere = await created({ date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00' });
    await expectRefused({ date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00' }, everywhere, [
      '2026-12-24',
      '08:00-12:00',
      'all locations',
    ]);
    await expectRefused({ date: '2026-12-24', type: 'modified', start_time: '10:00', end_time: '13:00' }, everywhere, ['08:00-12:00']);
  });

  it('a modified override at all locations (null) clashes with one at a location, both ways', async () => {
    const atCentro = await created({ date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00', location_id: centro });
    await expectRefused({ date: '2026-12-24', type: 'modified', start_time: '11:00', end_time: '15:00' }, atCentro, ['08:00-12:00', centro]);
    await expectRefused(
      { date: '2026-12-24', type: 'modified', start_time: '09:00', end_time: '10:00', location_id: centro },
      atCentro,
      ['08:00-12:00'],
    );

    const everywhere = await created({ date: '2026-12-31', type: 'modified', start_time: '08:00', end_time: '12:00' });
    await expectRefused(
      { date: '2026-12-31', type: 'modified', start_time: '10:00', end_time: '14:00', location_id: savassi },
      everywhere,
      ['2026-12-31', '08:00-12:00', 'all locations'],
    );
  });

  it('an exact duplicate blocked override: the whole day, or the same hours at the same location', async () => {
    const day = await created({ date: '2026-12-25', type: 'blocked', reason: 'Christmas' });
    await expectRefused({ date: '2026-12-25', type: 'blocked', reason: 'Christmas' }, day, ['2026-12-25', 'whole day']);
    await expectRefused({ date: '2026-12-25', type: 'blocked', reason: 'another reason' }, day, ['whole day']);

    const hours = await created({ date: '2026-12-01', type: 'blocked', start_time: '14:00', end_time: '16:00', location_id: savassi });
    await expectRefused({ date: '2026-12-01', type: 'blocked', start_time: '14:00', end_time: '16:00', location_id: savassi }, hours, [
      '2026-12-01',
      '14:00-16:00',
    ]);
  });

  it('once the existing override is deleted, the same one can be created again', async () => {
    const body = { date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00', location_id: savassi };
    const first = await created(body);
    expect((await create(body)).status).toBe(409);
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/${first.id}`)).status).toBe(204);
    await created(body);
  });
});

describe('overrides: what does not clash', () => {
  it('added hours at another location, on another date, for another provider, or only touching', async () => {
    const base = { date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00', location_id: centro };
    await created(base);
    await created({ ...base, location_id: savassi });
    await created({ ...base, date: '2026-12-06' });
    await created({ ...base, start_time: '12:00', end_time: '14:00' });
    await created({ ...base, start_time: '06:00', end_time: '08:00' });
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), primary_location_id: centro })).body.id;
    await created(base, other);
  });

  it('modified hours at two different locations, or two separate spans of one day', async () => {
    await created({ date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00', location_id: centro });
    await created({ date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00', location_id: savassi });
    await created({ date: '2026-12-31', type: 'modified', start_time: '08:00', end_time: '12:00' });
    await created({ date: '2026-12-31', type: 'modified', start_time: '14:00', end_time: '18:00' });
    await created({ date: '2026-12-31', type: 'modified', start_time: '12:00', end_time: '13:00', location_id: centro });
  });

  it('blocked overrides that overlap without being the same (the union is blocked)', async () => {
    await created({ date: '2026-12-25', type: 'blocked' });
    await created({ date: '2026-12-25', type: 'blocked', location_id: centro });
    await created({ date: '2026-12-25', type: 'blocked', start_time: '10:00', end_time: '11:00' });
    await created({ date: '2026-12-25', type: 'blocked', start_time: '10:00', end_time: '11:00', location_id: centro });
    await created({ date: '2026-12-25', type: 'blocked', start_time: '10:30', end_time: '12:00', location_id: centro });
  });

  it('overrides of different kinds over the same hours', async () => {
    const hours = { date: '2026-12-05', start_time: '08:00', end_time: '12:00', location_id: centro };
    await created({ ...hours, type: 'added' });
    await created({ ...hours, type: 'modified' });
    await created({ ...hours, type: 'blocked' });
  });
});

describe('overrides: concurrent identical creates', () => {
  it.each([
    ['added', { date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '12:00' }],
    ['modified', { date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00' }],
    ['blocked', { date: '2026-12-25', type: 'blocked' }],
  ])('%s: exactly one of a burst of identical POSTs is written', async (_type, body) => {
    const results = await Promise.all(Array.from({ length: 6 }, () => create(body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.body;
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.detail).toContain(winner.id);
    const stored = (await t.api('GET', `/providers/${providerId}/overrides`)).body.data;
    expect(stored).toEqual([winner]);
  });
});
