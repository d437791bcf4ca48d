/** The part of the app's dependencies that the settings decide, alike for every entry (Node, Workers). */
import type { AppDeps } from './app';
import type { Logger } from './api/logger';
import { coreSettings, type Config } from './config';
import type { CoreSettings } from './core/deps';
import { languageModelFromConfig } from './llm/openai-language-model';
import { transcriberFromConfig } from './llm/openai-transcriber';

export type ConfiguredAppDeps = Pick<AppDeps, 'languageModel' | 'transcriber' | 'conversationTimeoutMinutes' | 'channels'> & { settings: CoreSettings };

export function configuredAppDeps(config: Config, logger: Logger): ConfiguredAppDeps {
  return {
    settings: coreSettings(config),
    languageModel: languageModelFromConfig(config, logger),
    transcriber: transcriberFromConfig(config, logger),
    conversationTimeoutMinutes: config.CONVERSATION_TIMEOUT_MINUTES,
    channels: {
      tenant: config.CHANNELS_TENANT,
      twilio: { authToken: config.TWILIO_AUTH_TOKEN, accountSid: config.TWILIO_ACCOUNT_SID, webhookUrl: config.TWILIO_WEBHOOK_URL },
      whatsappCloud: {
        appSecret: config.WHATSAPP_CLOUD_APP_SECRET,
        verifyToken: config.WHATSAPP_CLOUD_VERIFY_TOKEN,
        accessToken: config.WHATSAPP_CLOUD_ACCESS_TOKEN,
        apiUrl: config.WHATSAPP_CLOUD_API_URL,
      },
    },
  };
}
