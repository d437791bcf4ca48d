/**
 * Twilio's inbound message webhook (SMS, and WhatsApp through Twilio): `POST /channels/twilio`.
 *
 * Twilio posts each message as a form (`From`, `To`, `Body`, `MessageSid`, `NumMedia`, `MediaUrl<n>`,
 * `MediaContentType<n>`, `ProfileName` on WhatsApp) signed with the account's auth token in
 * `X-Twilio-Signature`: base64(HMAC-SHA1(token, URL + every parameter's name and value, sorted by name)),
 * the URL being the one Twilio called (TWILIO_WEBHOOK_URL when set, else this request's URL as the
 * client saw it: `X-Forwarded-Proto`/`X-Forwarded-Host` honoured). The message goes through the channel
 * inbox, and the reply goes back in the same HTTP answer as TwiML (`<Response><Message>…`), so no reply
 * is sent through Twilio's REST API (messages the clinic starts are: twilio-outbound.ts). A redelivered
 * MessageSid gets the first reply again.
 *
 * Refused before anything runs: no TWILIO_AUTH_TOKEN (503), no signature (401), a wrong one (403), a
 * body that is not a UTF-8 form (415/400), a form without `From` or `MessageSid` (422). Runs on Node and
 * on Workers alike: Web Crypto and fetch only. Logs carry ids, never phones, names or text.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../api/env';
import type { Logger } from '../api/logger';
import { UpstreamFailedError } from '../core/errors';
import { MAX_AUDIO_BYTES } from '../core/language/voice';
import type { ChannelContent, ChannelInbox } from './inbox';
import { bytesAtMost } from './media';

export const TWILIO_PATH = '/channels/twilio';

export interface TwilioSettings {
  /** TWILIO_AUTH_TOKEN: what Twilio signs its webhooks with; unset: the route answers 503 */
  authToken?: string;
  /** TWILIO_ACCOUNT_SID: with the token, the HTTP Basic credentials a voice note's media URL is fetched with */
  accountSid?: string;
  /** TWILIO_WEBHOOK_URL: the exact URL configured at Twilio, which it signs; unset: the request's own URL */
  webhookUrl?: string;
}

export interface TwilioRouterDeps {
  inbox: ChannelInbox;
  settings: TwilioSettings | undefined;
  logger: Logger;
}

const NOT_CONFIGURED =
  "The Twilio channel needs the account's auth token to check Twilio's signatures: set TWILIO_AUTH_TOKEN (and " +
  'TWILIO_ACCOUNT_SID, to download voice notes from accounts that protect their media) among the server\'s settings: the ' +
  "environment, then a restart, on Node; the Worker's variables and secrets on Workers.";

/** a voice note's download; Twilio gives up on a webhook answer after 15 s */
const MEDIA_TIMEOUT_MS = 10_000;
/** Twilio sends at most 10 media with a message */
const MAX_MEDIA = 10;

const FORM_MEDIA_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Web Crypto's CryptoKey (the project's TypeScript libs have no DOM) */
type SigningKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

function base64OfBytes(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The text Twilio signs: the URL, then each parameter's name and value, sorted by name (then value). */
export function twilioSignedText(url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const sorted = [...params].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return url + sorted.map(([name, value]) => name + value).join('');
}

/**
 * The URL as Twilio may have signed it: Twilio's own validators accept a URL with its scheme's default
 * port written out or left out (https://host:443/x and https://host/x), as the proxy in front decides.
 */
function urlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#@]+?)(?::(\d+))?([/?#].*)?$/i.exec(url);
  if (!m) return [url];
  const [, scheme, host, port, rest = ''] = m;
  const defaultPort = scheme!.toLowerCase() === 'https' ? '443' : '80';
  if (port === undefined) return [url, `${scheme}://${host}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}://${host}${rest}`];
  return [url];
}

/**
 * Whether `signature` (X-Twilio-Signature) is Twilio's for this URL and these parameters. The HMAC is
 * checked by Web Crypto's verify, which compares in constant time.
 */
