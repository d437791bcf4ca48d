/**
 * On Workers the I/O behind a promise belongs to the request that started it: when that request ends
 * or is cancelled, its pending I/O never completes, so another request awaiting the same promise would
 * wait forever. Each test stands for that with a read that never answers for the first request that
 * makes it (the rest of the database is real: D1 in workerd, or a SQLite file), and checks that a
 * second request is answered anyway: nothing kept between requests is a promise another request made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openD1Database } from '../helpers/d1';

type Closable = { close(): Promise<void> | void };
const opened: Closable[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

/** Resolves with the promise's value, or 'still waiting' after `ms`. */
function within<T>(promise: Promise<T>, ms = 5_000): Promise<T | 'still waiting'> {
  return Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
}

/** A promise that never settles: the I/O of a request that was cancelled. */
const cancelled = () => new Promise<never>(() => {});

const KEY = 'agd_request_scoped_bootstrap_key_0123';

describe('the Workers entry (src/main.worker.ts) over D1', () => {
  it('answers a request while the first request of the isolate never finished its schema check', async () => {
    const d1 = await openD1Database();
    opened.push(d1);
    let schemaChecks = 0;
    const binding = {
      ...d1.binding,
      prepare(sql: string) {
        const statement = d1.binding.prepare(sql);
        if (!sql.includes('sqlite_master') || ++schemaChecks > 1) return statement;
        return Object.assign(Object.create(Object.getPrototypeOf(statement)), statement, { all: cancelled });
      },
    };
    const { default: worker } = await import('../../src/main.worker');
    const env = { DB: binding, BOOTSTRAP_API_KEY: KEY, LOG_LEVEL: 'error' };
    const ctx = { waitUntil: () => {} };
    const request = () => worker.fetch(new Request('http://worker/v1/scheduling/locations', { headers: { 'x-api-key': KEY } }), env, ctx);

    const first = request();
    const second = await within(request());
    expect(second === 'still waiting' ? second : second.status).toBe(200);
    expect(await d1.rows('SELECT name FROM tenants')).toEqual([{ name: 'default' }]);
    // checked once, by the second request: later ones skip it
    expect((await request()).status).toBe(200);
    expect(schemaChecks).toBe(2);
    void first;
  }, 30_000);
});
