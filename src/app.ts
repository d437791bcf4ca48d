/**
 * Builds the Hono app from its dependencies. No I/O on import: entry points (main.node.ts, tests,
 * later main.worker.ts) open the database and pass it in.
 */
import type { Context, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Clock, IdGenerator } from './core/clock';
import { buildCore, type Core } from './core';
import type { CoreSettings, Network } from './core/deps';
import type { Repositories } from './core/ports';
import { createRouter } from './api/create-router';
import { ApiError, onError, unrouted } from './api/errors';
import { allowedMethodsOf } from './api/allowed-methods';
import { createLogger, type Logger, type LogLevel } from './api/logger';
import { createCursorCodec } from './api/pagination';
import { authenticate } from './api/middleware/auth';
import { idempotency } from './api/middleware/idempotency';
import { refuseLoneSurrogates } from './api/lone-surrogates';
import { systemRouter, type DocsAssetLoader } from './api/routes/system';
import { apiKeysRouter } from './api/routes/api-keys';
import { locationsRouter } from './api/routes/locations';
import { appointmentTypesRouter } from './api/routes/appointment-types';
import { patientsRouter } from './api/routes/patients';
import { providersRouter } from './api/routes/providers';
import { appointmentsRouter } from './api/routes/appointments';
import { slotsRouter } from './api/routes/slots';
import { naturalLanguageRouter } from './api/routes/natural-language';
import { voiceRouter } from './api/routes/voice';
import { conversationRouter } from './api/routes/conversation';
import { createConversationRuntime, type ConversationRuntime } from '../machines/runtime/run-turn';
import { createChannelInbox, type ChannelInbox } from './channels/inbox';
import { channelTenant } from './channels/tenant';
import { twilioRouter, type TwilioSettings } from './channels/twilio';
import { whatsAppCloudRouter, type WhatsAppCloudSettings } from './channels/whatsapp-cloud';
import type { LanguageModel, Transcriber } from './core/language/types';
import { MAX_AUDIO_BYTES } from './core/language/voice';
import { waitlistRouter } from './api/routes/waitlist';
import { withOperationErrorExamples } from './api/openapi-examples';
import { withOperationIds } from './api/operation-ids';
import { webhooksRouter } from './api/routes/webhooks';
import { webhookDefinitions } from './api/schemas/webhook-events';
import { noShowRouter } from './api/routes/no-show';

export const API_BASE = '/v1/scheduling';
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
export const MAX_BODY_BYTES = 1024 * 1024;
/** POST /voice's body: the recording (at most MAX_AUDIO_BYTES) and a few form fields around it. */
export const MAX_VOICE_BODY_BYTES = MAX_AUDIO_BYTES + 64 * 1024;
const VOICE_PATHS = new Set([`${API_BASE}/voice`, `${API_BASE}/voice/`]);
/** Channel webhooks read their bodies themselves: a signature covers the bytes as sent, checked before anything else. */
const CHANNEL_PATHS = /^\/channels\//;

/** The most bytes a request body to `path` may have. */
function bodyLimitOf(path: string): number {
  return VOICE_PATHS.has(path) ? MAX_VOICE_BODY_BYTES : MAX_BODY_BYTES;
}

function bodyTooLargeDetail(max: number): string {
  return `Request body exceeds ${max} bytes`;
}

export interface AppDeps {
  repos: Repositories;
  clock: Clock;
  ids: IdGenerator;
  version: string;
  logLevel?: LogLevel;
  logger?: Logger;
  docsAssets?: DocsAssetLoader;
  settings?: CoreSettings;
  /** DNS for the webhook URL guard (without it, URLs must name IP addresses) */
  network?: Network;
  /** an LLM for the language layer's unsure cases; none: rules alone */
  languageModel?: LanguageModel | null;
  /** speech to text for POST /voice; none: it answers 503 */
  transcriber?: Transcriber | null;
  /** inactivity after which a conversation starts afresh (default 30) */
  conversationTimeoutMinutes?: number;
  /**
   * Workers (main.worker.ts): the I/O behind a promise belongs to the request that started it and ends
   * with it (finished or cancelled), so no request may await a promise another request made. With
   * this, nothing in flight is shared between requests: turns of one conversation are kept apart by
   * the database's lease alone, and no-show trainings are not shared. Node shares them (default false).
   */
  requestScopedIo?: boolean;
  /** the channels (WhatsApp, SMS): which tenant they serve (CHANNELS_TENANT: id or name; unset: the only tenant) */
  channels?: ChannelSettings;
}

export interface ChannelSettings {
  tenant?: string;
  /** Twilio's message webhook, POST /channels/twilio (TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, TWILIO_WEBHOOK_URL) */
  twilio?: TwilioSettings;
  /** the WhatsApp Business Cloud API webhook (WHATSAPP_CLOUD_*) */
  whatsappCloud?: WhatsAppCloudSettings;
}

