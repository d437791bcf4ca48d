/**
 * Speech to text for voice notes (the `Transcriber` port) over an OpenAI-compatible
 * `POST /audio/transcriptions` endpoint, in Portuguese. One request per note, no retries, a hard
 * deadline; a failure rejects with UpstreamFailedError (502 at the edge). Logs carry only the kind of
 * failure, never the transcript.
 */
import type { Config } from '../config';
import { UpstreamFailedError } from '../core/errors';
import type { RecognisedAudio, Transcriber } from '../core/language/types';
import { describeCallFailure, lazyClient, loadOpenAi, withDeadline, type LlmLogger, type OpenAiModule } from './openai-client';

export interface OpenAiTranscriberOptions {
  apiKey: string;
  /** an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1; default OpenAI's */
  baseURL?: string;
  /** e.g. whisper-1, gpt-4o-mini-transcribe */
  model: string;
  /** the whole transcription, upload to answer, is cut after this long */
  timeoutMs: number;
  logger?: LlmLogger;
}

export function createOpenAiTranscriber(options: OpenAiTranscriberOptions): Transcriber {
  const clientOf = lazyClient(options);
  return {
    async transcribe(audio: RecognisedAudio): Promise<string> {
      const started = Date.now();
      let OpenAiClient: OpenAiModule['default'] | undefined;
      try {
        const openai = await loadOpenAi();
        OpenAiClient = openai.default;
        const client = clientOf(OpenAiClient);
        const file = await openai.toFile(audio.bytes, `voice-note.${audio.extension}`, { type: audio.mediaType });
        const result = await withDeadline(options.timeoutMs, (signal) =>
          client.audio.transcriptions.create(
            { file, model: options.model, language: 'pt', response_format: 'json' },
            { signal, timeout: options.timeoutMs, maxRetries: 0 },
          ),
        );
        if (typeof result?.text !== 'string') {
          options.logger?.warn('transcription failed', { kind: 'invalid_answer', ms: Date.now() - started });
          throw new UpstreamFailedError('The transcription service answered without a transcript');
        }
        return result.text;
      } catch (error) {
        if (error instanceof UpstreamFailedError) throw error;
        const failure = describeCallFailure(error, OpenAiClient);
        options.logger?.warn('transcription failed', { ...failure, ms: Date.now() - started });
        throw new UpstreamFailedError(
          failure.kind === 'timeout'
            ? `The transcription service did not answer within ${options.timeoutMs} ms`
            : `The transcription service failed${failure.status ? ` (HTTP ${failure.status})` : ''}`,
        );
      }
    },
  };
}

/** The transcriber the settings ask for, or null without `OPENAI_API_KEY` (POST /voice then answers 503). */
export function transcriberFromConfig(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'TRANSCRIPTION_MODEL' | 'TRANSCRIPTION_TIMEOUT_MS'>,
  logger?: LlmLogger,
): Transcriber | null {
  if (!config.OPENAI_API_KEY) return null;
  return createOpenAiTranscriber({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.TRANSCRIPTION_MODEL,
    timeoutMs: config.TRANSCRIPTION_TIMEOUT_MS,
    logger,
  });
}
