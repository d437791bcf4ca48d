import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { startReceiver, testWorker, type Receiver } from '../../helpers/webhooks';
import { SP_9, deliveryRows, subscribe } from './setup';

let t: TestApp;
const cleanup: Array<() => Promise<void> | void> = [];
beforeEach(async () => {
  t = await createTestApp({ allowPrivateWebhookUrls: true });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  t.close();
});

async function receiver(reply?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(reply);
  cleanup.push(() => r.close());
  return r;
}

describe('webhooks: what never leaks', () => {
  it("another tenant's subscriptions, deliveries and dead letters are 404 and never listed", async () => {
    const r = await receiver(() => ({ status: 500 }));
    const s = await subscribe(t, r.url);
    const worker = testWorker(t.repos.webhookDeliveries, { retrySchedule: [] });
    cleanup.push(() => worker.stop());
    const test = await t.api('POST', `/webhooks/${s.id}/test`, undefined, { key: t.tenant.admin });
    await worker.settle();
    expect((await deliveryRows(t))[0]!.status).toBe('dead');

    const key = t.other.admin;
    for (const [method, path] of [
      ['GET', `/webhooks/${s.id}`],
      ['PUT', `/webhooks/${s.id}`],
      ['DELETE', `/webhooks/${s.id}`],
      ['POST', `/webhooks/${s.id}/test`],
      ['POST', `/webhooks/${s.id}/rotate-secret`],
      ['GET', `/webhooks/${s.id}/deliveries`],
      ['POST', `/webhooks/dead-letters/${test.body.id}/redeliver`],
    ] as const) {
      const res = await t.api(method, path, method === 'PUT' ? { is_active: false } : undefined, { key });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await t.api('GET', '/webhooks?include_inactive=true', undefined, { key })).body).toEqual({ data: [], next_cursor: null });
    expect((await t.api('GET', '/webhooks/dead-letters', undefined, { key })).body).toEqual({ data: [], next_cursor: null });
    expect((await t.api('GET', `/webhooks/dead-letters?subscription_id=${s.id}`, undefined, { key })).body.data).toEqual([]);
    // nothing changed for the owner
    const mine = await t.api('GET', `/webhooks/${s.id}`, undefined, { key: t.tenant.admin });
    expect(mine.body.is_active).toBe(true);
    expect(r.received).toHaveLength(1);
    expect((await t.api('GET', '/webhooks/dead-letters', undefined, { key: t.tenant.admin })).body.data).toHaveLength(1);
    // a cursor of one tenant's list is refused in the other's
    await subscribe(t, r.url);
    const cursor = (await t.api('GET', '/webhooks?limit=1', undefined, { key: t.tenant.admin })).body.next_cursor;
    expect((await t.api('GET', `/webhooks?limit=1&cursor=${encodeURIComponent(cursor)}`, undefined, { key })).status).toBe(422);
  });

  it("one tenant's events never reach another tenant's subscriptions", async () => {
    const mine = await receiver();
    const theirs = await receiver();
    await subscribe(t, mine.url, ['*']);
    await subscribe(t, theirs.url, ['*'], t.other.admin);
    const worker = testWorker(t.repos.webhookDeliveries);
    cleanup.push(() => worker.stop());
    const a = await createClinic(t);
    const b = await createClinic(t, { key: t.other.readWrite });
    const ours = (await t.api('POST', '/appointments', a.booking(...SP_9))).body;
    const other = (await t.api('POST', '/appointments', b.booking(...SP_9), { key: t.other.readWrite })).body;
    await t.api('POST', `/appointments/${other.id}/cancel`, {}, { key: t.other.readWrite });
    await worker.settle();
    expect(mine.received.map((r) => r.json.data.appointment.id)).toEqual([ours.id]);
    expect(theirs.received.map((r) => [r.json.type, r.json.data.appointment.id])).toEqual([
      ['appointment.created', other.id],
      ['appointment.cancelled', other.id],
    ]);
    const rows = await deliveryRows(t);
    for (const d of rows) {
      const sub = (await t.row<{ tenant_id: string }>('SELECT tenant_id FROM webhook_subscriptions WHERE id = ?', d.subscription_id))!;
      expect(sub.tenant_id).toBe(d.tenant_id);
    }
    // and the other tenant's delivery history is not ours to read
    const theirSub = (await t.api('GET', '/webhooks', undefined, { key: t.other.admin })).body.data[0];
    expect((await t.api('GET', `/webhooks/${theirSub.id}/deliveries`, undefined, { key: t.tenant.admin })).status).toBe(404);
  });

  it('every webhook operation needs the admin scope: read, write and read+write keys are 403, no key 401', async () => {
    const r = await receiver();
    const s = await subscribe(t, r.url);
    const ops: Array<[string, string, unknown]> = [
      ['POST', '/webhooks', { url: r.url, events: ['*'] }],
      ['GET', '/webhooks', undefined],
      ['GET', `/webhooks/${s.id}`, undefined],
      ['PUT', `/webhooks/${s.id}`, { is_active: false }],
      ['DELETE', `/webhooks/${s.id}`, undefined],
      ['POST', `/webhooks/${s.id}/test`, undefined],
      ['POST', `/webhooks/${s.id}/rotate-secret`, undefined],
      ['GET', `/webhooks/${s.id}/deliveries`, undefined],
      ['GET', '/webhooks/dead-letters', undefined],
      ['POST', `/webhooks/dead-letters/${s.id}/redeliver`, undefined],
    ];
    for (const [method, path, body] of ops) {
      for (const key of [t.tenant.read, t.tenant.write, t.tenant.readWrite]) {
        const res = await t.api(method, path, body, { key });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body).toEqual({ detail: "This API key lacks the 'admin' scope" });
      }
      expect((await t.api(method, path, body, { key: null })).status, `${method} ${path}`).toBe(401);
    }
    expect(await t.count('webhook_subscriptions')).toBe(1);
    expect((await t.api('GET', `/webhooks/${s.id}`, undefined, { key: t.tenant.admin })).body.is_active).toBe(true);
    expect(await deliveryRows(t)).toEqual([]);
  });

  it('secrets appear only in the answers of create and rotate-secret', async () => {
    const r = await receiver(() => ({ status: 500 }));
    const s = await subscribe(t, r.url);
    const rotated = (await t.api('POST', `/webhooks/${s.id}/rotate-secret`, undefined, { key: t.tenant.admin })).body;
    const worker = testWorker(t.repos.webhookDeliveries, { retrySchedule: [] });
    cleanup.push(() => worker.stop());
    await t.api('POST', `/webhooks/${s.id}/test`, undefined, { key: t.tenant.admin });
    await worker.settle();
    const key = t.tenant.admin;
    const bodies = [
      (await t.api('GET', `/webhooks/${s.id}`, undefined, { key })).body,
      (await t.api('PUT', `/webhooks/${s.id}`, { description: 'x' }, { key })).body,
      (await t.api('GET', '/webhooks?include_inactive=true', undefined, { key })).body,
      (await t.api('GET', `/webhooks/${s.id}/deliveries`, undefined, { key })).body,
      (await t.api('GET', '/webhooks/dead-letters', undefined, { key })).body,
      (await t.api('POST', `/webhooks/${s.id}/test`, undefined, { key })).body,
    ];
    for (const body of bodies) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(s.secret.slice(6));
      expect(text).not.toContain(rotated.secret.slice(6));
      expect(text).not.toMatch(/whsec_|previous_secret|tenant_id|lease/);
    }
  });

  it('error bodies carry no SQL or internal names', async () => {
    const key = t.tenant.admin;
    const bodies = [
      (await t.api('POST', '/webhooks', { url: 'http://user:pw@example.com/', events: ['*'] }, { key })).body,
      (await t.api('GET', '/webhooks/dead-letters?cursor=abc.def', undefined, { key })).body,
      (await t.api('POST', '/webhooks/dead-letters/0193a1f2-0000-7000-8000-000000000000/redeliver', undefined, { key })).body,
      (await t.api('GET', '/webhooks/0193a1f2-0000-7000-8000-000000000000/deliveries', undefined, { key })).body,
    ];
    for (const body of bodies) {
      expect(Object.keys(body)).toContain('detail');
      expect(JSON.stringify(body)).not.toMatch(/SELECT|INSERT|webhook_deliveries|webhook_subscriptions|sqlite|stack|pw@/i);
    }
  });

  it('the OpenAPI document describes every webhook operation', async () => {
    const doc: any = await (await t.app.request('/openapi.json')).json();
    const ops = [
      ['post', '/v1/scheduling/webhooks'],
      ['get', '/v1/scheduling/webhooks'],
      ['get', '/v1/scheduling/webhooks/{id}'],
      ['put', '/v1/scheduling/webhooks/{id}'],
      ['delete', '/v1/scheduling/webhooks/{id}'],
      ['post', '/v1/scheduling/webhooks/{id}/test'],
      ['get', '/v1/scheduling/webhooks/{id}/deliveries'],
      ['get', '/v1/scheduling/webhooks/dead-letters'],
      ['post', '/v1/scheduling/webhooks/dead-letters/{id}/redeliver'],
      ['post', '/v1/scheduling/webhooks/{id}/rotate-secret'],
    ] as const;
    for (const [method, path] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toEqual(expect.any(String));
      expect(op.description).toMatch(/admin/);
      for (const code of ['401', '403', '422']) expect(Object.keys(op.responses), `${method} ${path}`).toContain(code);
    }
    expect(doc.paths['/v1/scheduling/webhooks'].post.description).toMatch(/webhook-signature/);
    for (const name of ['WebhookSubscription', 'WebhookSubscriptionWithSecret', 'WebhookCreate', 'WebhookUpdate', 'WebhookDelivery']) {
      expect(doc.components.schemas[name]?.example, name).toBeDefined();
    }
  });
});
