/**
 * Messages the clinic starts, through Twilio's Messages API (SMS, and WhatsApp through Twilio):
 * `POST {apiUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json`, a form with `From` (or
 * `MessagingServiceSid`), `To` and `Body`, with HTTP Basic credentials AccountSid:AuthToken.
 *
 * A text past Twilio's 1,600 characters goes as several messages, split as the webhook's TwiML replies
 * are (`messageBodies`), one after another in order. WhatsApp through Twilio keeps Meta's rule: free text
 * reaches a patient only within 24 hours of their last message (Twilio answers 63016 otherwise; no
 * Content template is sent here). Web APIs only, so it runs on Workers too.
 */
import type { OutboundMessage, OutboundSender } from './outbound';
import { unsendable } from './outbound-message';
import { messageBodies, twilioBasicAuthorization } from './twilio';

export const DEFAULT_TWILIO_API_URL = 'https://api.twilio.com';
/** each call to Twilio's API */
const TWILIO_TIMEOUT_MS = 10_000;

export interface TwilioSenderSettings {
  /** TWILIO_ACCOUNT_SID */
  accountSid: string;
  /** TWILIO_AUTH_TOKEN */
  authToken: string;
  /**
   * TWILIO_SMS_FROM (an E.164 number, or a Messaging Service SID `MG…`) or TWILIO_WHATSAPP_FROM (the
   * E.164 number of the WhatsApp sender, without `whatsapp:`)
   */
  from: string;
  /** TWILIO_API_URL (default DEFAULT_TWILIO_API_URL) */
  apiUrl?: string;
  /** how long each request waits for an answer (default 10 s) */
  timeoutMs?: number;
}

const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;

/** A sender through Twilio: `sms` ('twilio-sms') or `whatsapp` ('twilio-whatsapp', From and To as `whatsapp:+…`). */
export function twilioSender(channel: 'sms' | 'whatsapp', settings: TwilioSenderSettings): OutboundSender {
  const url = `${(settings.apiUrl ?? DEFAULT_TWILIO_API_URL).replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = twilioBasicAuthorization(settings.accountSid, settings.authToken);
  const timeoutMs = settings.timeoutMs ?? TWILIO_TIMEOUT_MS;
  const address = (phone: string) => (channel === 'whatsapp' ? `whatsapp:${phone}` : phone);
  const sender: [string, string] =
    channel === 'sms' && MESSAGING_SERVICE_SID.test(settings.from) ? ['MessagingServiceSid', settings.from] : ['From', address(settings.from)];

  /** One message: null when Twilio took it, else why not. */
  async function post(to: string, body: string): Promise<string | null> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams([sender, ['To', address(to)], ['Body', body]]).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.ok) {
        // read so that the connection can be reused; the message's SID is not needed
        await res.arrayBuffer().catch(() => undefined);
        return null;
      }
      // Twilio's error JSON: {code, message, more_info, status}; only the code is kept (the message may quote the number)
      const code = await res
        .json()
        .then((json: unknown) => (json as { code?: unknown } | null)?.code)
        .catch(() => undefined);
      return typeof code === 'number' ? `answered ${res.status} (${code})` : `answered ${res.status}`;
    } catch (error) {
      return error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : 'could not be reached';
    }
  }

  return {
    channel,
    name: channel === 'sms' ? 'twilio-sms' : 'twilio-whatsapp',
    async send(message: OutboundMessage): Promise<string | null> {
      const refused = unsendable(message);
      if (refused !== null) return refused;
      const bodies = messageBodies(message.text);
      for (const [i, body] of bodies.entries()) {
        const failure = await post(message.to, body);
        if (failure !== null) return i === 0 ? failure : `${failure} (part ${i + 1} of ${bodies.length}; the ${i} before it went out)`;
      }
      return null;
    },
  };
}
