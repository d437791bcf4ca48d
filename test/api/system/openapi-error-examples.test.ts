/**
 * The error examples of `/openapi.json` are what the server really answers for that operation: the
 * scope a 403 names, the record a 404 names, the limit a 413 gives, the body type a 415 asks for, each
 * kind of 409 it names. Each example is checked against a real request that gets that status.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, MAX_BODY_BYTES, MAX_VOICE_BODY_BYTES } from '../../../src/app';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { MAX_SIGNING_SECRETS } from '../../../src/core/webhooks/service';

type Responses = Record<
  string,
  { content?: Record<string, { example?: { detail: string }; examples?: Record<string, { summary?: string; value: { detail: string } }> }> }
>;
interface Operation {
  method: string;
  path: string;
  responses: Responses;
  parameters?: Array<{ name?: string }>;
}

let t: TestApp;
let operations: Operation[];
beforeAll(async () => {
  t = await createTestApp();
  const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, responses: op.responses, parameters: op.parameters })),
  );
});
afterAll(() => t.close());

const exampleOf = (op: Operation, status: string) => op.responses[status]?.content?.['application/json']?.example?.detail;
const withIds = (path: string) => path.replace(/\{channel\}/g, 'whatsapp').replace(/\{[^}]+\}/g, () => randomUUID()).replace(API_BASE, '');

describe('/openapi.json error examples', () => {
  it('a 404 example names the record the operation looks up, as the server does for an unknown id', async () => {
    const lookups = operations.filter((op) => (op.method === 'GET' || op.method === 'DELETE') && op.responses['404']);
    let compared = 0;
    for (const op of lookups) {
      const res = await t.api(op.method, withIds(op.path), undefined, { key: t.tenant.admin });
      if (res.status === 422) continue; // a required query parameter is checked first
      expect(res.status, `${op.method} ${op.path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(exampleOf(op, '404'), `${op.method} ${op.path}`).toBe(res.body.detail);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('a 403 example names the scope the operation needs, as the server does for a key without it', async () => {
    const guarded = operations.filter((op) => op.responses['403']);
    expect(guarded.length).toBeGreaterThanOrEqual(50);
    for (const op of guarded) {
      // a read-only key lacks write and admin; a read-write key lacks admin
      const example = exampleOf(op, '403');
      const key = example?.includes("'admin'") ? t.tenant.readWrite : t.tenant.read;
      const res = await t.api(op.method, withIds(op.path), op.method === 'GET' || op.method === 'DELETE' ? undefined : {}, { key });
      if (example?.includes("'read'")) {
        // every key has read: the example is the only one to check
        expect(res.status, `${op.method} ${op.path}`).not.toBe(403);
        continue;
      }
      expect(res.status, `${op.method} ${op.path}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(example, `${op.method} ${op.path}`).toBe(res.body.detail);
    }
  });

  it('401, 413 and 415 examples are the server’s own details', async () => {
    const any = operations.find((op) => op.responses['401'])!;
    const res = await t.api(any.method, withIds(any.path), undefined, { key: null });
    expect(res.status).toBe(401);
    expect(exampleOf(any, '401')).toBe(res.body.detail);

    const voice = operations.find((op) => op.path === `${API_BASE}/voice`)!;
    expect(exampleOf(voice, '413')).toBe(`Request body exceeds ${MAX_VOICE_BODY_BYTES} bytes`);
    const locations = operations.find((op) => op.method === 'POST' && op.path === `${API_BASE}/locations`)!;
    expect(exampleOf(locations, '413')).toBe(`Request body exceeds ${MAX_BODY_BYTES} bytes`);

    const confirm = operations.find((op) => op.path === `${API_BASE}/appointments/{id}/confirm`)!;
    const form = await t.app.request(`${API_BASE}${withIds('/appointments/{id}/confirm')}`, {
      method: 'POST',
      headers: { 'x-api-key': t.tenant.admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reason=x',
    });
    expect(form.status).toBe(415);
    expect(exampleOf(confirm, '415')).toBe(((await form.json()) as { detail: string }).detail);
    expect(exampleOf(voice, '415')).toMatch(/multipart\/form-data/);
  });
});

/** The named 409 examples of an operation: name → detail. */
const conflictsOf = (op: Operation): Record<string, string> =>
  Object.fromEntries(Object.entries(op.responses['409']?.content?.['application/json']?.examples ?? {}).map(([name, e]) => [name, e.value.detail]));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** The detail, with any id in it standing for any id: the rest must be the server's words exactly. */
