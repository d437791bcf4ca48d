import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { INTENTS, type LlmReading, type LlmRequest } from '../../src/core/language/types';
import { createOpenAiLanguageModel, languageModelFromConfig } from '../../src/llm/openai-language-model';
import { READING_SCHEMA_NAME } from '../../src/llm/llm-reading';
import {
  answer,
  DEFAULT_READING,
  hang,
  nonsense,
  raw,
  refusal,
  slow,
  startFakeOpenAi,
  status,
  type FakeOpenAi,
} from '../helpers/fake-openai';

const TIMEOUT_MS = 200;
const MESSAGE = 'oi, queria marcar com a dra ana amanhã às 2 da tarde';

const request: LlmRequest = {
  message: MESSAGE,
  localNow: '2026-11-25T09:00 (quarta-feira)',
  timezone: 'America/Sao_Paulo',
  catalog: {
    specialties: ['Cardiologia', 'Pediatria'],
    providerNames: ['Dra. Ana Souza', 'Dr. Paulo Lima'],
    appointmentTypes: [{ id: 't1', name: 'Consulta', synonyms: ['consulta', 'primeira vez'], specialty: null, duration_minutes: 30 }],
    locations: [{ id: 'l1', name: 'Unidade Centro', address: 'Av. Afonso Pena, 1000', timezone: 'America/Sao_Paulo' }],
  },
};

const reading: LlmReading = {
  intent: 'book',
  specialty: null,
  provider_name: 'Dra. Ana Souza',
  appointment_type: null,
  location: null,
  date_from: '2026-11-26',
  date_to: '2026-11-26',
  time: '14:00',
  period: 'tarde',
};

let fake: FakeOpenAi;
let logs: { msg: string; fields?: Record<string, unknown> }[];

function model(timeoutMs = TIMEOUT_MS) {
  return createOpenAiLanguageModel({
    apiKey: 'sk-test',
    baseURL: fake.url,
    model: 'test-model',
    timeoutMs,
    logger: { warn: (msg, fields) => logs.push({ msg, fields }) },
  });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  fake = await startFakeOpenAi();
});

beforeEach(() => {
  fake.requests.length = 0;
  fake.setBehaviour(answer(DEFAULT_READING));
  logs = [];
});

afterAll(async () => {
  await fake.close();
});

describe('the OpenAI language model: answers', () => {
  it('returns the reading of a valid answer', async () => {
    fake.setBehaviour(answer(reading));
    expect(await model().read(request)).toEqual(reading);
    expect(logs).toEqual([]);
  });

  it('sends the model, temperature 0, the strict json_schema and the message', async () => {
    fake.setBehaviour(answer(reading));
    await model().read(request);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('test-model');
    expect(sent.body.temperature).toBe(0);
    expect(sent.body.stream).toBeFalsy();
    const format = sent.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe(READING_SCHEMA_NAME);
    expect(format.json_schema.strict).toBe(true);
    const schema = format.json_schema.schema;
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(Object.keys(reading).sort());
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(reading).sort());
    expect(schema.properties.intent.enum).toEqual([...INTENTS]);
    expect(sent.body.messages).toEqual([
      { role: 'system', content: expect.any(String) },
      { role: 'user', content: MESSAGE },
    ]);
  });

  it('tells the model the local now, the zone and the catalogue', async () => {
    await model().read(request);
    const system: string = fake.requests[0]!.body.messages[0].content;
    for (const text of ['2026-11-25T09:00 (quarta-feira)', 'America/Sao_Paulo', 'Cardiologia', 'Pediatria', 'Dra. Ana Souza', 'Dr. Paulo Lima', 'Consulta', 'primeira vez', 'Unidade Centro']) {
      expect(system).toContain(text);
    }
    expect(system).not.toContain(MESSAGE);
  });

  it('works with a base URL without /v1', async () => {
    fake.setBehaviour(answer(reading));
    const noV1 = createOpenAiLanguageModel({ apiKey: 'sk-test', baseURL: fake.url.replace(/\/v1$/, ''), model: 'm', timeoutMs: TIMEOUT_MS });
    expect(await noV1.read(request)).toEqual(reading);
    expect(fake.requests[0]!.path).toBe('/chat/completions');
  });

  it('reads one date alone as that one day and blank names as not said', async () => {
    fake.setBehaviour(answer({ ...reading, date_to: null, specialty: '  ', location: '' }));
    expect(await model().read(request)).toEqual({ ...reading, date_to: reading.date_from, specialty: null, location: null });
  });

  it('ignores extra fields in the answer', async () => {
    fake.setBehaviour(answer({ ...reading, confidence: 0.9 }));
    expect(await model().read(request)).toEqual(reading);
  });
});

