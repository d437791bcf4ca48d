/**
 * `Idempotency-Key` for POST requests: the first successful (2xx) response is kept for 24 h and
 * replayed for the same key and body; the same key with another request is a 409. A request that
 * fails is forgotten, so the client may fix it and retry with the same key.
 */
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (key.length === 0 || key.length > 255) throw new ApiError(422, 'Idempotency-Key must be 1 to 255 characters');

  const store = c.var.core.idempotency;
  const tenantId = c.var.tenantId;
  const body = await c.req.text();
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');
  const now = c.var.core.clock.now();

  let claimed = await store.claim(tenantId, key, requestHash, now.toISOString());
  if (!claimed) {
    const prior = await store.get(tenantId, key);
    if (prior && Date.parse(prior.created_at) < now.getTime() - IDEMPOTENCY_TTL_MS) {
      await store.release(tenantId, key);
      claimed = await store.claim(tenantId, key, requestHash, now.toISOString());
    }
    if (!claimed) {
      if (!prior || prior.request_hash !== requestHash) {
        throw new ApiError(409, 'This Idempotency-Key was already used with a different request');
      }
      if (prior.status_code === null || prior.response_body === null) {
        throw new ApiError(409, 'A request with this Idempotency-Key is still in progress');
      }
      return c.body(prior.response_body, prior.status_code as 200, {
        'content-type': 'application/json',
        'idempotent-replayed': 'true',
      });
    }
  }

  try {
    await next();
  } catch (err) {
    await store.release(tenantId, key);
    throw err;
  }
  const res = c.res;
  if (res.status >= 200 && res.status < 300 && !c.error) {
    await store.complete(tenantId, key, res.status, await res.clone().text());
  } else {
    await store.release(tenantId, key);
  }
});
