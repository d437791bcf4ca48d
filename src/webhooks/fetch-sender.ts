/**
 * The webhook sender on Cloudflare Workers: one POST per attempt with the runtime's fetch. Redirects are
 * not followed, the whole exchange has a time limit, and only the first bytes of the answer are kept.
 * Workers cannot open connections to private addresses, and fetch connects to whatever the name
 * resolves to at that moment, so the address guard here is the one that can run before connecting: URLs
 * naming an IP literal in a private range are refused (the subscription's URL was checked when it was
 * stored, src/core/webhooks/address.ts).
 */
import type { WebhookRequest, WebhookSender } from '../core/webhooks/worker';
import type { AttemptResult } from '../core/webhooks/retry';
import { attemptDeadline, attemptTarget, EXCERPT_BYTES, EXCERPT_CHARS, failedAttempt } from './attempt';

export interface FetchSenderOptions {
  /** WEBHOOK_ALLOW_PRIVATE_URLS */
  allowPrivate: boolean;
  /** the runtime's fetch (a test may pass another) */
  fetch?: typeof fetch;
}

/** The first EXCERPT_BYTES of a body, without reading the rest. */
async function excerptOf(body: ReadableStream<Uint8Array> | null): Promise<string | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.subarray(0, EXCERPT_BYTES - size));
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, EXCERPT_BYTES));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const text = new TextDecoder().decode(bytes);
  return text.length > 0 ? text.slice(0, EXCERPT_CHARS) : null;
}

export function createFetchSender(options: FetchSenderOptions): WebhookSender {
  const send = options.fetch ?? fetch;
  return {
    async send(request: WebhookRequest): Promise<AttemptResult> {
      const started = performance.now();
      const failed = (error: string): AttemptResult => failedAttempt(started, error);
      const target = attemptTarget(request.url, options.allowPrivate);
      if ('refused' in target) return failed(target.refused);
      const { url } = target;
      if (request.signal.aborted) return failed('aborted: the worker stopped');

      const deadline = attemptDeadline(request);
      try {
        const response = await send(url.href, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal: deadline.signal,
        });
        const excerpt = await excerptOf(response.body);
        return {
          status: response.status,
          durationMs: Math.round(performance.now() - started),
          error: null,
          excerpt,
          retryAfter: response.headers.get('retry-after'),
        };
      } catch (err) {
        if (deadline.timedOut()) return failed(`timeout: no complete response within ${request.timeoutMs} ms`);
        if (request.signal.aborted) return failed('aborted: the worker stopped');
        return failed(`network error: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        deadline.end();
      }
    },
  };
}
