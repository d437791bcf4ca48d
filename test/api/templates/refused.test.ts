import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appointmentTypes } from '../../../src/db/schema';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let providerId: string;
let centro: string;
let savassi: string;

const MISSING = '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b';

beforeEach(async () => {
  t = await createTestApp();
  centro = (await t.core.locations.create(t.tenant.tenantId, { name: 'Centro' })).id;
  savassi = (await t.core.locations.create(t.tenant.tenantId, { name: 'Savassi' })).id;
  providerId = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name: 'Dra. Ana' })).body.id;
});
afterEach(() => t.close());

async function appointmentType(isActive: boolean): Promise<string> {
  const id = crypto.randomUUID();
  await t.db.insert(appointmentTypes).values({
    id,
    tenant_id: t.tenant.tenantId,
    name: 'Consulta',
    duration_minutes: 30,
    specialty: null,
    synonyms: [],
    is_active: isActive,
    created_at: '2026-11-25T12:00:00.000Z',
    updated_at: '2026-11-25T12:00:00.000Z',
  });
  return id;
}

async function templateCount() {
  return t.count('schedule_templates');
}

const base = () => ({ day_of_week: 1, start_time: '08:00', end_time: '12:00', location_id: centro });
const create = (body: unknown, pid = providerId) => t.api('POST', `/providers/${pid}/templates`, body);

