/**
 * The delivery worker: outbox → deliveries → signed HTTP attempts, with retries and a dead-letter
 * queue. Storage and HTTP come in as ports; time, randomness and waiting are injected.
 *
 * - Fan-out turns undispatched outbox events into deliveries and marks them dispatched in one step
 *   (src/db: a second process doing the same writes nothing).
 * - Each subscription has its own lane of at most `perSubscription` leased deliveries, so a slow or
 *   dead receiver holds only its own lane; the others' deliveries are claimed and sent meanwhile.
 * - A claim is one conditional UPDATE taking a lease until `now + leaseMs` on rows that are due and
 *   unleased; only rows whose lease this worker took are sent. A worker that dies mid-attempt leaves a
 *   lease that lapses, and the delivery is sent again (at least once: receivers deduplicate by
 *   `webhook-id`).
 * - Each attempt is signed at send time. Its outcome (./retry.ts) is written with the outcomes of the
 *   other attempts that ended meanwhile, in one step at the start of the next pump.
 */
import { setMaxListeners } from 'node:events';
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
  /** attempts in flight per subscription, across every process sharing the database (default 8) */
  perSubscription?: number;
  /** attempts in flight in all (default 128) */
  maxInFlight?: number;
  /** how often the background loop looks for work it was not told about (default 250 ms) */
  pollIntervalMs?: number;
  /**
   * the least time between two looks that a nudge causes (default 10 ms): a nudge after a quiet spell
   * is answered at once, while the writes of a burst are fanned out together, in one step every
   * `nudgeDelayMs`, instead of one step per few writes
   */
  nudgeDelayMs?: number;
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

const WOKEN = 'woken';

export function createWebhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const { store, sender, clock, ids } = deps;
  const schedule = deps.retrySchedule ?? DEFAULT_RETRY_SCHEDULE;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const leaseMs = deps.leaseMs ?? Math.max(2 * timeoutMs, timeoutMs + 1000);
  const perSubscription = deps.perSubscription ?? 8;
  const maxInFlight = deps.maxInFlight ?? 128;
  const pollIntervalMs = deps.pollIntervalMs ?? 250;
  const nudgeDelayMs = deps.nudgeDelayMs ?? 10;
  const fanOutBatch = deps.fanOutBatch ?? 500;
  const onError = deps.onError ?? (() => {});
  const baseHeaders = { 'content-type': 'application/json', 'user-agent': deps.userAgent ?? 'agendador-webhooks' };

  const running = new Set<Promise<void>>();
  let total = 0;
  /**
   * Aborted by stop(). Every attempt in flight listens to it (up to `maxInFlight` at once), which is
   * no leak: without a higher limit Node would warn of one past ten.
   */
  const newStopping = () => {
    const controller = new AbortController();
    setMaxListeners(maxInFlight + 16, controller.signal);
    return controller;
  };
  let stopping = newStopping();
  let loop: Promise<void> | null = null;
  let stopped = true;
  let woken = false;
  let nudged = false;
  /** when the last pump started (performance.now()) */
  let lastPump = -Infinity;
  let wakeUp = new AbortController();
  // the outbox is read when there may be something new in it: at start, when nudged, at each poll,
  // and after a full batch; not after every attempt that ends
  let fanOutDue = true;

  function wake(): void {
    woken = true;
    // a reason of our own: without one, abort() builds a DOMException, on every write
    wakeUp.abort(WOKEN);
  }

  function nudge(): void {
    fanOutDue = true;
    nudged = true;
    wake();
  }

  async function fanOut(): Promise<void> {
    if (!fanOutDue) return;
    fanOutDue = false;
    try {
      for (;;) {
        const events = await store.pendingEvents(fanOutBatch);
        if (events.length === 0) return;
        const targets = await store.subscriptionTargets([...new Set(events.map((e) => e.tenant_id))]);
        const at = clock.now().toISOString();
        const deliveries = planFanOut(events, targets, () => ids.uuid(), at);
        await store.fanOut(deliveries, events.map((e) => e.id), at);
        if (events.length < fanOutBatch) return;
      }
    } catch (err) {
      fanOutDue = true;
      throw err;
    }
  }

  async function claim(): Promise<ClaimedDelivery[]> {
    const free = maxInFlight - total;
    if (free <= 0) return [];
    const now = clock.now();
    return store.claim(now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), ids.uuid(), perSubscription, free);
  }

  // Outcomes wait here for the next pump, which writes them all in one step (one commit for many
  // attempts). Their leases stay held meanwhile, so no one sends them again; a crash before the write
  // only means they are sent again once the leases lapse.
  let outcomes: DeliveryOutcome[] = [];

  async function flush(): Promise<void> {
    if (outcomes.length === 0) return;
    const batch = outcomes;
    outcomes = [];
    try {
      await store.record(batch);
    } catch (err) {
      // kept for the next try (their leases are still held)
      outcomes = batch.concat(outcomes);
      throw err;
    }
  }

  async function handle(d: ClaimedDelivery, stop: AbortSignal): Promise<void> {
    const base = { tenantId: d.tenant_id, deliveryId: d.id, subscriptionId: d.subscription_id, lease: d.lease };
    if (!d.subscription.is_active) {
      outcomes.push({
        ...base,
        attempt: null,
        decision: { status: 'dead', disableSubscription: null },
        note: 'The subscription was deactivated before this delivery was sent',
        at: clock.now().toISOString(),
      });
      return;
    }
    const started = clock.now();
    // the current secret, then every replaced one still within its own grace period, newest first
    const startedAt = started.toISOString();
    const previous = d.subscription.previous_secrets.filter((p) => p.until > startedAt).sort((a, b) => b.until.localeCompare(a.until));
    const secrets = [d.subscription.secret, ...previous.map((p) => p.secret)];
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
    outcomes.push({
      ...base,
      attempt: { ...result, attempted_at: started.toISOString() },
      decision: decideAfterAttempt(result, d.tries, schedule, ended, deps.random()),
      note: null,
      at: ended.toISOString(),
    });
  }

  function launch(d: ClaimedDelivery): void {
    total++;
    const task: Promise<void> = handle(d, stopping.signal)
      .catch((err) => onError(err, 'attempt'))
      .finally(() => {
        total--;
        running.delete(task);
        wake();
      });
    running.add(task);
  }

  /** record what ended, fan out, then claim and launch what fits; the number launched */
  async function doPump(): Promise<number> {
    lastPump = performance.now();
    await flush();
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
      if (!woken) {
        await deps.sleep(pollIntervalMs, wakeUp.signal);
        if (!woken) fanOutDue = true;
      }
      // let other attempts that are ending now end too, so that one step records them all; after a
      // nudge soon after the last look, let the rest of the burst of writes come too, so that one
      // step fans them all out
      if (woken && !stopped) await deps.sleep(nudged ? Math.max(0, lastPump + nudgeDelayMs - performance.now()) : 0, stopping.signal);
      woken = false;
      nudged = false;
      if (wakeUp.signal.aborted) wakeUp = new AbortController();
    }
  }

  async function runOnce(): Promise<void> {
    fanOutDue = true;
    for (;;) {
      const launched = await pump();
      if (launched === 0 && running.size === 0 && outcomes.length === 0) return;
      // as soon as one attempt ends, its lane has room again
      if (running.size > 0) await Promise.race(running);
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = newStopping();
      loop = runLoop();
    },

    async stop() {
      stopped = true;
      stopping.abort();
      wake();
      await loop;
      loop = null;
      await Promise.all([...running]);
      await Promise.allSettled([current, queued]);
      await flush();
    },

    nudge,

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
