/**
 * Node entry (`npm start`): config → SQLite → migrate → take the port → first tenant (bootstrap key or
 * demo clinic) → serve → the webhook worker, the patient messages (reminders, waitlist offers) and
 * housekeeping in the background. The port is taken before any tenant is
 * written, so a port in use (or a bad HOST) stops start-up with no tenant made: the demo clinic is
 * seeded, and its key printed, by the first start that serves. Start-up work stays minimal so that
 * /health answers within a few seconds. SIGTERM/SIGINT (or, under npm, the end of the npm process)
 * stop the worker (attempts in flight give their leases back), the patient messages' run in progress and
 * WhatsApp Web (WHATSAPP_WEB: started once the server listens, sharing the API's conversation runtime),
 * then the server, then the database.
 */
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { ConfigError, configWarnings, coreSettings, loadConfig, whatsAppWebBrowser, type Config } from './config';
import { configuredAppDeps } from './app-config';
import { buildApp, buildServices, type AppDeps } from './app';
import { createLogger } from './api/logger';
import { nodeDocsAssets } from './api/node-docs-assets';
import { answerClientErrorsAsJson } from './api/node-client-errors';
import { buildCore } from './core';
import { randomIds, systemClock } from './core/clock';
import { checkpointInBackground, DatabaseOpenError, keepStatisticsFresh, openDatabase, type SqliteHandle } from './db/client.sqlite';
import { createRepositories } from './db/repos';
import { DEMO_CLINIC, demoKeyLines, seedDemoClinic, withWriteLock } from './demo-seed';
import { hashApiKey } from './core/keys';
import { keepForgetting } from './node-housekeeping';
import type { CoreSettings } from './core/deps';
import { resolveHost } from './webhooks/resolve-host';
import { createNodeWebhookWorker } from './webhooks/node-worker';
import { outboundSenders } from './channels/outbound';
import { startWhatsAppWeb } from './channels/whatsapp-web';
import { createPatientMessages } from './channels/patient-messages';
import { keepSendingPatientMessages } from './node-patient-messages';
import packageJson from '../package.json' with { type: 'json' };

/** How often a server started by npm checks that its parent is still there. */
const PARENT_WATCH_INTERVAL_MS = 500;

/**
 * What start-up did about the first tenant. `bootstrap-unused`: BOOTSTRAP_API_KEY is set, but the database
 * already has tenants and no active key of that value, so the key was not created and will not work.
 * `empty`: the database has no tenant and none was made (SEED_DEMO=0), so no key can reach the server yet.
 * `existing`: a later start on a database that has tenants (keys were shown when they were made);
 * `demoTenant` names the demo clinic's tenant when it is one of them.
 */
type FirstTenant =
  | { kind: 'bootstrap' }
  | { kind: 'bootstrap-unused' }
  | { kind: 'demo'; tenantId: string; apiKey: string }
  | { kind: 'empty' }
  | { kind: 'existing'; demoTenant: string | null }
  | null;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The host for the URLs start-up prints: `localhost` when the server listens on every address or on
 * the usual loopback one, else the one address it is bound to (where `localhost` would not reach it).
 */
