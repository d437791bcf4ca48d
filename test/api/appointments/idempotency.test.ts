/**
 * `Idempotency-Key` on booking, rescheduling, the lifecycle actions and DELETE (cancel): the response is stored by the
 * change's own atomic step, so a key and its change are never apart, whatever fails in between. Failures are injected with
 * SQLite triggers that refuse a write to `idempotency_keys`, the way a full disk or a lost lock would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS } from '../../../src/api/middleware/idempotency';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday, inside the clinic's default template
const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const MOVE = { new_start_time: '2026-12-01T10:00:00-03:00' };

const count = (table: string) => t.count(table);
const keyRow = (key: string) =>
  t.row<{ status_code: number | null; response_body: string | null }>('SELECT status_code, response_body FROM idempotency_keys WHERE key = ?', key);

/** Every later write of a stored response fails, as a separate write after the booking's commit could. */
function failResponseWrites() {
  return t.execute(`CREATE TRIGGER fail_reply BEFORE UPDATE ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
}
/** Forgetting a claim fails too: what a server stopped mid-request leaves behind. */
function failReleases() {
  return t.execute(`CREATE TRIGGER fail_release BEFORE DELETE ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
}
async function healDatabase() {
  await t.execute('DROP TRIGGER IF EXISTS fail_reply');
  await t.execute('DROP TRIGGER IF EXISTS fail_release');
}

describe('appointments: Idempotency-Key', () => {
  it('stores the response in the booking step: when it cannot be stored, nothing is booked', async () => {
    const before = { history: await count('appointment_status_history'), outbox: await count('outbox') };
    await failResponseWrites();
    const failed = await t.api('POST', '/appointments', c.booking(...AT_9), { headers: { 'idempotency-key': 'book-1' } });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ detail: expect.any(String) });
    expect(await count('appointments')).toBe(0);
    expect(await count('appointment_status_history')).toBe(before.history);
    expect(await count('outbox')).toBe(before.outbox);
    expect(await keyRow('book-1')).toBeUndefined();

    await healDatabase();
    const booked = await t.api('POST', '/appointments', c.booking(...AT_9), { headers: { 'idempotency-key': 'book-1' } });
    expect(booked.status).toBe(201);
    const stored = (await keyRow('book-1'))!;
    expect(stored.status_code).toBe(201);
    expect(JSON.parse(stored.response_body!)).toEqual(booked.body);
    expect(await count('appointments')).toBe(1);
  });

  it('stores a reschedule response in the reschedule step', async () => {
    const booked = await t.api('POST', '/appointments', c.booking(...AT_9));
    await failResponseWrites();
    const failed = await t.api('POST', `/appointments/${booked.body.id}/reschedule`, MOVE, { headers: { 'idempotency-key': 'move-1' } });
    expect(failed.status).toBe(500);
    expect(await count('appointments')).toBe(1);
    expect((await t.api('GET', `/appointments/${booked.body.id}`)).body).toMatchObject({ status: 'requested', version: 1, rescheduled_to_id: null });

    await healDatabase();
    const moved = await t.api('POST', `/appointments/${booked.body.id}/reschedule`, MOVE, { headers: { 'idempotency-key': 'move-1' } });
    expect(moved.status).toBe(201);
    const replayed = await t.api('POST', `/appointments/${booked.body.id}/reschedule`, MOVE, { headers: { 'idempotency-key': 'move-1' } });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(moved.body);
    expect(await count('appointments')).toBe(2);
  });

  it('replays the booking byte for byte, even after the appointment changed', async () => {
    const headers = { 'idempotency-key': 'book-2' };
    const res = await t.app.request('/v1/scheduling/appointments', {
      method: 'POST',
      headers: { ...headers, 'x-api-key': t.tenant.readWrite, 'content-type': 'application/json' },
      body: JSON.stringify(c.booking(...AT_9)),
    });
    const first = await res.text();
    expect(res.status).toBe(201);
    const id = JSON.parse(first).id;
    expect((await t.api('POST', `/appointments/${id}/confirm`, {})).status).toBe(200);
    const again = await t.app.request('/v1/scheduling/appointments', {
      method: 'POST',
      headers: { ...headers, 'x-api-key': t.tenant.readWrite, 'content-type': 'application/json' },
      body: JSON.stringify(c.booking(...AT_9)),
    });
    expect(again.status).toBe(201);
    expect(await again.text()).toBe(first);
  });

  it('a claim left by a request that never finished is taken over once no request can still be running', async () => {
    const headers = { 'idempotency-key': 'book-3' };
    await failResponseWrites();
    await failReleases();
    expect((await t.api('POST', '/appointments', c.booking(...AT_9), { headers })).status).toBe(500);
    await healDatabase();
    expect(await keyRow('book-3')).toEqual({ status_code: null, response_body: null });
    expect(await count('appointments')).toBe(0);

    const early = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/still in progress/);
    // another body under the key stays refused, whatever its age
    t.clock.advance(IDEMPOTENCY_LEASE_MS + 1);
    const other = await t.api('POST', '/appointments', c.booking('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00'), { headers });
    expect(other.status).toBe(409);
    expect(other.body.detail).toMatch(/different request/);

    const late = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(late.status).toBe(201);
    expect(await count('appointments')).toBe(1);
    const replay = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(late.body.id);
  });

  it('routes that store their response after the write keep an unfinished claim, and say once it is abandoned', async () => {
    // a conversation turn's response is stored after the turn is written (waitlist entries and API keys,
    // which did so too, now store theirs in the insert step: idempotent-creates.test.ts)
    const headers = { 'idempotency-key': 'turn-1' };
    const turns = () => t.count('conversations');
    await failResponseWrites();
    await failReleases();
    const body = { patient_id: c.patients[0]!.id, channel: 'web', message: 'Oi, quero marcar uma consulta' };
    expect((await t.api('POST', '/conversation', body, { headers })).status).toBe(500);
    await healDatabase();
    // the turn was written before its response failed: running the request again would run it twice
    expect(await turns()).toBe(1);
    const early = await t.api('POST', '/conversation', body, { headers });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/still in progress/);
    t.clock.advance(IDEMPOTENCY_LEASE_MS + 1);
    const retry = await t.api('POST', '/conversation', body, { headers });
    expect(retry.status).toBe(409);
    expect(retry.body.detail).toMatch(/did not finish, and whether it made its change is unknown/);
  });

  it('a key is free again after 24 h, for any request', async () => {
    const headers = { 'idempotency-key': 'book-4' };
    const first = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(first.status).toBe(201);
    t.clock.advance(IDEMPOTENCY_TTL_MS + 1);
    const later = await t.api('POST', '/appointments', c.booking('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00'), { headers });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(await count('appointments')).toBe(2);
  });

  it('a refused booking keeps its key with the refusal (CONTRACT: the first response), so the fixed request needs a new key', async () => {
    const headers = { 'idempotency-key': 'book-5' };
    const taken = await t.api('POST', '/appointments', c.booking(...AT_9));
    expect(taken.status).toBe(201);
    const refused = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(refused.status).toBe(409);
    expect(await keyRow('book-5')).toMatchObject({ status_code: 409 });
    const fixedBody = c.booking('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00');
    const fixed = await t.api('POST', '/appointments', fixedBody, { headers });
    expect(fixed.status).toBe(409);
    expect(fixed.body).toEqual({ detail: IDEMPOTENCY_KEY_REUSED });
    expect((await t.api('POST', '/appointments', fixedBody, { headers: { 'idempotency-key': 'book-6' } })).status).toBe(201);
  });

  it('each lifecycle action stores its response in its own step: when it cannot be stored, the status stays', async () => {
    const first = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const second = (await t.api('POST', '/appointments', c.booking('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'))).body;
    const third = (await t.api('POST', '/appointments', c.booking('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00'))).body;
    expect((await t.api('POST', `/appointments/${second.id}/confirm`, {})).status).toBe(200);
    const actions: Array<[string, string, Record<string, unknown>, string]> = [
      [first.id, 'confirm', { confirmed_by: 'recepção' }, 'confirmed'],
      [first.id, 'check-in', {}, 'checked_in'],
      [first.id, 'start', {}, 'in_progress'],
      [first.id, 'complete', { notes: 'ok' }, 'completed'],
      [second.id, 'no-show', {}, 'no_show'],
      [third.id, 'cancel', { reason: 'Paciente pediu' }, 'cancelled'],
    ];
    for (const [id, action, body, status] of actions) {
      const headers = { 'idempotency-key': `${action}-1` };
      const before = (await t.api('GET', `/appointments/${id}`)).body;
      const outbox = await count('outbox');
      await failResponseWrites();
      const failed = await t.api('POST', `/appointments/${id}/${action}`, body, { headers });
      expect(failed.status, action).toBe(500);
      expect((await t.api('GET', `/appointments/${id}`)).body, action).toEqual(before);
      expect(await count('outbox'), action).toBe(outbox);
      expect(await keyRow(`${action}-1`), action).toBeUndefined();

      await healDatabase();
      const done = await t.api('POST', `/appointments/${id}/${action}`, body, { headers });
      expect(done.status, action).toBe(200);
      expect(done.body).toMatchObject({ id, status, version: before.version + 1 });
      const replayed = await t.api('POST', `/appointments/${id}/${action}`, body, { headers });
      expect(replayed.headers.get('idempotent-replayed'), action).toBe('true');
      expect(replayed.body).toEqual(done.body);
      expect((await keyRow(`${action}-1`))!.status_code).toBe(200);
    }
  });

  it('DELETE stores its 204 in the cancel step: when it cannot be stored, the appointment stays as it was', async () => {
    const booked = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const headers = { 'idempotency-key': 'delete-1' };
    const outbox = await count('outbox');
    await failResponseWrites();
    const failed = await t.api('DELETE', `/appointments/${booked.id}`, undefined, { headers });
    expect(failed.status).toBe(500);
    expect((await t.api('GET', `/appointments/${booked.id}`)).body).toMatchObject({ status: 'requested', version: 1 });
    expect(await count('outbox')).toBe(outbox);
    expect(await keyRow('delete-1')).toBeUndefined();

    await healDatabase();
    expect((await t.api('DELETE', `/appointments/${booked.id}`, undefined, { headers })).status).toBe(204);
    expect(await keyRow('delete-1')).toEqual({ status_code: 204, response_body: '' });
    const replayed = await t.api('DELETE', `/appointments/${booked.id}`, undefined, { headers });
    expect(replayed.status).toBe(204);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it('an unfinished claim on a lifecycle action is taken over once no request can still be running', async () => {
    const booked = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const headers = { 'idempotency-key': 'confirm-2' };
    await failResponseWrites();
    await failReleases();
    expect((await t.api('POST', `/appointments/${booked.id}/confirm`, {}, { headers })).status).toBe(500);
    await healDatabase();
    expect((await t.api('POST', `/appointments/${booked.id}/confirm`, {}, { headers })).body.detail).toMatch(/still in progress/);

    t.clock.advance(IDEMPOTENCY_LEASE_MS + 1);
    const late = await t.api('POST', `/appointments/${booked.id}/confirm`, {}, { headers });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'confirmed', version: 2 });
  });
});
