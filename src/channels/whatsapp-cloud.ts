/**
 * The WhatsApp Business Cloud API (Meta) channel: Meta POSTs each message a patient sends to the clinic's
 * number to this webhook, signed with the app secret; each becomes one turn through the inbox, and its
 * reply is sent back through the Graph API (`POST /{phone-number-id}/messages`).
 *
 * - `GET`: Meta's subscription check (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`).
 * - `POST`: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body's bytes, keyed by the app secret>`,
 *   checked before anything is read or written (missing: 401, wrong: 403).
 *
 * At least once, both ways. Meta delivers a webhook again until it gets a 2xx, so the webhook is
 * answered 200 only once every reply in it was sent; a send that fails (network, timeout, non-2xx) is
 * a 502, and Meta's next delivery of the same messages sends it. The inbox answers a message id it has
 * seen with the reply it gave the first time (without advancing the conversation); whether that reply
 * still has to go out is kept per message id in `channel_replies`: a delivery claims the send, marks it
 * sent once the Graph API took it, and gives the claim back when it failed. So a reply that went out is
 * not sent again by a redelivery, one that did not is, and two deliveries at once send it once: the one
 * that finds the other sending answers 503, since the other's send may yet fail (Meta then delivers
 * again, and finds it sent or free to send). A process that dies between claiming and marking leaves a
 * claim that runs out after a minute, after which a redelivery sends the reply (possibly a second time:
 * at least once, never lost).
 *
 * Runs on Workers too: Web APIs only (crypto.subtle, fetch, AbortSignal.timeout). Logs carry message
 * ids, never phones, names or text.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../api/env';
import type { Logger } from '../api/logger';
import type { Clock, IdGenerator } from '../core/clock';
import { SEND_CLAIM_MS, sendOnce } from './send-once';
import { bytesAtMost } from './media';
import { TooLargeError, UpstreamFailedError } from '../core/errors';
import { MAX_AUDIO_BYTES } from '../core/language/voice';
import type { ChannelReplyRepo } from '../core/ports';
import type { ChannelContent, ChannelInbox, ChannelMessage } from './inbox';

/** The Graph API version this adapter was written against (Meta keeps a version for about two years). */
export const DEFAULT_WHATSAPP_CLOUD_API_URL = 'https://graph.facebook.com/v24.0';

/** The adapter's name in `channel_replies` */
const REPLY_LOG_CHANNEL = 'whatsapp-cloud';
/** each call to the Graph API (a reply, a media lookup, a media download) */
const GRAPH_TIMEOUT_MS = 10_000;

export interface WhatsAppCloudSettings {
  /** WHATSAPP_CLOUD_APP_SECRET: the Meta app's secret, which signs every webhook POST */
  appSecret?: string;
  /** WHATSAPP_CLOUD_VERIFY_TOKEN: the token typed into Meta's webhook setup, answered back on its GET */
  verifyToken?: string;
  /** WHATSAPP_CLOUD_ACCESS_TOKEN: a (system user) access token with whatsapp_business_messaging */
  accessToken?: string;
  /** WHATSAPP_CLOUD_API_URL: the Graph API's base URL with its version (default DEFAULT_WHATSAPP_CLOUD_API_URL) */
  apiUrl?: string;
}

/** What a call to the Graph API's messages endpoint needs. */
export interface GraphAccess {
  /** WHATSAPP_CLOUD_ACCESS_TOKEN */
  accessToken: string;
  /** the Graph API's base URL with its version, e.g. DEFAULT_WHATSAPP_CLOUD_API_URL */
  apiUrl: string;
  /** how long to wait for an answer (default 10 s) */
  timeoutMs?: number;
}

/** A message as the Graph API's messages endpoint takes it, without `messaging_product` and `recipient_type`. */
export type GraphMessage =
  | { to: string; type: 'text'; text: { body: string } }
  | {
      to: string;
      type: 'template';
      template: { name: string; language: { code: string }; components: Array<{ type: 'body'; parameters: Array<{ type: 'text'; text: string }> }> };
    };

/**
 * Sends one message: `POST {apiUrl}/{phoneNumberId}/messages` with the access token. null when the
 * Graph API took it, else the reason it did not go out: `answered <status>`, with Meta's error code when
 * its JSON has one (`answered 400 (131047)`), or the network's failure. Never throws; the reason holds no
 * phone and no text.
 */
