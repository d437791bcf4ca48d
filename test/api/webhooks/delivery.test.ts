/**
 * The delivery worker against real receivers: retries, the dead-letter queue and redelivery,
 * Retry-After, 410 Gone, a hanging receiver beside a healthy one, the address guard at send time, and
 * two workers sharing one database file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';
import { startReceiver, testWorker, until, verify } from '../../helpers/webhooks';
import { openSqlite, type SqliteHandle } from '../../../src/db/client.sqlite';
import { createRepositories } from '../../../src/db/repos';
import type { WebhookWorker } from '../../../src/core/webhooks/worker';
import { SP_10, SP_11, SP_9, attemptRows, deliveryRows, subscribe, webhookFixture } from './setup';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
const cleanup: Array<() => Promise<void> | void> = [];
beforeEach(async () => {
  t = await createTestApp({ allowPrivateWebhookUrls: true });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  t.close();
});

function track<T extends { close(): Promise<void> } | WebhookWorker>(thing: T): T {
  cleanup.push(() => ('stop' in thing ? thing.stop() : thing.close()));
  return thing;
}

const admin = () => t.tenant.admin;

describe('webhooks: delivery', () => {
  it('a 500 is retried on schedule, then dead-lettered; redeliver sends it again with the same webhook-id and body', async () => {
    let healthy = false;
    const f = await webhookFixture(t, {
      reply: () => (healthy ? { status: 200 } : { status: 500, body: 'boom' }),
      worker: { retrySchedule: [0.05, 0.1] },
    });
    cleanup.push(f.close);
    const a = await f.book(SP_9);
    await f.worker.settle();

    expect(f.receiver.received).toHaveLength(3);
    const [first, second, third] = f.receiver.received as [any, any, any];
    expect(second.at - first.at).toBeGreaterThanOrEqual(0.05 * 0.8 * 1000 - 5);
    expect(third.at - second.at).toBeGreaterThanOrEqual(0.1 * 0.8 * 1000 - 5);
    const id = first.headers['webhook-id'];
    for (const r of f.receiver.received) {
      expect(r.headers['webhook-id']).toBe(id);
      expect(r.body).toBe(first.body);
      verify(f.subscription.secret, r);
    }

    const dead = await t.api('GET', '/webhooks/dead-letters', undefined, { key: admin() });
    expect(dead.status).toBe(200);
    expect(dead.body.data).toHaveLength(1);
    expect(dead.body.data[0]).toMatchObject({
      id,
      subscription_id: f.subscription.id,
      event_type: 'appointment.created',
      status: 'dead',
      attempt_count: 3,
      last_status_code: 500,
      next_attempt_at: null,
    });
    expect(dead.body.data[0].attempts.map((x: any) => [x.attempt, x.status_code, x.response_excerpt])).toEqual([
      [1, 500, 'boom'],
      [2, 500, 'boom'],
      [3, 500, 'boom'],
    ]);
    expect(dead.body.data[0].payload.data.appointment.id).toBe(a.id);

    healthy = true;
    const again = await t.api('POST', `/webhooks/dead-letters/${id}/redeliver`, undefined, { key: admin() });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id, status: 'pending', dead_at: null, attempt_count: 3 });
    await f.worker.settle();
    expect(f.receiver.received).toHaveLength(4);
    const redelivered = f.receiver.received[3]!;
    expect(redelivered.headers['webhook-id']).toBe(id);
    expect(redelivered.body).toBe(first.body);
    expect(verify(f.subscription.secret, redelivered)).toMatchObject({ type: 'appointment.created' });
    const after = await t.api('GET', `/webhooks/${f.subscription.id}/deliveries`, undefined, { key: admin() });
    expect(after.body.data[0]).toMatchObject({ id, status: 'succeeded', attempt_count: 4, last_status_code: 200 });
    expect((await t.api('GET', '/webhooks/dead-letters', undefined, { key: admin() })).body.data).toEqual([]);
  });

  it('network errors and timeouts are retried and recorded with what went wrong', async () => {
    const hanging = track(await startReceiver(() => 'hang'));
    const down = track(await startReceiver());
    await down.close(); // nothing listens on its port any more
    const s1 = await subscribe(t, hanging.url, ['appointment.created']);
    const s2 = await subscribe(t, down.url, ['appointment.created']);
    const worker = track(testWorker(t.repos.webhookDeliveries, { timeoutMs: 300, retrySchedule: [0] }));
    await createClinic(t).then((c) => t.api('POST', '/appointments', c.booking(...SP_9)));
    const started = performance.now();
    await worker.settle();
    expect(performance.now() - started).toBeLessThan(1500);
    const rows = await deliveryRows(t);
    const of = (s: { id: string }) => rows.find((d) => d.subscription_id === s.id)!;
    expect(of(s1)).toMatchObject({ status: 'dead', attempt_count: 2, last_status_code: null });
    expect(of(s1).last_error).toBe('timeout: no complete response within 300 ms');
    expect(of(s2)).toMatchObject({ status: 'dead', attempt_count: 2, last_error: 'connection refused' });
    for (const attempt of await attemptRows(t, of(s1).id)) expect(attempt.duration_ms).toBeGreaterThanOrEqual(290);
    expect(hanging.received).toHaveLength(2);
  });

  it('a 429 waits for its Retry-After instead of the schedule', async () => {
    const f = await webhookFixture(t, {
      reply: (_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }),
      worker: { retrySchedule: [0.01, 0.01] },
    });
    cleanup.push(f.close);
    await f.book(SP_9);
    await f.worker.settle();
    expect(f.receiver.received).toHaveLength(2);
    const [first, second] = f.receiver.received as [any, any];
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect((await deliveryRows(t))[0]).toMatchObject({ status: 'succeeded', attempt_count: 2 });
  });

  it('a 410 Gone disables the subscription; its other deliveries go to the dead-letter queue unsent', async () => {
    let gone = true;
    const f = await webhookFixture(t, {
      reply: () => (gone ? { status: 410 } : { status: 200 }),
      worker: { perSubscription: 1 },
    });
    cleanup.push(f.close);
    await f.book(SP_9);
    await f.book(SP_10, { patient_id: f.clinic.patients[1]!.id });
    await f.book(SP_11, { patient_id: f.clinic.patients[2]!.id });
    await f.worker.settle();
    expect(f.receiver.received).toHaveLength(1);
    const sub = await t.api('GET', `/webhooks/${f.subscription.id}`, undefined, { key: admin() });
    expect(sub.body.is_active).toBe(false);
    expect(sub.body.disabled_reason).toMatch(/^The receiver answered 410 Gone on /);
    const dead = (await t.api('GET', '/webhooks/dead-letters', undefined, { key: admin() })).body.data;
    expect(dead).toHaveLength(3);
    expect(dead.map((d: any) => d.attempt_count).sort()).toEqual([0, 0, 1]);
    expect(dead.filter((d: any) => d.attempt_count === 0).map((d: any) => d.last_error)).toEqual([
      'The subscription was deactivated before this delivery was sent',
      'The subscription was deactivated before this delivery was sent',
    ]);
    // new events are not fanned out to it; switched back on, its dead letters can be sent again
    await f.step((await f.book(SP_9, { patient_id: f.clinic.patients[1]!.id, start_time: '2026-12-03T09:00:00-03:00', end_time: '2026-12-03T09:30:00-03:00' })).id, 'confirm');
    await f.worker.settle();
    expect(f.receiver.received).toHaveLength(1);
    expect(await deliveryRows(t)).toHaveLength(3);
    gone = false;
    expect((await t.api('PUT', `/webhooks/${f.subscription.id}`, { is_active: true }, { key: admin() })).body.disabled_reason).toBeNull();
    const res = await t.api('POST', `/webhooks/dead-letters/${dead[0].id}/redeliver`, undefined, { key: admin() });
    expect(res.status).toBe(202);
    await f.worker.settle();
    expect(f.receiver.received.map((r) => r.headers['webhook-id'])).toEqual([expect.any(String), dead[0].id]);
  });

  it('a deactivated subscription sends nothing more: its pending deliveries are dead-lettered when due', async () => {
    const f = await webhookFixture(t, { reply: () => ({ status: 503 }), worker: { retrySchedule: [0.05, 0.05] } });
    cleanup.push(f.close);
    await f.book(SP_9);
    await f.worker.runOnce();
    expect(f.receiver.received).toHaveLength(1);
    expect((await t.api('DELETE', `/webhooks/${f.subscription.id}`, undefined, { key: admin() })).status).toBe(204);
    await f.worker.settle();
    expect(f.receiver.received).toHaveLength(1);
    expect((await deliveryRows(t))[0]).toMatchObject({
      status: 'dead',
      attempt_count: 1,
      last_error: 'The subscription was deactivated before this delivery was sent',
    });
    const redeliver = await t.api('POST', `/webhooks/dead-letters/${(await deliveryRows(t))[0]!.id}/redeliver`, undefined, { key: admin() });
    expect(redeliver.status).toBe(409);
    expect(redeliver.body.detail).toMatch(/inactive/);
  });

  it('a burst of writes, each nudging the worker as the server does, is fanned out in one or two steps', async () => {
    const r = track(await startReceiver());
    await subscribe(t, r.url, ['appointment.created']);
    const worker = track(testWorker(t.repos.webhookDeliveries, { pollIntervalMs: 10_000, nudgeDelayMs: 500 }));
    worker.start();
    const c = await createClinic(t, { patients: 10, templates: [[2, '06:00', '20:00']] });
    // the start-up look at the outbox has passed: only nudges wake the worker now
    await until(async () => (await t.rows('SELECT id FROM outbox WHERE dispatched_at IS NULL')).length === 0, 3000, 'start-up fan-out');
    for (let i = 0; i < 10; i++) {
      const start = `2026-12-01T${String(8 + i).padStart(2, '0')}:00:00-03:00`;
      const res = await t.api('POST', '/appointments', c.booking(start, new Date(Date.parse(start) + 30 * 60_000).toISOString(), { patient_id: c.patients[i]!.id }));
      expect(res.status).toBe(201);
      worker.nudge();
    }
    await r.waitFor(10, 5000);
    const steps = (await t.row<{ n: number }>("SELECT count(DISTINCT dispatched_at) AS n FROM outbox WHERE event_type = 'appointment.created'"))!;
    // the first nudge may be answered at once; the rest of the burst waits for one more step
    expect(steps.n).toBeLessThanOrEqual(2);
  });

  it('a lone write after a quiet spell is fanned out at once, not after the nudge delay', async () => {
    const r = track(await startReceiver());
    await subscribe(t, r.url, ['appointment.created']);
    const worker = track(testWorker(t.repos.webhookDeliveries, { pollIntervalMs: 10_000, nudgeDelayMs: 3000 }));
    worker.start();
    const c = await createClinic(t);
    await until(async () => (await t.rows('SELECT id FROM outbox WHERE dispatched_at IS NULL')).length === 0, 3000, 'start-up fan-out');
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect((await t.api('POST', '/appointments', c.booking(...SP_9))).status).toBe(201);
    const nudged = performance.now();
    worker.nudge();
    await r.waitFor(1, 2000);
    expect(performance.now() - nudged).toBeLessThan(2000);
  });

  it('a hanging receiver does not delay a healthy one', async () => {
    // sixteen attempts in flight listen to the worker's stop signal: no false "memory leak" warning
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    cleanup.push(() => void process.off('warning', onWarning));
    const hanging = track(await startReceiver(() => 'hang'));
    const healthy = track(await startReceiver());
    await subscribe(t, hanging.url, ['*']);
    await subscribe(t, healthy.url, ['*']);
    const worker = track(testWorker(t.repos.webhookDeliveries, { timeoutMs: 2000, retrySchedule: [60], pollIntervalMs: 1000 }));
    worker.start();
    const c = await createClinic(t, { patients: 12, templates: [[2, '06:00', '20:00']] });
    const started = performance.now();
    const bookings = [];
    for (let i = 0; i < 12; i++) {
      const hour = String(8 + Math.floor(i / 2)).padStart(2, '0');
      const minute = i % 2 === 0 ? '00' : '30';
      const start = `2026-12-01T${hour}:${minute}:00-03:00`;
      const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
      bookings.push(t.api('POST', '/appointments', c.booking(start, end, { patient_id: c.patients[i]!.id })));
    }
    expect((await Promise.all(bookings)).map((r) => r.status)).toEqual(Array(12).fill(201));
    worker.nudge();
    await healthy.waitFor(12, 1500);
    const elapsed = performance.now() - started;
    // the hanging receiver holds its own lane (attempts in flight, none answered) and nothing else
    expect(elapsed).toBeLessThan(1500);
    expect(hanging.received.length).toBeLessThanOrEqual(8);
    // recorded as soon as answered, while the hanging lane's attempts are still in flight
    await until(async () => (await deliveryRows(t)).filter((d) => d.status === 'succeeded').length === 12, 1000, 'healthy deliveries recorded');
    const hangingRows = (await deliveryRows(t)).filter((d) => d.status !== 'succeeded');
    expect(hangingRows).toHaveLength(12);
    expect(hangingRows.every((d) => d.status === 'pending' && d.attempt_count === 0)).toBe(true);
    // its lane is full (8 attempts in flight), the rest wait their turn
    await until(() => hanging.received.length === 8, 1000, 'hanging lane full');
    expect(hangingRows.filter((d) => d.lease !== null)).toHaveLength(8);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('the address guard runs again at send time: a URL that now points at a private address is refused and recorded', async () => {
    const r = track(await startReceiver());
    // accepted while private URLs were allowed; the worker runs without that allowance
    const byName = await subscribe(t, `http://localhost:${r.port}/hooks`, ['appointment.created']);
    const byAddress = await subscribe(t, `http://127.0.0.1:${r.port}/hooks`, ['appointment.created']);
    const worker = track(testWorker(t.repos.webhookDeliveries, { allowPrivate: false, retrySchedule: [0] }));
    await createClinic(t).then((c) => t.api('POST', '/appointments', c.booking(...SP_9)));
    await worker.settle();
    expect(r.received).toEqual([]);
    const rows = await deliveryRows(t);
    const of = (s: { id: string }) => rows.find((d) => d.subscription_id === s.id)!;
    expect(of(byName)).toMatchObject({ status: 'dead', attempt_count: 2, last_status_code: null });
    expect(of(byName).last_error).toBe('refused: localhost resolves to a loopback address');
    expect(of(byAddress)).toMatchObject({ status: 'dead', attempt_count: 2 });
    expect(of(byAddress).last_error).toBe('refused: 127.0.0.1 is a loopback address');
  });

  it('stopping gives in-flight deliveries back: the next worker sends them, with the same webhook-id', async () => {
    const r = track(await startReceiver((_r, n) => (n === 1 ? 'hang' : { status: 200 })));
    const s = await subscribe(t, r.url, ['appointment.created']);
    const worker = testWorker(t.repos.webhookDeliveries);
    worker.start();
    await createClinic(t).then((c) => t.api('POST', '/appointments', c.booking(...SP_9)));
    worker.nudge();
    await r.waitFor(1);
    await worker.stop();
    expect((await deliveryRows(t))[0]).toMatchObject({ status: 'pending', attempt_count: 0, lease: null, locked_until: null });
    const next = track(testWorker(t.repos.webhookDeliveries));
    await next.settle();
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers['webhook-id']).toBe(r.received[0]!.headers['webhook-id']);
    expect(verify(s.secret, r.received[1]!)).toMatchObject({ type: 'appointment.created' });
    expect((await deliveryRows(t))[0]).toMatchObject({ status: 'succeeded', attempt_count: 1 });
  });

  it.skipIf(ON_D1)('two workers on two connections to one database file fan out and send each delivery once', async () => {
    const r = track(await startReceiver());
    const s = await subscribe(t, r.url, ['*']);
    const second: SqliteHandle = openSqlite(t.dbPath);
    cleanup.push(() => second.close());
    const a = track(testWorker(t.repos.webhookDeliveries, { perSubscription: 4 }));
    const b = track(testWorker(createRepositories(second.db).webhookDeliveries, { perSubscription: 4 }));
    const c = await createClinic(t, { patients: 20, templates: [[2, '06:00', '20:00']] });
    let events = 0;
    for (let i = 0; i < 20; i++) {
      const start = new Date(Date.parse('2026-12-01T11:00:00Z') + i * 30 * 60_000);
      const res = await t.api('POST', '/appointments', c.booking(start.toISOString(), new Date(start.getTime() + 1_800_000).toISOString(), { patient_id: c.patients[i]!.id }));
      expect(res.status).toBe(201);
      events++;
      if (i % 2 === 0) {
        await t.api('POST', `/appointments/${res.body.id}/confirm`);
        events++;
      }
    }
    await Promise.all([a.settle(), b.settle(), a.settle(), b.settle()]);
    const ids = r.received.map((x) => x.headers['webhook-id']);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    for (const x of r.received) verify(s.secret, x);
    expect(await deliveryRows(t)).toHaveLength(events);
    expect(await attemptRows(t)).toHaveLength(events);
    expect(await t.rows('SELECT id FROM outbox WHERE dispatched_at IS NULL')).toHaveLength(0);
  });
});
