import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appointmentTypes } from '../../../src/db/schema';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;
let centro: string;

beforeEach(async () => {
  t = await createTestApp();
  centro = (await t.core.locations.create(t.tenant.tenantId, { name: 'Centro' })).id;
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name: 'Dra. Ana' })).body.id;
});
afterEach(() => t.close());

const base = () => ({ day_of_week: 1, start_time: '08:00', end_time: '12:00', location_id: centro });

describe('templates: what never leaks', () => {
  it("another tenant cannot list, create, change or delete a provider's templates", async () => {
    const mine = await t.api('POST', `/providers/${providerId}/templates`, base());
    const key = t.other.readWrite;
    const theirLocation = (await t.core.locations.create(t.other.tenantId, { name: 'Deles' })).id;
    expect((await t.api('GET', `/providers/${providerId}/templates`, undefined, { key })).status).toBe(404);
    const created = await t.api('POST', `/providers/${providerId}/templates`, { ...base(), location_id: theirLocation }, { key });
    expect(created.status).toBe(404);
    expect(created.body).toEqual({ detail: 'Provider not found' });
    expect((await t.api('PUT', `/providers/${providerId}/templates/${mine.body.id}`, { start_time: '09:00' }, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${providerId}/templates/${mine.body.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/providers/${providerId}/templates`)).body.data).toEqual([mine.body]);
  });

  it("GET of one template: another tenant's, another provider's or an unknown id is 404", async () => {
    const mine = await t.api('POST', `/providers/${providerId}/templates`, base());
    expect((await t.api('GET', `/providers/${providerId}/templates/${mine.body.id}`)).body).toEqual(mine.body);
    const key = t.other.readWrite;
    const theirProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key })).body.id;
    const otherProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
    const refused: Array<[string, string | undefined, string]> = [
      [`/providers/${providerId}/templates/${mine.body.id}`, key, 'Provider not found'],
      [`/providers/${theirProvider}/templates/${mine.body.id}`, key, 'Schedule template not found'],
      [`/providers/${otherProvider}/templates/${mine.body.id}`, undefined, 'Schedule template not found'],
      [`/providers/${providerId}/templates/${crypto.randomUUID()}`, undefined, 'Schedule template not found'],
    ];
    for (const [path, as, detail] of refused) {
      const res = await t.api('GET', path, undefined, { key: as });
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ detail });
    }
    expect((await t.api('GET', `/providers/${providerId}/templates/${mine.body.id}`, undefined, { key: t.tenant.write })).status).toBe(403);
    // a deactivated template still answers, marked inactive
    expect((await t.api('DELETE', `/providers/${providerId}/templates/${mine.body.id}`)).status).toBe(204);
    expect((await t.api('GET', `/providers/${providerId}/templates/${mine.body.id}`)).body).toMatchObject({ id: mine.body.id, is_active: false });
  });

  it("another tenant's template id under its own provider is still 404", async () => {
    const mine = await t.api('POST', `/providers/${providerId}/templates`, base());
    const theirProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key: t.other.readWrite })).body.id;
    const res = await t.api('PUT', `/providers/${theirProvider}/templates/${mine.body.id}`, { start_time: '09:00' }, { key: t.other.readWrite });
    expect(res.status).toBe(404);
  });

  it("another tenant's location or appointment type is 422, as if unknown", async () => {
    const theirLocation = (await t.core.locations.create(t.other.tenantId, { name: 'Deles' })).id;
    const loc = await t.api('POST', `/providers/${providerId}/templates`, { ...base(), location_id: theirLocation });
    expect(loc.status).toBe(422);
    expect(loc.body.errors[0].path).toBe('location_id');
    const typeId = crypto.randomUUID();
    await t.db.insert(appointmentTypes).values({
      id: typeId,
      tenant_id: t.other.tenantId,
      name: 'Consulta',
      duration_minutes: 30,
      specialty: null,
      synonyms: [],
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    });
    const typed = await t.api('POST', `/providers/${providerId}/templates`, { ...base(), appointment_type_ids: [typeId] });
    expect(typed.status).toBe(422);
    expect(typed.body.errors[0].path).toBe('appointment_type_ids');
  });

  it("another tenant's templates never make an overlap here", async () => {
    const theirLocation = (await t.core.locations.create(t.other.tenantId, { name: 'Deles' })).id;
    const theirProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() }, { key: t.other.readWrite })).body.id;
    const theirs = await t.api('POST', `/providers/${theirProvider}/templates`, { ...base(), location_id: theirLocation }, { key: t.other.readWrite });
    expect(theirs.status).toBe(201);
    expect((await t.api('POST', `/providers/${providerId}/templates`, base())).status).toBe(201);
  });

  it('reads need read, writes need write', async () => {
    const mine = await t.api('POST', `/providers/${providerId}/templates`, base());
    expect((await t.api('GET', `/providers/${providerId}/templates`, undefined, { key: null })).status).toBe(401);
    expect((await t.api('GET', `/providers/${providerId}/templates`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('POST', `/providers/${providerId}/templates`, { ...base(), day_of_week: 2 }, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('PUT', `/providers/${providerId}/templates/${mine.body.id}`, { start_time: '09:00' }, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('DELETE', `/providers/${providerId}/templates/${mine.body.id}`, undefined, { key: t.tenant.read })).status).toBe(403);
    expect((await t.api('GET', `/providers/${providerId}/templates`, undefined, { key: t.tenant.read })).body.data).toEqual([mine.body]);
  });
});
