/**
 * Every setting, parsed once with zod. A bad value stops start-up with a message naming the setting.
 * The README's settings table lists the same names; keep both in step.
 */
import { z } from 'zod';
import { isValidTimeZone } from './core/time';
import type { CoreSettings } from './core/deps';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'expected 1/0, true/false or yes/no' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const positiveSeconds = z
  .string()
  .regex(/^\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*$/, 'expected comma-separated seconds, e.g. 5,300,1800')
  .transform((v) => v.split(',').map((s) => Number(s.trim())));

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  TRANSCRIPTION_MODEL: z.string().min(1).default('whisper-1'),
  TRANSCRIPTION_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  WEBHOOK_ALLOW_PRIVATE_URLS: flag.default(false),
  WEBHOOK_RETRY_SCHEDULE: positiveSeconds.default([5, 300, 1800, 7200, 18000, 36000]),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected seconds, e.g. 10' })
    .positive('expected more than 0 seconds')
    .max(60, 'expected at most 60 seconds')
    .default(10),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce
    .number({ message: 'expected whole milliseconds, e.g. 250' })
    .int('expected whole milliseconds, e.g. 250')
    .min(10, 'expected at least 10 ms')
    .max(60_000, 'expected at most 60000 ms')
    .default(250),
  CONVERSATION_TIMEOUT_MINUTES: z.coerce.number().int().positive().default(30),
  MIN_BOOKING_NOTICE_MINUTES: z.coerce.number().int().min(0).max(43200).default(60),
  SLOT_CACHE_MAX_DAYS: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  NO_SHOW_MIN_OUTCOMES: z.coerce.number().int().min(50).max(1_000_000).default(200),
  NO_SHOW_RETRAIN_HOURS: z.coerce.number().positive().max(8760).default(24),
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

/** Settings that parse but do not do what whoever set them most likely meant; start-up logs each. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.OPENAI_BASE_URL && !config.OPENAI_API_KEY) {
    warnings.push(
      'OPENAI_BASE_URL is set but OPENAI_API_KEY is not, so the language fallback and voice transcription stay off; ' +
        'for a server that needs no key, set OPENAI_API_KEY to any value',
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
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
