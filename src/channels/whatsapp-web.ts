/**
 * WhatsApp through whatsapp-web.js: a phone's own WhatsApp, linked as a device by scanning a QR code,
 * driven in a headless Chromium (CONVERSATION.md, "Channels"). Each message a patient writes to that
 * phone goes through the channel inbox (inbox.ts) and its reply is sent back to the same chat.
 *
 * - Only people's messages in one-to-one chats are answered: the phone's own messages, groups, status
 *   updates, broadcast lists, channels (newsletters) and system notices (a deleted message, a
 *   security-code change, a reaction…) are left alone, and make no patient.
 * - WhatsApp Web emits a message again after a reconnect: the inbox knows a message id it answered
 *   and gives its first reply, which is sent only if no earlier emission sent it (send-once.ts, a record
 *   in the database that survives a restart): "Duplicated deliveries are answered once".
 * - Messages of one chat are handled one after another, in the order they arrived.
 * - The session lives on disk (LocalAuth's dataPath), so a restart needs no new QR code. A dropped
 *   connection is re-initialized with a backoff.
 *
 * The connection's `sender` sends messages the clinic starts (outbound.ts) to a phone number, only
 * while the client is ready.
 *
 * `connectWhatsAppWeb` works on the few members of whatsapp-web.js's Client it needs, so that tests can
 * drive it with a fake client; `startWhatsAppWeb` builds the real one (main.node.ts, never on Workers).
 * Logs carry ids, never phones, names or text: a message's serialized id holds the chat's phone, so
 * logs name a message by its own part (`id.id`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Logger } from '../api/logger';
import { ValidationError } from '../core/errors';
import type { ChannelContent, ChannelInbox, ChannelMessage } from './inbox';
import type { OutboundMessage, OutboundSender } from './outbound';
import { unsendable } from './outbound-message';
import { sendOnce, type SendOnceDeps } from './send-once';

/** The members of whatsapp-web.js's Message read here. */
export interface WhatsAppWebMessage {
  id: { _serialized: string; id?: string };
  /** the chat: `<phone>@c.us`, `<lid>@lid`, `<group>@g.us`, `status@broadcast`, `<id>@newsletter` */
  from: string;
  fromMe: boolean;
  /** MessageTypes: `chat`, `ptt`, `audio`, `image`, … */
  type: string;
  body: string;
  isStatus?: boolean;
  broadcast?: boolean;
  downloadMedia(): Promise<{ data: string; mimetype?: string } | null | undefined>;
  getContact(): Promise<{ number?: string | null; pushname?: string | null }>;
  /** the raw message; `notifyName` is the sender's profile name */
  _data?: { notifyName?: string | null };
}

/** The members of whatsapp-web.js's Client used here (an EventEmitter). */
export interface WhatsAppWebClient {
  on(event: string, listener: (...args: any[]) => void): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: string): Promise<unknown>;
  /**
   * The WhatsApp id a number (digits with the country code, no '+') is registered under, or null when it
   * is not on WhatsApp; it finds Brazilian mobiles registered before the ninth digit.
   */
  getNumberId(number: string): Promise<{ _serialized: string } | null>;
}

export interface WhatsAppWebOptions {
  /** where the login QR code is printed (default: stdout) */
  output?: (text: string) => void;
  /** waits before each re-initialization after a disconnect or a failed start; the last one repeats */
  retryDelaysMs?: readonly number[];
  /**
   * An error of `initialize()` that retrying will not cure (the browser cannot be launched): the
   * message to log, after which the client is left stopped. null: log it and try again later.
   */
  fatalStartError?: (error: unknown) => string | null;
}

export interface WhatsAppWebConnection {
  /** initializes the client; false when it could not (logged, and retried unless it is fatal) */
  start(): Promise<boolean>;
  /** stops taking messages, waits (a while) for those being answered, then closes the client */
  stop(): Promise<void>;
  /** resolves once every message (and QR code) received so far has been dealt with */
  idle(): Promise<void>;
  /** sends messages the clinic starts through this client, while it is connected */
  sender: OutboundSender;
}

const DEFAULT_RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 300_000];
/** how long stop() waits for messages being answered, then for the browser to close */
const STOP_WAIT_MS = 5_000;
/** The adapter's name in `channel_replies` */
const REPLY_LOG_CHANNEL = 'whatsapp-web';

const PHONE_ID = /@(?:c\.us|s\.whatsapp\.net)$/i;
/** system notices that come as messages but are nobody writing */
const NOTICE_TYPES = new Set([
  'revoked',
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'protocol',
  'call_log',
  'ciphertext',
  'debug',
  'broadcast_notification',
  'reaction',
]);

