/**
 * `Idempotency-Key` compares a JSON body by its value, not its bytes: a retry whose body differs only in
 * key order or whitespace is the same request and replays the first response. A different value (a
 * field changed, an array reordered, an id in another letter case) stays a 409. A body that is not JSON
 * is compared byte for byte. A key stored before the value comparison (its fingerprint taken from the
 * bytes) still replays for a retry of the same bytes.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_REUSED } from '../../src/api/middleware/idempotency';
import { TEST_NOW, createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday, inside the clinic's default template
const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const AT_10 = ['2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'] as const;

/** The same object's JSON with its keys in reverse order and spaces and newlines around every token. */
function reordered(value: Record<string, unknown>): string {
  const entries = Object.entries(value).reverse();
  return `{\n  ${entries.map(([k, v]) => `${JSON.stringify(k)} :  ${JSON.stringify(v, null, 1)}`).join(' ,\n  ')}\n}  `;
}

const send = (method: string, path: string, body: string, key: string) => t.api(method, path, body, { headers: { 'idempotency-key': key } });

describe('Idempotency-Key compares the JSON value', () => {
  it('a booking retried with its fields in another order and spacing replays the first response', async () => {
    const booking = c.booking(...AT_9, { notes: 'primeira vez', metadata: { b: 2, a: [1, { y: 1, x: 0 }] } });
    const first = await send('POST', '/appointments', JSON.stringify(booking), 'book-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await send('POST', '/appointments', reordered({ ...booking, metadata: { a: [1, { x: 0, y: 1 }], b: 2 } }), 'book-1');
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await t.count('appointments')).toBe(1);
  });

  it('another value under the same key stays a 409: a field, an array order, an id in another letter case', async () => {
    const booking = c.booking(...AT_9, { metadata: { tags: ['a', 'b'] } });
    expect((await send('POST', '/appointments', JSON.stringify(booking), 'book-2')).status).toBe(201);
    for (const other of [
      c.booking(...AT_10, { metadata: { tags: ['a', 'b'] } }),
      c.booking(...AT_9, { metadata: { tags: ['b', 'a'] } }),
      c.booking(...AT_9, { metadata: { tags: ['a', 'b'] }, patient_id: c.patients[0]!.id.toUpperCase() }),
      c.booking(...AT_9, { metadata: { tags: ['a', 'b'] }, notes: null }),
    ]) {
      const refused = await send('POST', '/appointments', reordered(other), 'book-2');
      expect(refused.status, JSON.stringify(other)).toBe(409);
      expect(refused.body).toEqual({ detail: IDEMPOTENCY_KEY_REUSED });
    }
    expect(await t.count('appointments')).toBe(1);
  });

  it('holds for every operation that takes the header: a reschedule, a lifecycle action, a create', async () => {
    const booked = (await t.api('POST', '/appointments', c.booking(...AT_9))).body as { id: string };
    const move = { new_start_time: '2026-12-01T10:00:00-03:00', new_end_time: '2026-12-01T10:30:00-03:00', reason: 'pedido do paciente' };
    const moved = await send('POST', `/appointments/${booked.id}/reschedule`, JSON.stringify(move), 'move-1');
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const movedAgain = await send('POST', `/appointments/${booked.id}/reschedule`, reordered(move), 'move-1');
    expect(movedAgain.status).toBe(201);
    expect(movedAgain.headers.get('idempotent-replayed')).toBe('true');
    expect(movedAgain.body).toEqual(moved.body);

    const confirm = { version: 1, notes: 'confirmado por telefone' };
    const confirmed = await send('POST', `/appointments/${moved.body.id}/confirm`, JSON.stringify(confirm), 'confirm-1');
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const confirmedAgain = await send('POST', `/appointments/${moved.body.id}/confirm`, reordered(confirm), 'confirm-1');
    expect(confirmedAgain.status).toBe(200);
    expect(confirmedAgain.body).toEqual(confirmed.body);

    const location = { name: 'Unidade Savassi', timezone: 'America/Sao_Paulo', rooms: [{ name: 'Sala 1' }, { name: 'Sala 2' }] };
    const made = await send('POST', '/locations', JSON.stringify(location), 'loc-1');
    expect(made.status).toBe(201);
    const madeAgain = await send('POST', '/locations', reordered(location), 'loc-1');
    expect(madeAgain.status).toBe(201);
    expect(madeAgain.body).toEqual(made.body);
    expect(await t.count('locations')).toBe(2);

    // a DELETE is compared by its path alone, as before
    const cancel = await t.api('DELETE', `/appointments/${moved.body.id}`, undefined, { headers: { 'idempotency-key': 'cancel-1' } });
    expect(cancel.status).toBe(204);
    const cancelAgain = await t.api('DELETE', `/appointments/${moved.body.id}`, '{ "b": 2, "a": 1 }', { headers: { 'idempotency-key': 'cancel-1' } });
    expect(cancelAgain.status).toBe(204);
    expect(cancelAgain.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a body that is not JSON is compared byte for byte', async () => {
    // the comparison is seen on a claim a request left unfinished, made here as a server stopped
    // mid-request would (the body is refused, 422, so no request of its own could leave one)
    await t.execute(
      'INSERT INTO idempotency_keys (tenant_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)',
      t.tenant.tenantId,
      'raw-1',
      createHash('sha256').update('POST /v1/scheduling/patients\n{name: Ana}').digest('hex'),
      TEST_NOW,
    );
    const same = await send('POST', '/patients', '{name: Ana}', 'raw-1');
    expect(same.status).toBe(409);
    expect(same.body.detail).toMatch(/still in progress/);
    const spaced = await send('POST', '/patients', '{name:  Ana}', 'raw-1');
    expect(spaced.status).toBe(409);
    expect(spaced.body).toEqual({ detail: IDEMPOTENCY_KEY_REUSED });
  });

  it('a key stored before the change (fingerprint of the bytes as sent) still replays a retry of the same bytes', async () => {
    const patient = { phone: '+5531977776666', name: 'Rui Alves' };
    const bytes = reordered(patient);
    const first = await send('POST', '/patients', bytes, 'legacy-1');
    expect(first.status).toBe(201);
    // the row as the earlier version wrote it: the hash of the method, the path and the body's bytes
    const legacyHash = createHash('sha256').update(`POST /v1/scheduling/patients\n${bytes}`).digest('hex');
    await t.execute('UPDATE idempotency_keys SET request_hash = ? WHERE key = ?', legacyHash, 'legacy-1');

    const retry = await send('POST', '/patients', bytes, 'legacy-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await send('POST', '/patients', reordered({ ...patient, name: 'Rui Alves Filho' }), 'legacy-1');
    expect(other.status).toBe(409);
    expect(await t.count('patients')).toBe(3);
  });
});
