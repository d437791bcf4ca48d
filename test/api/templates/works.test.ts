import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appointmentTypes } from '../../../src/db/schema';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;
let centro: string;
let savassi: string;

beforeEach(async () => {
  t = await createTestApp();
  centro = (await t.core.locations.create(t.tenant.tenantId, { name: 'Centro' })).id;
  savassi = (await t.core.locations.create(t.tenant.tenantId, { name: 'Savassi' })).id;
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name: 'Dra. Ana' })).body.id;
});
afterEach(() => t.close());

async function appointmentType(name: string, tenantId = t.tenant.tenantId, isActive = true): Promise<string> {
  const id = crypto.randomUUID();
  await t.db.insert(appointmentTypes).values({
    id,
    tenant_id: tenantId,
    name,
    duration_minutes: 30,
    specialty: null,
    synonyms: [],
    is_active: isActive,
    created_at: '2026-11-25T12:00:00.000Z',
    updated_at: '2026-11-25T12:00:00.000Z',
  });
  return id;
}

const base = () => ({ day_of_week: 1, start_time: '08:00', end_time: '12:00', location_id: centro });
const create = (body: object, pid = providerId) => t.api('POST', `/providers/${pid}/templates`, body);

describe('templates: what works', () => {
  it('creates a template with the defaults and lists it', async () => {
    const res = await create(base());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      provider_id: providerId,
      day_of_week: 1,
      start_time: '08:00',
      end_time: '12:00',
      location_id: centro,
      slot_interval_minutes: null,
      effective_from: null,
      effective_until: null,
      appointment_type_ids: [],
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    });
    const list = await t.api('GET', `/providers/${providerId}/templates`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [res.body], next_cursor: null });
  });

  it('keeps every optional field, de-duplicating appointment types', async () => {
    const consulta = await appointmentType('Consulta');
    const retorno = await appointmentType('Retorno');
    const res = await create({
      ...base(),
      day_of_week: 0,
      start_time: '00:00',
      end_time: '23:59',
      slot_interval_minutes: 15,
      effective_from: '2026-12-01',
      effective_until: '2026-12-01',
      appointment_type_ids: [consulta, retorno, consulta],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      day_of_week: 0,
      start_time: '00:00',
      end_time: '23:59',
      slot_interval_minutes: 15,
      effective_from: '2026-12-01',
      effective_until: '2026-12-01',
      appointment_type_ids: [consulta, retorno],
    });
  });

  it('allows windows that touch, other weekdays, and disjoint effective dates', async () => {
    expect((await create(base())).status).toBe(201);
    expect((await create({ ...base(), start_time: '12:00', end_time: '18:00', location_id: savassi })).status).toBe(201);
    expect((await create({ ...base(), start_time: '06:00', end_time: '08:00' })).status).toBe(201);
    expect((await create({ ...base(), day_of_week: 2 })).status).toBe(201);
    expect((await create({ ...base(), day_of_week: 3, effective_until: '2027-03-31' })).status).toBe(201);
    expect((await create({ ...base(), day_of_week: 3, effective_from: '2027-04-01', effective_until: '2027-06-30' })).status).toBe(201);
    expect((await create({ ...base(), day_of_week: 3, effective_from: '2027-07-01' })).status).toBe(201);
    // another provider's week does not count
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
    expect((await create(base(), other)).status).toBe(201);
    expect((await t.api('GET', `/providers/${providerId}/templates`)).body.data).toHaveLength(7);
  });

  it('PUT merges the given fields and leaves the rest; unknown and read-only fields are ignored', async () => {
    const type = await appointmentType('Consulta');
    const created = await create({ ...base(), slot_interval_minutes: 20, effective_until: '2027-01-31' });
    t.clock.advance(60_000);
    const res = await t.api('PUT', `/providers/${providerId}/templates/${created.body.id}`, {
      start_time: '09:00',
      location_id: savassi,
      effective_until: null,
      appointment_type_ids: [type],
      id: crypto.randomUUID(),
      provider_id: crypto.randomUUID(),
      created_at: '2000-01-01T00:00:00.000Z',
      color: 'blue',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created.body,
      start_time: '09:00',
      location_id: savassi,
      effective_until: null,
      appointment_type_ids: [type],
      updated_at: '2026-11-25T12:01:00.000Z',
    });
    expect((await t.api('GET', `/providers/${providerId}/templates`)).body.data).toEqual([res.body]);
  });

  it('PUT may grow a template over its own old hours', async () => {
    const created = await create(base());
    const res = await t.api('PUT', `/providers/${providerId}/templates/${created.body.id}`, { start_time: '07:00', end_time: '13:00' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start_time: '07:00', end_time: '13:00' });
  });

  it('soft-deletes: hidden from the list unless include_inactive, and frees the hours', async () => {
    const created = await create(base());
    expect((await t.api('DELETE', `/providers/${providerId}/templates/${created.body.id}`)).status).toBe(204);
    expect((await t.api('GET', `/providers/${providerId}/templates`)).body.data).toEqual([]);
    const all = await t.api('GET', `/providers/${providerId}/templates?include_inactive=true`);
    expect(all.body.data).toEqual([{ ...created.body, is_active: false }]);
    expect((await t.api('DELETE', `/providers/${providerId}/templates/${created.body.id}`)).status).toBe(204);
    // the same hours can be given again
    const again = await create(base());
    expect(again.status).toBe(201);
    // an inactive template may be edited into the same hours: only active ones collide
    const edit = await t.api('PUT', `/providers/${providerId}/templates/${created.body.id}`, { start_time: '09:00' });
    expect(edit.status).toBe(200);
    expect(edit.body.is_active).toBe(false);
  });

  it('PUT is_active true reactivates when nothing overlaps', async () => {
    const created = await create(base());
    await t.api('DELETE', `/providers/${providerId}/templates/${created.body.id}`);
    const res = await t.api('PUT', `/providers/${providerId}/templates/${created.body.id}`, { is_active: true });
    expect(res.status).toBe(200);
    expect(res.body.is_active).toBe(true);
  });

  it('two overlapping creates fired at once: exactly one 201 and one 409', async () => {
    const [a, b] = await Promise.all([
      create(base()),
      create({ ...base(), start_time: '11:00', end_time: '14:00', location_id: savassi }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const list = await t.api('GET', `/providers/${providerId}/templates`);
    expect(list.body.data).toHaveLength(1);
  });

  it('ten overlapping creates fired at once: exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        create({ ...base(), start_time: `0${i % 4 + 6}:00`, end_time: '12:00', location_id: i % 2 ? centro : savassi }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect(await t.rows('SELECT id FROM schedule_templates WHERE is_active = 1')).toHaveLength(1);
  });

  it('the check and the write are one step: concurrent core calls that interleave still admit one', async () => {
    // Through the core the two calls advance in lockstep (every awaited query resolves in the same
    // tick), so a check-then-insert would let both pass its check before either writes.
    const tenantId = t.tenant.tenantId;
    const results = await Promise.allSettled([
      t.core.schedules.createTemplate(tenantId, providerId, base()),
      t.core.schedules.createTemplate(tenantId, providerId, { ...base(), start_time: '09:00', end_time: '10:00', location_id: savassi }),
      t.core.schedules.createTemplate(tenantId, providerId, { ...base(), start_time: '11:30', end_time: '13:00' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason.kind] : []));
    expect(reasons).toEqual(['conflict', 'conflict']);
    expect(await t.count('schedule_templates')).toBe(1);
  });

  it('concurrent core updates into each other: one succeeds', async () => {
    const tenantId = t.tenant.tenantId;
    const a = await t.core.schedules.createTemplate(tenantId, providerId, base());
    const b = await t.core.schedules.createTemplate(tenantId, providerId, { ...base(), start_time: '14:00', end_time: '18:00' });
    const results = await Promise.allSettled([
      t.core.schedules.updateTemplate(tenantId, providerId, a.id, { start_time: '10:00', end_time: '13:00' }),
      t.core.schedules.updateTemplate(tenantId, providerId, b.id, { start_time: '12:30', end_time: '16:00' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('two PUTs that only collide with each other, fired at once: one 200 and one 409', async () => {
    const a = await create(base()); // Monday 08-12
    const b = await create({ ...base(), start_time: '14:00', end_time: '18:00' }); // Monday 14-18
    // each new value is free against the other's OLD value, but the two new values overlap (12:30-13:00)
    const [ra, rb] = await Promise.all([
      t.api('PUT', `/providers/${providerId}/templates/${a.body.id}`, { start_time: '10:00', end_time: '13:00' }),
      t.api('PUT', `/providers/${providerId}/templates/${b.body.id}`, { start_time: '12:30', end_time: '16:00' }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const rows = (await t.api('GET', `/providers/${providerId}/templates`)).body.data as Array<{ start_time: string; end_time: string }>;
    const [x, y] = rows.sort((p, q) => p.start_time.localeCompare(q.start_time));
    expect(x!.end_time <= y!.start_time).toBe(true);
  });

  it('pages through templates with cursors bound to the provider', async () => {
    for (let d = 0; d < 5; d++) await create({ ...base(), day_of_week: d });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.api('GET', `/providers/${providerId}/templates?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((x: { day_of_week: number }) => x.day_of_week));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('the core lists the active templates of a provider for availability', async () => {
    await create({ ...base(), day_of_week: 3 });
    const gone = await create({ ...base(), day_of_week: 2 });
    await create({ ...base(), day_of_week: 3, start_time: '13:00', end_time: '17:00' });
    await t.core.schedules.deactivateTemplate(t.tenant.tenantId, providerId, gone.body.id);
    const active = await (await import('../../../src/db/repos')).createRepositories(t.db).templates.activeForProvider(t.tenant.tenantId, providerId);
    expect(active.map((x) => `${x.day_of_week} ${x.start_time}`)).toEqual(['3 08:00', '3 13:00']);
    expect(await t.core.schedules.getTemplate(t.tenant.tenantId, providerId, gone.body.id)).toMatchObject({ is_active: false });
  });
});