export async function sendGraphMessage(access: GraphAccess, phoneNumberId: string, message: GraphMessage): Promise<string | null> {
  const timeoutMs = access.timeoutMs ?? GRAPH_TIMEOUT_MS;
  try {
    const res = await fetch(`${access.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(phoneNumberId)}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...message }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.ok) {
      // the body is read so the connection can be reused; what it says is not needed
      await res.arrayBuffer().catch(() => undefined);
      return null;
    }
    const code = await res
      .json()
      .then((json: unknown) => (json as { error?: { code?: unknown } } | null)?.error?.code)
      .catch(() => undefined);
    return typeof code === 'number' || (typeof code === 'string' && /^\w{1,20}$/.test(code)) ? `answered ${res.status} (${code})` : `answered ${res.status}`;
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : 'could not be reached';
  }
}

export interface WhatsAppCloudDeps {
  settings: WhatsAppCloudSettings;
  inbox: ChannelInbox;
  replies: ChannelReplyRepo;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

/** What of a webhook's JSON this adapter reads; anything else in it is ignored. */
const InboundMessage = z.object({
  /** the sender's wa_id; a sender known only by a username may come without one (nothing to answer then) */
  from: z.string().optional(),
  id: z.string().min(1),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  audio: z.object({ id: z.string().min(1) }).optional(),
  /** a quick-reply button of a template */
  button: z.object({ text: z.string() }).optional(),
  /** a reply button or a list row of an interactive message */
  interactive: z
    .object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
});

const ChangeValue = z
  .object({
    metadata: z.object({ phone_number_id: z.string().min(1) }).optional(),
    contacts: z.array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
    messages: z.array(InboundMessage).optional(),
    /** delivery and read receipts of what was sent: nothing to answer */
    statuses: z.array(z.unknown()).optional(),
  })
  .refine((value) => !value.messages?.length || value.metadata !== undefined, {
    message: 'required: metadata.phone_number_id, the number the messages were sent to',
    path: ['metadata'],
  });

const WebhookPayload = z.object({
  entry: z.array(z.object({ changes: z.array(z.object({ field: z.string().optional(), value: ChangeValue.optional() })) })),
});

type InboundMessage = z.infer<typeof InboundMessage>;

/** A message to answer: who sent it, through which of the clinic's numbers. */
interface Inbound {
  phoneNumberId: string;
  message: InboundMessage;
  senderName: string | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Whether `signature` is the HMAC-SHA256 of `body` keyed by `secret`; crypto.subtle.verify compares in constant time. */
async function signedBy(secret: string, body: ArrayBuffer, signature: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, signature, body);
}

/** Equal strings, in a time that does not depend on where they first differ. */
function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

function validationDetail(error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  return `Not a WhatsApp Cloud API webhook payload: ${issues.join('; ')}`;
}

/** Message types that are not the patient writing to the clinic. */
const IGNORED_TYPES = new Set(['reaction', 'system']);

export function whatsAppCloudRouter({ settings, inbox, replies, clock, ids, logger }: WhatsAppCloudDeps) {
  const apiUrl = (settings.apiUrl ?? DEFAULT_WHATSAPP_CLOUD_API_URL).replace(/\/+$/, '');
  const router = new Hono<AppEnv>({ strict: false });

  function graph(url: string, init: RequestInit = {}): Promise<Response> {
    return fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${settings.accessToken}`, ...init.headers },
      signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
    });
  }

  /** A voice note's bytes: the media's URL from the Graph API, then the file at it (both with the token). */
  async function mediaBytes(mediaId: string): Promise<Uint8Array> {
    const info = await graph(`${apiUrl}/${encodeURIComponent(mediaId)}`);
    if (!info.ok) throw new UpstreamFailedError(`WhatsApp Cloud API: media lookup answered ${info.status}`);
    const { url, file_size: size } = (await info.json()) as { url?: unknown; file_size?: unknown };
    if (typeof url !== 'string') throw new UpstreamFailedError('WhatsApp Cloud API: media lookup gave no url');
    if (typeof size === 'number' && size > MAX_AUDIO_BYTES) throw new TooLargeError(`audio: at most ${MAX_AUDIO_BYTES} bytes`);
    const file = await graph(url);
    if (!file.ok) throw new UpstreamFailedError(`WhatsApp Cloud API: media download answered ${file.status}`);
    return bytesAtMost(file, MAX_AUDIO_BYTES, 'WhatsApp Cloud API');
  }

  function contentOf(message: InboundMessage): ChannelContent {
    switch (message.type) {
      case 'text':
        return message.text ? { kind: 'text', text: message.text.body } : { kind: 'other' };
      case 'audio': {
        const mediaId = message.audio?.id;
        return mediaId ? { kind: 'audio', bytes: () => mediaBytes(mediaId) } : { kind: 'other' };
      }
      case 'button':
        return message.button ? { kind: 'text', text: message.button.text } : { kind: 'other' };
      case 'interactive': {
        const title = message.interactive?.button_reply?.title ?? message.interactive?.list_reply?.title;
        return title === undefined ? { kind: 'other' } : { kind: 'text', text: title };
      }
      default:
        return { kind: 'other' };
    }
  }

  /** Sends a reply; the reason it did not go out, or null when the Graph API took it. */
  function send(phoneNumberId: string, to: string, body: string): Promise<string | null> {
    return sendGraphMessage({ accessToken: settings.accessToken!, apiUrl }, phoneNumberId, { to, type: 'text', text: { body } });
  }

  /**
   * Answers one message and sends its reply unless an earlier delivery did: 'done', or why the webhook
   * must be delivered again ('failed': the send failed; 'busy': another delivery is sending it now, and
   * may yet fail).
   */
  async function answer({ phoneNumberId, message, senderName }: Inbound): Promise<'done' | 'failed' | 'busy'> {
    // no wa_id: the inbox finds no phone in '' and answers nothing
    const from = message.from ?? '';
    const channelMessage: ChannelMessage = { channel: 'whatsapp', from, messageId: message.id, senderName, content: contentOf(message) };
    const { reply } = await inbox.receive(channelMessage);
    if (reply === null) return 'done';
    const sending = await sendOnce({ replies, clock, ids }, REPLY_LOG_CHANNEL, message.id, () => send(phoneNumberId, from, reply));
    if (sending.outcome === 'sent') return 'done';
    if (sending.outcome === 'failed') {
      logger.warn('whatsapp-cloud: reply not sent; the webhook is refused so that Meta delivers it again', { reason: sending.reason });
    }
    return sending.outcome;
  }

  router.get('/', (c) => {
    if (!settings.verifyToken) {
      return c.json({ detail: 'The WhatsApp Cloud API channel is not configured: set WHATSAPP_CLOUD_VERIFY_TOKEN' }, 503);
    }
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token');
    if (mode !== 'subscribe' || token === undefined || !sameText(token, settings.verifyToken)) {
      return c.json({ detail: 'Webhook verification refused: hub.mode must be subscribe and hub.verify_token must equal WHATSAPP_CLOUD_VERIFY_TOKEN' }, 403);
    }
    const challenge = c.req.query('hub.challenge');
    if (challenge === undefined) return c.json({ detail: 'Webhook verification needs hub.challenge' }, 400);
    return c.text(challenge, 200);
  });

  router.post('/', async (c) => {
    const missing = [!settings.appSecret && 'WHATSAPP_CLOUD_APP_SECRET', !settings.accessToken && 'WHATSAPP_CLOUD_ACCESS_TOKEN'].filter(Boolean);
    if (missing.length > 0) {
      return c.json({ detail: `The WhatsApp Cloud API channel is not configured: set ${missing.join(' and ')}` }, 503);
    }
    const header = c.req.header('x-hub-signature-256');
    if (header === undefined) return c.json({ detail: 'Missing X-Hub-Signature-256 header' }, 401);
    // the bytes as they arrived: the signature covers them, not a re-encoding of the parsed JSON
    const body = await c.req.arrayBuffer();
    const hex = SIGNATURE.exec(header.trim())?.[1];
    if (hex === undefined || !(await signedBy(settings.appSecret!, body, hexBytes(hex)))) {
      return c.json({ detail: 'X-Hub-Signature-256 does not match the body: it must be sha256=<HMAC-SHA256 of the body with the app secret>' }, 403);
    }

    let json: unknown;
    try {
      json = JSON.parse(UTF8.decode(body));
    } catch {
      return c.json({ detail: 'Malformed JSON in request body' }, 400);
    }
    const parsed = WebhookPayload.safeParse(json);
    if (!parsed.success) return c.json({ detail: validationDetail(parsed.error) }, 422);

    const inbound: Inbound[] = [];
    for (const entry of parsed.data.entry) {
      for (const change of entry.changes) {
        const value = change.value;
        if (!value?.messages || !value.metadata) continue;
        for (const message of value.messages) {
          // a reaction (👍 to a reply) or a system notice (a number changed) is no message to answer
          if (IGNORED_TYPES.has(message.type)) continue;
          const contact = value.contacts?.find((one) => one.wa_id === message.from) ?? (value.contacts?.length === 1 ? value.contacts[0] : undefined);
          inbound.push({ phoneNumberId: value.metadata.phone_number_id, message, senderName: contact?.profile?.name ?? null });
        }
      }
    }
    // in order, one at a time: the replies go out in the order the messages came; after a failed send the
    // rest wait for Meta's next delivery, so that no later reply overtakes the one that failed
    for (const one of inbound) {
      const outcome = await answer(one);
      if (outcome === 'failed') {
        return c.json({ detail: 'A reply could not be sent through the WhatsApp Cloud API; deliver this webhook again' }, 502);
      }
      if (outcome === 'busy') {
        c.header('Retry-After', String(SEND_CLAIM_MS / 1000));
        return c.json({ detail: 'Another delivery of this webhook is sending its reply now; deliver it again later' }, 503);
      }
    }
    return c.json({ received: inbound.length }, 200);
  });

  return router;
}
