import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;

beforeEach(async () => {
  t = await createTestApp();
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
});
afterEach(() => t.close());

describe('overrides: what never leaks', () => {
  it("another tenant cannot list, create or delete a provider's overrides", async () => {
    const mine = await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-25', type: 'blocked' });
    const key = t.other.readWrite;
    expect((await t.api('GET', `/providers/${providerId}/overrides`, undefined, { key })).status).toBe(404);
    expect((await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-26', type: 'blocked' }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/${mine.body.id}`, undefined, { key })).status).toBe(404);
    const theirProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key })).body.id;
    expect((await t.api('DELETE', `/providers/${theirProvider}/overrides/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/providers/${theirProvider}/overrides`, undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', `/providers/${providerId}/overrides`)).body.data).toEqual([mine.body]);
  });

  it("GET of one override: another tenant's, another provider's, an unknown or a deleted id is 404", async () => {
    const mine = await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-25', type: 'blocked' });
    expect((await t.api('GET', `/providers/${providerId}/overrides/${mine.body.id}`)).body).toEqual(mine.body);
    const key = t.other.readWrite;
    const theirProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key })).body.id;
    const otherProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
    const refused: Array<[string, string | undefined, string]> = [
      [`/providers/${providerId}/overrides/${mine.body.id}`, key, 'Provider not found'],
      [`/providers/${theirProvider}/overrides/${mine.body.id}`, key, 'Schedule override not found'],
      [`/providers/${otherProvider}/overrides/${mine.body.id}`, undefined, 'Schedule override not found'],
      [`/providers/${providerId}/overrides/${crypto.randomUUID()}`, undefined, 'Schedule override not found'],
    ];
    for (const [path, as, detail] of refused) {
      const res = await t.api('GET', path, undefined, { key: as });
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ detail });
    }
    expect((await t.api('GET', `/providers/${providerId}/overrides/${mine.body.id}`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/${mine.body.id}`)).status).toBe(204);
    expect((await t.api('GET', `/providers/${providerId}/overrides/${mine.body.id}`)).status).toBe(404);
  });

  it("another tenant's location is 422, as if unknown", async () => {
    const theirs = await t.core.locations.create(t.other.tenantId, { name: 'Deles' });
    const res = await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-25', type: 'added', start_time: '08:00', end_time: '12:00', location_id: theirs.id });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('location_id');
  });

  it('reads need read, writes need write', async () => {
    const mine = await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-25', type: 'blocked' });
    expect((await t.api('GET', `/providers/${providerId}/overrides`, undefined, { key: null })).status).toBe(401);
    expect((await t.api('GET', `/providers/${providerId}/overrides`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('POST', `/providers/${providerId}/overrides`, { date: '2026-12-26', type: 'blocked' }, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('DELETE', `/providers/${providerId}/overrides/${mine.body.id}`, undefined, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('GET', `/providers/${providerId}/overrides`, undefined, { key: t.tenant.read })).body.data).toEqual([mine.body]);
  });
});
