/**
 * On Workers the I/O behind a promise belongs to the request that started it: when that request ends
 * or is cancelled, its pending I/O never completes, so another request awaiting the same promise would
 * wait forever. Each test stands for that with a read that never answers for the first request that
 * makes it (the rest of the database is real: D1 in workerd, or a SQLite file), and checks that a
 * second request is answered anyway: nothing kept between requests is a promise another request made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { randomIds, systemClock } from '../../src/core/clock';
import { buildCore } from '../../src/core';
import type { Repositories } from '../../src/core/ports';
import { createRepositories } from '../../src/db/repos';
import { apiClient, createTestApp } from '../helpers/app';
import { openD1Database } from '../helpers/d1';
import { noShowClinic, syntheticHistory } from '../api/no-show/setup';

type Closable = { close(): Promise<void> | void };
const opened: Closable[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

/** Resolves with the promise's value, or 'still waiting' after `ms`. */
function within<T>(promise: Promise<T>, ms = 5_000): Promise<T | 'still waiting'> {
  return Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
}

/** A promise that never settles: the I/O of a request that was cancelled. */
const cancelled = () => new Promise<never>(() => {});

const KEY = 'agd_request_scoped_bootstrap_key_0123';

describe('the Workers entry (src/main.worker.ts) over D1', () => {
  it('answers a request while the first request of the isolate never finished its schema check', async () => {
    const d1 = await openD1Database();
    opened.push(d1);
    let schemaChecks = 0;
    const binding = {
      ...d1.binding,
      prepare(sql: string) {
        const statement = d1.binding.prepare(sql);
        if (!sql.includes('sqlite_master') || ++schemaChecks > 1) return statement;
        return Object.assign(Object.create(Object.getPrototypeOf(statement)), statement, { all: cancelled });
      },
    };
    const { default: worker } = await import('../../src/main.worker');
    const env = { DB: binding, BOOTSTRAP_API_KEY: KEY, LOG_LEVEL: 'error' };
    const ctx = { waitUntil: () => {} };
    const request = () => worker.fetch(new Request('http://worker/v1/scheduling/locations', { headers: { 'x-api-key': KEY } }), env, ctx);

    const first = request();
    const second = await within(request());
    expect(second === 'still waiting' ? second : second.status).toBe(200);
    expect(await d1.rows('SELECT name FROM tenants')).toEqual([{ name: 'default' }]);
    // checked once, by the second request: later ones skip it
    expect((await request()).status).toBe(200);
    expect(schemaChecks).toBe(2);
    void first;
  }, 30_000);
});

/**
 * `repos[group][method]` whose first call never answers (the request that made it was cancelled);
 * later calls reach the database. Gives the number of calls so far.
 */
function firstCallNeverAnswers<G extends keyof Repositories>(repos: Repositories, group: G, method: keyof Repositories[G]): () => number {
  const real = repos[group] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = real[method as string]!.bind(real);
  let calls = 0;
  (repos as unknown as Record<string, unknown>)[group] = { ...real, [method]: (...args: unknown[]) => (++calls === 1 ? cancelled() : original(...args)) };
  return () => calls;
}

