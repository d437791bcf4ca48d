/**
 * POST /voice refusals: every one a 4xx or 5xx with `{detail}`, never a 500, and none spends a
 * transcription on a request it will refuse anyway.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_BASE, MAX_VOICE_BODY_BYTES } from '../../../src/app';
import { MAX_AUDIO_BYTES } from '../../../src/core/language/voice';
import { createTestApp, type TestApp } from '../../helpers/app';
import { hang, raw, startFakeOpenAi, status, transcript, type FakeOpenAi } from '../../helpers/fake-openai';
import { AUDIO, audioFixture, postVoice, transcriberAt } from './helpers';

/** for the hanging service; other requests get a timeout no loaded machine reaches */
const TIMEOUT_MS = 300;
let fake: FakeOpenAi;
let t: TestApp;
let patientId: string;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  fake.setTranscription(transcript('quero marcar cardio amanhã'));
  t = await createTestApp({
    transcriber: transcriberAt(fake),
  });
  patientId = (await t.api('POST', '/patients', { name: 'Rita', phone: '+5531977776666' })).body.id;
});
afterEach(() => t.close());

const note = () => ({ bytes: audioFixture(AUDIO.ogg) });

/** An OGG page header followed by `size` bytes in all: the format is recognised, the size is what counts. */
function oggOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(audioFixture(AUDIO.ogg).subarray(0, 64));
  return bytes;
}

