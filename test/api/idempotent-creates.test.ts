/**
 * `Idempotency-Key` on creating locations, appointment types, patients, providers, schedule templates and
 * overrides, webhook subscriptions, waitlist entries and API keys: like bookings,
 * each stores its response in the insert's own atomic step, so a new record never exists without its
 * stored response (nor the response without the record), whatever fails in between. Failures are
 * injected with a SQLite trigger that refuses to complete a claim, as a full disk or a lost lock would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS } from '../../src/api/middleware/idempotency';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

type Clinic = Awaited<ReturnType<typeof createClinic>>;

let t: TestApp;
let clinic: Clinic;
beforeEach(async () => {
  t = await createTestApp();
  clinic = await createClinic(t);
});
afterEach(() => t.close());

const count = (table: string) => t.count(table);
const keyRow = (key: string) =>
  t.row<{ status_code: number | null; response_body: string | null }>('SELECT status_code, response_body FROM idempotency_keys WHERE key = ?', key);

/** Each create, with what it needs made first; `key`: the admin key for webhooks. */
const CREATES: Array<{
  path: string;
  table: string;
  admin?: boolean;
  /** the response carries a secret shown once: it is stored sealed, never in plain text */
  sealed?: boolean;
  body: (c: Clinic) => Record<string, unknown>;
  route?: (c: Clinic) => string;
}> = [
  { path: '/locations', table: 'locations', body: () => ({ name: 'Unidade Savassi', timezone: 'America/Sao_Paulo', rooms: [{ name: 'Sala 1' }] }) },
  { path: '/appointment-types', table: 'appointment_types', body: () => ({ name: 'Retorno', duration_minutes: 20 }) },
  { path: '/patients', table: 'patients', body: () => ({ name: 'Ana Lima', phone: '+5531988887777' }) },
  { path: '/providers', table: 'providers', body: () => ({ doctor_id: '0193a1f2-1111-7d4e-8f5a-6b7c8d9e0f1a', name: 'Dr. Rui Alves' }) },
  {
    path: '/providers/{id}/templates',
    table: 'schedule_templates',
    route: (c) => `/providers/${c.provider.id}/templates`,
    body: (c) => ({ day_of_week: 0, start_time: '08:00', end_time: '09:00', location_id: c.location.id }),
  },
  {
    path: '/providers/{id}/overrides',
    table: 'schedule_overrides',
    route: (c) => `/providers/${c.provider.id}/overrides`,
    body: () => ({ date: '2026-12-24', type: 'blocked', reason: 'Véspera de Natal' }),
  },
  { path: '/webhooks', table: 'webhook_subscriptions', admin: true, body: () => ({ url: 'https://93.184.215.14/hooks', events: ['appointment.*'] }) },
  {
    path: '/waitlist',
    table: 'waitlist_entries',
    body: (c) => ({ patient_id: c.patients[0]!.id, appointment_type_id: c.type.id, provider_id: c.provider.id, periods: ['manha'], notes: 'Prefere às 9h' }),
  },
  { path: '/api-keys', table: 'api_keys', admin: true, sealed: true, body: () => ({ scopes: ['read', 'write'], name: 'recepção' }) },
];

describe.each(CREATES)('POST $path with an Idempotency-Key', ({ path: template, table, admin, sealed, body: bodyOf, route }) => {
  const post = (headers: Record<string, string>) =>
    t.api('POST', route ? route(clinic) : template, bodyOf(clinic), { headers, ...(admin ? { key: t.tenant.admin } : {}) });

  it('stores the response in the insert step: when it cannot be stored, nothing is created; then it is, and replays byte for byte', async () => {
    const headers = { 'idempotency-key': `create-${table}` };
    const before = await count(table);
    await t.execute(`CREATE TRIGGER fail_reply BEFORE UPDATE ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const failed = await post(headers);
    expect(failed.status).toBe(500);
    expect(await count(table)).toBe(before);
    expect(await keyRow(`create-${table}`)).toBeUndefined();
    await t.execute('DROP TRIGGER fail_reply');

    const created = await post(headers);
    expect(created.status).toBe(201);
    expect(await count(table)).toBe(before + 1);
    if (sealed) {
      const row = (await keyRow(`create-${table}`))!;
      expect(row.status_code).toBe(201);
      expect(row.response_body).toMatch(/^sealed:v1:/);
      expect(row.response_body).not.toContain(created.body.key);
    } else {
      expect(await keyRow(`create-${table}`)).toEqual({ status_code: 201, response_body: JSON.stringify(created.body) });
    }
    const replayed = await post(headers);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(created.body);
    expect(await count(table)).toBe(before + 1);
  });

  it('a claim left by a request that never finished is taken over once no request can still be running', async () => {
    const headers = { 'idempotency-key': `stopped-${table}` };
    const before = await count(table);
    // what a server stopped mid-request leaves: a claim without a response (and, here, without the record)
    await t.execute(`CREATE TRIGGER fail_reply BEFORE UPDATE ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    await t.execute(`CREATE TRIGGER fail_release BEFORE DELETE ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    expect((await post(headers)).status).toBe(500);
    await t.execute('DROP TRIGGER fail_reply');
    await t.execute('DROP TRIGGER fail_release');
    expect(await keyRow(`stopped-${table}`)).toEqual({ status_code: null, response_body: null });

    expect((await post(headers)).status).toBe(409);
    t.clock.advance(IDEMPOTENCY_LEASE_MS + 1);
    const late = await post(headers);
    expect(late.status).toBe(201);
    expect(await count(table)).toBe(before + 1);
  });
});

describe('POST /waitlist with an Idempotency-Key: the position in the stored response', () => {
  it('is the one the insert step gave the entry, and a replay keeps it when the queue has moved since', async () => {
    const body = (i: number, extra: Record<string, unknown> = {}) => ({
      patient_id: clinic.patients[i]!.id,
      appointment_type_id: clinic.type.id,
      provider_id: clinic.provider.id,
      ...extra,
    });
    const first = await t.api('POST', '/waitlist', body(0), { headers: { 'idempotency-key': 'wl-first' } });
    expect(first.body.position).toBe(1);
    t.clock.advance(1000);
    const second = await t.api('POST', '/waitlist', body(1), { headers: { 'idempotency-key': 'wl-second' } });
    expect(second.status).toBe(201);
    expect(second.body.position).toBe(2);
    expect(await keyRow('wl-second')).toEqual({ status_code: 201, response_body: JSON.stringify(second.body) });

    // someone with a higher priority is now ahead: the entry is third, its first response said second
    t.clock.advance(1000);
    const bruna = (await t.api('POST', '/patients', { name: 'Bruna Melo', phone: '+5531977776666' })).body;
    const urgent = await t.api('POST', '/waitlist', body(0, { patient_id: bruna.id, priority: 10 }));
    expect(urgent.body.position).toBe(1);
    expect((await t.api('GET', `/waitlist/${second.body.id}`)).body.position).toBe(3);
    const replayed = await t.api('POST', '/waitlist', body(1), { headers: { 'idempotency-key': 'wl-second' } });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(second.body);
    expect(await count('waitlist_entries')).toBe(3);
  });
});
