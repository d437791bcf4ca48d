/**
 * The delivery worker: outbox → deliveries → signed HTTP attempts, with retries and a dead-letter
 * queue. Storage and HTTP come in as ports; time, randomness and waiting are injected.
 *
 * - Fan-out turns undispatched outbox events into deliveries and marks them dispatched in one step
 *   (src/db: a second process doing the same writes nothing).
 * - Each subscription has its own lane of at most `perSubscription` attempts in flight, so a slow or
 *   dead receiver holds only its own lane: the claim skips subscriptions whose lane is full.
 * - A claim is a conditional UPDATE taking a lease until `now + leaseMs`; only rows whose lease this
 *   worker took are sent. A worker that dies mid-attempt leaves a lease that expires, and the delivery
 *   is sent again (at least once: receivers deduplicate by `webhook-id`).
 * - Each attempt is signed at send time and recorded with its result and the next step (./retry.ts).
 */
import type { Clock, IdGenerator } from '../clock';
import type { ClaimedDelivery, DeliveryOutcome, WebhookDeliveryRepo } from '../ports';
import { planFanOut } from './fan-out';
import { signedHeaders } from './message';
import { DEFAULT_RETRY_SCHEDULE, decideAfterAttempt, type AttemptResult } from './retry';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** aborted when the worker stops */
  signal: AbortSignal;
}

/** Sends one attempt. Never throws: failures come back as `error` (and `status: null`). */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<AttemptResult>;
}

export interface WebhookWorkerDeps {
  store: WebhookDeliveryRepo;
  sender: WebhookSender;
  clock: Clock;
  ids: IdGenerator;
  /** in [0, 1), for retry jitter */
  random: () => number;
  /** resolves after `ms`, or early when `signal` aborts */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** seconds before each retry */
  retrySchedule?: readonly number[];
  /** per attempt (default 10 s) */
  timeoutMs?: number;
  /** how long a claim holds a delivery (default twice the timeout) */
  leaseMs?: number;
  /** attempts in flight per subscription (default 8) */
  perSubscription?: number;
  /** attempts in flight in all (default 128) */
  maxInFlight?: number;
  /** how often the background loop looks for work it was not told about (default 250 ms) */
  pollIntervalMs?: number;
  /** outbox events per fan-out step (default 500) */
  fanOutBatch?: number;
  /** sent with every attempt */
  userAgent?: string;
  onError?: (error: unknown, where: string) => void;
}

export interface WebhookWorker {
  /** runs the background loop until stop() */
  start(): void;
  /** ends the loop; attempts in flight are abandoned and their leases given back */
  stop(): Promise<void>;
  /** there may be new work: look now instead of at the next poll */
  nudge(): void;
  /** fans out, then sends everything due, until nothing due is left; resolves when those attempts are recorded */
  runOnce(): Promise<void>;
  /** runOnce, waiting for retries that come due, until no delivery is pending; throws after `timeoutMs` */
  settle(timeoutMs?: number): Promise<void>;
  /** attempts in flight now */
  inFlight(): number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function createWebhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const { store, sender, clock, ids } = deps;
  const schedule = deps.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const leaseMs = deps.leaseMs ?? Math.max(2 * timeoutMs, timeoutMs + 1000);
  const perSubscription = deps.perSubscription ?? 8;
  const maxInFlight = deps.maxInFlight ?? 128;
  const pollIntervalMs = deps.pollIntervalMs ?? 250;
  const fanOutBatch = deps.fanOutBatch ?? 500;
  const onError = deps.onError ?? (() => {});
  const baseHeaders = { 'content-type': 'application/json', 'user-agent': deps.userAgent ?? 'agendador-webhooks' };

  const lanes = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let total = 0;
  let stopping = new AbortController();
  let loop: Promise<void> | null = null;
  let stopped = true;
  let woken = false;
  let wakeUp = new AbortController();

  function wake(): void {
    woken = true;
    wakeUp.abort();
  }

  async function fanOut(): Promise<void> {
    for (;;) {
      const events = await store.pendingEvents(fanOutBatch);
      if (events.length === 0) return;
      const targets = await store.subscriptionTargets([...new Set(events.map((e) => e.tenant_id))]);
      const at = clock.now().toISOString();
      const deliveries = planFanOut(events, targets, () => ids.uuid(), at);
      await store.fanOut(deliveries, events.map((e) => e.id), at);
      if (events.length < fanOutBatch) return;
    }
  }