export async function twilioSignatureValid(
  key: SigningKey,
  signature: string,
  url: string,
  params: ReadonlyArray<readonly [string, string]>,
): Promise<boolean> {
  let given: Uint8Array;
  try {
    given = Uint8Array.from(atob(signature.trim()), (ch) => ch.charCodeAt(0));
  } catch {
    return false;
  }
  for (const variant of urlVariants(url)) {
    if (await crypto.subtle.verify('HMAC', key, given, encoder.encode(twilioSignedText(variant, params)))) return true;
  }
  return false;
}

/** The HTTP Basic `Authorization` header of an account's REST API (and of its protected media): AccountSid:AuthToken. */
export function twilioBasicAuthorization(accountSid: string, authToken: string): string {
  return `Basic ${base64OfBytes(encoder.encode(`${accountSid}:${authToken}`))}`;
}

export function twilioSigningKey(authToken: string): Promise<SigningKey> {
  return crypto.subtle.importKey('raw', encoder.encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['verify']);
}

/** The first value of a header a chain of proxies may have added to (`https, http`). */
function firstOf(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.trim();
  return first ? first : undefined;
}

/** The URL the client called: this request's, with the scheme and host the proxy in front says it was called with. */
function calledUrl(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const proto = firstOf(c.req.header('x-forwarded-proto'))?.toLowerCase();
  const host = firstOf(c.req.header('x-forwarded-host'));
  // the path and query as sent: Twilio signs the URL as it was written, encoding included
  const pathAndQuery = c.req.url.slice(c.req.url.indexOf('/', url.protocol.length + 2));
  return `${proto === 'http' || proto === 'https' ? proto : url.protocol.slice(0, -1)}://${host ?? url.host}${pathAndQuery}`;
}

/** The most characters Twilio sends as one message body. */
export const MAX_MESSAGE_BODY = 1600;

/**
 * A reply in bodies Twilio can send: whole lines together while they fit, a line longer than a body cut
 * between words. One body for any reply of ordinary length.
 */
export function messageBodies(reply: string, max = MAX_MESSAGE_BODY): string[] {
  if (reply.length <= max) return [reply];
  const bodies: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (current === '') current = piece;
    else if (current.length + 1 + piece.length <= max) current += `\n${piece}`;
    else {
      bodies.push(current);
      current = piece;
    }
  };
  for (const line of reply.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      const cut = rest.lastIndexOf(' ', max);
      const at = cut > 0 ? cut : max;
      push(rest.slice(0, at));
      rest = rest.slice(at).trimStart();
    }
    push(rest);
  }
  if (current !== '') bodies.push(current);
  return bodies;
}

/** The reply as TwiML: its messages (more than one only past Twilio's 1,600 characters), or nothing to send. */
export function twiml(reply: string | null): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (reply === null) return `${head}<Response/>`;
  return `${head}<Response>${messageBodies(reply)
    .map((body) => `<Message>${xmlText(body)}</Message>`)
    .join('')}</Response>`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data: the five special characters escaped, characters XML 1.0 cannot hold dropped. */
function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

/** A media URL's bytes, with Twilio's HTTP Basic credentials when the account SID is known; at most MAX_AUDIO_BYTES. */
async function downloadMedia(url: string, authorization: string | null): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: authorization ? { authorization } : {},
      redirect: 'follow',
      signal: AbortSignal.timeout(MEDIA_TIMEOUT_MS),
    });
  } catch (error) {
    // the error's own message may carry the URL: its name is enough for the log
    throw new UpstreamFailedError(`Twilio media download failed (${error instanceof Error ? error.name : 'error'})`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new UpstreamFailedError(`Twilio media download answered ${res.status}`);
  }
  return bytesAtMost(res, MAX_AUDIO_BYTES, 'Twilio');
}

class Refusal extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * What the patient sent: the text when there is any (a picture with a caption is its caption), else the
 * first voice note, else something the conversation cannot read (a picture, a document, a location).
 */
