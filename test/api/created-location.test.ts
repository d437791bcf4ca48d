/**
 * Every 201 carries `Location`: the URL of the record it made, which answers the record on GET (without a
 * secret the create showed once). A reschedule points at the new appointment; a replayed create at the first one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../src/app';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

type Clinic = Awaited<ReturnType<typeof createClinic>>;
let t: TestApp;
let c: Clinic;
beforeAll(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterAll(() => t.close());

const strip = (location: string | null) => (location ?? '').replace(API_BASE, '');

describe('Location on 201', () => {
  it('each create answers Location = collection/{id}, and GET there returns the record', async () => {
    // `key`: the key the operation needs (admin for webhooks and API keys); `secret`: a field the create
    // shows once and a GET never does
    const creates: Array<[string, unknown, { key?: string; secret?: string }?]> = [
      ['/locations', { name: 'Unidade Savassi' }],
      ['/appointment-types', { name: 'Retorno', duration_minutes: 20 }],
      ['/patients', { name: 'Ana Lima', phone: '+5531988887777' }],
      ['/providers', { doctor_id: '0193a1f2-1111-7d4e-8f5a-6b7c8d9e0f1a', name: 'Dr. Rui Alves' }],
      [`/providers/${c.provider.id}/templates`, { day_of_week: 6, start_time: '08:00', end_time: '09:00', location_id: c.location.id }],
      [`/providers/${c.provider.id}/overrides`, { date: '2026-12-24', type: 'blocked' }],
      ['/webhooks', { url: 'https://93.184.215.14/hooks', events: ['appointment.*'] }, { key: t.tenant.admin, secret: 'secret' }],
      ['/waitlist', { patient_id: c.patients[1]!.id, appointment_type_id: c.type.id, provider_id: c.provider.id }],
      ['/appointments', c.booking('2026-11-30T09:00:00-03:00', '2026-11-30T09:30:00-03:00')],
      ['/api-keys', { scopes: ['read'], name: 'recepção' }, { key: t.tenant.admin, secret: 'key' }],
    ];
    for (const [path, body, opts] of creates) {
      const res = await t.api('POST', path, body, { key: opts?.key });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.headers.get('location'), path).toBe(`${API_BASE}${path}/${res.body.id}`);
      const got = await t.api('GET', strip(res.headers.get('location')), undefined, { key: opts?.key });
      expect(got.status, `GET ${path}/{id}: ${JSON.stringify(got.body)}`).toBe(200);
      expect(got.body.id, path).toBe(res.body.id);
      if (opts?.secret) {
        expect(got.body, path).not.toHaveProperty(opts.secret);
        if (path === '/api-keys') expect(got.body).toEqual({ ...res.body, key: undefined });
      } else if (path !== '/appointments' && path !== '/waitlist') {
        // the same shape as the create's answer (an appointment's GET adds its history, a waitlist entry's its offers)
        expect(got.body, path).toEqual(res.body);
      }
    }
  });

  it('a reschedule points at the new appointment; an idempotent replay carries the same Location', async () => {
    const old = await t.api('POST', '/appointments', c.booking('2026-11-30T10:00:00-03:00', '2026-11-30T10:30:00-03:00'));
    const headers = { 'idempotency-key': 'move-1' };
    const moved = await t.api('POST', `/appointments/${old.body.id}/reschedule`, { new_start_time: '2026-11-30T11:00:00-03:00' }, { headers });
    expect(moved.status).toBe(201);
    expect(moved.headers.get('location')).toBe(`${API_BASE}/appointments/${moved.body.id}`);
    const replay = await t.api('POST', `/appointments/${old.body.id}/reschedule`, { new_start_time: '2026-11-30T11:00:00-03:00' }, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(`${API_BASE}/appointments/${moved.body.id}`);
  });

  it('no Location on answers that are not 201', async () => {
    const list = await t.api('GET', '/locations');
    expect(list.headers.get('location')).toBeNull();
    const refused = await t.api('POST', '/locations', {});
    expect(refused.status).toBe(422);
    expect(refused.headers.get('location')).toBeNull();
  });

  it('the OpenAPI document declares Location on every 201', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const created = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => (op.responses?.['201'] ? [{ at: `${method} ${path}`, headers: op.responses['201'].headers }] : [])),
    );
    expect(created.length).toBeGreaterThanOrEqual(10);
    for (const { at, headers } of created) expect(headers, at).toHaveProperty('Location');
  });
});
