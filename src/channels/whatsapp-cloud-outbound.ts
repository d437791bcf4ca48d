/**
 * Messages the clinic starts, through the WhatsApp Business Cloud API: the Graph API's
 * `POST {apiUrl}/{phone_number_id}/messages`, as the webhook's replies are sent (`sendGraphMessage`).
 *
 * Meta delivers free text only within 24 hours of the patient's last message (the customer service
 * window); outside it a business may send only an approved template. So a reminder or a waitlist offer goes
 * as the clinic's template of its kind (WHATSAPP_CLOUD_REMINDER_TEMPLATE, WHATSAPP_CLOUD_OFFER_TEMPLATE) when
 * one is set, its parts the template's body parameters in order (locales/pt-BR/messages.ts
 * `whatsappTemplates`); without one it goes as text, which Meta does not deliver (error 131047) when the
 * window is closed. `to` is the phone without '+'.
 */
import type { MessageTemplateName } from '../core/model';
import type { OutboundMessage, OutboundSender } from './outbound';
import { templateParameterText, unsendable } from './outbound-message';
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
  /**
   * the approved template of each kind of message (WHATSAPP_CLOUD_REMINDER_TEMPLATE, WHATSAPP_CLOUD_OFFER_TEMPLATE),
   * by name; a kind without one goes as text
   */
  templates?: Partial<Record<MessageTemplateName, string | undefined>>;
  /** WHATSAPP_CLOUD_TEMPLATE_LANGUAGE (default pt_BR) */
  templateLanguage?: string;
  /** how long each request waits for an answer (default 10 s) */
  timeoutMs?: number;
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
      const templateName = message.template ? settings.templates?.[message.template.name] : undefined;
      if (message.template && templateName) {
        const template: GraphMessage = {
          to,
          type: 'template',
          template: {
            name: templateName,
            language: { code: language },
            components: [{ type: 'body', parameters: message.template.parameters.map((p) => ({ type: 'text', text: templateParameterText(p) })) }],
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
