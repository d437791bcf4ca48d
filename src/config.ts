/**
 * Every setting, parsed once with zod. A bad value stops start-up with a message naming the setting.
 * The README's settings table lists the same names; keep both in step.
 */
import { z } from 'zod';
import { isValidClockTime, isValidTimeZone } from './core/time';
import { DEFAULT_REMINDER_TIME, REMINDER_TIME_RANGE } from './core/reminders';
import type { CoreSettings } from './core/deps';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'expected 1/0, true/false or yes/no' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const positiveSeconds = z
  .string()
  .regex(/^\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*$/, 'expected comma-separated seconds, e.g. 5,300,1800')
  .transform((v) => v.split(',').map((s) => Number(s.trim())));

/** Node's timers take at most 2^31 - 1 ms; a longer delay fires after 1 ms instead. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A whole number from `min` to `max`, in plain digits (no sign, fraction, exponent or hex: `0x1F90` and
 * `3e3` are typing mistakes, not ports), with one message that says what the setting takes.
 */
function wholeNumber(min: number, max: number, example: number, unit?: string) {
  const message = `expected a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}, e.g. ${example}`;
  return z
    .string()
    .refine((text) => /^\s*\d+\s*$/.test(text) && Number(text) >= min && Number(text) <= max, message)
    .transform((text) => Number(text));
}

/** The name of an approved WhatsApp message template, as Meta's WhatsApp Manager shows it. */
function templateName() {
  return z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'expected the name of an approved message template: lowercase letters, digits and underscores')
    .optional();
}

/** The SID of a Twilio Content template. */
function contentSid() {
  return z
    .string()
    .trim()
    .regex(/^HX[0-9a-f]{32}$/i, "expected the SID of an approved Content template: HX followed by 32 hexadecimal digits")
    .optional();
}

