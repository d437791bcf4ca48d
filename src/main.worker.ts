/**
 * Workers entry (wrangler.toml `main`): the app of main.node.ts over the D1 binding `DB`.
 *
 * - Settings are the Worker's variables and secrets, read with the Node server's schema (src/config.ts).
 *   Those that only mean something to a Node process (PORT, HOST, DATABASE_PATH, SEED_DEMO,
 *   WEBHOOK_POLL_INTERVAL_MS, WHATSAPP_WEB*) are not read, whatever their value;
 *   a bad value answers every request with 503 naming the setting.
 * - The schema is the migrations folder, applied by `wrangler d1 migrations apply` before a deploy. A
 *   database that lacks some of them (none applied yet, or a deploy ahead of its migration) answers every
 *   request with 503 naming them and the command, until they are applied (checked again per request).
 * - First tenant: with the secret BOOTSTRAP_API_KEY and an empty database, the first request creates
 *   tenant "default" with that admin key (no demo clinic: a Worker's database is a clinic's own).
 * - Webhooks: after a successful write, the outbox is delivered once the response is sent
 *   (`ctx.waitUntil`); the cron trigger (wrangler.toml) delivers what is left and retries that came due.
 *
 * Each isolate builds the app once, on its first request, and keeps it while the binding is the same.
 * What it keeps between requests are settled values only, never a promise: on Workers the I/O behind a
 * promise belongs to the request that started it, and ends with that request (finished or cancelled),
 * so another request awaiting it could wait forever. Until one request has checked the schema (and made
 * the first tenant), each request checks for itself.
 */
import { drizzle } from 'drizzle-orm/d1';
import { configuredAppDeps } from './app-config';
import { buildApp, buildServices, type App, type AppDeps } from './app';
import { outboundSenders } from './channels/outbound';
import { createPatientMessages, type PatientMessages } from './channels/patient-messages';
import { createLogger, type Logger } from './api/logger';
import { ConfigError, configWarnings, coreSettings, loadConfig, type Config } from './config';
import { buildCore } from './core';
import { randomIds, systemClock } from './core/clock';
import { hashApiKey } from './core/keys';
import { createWebhookWorker, type WebhookWorker } from './core/webhooks/worker';
import type { AppDatabase } from './db/database';
import { createRepositories } from './db/repos';
import { forgetExpired, type Forgotten } from './core/housekeeping';
import * as schema from './db/schema';
import { dohResolveHost } from './webhooks/doh-resolve-host';
import { createFetchSender } from './webhooks/fetch-sender';
import migrationJournal from './db/migrations/meta/_journal.json' with { type: 'json' };
import packageJson from '../package.json' with { type: 'json' };

/** The hourly cron trigger (wrangler.toml), which also forgets what is kept only for a while. */
const HOUSEKEEPING_CRON = '0 * * * *';

/** The bindings wrangler.toml declares, and the Worker's variables and secrets. */
export interface Env {
  /** D1Database */
  DB: unknown;
  /** swagger-ui-dist's files (wrangler.toml `[assets]`), for /docs */
  ASSETS?: { fetch(request: Request | string): Promise<Response> };
  [setting: string]: unknown;
}

/** The part of the Workers ExecutionContext used here. */
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

interface Instance {
  db: unknown;
  app: App;
  /**
   * A delivery run's own worker: on Workers, what one request's handler started (a fetch, a D1 query)
   * cannot be awaited by another's, so runs share nothing but the database (which keeps two runs from
   * sending one delivery, as it does for two processes).
   */
  webhooks: () => WebhookWorker;
  logger: Logger;
  /** reminders and waitlist offers sent on the patients' channels (channels/patient-messages.ts) */
  patientMessages: PatientMessages;
  /** forgets what is kept only for a while (core/housekeeping.ts): the hourly cron trigger runs it */
  housekeeping: () => Promise<Forgotten>;
  /**
   * The schema check and the first tenant (when BOOTSTRAP_API_KEY asks for one), run by each request
   * until one of them succeeds; a failure is tried again by the next request.
   */
  prepare: () => Promise<void>;
  /** a request's `prepare` has succeeded: later requests skip it */
  ready: boolean;
}

/** What a misconfigured Worker answers with: the settings error, until the settings are fixed. */
class Misconfigured {
  constructor(readonly detail: string) {}
}

let instance: Instance | Misconfigured | null = null;

/**
 * Settings that only mean something to a Node process: a Worker has no port, address, database file,
 * demo seed, poll loop or browser, so their values are not read (a leftover `PORT = "80a"` among the variables
 * would otherwise answer every request with 503 over a setting the Worker never uses).
 */
const NODE_ONLY_SETTINGS = new Set([
  'PORT',
  'HOST',
  'DATABASE_PATH',
  'SEED_DEMO',
  'WEBHOOK_POLL_INTERVAL_MS',
  // WhatsApp Web drives a browser: a Node process's channel only
  'WHATSAPP_WEB',
  'WHATSAPP_WEB_SESSION_DIR',
  'WHATSAPP_WEB_BROWSER',
]);