function contentOf(form: URLSearchParams, authorization: string | null): ChannelContent {
  const body = form.get('Body') ?? '';
  if (body.trim() !== '') return { kind: 'text', text: body };
  const numMedia = (form.get('NumMedia') ?? '0').trim();
  if (!/^\d{1,3}$/.test(numMedia)) throw new Refusal(422, `NumMedia: expected a whole number of media, e.g. 1`);
  const count = Math.min(Number(numMedia), MAX_MEDIA);
  for (let i = 0; i < count; i++) {
    const type = form.get(`MediaContentType${i}`)?.trim().toLowerCase() ?? '';
    const url = form.get(`MediaUrl${i}`)?.trim() ?? '';
    if (type.startsWith('audio/') && /^https?:\/\//i.test(url)) return { kind: 'audio', bytes: () => downloadMedia(url, authorization) };
  }
  if (count > 0 || form.has('Latitude')) return { kind: 'other' };
  return { kind: 'text', text: body };
}

export function twilioRouter({ inbox, settings, logger }: TwilioRouterDeps) {
  const authToken = settings?.authToken;
  // the value once made, never the promise of it (Workers: no request awaits another's promise)
  let key: SigningKey | undefined;
  const authorization = authToken && settings?.accountSid ? twilioBasicAuthorization(settings.accountSid, authToken) : null;

  async function answer(c: Context<AppEnv>): Promise<Response> {
    if (!authToken) return c.json({ detail: NOT_CONFIGURED }, 503);
    const signature = c.req.header('x-twilio-signature');
    if (!signature) throw new Refusal(401, 'X-Twilio-Signature is missing: this URL takes only webhooks Twilio signs');
    const type = c.req.header('content-type') ?? '';
    if (!FORM_MEDIA_TYPE.test(type)) {
      throw new Refusal(415, "Content-Type must be application/x-www-form-urlencoded, as Twilio's message webhooks send it");
    }
    let text: string;
    try {
      text = STRICT_UTF8.decode(await c.req.arrayBuffer());
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      throw new Refusal(400, 'The form is not valid UTF-8');
    }
    const form = new URLSearchParams(text);
    key ??= await twilioSigningKey(authToken);
    const url = settings?.webhookUrl ?? calledUrl(c);
    if (!(await twilioSignatureValid(key, signature, url, [...form]))) {
      logger.warn('twilio: signature refused', { request_id: c.get('requestId') });
      throw new Refusal(
        403,
        'X-Twilio-Signature does not match: either the request is not from Twilio, or the URL it signed is not ' +
          (settings?.webhookUrl ? 'TWILIO_WEBHOOK_URL' : 'the one this server sees (set TWILIO_WEBHOOK_URL to the URL configured at Twilio)') +
          ', or TWILIO_AUTH_TOKEN is not the account\'s',
      );
    }
    const from = form.get('From')?.trim() ?? '';
    const messageSid = form.get('MessageSid')?.trim() ?? '';
    const missing = [from ? null : 'From', messageSid ? null : 'MessageSid'].filter((name) => name !== null);
    if (missing.length > 0) throw new Refusal(422, `${missing.join(' and ')}: required: an inbound message webhook has them`);

    const answered = await inbox.receive({
      channel: /^whatsapp:/i.test(from) ? 'whatsapp' : 'sms',
      from,
      messageId: messageSid,
      senderName: form.get('ProfileName'),
      content: contentOf(form, authorization),
    });
    logger.debug('twilio: message answered', { message_id: messageSid, patient_id: answered.patientId, repeated: answered.repeated });
    return c.body(twiml(answered.reply), 200, { 'content-type': 'text/xml; charset=utf-8' });
  }

  const router = new Hono<AppEnv>({ strict: false });
  router.post(TWILIO_PATH, async (c) => {
    try {
      return await answer(c);
    } catch (error) {
      if (error instanceof Refusal) return c.json({ detail: error.detail }, error.status);
      throw error;
    }
  });
  return router;
}
