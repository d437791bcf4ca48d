/** The transcriber adapter as the server wires it from its settings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { recogniseAudio } from '../../src/core/language/voice';
import { transcriberFromConfig } from '../../src/llm/openai-transcriber';
import { AUDIO, audioFixture } from '../api/voice/helpers';
import { hang, startFakeOpenAi, transcript, type FakeOpenAi } from '../helpers/fake-openai';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());

describe('transcriberFromConfig', () => {
  it('is null without OPENAI_API_KEY, so POST /voice says how to configure one', () => {
    expect(transcriberFromConfig(loadConfig({}))).toBeNull();
    expect(transcriberFromConfig(loadConfig({ OPENAI_BASE_URL: fake.url }))).toBeNull();
  });

  it('transcribes through the configured server and model, within TRANSCRIPTION_TIMEOUT_MS', async () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-config', OPENAI_BASE_URL: fake.url, TRANSCRIPTION_MODEL: 'local-whisper', TRANSCRIPTION_TIMEOUT_MS: '3000' });
    expect(config.TRANSCRIPTION_TIMEOUT_MS).toBe(3000);
    expect(loadConfig({}).TRANSCRIPTION_TIMEOUT_MS).toBe(30_000);
    const transcriber = transcriberFromConfig(config)!;
    const audio = (await recogniseAudio(audioFixture(AUDIO.mp3)))!;
    fake.setTranscription(transcript('oi'));
    expect(await transcriber.transcribe(audio)).toBe('oi');
    expect(fake.requests.at(-1)!.body).toMatchObject({ model: 'local-whisper', language: 'pt' });
    expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer sk-config');

    fake.setTranscription(hang());
    const started = Date.now();
    await expect(transcriber.transcribe(audio)).rejects.toThrow('did not answer within 3000 ms');
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