const asPattern = (example: string) =>
  new RegExp(`^${example.split(UUID).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')}$`, 'i');

const IDEMPOTENCY_EXAMPLE = 'idempotency_key_reused';
type Reply = { status: number; body: any };

describe('/openapi.json 409 examples', () => {
  /**
   * For each operation with its own 409s (the Idempotency-Key one aside), a request that gets each named
   * example. Built over one clinic; each scenario uses days, times and records of its own.
   */
  let scenarios: Record<string, Record<string, () => Promise<Reply>>>;
  beforeAll(async () => {
    const key = t.tenant.admin;
    const c = await createClinic(t, { patients: 4, key });
    const api = (method: string, path: string, body?: unknown) => t.api(method, path, body, { key });
    const at = (date: string, time: string) => `${date}T${time}:00-03:00`;
    const book = async (date: string, start: string, end: string, extra: Record<string, unknown> = {}) => {
      const res = await api('POST', '/appointments', c.booking(at(date, start), at(date, end), extra));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; version: number };
    };
    const step = async (id: string, ...actions: string[]) => {
      for (const action of actions) expect((await api('POST', `/appointments/${id}/${action}`, {})).status, action).toBe(200);
    };
    const [p0, p1, p2, p3] = c.patients as Array<{ id: string; phone: string }>;
    // a second provider at the same location (Tuesdays), for a room taken by someone else's appointment
    const other = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Bruno Lima', primary_location_id: c.location.id });
    await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
    // an inactive location and an inactive provider to reference
    const closed = await c.ok('POST', '/locations', { name: 'Unidade Fechada' });
    expect((await api('DELETE', `/locations/${closed.id}`)).status).toBe(204);
    const retired = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Carlos Dias' });
    expect((await api('DELETE', `/providers/${retired.id}`)).status).toBe(204);
    const saturday = await c.ok('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 6, start_time: '08:00', end_time: '12:00', location_id: c.location.id });

    // appointments in the states the lifecycle refuses (Wednesday 2026-12-02)
    const requested = await book('2026-12-02', '08:00', '08:30');
    const cancelled = await book('2026-12-02', '08:30', '09:00');
    await step(cancelled.id, 'cancel');
    const completed = await book('2026-12-02', '09:00', '09:30');
    await step(completed.id, 'confirm', 'check-in', 'start', 'complete');

    const subscription = (await api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] })).body as { id: string };
    const inactiveSubscription = (await api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] })).body as { id: string };
    expect((await api('DELETE', `/webhooks/${inactiveSubscription.id}`)).status).toBe(204);

    const waitlistEntry = async (patientId: string) => {
      const res = await api('POST', '/waitlist', { patient_id: patientId, appointment_type_id: c.type.id, provider_id: c.provider.id });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string };
    };
    const transition = (action: string) => ({ invalid_transition: () => api('POST', `/appointments/${requested.id}/${action}`, {}) });

    scenarios = {
      'POST /appointments': {
        double_booking: async () => {
          await book('2026-11-30', '09:00', '09:30');
          return api('POST', '/appointments', c.booking(at('2026-11-30', '09:00'), at('2026-11-30', '09:30'), { patient_id: p1!.id }));
        },
        // the provider works 08:00–12:00 on weekdays
        outside_availability: () => api('POST', '/appointments', c.booking(at('2026-11-30', '13:00'), at('2026-11-30', '13:30'))),
      },
      'PUT /appointments/{id}': {
        stale_version: async () => {
          const a = await book('2026-11-30', '10:00', '10:30');
          expect((await api('PUT', `/appointments/${a.id}`, { version: 1, notes: 'first' })).status).toBe(200);
          return api('PUT', `/appointments/${a.id}`, { version: 1, notes: 'second' });
        },
        room_taken: async () => {
          const room = c.location.rooms[0].id;
          await book('2026-12-01', '09:00', '09:30', { provider_profile_id: other.id, patient_id: p1!.id, room_id: room });
          const a = await book('2026-12-01', '09:00', '09:30');
          return api('PUT', `/appointments/${a.id}`, { version: a.version, room_id: room });
        },
      },
      'DELETE /appointments/{id}': { invalid_transition: () => api('DELETE', `/appointments/${completed.id}`) },
      'POST /appointments/{id}/confirm': { invalid_transition: () => api('POST', `/appointments/${cancelled.id}/confirm`, {}) },
      'POST /appointments/{id}/check-in': transition('check-in'),
      'POST /appointments/{id}/start': transition('start'),
      'POST /appointments/{id}/complete': transition('complete'),
      'POST /appointments/{id}/no-show': transition('no-show'),
      'POST /appointments/{id}/cancel': { invalid_transition: () => api('POST', `/appointments/${completed.id}/cancel`, {}) },
      'POST /appointments/{id}/reschedule': {
        double_booking: async () => {
          await book('2026-12-03', '10:00', '10:30');
          const moving = await book('2026-12-03', '10:30', '11:00', { patient_id: p1!.id });
          return api('POST', `/appointments/${moving.id}/reschedule`, { new_start_time: at('2026-12-03', '10:00') });
        },
        outside_availability: async () => {
          const moving = await book('2026-12-03', '11:00', '11:30');
          return api('POST', `/appointments/${moving.id}/reschedule`, { new_start_time: at('2026-11-30', '13:00') });
        },
        invalid_transition: () => api('POST', `/appointments/${cancelled.id}/reschedule`, { new_start_time: at('2026-12-04', '10:00') }),
        same_time: async () => {
          const staying = await book('2026-12-04', '11:00', '11:30');
          return api('POST', `/appointments/${staying.id}/reschedule`, { new_start_time: at('2026-12-04', '11:00') });
        },
      },
      'POST /patients': { phone_taken: () => api('POST', '/patients', { name: 'Paciente Repetido', phone: p0!.phone }) },
      'PUT /patients/{id}': { phone_taken: () => api('PUT', `/patients/${p1!.id}`, { phone: p0!.phone }) },
      'POST /providers': {
        doctor_has_profile: () => api('POST', '/providers', { doctor_id: c.provider.doctor_id }),
        location_inactive: () => api('POST', '/providers', { doctor_id: randomUUID(), primary_location_id: closed.id }),
      },
      'PUT /providers/{id}': {
        doctor_has_profile: () => api('PUT', `/providers/${c.provider.id}`, { doctor_id: other.doctor_id }),
        location_inactive: () => api('PUT', `/providers/${c.provider.id}`, { primary_location_id: closed.id }),
      },
      'POST /providers/{id}/templates': {
        overlap: () => api('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 1, start_time: '08:00', end_time: '12:00', location_id: c.location.id }),
        provider_inactive: () => api('POST', `/providers/${retired.id}/templates`, { day_of_week: 1, start_time: '08:00', end_time: '12:00', location_id: c.location.id }),
        location_inactive: () => api('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 0, start_time: '08:00', end_time: '12:00', location_id: closed.id }),
      },
      'PUT /providers/{id}/templates/{tid}': {
        overlap: () => api('PUT', `/providers/${c.provider.id}/templates/${saturday.id}`, { day_of_week: 1 }),
        location_inactive: () => api('PUT', `/providers/${c.provider.id}/templates/${saturday.id}`, { location_id: closed.id }),
      },
      'POST /providers/{id}/overrides': {
        clash: async () => {
          const body = { date: '2026-12-10', type: 'added', location_id: c.location.id };
          await c.ok('POST', `/providers/${c.provider.id}/overrides`, { ...body, start_time: '13:00', end_time: '17:00' });
          return api('POST', `/providers/${c.provider.id}/overrides`, { ...body, start_time: '16:00', end_time: '18:00' });
        },
        provider_inactive: () => api('POST', `/providers/${retired.id}/overrides`, { date: '2026-12-10', type: 'blocked' }),
        location_inactive: () =>
          api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-10', type: 'added', start_time: '13:00', end_time: '14:00', location_id: closed.id }),
      },
      'PUT /locations/{id}': {
        changed_meanwhile: async () => {
          // another writer that keeps changing the location: every write of its row is set aside (a trigger)
          const busy = await c.ok('POST', '/locations', { name: 'Unidade Movimentada' });
          await t.execute(`CREATE TRIGGER keep_changing BEFORE UPDATE ON locations WHEN OLD.id = '${busy.id}' BEGIN SELECT RAISE(IGNORE); END`);
          try {
            return await api('PUT', `/locations/${busy.id}`, { timezone: 'America/Manaus' });
          } finally {
            await t.execute('DROP TRIGGER keep_changing');
          }
        },
      },
      'POST /api-keys': {
        idempotency_key_of_another_api_key: async () => {
          const body = { scopes: ['admin'], name: 'integration' };
          const first = await t.api('POST', '/api-keys', body, { key, headers: { 'idempotency-key': 'key-for-a-key' } });
          expect(first.status).toBe(201);
          return t.api('POST', '/api-keys', body, { key: first.body.key, headers: { 'idempotency-key': 'key-for-a-key' } });
        },
      },
      'POST /conversation': {
        patient_inactive: async () => {
          const gone = await c.ok('POST', '/patients', { name: 'Paciente Inativo' });
          expect((await api('DELETE', `/patients/${gone.id}`)).status).toBe(204);
          return api('POST', '/conversation', { patient_id: gone.id, channel: 'web', message: 'oi' });
        },
      },
      'POST /waitlist': {
        patient_inactive: async () => {
          expect((await api('DELETE', `/patients/${p3!.id}`)).status).toBe(204);
          return api('POST', '/waitlist', { patient_id: p3!.id, appointment_type_id: c.type.id, provider_id: c.provider.id });
        },
        duplicate: async () => {
          await waitlistEntry(p1!.id);
          return api('POST', '/waitlist', { patient_id: p1!.id, appointment_type_id: c.type.id, provider_id: c.provider.id });
        },
      },
      'DELETE /waitlist/{id}': {
        booked: async () => {
          const entry = await waitlistEntry(p2!.id);
          // an entry becomes booked when its patient takes an offered time; set here as the booking's step does
          await t.execute("UPDATE waitlist_entries SET status = 'booked' WHERE id = ?", entry.id);
          return api('DELETE', `/waitlist/${entry.id}`);
        },
      },
      'GET /waitlist/position/{id}': {
        no_position: async () => {
          const entry = await waitlistEntry(p2!.id);
          expect((await api('DELETE', `/waitlist/${entry.id}`)).status).toBe(204);
          return api('GET', `/waitlist/position/${entry.id}`);
        },
      },
      'POST /webhooks/{id}/test': { subscription_inactive: () => api('POST', `/webhooks/${inactiveSubscription.id}/test`, {}) },
      'POST /webhooks/{id}/rotate-secret': {
        too_many_secrets: async () => {
          const sub = (await api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] })).body as { id: string };
          for (let i = 1; i < MAX_SIGNING_SECRETS; i++) expect((await api('POST', `/webhooks/${sub.id}/rotate-secret`, {})).status).toBe(200);
          return api('POST', `/webhooks/${sub.id}/rotate-secret`, {});
        },
      },
      'POST /webhooks/dead-letters/{id}/redeliver': {
        not_dead: async () => {
          const delivery = await api('POST', `/webhooks/${subscription.id}/test`, {});
          expect(delivery.status).toBe(202);
          return api('POST', `/webhooks/dead-letters/${delivery.body.id}/redeliver`, {});
        },
        subscription_inactive: async () => {
          const sub = (await api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] })).body as { id: string };
          const delivery = await api('POST', `/webhooks/${sub.id}/test`, {});
          expect(delivery.status).toBe(202);
          // its retries ran out (as the delivery worker leaves it), then the subscription was deactivated
          await t.execute("UPDATE webhook_deliveries SET status = 'dead' WHERE id = ?", delivery.body.id);
          expect((await api('DELETE', `/webhooks/${sub.id}`)).status).toBe(204);
          return api('POST', `/webhooks/dead-letters/${delivery.body.id}/redeliver`, {});
        },
      },
      'GET /no-show/appointments/{appointment_id}/risk': { not_active: () => api('GET', `/no-show/appointments/${cancelled.id}/risk`) },
    };
  });

  it('every operation that answers 409 names each kind, and each named example is a detail a real request gets', async () => {
    const own = operations
      .map((op) => ({ op, name: `${op.method} ${op.path.replace(API_BASE, '')}`, examples: conflictsOf(op) }))
      .filter(({ examples }) => Object.keys(examples).some((name) => name !== IDEMPOTENCY_EXAMPLE));
    // no 409 is left without its scenario, and no scenario names a 409 the document lacks
    expect(own.map((o) => o.name).sort()).toEqual(Object.keys(scenarios).sort());
    for (const { op, name, examples } of own) {
      const { [IDEMPOTENCY_EXAMPLE]: _, ...mine } = examples;
      expect(Object.keys(mine).sort(), name).toEqual(Object.keys(scenarios[name]!).sort());
      expect(op.responses['409']?.content?.['application/json']?.example, `${name}: one example per kind, named`).toBeUndefined();
      for (const [kind, detail] of Object.entries(mine)) {
        const res = await scenarios[name]![kind]!();
        expect(res.status, `${name} ${kind}: ${JSON.stringify(res.body)}`).toBe(409);
        expect(res.body.detail, `${name} ${kind}`).toMatch(asPattern(detail));
      }
    }
  });

  const idempotencyHeaderOf = (op: Operation) => op.parameters?.find((p) => p.name === 'Idempotency-Key');

  it('every operation that takes an Idempotency-Key documents the 409 of a key reused with another request, as the server words it', async () => {
    const first = await t.api('POST', '/locations', { name: 'Unidade Idempotente' }, { key: t.tenant.admin, headers: { 'idempotency-key': 'reused-everywhere' } });
    expect(first.status).toBe(201);
    const posts = operations.filter((op) => op.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(20);
    // the one DELETE that takes the header: a cancel, which a retry would otherwise answer with a 409
    const cancelByDelete = (op: (typeof operations)[number]) => op.method === 'DELETE' && op.path === `${API_BASE}/appointments/{id}`;
    for (const op of [...posts, ...operations.filter(cancelByDelete)]) {
      const name = `${op.method} ${op.path}`;
      const example = conflictsOf(op)[IDEMPOTENCY_EXAMPLE];
      if (op.path === `${API_BASE}/voice`) {
        // the header is ignored there: a retry asks again
        expect(example, name).toBeUndefined();
        continue;
      }
      // the same key (the tenant's, whatever the operation) with another request
      const body = op.method === 'POST' ? { name: 'Outra Unidade' } : undefined;
      const res = await t.api(op.method, withIds(op.path), body, { key: t.tenant.admin, headers: { 'idempotency-key': 'reused-everywhere' } });
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(409);
      expect(example, name).toBe(res.body.detail);
      // and declares the header, for clients generated from the document
      expect(idempotencyHeaderOf(op), name).toMatchObject({ in: 'header', required: false, schema: { type: 'string', maxLength: 255 } });
    }
    for (const op of operations.filter((o) => (o.method !== 'POST' && !cancelByDelete(o)) || o.path === `${API_BASE}/voice`)) {
      if (op.method !== 'POST') expect(conflictsOf(op)[IDEMPOTENCY_EXAMPLE], `${op.method} ${op.path}`).toBeUndefined();
      expect(idempotencyHeaderOf(op), `${op.method} ${op.path}`).toBeUndefined();
    }
  });

  it('no 409 is the generic "Conflict"', () => {
    for (const op of operations) {
      if (!op.responses['409']) continue;
      expect(Object.keys(conflictsOf(op)).length, `${op.method} ${op.path}`).toBeGreaterThan(0);
      expect(Object.values(conflictsOf(op)), `${op.method} ${op.path}`).not.toContain('Conflict');
    }
  });
});
