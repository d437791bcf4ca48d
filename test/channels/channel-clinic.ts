/**
 * The demo clinic behind the real app and its channel inbox, on a real SQLite file with a fixed
 * clock: what every channel test starts from. `transcriber`: speech to text for voice notes (none:
 * they are answered that audio cannot be heard yet).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_BASE, buildApp, buildServices, type AppDeps } from '../../src/app';
import { buildCore } from '../../src/core';
import { fixedClock, randomIds } from '../../src/core/clock';
import type { Transcriber } from '../../src/core/language/types';
import { migrateSqlite, openSqlite } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import { seedDemoClinic } from '../../src/demo-seed';
import { createLogger } from '../../src/api/logger';
import { TEST_NOW } from '../helpers/app';

/** Maria Oliveira's phone in the demo clinic */
export const MARIA_PHONE = '+5531999990001';

export interface ChannelClinicOptions {
  now?: string;
  transcriber?: Transcriber | null;
  /** CHANNELS_TENANT */
  channelsTenant?: string;
  /** more settings for the app (the channels' own) */
  deps?: Partial<AppDeps>;
}

export async function createChannelClinic(options: ChannelClinicOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-channels-'));
  const handle = openSqlite(join(dir, 'clinic.db'));
  migrateSqlite(handle);
  const clock = fixedClock(options.now ?? TEST_NOW);
  const repos = createRepositories(handle.db);
  /** the log lines the app wrote, parsed */
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const deps: AppDeps = {
    repos,
    clock,
    ids: randomIds,
    version: 'test',
    logger,
    settings: { minNoticeMinutes: 60 },
    transcriber: options.transcriber ?? null,
    ...options.deps,
    channels: { ...options.deps?.channels, tenant: options.channelsTenant },
  };
  const services = buildServices(deps);
  const app = buildApp(deps, services);
  const core = buildCore(repos, clock, randomIds);
  const { tenantId, apiKey } = await seedDemoClinic(core);

  async function api(method: string, path: string, body?: unknown) {
    const res = await app.request(`${API_BASE}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
  }

  return {
    app,
    services,
    repos,
    inbox: services.channelInbox,
    /** the record of replies sent, for an adapter that sends its replies itself */
    sendLog: { replies: repos.channelReplies, clock, ids: randomIds },
    core,
    clock,
    tenantId,
    apiKey,
    api,
    logs,
    rows: <Row = Record<string, any>>(text: string, ...values: unknown[]) => handle.sqlite.prepare(text).all(...values) as Row[],
    close() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ChannelClinic = Awaited<ReturnType<typeof createChannelClinic>>;