/** What the app is built on, for an entry point that also takes messages off a channel of its own (WhatsApp Web). */
export interface AppServices {
  core: Core;
  logger: Logger;
  conversations: ConversationRuntime;
  channelInbox: ChannelInbox;
}

export function buildServices(deps: AppDeps): AppServices {
  const core: Core = buildCore(deps.repos, deps.clock, deps.ids, deps.settings, {
    languageModel: deps.languageModel,
    network: deps.network,
    transcriber: deps.transcriber,
    requestScopedIo: deps.requestScopedIo,
  });
  const logger = deps.logger ?? createLogger(deps.logLevel ?? 'info');
  const conversations = createConversationRuntime({
    core,
    store: deps.repos.conversations,
    clock: deps.clock,
    ids: deps.ids,
    timeoutMinutes: deps.conversationTimeoutMinutes ?? 30,
    requestScopedIo: deps.requestScopedIo,
  });
  const channelInbox = createChannelInbox({
    core,
    conversations,
    logger,
    tenantId: channelTenant(deps.repos.tenants, deps.channels?.tenant),
    requestScopedIo: deps.requestScopedIo,
  });
  return { core, logger, conversations, channelInbox };
}

/** JSON text is UTF-8 (RFC 8259); `fatal` refuses other bytes instead of replacing them with U+FFFD. A BOM is dropped. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A body declared as JSON is read here as strict UTF-8 and kept as the text the validator (and the
 * idempotency fingerprint) read, cached: Hono keeps it as a promise in bodyCache, which its types declare
 * as the value.
 * - Bytes that are not UTF-8 (a system writing Latin-1 sends 'ç' as the one byte 0xE7) are a 422, not
 *   text stored with each such byte silently turned into U+FFFD. A declared `charset` does not change
 *   this: JSON has no other encoding.
 * - A string holding a lone UTF-16 surrogate (`"\ud800"`) is a 422 too (api/lone-surrogates.ts).
 * - An empty body reads as `{}`: the optional bodies (confirm, cancel, …) may be left out by clients that
 *   always send the header, and a required field is then named by the 422 instead of "Malformed JSON".
 */
async function readJsonBodyText(c: Context, next: Next): Promise<void> {
  if (JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
    let text: string;
    try {
      text = STRICT_UTF8.decode(await c.req.arrayBuffer());
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      throw new ApiError(422, 'Request body is not valid UTF-8: send JSON text encoded as UTF-8 (e.g. \'ç\' as the bytes C3 A7)');
    }
    refuseLoneSurrogates(text);
    (c.req.bodyCache as Record<string, Promise<unknown>>).text = Promise.resolve(text.trim() === '' ? '{}' : text);
  }
  await next();
}

const RESCHEDULE_PATH = new RegExp(`^${API_BASE}/appointments/[^/]+/reschedule/?$`);

/**
 * A 201 carries `Location`, the URL of what it made: the collection's path plus the new id, and for a
 * reschedule the new appointment, with ids lowercase. Taken from the object a handler answers with (`c.json`), so that a
 * create's answer is not serialised and parsed again; a replayed 201 (the idempotency middleware answers
 * with the stored text) is parsed. Outside the idempotency middleware, so a replay carries it too.
 */
async function locationOfCreated(c: Context, next: Next): Promise<void> {
  if (c.req.method !== 'POST') return next();
  // lowercased: a path id may come in uppercase (schemas/common.ts: Uuid); a route's other segments are lowercase already
  const base = RESCHEDULE_PATH.test(c.req.path) ? `${API_BASE}/appointments` : c.req.path.replace(/\/+$/, '').toLowerCase();
  const locate = (res: Response, id: unknown) => {
    if (res.status === 201 && typeof id === 'string') res.headers.set('Location', `${base}/${encodeURIComponent(id)}`);
  };
  const json = c.json;
  c.json = ((object: unknown, ...rest: unknown[]) => {
    const res = (json as (...args: unknown[]) => Response)(object, ...rest);
    locate(res, (object as { id?: unknown } | null)?.id);
    return res;
  }) as typeof c.json;
  await next();
  if (c.res.status !== 201 || c.res.headers.has('Location') || c.res.headers.get('idempotent-replayed') !== 'true') return;
  try {
    locate(c.res, ((await c.res.clone().json()) as { id?: unknown }).id);
  } catch {
    // not JSON: nothing to point at
  }
}

