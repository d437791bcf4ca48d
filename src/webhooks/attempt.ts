/** What every runtime's webhook sender does alike: the target checks before connecting, the answer kept. */
import type { AttemptResult } from '../core/webhooks/retry';
import type { WebhookRequest } from '../core/webhooks/worker';
import { describeRange, forbiddenRange, isIpLiteral, urlHost } from '../core/webhooks/address';

/** Bytes of the response body read (then cut to EXCERPT_CHARS characters). */
export const EXCERPT_BYTES = 4096;
export const EXCERPT_CHARS = 1000;

/** An attempt that got no answer, `started` at that performance.now(). */
export function failedAttempt(started: number, error: string): AttemptResult {
  return { status: null, durationMs: Math.round(performance.now() - started), error, excerpt: null, retryAfter: null };
}

/**
 * The URL an attempt may connect to, or why not: an http(s) URL, and unless private addresses are
 * allowed, no IP literal in a private range (host names are checked where the runtime resolves them).
 */
export function attemptTarget(text: string, allowPrivate: boolean): { url: URL; host: string } | { refused: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { refused: 'invalid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: `refused: scheme ${url.protocol}` };
  const host = urlHost(url);
  if (!allowPrivate && isIpLiteral(host)) {
    const range = forbiddenRange(host);
    if (range !== null) return { refused: `refused: ${host} is ${describeRange(range)}` };
  }
  return { url, host };
}

/**
 * An attempt's own abort signal: it fires at the attempt's time limit, or when the worker stops. One
 * timer per attempt, cleared by `end()` (AbortSignal.timeout would fire later for every request).
 */
export function attemptDeadline(request: WebhookRequest): { signal: AbortSignal; timedOut(): boolean; end(): void } {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const stop = () => controller.abort();
  request.signal.addEventListener('abort', stop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    end() {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', stop);
    },
  };
}
