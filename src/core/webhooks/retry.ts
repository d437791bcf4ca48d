/**
 * What follows an attempt: success, a retry at a later time, or the dead-letter queue. Pure: the time
 * and the randomness for jitter come in as arguments.
 *
 * The schedule lists the seconds to wait before each retry (default 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h): a delivery is tried once, then once more per entry, and goes to the dead-letter queue after
 * the last. Each wait is spread by ±20 % jitter so that a receiver coming back up is not hit by every
 * retry at once. A 429 with `Retry-After` waits what the receiver asked (up to a day) instead.
 * A 410 Gone ends the delivery at once and disables the subscription.
 */

export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [5, 300, 1800, 7200, 18000, 36000];
export const JITTER = 0.2;
export const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

/** What came back from one attempt. */
export interface AttemptResult {
  /** HTTP status; null when no response came */
  status: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
  /** the raw Retry-After header, if any */
  retryAfter: string | null;
}

export type AttemptDecision =
  | { status: 'succeeded' }
  | { status: 'pending'; nextAttemptAt: Date }
  | { status: 'dead'; disableSubscription: string | null };

export function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); null when unusable. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    seconds = Math.max(0, (at - now.getTime()) / 1000);
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/** `seconds` spread by ±JITTER; `random` in [0, 1). */
export function withJitter(seconds: number, random: number): number {
  return seconds * (1 + (random * 2 - 1) * JITTER);
}

/**
 * @param triesBefore attempts already made in this round (since the delivery was created or redelivered)
 */
export function decideAfterAttempt(
  result: AttemptResult,
  triesBefore: number,
  schedule: readonly number[],
  now: Date,
  random: number,
): AttemptDecision {
  if (isSuccess(result.status)) return { status: 'succeeded' };
  if (result.status === 410) {
    return { status: 'dead', disableSubscription: `The receiver answered 410 Gone on ${now.toISOString()}` };
  }
  if (triesBefore >= schedule.length) return { status: 'dead', disableSubscription: null };
  const asked = result.status === 429 ? retryAfterSeconds(result.retryAfter, now) : null;
  const wait = asked ?? withJitter(schedule[triesBefore]!, random);
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + Math.round(wait * 1000)) };
}
