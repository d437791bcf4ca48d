/**
 * The app over a real D1 database: Miniflare runs Cloudflare's workerd locally, with D1's own SQLite
 * build and limits (100 bound parameters, expression depth 100, a batch is one transaction). The
 * repositories see it through drizzle's D1 driver, as on Workers, so every atomic step runs as one
 * `db.batch` (src/db/atomic.ts). Requests go through `app.request()`.
 *
 * The binding drizzle is handed is a thin one of our own: statements are prepared and bound in Node,
 * and each query or batch is sent, as one request, to a Worker that runs it on the real binding. Not
 * Miniflare's own proxy of the binding: its synchronous calls (`prepare`, `bind`) can miss their
 * answer on a loaded machine (an assertion inside Miniflare, `message?.id === id`).
 */
import { Miniflare } from 'miniflare';
import { drizzle } from 'drizzle-orm/d1';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { buildApp } from '../../src/app';
import { fixedClock, randomIds } from '../../src/core/clock';
import { buildCore } from '../../src/core';
import { DEFAULT_CORE_SETTINGS } from '../../src/core/deps';
import type Database from 'better-sqlite3';
import { migrateSqlite, MIGRATIONS_FOLDER, openSqlite } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import * as schema from '../../src/db/schema';
import type { AppDatabase } from '../../src/db/database';
import { resolveHost } from '../../src/webhooks/resolve-host';
import { apiClient, TEST_NOW } from './app';

/** Runs what the Node side sends on the real D1 binding: one statement's method, or a batch. */
const D1_RUNNER = `
export default {
  async fetch(request, env) {
    const { method, statements, arg } = await request.json();
    const bound = (s) => env.DB.prepare(s.sql).bind(...s.params);
    try {
      const value = method === 'batch' ? await env.DB.batch(statements.map(bound)) : await bound(statements[0])[method](arg);
      return Response.json({ value: value ?? null });
    } catch (e) {
      return Response.json({ error: { message: String(e.message), cause: e.cause ? String(e.cause.message ?? e.cause) : null } });
    }
  },
};`;

interface Call {
  method: 'all' | 'run' | 'raw' | 'first' | 'batch';
  statements: Array<{ sql: string; params: unknown[] }>;
  arg?: unknown;
}

/** A D1 prepared statement whose text and values stay in Node until it runs. */
class Statement {
  constructor(
    private readonly send: (call: Call) => Promise<any>,
    readonly sql: string,
    readonly params: unknown[] = [],
  ) {}
  bind(...params: unknown[]): Statement {
    return new Statement(this.send, this.sql, params);
  }
  private run1(method: Call['method'], arg?: unknown) {
    return this.send({ method, statements: [{ sql: this.sql, params: this.params }], arg });
  }
  all() {
    return this.run1('all');
  }
  run() {
    return this.run1('run');
  }
  raw(options?: { columnNames?: boolean }) {
    return this.run1('raw', options);
  }
  first(column?: string) {
    return this.run1('first', column);
  }
}

/** A migrated D1 database in workerd: the drizzle database the repositories take, and raw reads. */
export async function openD1Database() {
  const mf = new Miniflare({ modules: true, script: D1_RUNNER, compatibilityDate: '2025-09-01', d1Databases: ['DB'] });
  const sent = { calls: 0, statements: 0 };
  const send = async (call: Call): Promise<any> => {
    sent.calls++;
    sent.statements += call.statements.length;
    const answer = (await (await mf.dispatchFetch('http://d1.local/', { method: 'POST', body: JSON.stringify(call) })).json()) as {
      value?: unknown;
      error?: { message: string; cause: string | null };
    };
    if (answer.error) throw new Error(answer.error.message, answer.error.cause ? { cause: new Error(answer.error.cause) } : undefined);
    return answer.value;
  };
  const d1 = {
    prepare: (sql: string) => new Statement(send, sql),
    batch: (statements: Statement[]) => send({ method: 'batch', statements: statements.map((st) => ({ sql: st.sql, params: st.params })) }),
  };
  // the migrations as `wrangler d1 migrations apply` runs them: each file's statements in one batch
  for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })) {
    await d1.batch(migration.sql.filter((s) => s.trim() !== '').map((s) => d1.prepare(s)));
  }
  return {
    db: drizzle(d1 as never, { schema }) as unknown as AppDatabase,
    /** the D1 binding itself, as a Worker's `env.DB` (prepare, bind, all/run/raw/first, batch) */
    binding: d1,
    /** what was sent to D1 so far: each query or batch one call, and the statements they carried */
    sent,
    /** Rows of a read straight from the D1 database, to check what was (not) written. */
    async rows(text: string, ...values: unknown[]): Promise<Record<string, unknown>[]> {
      return ((await d1.prepare(text).bind(...values).all()) as { results: Record<string, unknown>[] }).results;
    },
    /**
     * A copy of the database as it is now, in an in-memory SQLite: for checks written against a
     * synchronous connection (test/api/appointments/random-operations.test.ts). Every table's stored
     * columns are copied, with the copy's triggers dropped first so that they do not write again.
     */
    async snapshot(): Promise<Database.Database> {
      const copy = openSqlite(':memory:');
      migrateSqlite(copy);
      const { sqlite } = copy;
      sqlite.pragma('foreign_keys = OFF');
      for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>) {
        sqlite.exec(`DROP TRIGGER "${name}"`);
      }
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as Array<{ name: string }>;
      for (const { name } of tables) {
        // hidden 2 and 3: generated columns, computed by the copy itself
        const columns = (sqlite.prepare(`SELECT name FROM pragma_table_xinfo('${name}') WHERE hidden NOT IN (2, 3)`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`);
        const insert = sqlite.prepare(`INSERT INTO "${name}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        const rows = ((await d1.prepare(`SELECT ${columns.join(', ')} FROM "${name}"`).raw()) as unknown[][]) ?? [];
        sqlite.transaction(() => {
          for (const row of rows) insert.run(...row);
        })();
      }
      return sqlite;
    },
    close: () => mf.dispose(),
  };
}

export async function createD1TestApp(options: { now?: string; logLevel?: 'silent' | 'error' } = {}) {
  const { db, rows, close } = await openD1Database();
  const clock = fixedClock(options.now ?? TEST_NOW);
  const repos = createRepositories(db);
  const app = buildApp({ repos, clock, ids: randomIds, version: 'test', logLevel: options.logLevel ?? 'silent', settings: DEFAULT_CORE_SETTINGS, network: { resolveHost } });
  const core = buildCore(repos, clock, randomIds);
  const { tenant: created } = await core.keys.ensureTenant('Clínica D1');
  const tenant = { tenantId: created.id, readWrite: (await core.keys.createKey(created.id, ['read', 'write'])).secret };

  const api = apiClient(app, tenant.readWrite);

  return {
    app,
    core,
    clock,
    tenant,
    api,
    rows,
    async count(table: string): Promise<number> {
      return Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    },
    close,
  };
}

export type D1TestApp = Awaited<ReturnType<typeof createD1TestApp>>;