export const configSchema = z.object({
  PORT: wholeNumber(0, 65535, 3000).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/agendador.db'),
  SEED_DEMO: flag.default(true),
  BOOTSTRAP_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DEFAULT_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'expected an IANA time zone such as America/Sao_Paulo')
    .default('America/Sao_Paulo'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: wholeNumber(1, MAX_TIMER_MS, 5000, 'milliseconds').default(5000),
  TRANSCRIPTION_MODEL: z.string().min(1).default('whisper-1'),
  TRANSCRIPTION_TIMEOUT_MS: wholeNumber(1, MAX_TIMER_MS, 30_000, 'milliseconds').default(30_000),
  WEBHOOK_ALLOW_PRIVATE_URLS: flag.default(false),
  WEBHOOK_RETRY_SCHEDULE: positiveSeconds.default([5, 300, 1800, 7200, 18000, 36000]),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected seconds, e.g. 10' })
    .positive('expected more than 0 seconds')
    .max(60, 'expected at most 60 seconds')
    .default(10),
  WEBHOOK_POLL_INTERVAL_MS: wholeNumber(10, 60_000, 250, 'milliseconds').default(250),
  CONVERSATION_TIMEOUT_MINUTES: wholeNumber(1, 525_600, 30, 'minutes').default(30),
  REMINDERS: flag.default(true),
  REMINDER_TIME: z
    .string()
    .trim()
    .refine(
      (v) => /^\d{2}:\d{2}$/.test(v) && isValidClockTime(v) && v >= REMINDER_TIME_RANGE[0] && v <= REMINDER_TIME_RANGE[1],
      `expected a local time from ${REMINDER_TIME_RANGE[0]} to ${REMINDER_TIME_RANGE[1]} (HH:MM), e.g. ${DEFAULT_REMINDER_TIME}`,
    )
    .default(DEFAULT_REMINDER_TIME),
  MIN_BOOKING_NOTICE_MINUTES: wholeNumber(0, 43_200, 60, 'minutes').default(60),
  SLOT_CACHE_MAX_DAYS: wholeNumber(0, 10_000_000, 10_000).default(10_000),
  NO_SHOW_MIN_OUTCOMES: wholeNumber(50, 1_000_000, 200).default(200),
  NO_SHOW_RETRAIN_HOURS: z.coerce.number().positive().max(8760).default(24),
  CHANNELS_TENANT: z.string().min(1).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_ACCOUNT_SID: z
    .string()
    .trim()
    .regex(/^AC[0-9a-f]{32}$/i, 'expected an Account SID: AC followed by 32 hexadecimal digits')
    .optional(),
  TWILIO_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, message: 'expected the http(s) URL configured at Twilio, e.g. https://clinic.example.com/channels/twilio' })
    .optional(),
  TWILIO_SMS_FROM: z
    .string()
    .trim()
    .regex(
      /^(\+[1-9]\d{7,14}|MG[0-9a-f]{32})$/i,
      'expected the E.164 number SMS are sent from (e.g. +5531987654321) or a Messaging Service SID (MG followed by 32 hexadecimal digits)',
    )
    .optional(),
  TWILIO_WHATSAPP_FROM: z
    .string()
    .trim()
    // the number as Twilio's console shows a WhatsApp sender (whatsapp:+55…) is taken too
    .transform((v) => v.replace(/^whatsapp:/i, ''))
    .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'expected the E.164 number of the WhatsApp sender, e.g. +5531987654321'))
    .optional(),
  TWILIO_API_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL, e.g. https://api.twilio.com' }).optional(),
  TWILIO_WHATSAPP_REMINDER_CONTENT_SID: contentSid(),
  TWILIO_WHATSAPP_OFFER_CONTENT_SID: contentSid(),
  WHATSAPP_CLOUD_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_CLOUD_VERIFY_TOKEN: z.string().min(1).optional(),
  WHATSAPP_CLOUD_ACCESS_TOKEN: z.string().min(1).optional(),
  WHATSAPP_CLOUD_API_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL, e.g. https://graph.facebook.com/v24.0' }).optional(),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, "expected the phone number ID Meta's WhatsApp Manager shows (digits), not the phone number itself")
    .optional(),
  WHATSAPP_CLOUD_REMINDER_TEMPLATE: templateName(),
  WHATSAPP_CLOUD_OFFER_TEMPLATE: templateName(),
  WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "expected the template's language code as Meta writes it, e.g. pt_BR or en_US")
    .default('pt_BR'),
  WHATSAPP_WEB: flag.default(false),
  WHATSAPP_WEB_SESSION_DIR: z.string().min(1).default('./data/whatsapp-session'),
  WHATSAPP_WEB_BROWSER: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema>;

/** The settings the core's rules read, from the configuration. */
export function coreSettings(config: Config): CoreSettings {
  return {
    minNoticeMinutes: config.MIN_BOOKING_NOTICE_MINUTES,
    slotCacheMaxDays: config.SLOT_CACHE_MAX_DAYS,
    allowPrivateWebhookUrls: config.WEBHOOK_ALLOW_PRIVATE_URLS,
    noShowMinOutcomes: config.NO_SHOW_MIN_OUTCOMES,
    noShowRetrainHours: config.NO_SHOW_RETRAIN_HOURS,
  };
}

/** The browser WhatsApp Web runs in: WHATSAPP_WEB_BROWSER, else puppeteer's own PUPPETEER_EXECUTABLE_PATH, else Debian's chromium. */
export function whatsAppWebBrowser(config: Config, env: Record<string, string | undefined> = process.env): string {
  return config.WHATSAPP_WEB_BROWSER ?? (env.PUPPETEER_EXECUTABLE_PATH?.trim() || '/usr/bin/chromium');
}

/** The settings that name the WhatsApp template of each kind of message the clinic starts, per sender, and that kind. */
const CLOUD_TEMPLATE_SETTINGS = [
  ['WHATSAPP_CLOUD_REMINDER_TEMPLATE', 'reminders'],
  ['WHATSAPP_CLOUD_OFFER_TEMPLATE', 'waitlist offers'],
] as const;
const TWILIO_TEMPLATE_SETTINGS = [
  ['TWILIO_WHATSAPP_REMINDER_CONTENT_SID', 'reminders'],
  ['TWILIO_WHATSAPP_OFFER_CONTENT_SID', 'waitlist offers'],
] as const;

