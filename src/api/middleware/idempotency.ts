/**
 * `Idempotency-Key` for POST requests and for DELETE /appointments/{id} (a cancel, which a retry would
 * otherwise answer with a 409 for the appointment it already cancelled): the first response (a 2xx) is
 * kept for 24 h and replayed for the same key and body (for a DELETE, which has none, the same path); the same key with another request is a 409. A request
 * refused with a 4xx (a validation failure, a rule's 409, an unknown id) is kept and replayed the same way,
 * as CONTRACT.md has it (the same key and body returns the first response), so a corrected request needs a
 * new key; a 5xx, a 401/403, a 413/415 and a conflict that says to try again (ConcurrentChangeError) are forgotten, so
 * the same request may be sent again with the same key. A JSON body is compared
 * by its value (`canonicalBody`): a retry that only reorders its fields or changes whitespace is the
 * same request. Values are compared as sent, before validation reads ids in lowercase
 * (schemas/common.ts: Uuid): a retry that spells an id in another letter case is another request. A
 * body that is not JSON is compared byte for byte.
 *
 * The key is claimed before the request runs, so that a second request with it, while the first is
 * still running, gets a 409 instead of doing the work twice. Routes marked with `storesReplyAtomically`
 * (booking, rescheduling, the appointment lifecycle actions and DELETE /appointments/{id}, and creating a location, appointment type,
 * patient, provider, schedule template or override, webhook subscription, waitlist entry or API key)
 * store the response in the write's own atomic step; the others (conversation turns) store it after
 * their write has committed. On a marked route a change never exists without its stored response, so a
 * retry after the server stopped mid-request either replays it or, once the claim is older than any
 * request can run (IDEMPOTENCY_LEASE_MS), makes it afresh.
 *
 * A response that carries a secret shown once (creating an API key) is stored sealed (`sealedReplyRecorder`,
 * core/sealed-reply.ts): encrypted under a key derived from the API key the caller presented, which the
 * database holds only hashed, so a copy of the database never holds the secret in plain text. A retry
 * presenting that same API key gets it back byte for byte; another key of the tenant that sends the same
 * Idempotency-Key and body cannot open it and gets a 409.
 */
