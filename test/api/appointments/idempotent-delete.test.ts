/**
 * `Idempotency-Key` on DELETE /appointments/{id} (cancel): a client whose 204 was lost may send the DELETE
 * again with the same key and gets the first answer, not a 409 for the already cancelled appointment.
 * Runs on D1 too (AGENDADOR_TEST_DB=d1): the tables are read through `snapshot()`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { IDEMPOTENCY_KEY_REUSED } from '../../../src/api/middleware/idempotency';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday, inside the clinic's default template
const book = async (start: string, end: string) => {
  const res = await t.api('POST', '/appointments', c.booking(start, end));
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const AT_10 = ['2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'] as const;

async function written(id: string) {
  const db = await t.snapshot();
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  return {
    history: count('SELECT count(*) AS n FROM appointment_status_history WHERE appointment_id = ?', id),
    cancelled: count(`SELECT count(*) AS n FROM outbox WHERE event_type = 'appointment.cancelled'`),
  };
}

describe('DELETE /appointments/{id} with Idempotency-Key', () => {
  it('a retry with the same key answers the first 204 again and writes nothing more', async () => {
    const id = await book(...AT_9);
    const before = await written(id);
    const headers = { 'idempotency-key': 'cancel-retry-1' };

    const first = await t.api('DELETE', `/appointments/${id}`, undefined, { headers });
    expect(first.status).toBe(204);
    expect(first.body).toBeNull();
    const after = await written(id);
    expect(after).toEqual({ history: before.history + 1, cancelled: before.cancelled + 1 });

    for (let i = 0; i < 2; i++) {
      const retry = await t.api('DELETE', `/appointments/${id}`, undefined, { headers });
      expect(retry.status).toBe(204);
      expect(retry.body).toBeNull();
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await written(id)).toEqual(after);
    const got = await t.api('GET', `/appointments/${id}`);
    expect(got.body).toMatchObject({ status: 'cancelled', version: 2 });
    expect(got.body.status_history.filter((h: { to_status: string }) => h.to_status === 'cancelled')).toHaveLength(1);
  });

  it('the same key on another request is a 409 and changes nothing', async () => {
    const id = await book(...AT_9);
    const other = await book(...AT_10);
    const headers = { 'idempotency-key': 'cancel-retry-2' };
    expect((await t.api('DELETE', `/appointments/${id}`, undefined, { headers })).status).toBe(204);

    const elsewhere = await t.api('DELETE', `/appointments/${other}`, undefined, { headers });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toEqual({ detail: 'This Idempotency-Key was already used with a different request' });
    const asPost = await t.api('POST', `/appointments/${id}/cancel`, {}, { headers });
    expect(asPost.status).toBe(409);
    expect(asPost.body.detail).toMatch(/different request/);
    expect((await t.api('GET', `/appointments/${other}`)).body).toMatchObject({ status: 'requested', version: 1 });
  });

  it('fingerprints only method and path: a retry carrying another body (which DELETE ignores) replays the 204', async () => {
    const id = await book(...AT_9);
    const headers = { 'idempotency-key': 'cancel-retry-body' };
    const first = await t.api('DELETE', `/appointments/${id}`, { reason: 'first try' }, { headers });
    expect(first.status).toBe(204);
    const after = await written(id);

    for (const body of [undefined, { reason: 'another reason' }, 'not even JSON']) {
      const retry = await t.api('DELETE', `/appointments/${id}`, body, { headers });
      expect(retry.status, JSON.stringify(body)).toBe(204);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await written(id)).toEqual(after);
  });

  it('a refused DELETE keeps its key with the refusal; without a key a second DELETE is still a 409', async () => {
    const id = await book(...AT_9);
    expect((await t.api('DELETE', `/appointments/${id}`)).status).toBe(204);
    const again = await t.api('DELETE', `/appointments/${id}`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ detail: "Cannot cancel an appointment in status 'cancelled'" });

    // the first request with this key is refused (already cancelled): its retry gets that refusal again,
    // and another cancel with the key is another request (CONTRACT: the first response, else 409)
    const headers = { 'idempotency-key': 'cancel-retry-3' };
    const refused = await t.api('DELETE', `/appointments/${id}`, undefined, { headers });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe("Cannot cancel an appointment in status 'cancelled'");
    const retry = await t.api('DELETE', `/appointments/${id}`, undefined, { headers });
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(refused.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const fresh = await book(...AT_10);
    const later = await t.api('DELETE', `/appointments/${fresh}`, undefined, { headers });
    expect(later.status).toBe(409);
    expect(later.body).toEqual({ detail: IDEMPOTENCY_KEY_REUSED });
    expect((await t.api('DELETE', `/appointments/${fresh}`, undefined, { headers: { 'idempotency-key': 'cancel-retry-4' } })).status).toBe(204);
  });

  it('the OpenAPI document lists the header on DELETE /appointments/{id} and on each lifecycle action', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>>;
    };
    const takesKey = (method: string, path: string) =>
      (doc.paths[path]![method]!.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(takesKey('delete', '/v1/scheduling/appointments/{id}')).toBe(true);
    expect(doc.paths['/v1/scheduling/appointments/{id}']!.delete!.responses).toHaveProperty('409');
    for (const action of ['confirm', 'check-in', 'start', 'complete', 'no-show', 'cancel', 'reschedule']) {
      expect(takesKey('post', `/v1/scheduling/appointments/{id}/${action}`), action).toBe(true);
    }
    // reading and PUT (guarded by `version`) do not take it
    expect(takesKey('get', '/v1/scheduling/appointments/{id}')).toBe(false);
    expect(takesKey('put', '/v1/scheduling/appointments/{id}')).toBe(false);
  });
});