describe('templates: what is refused', () => {
  it.each([
    ['missing day_of_week', { day_of_week: undefined }, 'day_of_week'],
    ['day_of_week 7', { day_of_week: 7 }, 'day_of_week'],
    ['day_of_week -1', { day_of_week: -1 }, 'day_of_week'],
    ['fractional day_of_week', { day_of_week: 1.5 }, 'day_of_week'],
    ['day_of_week as text', { day_of_week: '1' }, 'day_of_week'],
    ['missing start_time', { start_time: undefined }, 'start_time'],
    ['start_time 9:00', { start_time: '9:00' }, 'start_time'],
    ['end_time 24:00', { end_time: '24:00' }, 'end_time'],
    ['start_time 08:60', { start_time: '08:60' }, 'start_time'],
    ['start_time with seconds', { start_time: '08:00:00' }, 'start_time'],
    ['start_time as a number', { start_time: 800 }, 'start_time'],
    ['start equal to end', { start_time: '12:00', end_time: '12:00' }, 'end_time'],
    ['start after end', { start_time: '13:00', end_time: '12:00' }, 'end_time'],
    ['missing location', { location_id: undefined }, 'location_id'],
    ['location not a uuid', { location_id: 'centro' }, 'location_id'],
    ['unknown location', { location_id: MISSING }, 'location_id'],
    ['slot interval 4', { slot_interval_minutes: 4 }, 'slot_interval_minutes'],
    ['slot interval 241', { slot_interval_minutes: 241 }, 'slot_interval_minutes'],
    ['slot interval fractional', { slot_interval_minutes: 7.5 }, 'slot_interval_minutes'],
    ['effective_from 2026-02-30', { effective_from: '2026-02-30' }, 'effective_from'],
    ['effective_until 2026-13-01', { effective_until: '2026-13-01' }, 'effective_until'],
    ['effective_from as a datetime', { effective_from: '2026-12-01T00:00:00Z' }, 'effective_from'],
    ['effective dates reversed', { effective_from: '2027-01-02', effective_until: '2027-01-01' }, 'effective_until'],
    ['appointment types not a list', { appointment_type_ids: MISSING }, 'appointment_type_ids'],
    ['appointment type not a uuid', { appointment_type_ids: ['consulta'] }, 'appointment_type_ids.0'],
    ['unknown appointment type', { appointment_type_ids: [MISSING] }, 'appointment_type_ids'],
  ])('%s: 422 naming the field, nothing written', async (_label, patch, path) => {
    const res = await create({ ...base(), ...patch });
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await templateCount()).toBe(0);
  });

  it.each([
    ['an array body', [{}]],
    ['a null body', null],
    ['malformed JSON', '{"day_of_week": 1,'],
  ])('%s is 422', async (_label, body) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it('an inactive location or appointment type is 409', async () => {
    await t.core.locations.deactivate(t.tenant.tenantId, savassi);
    const loc = await create({ ...base(), location_id: savassi });
    expect(loc.status).toBe(409);
    expect(loc.body.detail).toMatch(/inactive/);
    const type = await appointmentType(false);
    const typed = await create({ ...base(), appointment_type_ids: [type] });
    expect(typed.status).toBe(409);
    expect(await templateCount()).toBe(0);
  });

  it('an unknown provider is 404; an inactive one is 409; a malformed id 422', async () => {
    expect((await create(base(), MISSING)).status).toBe(404);
    expect((await create(base(), MISSING)).body).toEqual({ detail: 'Provider not found' });
    expect((await t.api('GET', `/providers/${MISSING}/templates`)).status).toBe(404);
    expect((await t.api('PUT', `/providers/${MISSING}/templates/${MISSING}`, { start_time: '09:00' })).status).toBe(404);
    expect((await t.api('DELETE', `/providers/${MISSING}/templates/${MISSING}`)).status).toBe(404);
    expect((await create(base(), 'nope')).status).toBe(422);
    expect((await t.api('PUT', `/providers/${providerId}/templates/nope`, {})).status).toBe(422);
    await t.api('DELETE', `/providers/${providerId}`);
    const inactive = await create(base());
    expect(inactive.status).toBe(409);
    expect(inactive.body.detail).toMatch(/inactive/);
  });

  it("a template id of another provider is 404, and the template is untouched", async () => {
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
    const theirs = await create(base(), other);
    const put = await t.api('PUT', `/providers/${providerId}/templates/${theirs.body.id}`, { start_time: '09:00' });
    expect(put.status).toBe(404);
    expect(put.body).toEqual({ detail: 'Schedule template not found' });
    expect((await t.api('DELETE', `/providers/${providerId}/templates/${theirs.body.id}`)).status).toBe(404);
    expect((await t.api('PUT', `/providers/${providerId}/templates/${MISSING}`, {})).status).toBe(404);
    expect((await t.api('GET', `/providers/${other}/templates`)).body.data).toEqual([theirs.body]);
  });

  it.each([
    ['the same window', {}],
    ['a window inside', { start_time: '09:00', end_time: '10:00' }],
    ['a window around', { start_time: '07:00', end_time: '13:00' }],
    ['a window over the start', { start_time: '07:00', end_time: '08:01' }],
    ['a window over the end', { start_time: '11:59', end_time: '14:00' }],
    ['the same window at another location', { location_id: 'SAVASSI' }],
    ['an open-ended window starting later', { effective_from: '2030-01-01' }],
    ['a bounded window', { effective_from: '2027-01-01', effective_until: '2027-01-31' }],
  ])('%s overlapping an active template on the same weekday is 409', async (_label, patch) => {
    expect((await create(base())).status).toBe(201);
    const body = { ...base(), ...patch } as Record<string, unknown>;
    if (body.location_id === 'SAVASSI') body.location_id = savassi;
    const res = await create(body);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Monday/);
    expect(await templateCount()).toBe(1);
  });

  it('bounded effective ranges that share a day overlap', async () => {
    expect((await create({ ...base(), effective_from: '2027-01-01', effective_until: '2027-03-31' })).status).toBe(201);
    expect((await create({ ...base(), effective_from: '2027-03-31', effective_until: '2027-06-30' })).status).toBe(409);
    expect((await create({ ...base(), effective_until: '2027-01-01' })).status).toBe(409);
    expect((await create({ ...base(), effective_until: '2026-12-31' })).status).toBe(201);
  });

  it('templates at locations in different time zones overlap by the instants they cover, not by their clock times', async () => {
    // Centro (São Paulo, UTC-3) Monday 08:00-12:00 is 11:00-15:00 UTC
    expect((await create(base())).status).toBe(201);
    const manaus = (await t.core.locations.create(t.tenant.tenantId, { name: 'Manaus', timezone: 'America/Manaus' })).id;
    // Manaus (UTC-4) 07:00-08:00 is 11:00-12:00 UTC: the provider would be in both places at once
    const clash = await create({ day_of_week: 1, start_time: '07:00', end_time: '08:00', location_id: manaus });
    expect(clash.status, JSON.stringify(clash.body)).toBe(409);
    expect(await templateCount()).toBe(1);
    // Manaus 11:30-12:30 is 15:30-16:30 UTC: after the Centro hours end, though its clock times overlap them
    const after = await create({ day_of_week: 1, start_time: '11:30', end_time: '12:30', location_id: manaus });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    // and moving it by PUT onto the Centro hours in UTC is refused
    const moved = await t.api('PUT', `/providers/${providerId}/templates/${after.body.id}`, { start_time: '10:30' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(409);
  });

  it('a location whose zone changes between the read and the write counts as overlapping, not as unchecked', async () => {
    const manaus = (await t.core.locations.create(t.tenant.tenantId, { name: 'Manaus', timezone: 'America/Manaus' })).id;
    // Manaus Monday 11:30-12:30 is 15:30-16:30 UTC
    expect((await create({ day_of_week: 1, start_time: '11:30', end_time: '12:30', location_id: manaus })).status).toBe(201);
    // Centro Monday 10:30-11:30 is 13:30-14:30 UTC: clear of it, unless Manaus becomes Noronha (UTC-2), where 11:30 is 13:30 UTC.
    // The zones are read first; the write waits for the next turn of the event loop (group commit), when the zone has changed.
    // (On D1 the change is a request of its own, which may also land before the read: overlapping either way.)
    setImmediate(() => void t.execute("UPDATE locations SET timezone = 'America/Noronha' WHERE id = ?", manaus));
    const at = '2026-11-25T12:00:00.000Z';
    const template = {
      id: crypto.randomUUID(),
      provider_id: providerId,
      day_of_week: 1,
      start_time: '10:30',
      end_time: '11:30',
      location_id: centro,
      slot_interval_minutes: null,
      effective_from: null,
      effective_until: null,
      appointment_type_ids: [],
      is_active: true,
      created_at: at,
      updated_at: at,
    };
    expect(await t.repos.templates.insertIfNoOverlap(t.tenant.tenantId, template)).toBe(false);
    expect(await templateCount()).toBe(1);
  });

  it('PUT into an overlap is 409 and changes nothing', async () => {
    await create(base());
    const later = await create({ ...base(), start_time: '13:00', end_time: '17:00' });
    const res = await t.api('PUT', `/providers/${providerId}/templates/${later.body.id}`, { start_time: '11:00' });
    expect(res.status).toBe(409);
    const moved = await t.api('PUT', `/providers/${providerId}/templates/${later.body.id}`, { day_of_week: 2 });
    expect(moved.status).toBe(200);
    const back = await t.api('PUT', `/providers/${providerId}/templates/${later.body.id}`, { day_of_week: 1, start_time: '10:00' });
    expect(back.status).toBe(409);
    expect((await t.api('GET', `/providers/${providerId}/templates`)).body.data[1]).toEqual(moved.body);
  });

  it('reactivating a template that now overlaps is 409', async () => {
    const first = await create(base());
    await t.api('DELETE', `/providers/${providerId}/templates/${first.body.id}`);
    expect((await create({ ...base(), start_time: '10:00', end_time: '11:00' })).status).toBe(201);
    const res = await t.api('PUT', `/providers/${providerId}/templates/${first.body.id}`, { is_active: true });
    expect(res.status).toBe(409);
    expect((await t.api('GET', `/providers/${providerId}/templates?include_inactive=true`)).body.data[0].is_active).toBe(false);
  });

  it.each([
    ['end before the current start', { end_time: '07:00' }, 'end_time'],
    ['start after the current end', { start_time: '12:30' }, 'end_time'],
    ['until before the current from', { effective_until: '2026-12-31' }, 'effective_until'],
    ['bad time', { start_time: '8h' }, 'start_time'],
    ['null start time', { start_time: null }, 'start_time'],
    ['null location', { location_id: null }, 'location_id'],
    ['unknown location', { location_id: MISSING }, 'location_id'],
    ['day 9', { day_of_week: 9 }, 'day_of_week'],
    ['unknown appointment type', { appointment_type_ids: [MISSING] }, 'appointment_type_ids'],
  ])('PUT with %s (after merging) is 422 and changes nothing', async (_label, patch, path) => {
    const created = await create({ ...base(), effective_from: '2027-01-01' });
    const res = await t.api('PUT', `/providers/${providerId}/templates/${created.body.id}`, patch);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await t.api('GET', `/providers/${providerId}/templates`)).body.data).toEqual([created.body]);
  });

  it('PUT to an inactive location is 409', async () => {
    const created = await create(base());
    await t.core.locations.deactivate(t.tenant.tenantId, savassi);
    expect((await t.api('PUT', `/providers/${providerId}/templates/${created.body.id}`, { location_id: savassi })).status).toBe(409);
  });

  it.each(['limit=0', 'limit=201', 'limit=x', 'include_inactive=yes'])('?%s is 422', async (query) => {
    const res = await t.api('GET', `/providers/${providerId}/templates?${query}`);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it("a forged cursor, or one of another provider's list, is 422", async () => {
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body.id;
    for (let d = 0; d < 3; d++) {
      await create({ ...base(), day_of_week: d });
      await create({ ...base(), day_of_week: d }, other);
    }
    const cursor: string = (await t.api('GET', `/providers/${providerId}/templates?limit=1`)).body.next_cursor;
    expect(cursor).toBeTruthy();
    const res = await t.api('GET', `/providers/${other}/templates?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/cursor/);
    expect((await t.api('GET', `/providers/${providerId}/templates?limit=1&include_inactive=true&cursor=${encodeURIComponent(cursor)}`)).status).toBe(422);
    expect((await t.api('GET', `/providers/${providerId}/templates?cursor=abc.def`)).status).toBe(422);
    expect((await t.api('GET', `/providers/${providerId}/templates?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
  });
});
