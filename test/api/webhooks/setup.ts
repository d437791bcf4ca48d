/** A clinic with a webhook subscription pointing at a real receiver on 127.0.0.1, and a worker. */
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { startReceiver, testWorker, type Receiver, type Reply, type Received } from '../../helpers/webhooks';
import type { NodeWorkerOptions } from '../../../src/webhooks/node-worker';

export const SP_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
export const SP_10 = ['2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'] as const;
export const SP_11 = ['2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00'] as const;
export const SP_DEC2_9 = ['2026-12-02T09:00:00-03:00', '2026-12-02T09:30:00-03:00'] as const;

export interface Subscription {
  id: string;
  secret: string;
  url: string;
  events: string[];
  is_active: boolean;
}

/** Creates a subscription with the admin key of `key`'s tenant (default: the first tenant). */
export async function subscribe(t: TestApp, url: string, events: string[] = ['*'], key = t.tenant.admin): Promise<Subscription> {
  const res = await t.api('POST', '/webhooks', { url, events, description: 'test receiver' }, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A receiver, a subscription to it, a worker, and a clinic to book in. */
export async function webhookFixture(
  t: TestApp,
  options: { events?: string[]; reply?: (r: Received, n: number) => Reply; worker?: Partial<NodeWorkerOptions> } = {},
) {
  const receiver: Receiver = await startReceiver(options.reply);
  const subscription = await subscribe(t, receiver.url, options.events);
  const worker = testWorker(t.repos.webhookDeliveries, options.worker);
  const clinic = await createClinic(t, { patients: 3 });
  const book = async (slot: readonly [string, string], extra: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/appointments', clinic.booking(slot[0], slot[1], extra));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string };
  };
  const step = async (id: string, action: string, body?: unknown) => {
    const res = await t.api('POST', `/appointments/${id}/${action}`, body);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  return {
    receiver,
    subscription,
    worker,
    clinic,
    book,
    step,
    async close() {
      await worker.stop();
      await receiver.close();
    },
  };
}

export function deliveryRows(t: TestApp) {
  return t.rows('SELECT * FROM webhook_deliveries ORDER BY rowid');
}

export async function attemptRows(t: TestApp, deliveryId?: string) {
  const rows = await t.rows('SELECT * FROM webhook_attempts ORDER BY delivery_id, attempt');
  return deliveryId ? rows.filter((r) => r.delivery_id === deliveryId) : rows;
}
