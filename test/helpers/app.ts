/**
 * An app over a fresh SQLite file with a fixed clock, and one tenant with keys of each scope.
 * Real database, real routing: requests go through `app.request()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, API_BASE } from '../../src/app';
import { fixedClock, randomIds } from '../../src/core/clock';
import { buildCore } from '../../src/core';
import { DEFAULT_CORE_SETTINGS } from '../../src/core/deps';
import { migrateSqlite, openSqlite } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import type { AppDatabase } from '../../src/db/database';
import { resolveHost } from '../../src/webhooks/resolve-host';
import type { LanguageModel, Transcriber } from '../../src/core/language/types';
import { checkResponsesAgainstOpenApi } from './openapi-conformance';

export const TEST_NOW = '2026-11-25T12:00:00.000Z';

/** The suite runs on D1 (AGENDADOR_TEST_DB=d1): tests of the SQLite file itself (its WAL, query plans, a second process on it) are skipped. */
export const ON_D1 = process.env.AGENDADOR_TEST_DB === 'd1';

/** A response's body: parsed JSON, the text when it is not JSON, null when empty. */
export async function bodyOf(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/**
 * JSON requests under /v1/scheduling through `app.request()`, with `defaultKey` unless a key (or null,
 * for none) is given.
 */
export function apiClient(app: { request(url: string, init: RequestInit): Response | Promise<Response> }, defaultKey: string) {
  return async function api(method: string, path: string, body?: unknown, init: { key?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    const key = init.key === undefined ? defaultKey : init.key;
    if (key !== null) headers['x-api-key'] = key;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`${API_BASE}${path}`, { method, headers, body: payload });
    return { status: res.status, body: await bodyOf(res), headers: res.headers };
  };
}

export interface TenantKeys {
  tenantId: string;
  admin: string;
  read: string;
  write: string;
  readWrite: string;
}

export interface TestAppOptions {
  now?: string;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: webhook tests' receivers listen on 127.0.0.1 */
  allowPrivateWebhookUrls?: boolean;
  languageModel?: LanguageModel | null;
  /** speech to text for POST /voice (none: it answers 503) */
  transcriber?: Transcriber | null;
  /**
   * where the repositories keep their data: the SQLite file (default), or a D1 database in workerd
   * (test/helpers/d1.ts; AGENDADOR_TEST_DB=d1 makes it the default, to try whole test files on D1).
   * On D1, `sqlite` and `dbPath` are an unused empty file: `db` (drizzle), `rows()`, `row()`, `count()`,
   * `execute()` and `snapshot()` reach the database written to.
   */
  database?: 'sqlite' | 'd1';
  /**
   * Check every response against the app's /openapi.json (openapi-conformance.ts; default true). Turn it
   * off only for a reason written next to the call, e.g. a test that breaks the app on purpose.
   */
  checkResponses?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-test-'));
  const handle = openSqlite(join(dir, 'test.db'));
  migrateSqlite(handle);
  const clock = fixedClock(options.now ?? TEST_NOW);
  const d1 = (options.database ?? process.env.AGENDADOR_TEST_DB) === 'd1' ? await (await import('./d1')).openD1Database() : null;
  /** the drizzle database the repositories use: the SQLite file's, or D1's */
  const db: AppDatabase = d1 ? d1.db : handle.db;
  const repos = createRepositories(db);
  const settings = { ...DEFAULT_CORE_SETTINGS, allowPrivateWebhookUrls: options.allowPrivateWebhookUrls ?? false };
  const app = buildApp({ repos, clock, ids: randomIds, version: 'test', logLevel: 'silent', settings, network: { resolveHost }, languageModel: options.languageModel, transcriber: options.transcriber });
  if (options.checkResponses ?? true) await checkResponsesAgainstOpenApi(app);
  const core = buildCore(repos, clock, randomIds);

  async function addTenant(name: string): Promise<TenantKeys> {
    const { tenant } = await core.keys.ensureTenant(name);
    const make = async (scopes: Array<'read' | 'write' | 'admin'>) => (await core.keys.createKey(tenant.id, scopes)).secret;
    return {
      tenantId: tenant.id,
      admin: await make(['admin']),
      read: await make(['read']),
      write: await make(['write']),
      readWrite: await make(['read', 'write']),
    };
  }

  const tenant = await addTenant('Clínica Teste');
  const other = await addTenant('Outra Clínica');

  /** A JSON request under /v1/scheduling with a key (default: the read+write key of the first tenant). */
  const api = apiClient(app, tenant.readWrite);

  /** Rows of a read from the database the app writes to: the SQLite file, or D1. */
  async function rows<Row = Record<string, any>>(text: string, ...values: unknown[]): Promise<Row[]> {
    return (d1 ? await d1.rows(text, ...values) : handle.sqlite.prepare(text).all(...values)) as Row[];
  }

  return {
    app,
    core,
    clock,
    db,
    sqlite: handle.sqlite,
    repos,
    dbPath: join(dir, 'test.db'),
    tenant,
    other,
    addTenant,
    api,
    rows,
    /** The first row of a read (undefined when none), from either database */
    row: async <Row = Record<string, any>>(text: string, ...values: unknown[]): Promise<Row | undefined> => (await rows<Row>(text, ...values))[0],
    /** How many rows a table holds, in either database */
    count: async (table: string): Promise<number> => Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0]!.n),
    /** One statement run on either database, behind the app's back (a trigger that makes a write fail, an UPDATE) */
    async execute(text: string, ...values: unknown[]): Promise<void> {
      if (d1) await d1.binding.prepare(text).bind(...values).run();
      else handle.sqlite.prepare(text).run(...values);
    },
    /** The database as a synchronous SQLite connection: the file itself, or a copy of the D1 database as it is now */
    snapshot: async () => (d1 ? d1.snapshot() : handle.sqlite),
    close() {
      void d1?.close();
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
