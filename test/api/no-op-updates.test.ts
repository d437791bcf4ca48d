/**
 * A PUT that changes nothing (no writable field, or each one given as it already is) records no change:
 * 200 with the resource as it was, the same `updated_at` (and `version`), no event, no history row.
 * CONTRACT.md: "PUT takes any subset of a resource's writable fields and leaves the rest unchanged";
 * "Every successful write bumps version": a PUT with nothing to write is no write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const HOUR = 3_600_000;

async function written(t: TestApp) {
  return {
    outbox: await t.count('outbox'),
    history: await t.count('appointment_status_history'),
    revisions: await t.rows('SELECT * FROM availability_revisions ORDER BY 1'),
  };
}

describe('PUT that changes nothing', () => {
  it('an appointment: {version} alone, or its fields as they are, keep version and updated_at and write nothing', async () => {
    const c = await createClinic(t);
    const booked = await c.ok('POST', '/appointments', c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00', { notes: 'n', metadata: { a: 1 } }));
    const { status_history: history, ...before } = (await t.api('GET', `/appointments/${booked.id}`)).body;
    expect(history).toHaveLength(1);
    const rows = await written(t);
    t.clock.advance(HOUR);
    for (const body of [{ version: 1 }, { version: 1, notes: 'n', metadata: { a: 1 }, room_id: null, unknown: 'ignored' }]) {
      const res = await t.api('PUT', `/appointments/${booked.id}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual(before);
    }
    expect(await written(t)).toEqual(rows);
    // still a stale version is refused, nothing or not
    const stale = await t.api('PUT', `/appointments/${booked.id}`, { version: 7 });
    expect(stale.status).toBe(409);
    // and a real change still bumps both
    const changed = await t.api('PUT', `/appointments/${booked.id}`, { version: 1, notes: 'outra' });
    expect(changed.body).toMatchObject({ version: 2, notes: 'outra', updated_at: '2026-11-25T13:00:00.000Z' });
  });

  it('a provider, location, patient, appointment type, template or webhook: {} or the fields as they are keep updated_at and write nothing', async () => {
    const c = await createClinic(t);
    const cases: Array<[string, Record<string, unknown>]> = [
      [`/providers/${c.provider.id}`, { name: c.provider.name, specialties: c.provider.specialties, max_daily_appointments: null }],
      [`/locations/${c.location.id}`, { name: c.location.name, timezone: c.location.timezone, rooms: c.location.rooms }],
      [`/patients/${c.patients[0]!.id}`, { name: 'Paciente 1', phone: '+55 31 99000-0000' }],
      [`/appointment-types/${c.type.id}`, { name: 'Consulta', duration_minutes: 30 }],
    ];
    const rows = await written(t);
    t.clock.advance(HOUR);
    for (const [path, same] of cases) {
      const before = (await t.api('GET', path)).body;
      for (const body of [{}, { version: 3 }, same]) {
        const res = await t.api('PUT', path, body);
        expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body, `${path} ${JSON.stringify(body)}`).toEqual(before);
      }
      expect((await t.api('GET', path)).body).toEqual(before);
    }
    expect(await written(t)).toEqual(rows);
    // a schedule template and a webhook subscription (admin) too
    const template = (await t.api('GET', `/providers/${c.provider.id}/templates`)).body.data[0];
    const templatePath = `/providers/${c.provider.id}/templates/${template.id}`;
    for (const body of [{}, { start_time: template.start_time, end_time: template.end_time, appointment_type_ids: [] }]) {
      const res = await t.api('PUT', templatePath, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual(template);
    }
    const hook = (await t.api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] }, { key: t.tenant.admin })).body;
    const { secret: _secret, ...subscription } = hook;
    t.clock.advance(HOUR);
    for (const body of [{}, { events: ['*'], is_active: true, description: null }]) {
      const res = await t.api('PUT', `/webhooks/${hook.id}`, body, { key: t.tenant.admin });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual(subscription);
    }
    // a real change still records one
    const renamed = await t.api('PUT', `/patients/${c.patients[0]!.id}`, { name: 'Outro Nome' });
    expect(renamed.body.updated_at).toBe('2026-11-25T14:00:00.000Z');
  });
});
