import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, configWarnings, loadConfig, whatsAppWebBrowser } from '../src/config';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('has a default for every setting that needs one', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_PATH: './data/agendador.db',
      SEED_DEMO: true,
      LOG_LEVEL: 'info',
      DEFAULT_TIMEZONE: 'America/Sao_Paulo',
      LLM_MODEL: 'gpt-4o-mini',
      LLM_TIMEOUT_MS: 5000,
      TRANSCRIPTION_MODEL: 'whisper-1',
      TRANSCRIPTION_TIMEOUT_MS: 30000,
      WEBHOOK_ALLOW_PRIVATE_URLS: false,
      WEBHOOK_RETRY_SCHEDULE: [5, 300, 1800, 7200, 18000, 36000],
      WEBHOOK_TIMEOUT_SECONDS: 10,
      WEBHOOK_POLL_INTERVAL_MS: 250,
      CONVERSATION_TIMEOUT_MINUTES: 30,
      REMINDERS: true,
      REMINDER_TIME: '10:00',
      MIN_BOOKING_NOTICE_MINUTES: 60,
      SLOT_CACHE_MAX_DAYS: 10000,
      NO_SHOW_MIN_OUTCOMES: 200,
      NO_SHOW_RETRAIN_HOURS: 24,
      WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'pt_BR',
      WHATSAPP_WEB: false,
      WHATSAPP_WEB_SESSION_DIR: './data/whatsapp-session',
    });
  });

  it('parses every setting from its text form', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: '/tmp/x.db',
      SEED_DEMO: '0',
      BOOTSTRAP_API_KEY: 'k'.repeat(32),
      LOG_LEVEL: 'silent',
      DEFAULT_TIMEZONE: 'America/Manaus',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1',
      LLM_MODEL: 'local-model',
      LLM_TIMEOUT_MS: '1500',
      TRANSCRIPTION_MODEL: 'local-whisper',
      TRANSCRIPTION_TIMEOUT_MS: '45000',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'yes',
      WEBHOOK_RETRY_SCHEDULE: '1, 1,0.5',
      WEBHOOK_TIMEOUT_SECONDS: '0.5',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      CONVERSATION_TIMEOUT_MINUTES: '5',
      REMINDERS: 'no',
      REMINDER_TIME: ' 18:30 ',
      MIN_BOOKING_NOTICE_MINUTES: '0',
      SLOT_CACHE_MAX_DAYS: '0',
      NO_SHOW_MIN_OUTCOMES: '500',
      NO_SHOW_RETRAIN_HOURS: '0.5',
      TWILIO_AUTH_TOKEN: 'twilio-token',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789ABCDEF',
      TWILIO_WEBHOOK_URL: 'https://clinic.example.com/channels/twilio?unit=centro',
      TWILIO_SMS_FROM: '+5531912345678',
      TWILIO_WHATSAPP_FROM: ' whatsapp:+14155238886 ',
      TWILIO_API_URL: 'http://127.0.0.1:4010',
      TWILIO_WHATSAPP_REMINDER_CONTENT_SID: ' HX0123456789abcdef0123456789abcdef ',
      TWILIO_WHATSAPP_OFFER_CONTENT_SID: 'HXfedcba9876543210fedcba9876543210',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete_consulta',
      WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga_lista_espera',
      WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'en_US',
      WHATSAPP_WEB: '1',
      WHATSAPP_WEB_SESSION_DIR: '/var/lib/agendador/whatsapp',
      WHATSAPP_WEB_BROWSER: '/usr/bin/google-chrome',
    });
    expect(config).toEqual({
      PORT: 0,
      HOST: '127.0.0.1',
      DATABASE_PATH: '/tmp/x.db',
      SEED_DEMO: false,
      BOOTSTRAP_API_KEY: 'k'.repeat(32),
      LOG_LEVEL: 'silent',
      DEFAULT_TIMEZONE: 'America/Manaus',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1',
      LLM_MODEL: 'local-model',
      LLM_TIMEOUT_MS: 1500,
      TRANSCRIPTION_MODEL: 'local-whisper',
      TRANSCRIPTION_TIMEOUT_MS: 45000,
      WEBHOOK_ALLOW_PRIVATE_URLS: true,
      WEBHOOK_RETRY_SCHEDULE: [1, 1, 0.5],
      WEBHOOK_TIMEOUT_SECONDS: 0.5,
      WEBHOOK_POLL_INTERVAL_MS: 50,
      CONVERSATION_TIMEOUT_MINUTES: 5,
      REMINDERS: false,
      REMINDER_TIME: '18:30',
      MIN_BOOKING_NOTICE_MINUTES: 0,
      SLOT_CACHE_MAX_DAYS: 0,
      NO_SHOW_MIN_OUTCOMES: 500,
      NO_SHOW_RETRAIN_HOURS: 0.5,
      TWILIO_AUTH_TOKEN: 'twilio-token',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789ABCDEF',
      TWILIO_WEBHOOK_URL: 'https://clinic.example.com/channels/twilio?unit=centro',
      TWILIO_SMS_FROM: '+5531912345678',
      TWILIO_WHATSAPP_FROM: '+14155238886',
      TWILIO_API_URL: 'http://127.0.0.1:4010',
      TWILIO_WHATSAPP_REMINDER_CONTENT_SID: 'HX0123456789abcdef0123456789abcdef',
      TWILIO_WHATSAPP_OFFER_CONTENT_SID: 'HXfedcba9876543210fedcba9876543210',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete_consulta',
      WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga_lista_espera',
      WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'en_US',
      WHATSAPP_WEB: true,
      WHATSAPP_WEB_SESSION_DIR: '/var/lib/agendador/whatsapp',
      WHATSAPP_WEB_BROWSER: '/usr/bin/google-chrome',
    });
  });

  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('reads the flag value %s as %s', (text, value) => {
    expect(loadConfig({ SEED_DEMO: text }).SEED_DEMO).toBe(value);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: text }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(value);
    expect(loadConfig({ WHATSAPP_WEB: text }).WHATSAPP_WEB).toBe(value);
  });

  it("runs WhatsApp Web in WHATSAPP_WEB_BROWSER, else puppeteer's PUPPETEER_EXECUTABLE_PATH, else /usr/bin/chromium", () => {
    expect(whatsAppWebBrowser(loadConfig({}), {})).toBe('/usr/bin/chromium');
    expect(whatsAppWebBrowser(loadConfig({}), { PUPPETEER_EXECUTABLE_PATH: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
    const env = { WHATSAPP_WEB_BROWSER: '/usr/bin/google-chrome', PUPPETEER_EXECUTABLE_PATH: '/opt/chrome/chrome' };
    expect(whatsAppWebBrowser(loadConfig(env), env)).toBe('/usr/bin/google-chrome');
  });

  it('counts empty and blank strings as unset', () => {
    const blank = Object.fromEntries(Object.keys(configSchema.shape).map((name, i) => [name, i % 2 ? '' : '   ']));
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  it('ignores variables that are not settings', () => {
    expect(loadConfig({ PATH: '/usr/bin', port: 'abc' })).toEqual(loadConfig({}));
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['SEED_DEMO', 'maybe'],
    ['BOOTSTRAP_API_KEY', 'too-short'],
    ['LOG_LEVEL', 'verbose'],
    ['DEFAULT_TIMEZONE', 'America/Belo_Horizonte'],
    ['DEFAULT_TIMEZONE', 'BRT'],
    ['OPENAI_BASE_URL', 'not a url'],
    ['WEBHOOK_ALLOW_PRIVATE_URLS', 'sometimes'],
    ['WEBHOOK_RETRY_SCHEDULE', '1,,2'],
    ['WEBHOOK_RETRY_SCHEDULE', '5m,10m'],
    ['WEBHOOK_RETRY_SCHEDULE', '-1'],
    ['WEBHOOK_TIMEOUT_SECONDS', '0'],
    ['WEBHOOK_TIMEOUT_SECONDS', '61'],
    ['WEBHOOK_TIMEOUT_SECONDS', 'ten'],
    ['WEBHOOK_POLL_INTERVAL_MS', '5'],
    ['WEBHOOK_POLL_INTERVAL_MS', '2.5'],
    ['WEBHOOK_POLL_INTERVAL_MS', 'fast'],
    ['CONVERSATION_TIMEOUT_MINUTES', '0'],
    ['REMINDERS', 'sometimes'],
    ['REMINDER_TIME', '9:00'],
    ['REMINDER_TIME', '05:59'],
    ['REMINDER_TIME', '19:30'],
    ['REMINDER_TIME', '10h'],
    ['REMINDER_TIME', '25:00'],
    ['LLM_TIMEOUT_MS', '0'],
    ['LLM_TIMEOUT_MS', '5s'],
    ['CONVERSATION_TIMEOUT_MINUTES', 'thirty'],
    ['CONVERSATION_TIMEOUT_MINUTES', '1.5'],
    ['MIN_BOOKING_NOTICE_MINUTES', '-1'],
    ['MIN_BOOKING_NOTICE_MINUTES', 'soon'],
    ['NO_SHOW_MIN_OUTCOMES', '10'],
    ['NO_SHOW_MIN_OUTCOMES', 'many'],
    ['NO_SHOW_RETRAIN_HOURS', '0'],
    ['NO_SHOW_RETRAIN_HOURS', 'daily'],
    ['TWILIO_ACCOUNT_SID', 'SK0123456789abcdef0123456789abcdef'],
    ['TWILIO_ACCOUNT_SID', 'AC123'],
    ['TWILIO_WEBHOOK_URL', 'clinic.example.com/channels/twilio'],
    ['TWILIO_WEBHOOK_URL', 'ftp://clinic.example.com/channels/twilio'],
    ['TWILIO_SMS_FROM', '31912345678'],
    ['TWILIO_SMS_FROM', '+55 31 91234-5678'],
    ['TWILIO_SMS_FROM', 'MG123'],
    ['TWILIO_WHATSAPP_FROM', '5531912345678'],
    ['TWILIO_WHATSAPP_FROM', 'MG0123456789abcdef0123456789abcdef'],
    ['TWILIO_API_URL', 'api.twilio.com'],
    ['WHATSAPP_CLOUD_PHONE_NUMBER_ID', '+5531912345678'],
    ['WHATSAPP_CLOUD_REMINDER_TEMPLATE', 'Lembrete Consulta'],
    ['WHATSAPP_CLOUD_OFFER_TEMPLATE', 'vaga-lista'],
    ['TWILIO_WHATSAPP_REMINDER_CONTENT_SID', 'lembrete_consulta'],
    ['TWILIO_WHATSAPP_OFFER_CONTENT_SID', 'HX0123'],
    ['WHATSAPP_CLOUD_TEMPLATE_LANGUAGE', 'pt-BR'],
    ['WHATSAPP_CLOUD_TEMPLATE_LANGUAGE', 'portuguese'],
    ['WHATSAPP_WEB', 'on'],
  ])('refuses %s=%j with a message naming the setting', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error.message).toContain(name);
    // only the bad setting is blamed
    const blamed = Object.keys(configSchema.shape).filter((other) => new RegExp(`\\b${other}\\b`).test(error.message));
    expect(blamed).toEqual([name]);
  });

  it.each([
    ['PORT', '0x1F90', 'PORT: expected a whole number from 0 to 65535, e.g. 3000'],
    ['PORT', '3e3', 'PORT: expected a whole number from 0 to 65535, e.g. 3000'],
    ['PORT', '80.5', 'PORT: expected a whole number from 0 to 65535, e.g. 3000'],
    ['PORT', 'abc', 'PORT: expected a whole number from 0 to 65535, e.g. 3000'],
    ['PORT', '70000', 'PORT: expected a whole number from 0 to 65535, e.g. 3000'],
    ['CONVERSATION_TIMEOUT_MINUTES', 'thirty', 'CONVERSATION_TIMEOUT_MINUTES: expected a whole number of minutes from 1 to 525600, e.g. 30'],
    ['CONVERSATION_TIMEOUT_MINUTES', '0', 'CONVERSATION_TIMEOUT_MINUTES: expected a whole number of minutes from 1 to 525600, e.g. 30'],
    ['LLM_TIMEOUT_MS', '5s', 'LLM_TIMEOUT_MS: expected a whole number of milliseconds from 1 to 2147483647, e.g. 5000'],
    // past 2^31 - 1 ms, Node's timers fire after 1 ms: a huge timeout would be no wait at all
    ['TRANSCRIPTION_TIMEOUT_MS', '3000000000', 'TRANSCRIPTION_TIMEOUT_MS: expected a whole number of milliseconds from 1 to 2147483647, e.g. 30000'],
    ['NO_SHOW_MIN_OUTCOMES', '10', 'NO_SHOW_MIN_OUTCOMES: expected a whole number from 50 to 1000000, e.g. 200'],
    ['REMINDER_TIME', '20:00', 'REMINDER_TIME: expected a local time from 06:00 to 19:00 (HH:MM), e.g. 10:00'],
  ])('refuses %s=%j in one line that says what it takes', (name, value, message) => {
    expect(errorOf({ [name]: value }).message).toBe(`Invalid configuration: ${message}`);
  });

  it('accepts whole numbers with blanks around them', () => {
    expect(loadConfig({ PORT: ' 8080 ', SLOT_CACHE_MAX_DAYS: '0' })).toMatchObject({ PORT: 8080, SLOT_CACHE_MAX_DAYS: 0 });
  });

  it('names every bad setting at once', () => {
    const error = errorOf({ PORT: 'abc', LOG_LEVEL: 'loud', SEED_DEMO: 'perhaps' });
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('LOG_LEVEL');
    expect(error.message).toContain('SEED_DEMO');
  });

  it('does not echo a refused secret back', () => {
    const error = errorOf({ BOOTSTRAP_API_KEY: 'short-secret' });
    expect(error.message).not.toContain('short-secret');
  });

  it('warns when a Twilio setting is set without TWILIO_AUTH_TOKEN (POST /channels/twilio then answers 503)', () => {
    expect(configWarnings(loadConfig({ TWILIO_WEBHOOK_URL: 'https://clinic.example.com/channels/twilio' }))).toEqual([
      'TWILIO_ACCOUNT_SID or TWILIO_WEBHOOK_URL is set but TWILIO_AUTH_TOKEN is not, so POST /channels/twilio answers 503',
    ]);
    expect(configWarnings(loadConfig({ TWILIO_AUTH_TOKEN: 't', TWILIO_WEBHOOK_URL: 'https://clinic.example.com/channels/twilio' }))).toEqual([]);
  });

  it('takes a Messaging Service SID as TWILIO_SMS_FROM', () => {
    expect(loadConfig({ TWILIO_SMS_FROM: 'MG0123456789abcdef0123456789ABCDEF' }).TWILIO_SMS_FROM).toBe('MG0123456789abcdef0123456789ABCDEF');
  });

  describe('warns about half-set senders of messages the clinic starts', () => {
    const sid = 'AC0123456789abcdef0123456789abcdef';
    it.each([
      [{ TWILIO_SMS_FROM: '+5531912345678' }, 'TWILIO_SMS_FROM is set but TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set'],
      [{ TWILIO_SMS_FROM: '+5531912345678', TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_SMS_FROM is set but TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set'],
      [{ TWILIO_WHATSAPP_FROM: '+5531912345678', TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_WHATSAPP_FROM is set but TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set'],
      [{ TWILIO_API_URL: 'http://127.0.0.1:4010', TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_API_URL is set but no Twilio sender is'],
      [{ WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1065' }, 'WHATSAPP_CLOUD_PHONE_NUMBER_ID is set but WHATSAPP_CLOUD_ACCESS_TOKEN is not'],
      [{ WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete', WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG' }, 'WHATSAPP_CLOUD_REMINDER_TEMPLATE is set but'],
      [{ WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga' }, 'WHATSAPP_CLOUD_OFFER_TEMPLATE is set but'],
      [
        { WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1065' },
        'WHATSAPP_CLOUD_REMINDER_TEMPLATE and WHATSAPP_CLOUD_OFFER_TEMPLATE are not set, so reminders and waitlist offers go through WhatsApp as plain text',
      ],
      [
        { WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1065', WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete' },
        'WHATSAPP_CLOUD_OFFER_TEMPLATE is not set, so waitlist offers go through WhatsApp as plain text',
      ],
      [{ TWILIO_WHATSAPP_OFFER_CONTENT_SID: 'HXfedcba9876543210fedcba9876543210', TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_WHATSAPP_OFFER_CONTENT_SID is set but no Twilio WhatsApp sender is'],
      [
        { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_WHATSAPP_FROM: '+5531912345678', TWILIO_WHATSAPP_OFFER_CONTENT_SID: 'HXfedcba9876543210fedcba9876543210' },
        'TWILIO_WHATSAPP_REMINDER_CONTENT_SID is not set, so reminders go through WhatsApp as plain text',
      ],
    ])('%j', (env, warning) => {
      const warnings = configWarnings(loadConfig(env));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(warning);
    });

    it('and not about whole ones', () => {
      expect(configWarnings(loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_SMS_FROM: '+5531912345678' }))).toEqual([]);
      expect(
        configWarnings(
          loadConfig({
            TWILIO_ACCOUNT_SID: sid,
            TWILIO_AUTH_TOKEN: 't',
            TWILIO_WHATSAPP_FROM: '+5531912345678',
            TWILIO_API_URL: 'http://127.0.0.1:4010',
            TWILIO_WHATSAPP_REMINDER_CONTENT_SID: 'HX0123456789abcdef0123456789abcdef',
            TWILIO_WHATSAPP_OFFER_CONTENT_SID: 'HXfedcba9876543210fedcba9876543210',
          }),
        ),
      ).toEqual([]);
      expect(
        configWarnings(
          loadConfig({
            WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG',
            WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1065',
            WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete',
            WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga',
          }),
        ),
      ).toEqual([]);
      // the Cloud API sends WhatsApp before Twilio: Twilio's templates are not missed then
      expect(
        configWarnings(
          loadConfig({
            WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG',
            WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1065',
            WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete',
            WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga',
            TWILIO_ACCOUNT_SID: sid,
            TWILIO_AUTH_TOKEN: 't',
            TWILIO_WHATSAPP_FROM: '+5531912345678',
          }),
        ),
      ).toEqual([]);
      // inbound-only Cloud API: no sender meant, nothing to warn about
      expect(configWarnings(loadConfig({ WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG', WHATSAPP_CLOUD_APP_SECRET: 's' }))).toEqual([]);
    });
  });

  it("the README's settings table lists exactly the settings config.ts knows", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.split('## Settings')[1]!.split('\n## ')[0]!;
    const listed = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(configSchema.shape).sort());
  });
});
