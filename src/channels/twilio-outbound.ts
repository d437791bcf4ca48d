/**
 * Messages the clinic starts, through Twilio's Messages API (SMS, and WhatsApp through Twilio):
 * `POST {apiUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json`, a form with `From` (or
 * `MessagingServiceSid`), `To` and `Body`, with HTTP Basic credentials AccountSid:AuthToken.
 *
 * A text past Twilio's 1,600 characters goes as several messages, split as the webhook's TwiML replies
 * are (`messageBodies`), one after another in order. WhatsApp through Twilio keeps Meta's rule: free text
 * reaches a patient only within 24 hours of their last message (outside it Twilio fails the message with 63016).
 * So a reminder or a waitlist offer goes as the clinic's approved Content template of its kind
 * (TWILIO_WHATSAPP_REMINDER_CONTENT_SID, TWILIO_WHATSAPP_OFFER_CONTENT_SID) when one is set: `ContentSid`, and
 * its parts as `ContentVariables` {"1": …, "2": …} (locales/pt-BR/messages.ts `whatsappTemplates`), no `Body`.
 * Web APIs only, so it runs on Workers too.
 */
import type { MessageTemplateName } from '../core/model';
import type { OutboundMessage, OutboundSender } from './outbound';
import { templateParameterText, unsendable } from './outbound-message';
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
  /**
   * WhatsApp only: the approved Content template (`HX…`) of each kind of message (TWILIO_WHATSAPP_REMINDER_CONTENT_SID,
   * TWILIO_WHATSAPP_OFFER_CONTENT_SID); a kind without one goes as text
   */
  contentSids?: Partial<Record<MessageTemplateName, string | undefined>>;
  /** how long each request waits for an answer (default 10 s) */
  timeoutMs?: number;
}

const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;
/** the most characters of one Content variable's value */
const MAX_CONTENT_VARIABLE = 255;

/** A sender through Twilio: `sms` ('twilio-sms') or `whatsapp` ('twilio-whatsapp', From and To as `whatsapp:+…`). */
export function twilioSender(channel: 'sms' | 'whatsapp', settings: TwilioSenderSettings): OutboundSender {
  const url = `${(settings.apiUrl ?? DEFAULT_TWILIO_API_URL).replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = twilioBasicAuthorization(settings.accountSid, settings.authToken);
  const timeoutMs = settings.timeoutMs ?? TWILIO_TIMEOUT_MS;
  const address = (phone: string) => (channel === 'whatsapp' ? `whatsapp:${phone}` : phone);
  const sender: [string, string] =
    channel === 'sms' && MESSAGING_SERVICE_SID.test(settings.from) ? ['MessagingServiceSid', settings.from] : ['From', address(settings.from)];

  /** One message (`content`: its Body, or its ContentSid and ContentVariables): null when Twilio took it, else why not. */
  async function post(to: string, content: Array<[string, string]>): Promise<string | null> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams([sender, ['To', address(to)], ...content]).toString(),
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
      const contentSid = channel === 'whatsapp' && message.template ? settings.contentSids?.[message.template.name] : undefined;
      if (message.template && contentSid) {
        const variables = Object.fromEntries(message.template.parameters.map((p, i) => [String(i + 1), templateParameterText(p, MAX_CONTENT_VARIABLE)]));
        return post(message.to, [
          ['ContentSid', contentSid],
          ['ContentVariables', JSON.stringify(variables)],
        ]);
      }
      const bodies = messageBodies(message.text);
      for (const [i, body] of bodies.entries()) {
        const failure = await post(message.to, [['Body', body]]);
        if (failure !== null) return i === 0 ? failure : `${failure} (part ${i + 1} of ${bodies.length}; the ${i} before it went out)`;
      }
      return null;
    },
  };
}