import { createHash } from 'node:crypto';
import type { Context, Handler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { StoredReply } from '../../core/ports';
import { isSealedReply, openReply, sealReply } from '../../core/sealed-reply';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { ConcurrentChangeError } from '../../core/errors';
import { IDEMPOTENCY_TTL_MS } from '../../core/housekeeping';

export { IDEMPOTENCY_TTL_MS };

/**
 * How long a claim may stay without a response before a route that stores its response atomically
 * takes it over: longer than any such request can run once its body is read (the claim is made after
 * that, and a write waits for the database at most its 5 s busy timeout).
 */
export const IDEMPOTENCY_LEASE_MS = 60 * 1000;

/** The request's claimed key; `replyStored` once the route's own write stores the response. */
export interface IdempotencyClaim {
  key: string;
  replyStored: boolean;
}

const ATOMIC_REPLY = Symbol('stores its Idempotency-Key response in its own atomic step');

/** Marks a route handler that passes `replyRecorder(c, …)` to its write. */
export function storesReplyAtomically<H extends Handler<any, any, any, any>>(handler: H): H {
  Object.defineProperty(handler, ATOMIC_REPLY, { value: true });
  return handler;
}

/**
 * For a handler marked with `storesReplyAtomically`: how its write renders the response it will answer
 * with (`c.json(value, statusCode)`), or undefined when the request carries no Idempotency-Key.
 */
export function replyRecorder(c: Context<AppEnv>, statusCode: number): ((value: unknown) => StoredReply) | undefined {
  const claim = c.get('idempotency');
  if (!claim) return undefined;
  claim.replyStored = true;
  return (value) => ({ key: claim.key, statusCode, body: JSON.stringify(value) });
}

/**
 * For a handler marked with `storesReplyAtomically` that answers 204 No Content: the response its write
 * stores (an empty body), or undefined when the request carries no Idempotency-Key.
 */
export function noContentRecorder(c: Context<AppEnv>): ((value: unknown) => StoredReply) | undefined {
  const claim = c.get('idempotency');
  if (!claim) return undefined;
  claim.replyStored = true;
  return () => ({ key: claim.key, statusCode: 204, body: '' });
}

/**
 * As `replyRecorder`, for a response that carries a secret shown once: the stored body is sealed under the
 * API key the caller presented (see the top of this file), so rendering it is asynchronous.
 */
export function sealedReplyRecorder(c: Context<AppEnv>, statusCode: number): ((value: unknown) => Promise<StoredReply>) | undefined {
  const claim = c.get('idempotency');
  const callerKey = c.req.header('x-api-key');
  if (!claim) return undefined;
  if (!callerKey) throw new Error('A sealed reply needs the API key the caller presented');
  claim.replyStored = true;
  const owner = { callerKey, tenantId: c.get('tenantId'), idempotencyKey: claim.key, statusCode };
  return async (value) => ({ key: claim.key, statusCode, body: await sealReply(JSON.stringify(value), owner) });
}

/**
 * POST /voice writes nothing and carries a binary body (read here as text it would be mangled, and with
 * it the form the route parses after): a retry simply asks again, so the header is ignored there.
 */
const WITHOUT_IDEMPOTENCY = /^\/v1\/scheduling\/voice\/?$/;

/** The one DELETE that honours the header: cancelling an appointment (other DELETEs answer a retry as the first). */
const DELETE_WITH_IDEMPOTENCY = /^\/v1\/scheduling\/appointments\/[^/]+\/?$/;

/**
 * Whether a request to `path` with `method` honours an `Idempotency-Key` (and so may be refused with
 * `IDEMPOTENCY_KEY_REUSED`). `path` is a request's or the OpenAPI document's (`{id}` for a parameter).
 */
export function takesIdempotencyKey(method: string, path: string): boolean {
  const verb = method.toUpperCase();
  if (verb === 'POST') return !WITHOUT_IDEMPOTENCY.test(path);
  return verb === 'DELETE' && DELETE_WITH_IDEMPOTENCY.test(path);
}

/** The 409 of a key already used with another request. */
export const IDEMPOTENCY_KEY_REUSED = 'This Idempotency-Key was already used with a different request';

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (key === undefined || !takesIdempotencyKey(c.req.method, c.req.path)) return next();
  if (key.length === 0 || key.length > 255) throw new ApiError(422, 'Idempotency-Key must be 1 to 255 characters');

  const store = c.get('core').idempotency;
  const tenantId = c.get('tenantId');
  // a DELETE's body is ignored by its route, so it is no part of the request either: a retry that sends
  // another (or none) is the same cancel
  const fingerprint = requestFingerprint(c.req.method, c.req.path, c.req.method === 'DELETE' ? '' : await c.req.text());
  const requestHash = fingerprint.hash;
  const isSameRequest = (storedHash: string) => storedHash === fingerprint.hash || storedHash === fingerprint.bytesHash;
  const now = c.get('core').clock.now();
  const at = now.toISOString();

  if (!(await store.claim(tenantId, key, requestHash, at))) {
    const prior = await store.get(tenantId, key);
    const age = prior ? now.getTime() - Date.parse(prior.created_at) : 0;
    const abandoned = prior !== null && prior.status_code === null && age > IDEMPOTENCY_LEASE_MS && isSameRequest(prior.request_hash);
    const takeOver = prior !== null && (age > IDEMPOTENCY_TTL_MS || (abandoned && repliesAtomically(c)));
    if (!prior || !takeOver || !(await store.reclaim(tenantId, key, prior, requestHash, at))) {
      if (!prior || !isSameRequest(prior.request_hash)) {
        throw new ApiError(409, IDEMPOTENCY_KEY_REUSED);
      }
      if (prior.status_code === null || prior.response_body === null) {
        // On a route that stores its response after its write, a claim older than any request can run
        // was left by one that stopped between the two: whether its change was made is unknown.
        if (abandoned && !repliesAtomically(c)) {
          throw new ApiError(
            409,
            'The first request with this Idempotency-Key did not finish, and whether it made its change is unknown: check, then retry with a new key',
          );
        }
        throw new ApiError(409, 'A request with this Idempotency-Key is still in progress');
      }
      let replay = prior.response_body;
      if (isSealedReply(replay)) {
        const owner = { callerKey: c.req.header('x-api-key') ?? '', tenantId, idempotencyKey: key, statusCode: prior.status_code };
        const opened = await openReply(replay, owner);
        if (opened === null) throw new ApiError(409, 'This Idempotency-Key was already used by another API key');
        replay = opened;
      }
      // a 204 was stored with an empty body, which a 204 may not carry at all
      if (prior.status_code === 204) return c.body(null, 204, { 'idempotent-replayed': 'true' });
      return c.body(replay, prior.status_code as 200, {
        'content-type': 'application/json',
        'idempotent-replayed': 'true',
      });
    }
  }

  const claim: IdempotencyClaim = { key, replyStored: false };
  c.set('idempotency', claim);
  try {
    await next();
  } catch (err) {
    await store.release(tenantId, key);
    throw err;
  }
  const res = c.res;
  if (res.status >= 200 && res.status < 300 && !c.error) {
    if (!claim.replyStored) await store.complete(tenantId, key, res.status, await res.clone().text());
  } else if (isFinalRefusal(res.status, c.error)) {
    // a refusal is the first response too: kept (unless the route's write stored one), and replayed
    await store.complete(tenantId, key, res.status, await res.clone().text());
  } else {
    await store.release(tenantId, key);
  }
});

