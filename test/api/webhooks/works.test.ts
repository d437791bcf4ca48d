import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { startReceiver, testWorker, verify, type Receiver } from '../../helpers/webhooks';
import { SP_10, SP_11, SP_9, SP_DEC2_9, deliveryRows, subscribe, webhookFixture } from './setup';
import { MAX_SIGNING_SECRETS } from '../../../src/core/webhooks/service';

let t: TestApp;
const cleanup: Array<() => Promise<void>> = [];
beforeEach(async () => {
  t = await createTestApp({ allowPrivateWebhookUrls: true });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  t.close();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  cleanup.push(() => r.close());
  return r;
}

describe('webhooks: what works', () => {
  it('creates a subscription and shows its whsec_ secret once, never again', async () => {
    const r = await receiver();
    const res = await t.api('POST', '/webhooks', { url: r.url, events: ['appointment.*', 'waitlist.added'], description: 'Prontuário' }, { key: t.tenant.admin });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      url: r.url,
      events: ['appointment.*', 'waitlist.added'],
      description: 'Prontuário',
      is_active: true,
      disabled_reason: null,
      created_at: '2026-11-25T12:00:00.000Z',
    });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);

    const got = await t.api('GET', `/webhooks/${res.body.id}`, undefined, { key: t.tenant.admin });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ ...res.body, secret: undefined, events: ['appointment.*', 'waitlist.added'] });
    expect(JSON.stringify(got.body)).not.toContain(res.body.secret.slice(6));
    const listed = await t.api('GET', '/webhooks', undefined, { key: t.tenant.admin });
    expect(listed.body.data).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    // two subscriptions never share a secret
    const second = await t.api('POST', '/webhooks', { url: r.url, events: ['*'] }, { key: t.tenant.admin });
    expect(second.body.secret).not.toBe(res.body.secret);
  });

  it('delivers every appointment change exactly once, with a valid Standard Webhooks signature', async () => {
    const f = await webhookFixture(t);
    cleanup.push(f.close);
    const a = await f.book(SP_9);
    for (const action of ['confirm', 'check-in', 'start', 'complete']) await f.step(a.id, action);
    const b = await f.book(SP_10, { patient_id: f.clinic.patients[1]!.id });
    await f.step(b.id, 'confirm');
    await f.step(b.id, 'no-show', { notes: 'não veio' });
    const c = await f.book(SP_11, { patient_id: f.clinic.patients[2]!.id });
    await f.step(c.id, 'cancel', { reason: 'viagem' });
    const d = await f.book(SP_DEC2_9);
    const moved = await f.step(d.id, 'reschedule', { new_start_time: '2026-12-02T10:00:00-03:00', reason: 'agenda' });

    await f.worker.settle();
    const got = f.receiver.received;
    expect(got).toHaveLength(12);
    const byAppointment = (id: string) => got.filter((r) => r.json.data.appointment.id === id).map((r) => r.json.type);
    expect(byAppointment(a.id)).toEqual([
      'appointment.created',
      'appointment.confirmed',
      'appointment.checked_in',
      'appointment.started',
      'appointment.completed',
    ]);
    expect(byAppointment(b.id)).toEqual(['appointment.created', 'appointment.confirmed', 'appointment.no_show']);
    expect(byAppointment(c.id)).toEqual(['appointment.created', 'appointment.cancelled']);
    expect(byAppointment(d.id)).toEqual(['appointment.created']);
    expect(byAppointment(moved.id)).toEqual(['appointment.rescheduled']);
    const rescheduled = got.find((r) => r.json.type === 'appointment.rescheduled')!;
    expect(rescheduled.json.data.previous_appointment).toMatchObject({ id: d.id, status: 'cancelled', rescheduled_to_id: moved.id });

    const ids = new Set<string>();
    for (const r of got) {
      const parsed = verify(f.subscription.secret, r) as { type: string; timestamp: string; data: unknown };
      expect(Object.keys(parsed).sort()).toEqual(['data', 'timestamp', 'type']);
      expect(parsed.timestamp).toMatch(/^2026-11-25T12:00:00\.000Z$/);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      ids.add(r.headers['webhook-id']!);
    }
    expect(ids.size).toBe(12);
    // nothing more comes later, and every delivery is recorded as succeeded
    await f.worker.settle();
    expect(got).toHaveLength(12);
    expect((await deliveryRows(t)).map((d) => d.status)).toEqual(Array(12).fill('succeeded'));
    expect((await deliveryRows(t)).map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  it('sends only the events a subscription names, by exact type, family or *', async () => {
    const [exact, family, waitlist, all, inactive] = await Promise.all([receiver(), receiver(), receiver(), receiver(), receiver()]);
    await subscribe(t, exact.url, ['appointment.cancelled']);
    await subscribe(t, family.url, ['appointment.*']);
    await subscribe(t, waitlist.url, ['waitlist.*']);
    await subscribe(t, all.url, ['*']);
    const off = await subscribe(t, inactive.url, ['*']);
    expect((await t.api('DELETE', `/webhooks/${off.id}`, undefined, { key: t.tenant.admin })).status).toBe(204);
    const f = await webhookFixture(t, { events: ['appointment.created'] });
    cleanup.push(f.close);

    const a = await f.book(SP_9);
    const entry = await t.api('POST', '/waitlist', {
      patient_id: f.clinic.patients[1]!.id,
      appointment_type_id: f.clinic.type.id,
      provider_id: f.clinic.provider.id,
    });
    expect(entry.status).toBe(201);
    await f.step(a.id, 'cancel');
    await f.worker.settle();

    expect(f.receiver.types()).toEqual(['appointment.created']);
    expect(exact.types()).toEqual(['appointment.cancelled']);
    expect(family.types().sort()).toEqual(['appointment.cancelled', 'appointment.created']);
    expect(waitlist.types().sort()).toEqual(['waitlist.added', 'waitlist.slot_available']);
    expect(all.types().sort()).toEqual(['appointment.cancelled', 'appointment.created', 'waitlist.added', 'waitlist.slot_available']);
    expect(inactive.types()).toEqual([]);
  });

  it('a subscription receives the events that happen after it is created, not older ones', async () => {
    const f = await webhookFixture(t, { events: ['appointment.*'] });
    cleanup.push(f.close);
    await f.book(SP_9);
    t.clock.advance(1000);
    const late = await receiver();
    await subscribe(t, late.url, ['appointment.*']);
    const b = await f.book(SP_10, { patient_id: f.clinic.patients[1]!.id });
    await f.worker.settle();
    expect(f.receiver.types()).toEqual(['appointment.created', 'appointment.created']);
    expect(late.received.map((r) => r.json.data.appointment.id)).toEqual([b.id]);
  });

  it('an event of a tenant with no active subscription is stored already dispatched: the worker never looks at it', async () => {
    const clinic = await createClinic(t, { patients: 4 });
    const pending = async () => (await t.row<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE dispatched_at IS NULL'))!;
    const book = async (slot: readonly [string, string], patient: number) => {
      const res = await t.api('POST', '/appointments', clinic.booking(slot[0], slot[1], { patient_id: clinic.patients[patient]!.id }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return (await t.row<{ dispatched_at: string | null; created_at: string }>('SELECT dispatched_at, created_at FROM outbox WHERE aggregate_id = ?', res.body.id))!;
    };
    const none = await book(SP_9, 0);
    expect(none.dispatched_at).toBe(none.created_at);
    // another tenant's subscription is not this tenant's
    const r = await receiver();
    await subscribe(t, r.url, ['*'], t.other.admin);
    expect((await book(SP_10, 1)).dispatched_at).not.toBeNull();
    expect((await pending()).n).toBe(0);

    const s = await subscribe(t, r.url, ['appointment.created']);
    expect((await book(SP_11, 2)).dispatched_at).toBeNull();
    const worker = testWorker(t.repos.webhookDeliveries);
    cleanup.push(() => worker.stop());
    await worker.settle();
    expect(r.received.map((x) => x.json.type)).toEqual(['appointment.created']);
    expect((await pending()).n).toBe(0);

    expect((await t.api('DELETE', `/webhooks/${s.id}`, undefined, { key: t.tenant.admin })).status).toBe(204);
    expect((await book(SP_DEC2_9, 3)).dispatched_at).not.toBeNull();
    expect((await pending()).n).toBe(0);
  });

  it.skipIf(ON_D1)('a worker with nothing due only reads: it takes no write lock from the processes that book', async () => {
    const f = await webhookFixture(t);
    cleanup.push(f.close);
    await f.book(SP_9);
    await f.worker.settle();
    expect(f.receiver.types()).toEqual(['appointment.created']);
    // another process holds the write lock; a worker that tried to take it would wait, then fail
    t.sqlite.pragma('busy_timeout = 200');
    const other = new Database(t.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      await f.worker.runOnce();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('POST /webhooks/{id}/test sends a signed webhook.test to that subscription alone', async () => {
    const f = await webhookFixture(t, { events: ['appointment.created'] });
    cleanup.push(f.close);
    const other = await receiver();
    await subscribe(t, other.url, ['*']);
    const res = await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key: t.tenant.admin });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ subscription_id: f.subscription.id, event_type: 'webhook.test', status: 'pending', attempt_count: 0, attempts: [] });
    await f.worker.settle();
    expect(f.receiver.types()).toEqual(['webhook.test']);
    expect(other.received).toEqual([]);
    const [r] = f.receiver.received;
    expect(verify(f.subscription.secret, r!)).toMatchObject({ type: 'webhook.test', data: { subscription_id: f.subscription.id } });
    expect(r!.headers['webhook-id']).toBe(res.body.id);
    const after = await t.api('GET', `/webhooks/${f.subscription.id}/deliveries`, undefined, { key: t.tenant.admin });
    expect(after.body.data[0]).toMatchObject({ id: res.body.id, status: 'succeeded', attempt_count: 1, last_status_code: 204 });
  });

  it('keeps every attempt in the delivery history, newest delivery first, paginated and filtered', async () => {
    const f = await webhookFixture(t, { reply: (_r, n) => (n === 1 ? { status: 503, body: 'x'.repeat(5000) } : { status: 200, body: '{"ok":true}' }) });
    cleanup.push(f.close);
    const a = await f.book(SP_9);
    await f.step(a.id, 'confirm');
    await f.step(a.id, 'cancel');
    await f.worker.settle();
    const key = t.tenant.admin;
    const all = await t.api('GET', `/webhooks/${f.subscription.id}/deliveries`, undefined, { key });
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(3);
    const created = all.body.data.find((d: any) => d.event_type === 'appointment.created');
    expect(created).toMatchObject({ status: 'succeeded', attempt_count: 2, last_status_code: 200, last_error: null, next_attempt_at: null });
    expect(created.delivered_at).toEqual(expect.any(String));
    expect(created.attempts).toHaveLength(2);
    expect(created.attempts[0]).toMatchObject({ attempt: 1, status_code: 503, error: null });
    expect(created.attempts[0].response_excerpt).toHaveLength(1000);
    expect(created.attempts[1]).toMatchObject({ attempt: 2, status_code: 200, response_excerpt: '{"ok":true}' });
    for (const attempt of created.attempts) {
      expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Date.parse(attempt.attempted_at)).not.toBeNaN();
    }
    expect(created.payload).toMatchObject({ type: 'appointment.created', data: { appointment: { id: a.id } } });
    // newest first, and pages that add up
    const ids = all.body.data.map((d: any) => d.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const first = await t.api('GET', `/webhooks/${f.subscription.id}/deliveries?limit=2`, undefined, { key });
    expect(first.body.data).toHaveLength(2);
    const second = await t.api('GET', `/webhooks/${f.subscription.id}/deliveries?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`, undefined, { key });
    expect(second.body.next_cursor).toBeNull();
    expect([...first.body.data, ...second.body.data].map((d: any) => d.id)).toEqual(ids);
    const filtered = await t.api('GET', `/webhooks/${f.subscription.id}/deliveries?event_type=appointment.confirmed&status=succeeded,pending`, undefined, { key });
    expect(filtered.body.data.map((d: any) => d.event_type)).toEqual(['appointment.confirmed']);
    expect((await t.api('GET', `/webhooks/${f.subscription.id}/deliveries?status=dead`, undefined, { key })).body.data).toEqual([]);
  });

  it('PUT changes only the fields given; DELETE deactivates; is_active: true switches it back on', async () => {
    const r = await receiver();
    const s = await subscribe(t, r.url, ['appointment.created']);
    const key = t.tenant.admin;
    t.clock.advance(1000);
    const put = await t.api('PUT', `/webhooks/${s.id}`, { events: ['appointment.*', 'appointment.*'], id: 'ignored', secret: 'whsec_ignored' }, { key });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: s.id, url: r.url, events: ['appointment.*'], description: 'test receiver', updated_at: '2026-11-25T12:00:01.000Z' });
    expect(put.body.secret).toBeUndefined();
    expect((await t.api('PUT', `/webhooks/${s.id}`, { description: null }, { key })).body.description).toBeNull();

    expect((await t.api('DELETE', `/webhooks/${s.id}`, undefined, { key })).status).toBe(204);
    expect((await t.api('GET', `/webhooks/${s.id}`, undefined, { key })).body.is_active).toBe(false);
    expect((await t.api('GET', '/webhooks', undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', '/webhooks?include_inactive=true', undefined, { key })).body.data).toHaveLength(1);
    expect((await t.api('DELETE', `/webhooks/${s.id}`, undefined, { key })).status).toBe(204);

    const on = await t.api('PUT', `/webhooks/${s.id}`, { is_active: true }, { key });
    expect(on.body).toMatchObject({ is_active: true, disabled_reason: null });
    // the secret did not change with any of this
    const worker = testWorker(t.repos.webhookDeliveries);
    cleanup.push(() => worker.stop());
    await t.api('POST', `/webhooks/${s.id}/test`, undefined, { key });
    await worker.settle();
    expect(verify(s.secret, r.received[0]!)).toMatchObject({ type: 'webhook.test' });
  });

  it('lists subscriptions oldest first with cursors', async () => {
    const r = await receiver();
    const key = t.tenant.admin;
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await subscribe(t, `${r.url}/${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.api('GET', `/webhooks?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, { key });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((s: any) => s.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(made);
  });

  it('a subscription says until when its previous secret still signs: null before any rotation, 24 h after one', async () => {
    const key = t.tenant.admin;
    const created = await t.api('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'] }, { key });
    expect(created.status).toBe(201);
    expect(created.body.rotated_secret_expires_at).toBeNull();
    expect((await t.api('GET', `/webhooks/${created.body.id}`, undefined, { key })).body.rotated_secret_expires_at).toBeNull();
    const rotated = await t.api('POST', `/webhooks/${created.body.id}/rotate-secret`, undefined, { key });
    // the test clock stands at 2026-11-25T12:00:00Z
    expect(rotated.body.rotated_secret_expires_at).toBe('2026-11-26T12:00:00.000Z');
    expect((await t.api('GET', `/webhooks/${created.body.id}`, undefined, { key })).body.rotated_secret_expires_at).toBe('2026-11-26T12:00:00.000Z');
    expect((await t.api('GET', '/webhooks', undefined, { key })).body.data[0].rotated_secret_expires_at).toBe('2026-11-26T12:00:00.000Z');
  });

  describe('rotating again within the day', () => {
    async function rotations() {
      const f = await webhookFixture(t);
      cleanup.push(f.close);
      const key = t.tenant.admin;
      return {
        f,
        /** rotates as if `hoursAgo` hours before now (the worker signs by the system clock, the app runs on its own) */
        async rotate(hoursAgo: number) {
          t.clock.set(new Date(Date.now() - hoursAgo * 3_600_000).toISOString());
          return t.api('POST', `/webhooks/${f.subscription.id}/rotate-secret`, undefined, { key });
        },
        async sendTest() {
          t.clock.set(new Date().toISOString());
          expect((await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key })).status).toBe(202);
          await f.worker.settle();
          return f.receiver.received.at(-1)!;
        },
      };
    }

    it('keeps every replaced secret signing until its own deadline, so a receiver that has not switched yet loses nothing', async () => {
      const { f, rotate, sendTest } = await rotations();
      const first = f.subscription.secret;
      const second = (await rotate(20)).body; // `first` signs until 4 h from now
      const third = await rotate(1); // `second` signs until 23 h from now
      expect(third.status).toBe(200);
      expect(third.body.rotated_secret_expires_at).toBe(new Date(t.clock.now().getTime() + 24 * 3_600_000).toISOString());
      const r = await sendTest();
      expect(r.headers['webhook-signature']!.split(' ')).toHaveLength(3);
      // not switched yet, switched once, switched twice: all verify
      for (const secret of [first, second.secret, third.body.secret]) expect(verify(secret, r)).toMatchObject({ type: 'webhook.test' });
    });

    it('a later rotation does not extend a replaced secret past its own 24 hours', async () => {
      const { f, rotate, sendTest } = await rotations();
      const first = f.subscription.secret;
      const second = (await rotate(25)).body; // `first` signed until 1 h ago
      const third = (await rotate(2)).body; // while `first` still signed
      const r = await sendTest();
      expect(r.headers['webhook-signature']!.split(' ')).toHaveLength(2);
      expect(verify(second.secret, r)).toMatchObject({ type: 'webhook.test' });
      expect(verify(third.secret, r)).toMatchObject({ type: 'webhook.test' });
      expect(() => verify(first, r)).toThrow(/signature/i);
    });

    it(`refuses a rotation that would make more than ${MAX_SIGNING_SECRETS} secrets sign at once (409), and allows it once one has stopped`, async () => {
      const { rotate, sendTest } = await rotations();
      for (let i = 1; i < MAX_SIGNING_SECRETS; i++) expect((await rotate(10)).status).toBe(200);
      const refused = await rotate(10);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/rotate/i);
      expect((await sendTest()).headers['webhook-signature']!.split(' ')).toHaveLength(MAX_SIGNING_SECRETS);
      // 15 h later, the day of those rotations is over
      t.clock.set(new Date(Date.now() + 15 * 3_600_000).toISOString());
      const res = await t.api('POST', `/webhooks/${(await t.api('GET', '/webhooks', undefined, { key: t.tenant.admin })).body.data[0].id}/rotate-secret`, undefined, { key: t.tenant.admin });
      expect(res.status).toBe(200);
    });
  });

  describe('rotating with revoke_previous: true (a leaked secret)', () => {
    /** a receiver, a subscription to it and a worker; the app's clock set to the system's, by which the worker signs */
    async function fixture() {
      const f = await webhookFixture(t);
      cleanup.push(f.close);
      t.clock.set(new Date().toISOString());
      return f;
    }
    const rotate = (id: string, body?: unknown) => t.api('POST', `/webhooks/${id}/rotate-secret`, body, { key: t.tenant.admin });
    async function sendTest(f: Awaited<ReturnType<typeof fixture>>) {
      expect((await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key: t.tenant.admin })).status).toBe(202);
      await f.worker.settle();
      return f.receiver.received.at(-1)!;
    }

    it('the next delivery carries one signature, by the new secret: neither the leaked secret nor any replaced one verifies', async () => {
      const f = await fixture();
      const leaked = f.subscription.secret;
      const earlier = (await rotate(f.subscription.id)).body; // `leaked` would sign for another day
      const revoked = await rotate(f.subscription.id, { revoke_previous: true });
      expect(revoked.status).toBe(200);
      expect(revoked.body.secret).toMatch(/^whsec_/);
      expect([leaked, earlier.secret]).not.toContain(revoked.body.secret);
      // the replaced secrets stopped signing at the rotation itself
      expect(revoked.body.rotated_secret_expires_at).toBe(t.clock.now().toISOString());
      expect((await t.api('GET', `/webhooks/${f.subscription.id}`, undefined, { key: t.tenant.admin })).body.rotated_secret_expires_at).toBe(
        t.clock.now().toISOString(),
      );
      const r = await sendTest(f);
      expect(r.headers['webhook-signature']!.split(' ')).toHaveLength(1);
      expect(verify(revoked.body.secret, r)).toMatchObject({ type: 'webhook.test' });
      expect(() => verify(leaked, r)).toThrow(/signature/i);
      expect(() => verify(earlier.secret, r)).toThrow(/signature/i);
    });

    it(`is never refused for too many signing secrets: with ${MAX_SIGNING_SECRETS} signing, it leaves one`, async () => {
      const f = await fixture();
      for (let i = 1; i < MAX_SIGNING_SECRETS; i++) expect((await rotate(f.subscription.id)).status).toBe(200);
      expect((await rotate(f.subscription.id)).status).toBe(409);
      const revoked = await rotate(f.subscription.id, { revoke_previous: true });
      expect(revoked.status).toBe(200);
      const r = await sendTest(f);
      expect(r.headers['webhook-signature']!.split(' ')).toHaveLength(1);
      expect(verify(revoked.body.secret, r)).toMatchObject({ type: 'webhook.test' });
      // and a plain rotation afterwards gives the usual day of grace again, to the revoking rotation's secret only
      const next = await rotate(f.subscription.id);
      expect(next.status).toBe(200);
      const after = await sendTest(f);
      expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(2);
      expect(verify(revoked.body.secret, after)).toMatchObject({ type: 'webhook.test' });
      expect(verify(next.body.secret, after)).toMatchObject({ type: 'webhook.test' });
    });

    it('revoke_previous: false, an empty JSON object and no body at all rotate as before: the replaced secret signs for a day', async () => {
      const f = await fixture();
      const dayLater = new Date(t.clock.now().getTime() + 24 * 3_600_000).toISOString();
      const secrets = [f.subscription.secret];
      for (const body of [{ revoke_previous: false }, {}, undefined]) {
        const res = await rotate(f.subscription.id, body);
        expect(res.status, JSON.stringify(body)).toBe(200);
        expect(res.body.rotated_secret_expires_at).toBe(dayLater);
        secrets.push(res.body.secret);
      }
      const r = await sendTest(f);
      expect(r.headers['webhook-signature']!.split(' ')).toHaveLength(4);
      for (const secret of secrets) expect(verify(secret, r)).toMatchObject({ type: 'webhook.test' });
    });
  });

  it('rotate-secret answers a new secret once; for a day both secrets sign, so receivers can switch over', async () => {
    const f = await webhookFixture(t);
    cleanup.push(f.close);
    const key = t.tenant.admin;
    // the worker signs by the system clock: rotate at the same instant, not at the app's fixed test date
    t.clock.set(new Date().toISOString());
    const rotated = await t.api('POST', `/webhooks/${f.subscription.id}/rotate-secret`, undefined, { key });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: f.subscription.id, is_active: true });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(f.subscription.secret);
    expect((await t.api('GET', `/webhooks/${f.subscription.id}`, undefined, { key })).body.secret).toBeUndefined();
    await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key });
    await f.worker.settle();
    const [r] = f.receiver.received;
    expect(r!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verify(rotated.body.secret, r!)).toMatchObject({ type: 'webhook.test' });
    expect(verify(f.subscription.secret, r!)).toMatchObject({ type: 'webhook.test' });
    // once the day is over, only the new secret signs
    await t.execute("UPDATE webhook_subscriptions SET previous_secrets = json_set(previous_secrets, '$[0].until', '2000-01-01T00:00:00.000Z')");
    await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key });
    await f.worker.settle();
    const last = f.receiver.received[1]!;
    expect(last.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verify(rotated.body.secret, last)).toMatchObject({ type: 'webhook.test' });
    expect(() => verify(f.subscription.secret, last)).toThrow(/signature/i);
  });
});
