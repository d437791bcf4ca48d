/** The webhook worker as the Node entry runs it: the HTTP sender, the system clock, real timers. */
import type { Clock, IdGenerator } from '../core/clock';
import type { WebhookDeliveryRepo } from '../core/ports';
import { createWebhookWorker, type WebhookWorker, type WebhookWorkerDeps } from '../core/webhooks/worker';
import { createHttpSender } from './http-sender';

/**
 * Resolves after `ms`, or early when `signal` aborts; never keeps the process alive by itself. Built on
 * a plain timer rather than timers/promises, whose abort rejects with a new AbortError (a DOMException
 * with a stack): the worker is woken after every write, so that cost was paid per request.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface NodeWorkerOptions
  extends Pick<WebhookWorkerDeps, 'retrySchedule' | 'timeoutMs' | 'pollIntervalMs' | 'nudgeDelayMs' | 'perSubscription' | 'maxInFlight' | 'onError' | 'userAgent'> {
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
