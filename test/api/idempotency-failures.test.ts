/**
 * CONTRACT.md, Everywhere: "the same key and body within 24 h returns the first response; the same key
 * with another body is a 409". A refusal is a response too: a 4xx is kept and replayed like a success,
 * and a corrected body needs a new key. Not kept: a 5xx (the server failed, the request may be sent
 * again), a 401/403 (the key presented, not the request, was refused) and a conflict with another
 * request in flight that says to try again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';
import { IDEMPOTENCY_KEY_REUSED } from '../../src/api/middleware/idempotency';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const AT_10 = ['2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'] as const;

describe('Idempotency-Key after a refused request', () => {
  it('a 422 is replayed for the same body; a corrected body with that key is 409 and writes nothing', async () => {
    const headers = { 'idempotency-key': 'patient-1' };
    const bad = { name: 'Ana Lima', phone: '123' };
    const refused = await t.api('POST', '/patients', bad, { headers });
    expect(refused.status).toBe(422);
    const again = await t.api('POST', '/patients', bad, { headers });
    expect(again.status).toBe(422);
    expect(again.body).toEqual(refused.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const fixed = await t.api('POST', '/patients', { ...bad, phone: '+5531988887777' }, { headers });
    expect(fixed.status).toBe(409);
    expect(fixed.body).toEqual({ detail: IDEMPOTENCY_KEY_REUSED });
    expect(await t.count('patients')).toBe(0);
    // with a key of its own, the corrected request is made
    const made = await t.api('POST', '/patients', { ...bad, phone: '+5531988887777' }, { headers: { 'idempotency-key': 'patient-2' } });
    expect(made.status).toBe(201);
  });

  it('a 409 rule refusal is replayed for the same body even once the time is free; a corrected body with that key is 409', async () => {
    const c = await createClinic(t);
    const taken = await c.ok('POST', '/appointments', c.booking(...AT_9));
    const headers = { 'idempotency-key': 'book-1' };
    const wanted = c.booking(...AT_9, { patient_id: c.patients[1]!.id });
    const refused = await t.api('POST', '/appointments', wanted, { headers });
    expect(refused.status).toBe(409);
    expect((await t.api('DELETE', `/appointments/${taken.id}`)).status).toBe(204);
    const again = await t.api('POST', '/appointments', wanted, { headers });
    expect(again.status).toBe(409);
    expect(again.body).toEqual(refused.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const fixed = await t.api('POST', '/appointments', c.booking(...AT_10, { patient_id: c.patients[1]!.id }), { headers });
    expect(fixed.status).toBe(409);
    expect(fixed.body).toEqual({ detail: IDEMPOTENCY_KEY_REUSED });
    expect(await t.count('appointments')).toBe(1);
    expect((await t.api('POST', '/appointments', wanted, { headers: { 'idempotency-key': 'book-2' } })).status).toBe(201);
  });

  it('a refusal of how the body was sent (415) is not kept: the same body sent as JSON with the key is made', async () => {
    const headers = { 'idempotency-key': 'patient-3' };
    const body = JSON.stringify({ name: 'Rui Alves', phone: '+5531977776666' });
    const refused = await t.api('POST', '/patients', body, { headers: { ...headers, 'content-type': 'text/plain' } });
    expect(refused.status).toBe(415);
    const made = await t.api('POST', '/patients', body, { headers });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });

  it('a refusal of the API key (403) is not kept: the same request with a key that has the scope is made', async () => {
    const headers = { 'idempotency-key': 'hook-1' };
    const body = { url: 'https://93.184.215.14/hooks', events: ['*'] };
    expect((await t.api('POST', '/webhooks', body, { headers })).status).toBe(403);
    const made = await t.api('POST', '/webhooks', body, { headers, key: t.tenant.admin });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.headers.get('idempotent-replayed')).toBeNull();
  });
});