/** `services`: built from `deps` unless the entry point built them first (to share them with a channel of its own). */
export function buildApp(deps: AppDeps, services: AppServices = buildServices(deps)) {
  const { core, logger, conversations } = services;
  // The value once read, never the promise of the read: on Workers a request awaiting another request's
  // read would wait forever if that request ended first. Requests that find no value yet each read it
  // (getOrInsert gives every one the same stored secret).
  let cursorSecret: string | undefined;
  const cursors = createCursorCodec(async () => (cursorSecret ??= await core.serverSettings.getOrInsert('cursor_secret', deps.ids.token())));

  const app = createRouter();
  app.onError(onError);
  // the route table is read on the first unrouted request, when every route is registered
  let answerUnrouted: ReturnType<typeof unrouted> | undefined;
  app.notFound((c) => (answerUnrouted ??= unrouted(allowedMethodsOf(app.routes)))(c));

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('core', core);
    c.set('cursors', cursors);
    c.set('logger', logger);
    c.set('conversations', conversations);
    const started = performance.now();
    await next();
    logger.debug('request', {
      request_id: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  // Only requests that carry a body. A declared Content-Length is checked from the header alone: the
  // body is not touched, so on Node the validator later reads it straight from the socket instead of
  // through a web Request built for the limit (a third of a small POST's HTTP cost). Chunked bodies
  // are counted as they stream, by Hono's middleware.
  const limitOf = (max: number) => {
    const refuse = () => {
      throw new ApiError(413, bodyTooLargeDetail(max));
    };
    return { max, refuse, streamed: bodyLimit({ maxSize: max, onError: refuse }) };
  };
  const jsonLimit = limitOf(MAX_BODY_BYTES);
  const voiceLimit = limitOf(MAX_VOICE_BODY_BYTES);
  app.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = VOICE_PATHS.has(c.req.path) ? voiceLimit : jsonLimit;
    const length = c.req.header('content-length');
    // a compressed body is not decoded here: read as it is, it would be "Malformed JSON"
    const coding = c.req.header('content-encoding')?.trim();
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && coding && coding.toLowerCase() !== 'identity') {
      throw new ApiError(415, `Content-Encoding '${coding}' is not accepted: send the body uncompressed`);
    }
    const read = CHANNEL_PATHS.test(c.req.path) ? next : () => readJsonBodyText(c, next);
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(length)) {
      return Number(length) > limit.max ? limit.refuse() : read();
    }
    return limit.streamed(c, read);
  });

  app.route('/', systemRouter(deps.version, deps.docsAssets ?? (async () => null)));
  // the channels' webhooks: authenticated by their provider's signature, not by an API key
  app.route('/', twilioRouter({ inbox: services.channelInbox, settings: deps.channels?.twilio, logger }));
  app.route(
    '/channels/whatsapp-cloud',
    whatsAppCloudRouter({
      settings: deps.channels?.whatsappCloud ?? {},
      inbox: services.channelInbox,
      replies: deps.repos.channelReplies,
      clock: deps.clock,
      ids: deps.ids,
      logger,
    }),
  );

  app.use(`${API_BASE}/*`, authenticate);
  app.use(`${API_BASE}/*`, locationOfCreated);
  app.use(`${API_BASE}/*`, idempotency);
  app.route(API_BASE, apiKeysRouter);
  app.route(API_BASE, locationsRouter);
  app.route(API_BASE, appointmentTypesRouter);
  app.route(API_BASE, patientsRouter);
  app.route(API_BASE, providersRouter);
  app.route(API_BASE, appointmentsRouter);
  app.route(API_BASE, slotsRouter);
  app.route(API_BASE, waitlistRouter);
  app.route(API_BASE, webhooksRouter);
  app.route(API_BASE, naturalLanguageRouter);
  app.route(API_BASE, voiceRouter);
  app.route(API_BASE, conversationRouter);
  app.route(API_BASE, noShowRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'ApiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'A key of one tenant. Scopes: `read` for GET, `write` for other writes, `admin` for keys and webhooks.',
  });
  // what the server POSTs to subscribers, under the document's top-level `webhooks` (not under API_BASE)
  for (const webhook of webhookDefinitions()) app.openAPIRegistry.registerWebhook(webhook);
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'agendador scheduling API',
      version: deps.version,
      description:
        'Scheduling gateway for Brazilian clinics. Errors are `{"detail": string}` (422 adds `errors[]`). ' +
        'Ids are UUIDs, accepted in any letter case and answered in lowercase. ' +
        'A path with one trailing slash is the same operation as the path listed here. ' +
        'A method a listed path does not have is 405 with `Allow` (OPTIONS: 204 with `Allow`). ' +
        'Datetimes are RFC 3339 (stored and returned in UTC with `Z`); dates (`YYYY-MM-DD`) and clock times ' +
        '(`HH:MM`) are local to the location they belong to. Lists take `limit` (1–200) and an opaque `cursor`. ' +
        'POST requests and DELETE /appointments/{id} accept an `Idempotency-Key` header (24 h).',
    },
    // relative to where this document is served (OpenAPI 3.1): the server's root, or a reverse proxy's
    // path prefix in front of it, so that the docs' "Try it out" reaches the API either way
    servers: [{ url: '.', description: 'This server (the directory /openapi.json is served from)' }],
    security: [{ ApiKey: [] }],
  };
  // built on the first request (the routes are all registered by then), with each operation's own error examples and name
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get('/openapi.json', (c) => c.json((document ??= withOperationIds(withOperationErrorExamples(app.getOpenAPI31Document(documentConfig), bodyLimitOf)))));

  return app;
}

export type App = ReturnType<typeof buildApp>;
