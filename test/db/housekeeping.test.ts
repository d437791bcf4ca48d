/**
 * What is kept only for a while is forgotten once it expires, and nothing younger: idempotency keys
 * after 24 h, channel replies (remembered by message id, and the record of which were sent) after 30
 * days. On the SQLite file, and on D1 with AGENDADOR_TEST_DB=d1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forgetExpired } from '../../src/core/housekeeping';
import { keepForgetting } from '../../src/node-housekeeping';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const ago = (ms: number) => new Date(Date.parse(TEST_NOW) - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One row of each kind at each age, named by the age. */
async function rowsAged(app: TestApp, ages: Record<string, number>) {
  const patient = (await app.api('POST', '/patients', { name: 'Maria', phone: '+5531999990001' })).body.id as string;
  for (const [name, age] of Object.entries(ages)) {
    await app.execute(
      'INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response_body, created_at) VALUES (?, ?, ?, 201, ?, ?)',
      app.tenant.tenantId,
      name,
      'hash',
      '{}',
      ago(age),
    );
    await app.execute(
      "INSERT INTO conversation_turns (tenant_id, patient_id, channel, message_id, response, created_at) VALUES (?, ?, 'whatsapp', ?, '{}', ?)",
      app.tenant.tenantId,
      patient,
      name,
      ago(age),
    );
    await app.execute(
      "INSERT INTO channel_replies (channel, message_id, holder, claimed_until, sent_at, created_at) VALUES ('whatsapp-cloud', ?, 'h', '', ?, ?)",
      name,
      ago(age),
      ago(age),
    );
  }
}

const left = async (app: TestApp) => ({
  idempotency_keys: (await app.rows<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).map((r) => r.key),
  conversation_turns: (await app.rows<{ message_id: string }>('SELECT message_id FROM conversation_turns ORDER BY message_id')).map((r) => r.message_id),
  channel_replies: (await app.rows<{ message_id: string }>('SELECT message_id FROM channel_replies ORDER BY message_id')).map((r) => r.message_id),
});

describe('forgetExpired', () => {
  it('forgets idempotency keys older than 24 h and channel replies older than 30 days, and nothing younger', async () => {
    t = await createTestApp();
    await rowsAged(t, { a_now: 0, b_23h59: 24 * HOUR - 60_000, c_24h01: 24 * HOUR + 60_000, d_29d: 29 * DAY, e_31d: 31 * DAY });
    expect(await forgetExpired(t.repos, t.clock)).toEqual({ idempotency_keys: 3, conversation_turns: 1, channel_replies: 1 });
    expect(await left(t)).toEqual({
      idempotency_keys: ['a_now', 'b_23h59'],
      conversation_turns: ['a_now', 'b_23h59', 'c_24h01', 'd_29d'],
      channel_replies: ['a_now', 'b_23h59', 'c_24h01', 'd_29d'],
    });
    // again: nothing more to forget
    expect(await forgetExpired(t.repos, t.clock)).toEqual({ idempotency_keys: 0, conversation_turns: 0, channel_replies: 0 });
  });

  it('a key forgotten is a new key: the same Idempotency-Key after 24 h makes a new record', async () => {
    t = await createTestApp();
    const create = () => t!.api('POST', '/locations', { name: 'Centro', timezone: 'America/Sao_Paulo' }, { headers: { 'idempotency-key': 'k1' } });
    const first = await create();
    expect(first.status).toBe(201);
    expect((await create()).body.id).toBe(first.body.id);
    await t.execute('UPDATE idempotency_keys SET created_at = ?', ago(25 * HOUR));
    await forgetExpired(t.repos, t.clock);
    expect(await t.count('idempotency_keys')).toBe(0);
    const second = await create();
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id); // a new request, not a replay
    expect(await t.count('idempotency_keys')).toBe(1);
  });
});

describe('keepForgetting (the Node timer)', () => {
  it('runs first after `firstAfterMs`, then every `intervalMs`, logging what it forgot, until stopped', async () => {
    t = await createTestApp();
    await rowsAged(t, { old: 40 * DAY });
    const logged: Array<[string, Record<string, unknown> | undefined]> = [];
    const log = { info: (msg: string, f?: Record<string, unknown>) => logged.push([msg, f]), warn: (msg: string, f?: Record<string, unknown>) => logged.push([msg, f]) };
    const stop = keepForgetting(t.repos, t.clock, log, { firstAfterMs: 5, intervalMs: 20 });
    await expect.poll(() => logged.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(2);
    stop();
    expect(logged[0]).toEqual(['housekeeping', { idempotency_keys: 1, conversation_turns: 1, channel_replies: 1 }]);
    expect(logged[1]).toEqual(['housekeeping', { idempotency_keys: 0, conversation_turns: 0, channel_replies: 0 }]);
    const runs = logged.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(logged.length).toBe(runs);
  });

  it('a run that fails is logged and the next one tries again', async () => {
    t = await createTestApp();
    const logged: string[] = [];
    const log = { info: (msg: string) => logged.push(msg), warn: (msg: string) => logged.push(msg) };
    let calls = 0;
    const repos = {
      ...t.repos,
      idempotency: { ...t.repos.idempotency, purge: (before: string) => (++calls === 1 ? Promise.reject(new Error('database is locked')) : t!.repos.idempotency.purge(before)) },
    };
    const stop = keepForgetting(repos, t.clock, log, { firstAfterMs: 1, intervalMs: 5 });
    await expect.poll(() => logged.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(2);
    stop();
    expect(logged.slice(0, 2)).toEqual(['housekeeping failed; the next run tries again', 'housekeeping']);
  });
});