/** Why a message is not for the conversation, or null when it is. */
function ignoredBecause(msg: WhatsAppWebMessage): string | null {
  if (msg.fromMe) return 'own';
  if (msg.from.endsWith('@g.us')) return 'group';
  if (msg.isStatus || msg.from === 'status@broadcast') return 'status';
  if (msg.broadcast || msg.from.endsWith('@broadcast')) return 'broadcast';
  if (msg.from.endsWith('@newsletter')) return 'newsletter';
  if (NOTICE_TYPES.has(msg.type)) return 'notice';
  return null;
}

function contentOf(msg: WhatsAppWebMessage): ChannelContent {
  if (msg.type === 'chat') return { kind: 'text', text: msg.body ?? '' };
  if (msg.type === 'ptt' || msg.type === 'audio') {
    return {
      kind: 'audio',
      bytes: async () => {
        const media = await msg.downloadMedia();
        // media WhatsApp no longer has (an old message) comes back empty
        if (!media?.data) throw new ValidationError('The voice note could not be downloaded');
        return new Uint8Array(Buffer.from(media.data, 'base64'));
      },
    };
  }
  return { kind: 'other' };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error's message as a reason: its first line, without anything that looks like a phone number or a chat id. */
function reasonOf(error: unknown): string {
  const text = messageOf(error).split('\n')[0]!.replace(/\+?\d[\d\s().-]{5,}\d(@[\w.]+)?/g, '<number>');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** how long an outbound message's lookup, then its send, may take: the page's calls have no limit of their own */
const OUTBOUND_STEP_TIMEOUT_MS = 30_000;

class StepTimeout extends Error {}

/** The promise's value, or a StepTimeout after `ms` (the promise itself runs on). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StepTimeout()), ms);
    timer.unref();
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/**
 * Messages the clinic starts, through a whatsapp-web.js client: the number is resolved to the id WhatsApp
 * knows it by (`getNumberId`, which finds mobiles registered without the ninth digit), then sent to. Only
 * while `connected()` (between the client's `ready` and a disconnect): 'not connected' otherwise. Each
 * step waits at most `timeoutMs` (default 30 s); a send that timed out may still go out later.
 */
export function whatsAppWebSender(
  client: Pick<WhatsAppWebClient, 'getNumberId' | 'sendMessage'>,
  connected: () => boolean,
  timeoutMs = OUTBOUND_STEP_TIMEOUT_MS,
): OutboundSender {
  const late = (step: string) => `${step}: no answer in ${timeoutMs / 1000} s`;
  return {
    channel: 'whatsapp',
    name: 'whatsapp-web',
    async send(message: OutboundMessage): Promise<string | null> {
      const refused = unsendable(message);
      if (refused !== null) return refused;
      if (!connected()) return 'not connected';
      let chatId: string;
      try {
        const id = await within(client.getNumberId(message.to.slice(1)), timeoutMs);
        if (!id?._serialized) return 'not on WhatsApp';
        chatId = id._serialized;
      } catch (error) {
        return error instanceof StepTimeout ? late('number not looked up') : `number not looked up: ${reasonOf(error)}`;
      }
      // the lookup may have outlasted the connection
      if (!connected()) return 'not connected';
      try {
        await within(client.sendMessage(chatId, message.text), timeoutMs);
        return null;
      } catch (error) {
        return error instanceof StepTimeout ? `${late('not sent')} (it may still go out)` : `not sent: ${reasonOf(error)}`;
      }
    },
  };
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void promise.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}

export function connectWhatsAppWeb(
  client: WhatsAppWebClient,
  inbox: ChannelInbox,
  sendLog: SendOnceDeps,
  logger: Logger,
  options: WhatsAppWebOptions = {},
): WhatsAppWebConnection {
  const output = options.output ?? ((text: string) => void process.stdout.write(text));
  const retryDelays = options.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS;
  let stopped = false;
  /** between the client's 'ready' and a disconnect (or stop) */
  let ready = false;
  let failedStarts = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  /** the last message handled (or waiting) in each chat */
  const chats = new Map<string, Promise<void>>();
  /** everything under way: messages, QR codes */
  const pending = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  /** The sender's address and profile name: a LID names no phone, its contact does. */
  async function senderOf(msg: WhatsAppWebMessage): Promise<{ from: string; name: string | null }> {
    const notifyName = msg._data?.notifyName ?? null;
    if (PHONE_ID.test(msg.from) && notifyName) return { from: msg.from, name: notifyName };
    try {
      const contact = await msg.getContact();
      const from = PHONE_ID.test(msg.from) ? msg.from : contact.number?.trim() || msg.from;
      return { from, name: contact.pushname || notifyName };
    } catch (error) {
      logger.warn('whatsapp-web: contact not read', { message_id: msg.id.id ?? null, error: messageOf(error) });
      return { from: msg.from, name: notifyName };
    }
  }

  async function answer(msg: WhatsAppWebMessage): Promise<void> {
    const logId = msg.id.id ?? null;
    try {
      const sender = await senderOf(msg);
      const message: ChannelMessage = {
        channel: 'whatsapp',
        from: sender.from,
        messageId: msg.id._serialized,
        senderName: sender.name,
        content: contentOf(msg),
      };
      const { reply, patientId } = await inbox.receive(message);
      if (reply === null) return;
      // a message emitted again (after a reconnect, or a restart) is answered once: its reply is sent
      // unless an earlier emission sent it
      const sending = await sendOnce(sendLog, REPLY_LOG_CHANNEL, msg.id._serialized, async () => {
        try {
          await client.sendMessage(msg.from, reply);
          return null;
        } catch (error) {
          return messageOf(error);
        }
      });
      if (sending.outcome === 'failed') {
        logger.error('whatsapp-web: reply not sent', { message_id: logId, patient_id: patientId, error: sending.reason });
      } else if (sending.outcome === 'busy') {
        logger.warn('whatsapp-web: reply being sent by an earlier emission; not sent again', { message_id: logId, patient_id: patientId });
      }
    } catch (error) {
      // the inbox answers what the patient sent; this is the adapter's own failure
      logger.error('whatsapp-web: message not handled', { message_id: logId, error: messageOf(error) });
    }
  }

  client.on('message', (msg: WhatsAppWebMessage) => {
    if (stopped) return;
    const ignored = ignoredBecause(msg);
    if (ignored !== null) {
      logger.debug('whatsapp-web: message ignored', { reason: ignored, message_id: msg.id?.id ?? null });
      return;
    }
    const previous = chats.get(msg.from) ?? Promise.resolve();
    const handled = previous.then(() => answer(msg));
    chats.set(msg.from, handled);
    void handled.then(() => {
      if (chats.get(msg.from) === handled) chats.delete(msg.from);
    });
    track(handled);
  });

  client.on('qr', (qr: string) => {
    logger.info('whatsapp-web: waiting for the QR code to be scanned');
    track(
      QRCode.toString(qr, { type: 'terminal', small: true }).then(
        (drawing) => output(`${drawing}\nScan this QR code with the clinic's phone in WhatsApp > Linked devices > Link a device.\n`),
        (error: unknown) => logger.error('whatsapp-web: QR code not drawn', { error: messageOf(error) }),
      ),
    );
  });
  client.on('authenticated', () => logger.info('whatsapp-web: authenticated'));
  client.on('ready', () => {
    failedStarts = 0;
    ready = !stopped;
    logger.info('whatsapp-web: ready; answering messages');
  });
  client.on('auth_failure', (reason: unknown) => {
    ready = false;
    logger.error(
      'whatsapp-web: authentication failed: WhatsApp did not accept the saved session; stop the server, delete the session folder ' +
        '(WHATSAPP_WEB_SESSION_DIR) and start it again to link the phone anew by QR code',
      { reason: messageOf(reason) },
    );
  });
  client.on('disconnected', (reason: unknown) => {
    ready = false;
    if (stopped) return;
    if (reason === 'LOGOUT') {
      // whatsapp-web.js removes the session and shows the login page again, which emits a new QR code
      logger.warn('whatsapp-web: the phone logged this device out; scan the new QR code to link it again');
      return;
    }
    logger.warn('whatsapp-web: disconnected', { reason: messageOf(reason) });
    retryLater();
  });

  function retryLater(): void {
    if (stopped || retryTimer) return;
    const delay = retryDelays[Math.min(failedStarts, retryDelays.length - 1)]!;
    failedStarts++;
    logger.info('whatsapp-web: reconnecting', { in_ms: delay, attempt: failedStarts });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      ready = false;
      if (stopped) return;
      void client
        .destroy()
        .catch(() => {})
        .then(() => (stopped ? false : start()));
    }, delay);
    retryTimer.unref();
  }

  async function start(): Promise<boolean> {
    try {
      await client.initialize();
      return !stopped;
    } catch (error) {
      if (stopped) return false;
      const fatal = options.fatalStartError?.(error) ?? null;
      if (fatal !== null) {
        logger.error(fatal);
        stopped = true;
        return false;
      }
      logger.error('whatsapp-web: could not start', { error: messageOf(error) });
      retryLater();
      return false;
    }
  }

  async function idle(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  }

  return {
    start,
    idle,
    sender: whatsAppWebSender(client, () => ready && !stopped),
    async stop() {
      stopped = true;
      ready = false;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      await withTimeout(idle(), STOP_WAIT_MS);
      await withTimeout(
        client.destroy().catch((error: unknown) => logger.warn('whatsapp-web: browser not closed cleanly', { error: messageOf(error) })),
        STOP_WAIT_MS,
      );
    },
  };
}

