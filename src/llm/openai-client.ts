/**
 * What the adapters over OpenAI-compatible servers share (the language model's chat completions, the
 * transcriber's audio transcriptions): the `openai` package loaded on first use, a client that reads
 * nothing from the environment and never retries, a hard deadline, and failures reduced to a kind that
 * is safe to log (never a message text or transcript).
 */
import type OpenAI from 'openai';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The part of the app's logger the adapters use (src/api/logger.ts fits). */
export interface LlmLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface OpenAiClientOptions {
  apiKey: string;
  /** an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1; default OpenAI's */
  baseURL?: string;
  timeoutMs: number;
}

/** Why a call failed; the only thing logged about it. */
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

export type OpenAiModule = typeof import('openai');
let openAiModule: Promise<OpenAiModule> | undefined;

/**
 * The `openai` package is loaded on first use (or in the background once a service is configured), so
 * a server without one never loads it and one with it does not wait for it to start.
 */
export function loadOpenAi(): Promise<OpenAiModule> {
  openAiModule ??= import('openai');
  return openAiModule;
}

/** A client made on first use from the loaded package, then reused. */
export function lazyClient(options: OpenAiClientOptions): (OpenAiClient: OpenAiModule['default']) => OpenAI {
  let client: OpenAI | undefined;
  void loadOpenAi().catch(() => undefined);
  return (OpenAiClient) =>
    (client ??= new OpenAiClient({
      apiKey: options.apiKey,
      // explicit values, so the client reads nothing from process.env (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_LOG)
      baseURL: options.baseURL ?? DEFAULT_OPENAI_BASE_URL,
      organization: null,
      project: null,
      webhookSecret: null,
      timeout: options.timeoutMs,
      maxRetries: 0,
      // the client's own debug logs would print the request body, and with it the patient's words
      logLevel: 'off',
    }));
}

export class DeadlineExceeded extends Error {}

/**
 * Runs `work` with a signal that aborts after `ms`, and settles by then even if the work ignores the
 * signal (a body that never ends, a client that does not listen).
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
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

/** The loggable facts of a transport failure: a kind, and the HTTP status for an error answer. */
export function describeCallFailure(error: unknown, OpenAI: OpenAiModule['default'] | undefined): { kind: LlmFailureKind; status?: number } {
  if (error instanceof DeadlineExceeded) return { kind: 'timeout' };
  if (!OpenAI) return { kind: 'unexpected' };
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return { kind: 'timeout' };
  if (error instanceof OpenAI.APIConnectionError) return { kind: 'network' };
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') return { kind: 'http_error', status: error.status };
  return { kind: 'unexpected' };
}
