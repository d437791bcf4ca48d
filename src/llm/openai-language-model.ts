/**
 * The language layer's LLM fallback (the `LanguageModel` port) over an OpenAI-compatible chat
 * completions endpoint. One request per reading, no retries, a hard deadline; any failure resolves
 * null so the rules' answer stands. Logs carry only the kind of failure, never the message text.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { buildLlmMessages } from '../../locales/pt-BR/llm-prompt';
import type { Config } from '../config';
import type { LanguageModel, LlmReading, LlmRequest } from '../core/language/types';
import { parseReading, READING_JSON_SCHEMA, READING_SCHEMA_NAME } from './llm-reading';
import {
  describeCallFailure,
  lazyClient,
  loadOpenAi,
  withDeadline,
  type LlmFailureKind,
  type LlmLogger,
  type OpenAiModule,
} from './openai-client';

export interface OpenAiLanguageModelOptions {
  apiKey: string;
  /** an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1; default OpenAI's */
  baseURL?: string;
  model: string;
  /** the whole reading, connection to parsed answer, is cut after this long */
  timeoutMs: number;
  logger?: LlmLogger;
}

/** An answer that arrived but cannot be used. */
class ReadingFailure extends Error {
  constructor(readonly kind: LlmFailureKind) {
    super(kind);
  }
}

export function createOpenAiLanguageModel(options: OpenAiLanguageModelOptions): LanguageModel {
  const clientOf = lazyClient(options);

  return {
    async read(request: LlmRequest): Promise<LlmReading | null> {
      const started = Date.now();
      let OpenAiClient: OpenAiModule['default'] | undefined;
      try {
        OpenAiClient = (await loadOpenAi()).default;
        const openai = clientOf(OpenAiClient);
        const completion = await withDeadline(options.timeoutMs, (signal) =>
          openai.chat.completions.create(completionParams(options.model, request), { signal, timeout: options.timeoutMs, maxRetries: 0 }),
        );
        return readingOf(completion);
      } catch (error) {
        const failure = error instanceof ReadingFailure ? { kind: error.kind } : describeCallFailure(error, OpenAiClient);
        options.logger?.warn('llm reading failed', { ...failure, ms: Date.now() - started });
        return null;
      }
    },
  };
}

/** The adapter the settings ask for, or null without `OPENAI_API_KEY` (rules only). */
export function languageModelFromConfig(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'LLM_MODEL' | 'LLM_TIMEOUT_MS'>,
  logger?: LlmLogger,
): LanguageModel | null {
  if (!config.OPENAI_API_KEY) return null;
  return createOpenAiLanguageModel({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    logger,
  });
}

/** The chat completion request: prompt, strict JSON schema, temperature 0. */
export function completionParams(model: string, request: LlmRequest): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    temperature: 0,
    messages: buildLlmMessages(request),
    response_format: {
      type: 'json_schema',
      json_schema: { name: READING_SCHEMA_NAME, strict: true, schema: READING_JSON_SCHEMA },
    },
  };
}

/** The reading in a completion; throws a ReadingFailure naming what was wrong. */
function readingOf(completion: ChatCompletion): LlmReading {
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new ReadingFailure('no_choice');
  if (choice.message.refusal) throw new ReadingFailure('refusal');
  if (choice.finish_reason === 'length' || choice.finish_reason === 'content_filter') throw new ReadingFailure('truncated');
  const content = choice.message.content;
  if (typeof content !== 'string' || content.trim() === '') throw new ReadingFailure('empty');
  const reading = parseReading(content);
  if (!reading) throw new ReadingFailure('invalid_answer');
  return reading;
}