/** Resolves once the gated method has been called (by the first request, whose call is the one never answered). */
async function firstAsked(calls: () => number): Promise<void> {
  while (calls() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The app as the Workers entry builds it, over D1, with one tenant and its admin key. */
async function appOverD1(gate: (repos: Repositories) => () => number) {
  const d1 = await openD1Database();
  opened.push(d1);
  const repos = createRepositories(d1.db);
  const setup = buildCore(repos, systemClock, randomIds);
  const { tenant } = await setup.keys.ensureTenant('Clínica');
  const key = (await setup.keys.createKey(tenant.id, ['read', 'write', 'admin'])).secret;
  const calls = gate(repos);
  const app = buildApp({ repos, clock: systemClock, ids: randomIds, version: 'test', logLevel: 'silent', requestScopedIo: true });
  return { app, api: apiClient(app, key), calls, rows: d1.rows };
}

describe('the Workers entry: the first tenant under concurrent cold requests', () => {
  it('answers every one of 12 concurrent first requests with the BOOTSTRAP_API_KEY, and makes one tenant', async () => {
    const d1 = await openD1Database();
    opened.push(d1);
    const { default: worker } = await import('../../src/main.worker');
    const env = { DB: d1.binding, BOOTSTRAP_API_KEY: KEY, LOG_LEVEL: 'error' };
    const request = () =>
      worker.fetch(new Request('http://worker/v1/scheduling/locations', { headers: { 'x-api-key': KEY } }), env, { waitUntil: () => {} });
    // started a few milliseconds apart: each a step further than the one before when it starts
    const started: Promise<Response>[] = [];
    for (let i = 0; i < 12; i++) {
      started.push(request());
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
    const answers = await Promise.all(started);
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(await d1.rows('SELECT name FROM tenants')).toEqual([{ name: 'default' }]);
    expect(await d1.rows('SELECT count(*) AS n FROM api_keys')).toEqual([{ n: 1 }]);
  }, 30_000);
});

describe('what the app keeps between requests', () => {
  it('the cursor secret: a list is answered while the first read of the secret never finished', async () => {
    const { api, calls } = await appOverD1((repos) => firstCallNeverAnswers(repos, 'serverSettings', 'getOrInsert'));
    for (const name of ['Centro', 'Savassi']) expect((await api('POST', '/locations', { name })).status).toBe(201);

    const first = api('GET', '/locations?limit=1');
    // the first request's read is the one left unanswered: the second is sent once the first has asked
    // (sent together, a loaded machine could let the second ask first, and then it is the one held)
    await firstAsked(calls);
    const second = await within(api('GET', '/locations?limit=1'));
    if (second === 'still waiting') expect.fail('the second list waited for the first request\'s read of the cursor secret');
    expect(second.status).toBe(200);
    const next = await api('GET', `/locations?limit=1&cursor=${encodeURIComponent(second.body.next_cursor)}`);
    expect(next.status).toBe(200);
    expect(next.body.data.map((l: { name: string }) => l.name)).toEqual(['Savassi']);
    // read once it was known: not again
    expect(calls()).toBe(2);
    void first;
  }, 30_000);

  it("the tenant's names for the language layer: a message is understood while the first read of them never finished", async () => {
    const { api, calls } = await appOverD1((repos) => firstCallNeverAnswers(repos, 'languageCatalog', 'catalog'));
    const patient = await api('POST', '/patients', { name: 'João Souza', phone: '+5531988887777' });
    expect(patient.status).toBe(201);
    const understand = () => api('POST', '/natural-language', { message: 'quero marcar uma consulta amanhã de manhã', patient_id: patient.body.id });

    const first = understand();
    await firstAsked(calls);
    const second = await within(understand());
    if (second === 'still waiting') expect.fail("the second message waited for the first request's read of the catalog");
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.intent).toBe('book');
    expect(calls()).toBe(2);
    void first;
  }, 30_000);
});

describe('conversation turns on Workers: the database keeps turns of one conversation apart', () => {
  async function conversationApp(gate: (repos: Repositories) => () => number = () => () => 0) {
    const clinic = await appOverD1(gate);
    const patient = await clinic.api('POST', '/patients', { name: 'Maria Lima', phone: '+5531977776666' });
    expect(patient.status).toBe(201);
    const say = (message: string, messageId?: string) =>
      clinic.api('POST', '/conversation', { patient_id: patient.body.id, channel: 'whatsapp', message, ...(messageId ? { message_id: messageId } : {}) });
    return { ...clinic, say, patientId: patient.body.id as string };
  }

  it("answers a turn while an earlier turn of the same conversation never got its claim's answer", async () => {
    const { say, calls } = await conversationApp((repos) => firstCallNeverAnswers(repos, 'conversations', 'claim'));
    const first = say('oi');
    // the first turn's claim is the one left unanswered: the second is sent once the first has asked
    // (sent together, a loaded machine could let the second ask first, and then it is the one held)
    await firstAsked(calls);
    const second = await within(say('bom dia'), 10_000);
    if (second === 'still waiting') expect.fail('the second turn waited for the first turn, a promise of another request');
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(calls()).toBe(2);
    void first;
  }, 30_000);

  it('runs concurrent turns of one conversation one at a time through the lease (each turn its own holder), each saved once', async () => {
    const { say, rows, patientId } = await conversationApp();
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => say(i % 2 === 0 ? 'oi' : 'bom dia', `m${i}`)));
    expect(replies.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(await rows('SELECT revision FROM conversations WHERE patient_id = ?', patientId)).toEqual([{ revision: 6 }]);
    expect(await rows('SELECT count(*) AS n FROM conversation_turns WHERE patient_id = ?', patientId)).toEqual([{ n: 6 }]);
  }, 60_000);

  it('gives the lease to waiting turns in the order their messages arrived', async () => {
    const { say, rows, patientId } = await conversationApp();
    // another turn holds the conversation while five messages arrive, 150 ms apart
    await rows(
      "INSERT INTO conversation_leases (tenant_id, patient_id, channel, holder, until) SELECT tenant_id, id, 'whatsapp', 'elsewhere', '9999-12-31T00:00:00.000Z' FROM patients WHERE id = ?",
      patientId,
    );
    const arrived: ReturnType<typeof say>[] = [];
    for (let i = 0; i < 5; i++) {
      arrived.push(say('oi', `m${i}`));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await rows("UPDATE conversation_leases SET until = '' WHERE patient_id = ?", patientId);
    expect((await Promise.all(arrived)).map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(await rows('SELECT message_id FROM conversation_turns WHERE patient_id = ? ORDER BY rowid', patientId)).toEqual(
      ['m0', 'm1', 'm2', 'm3', 'm4'].map((message_id) => ({ message_id })),
    );
    expect(await rows('SELECT count(*) AS n FROM conversation_waiters')).toEqual([{ n: 0 }]);
  }, 60_000);

  it('does not keep turns waiting behind a waiter that stopped asking (its request was cancelled)', async () => {
    const { say, rows, patientId } = await conversationApp();
    const longAgo = new Date(Date.now() - 60_000).toISOString();
    await rows(
      "INSERT INTO conversation_waiters (tenant_id, patient_id, channel, holder, seq, seen_at) SELECT tenant_id, id, 'whatsapp', 'gone', 1, ? FROM patients WHERE id = ?",
      longAgo,
      patientId,
    );
    const answer = await within(say('oi'), 10_000);
    if (answer === 'still waiting') expect.fail('the turn waited behind a waiter that stopped asking');
    expect(answer.status).toBe(200);
    expect(await rows('SELECT count(*) AS n FROM conversation_waiters')).toEqual([{ n: 0 }]);
  }, 30_000);
});

describe('no-show training on Workers', () => {
  it("trains for a request while another request's training never got its read's answer, instead of waiting for it", async () => {
    const t = await createTestApp();
    opened.push(t);
    const c = await noShowClinic(t);
    expect(await c.importRows(syntheticHistory(c.phones, { patients: Array.from({ length: 40 }, (_, i) => i), perPatient: 6, seed: 42, from: '2026-08-03', to: '2026-11-24' }))).toBe(240);
    const calls = firstCallNeverAnswers(t.repos, 'noShow', 'all');
    const app = buildApp({ repos: t.repos, clock: t.clock, ids: randomIds, version: 'test', logLevel: 'silent', requestScopedIo: true });
    const api = apiClient(app, t.tenant.readWrite);

    const first = api('GET', '/no-show/model-info');
    const second = await within(api('GET', '/no-show/model-info'));
    if (second === 'still waiting') expect.fail("the second request waited for the first request's training");
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ version: 1, trigger: 'auto', prior: false, samples: 240 });
    expect(calls()).toBe(2);
    void first;
  }, 60_000);
});
