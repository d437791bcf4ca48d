/** POST /voice over the real app: multipart bodies built as a client would, and the recorded fixtures. */
import { readFileSync } from 'node:fs';
import { API_BASE } from '../../../src/app';
import type { LlmLogger } from '../../../src/llm/openai-client';
import { createOpenAiTranscriber } from '../../../src/llm/openai-transcriber';
import { bodyOf, type TestApp } from '../../helpers/app';
import type { FakeOpenAi } from '../../helpers/fake-openai';

/** Real one-second recordings made with ffmpeg (a 440 Hz tone); only their format matters here. */
export const AUDIO = {
  ogg: 'voice-note.ogg', // a WhatsApp voice note: Opus in OGG
  mp3: 'note.mp3',
  m4a: 'note.m4a',
  wav: 'note.wav',
  webm: 'note.webm',
} as const;

/** The real transcriber adapter at the fake server, with key `sk-test` and model `whisper-test`. */
export function transcriberAt(fake: FakeOpenAi, timeoutMs = 10_000, logger?: LlmLogger) {
  return createOpenAiTranscriber({ apiKey: 'sk-test', baseURL: fake.url, model: 'whisper-test', timeoutMs, logger });
}

export function audioFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/audio/${name}`, import.meta.url)));
}

export interface VoiceFields {
  audio?: { bytes: Uint8Array; name?: string; type?: string } | string;
  patient_id?: string;
  reference_time?: string;
  location_id?: string;
}

/** POST /voice with a multipart form (or, with `raw`, any body and headers). */
export async function postVoice(
  t: TestApp,
  fields: VoiceFields,
  init: { key?: string | null; headers?: Record<string, string>; raw?: string | Uint8Array } = {},
) {
  let body: string | Uint8Array | FormData;
  if (init.raw !== undefined) body = init.raw;
  else {
    const form = new FormData();
    if (typeof fields.audio === 'string') form.set('audio', fields.audio);
    else if (fields.audio) {
      const { bytes, name = 'audio.ogg', type = 'audio/ogg' } = fields.audio;
      form.set('audio', new File([bytes], name, { type }));
    }
    for (const key of ['patient_id', 'reference_time', 'location_id'] as const) {
      if (fields[key] !== undefined) form.set(key, fields[key]!);
    }
    body = form;
  }
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? t.tenant.read : init.key;
  if (key !== null) headers['x-api-key'] = key;
  const res = await t.app.request(`${API_BASE}/voice`, { method: 'POST', headers, body });
  return { status: res.status, body: await bodyOf(res) };
}