/** Settings that parse but do not do what whoever set them most likely meant; start-up logs each. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.OPENAI_BASE_URL && !config.OPENAI_API_KEY) {
    warnings.push(
      'OPENAI_BASE_URL is set but OPENAI_API_KEY is not, so the language fallback and voice transcription stay off; ' +
        'for a server that needs no key, set OPENAI_API_KEY to any value',
    );
  }
  if ((config.TWILIO_ACCOUNT_SID || config.TWILIO_WEBHOOK_URL) && !config.TWILIO_AUTH_TOKEN) {
    warnings.push('TWILIO_ACCOUNT_SID or TWILIO_WEBHOOK_URL is set but TWILIO_AUTH_TOKEN is not, so POST /channels/twilio answers 503');
  }
  const twilioCredentials = config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN;
  for (const name of ['TWILIO_SMS_FROM', 'TWILIO_WHATSAPP_FROM'] as const) {
    if (config[name] && !twilioCredentials) {
      warnings.push(
        `${name} is set but TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set, so no message the clinic starts ` +
          `(a reminder) goes out through Twilio ${name === 'TWILIO_SMS_FROM' ? 'SMS' : 'WhatsApp'}`,
      );
    }
  }
  if (config.TWILIO_API_URL && !(twilioCredentials && (config.TWILIO_SMS_FROM || config.TWILIO_WHATSAPP_FROM))) {
    warnings.push('TWILIO_API_URL is set but no Twilio sender is (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_SMS_FROM or TWILIO_WHATSAPP_FROM), so nothing uses it');
  }
  if (config.WHATSAPP_CLOUD_PHONE_NUMBER_ID && !config.WHATSAPP_CLOUD_ACCESS_TOKEN) {
    warnings.push(
      'WHATSAPP_CLOUD_PHONE_NUMBER_ID is set but WHATSAPP_CLOUD_ACCESS_TOKEN is not, so no message the clinic starts (a reminder) goes out through the WhatsApp Cloud API',
    );
  }
  const cloudSender = config.WHATSAPP_CLOUD_ACCESS_TOKEN && config.WHATSAPP_CLOUD_PHONE_NUMBER_ID;
  for (const [name] of CLOUD_TEMPLATE_SETTINGS) {
    if (config[name] && !cloudSender) {
      warnings.push(`${name} is set but WHATSAPP_CLOUD_ACCESS_TOKEN and WHATSAPP_CLOUD_PHONE_NUMBER_ID are not both set, so the template is never sent`);
    }
  }
  const twilioWhatsApp = twilioCredentials && config.TWILIO_WHATSAPP_FROM;
  for (const [name] of TWILIO_TEMPLATE_SETTINGS) {
    if (config[name] && !twilioWhatsApp) {
      warnings.push(`${name} is set but no Twilio WhatsApp sender is (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_FROM), so the template is never sent`);
    }
  }
  // the sender WhatsApp messages the clinic starts go through (outboundSenders): the Cloud API before Twilio
  const settings = cloudSender ? CLOUD_TEMPLATE_SETTINGS : twilioWhatsApp ? TWILIO_TEMPLATE_SETTINGS : [];
  const missing = settings.filter(([name]) => !config[name]);
  if (missing.length > 0) {
    warnings.push(
      `${missing.map(([name]) => name).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set, so ${missing.map(([, kind]) => kind).join(' and ')} go ` +
        `through WhatsApp as plain text, which WhatsApp delivers only within 24 hours of the patient's last message; ` +
        'set them to approved templates (README, "Reminders and waitlist offers")',
    );
  }
  return warnings;
}

export class ConfigError extends Error {}

/** Parses settings from an environment; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(configSchema.shape);
  const input: Record<string, string> = {};
  for (const name of known) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') input[name] = value;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    // one bad setting: one line; several: one line each under the heading
    throw new ConfigError(
      lines.length === 1 ? `Invalid configuration: ${lines[0]}` : `Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`,
    );
  }
  return parsed.data;
}
