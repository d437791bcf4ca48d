/**
 * Webhook receivers: real HTTP servers on 127.0.0.1 that record what arrives and answer as a test
 * scripts them; and a worker over the test app's database with the real HTTP sender and a short
 * retry schedule. Signatures are checked with the standardwebhooks library itself.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { randomIds, systemClock } from '../../src/core/clock';
import type { WebhookDeliveryRepo } from '../../src/core/ports';
import type { WebhookWorker } from '../../src/core/webhooks/worker';
import { createNodeWebhookWorker, type NodeWorkerOptions } from '../../src/webhooks/node-worker';

export interface Received {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
  /** performance.now() when it arrived */
  at: number;
  path: string;
}

/** What to answer: a status (with headers and body), or 'hang' to never answer. */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** the types received, in order */
  types(): string[];
  /** resolves once `n` requests have arrived (rejects after `timeoutMs`) */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  /** stops listening and drops every connection (hanging ones included) */
  close(): Promise<void>;
}

export async function startReceiver(reply: (r: Received, n: number) => Reply = () => ({ status: 204 }), port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      let json: Received['json'];
      try {
        json = JSON.parse(body);
      } catch {
        json = { type: '(not json)', timestamp: '', data: {} };
      }
      const r: Received = { headers, body, json, at: performance.now(), path: req.url ?? '/' };
      received.push(r);
      waiters.forEach((w) => w());
      const answer = reply(r, received.length);
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hooks`,
    port: actual,
    received,
    types: () => received.map((r) => r.json.type),
    waitFor(n, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice(0, n));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver got ${received.length} of ${n} requests within ${timeoutMs} ms: ${received.map((r) => r.json.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Verifies a received request with the subscription's secret, as an integrator would; returns the parsed body. */
export function verify(secret: string, r: Received): unknown {
  return new Webhook(secret).verify(r.body, r.headers);
}

/** A worker on the test app's database: real sender, system clock, a short retry schedule. */
export function testWorker(store: WebhookDeliveryRepo, options: Partial<NodeWorkerOptions> = {}): WebhookWorker {
  return createNodeWebhookWorker(store, systemClock, randomIds, {
    allowPrivate: true,
    retrySchedule: [0, 0, 0],
    timeoutMs: 2_000,
    pollIntervalMs: 20,
    ...options,
    onError: options.onError ?? ((err, where) => {
      throw new Error(`webhook worker error in ${where}: ${String(err)}`);
    }),
  });
}

/** Resolves once `check` returns true (looked at every few ms); rejects after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
