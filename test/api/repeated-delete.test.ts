/**
 * Every DELETE sent twice, as a client whose first answer was lost would: a soft delete (deactivate,
 * revoke, remove from the waitlist) answers 204 again and changes nothing, so the record keeps the
 * `updated_at` of the first; a hard delete (a schedule override, a conversation's state) is 404 the
 * second time, as the thing is gone; a cancel is 409 unless retried with its Idempotency-Key. The
 * OpenAPI description of each says which.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterEach(() => t.close());

const admin = { key: () => t.tenant.admin };

/** Each soft delete: the path of a record made for it, and its OpenAPI path. */
async function softDeletes(): Promise<Array<{ path: string; doc: string }>> {
  const made = async (path: string, body: unknown) => {
    const res = await t.api('POST', path, body, { key: admin.key() });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
    return res.body.id as string;
  };
  return [
    { path: `/locations/${await made('/locations', { name: 'Unidade Savassi' })}`, doc: '/locations/{id}' },
    { path: `/appointment-types/${await made('/appointment-types', { name: 'Retorno', duration_minutes: 20 })}`, doc: '/appointment-types/{id}' },
    { path: `/patients/${await made('/patients', { name: 'Ana Lima' })}`, doc: '/patients/{id}' },
    { path: `/providers/${await made('/providers', { doctor_id: '0193a1f2-1111-7d4e-8f5a-6b7c8d9e0f1a' })}`, doc: '/providers/{id}' },
    {
      path: `/providers/${c.provider.id}/templates/${await made(`/providers/${c.provider.id}/templates`, { day_of_week: 0, start_time: '08:00', end_time: '09:00', location_id: c.location.id })}`,
      doc: '/providers/{id}/templates/{tid}',
    },
    { path: `/webhooks/${await made('/webhooks', { url: 'https://93.184.215.14/hooks', events: ['appointment.*'] })}`, doc: '/webhooks/{id}' },
    {
      path: `/waitlist/${await made('/waitlist', { patient_id: c.patients[1]!.id, appointment_type_id: c.type.id, provider_id: c.provider.id })}`,
      doc: '/waitlist/{id}',
    },
    { path: `/api-keys/${await made('/api-keys', { scopes: ['read'] })}`, doc: '/api-keys/{id}' },
  ];
}

const outbox = () => t.count('outbox');

describe('a DELETE sent again', () => {
  it('a soft delete answers 204 again and changes nothing: the record keeps the updated_at of the first', async () => {
    for (const { path } of await softDeletes()) {
      t.clock.advance(60_000);
      const first = await t.api('DELETE', path, undefined, { key: admin.key() });
      expect(first.status, path).toBe(204);
      const after = (await t.api('GET', path, undefined, { key: admin.key() })).body;
      const events = await outbox();

      t.clock.advance(60_000);
      const again = await t.api('DELETE', path, undefined, { key: admin.key() });
      expect(again.status, path).toBe(204);
      expect(again.body, path).toBeNull();
      expect((await t.api('GET', path, undefined, { key: admin.key() })).body, path).toEqual(after);
      expect(await outbox(), path).toBe(events);
    }
  });

  it('a hard delete is 404 the second time; a cancel is 409 without its Idempotency-Key', async () => {
    const override = await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-24', type: 'blocked' });
    const overridePath = `/providers/${c.provider.id}/overrides/${override.id}`;
    expect((await t.api('DELETE', overridePath)).status).toBe(204);
    expect(await t.api('DELETE', overridePath)).toMatchObject({ status: 404, body: { detail: 'Schedule override not found' } });

    const patient = c.patients[0]!.id;
    expect((await t.api('POST', '/conversation', { patient_id: patient, channel: 'web', message: 'oi' })).status).toBe(200);
    expect((await t.api('DELETE', `/conversation/${patient}/web`)).status).toBe(204);
    expect((await t.api('DELETE', `/conversation/${patient}/web`)).status).toBe(404);

    const { id } = (await t.api('POST', '/appointments', c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'))).body;
    expect((await t.api('DELETE', `/appointments/${id}`)).status).toBe(204);
    expect(await t.api('DELETE', `/appointments/${id}`)).toMatchObject({ status: 409, body: { detail: "Cannot cancel an appointment in status 'cancelled'" } });
  });

  it('the OpenAPI description of each DELETE says what sending it again answers', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, { delete?: { description?: string } }> };
    const described = (path: string) => doc.paths[`/v1/scheduling${path}`]!.delete!.description ?? '';
    for (const { doc: path } of await softDeletes()) {
      expect(described(path), path).toMatch(/already (inactive|removed|revoked)[^.]*answers 204 again/i);
    }
    expect(described('/providers/{id}/overrides/{oid}')).toMatch(/second DELETE is a 404/);
    expect(described('/conversation/{patient_id}/{channel}')).toMatch(/404 when there is none/);
    expect(described('/appointments/{id}')).toMatch(/409/);
  });
});
