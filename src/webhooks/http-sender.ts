/**
 * The webhook sender on Node: one POST per attempt over node:http(s) with keep-alive, a time limit for
 * the whole exchange, and the SSRF guard at connection time. The guard runs inside the connection's
 * own DNS lookup, so the address checked is the address connected to (no window for DNS rebinding);
 * IP literals, which skip the lookup, are checked before connecting. Redirects are not followed.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { WebhookRequest, WebhookSender } from '../core/webhooks/worker';
import type { AttemptResult } from '../core/webhooks/retry';
import { describeRange, forbiddenRange } from '../core/webhooks/address';
import { attemptDeadline, attemptTarget, EXCERPT_BYTES, EXCERPT_CHARS, failedAttempt } from './attempt';

class RefusedAddressError extends Error {
  constructor(host: string, range: string) {
    super(`refused: ${host} resolves to ${describeRange(range)}`);
  }
}

export interface HttpSenderOptions {
  /** WEBHOOK_ALLOW_PRIVATE_URLS */
  allowPrivate: boolean;
}

export interface HttpSender extends WebhookSender {
  /** closes idle keep-alive connections */
  close(): void;
}

export function createHttpSender(options: HttpSenderOptions): HttpSender {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  const guardedLookup = ((hostname: string, opts: LookupOptions, callback: (...args: unknown[]) => void) => {
    lookup(hostname, { ...opts, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      if (!options.allowPrivate) {
        for (const a of addresses) {
          const range = forbiddenRange(a.address);
          if (range !== null) return callback(new RefusedAddressError(hostname, range));
        }
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
      if (opts.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as unknown as LookupFunction;

  function send(request: WebhookRequest): Promise<AttemptResult> {
    const started = performance.now();
    const failed = (error: string): AttemptResult => failedAttempt(started, error);
    const target = attemptTarget(request.url, options.allowPrivate);
    if ('refused' in target) return Promise.resolve(failed(target.refused));
    const { url, host } = target;

    const deadline = attemptDeadline(request);
    const describe = (err: NodeJS.ErrnoException): string => {
      if (deadline.timedOut()) return `timeout: no complete response within ${request.timeoutMs} ms`;
      if (request.signal.aborted) return 'aborted: the worker stopped';
      if (err instanceof RefusedAddressError) return err.message;
      switch (err.code) {
        case 'ECONNREFUSED':
          return 'connection refused';
        case 'ECONNRESET':
          return 'connection reset';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
          return `host not found: ${host}`;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
          return 'host unreachable';
        default:
          return err.code ? `network error: ${err.code}` : `network error: ${err.message}`;
      }
    };

    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: AttemptResult) => {
        if (!settled) {
          settled = true;
          deadline.end();
          resolve(result);
        }
      };
      if (request.signal.aborted) return finish(failed('aborted: the worker stopped'));
      const req = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
          lookup: guardedLookup,
          signal: deadline.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const status = res.statusCode ?? null;
          const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null;
          const done = (error: string | null) => {
            const text = Buffer.concat(chunks).toString('utf8');
            finish({
              status,
              durationMs: Math.round(performance.now() - started),
              error,
              excerpt: text.length > 0 ? text.slice(0, EXCERPT_CHARS) : null,
              retryAfter,
            });
          };
          res.on('data', (chunk: Buffer) => {
            if (size < EXCERPT_BYTES) chunks.push(chunk.subarray(0, EXCERPT_BYTES - size));
            size += chunk.length;
            // a large body is not read to the end: the excerpt is all we keep
            if (size > 64 * 1024) {
              res.destroy();
              done(null);
            }
          });
          res.on('end', () => done(null));
          res.on('error', (err: NodeJS.ErrnoException) => done(describe(err)));
          res.on('close', () => done(res.complete ? null : 'the response was cut short'));
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => finish(failed(describe(err))));
      req.end(request.body);
    });
  }

  return {
    send,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
