/**
 * The demo clinic behind a real app on a real SQLite file, with a clock the test moves, that can be
 * restarted: a new app instance (new runtime, new core) over the same database file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_BASE, buildApp, buildServices } from '../../../src/app';
import { buildCore } from '../../../src/core';
import { fixedClock, randomIds } from '../../../src/core/clock';
import { migrateSqlite, openSqlite } from '../../../src/db/client.sqlite';
import { createRepositories } from '../../../src/db/repos';
import { seedDemoClinic } from '../../../src/demo-seed';
import { TEST_NOW } from '../../helpers/app';

export async function createClinicApp(options: { now?: string; timeoutMinutes?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-chat-'));
  const path = join(dir, 'clinic.db');
  const clock = fixedClock(options.now ?? TEST_NOW);

  function open() {
    const handle = openSqlite(path);
    migrateSqlite(handle);
    const repos = createRepositories(handle.db);
    const deps = {
      repos,
      clock,
      ids: randomIds,
      version: 'test',
      logLevel: 'silent' as const,
      settings: { minNoticeMinutes: 60 },
      conversationTimeoutMinutes: options.timeoutMinutes ?? 30,
    };
    // the app's own services, so a test reaches the conversation runtime the app's routes use (reminders have no route)
    const services = buildServices(deps);
    const app = buildApp(deps, services);
    return { handle, repos, app, core: buildCore(repos, clock, randomIds), conversations: services.conversations };
  }

  let current = open();
  const { tenantId, apiKey } = await seedDemoClinic(current.core);

  async function api(method: string, path: string, body?: unknown, key: string = apiKey) {
    const res = await current.app.request(`${API_BASE}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
  }

  const list = async (resource: string) => (await api('GET', `/${resource}?limit=200`)).body.data as any[];
  const [patients, providers, locations, types] = await Promise.all([list('patients'), list('providers'), list('locations'), list('appointment-types')]);

  return {
    tenantId,
    apiKey,
    clock,
    path,
    patients,
    providers,
    locations,
    types,
    api,
    get sqlite() {
      return current.handle.sqlite;
    },
    get core() {
      return current.core;
    },
    /** the app's conversation runtime */
    get conversations() {
      return current.conversations;
    },
    /** a new app instance over the same database file, as after a server restart */
    restart() {
      current.handle.close();
      current = open();
    },
    say(patientId: string, message: string, extra: Record<string, unknown> = {}) {
      return api('POST', '/conversation', { patient_id: patientId, channel: 'whatsapp', message, ...extra });
    },
    close() {
      current.handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ClinicApp = Awaited<ReturnType<typeof createClinicApp>>;
