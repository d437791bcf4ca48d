/**
 * The webhook sender the Workers entry uses (fetch), against real receivers on 127.0.0.1. Node's fetch
 * stands in for the Workers runtime's; test/worker runs it in workerd.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../../src/core/webhooks/worker';
import { createFetchSender } from '../../src/webhooks/fetch-sender';
import { EXCERPT_CHARS } from '../../src/webhooks/attempt';
import { startReceiver, type Receiver } from '../helpers/webhooks';

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

function request(url: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    url,
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
    body: '{"type":"webhook.test"}',
    timeoutMs: 2_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('fetch webhook sender', () => {
  it('posts the body with its headers and keeps the status, Retry-After and the start of the answer', async () => {
    const r = await receiver(() => ({ status: 429, headers: { 'retry-after': '30' }, body: 'é'.repeat(5_000) }));
    const result = await createFetchSender({ allowPrivate: true }).send(request(r.url));
    expect(result).toMatchObject({ status: 429, error: null, retryAfter: '30' });
    expect(result.excerpt).toBe('é'.repeat(EXCERPT_CHARS));
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.body).toBe('{"type":"webhook.test"}');
    expect(r.received[0]!.headers['webhook-id']).toBe('msg_1');
  });

  it('does not follow a redirect', async () => {
    const target = await receiver();
    const r = await receiver(() => ({ status: 307, headers: { location: target.url } }));
    const result = await createFetchSender({ allowPrivate: true }).send(request(r.url));
    expect(result.status).toBe(307);
    expect(target.received).toHaveLength(0);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const r = await receiver(() => 'hang');
    const t0 = performance.now();
    const result = await createFetchSender({ allowPrivate: true }).send(request(r.url, { timeoutMs: 200 }));
    expect(result).toMatchObject({ status: null, error: 'timeout: no complete response within 200 ms' });
    expect(performance.now() - t0).toBeLessThan(1_500);
  });

  it('refuses an IP literal in a private range unless private addresses are allowed, before connecting', async () => {
    const r = await receiver();
    const result = await createFetchSender({ allowPrivate: false }).send(request(r.url));
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^refused: 127\.0\.0\.1 is /);
    expect(r.received).toHaveLength(0);
  });

  it('says what went wrong when nothing answers, or when the worker stopped', async () => {
    const r = await receiver();
    const port = r.port;
    await r.close();
    receivers.pop();
    const refused = await createFetchSender({ allowPrivate: true }).send(request(`http://127.0.0.1:${port}/hooks`));
    expect(refused.status).toBeNull();
    expect(refused.error).toMatch(/^network error: /);

    const stopped = new AbortController();
    stopped.abort();
    const aborted = await createFetchSender({ allowPrivate: true }).send(request(`http://127.0.0.1:${port}/hooks`, { signal: stopped.signal }));
    expect(aborted.error).toBe('aborted: the worker stopped');
    expect(await createFetchSender({ allowPrivate: true }).send(request('ftp://example.com/x'))).toMatchObject({ error: 'refused: scheme ftp:' });
  });
});
