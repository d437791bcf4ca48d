/** The webhook worker as the Node entry runs it: the HTTP sender, the system clock, real timers. */
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, IdGenerator } from '../core/clock';
import type { WebhookDeliveryRepo } from '../core/ports';
import { createWebhookWorker, type WebhookWorker, type WebhookWorkerDeps } from '../core/webhooks/worker';
import { createHttpSender } from './http-sender';

/** Resolves after `ms`, or early when `signal` aborts; never keeps the process alive by itself. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
  try {
    await delay(ms, undefined, { signal, ref: false });
  } catch {
    /* woken early */
  }
}

export interface NodeWorkerOptions
  extends Pick<WebhookWorkerDeps, 'retrySchedule' | 'timeoutMs' | 'pollIntervalMs' | 'perSubscription' | 'maxInFlight' | 'onError' | 'userAgent'> {
  allowPrivate: boolean;
}

export function createNodeWebhookWorker(
  store: WebhookDeliveryRepo,
  clock: Clock,
  ids: IdGenerator,
  options: NodeWorkerOptions,
): WebhookWorker {
  const { allowPrivate, ...rest } = options;
  const sender = createHttpSender({ allowPrivate });
  const worker = createWebhookWorker({ store, sender, clock, ids, random: Math.random, sleep, ...rest });
  return {
    ...worker,
    async stop() {
      await worker.stop();
      sender.close();
    },
  };
}
