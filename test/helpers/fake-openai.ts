/**
 * A fake OpenAI-compatible server on 127.0.0.1 for tests: `POST /v1/chat/completions` (also
 * `/chat/completions`, for a base URL without `/v1`) answers according to a switchable behaviour and
 * records every request.
 *
 *   const fake = await startFakeOpenAi();            // behaviour: answer(DEFAULT_READING)
 *   const model = createOpenAiLanguageModel({ apiKey: 'sk-test', baseURL: fake.url, model: 'm', timeoutMs: 200 });
 *   fake.setBehaviour(answer({ ...DEFAULT_READING, intent: 'cancel' }));
 *   fake.setBehaviour(slow(1000));  fake.setBehaviour(hang());  fake.setBehaviour(status(500));
 *   fake.setBehaviour(nonsense('not json'));  fake.setBehaviour(refusal());
 *   fake.requests[0]?.body.model;   // what the client sent, parsed
 *   await fake.close();             // also ends hanging and slow requests
 *
 * `POST /v1/audio/transcriptions` (multipart, as the client uploads a voice note) answers per its own
 * behaviour, recording the form's fields and the file's name, type and size:
 *
 *   fake.setTranscription(transcript('quero marcar cardio amanhã'));
 *   fake.setTranscription(slowTranscript(1000, 'oi'));  fake.setTranscription(hang());  fake.setTranscription(status(500));
 *
 * Other paths answer 404; a body that is not JSON answers 400 (and is recorded with `body: null`).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBehaviour =
  /** 200 with a completion whose message content is `JSON.stringify(reading)` */
  | { kind: 'answer'; reading: unknown }
  /** the same answer, sent after `ms` */
  | { kind: 'slow'; ms: number; reading: unknown }
  /** never answers (until close) */
  | { kind: 'hang' }
  /** an OpenAI-style error body with this status */
  | { kind: 'status'; status: number }
  /** 200 with a completion whose content is this text, as is */
  | { kind: 'nonsense'; text: string }
  /** 200 with a completion whose message is a refusal (content null) */
  | { kind: 'refusal'; text: string }
  /** 200 with this body as the whole response (e.g. `{ choices: [] }`) */
  | { kind: 'raw'; body: unknown };

export const DEFAULT_READING = {
  intent: 'book',
  specialty: null,
  provider_name: null,
  appointment_type: null,
  location: null,
  date_from: null,
  date_to: null,
  time: null,
  period: null,
} as const;

export type TranscriptionBehaviour =
  /** 200 `{text}` */
  | { kind: 'transcript'; text: string }
  /** the same, after `ms` */
  | { kind: 'slow_transcript'; ms: number; text: string }
  | { kind: 'hang' }
  | { kind: 'status'; status: number }
  /** 200 with this body as the whole response */
  | { kind: 'raw'; body: unknown };

export const transcript = (text: string): TranscriptionBehaviour => ({ kind: 'transcript', text });
export const slowTranscript = (ms: number, text: string): TranscriptionBehaviour => ({ kind: 'slow_transcript', ms, text });

export const answer = (reading: unknown): FakeBehaviour => ({ kind: 'answer', reading });
export const slow = (ms: number, reading: unknown = DEFAULT_READING): FakeBehaviour => ({ kind: 'slow', ms, reading });
export const hang = (): { kind: 'hang' } => ({ kind: 'hang' });
export const status = (code: number): { kind: 'status'; status: number } => ({ kind: 'status', status: code });
export const nonsense = (text: string): FakeBehaviour => ({ kind: 'nonsense', text });
export const refusal = (text = "I'm sorry, I can't help with that."): FakeBehaviour => ({ kind: 'refusal', text });
export const raw = (body: unknown): { kind: 'raw'; body: unknown } => ({ kind: 'raw', body });

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** the parsed JSON body; null when it was not JSON */
  body: any;
}

export interface FakeOpenAi {
  /** base URL for the client, ending in `/v1` */
  url: string;
  /** every request received, oldest first */
  requests: RecordedRequest[];
  setBehaviour(behaviour: FakeBehaviour): void;
  setTranscription(behaviour: TranscriptionBehaviour): void;
  /** stops listening and drops open connections (hanging and slow requests included) */
  close(): Promise<void>;
}

const COMPLETION_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);
const TRANSCRIPTION_PATHS = new Set(['/v1/audio/transcriptions', '/audio/transcriptions']);

/** A multipart body's fields, a file as its name, type and size. */
async function formFields(body: Buffer, contentType: string | undefined): Promise<Record<string, unknown> | null> {
  try {
    const form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form) {
      fields[name] = typeof value === 'string' ? value : { name: value.name, type: value.type, size: value.size };
    }
    return fields;
  } catch {
    return null;
  }
}

export async function startFakeOpenAi(initial: FakeBehaviour = answer(DEFAULT_READING)): Promise<FakeOpenAi> {
  let behaviour = initial;
  let transcription: TranscriptionBehaviour = transcript('quero marcar cardio amanhã de manhã');
  const requests: RecordedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'POST' && TRANSCRIPTION_PATHS.has(path)) {
        const fields = await formFields(Buffer.concat(chunks), req.headers['content-type']);
        requests.push({ method: 'POST', path, headers: req.headers, body: fields });
        if (fields === null) return sendError(res, 400, 'Body is not multipart');
        return transcribe(res, transcription);
      }
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      if (req.method !== 'POST' || !COMPLETION_PATHS.has(path)) return sendError(res, 404, 'Not found');
      if (body === null) return sendError(res, 400, 'Body is not JSON');
      respond(res, behaviour, String(body.model ?? 'fake-model'));
    });
  });

  /** Runs `send` after `ms`, unless the server closes first. */
  function later(ms: number, send: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, ms);
    timers.add(timer);
  }

  function respond(res: ServerResponse, current: FakeBehaviour, model: string): void {
    switch (current.kind) {
      case 'answer':
        return sendJson(res, 200, completion(model, { content: JSON.stringify(current.reading), refusal: null }));
      case 'slow':
        return later(current.ms, () => sendJson(res, 200, completion(model, { content: JSON.stringify(current.reading), refusal: null })));
      case 'hang':
        return;
      case 'status':
        return sendError(res, current.status, `Fake error ${current.status}`);
      case 'nonsense':
        return sendJson(res, 200, completion(model, { content: current.text, refusal: null }));
      case 'refusal':
        return sendJson(res, 200, completion(model, { content: null, refusal: current.text }));
      case 'raw':
        return sendJson(res, 200, current.body);
    }
  }

  function transcribe(res: ServerResponse, current: TranscriptionBehaviour): void {
    switch (current.kind) {
      case 'transcript':
        return sendJson(res, 200, { text: current.text });
      case 'slow_transcript':
        return later(current.ms, () => sendJson(res, 200, { text: current.text }));
      case 'hang':
        return;
      case 'status':
        return sendError(res, current.status, `Fake error ${current.status}`);
      case 'raw':
        return sendJson(res, 200, current.body);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setBehaviour(next) {
      behaviour = next;
    },
    setTranscription(next) {
      transcription = next;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

let completionCount = 0;

function completion(model: string, message: { content: string | null; refusal: string | null }) {
  completionCount += 1;
  return {
    id: `chatcmpl-fake-${completionCount}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, code: number, message: string): void {
  sendJson(res, code, { error: { message, type: 'fake_error', param: null, code: String(code) } });
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