function urlHost(host: string): string {
  if (['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Why the server cannot listen, in the operator's terms (the setting to change). */
function listenFailure(config: Config, err: NodeJS.ErrnoException): string {
  const where = `Cannot listen on ${config.HOST}:${config.PORT}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `${where}: port ${config.PORT} is already in use (EADDRINUSE); stop what uses it or set PORT to another port`;
    case 'EACCES':
      return `${where}: permission denied (EACCES); ports below 1024 need privileges, set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${where}: HOST '${config.HOST}' is not an address of this machine (${err.code}); set HOST, e.g. 0.0.0.0 or 127.0.0.1`;
    default:
      return `${where}: ${err.code ?? err.message}`;
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  let handle: SqliteHandle;
  try {
    handle = openDatabase(config.DATABASE_PATH);
  } catch (err) {
    const reason = err instanceof DatabaseOpenError ? err.reason : messageOf(err);
    fail(`Cannot open the database at ${config.DATABASE_PATH} (DATABASE_PATH): ${reason}`);
  }

  const clock = systemClock;
  const ids = randomIds;
  const repos = createRepositories(handle.db);
  const settings: CoreSettings = coreSettings(config);
  const network = { resolveHost };
  const core = buildCore(repos, clock, ids, settings, { network });

  // Requests that arrive before the first tenant is prepared wait for it (the seed holds the connection).
  let serveRequest: ((request: Request) => Promise<Response>) | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const server = createAdaptorServer({
    fetch: async (request: Request): Promise<Response> => {
      if (!serveRequest) await ready;
      return serveRequest!(request);
    },
    hostname: config.HOST,
  });
  answerClientErrorsAsJson(server);
  let info: AddressInfo;
  try {
    info = await new Promise<AddressInfo>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      });
    });
  } catch (err) {
    handle.close();
    fail(listenFailure(config, err as NodeJS.ErrnoException));
  }
  server.on('error', (err: NodeJS.ErrnoException) => {
    handle.close();
    fail(listenFailure(config, err));
  });

  let first: FirstTenant;
  try {
    // One write transaction: the emptiness check and the seed are one step.
    first = await withWriteLock(handle.sqlite, async (): Promise<FirstTenant> => {
      if ((await repos.tenants.count()) > 0) {
        const bootstrapKey = config.BOOTSTRAP_API_KEY;
        if (bootstrapKey) return (await repos.apiKeys.findActiveByHash(await hashApiKey(bootstrapKey))) ? null : { kind: 'bootstrap-unused' };
        return { kind: 'existing', demoTenant: (await repos.tenants.findByName(DEMO_CLINIC.tenant)) ? DEMO_CLINIC.tenant : null };
      }
      if (config.BOOTSTRAP_API_KEY) {
        await core.keys.bootstrap(config.BOOTSTRAP_API_KEY, 'default');
        return { kind: 'bootstrap' };
      }
      if (config.SEED_DEMO) return { kind: 'demo', ...(await seedDemoClinic(core, clock)) };
      return { kind: 'empty' };
    });
  } catch (err) {
    handle.close();
    fail(`Cannot prepare the first tenant: ${messageOf(err)}`);
  }

  const logger = createLogger(config.LOG_LEVEL);
  for (const warning of configWarnings(config)) logger.warn(warning);
  if (first?.kind === 'bootstrap-unused') {
    logger.warn(
      'BOOTSTRAP_API_KEY was not used: the database already has tenants and no active key of that value ' +
        '(it creates tenant "default" only on an empty database); create a key with `npm run cli -- keys create`',
    );
  }
  // WAL checkpoints on a thread of their own, not inside a request's COMMIT (a file's: `:memory:` has no WAL)
  const stopCheckpointing =
    config.DATABASE_PATH === ':memory:'
      ? async () => {}
      : checkpointInBackground(handle, config.DATABASE_PATH, (err) =>
          logger.warn('WAL checkpoint thread failed; the server checkpoints by itself', { error: messageOf(err) }),
        );
  const appDeps: AppDeps = {
    repos,
    clock,
    ids,
    version: packageJson.version,
    logger,
    docsAssets: nodeDocsAssets(),
    network,
    ...configuredAppDeps(config, logger),
  };
  // one conversation runtime for the HTTP API and WhatsApp Web, so that turns of one conversation queue together
  const services = buildServices(appDeps);
  const app = buildApp(appDeps, services);

  const worker = createNodeWebhookWorker(repos.webhookDeliveries, clock, ids, {
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_URLS,
    retrySchedule: config.WEBHOOK_RETRY_SCHEDULE,
    timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000,
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    userAgent: `agendador-webhooks/${packageJson.version}`,
    onError: (err, where) => logger.error('webhook worker error', { where, error: messageOf(err) }),
  });
  // A write may have put events in the outbox: the worker looks at once instead of at its next poll.
  // (Writes by other processes on the same file are found by polling.)
  serveRequest = async (request: Request): Promise<Response> => {
    const response = await app.fetch(request);
    if (request.method !== 'GET' && request.method !== 'HEAD' && response.status < 300) worker.nudge();
    return response;
  };
  markReady();

  worker.start();
  const stopOptimizing = keepStatisticsFresh(handle.sqlite);
  // expired idempotency keys and old channel replies forgotten hourly, the first time a minute from now
  const stopForgetting = keepForgetting(repos, clock, logger);
  // after the server listens; a browser that is missing or fails is logged and leaves the API running
  const whatsApp = config.WHATSAPP_WEB
    ? startWhatsAppWeb(
        { sessionDir: config.WHATSAPP_WEB_SESSION_DIR, browser: whatsAppWebBrowser(config) },
        services.channelInbox,
        { replies: repos.channelReplies, clock, ids },
        logger,
      )
    : null;
  // the senders of messages the clinic starts (reminders, waitlist offers): WhatsApp Web's while it runs, else the Cloud API's or Twilio's
  const outbound = outboundSenders(config, { whatsappWeb: whatsApp?.sender ?? null });
  logger.info('outbound senders', { whatsapp: outbound.whatsapp?.name ?? null, sms: outbound.sms?.name ?? null });

  // reminders and waitlist offers, sent on the patients' channels (WhatsApp Web's sender sends only once it is ready)
  const patientMessages = createPatientMessages({
    core: services.core,
    messages: repos.outboundMessages,
    replies: repos.channelReplies,
    conversations: services.conversations,
    senders: outbound,
    clock,
    ids,
    log: logger,
    reminderTime: config.REMINDER_TIME,
    reminders: config.REMINDERS,
  });
  const stopPatientMessages = keepSendingPatientMessages(patientMessages, logger);

  let stopping = false;
  const stop = () => {
    if (stopping) {
      // A second signal: stop waiting for requests in flight.
      if ('closeAllConnections' in server) server.closeAllConnections();
      return;
    }
    stopping = true;
    stopOptimizing();
    const forgettingStopped = stopForgetting();
    // Requests in flight may finish; idle keep-alive connections are dropped at once.
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, 5_000);
    force.unref();
    const workerStopped = worker.stop().catch((err: unknown) => logger.error('webhook worker stop failed', { error: messageOf(err) }));
    // the WhatsApp messages being answered finish, then the browser closes, before the database does
    // the messages being sent end before WhatsApp Web closes and the database with it
    const whatsAppStopped = stopPatientMessages()
      .then(() => whatsApp?.stop())
      .catch((err: unknown) => logger.error('WhatsApp Web stop failed', { error: messageOf(err) }));
    server.close(() => {
      clearTimeout(force);
      void Promise.all([workerStopped, whatsAppStopped, forgettingStopped, stopCheckpointing()]).then(() => {
        handle.close();
        process.exit(0);
      });
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Under `npm start` (or any npm script) the server's parent is the shell npm runs the script in. npm
  // passes a SIGTERM on to that shell, and a shell that does not exec its command (dash, /bin/sh on
  // Debian and Ubuntu) dies of it without passing it on, which would leave the server running with no
  // parent, holding the port. So, when npm started it, the parent's going stops the server as a
  // SIGTERM would.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    const watchParent = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watchParent);
      if (stopping) return;
      logger.warn('the process that started the server (npm) is gone; stopping');
      stop();
    }, PARENT_WATCH_INTERVAL_MS);
    watchParent.unref();
  }

  // Printed once the signals are handled, so that whoever waits for these lines may stop the server cleanly.
  const baseUrl = `http://${urlHost(config.HOST)}:${info.port}`;
  const lines: string[] = [];
  if (first?.kind === 'bootstrap') lines.push('Created tenant "default" with the key from BOOTSTRAP_API_KEY');
  if (first?.kind === 'demo') lines.push(...demoKeyLines(first.apiKey, baseUrl));
  if (first?.kind === 'empty') {
    lines.push('No tenants yet: create one and its API key with npm run cli -- keys create --tenant <name> --scopes read,write,admin');
  }
  if (first?.kind === 'existing') {
    // keys are shown once and stored hashed: a lost one cannot be shown again, only replaced
    const tenant = first.demoTenant === null ? '<name>' : JSON.stringify(first.demoTenant);
    lines.push(
      `Serving the tenants already in ${config.DATABASE_PATH}; their keys were shown when made. ` +
        `Another key: npm run cli -- keys create --tenant ${tenant} --scopes read,write,admin`,
    );
  }
  // Last, so that whoever waits for this line has everything printed before it.
  lines.push(`agendador listening on ${baseUrl}`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => fail(`agendador failed to start: ${messageOf(err)}`));
