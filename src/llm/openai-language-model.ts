/**
 * The language layer's LLM fallback (the `LanguageModel` port) over an OpenAI-compatible chat
 * completions endpoint. One request per reading, no retries, a hard deadline; any failure resolves
 * null so the rules' answer stands. Logs carry only the kind of failure, never the message text.
 */
import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { buildLlmMessages } from '../../locales/pt-BR/llm-prompt';
import type { Config } from '../config';
import type { LanguageModel, LlmReading, LlmRequest } from '../core/language/types';
import { parseReading, READING_JSON_SCHEMA, READING_SCHEMA_NAME } from './llm-reading';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The part of the app's logger the adapter uses (src/api/logger.ts fits). */
export interface LlmLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface OpenAiLanguageModelOptions {
  apiKey: string;
  /** an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1; default OpenAI's */
  baseURL?: string;
  model: string;
  /** the whole reading, connection to parsed answer, is cut after this long */
  timeoutMs: number;
  logger?: LlmLogger;
}

/** Why a reading failed; the only thing logged about it. */
export type LlmFailureKind =
  | 'timeout'
  | 'network'
  | 'http_error'
  | 'refusal'
  | 'no_choice'
  | 'truncated'
  | 'empty'
  | 'invalid_answer'
  | 'unexpected';

class ReadingFailure extends Error {
  constructor(readonly kind: LlmFailureKind) {
    super(kind);
  }
}

class DeadlineExceeded extends Error {}

type OpenAiModule = typeof import('openai');
let openAiModule: Promise<OpenAiModule> | undefined;

/**
 * The `openai` package is loaded on first use (or in the background once a model is configured), so
 * a server without an LLM never loads it and one with an LLM does not wait for it to start.
 */
function loadOpenAi(): Promise<OpenAiModule> {
  openAiModule ??= import('openai');
  return openAiModule;
}

export function createOpenAiLanguageModel(options: OpenAiLanguageModelOptions): LanguageModel {
  let client: OpenAI | undefined;
  const clientOf = (OpenAiClient: OpenAiModule['default']) =>
    (client ??= new OpenAiClient({
    apiKey: options.apiKey,
    // explicit values, so the client reads nothing from process.env (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_LOG)
    baseURL: options.baseURL ?? DEFAULT_OPENAI_BASE_URL,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    // the client's own debug logs would print the request body, and with it the patient's message
    logLevel: 'off',
  }));
  void loadOpenAi().catch(() => undefined);

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
        const failure = describeFailure(error, OpenAiClient);
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

/**
 * Runs `work` with a signal that aborts after `ms`, and settles by then even if the work ignores the
 * signal (a body that never ends, a client that does not listen).
 */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineExceeded());
    }, ms);
  });
  const running = work(controller.signal);
  running.catch(() => {}); // settled after the deadline: nobody is listening any more
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The loggable facts of a failure: a kind, and the HTTP status for an error answer. */
function describeFailure(error: unknown, OpenAI: OpenAiModule['default'] | undefined): { kind: LlmFailureKind; status?: number } {
  if (error instanceof ReadingFailure) return { kind: error.kind };
  if (error instanceof DeadlineExceeded) return { kind: 'timeout' };
  if (!OpenAI) return { kind: 'unexpected' };
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return { kind: 'timeout' };
  if (error instanceof OpenAI.APIConnectionError) return { kind: 'network' };
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') return { kind: 'http_error', status: error.status };
  return { kind: 'unexpected' };
}
