/**
 * The app over a real D1 database: Miniflare runs Cloudflare's workerd locally, with D1's own SQLite
 * build and limits (100 bound parameters, expression depth 100, a batch is one transaction), and hands
 * Node a binding to it. The repositories see it through drizzle's D1 driver, as on Workers, so every
 * atomic step runs as one `db.batch` (src/db/atomic.ts). Requests go through `app.request()`.
 */
import { Miniflare } from 'miniflare';
import { drizzle } from 'drizzle-orm/d1';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { buildApp } from '../../src/app';
import { fixedClock, randomIds } from '../../src/core/clock';
import { buildCore } from '../../src/core';
import { DEFAULT_CORE_SETTINGS } from '../../src/core/deps';
import { MIGRATIONS_FOLDER } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import * as schema from '../../src/db/schema';
import type { AppDatabase } from '../../src/db/database';
import { resolveHost } from '../../src/webhooks/resolve-host';
import { apiClient, TEST_NOW } from './app';

/** The part of a D1 binding these tests use. */
interface D1Binding {
  prepare(text: string): { bind(...values: unknown[]): { all(): Promise<{ results: Record<string, unknown>[] }> } };
  batch(statements: unknown[]): Promise<unknown[]>;
}

export async function createD1TestApp(options: { now?: string; logLevel?: 'silent' | 'error' } = {}) {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response(null, { status: 404 }) } }',
    compatibilityDate: '2025-09-01',
    d1Databases: ['DB'],
  });
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Binding;
  // the migrations as `wrangler d1 migrations apply` runs them: each file's statements in one batch
  for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })) {
    await d1.batch(migration.sql.filter((s) => s.trim() !== '').map((s) => d1.prepare(s)));
  }
  const db = drizzle(d1 as never, { schema }) as unknown as AppDatabase;
  const clock = fixedClock(options.now ?? TEST_NOW);
  const repos = createRepositories(db);
  const app = buildApp({ repos, clock, ids: randomIds, version: 'test', logLevel: options.logLevel ?? 'silent', settings: DEFAULT_CORE_SETTINGS, network: { resolveHost } });
  const core = buildCore(repos, clock, randomIds);
  const { tenant: created } = await core.keys.ensureTenant('Clínica D1');
  const tenant = { tenantId: created.id, readWrite: (await core.keys.createKey(created.id, ['read', 'write'])).secret };

  const api = apiClient(app, tenant.readWrite);

  /** Rows of a read straight from the D1 database, to check what was (not) written. */
  async function rows(text: string, ...values: unknown[]): Promise<Record<string, unknown>[]> {
    return (await d1.prepare(text).bind(...values).all()).results;
  }

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
    close: () => mf.dispose(),
  };
}

export type D1TestApp = Awaited<ReturnType<typeof createD1TestApp>>;