describe('the OpenAI language model: failures resolve null', () => {
  it('cuts a slow server at the timeout', async () => {
    fake.setBehaviour(slow(2000, reading));
    const { value, ms } = await timed(model().read(request));
    expect(value).toBeNull();
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(ms).toBeLessThan(TIMEOUT_MS + 400);
    expect(logs).toEqual([{ msg: 'llm reading failed', fields: { kind: 'timeout', ms: expect.any(Number) } }]);
  });

  it('answers within the timeout when the server is just under it', async () => {
    fake.setBehaviour(slow(50, reading));
    expect(await model().read(request)).toEqual(reading);
  });

  it('cuts a hanging server at the timeout', async () => {
    fake.setBehaviour(hang());
    const { value, ms } = await timed(model().read(request));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(TIMEOUT_MS + 400);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([500, 429, 401, 400, 503])('returns null on status %i, after one request (no retries)', async (code) => {
    fake.setBehaviour(status(code));
    expect(await model().read(request)).toBeNull();
    expect(fake.requests).toHaveLength(1);
    expect(logs).toEqual([{ msg: 'llm reading failed', fields: { kind: 'http_error', status: code, ms: expect.any(Number) } }]);
  });

  it('returns null when nothing listens', async () => {
    const closed = await startFakeOpenAi();
    const url = closed.url;
    await closed.close();
    const offline = createOpenAiLanguageModel({ apiKey: 'sk-test', baseURL: url, model: 'm', timeoutMs: TIMEOUT_MS, logger: { warn: (msg, fields) => logs.push({ msg, fields }) } });
    expect(await offline.read(request)).toBeNull();
    expect(logs[0]?.fields?.kind).toBe('network');
  });

  it('returns null on a refusal', async () => {
    fake.setBehaviour(refusal());
    expect(await model().read(request)).toBeNull();
    expect(logs[0]?.fields?.kind).toBe('refusal');
  });

  it.each([
    ['no choices', { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] }],
    ['no choices field', { id: 'x', object: 'chat.completion', created: 0, model: 'm' }],
    ['a cut answer', { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(DEFAULT_READING) }, finish_reason: 'length' }] }],
    ['null content', { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'stop' }] }],
    ['a JSON array', [1, 2, 3]],
  ])('returns null for %s', async (_, body) => {
    fake.setBehaviour(raw(body));
    expect(await model().read(request)).toBeNull();
  });

  it.each([
    ['text', 'Claro! A paciente quer marcar uma consulta.'],
    ['empty content', ''],
    ['JSON in a code fence', '```json\n' + JSON.stringify(DEFAULT_READING) + '\n```'],
    ['a JSON string', '"book"'],
    ['null', 'null'],
  ])('returns null for content that is not the reading: %s', async (_, text) => {
    fake.setBehaviour(nonsense(text));
    expect(await model().read(request)).toBeNull();
  });

  const { intent: _intent, ...withoutIntent } = reading;
  const { period: _period, ...withoutPeriod } = reading;

  it.each<[string, unknown]>([
    ['a missing intent', withoutIntent],
    ['a missing period', withoutPeriod],
    ['an unknown intent', { ...reading, intent: 'buy' }],
    ['an unknown period', { ...reading, period: 'madrugada' }],
    ['an accented period', { ...reading, period: 'manhã' }],
    ['a number for a name', { ...reading, specialty: 42 }],
    ['a 300-character name', { ...reading, provider_name: 'a'.repeat(300) }],
    ['February 30th', { ...reading, date_from: '2026-02-30', date_to: '2026-02-30' }],
    ['a Brazilian date', { ...reading, date_from: '26/11/2026' }],
    ['a datetime for a date', { ...reading, date_from: '2026-11-26T14:00' }],
    ['date_to before date_from', { ...reading, date_from: '2026-11-27', date_to: '2026-11-26' }],
    ['25:00', { ...reading, time: '25:00' }],
    ['14:60', { ...reading, time: '14:60' }],
    ['14h', { ...reading, time: '14h' }],
    ['a time with seconds', { ...reading, time: '14:00:00' }],
  ])('returns null for an answer with %s', async (_, body) => {
    fake.setBehaviour(answer(body));
    expect(await model().read(request)).toBeNull();
    expect(logs[0]?.fields?.kind).toBe('invalid_answer');
  });

  it('never logs the message text', async () => {
    for (const behaviour of [status(500), nonsense(MESSAGE), refusal(MESSAGE), answer({ ...reading, intent: MESSAGE })]) {
      fake.setBehaviour(behaviour);
      await model().read(request);
    }
    expect(logs).toHaveLength(4);
    expect(JSON.stringify(logs)).not.toContain('dra ana');
  });
});

describe('languageModelFromConfig', () => {
  it('is null without OPENAI_API_KEY', () => {
    expect(languageModelFromConfig(loadConfig({}))).toBeNull();
    expect(languageModelFromConfig(loadConfig({ OPENAI_BASE_URL: fake.url }))).toBeNull();
  });

  it('reads through the configured server, model and timeout', async () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-config', OPENAI_BASE_URL: fake.url, LLM_MODEL: 'local-model', LLM_TIMEOUT_MS: '150' });
    const configured = languageModelFromConfig(config)!;
    fake.setBehaviour(answer(reading));
    expect(await configured.read(request)).toEqual(reading);
    expect(fake.requests[0]!.body.model).toBe('local-model');
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-config');

    fake.setBehaviour(hang());
    const { value, ms } = await timed(configured.read(request));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(150 + 400);
  });
});