function settingsOf(env: Env): Record<string, string | undefined> {
  const settings: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string' && !NODE_ONLY_SETTINGS.has(name)) settings[name] = value;
  return settings;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The migrations this version needs, as `wrangler d1 migrations apply` records them (`d1_migrations.name`). */
const MIGRATIONS = migrationJournal.entries.map((entry) => `${entry.tag}.sql`);

/** The database lacks migrations this version needs: every request answers 503 with this detail. */
class SchemaBehind extends Error {}

interface D1Like {
  prepare(query: string): { all<T>(): Promise<{ results: T[] }> };
}

/**
 * The migrations of MIGRATIONS that wrangler has not recorded as applied. A database whose schema was
 * made some other way (no `d1_migrations` table, but agendador's tables) is taken as it is.
 */
async function checkSchema(d1: D1Like): Promise<void> {
  const tables = new Set(
    (await d1.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('d1_migrations', 'api_keys')`).all<{ name: string }>()).results.map(
      (row) => row.name,
    ),
  );
  let missing: string[];
  if (tables.has('d1_migrations')) {
    const applied = new Set((await d1.prepare('SELECT name FROM d1_migrations').all<{ name: string }>()).results.map((row) => row.name));
    missing = MIGRATIONS.filter((name) => !applied.has(name));
  } else {
    missing = tables.has('api_keys') ? [] : MIGRATIONS;
  }
  if (missing.length === 0) return;
  const state = missing.length === MIGRATIONS.length ? 'has none of its migrations applied' : `lacks migrations ${missing.join(', ')}`;
  throw new SchemaBehind(
    `The database ${state}: run \`npx wrangler d1 migrations apply agendador --remote\` ` +
      '(--local for wrangler dev), then send the request again',
  );
}

/** On an empty database, tenant "default" with BOOTSTRAP_API_KEY as its admin key. */
async function bootstrap(config: Config, core: ReturnType<typeof buildCore>, repos: ReturnType<typeof createRepositories>, logger: Logger) {
  const secret = config.BOOTSTRAP_API_KEY;
  if (!secret) return;
  const hash = await hashApiKey(secret);
  if (await repos.apiKeys.findActiveByHash(hash)) return;
  // the tenant and its key are one atomic step: a request (or isolate) that finds a tenant finds its key
  if (await core.keys.bootstrap(secret, 'default')) logger.info('Created tenant "default" with the key from BOOTSTRAP_API_KEY');
  // (another request or isolate, starting at the same moment, made it)
  else if (!(await repos.apiKeys.findActiveByHash(hash))) {
    logger.warn(
      'BOOTSTRAP_API_KEY was not used: the database already has tenants and no active key of that value ' +
        '(it creates tenant "default" only on an empty database)',
    );
  }
}

function instanceFor(env: Env): Instance | Misconfigured {
  if (instance && (instance instanceof Misconfigured || instance.db === env.DB)) return instance;
  let config: Config;
  try {
    config = loadConfig(settingsOf(env));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return (instance = new Misconfigured(`The server's settings are invalid: ${err.message}`));
  }
  const logger = createLogger(config.LOG_LEVEL, (line) => console.log(line));
  for (const warning of configWarnings(config)) logger.warn(warning);
  const db = drizzle(env.DB as never, { schema }) as unknown as AppDatabase;
  const repos = createRepositories(db);
  const clock = systemClock;
  const ids = randomIds;
  const settings = coreSettings(config);
  const network = { resolveHost: dohResolveHost() };
  const assets = env.ASSETS;
  const appDeps: AppDeps = {
    repos,
    clock,
    ids,
    version: packageJson.version,
    logger,
    docsAssets: assets ? assetLoader(assets) : undefined,
    network,
    ...configuredAppDeps(config, logger),
    // a promise's I/O belongs to its request: nothing in flight is shared between requests
    requestScopedIo: true,
  };
  const services = buildServices(appDeps);
  const app = buildApp(appDeps, services);
  const patientMessages = createPatientMessages({
    core: services.core,
    messages: repos.outboundMessages,
    replies: repos.channelReplies,
    conversations: services.conversations,
    senders: outboundSenders(config),
    clock,
    ids,
    log: logger,
    reminderTime: config.REMINDER_TIME,
    reminders: config.REMINDERS,
  });
  const sender = createFetchSender({ allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_URLS });
  const webhooks = () =>
    createWebhookWorker({
      store: repos.webhookDeliveries,
      sender,
      clock,
      ids,
      random: Math.random,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
      retrySchedule: config.WEBHOOK_RETRY_SCHEDULE,
      timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000,
      userAgent: `agendador-webhooks/${packageJson.version}`,
      onError: (err, where) => logger.error('webhook worker error', { where, error: messageOf(err) }),
    });
  const core = buildCore(repos, clock, ids, settings, { network });
  const prepare = async () => {
    await checkSchema(env.DB as D1Like);
    await bootstrap(config, core, repos, logger);
  };
  const housekeeping = () => forgetExpired(repos, clock);
  return (instance = { db: env.DB, app, webhooks, patientMessages, logger, housekeeping, prepare, ready: false });
}

const SWAGGER_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** The API viewer's files from the static assets (swagger-ui-dist), so /docs needs no CDN here either. */
function assetLoader(assets: NonNullable<Env['ASSETS']>) {
  return async (name: string) => {
    const contentType = SWAGGER_TYPES[name];
    if (!contentType) return null;
    const response = await assets.fetch(`https://assets.local/${name}`);
    return response.ok ? { body: await response.text(), contentType } : null;
  };
}

/** The schema check and first tenant, by this request unless an earlier one has done them. */
async function ensureReady(current: Instance): Promise<void> {
  if (current.ready) return;
  await current.prepare();
  current.ready = true;
}

/** Sends what is due; a failure is logged (the next run finds the same deliveries). */
function deliver(current: Instance): Promise<void> {
  return current.webhooks().runOnce().catch((err: unknown) => current.logger.error('webhook delivery run failed', { error: messageOf(err) }));
}

/** Sends the patient messages due (a cancellation's waitlist offers), after planning the reminders due when `plan`; failures are logged. */
function sendPatientMessages(current: Instance, plan: boolean): Promise<void> {
  const messages = current.patientMessages;
  return (plan ? messages.runOnce() : messages.sendDue()).then(
    (run) => {
      if (Object.values(run).some((n) => n > 0)) current.logger.info('patient messages', { ...run });
    },
    (err: unknown) => current.logger.error('patient messages run failed', { error: messageOf(err) }),
  );
}

/**
 * The writes that may offer a freed time to the waitlist (an appointment cancelled or moved, by the API or in a
 * conversation; an offer given back), whose message then goes out right after the response.
 */
const WRITES_OFFERS = /^\/(?:v1\/scheduling\/(?:appointments|waitlist|conversation)|channels)(?:\/|$)/;

/** Reminders are planned every this many minutes of the every-minute trigger (a read of the next day and a half's appointments). */
const PLAN_EVERY_MINUTES = 5;

function unavailable(detail: string): Response {
  return new Response(JSON.stringify({ detail }), { status: 503, headers: { 'content-type': 'application/json' } });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const current = instanceFor(env);
    if (current instanceof Misconfigured) return unavailable(current.detail);
    try {
      await ensureReady(current);
    } catch (err) {
      if (err instanceof SchemaBehind) {
        current.logger.error('database schema behind', { error: err.message });
        return unavailable(err.message);
      }
      current.logger.error('first tenant not created', { error: messageOf(err) });
      return unavailable(`The server could not create its first tenant: ${messageOf(err)}`);
    }
    const response = await current.app.fetch(request);
    // a write may have put events in the outbox: deliver them once the answer is on its way
    if (request.method !== 'GET' && request.method !== 'HEAD' && response.status < 300) {
      ctx.waitUntil(deliver(current));
      // and the waitlist offers it may have written (a cancellation, a reschedule, an offer given back); the
      // minute's cron sends any a change elsewhere wrote
      if (WRITES_OFFERS.test(new URL(request.url).pathname)) ctx.waitUntil(sendPatientMessages(current, false));
    }
    return response;
  },

  /**
   * The cron triggers: every minute, deliveries that came due (retries) and any the requests' own runs
   * left, and the patient messages due (reminders planned every PLAN_EVERY_MINUTES); every hour
   * (HOUSEKEEPING_CRON), the same and what is kept only for a while forgotten.
   */
  async scheduled(controller: { cron?: string; scheduledTime?: number }, env: Env, ctx: ExecutionContext): Promise<void> {
    const current = instanceFor(env);
    if (current instanceof Misconfigured) {
      console.error(current.detail);
      return;
    }
    try {
      // the schema check (and first tenant) as a request would: no delivery run on a database behind its migrations
      await ensureReady(current);
    } catch (err) {
      current.logger.error('webhook delivery skipped', { error: messageOf(err) });
      return;
    }
    ctx.waitUntil(deliver(current));
    const minute = new Date(controller.scheduledTime ?? Date.now()).getUTCMinutes();
    ctx.waitUntil(sendPatientMessages(current, minute % PLAN_EVERY_MINUTES === 0));
    if (controller.cron === HOUSEKEEPING_CRON) {
      ctx.waitUntil(
        current.housekeeping().then(
          (forgotten) => current.logger.info('housekeeping', { ...forgotten }),
          (err: unknown) => current.logger.error('housekeeping failed', { error: messageOf(err) }),
        ),
      );
    }
  },
};