export interface WhatsAppWebSettings {
  /** WHATSAPP_WEB_SESSION_DIR: LocalAuth's dataPath */
  sessionDir: string;
  /** WHATSAPP_WEB_BROWSER: the Chrome or Chromium executable */
  browser: string;
}

const INSTALL_HINT = 'install Chromium (apt-get install chromium) or set WHATSAPP_WEB_BROWSER to a Chrome or Chromium executable';

/** The Client's options: headless Chromium, the session on disk; no sandbox only as root, where Chromium refuses to start with one. */
export function whatsAppWebClientOptions(settings: WhatsAppWebSettings, runningAsRoot = process.getuid?.() === 0) {
  return {
    puppeteer: {
      executablePath: settings.browser,
      headless: true,
      args: runningAsRoot ? ['--no-sandbox', '--disable-setuid-sandbox'] : [],
    },
    // the WhatsApp Web page of the version in use, kept beside the session instead of in the working directory
    webVersionCache: { type: 'local' as const, path: join(settings.sessionDir, 'web-version-cache') },
  };
}

/** The real whatsapp-web.js Client, logged in with the session in `sessionDir`. */
export async function createWhatsAppWebClient(settings: WhatsAppWebSettings): Promise<WhatsAppWebClient> {
  const { Client, LocalAuth } = (await import('whatsapp-web.js')).default;
  return new Client({ ...whatsAppWebClientOptions(settings), authStrategy: new LocalAuth({ dataPath: settings.sessionDir }) });
}

