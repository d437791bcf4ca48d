/**
 * Messages the clinic starts, through the WhatsApp Business Cloud API: the Graph API's
 * `POST {apiUrl}/{phone_number_id}/messages`, as the webhook's replies are sent (`sendGraphMessage`).
 *
 * Meta delivers free text only within 24 hours of the patient's last message (the customer service
 * window); outside it a business may send only an approved template. So a message the patient did not
 * just ask for (`unprompted`, e.g. a reminder) goes as the template WHATSAPP_CLOUD_TEMPLATE when
 * it is set, its text the template's one body parameter `{{1}}`; without a template it goes as text, and
 * Meta refuses it (error 131047) when the window is closed. `to` is the phone without '+'.
 */
import type { OutboundMessage, OutboundSender } from './outbound';
import { unsendable } from './outbound-message';
import { messageBodies } from './twilio';
import { DEFAULT_WHATSAPP_CLOUD_API_URL, sendGraphMessage, type GraphMessage } from './whatsapp-cloud';

/** the most characters of a text message's body */
const MAX_TEXT_BODY = 4096;

export interface WhatsAppCloudSenderSettings {
  /** WHATSAPP_CLOUD_ACCESS_TOKEN */
  accessToken: string;
  /** WHATSAPP_CLOUD_PHONE_NUMBER_ID: the clinic's number as the Graph API names it */
  phoneNumberId: string;
  /** WHATSAPP_CLOUD_API_URL (default DEFAULT_WHATSAPP_CLOUD_API_URL) */
  apiUrl?: string;
  /** WHATSAPP_CLOUD_TEMPLATE: an approved template with one body parameter; unset: unprompted messages go as text */
  template?: string;
  /** WHATSAPP_CLOUD_TEMPLATE_LANGUAGE (default pt_BR) */
  templateLanguage?: string;
  /** how long each request waits for an answer (default 10 s) */
  timeoutMs?: number;
}

/**
 * A text as a template parameter: Meta refuses parameters with a newline or a tab, or more than four
 * spaces in a row (error 132018), so line breaks and tabs (with the blanks around them) become one space
 * and longer runs of spaces are cut to four.
 */
export function templateParameterText(text: string): string {
  return text
    .replace(/[ \u00a0]*[\r\n\t\v\f]+[\s]*/g, ' ')
    .replace(/ {5,}/g, '    ')
    .trim();
}

export function whatsAppCloudSender(settings: WhatsAppCloudSenderSettings): OutboundSender {
  const access = { accessToken: settings.accessToken, apiUrl: settings.apiUrl ?? DEFAULT_WHATSAPP_CLOUD_API_URL, timeoutMs: settings.timeoutMs };
  const language = settings.templateLanguage ?? 'pt_BR';
  return {
    channel: 'whatsapp',
    name: 'whatsapp-cloud',
    async send(message: OutboundMessage): Promise<string | null> {
      const refused = unsendable(message);
      if (refused !== null) return refused;
      const to = message.to.slice(1);
      if (message.unprompted && settings.template) {
        const template: GraphMessage = {
          to,
          type: 'template',
          template: {
            name: settings.template,
            language: { code: language },
            components: [{ type: 'body', parameters: [{ type: 'text', text: templateParameterText(message.text) }] }],
          },
        };
        return sendGraphMessage(access, settings.phoneNumberId, template);
      }
      const bodies = messageBodies(message.text, MAX_TEXT_BODY);
      for (const [i, body] of bodies.entries()) {
        const failure = await sendGraphMessage(access, settings.phoneNumberId, { to, type: 'text', text: { body } });
        if (failure !== null) return i === 0 ? failure : `${failure} (part ${i + 1} of ${bodies.length}; the ${i} before it went out)`;
      }
      return null;
    },
  };
}