/**
 * A 4xx that answers the request itself, and so is kept for its key like a success (CONTRACT.md: the
 * same key and body returns the first response): a validation failure, a rule's refusal, an unknown
 * id. Not a 401 or 403, which refuse the API key presented rather than the request (another key of the
 * tenant may send it), nor a 413 or 415, which refuse how the body was sent (its size, its Content-Type:
 * the same body sent right is another answer), nor a 408 or 429, nor a conflict with another request in flight that gave up
 * and says to try again (ConcurrentChangeError). A 5xx is never kept: the server failed, not the request.
 */
function isFinalRefusal(status: number, error: Error | undefined): boolean {
  if (status < 400 || status >= 500 || [401, 403, 408, 413, 415, 429].includes(status)) return false;
  return !(error instanceof ConcurrentChangeError);
}

/**
 * A request's fingerprint, stored as `request_hash`: SHA-256 of `METHOD path`, a newline and the body in
 * its canonical form (`canonicalBody`). `bytesHash` is the same over the body's bytes as sent, which is
 * how keys were fingerprinted before bodies were compared by value: a key stored then still matches a
 * retry that repeats those bytes (and a body already canonical, or not JSON, has one hash for both).
 * Accepting either is safe: the bytes hash of a retry equals a stored hash only when the retry's bytes
 * are those of the first request, or are the canonical form of its value.
 */
export function requestFingerprint(method: string, path: string, body: string): { hash: string; bytesHash: string } {
  const hashOf = (text: string) => createHash('sha256').update(`${method} ${path}\n${text}`).digest('hex');
  const bytesHash = hashOf(body);
  const canonical = canonicalBody(body);
  return { hash: canonical === body ? bytesHash : hashOf(canonical), bytesHash };
}

/**
 * A JSON body as its value, so that a retry differing only in key order or whitespace is the same
 * request: parsed, then written with each object's keys sorted (by UTF-16 code units, as `sort()`
 * does), no whitespace, strings and numbers as `JSON.stringify` writes them; arrays keep their order.
 * Ids are compared as sent (another letter case is another value), as the body's other strings are. A
 * body that is not JSON is kept as it is (compared byte for byte); what this writes for one that is
 * JSON is always JSON of the same value, so the two never meet. Iterative: any depth a body within the
 * size limit can reach is written without growing the call stack.
 */
export function canonicalBody(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return body;
  }
  const out: string[] = [];
  // what is left to write, last first: a value, or text written as it is
  const work: Array<{ value: unknown } | string> = [{ value }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      work.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        work.push({ value: v[i] });
        if (i > 0) work.push(',');
      }
      work.push('[');
    } else if (v !== null && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      work.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        work.push({ value: record[keys[i]!] });
        work.push(`${JSON.stringify(keys[i])}:`);
        if (i > 0) work.push(',');
      }
      work.push('{');
    } else if (typeof v === 'number' && !Number.isFinite(v)) {
      // 1e309 parses as Infinity, which JSON.stringify would write as null: written as JSON that reads back as it
      out.push(v > 0 ? '1e999' : '-1e999');
    } else {
      out.push(JSON.stringify(v));
    }
  }
  return out.join('');
}

function repliesAtomically(c: Context<AppEnv>): boolean {
  return matchedRoutes(c).some((route) => ATOMIC_REPLY in route.handler);
}