/** What to log when puppeteer cannot launch the browser (retrying would not help), else null. */
function browserLaunchFailure(browser: string) {
  return (error: unknown): string | null => {
    const text = messageOf(error);
    if (!/Failed to launch the browser process|Browser was not found|executablePath|ENOENT|EACCES/i.test(text)) return null;
    return `WhatsApp Web is off: the browser ${browser} (WHATSAPP_WEB_BROWSER) could not be launched: ${text.split('\n')[0]}; ${INSTALL_HINT}. The HTTP API keeps running.`;
  };
}

/**
 * Starts WhatsApp Web in the background. A missing browser is told at once (synchronously, in the log)
 * and leaves the channel off (`sender` null); the rest of the server keeps running either way. `sender`
 * sends messages the clinic starts while the client is connected.
 */
export function startWhatsAppWeb(
  settings: WhatsAppWebSettings,
  inbox: ChannelInbox,
  sendLog: SendOnceDeps,
  logger: Logger,
  options: Omit<WhatsAppWebOptions, 'fatalStartError'> & { createClient?: (settings: WhatsAppWebSettings) => Promise<WhatsAppWebClient> } = {},
): { started: Promise<boolean>; stop(): Promise<void>; sender: OutboundSender | null } {
  if (!existsSync(settings.browser)) {
    logger.error(`WhatsApp Web is off: there is no browser at ${settings.browser} (WHATSAPP_WEB_BROWSER); ${INSTALL_HINT}. The HTTP API keeps running.`);
    return { started: Promise.resolve(false), stop: async () => {}, sender: null };
  }
  let stopping = false;
  const { createClient = createWhatsAppWebClient, ...connectOptions } = options;
  /** the connection once the client is built */
  let built: WhatsAppWebConnection | null = null;
  const connection = createClient(settings).then((client) => {
    built = connectWhatsAppWeb(client, inbox, sendLog, logger, { ...connectOptions, fatalStartError: browserLaunchFailure(settings.browser) });
    return built;
  });
  const started = connection.then(
    (c) => (stopping ? false : c.start()),
    (error: unknown) => {
      logger.error(`WhatsApp Web is off: the client could not be built: ${messageOf(error)}`);
      return false;
    },
  );
  return {
    started,
    // there from the start; 'not connected' until the client is built and ready
    sender: {
      channel: 'whatsapp',
      name: 'whatsapp-web',
      send: async (message) => (built ? built.sender.send(message) : unsendable(message) ?? 'not connected'),
    },
    async stop() {
      stopping = true;
      const c = await connection.catch(() => null);
      await c?.stop();
    },
  };
}
