/**
 * Messages the clinic starts (a reminder the day before, a waitlist offer): one sender per channel that
 * sends a text to a patient's phone, and the choice of sender per conversation channel from the settings.
 *
 * - Twilio (SMS, and WhatsApp through Twilio): twilio-outbound.ts, Twilio's Messages API.
 * - WhatsApp Business Cloud API: whatsapp-cloud-outbound.ts, the Graph API's messages endpoint.
 * - WhatsApp delivers free text only within 24 hours of the patient's last message; outside it only an approved
 *   template. A reminder or an offer goes as the clinic's template of its kind when one is set
 *   (WHATSAPP_CLOUD_REMINDER_TEMPLATE / …_OFFER_TEMPLATE, TWILIO_WHATSAPP_REMINDER_CONTENT_SID / …_OFFER_CONTENT_SID),
 *   its parts the template's parameters (locales/pt-BR/messages.ts `whatsappTemplates`), else as text.
 * - WhatsApp Web: whatsapp-web.ts's `whatsAppWebSender`, over the running whatsapp-web.js client (Node only).
 *
 * Runs on Workers too: fetch only; nothing here imports whatsapp-web.js or a node: module (the WhatsApp Web
 * sender comes in from main.node.ts). Senders never throw, and their reasons carry no phone and no text.
 */
import type { Config } from '../config';
import type { MessageTemplate } from '../core/model';
import { twilioSender } from './twilio-outbound';
export { unsendable } from './outbound-message';
import { whatsAppCloudSender } from './whatsapp-cloud-outbound';

/** A message the clinic starts, to a patient's phone. */
export interface OutboundMessage {
  /** E.164, e.g. +5531987654321 */
  to: string;
  text: string;
  /**
   * the text as the parameters of its template: a channel that delivers messages the patient did not just ask for
   * only as approved templates (WhatsApp through the Cloud API or Twilio) sends it so when the clinic set one of its kind
   */
  template: MessageTemplate | null;
}

export interface OutboundSender {
  /** the conversation channel its messages belong to */
  readonly channel: 'whatsapp' | 'sms';
  /** the adapter's name, e.g. 'twilio-sms', 'twilio-whatsapp', 'whatsapp-cloud', 'whatsapp-web' */
  readonly name: string;
  /** Sends it; null when the channel took it, else the reason it did not go out (never throws; no phone or text in the reason). */
  send(message: OutboundMessage): Promise<string | null>;
}

export interface OutboundSenders {
  whatsapp: OutboundSender | null;
  sms: OutboundSender | null;
}

/** The settings the senders read. */
export type OutboundConfig = Pick<
  Config,
  | 'TWILIO_ACCOUNT_SID'
  | 'TWILIO_AUTH_TOKEN'
  | 'TWILIO_SMS_FROM'
  | 'TWILIO_WHATSAPP_FROM'
  | 'TWILIO_API_URL'
  | 'TWILIO_WHATSAPP_REMINDER_CONTENT_SID'
  | 'TWILIO_WHATSAPP_OFFER_CONTENT_SID'
  | 'WHATSAPP_CLOUD_ACCESS_TOKEN'
  | 'WHATSAPP_CLOUD_API_URL'
  | 'WHATSAPP_CLOUD_PHONE_NUMBER_ID'
  | 'WHATSAPP_CLOUD_REMINDER_TEMPLATE'
  | 'WHATSAPP_CLOUD_OFFER_TEMPLATE'
  | 'WHATSAPP_CLOUD_TEMPLATE_LANGUAGE'
>;

/**
 * The sender of each conversation channel, or null when none is configured. WhatsApp: WhatsApp Web when
 * it runs (`whatsappWeb`, from main.node.ts; never on Workers), else the Cloud API when
 * WHATSAPP_CLOUD_ACCESS_TOKEN and WHATSAPP_CLOUD_PHONE_NUMBER_ID are set, else Twilio when
 * TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_WHATSAPP_FROM are. SMS: Twilio when TWILIO_ACCOUNT_SID,
 * TWILIO_AUTH_TOKEN and TWILIO_SMS_FROM are set.
 */
export function outboundSenders(config: OutboundConfig, options: { whatsappWeb?: OutboundSender | null } = {}): OutboundSenders {
  const twilio =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
      ? { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, apiUrl: config.TWILIO_API_URL }
      : null;
  const cloud =
    config.WHATSAPP_CLOUD_ACCESS_TOKEN && config.WHATSAPP_CLOUD_PHONE_NUMBER_ID
      ? whatsAppCloudSender({
          accessToken: config.WHATSAPP_CLOUD_ACCESS_TOKEN,
          phoneNumberId: config.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
          apiUrl: config.WHATSAPP_CLOUD_API_URL,
          templates: { appointment_reminder: config.WHATSAPP_CLOUD_REMINDER_TEMPLATE, waitlist_offer: config.WHATSAPP_CLOUD_OFFER_TEMPLATE },
          templateLanguage: config.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE,
        })
      : null;
  const contentSids = { appointment_reminder: config.TWILIO_WHATSAPP_REMINDER_CONTENT_SID, waitlist_offer: config.TWILIO_WHATSAPP_OFFER_CONTENT_SID };
  const twilioWhatsApp =
    twilio && config.TWILIO_WHATSAPP_FROM ? twilioSender('whatsapp', { ...twilio, from: config.TWILIO_WHATSAPP_FROM, contentSids }) : null;
  return {
    whatsapp: options.whatsappWeb ?? cloud ?? twilioWhatsApp,
    sms: twilio && config.TWILIO_SMS_FROM ? twilioSender('sms', { ...twilio, from: config.TWILIO_SMS_FROM }) : null,
  };
}