describe('voice: what is refused', () => {
  it('503 with how to configure a transcriber when none is', async () => {
    const bare = await createTestApp();
    try {
      const res = await postVoice(bare, { audio: note(), patient_id: (await bare.api('POST', '/patients', { name: 'Ana' })).body.id });
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/OPENAI_API_KEY/);
      expect(res.body.detail).toMatch(/TRANSCRIPTION_MODEL/);
      // where the settings go on either runtime (the same message serves Node and Workers)
      expect(res.body.detail).toMatch(/restart, on Node; the Worker's variables and secrets on Workers\.$/);
    } finally {
      bare.close();
    }
  });

  it('without a transcriber, a request that is wrong anyway is still its 4xx (415, 422), not 503', async () => {
    const bare = await createTestApp();
    try {
      const id = (await bare.api('POST', '/patients', { name: 'Ana' })).body.id;
      const text = await postVoice(bare, { audio: { bytes: new TextEncoder().encode('isto não é áudio'), name: 'a.ogg', type: 'audio/ogg' }, patient_id: id });
      expect(text.status).toBe(415);
      expect(text.body.detail).toMatch(/supported format/);
      const empty = await postVoice(bare, { audio: { bytes: new Uint8Array(0) }, patient_id: id });
      expect(empty.status).toBe(422);
      const stranger = await postVoice(bare, { audio: note(), patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10' });
      expect(stranger.status).toBe(422);
      expect(stranger.body.detail).toMatch(/patient_id: unknown patient/);
      const nowhere = await postVoice(bare, { audio: note(), patient_id: id, location_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10' });
      expect(nowhere.status).toBe(422);
      expect(nowhere.body.detail).toMatch(/location_id: unknown location/);
    } finally {
      bare.close();
    }
  });

  it('413 for a recording over 10 MiB, and for a body over the route\'s limit before it is read', async () => {
    const over = await postVoice(t, { audio: { bytes: oggOfSize(MAX_AUDIO_BYTES + 1) }, patient_id: patientId });
    expect(over.status).toBe(413);
    expect(over.body.detail).toMatch(/10 MiB/);

    const atLimit = await postVoice(t, { audio: { bytes: oggOfSize(MAX_AUDIO_BYTES) }, patient_id: patientId });
    expect(atLimit.status).toBe(200);

    const huge = await postVoice(t, {}, { raw: new Uint8Array(MAX_VOICE_BODY_BYTES + 1), headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(huge.status).toBe(413);
    expect(fake.requests).toHaveLength(1); // only the one at the limit
  });

  it('415 for a file that is not audio in an accepted format, whatever it claims to be, and for a body that is not multipart', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
    for (const bytes of [new TextEncoder().encode('isto não é áudio, é um texto'), png]) {
      const res = await postVoice(t, { audio: { bytes, name: 'audio.ogg', type: 'audio/ogg' }, patient_id: patientId });
      expect(res.status).toBe(415);
      expect(res.body.detail).toMatch(/supported format/);
    }
    const json = await postVoice(t, {}, { raw: JSON.stringify({ patient_id: patientId }), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    expect(typeof json.body.detail).toBe('string');
    expect(fake.requests).toHaveLength(0);
  });

  it('422 naming the field: no audio, audio as text, an empty file, no or bad patient_id, unknown patient or location, a naive reference_time', async () => {
    const cases: Array<[string, Parameters<typeof postVoice>[1], RegExp]> = [
      ['no audio', { patient_id: patientId }, /audio/],
      ['audio as a text field', { audio: 'base64…', patient_id: patientId }, /audio/],
      ['an empty file', { audio: { bytes: new Uint8Array(0) }, patient_id: patientId }, /audio: the file is empty/],
      ['no patient_id', { audio: note() }, /patient_id/],
      ['a bad patient_id', { audio: note(), patient_id: 'not-a-uuid' }, /patient_id/],
      ['an unknown patient', { audio: note(), patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10' }, /patient_id: unknown patient/],
      ['an unknown location', { audio: note(), patient_id: patientId, location_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10' }, /location_id: unknown location/],
      ['a naive reference_time', { audio: note(), patient_id: patientId, reference_time: '2026-12-01T10:00:00' }, /reference_time/],
    ];
    for (const [what, fields, detail] of cases) {
      const res = await postVoice(t, fields);
      expect(res.status, what).toBe(422);
      expect(res.body.detail, what).toMatch(detail);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('422 saying a field was sent twice, not that its value is wrong', async () => {
    const twice = (name: string, value: string | Blob) => {
      const form = new FormData();
      form.append('audio', new File([note().bytes], 'a.ogg', { type: 'audio/ogg' }));
      form.append('patient_id', patientId);
      form.append(name, value);
      return t.app.request(`${API_BASE}/voice`, { method: 'POST', headers: { 'x-api-key': t.tenant.read }, body: form });
    };
    const cases: Array<[string, string | Blob, RegExp]> = [
      ['audio', new File([note().bytes], 'b.ogg', { type: 'audio/ogg' }), /audio: given 2 times: send one recording/],
      ['patient_id', patientId, /patient_id: given 2 times: send it once, a UUID/],
    ];
    for (const [name, value, detail] of cases) {
      const res = await twice(name, value);
      expect(res.status, name).toBe(422);
      expect(((await res.json()) as { detail: string }).detail, name).toMatch(detail);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('422 for a multipart body that does not parse', async () => {
    const res = await postVoice(t, {}, { raw: '--x\r\nnonsense', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
  });

  it('502 when the transcription service fails, answers without a transcript, or does not answer in time', async () => {
    fake.setTranscription(status(500));
    const failed = await postVoice(t, { audio: note(), patient_id: patientId });
    expect(failed).toEqual({ status: 502, body: { detail: 'The transcription service failed (HTTP 500)' } });

    fake.setTranscription(raw({ words: [] }));
    const odd = await postVoice(t, { audio: note(), patient_id: patientId });
    expect(odd).toEqual({ status: 502, body: { detail: 'The transcription service answered without a transcript' } });

    fake.setTranscription(hang());
    const quick = await createTestApp({
      transcriber: transcriberAt(fake, TIMEOUT_MS),
    });
    try {
      const patient = (await quick.api('POST', '/patients', { name: 'Rita' })).body.id;
      const started = Date.now();
      const slow = await postVoice(quick, { audio: note(), patient_id: patient });
      expect(slow).toEqual({ status: 502, body: { detail: `The transcription service did not answer within ${TIMEOUT_MS} ms` } });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
    } finally {
      quick.close();
    }
  });
});