  async function claim(): Promise<ClaimedDelivery[]> {
    const free = maxInFlight - total;
    if (free <= 0) return [];
    const now = clock.now();
    const full = [...lanes].filter(([, n]) => n >= perSubscription).map(([id]) => id);
    const candidates = await store.dueCandidates(now.toISOString(), perSubscription, full, free);
    const room = new Map<string, number>();
    const wanted: string[] = [];
    for (const c of candidates) {
      const left = room.get(c.subscription_id) ?? perSubscription - (lanes.get(c.subscription_id) ?? 0);
      if (left <= 0 || wanted.length >= free) continue;
      room.set(c.subscription_id, left - 1);
      wanted.push(c.id);
    }
    if (wanted.length === 0) return [];
    return store.claim(wanted, ids.uuid(), now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
  }

  async function handle(d: ClaimedDelivery, stop: AbortSignal): Promise<void> {
    const base = { tenantId: d.tenant_id, deliveryId: d.id, subscriptionId: d.subscription_id, lease: d.lease };
    if (!d.subscription.is_active) {
      const at = clock.now().toISOString();
      await store.record({
        ...base,
        attempt: null,
        decision: { status: 'dead', disableSubscription: null },
        note: 'The subscription was deactivated before this delivery was sent',
        at,
      });
      return;
    }
    const started = clock.now();
    const secrets = [d.subscription.secret];
    const { previous_secret: previous, previous_secret_until: until } = d.subscription;
    if (previous && until && until > started.toISOString()) secrets.push(previous);
    const headers = { ...baseHeaders, ...signedHeaders(d.id, d.body, started, secrets) };
    let result: AttemptResult;
    try {
      result = await sender.send({ url: d.subscription.url, headers, body: d.body, timeoutMs, signal: stop });
    } catch (err) {
      result = { status: null, durationMs: clock.now().getTime() - started.getTime(), error: `send failed: ${String(err)}`, excerpt: null, retryAfter: null };
    }
    if (stop.aborted) {
      // shutting down: whatever reached the receiver will be sent again by the next worker
      await store.release(d.id, d.lease);
      return;
    }
    const ended = clock.now();
    const outcome: DeliveryOutcome = {
      ...base,
      attempt: { ...result, attempted_at: started.toISOString() },
      decision: decideAfterAttempt(result, d.tries, schedule, ended, deps.random()),
      note: null,
      at: ended.toISOString(),
    };
    await store.record(outcome);
  }

  function launch(d: ClaimedDelivery): void {
    lanes.set(d.subscription_id, (lanes.get(d.subscription_id) ?? 0) + 1);
    total++;
    const task: Promise<void> = handle(d, stopping.signal)
      .catch((err) => onError(err, 'attempt'))
      .finally(() => {
        const left = (lanes.get(d.subscription_id) ?? 1) - 1;
        if (left <= 0) lanes.delete(d.subscription_id);
        else lanes.set(d.subscription_id, left);
        total--;
        running.delete(task);
        wake();
      });
    running.add(task);
  }

  /** fan out, then claim and launch what fits; the number launched */
  async function doPump(): Promise<number> {
    await fanOut();
    const claimed = await claim();
    for (const d of claimed) launch(d);
    return claimed.length;
  }

  // one pump at a time; calls during a pump share the one queued after it
  let current: Promise<number> | null = null;
  let queued: Promise<number> | null = null;
  function pump(): Promise<number> {
    const start = (): Promise<number> => {
      const p = doPump().finally(() => {
        if (current === p) current = null;
      });
      current = p;
      return p;
    };
    if (!current) return start();
    queued ??= current.then(
      () => ((queued = null), start()),
      () => ((queued = null), start()),
    );
    return queued;
  }

  async function runLoop(): Promise<void> {
    while (!stopped) {
      try {
        await pump();
      } catch (err) {
        onError(err, 'pump');
      }
      if (stopped) break;
      if (!woken) await deps.sleep(pollIntervalMs, wakeUp.signal);
      woken = false;
      if (wakeUp.signal.aborted) wakeUp = new AbortController();
    }
  }

  async function runOnce(): Promise<void> {
    for (;;) {
      const launched = await pump();
      if (launched === 0 && running.size === 0) return;
      await Promise.all([...running]);
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = new AbortController();
      loop = runLoop();
    },

    async stop() {
      stopped = true;
      stopping.abort();
      wake();
      await loop;
      loop = null;
      await Promise.all([...running]);
    },

    nudge: wake,

    runOnce,

    async settle(limitMs = 10_000) {
      const deadline = clock.now().getTime() + limitMs;
      for (;;) {
        await runOnce();
        const { undispatched, nextAttemptAt } = await store.nextDue();
        if (!undispatched && nextAttemptAt === null && running.size === 0) return;
        const now = clock.now().getTime();
        if (now > deadline) throw new Error(`webhook deliveries still pending after ${limitMs} ms`);
        const wait = nextAttemptAt === null ? 0 : Date.parse(nextAttemptAt) - now;
        await deps.sleep(Math.min(Math.max(wait, 1), 100));
      }
    },

    inFlight: () => total,
  };
}
