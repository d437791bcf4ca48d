/** POST /voice never crosses tenants, needs a key with `read`, and logs no transcript. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { startFakeOpenAi, status, transcript, type FakeOpenAi } from '../../helpers/fake-openai';
import { AUDIO, audioFixture, postVoice, transcriberAt } from './helpers';

let fake: FakeOpenAi;
let t: TestApp;
const warnings: Array<{ msg: string; fields?: Record<string, unknown> }> = [];

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  warnings.length = 0;
  fake.setTranscription(transcript('quero marcar cardio amanhã'));
  const logger = { warn: (msg: string, fields?: Record<string, unknown>) => warnings.push({ msg, fields }) };
  t = await createTestApp({
    transcriber: transcriberAt(fake, 10_000, logger),
  });
});
afterEach(() => t.close());

const note = () => ({ bytes: audioFixture(AUDIO.ogg) });

describe('voice: what never leaks', () => {
  it("treats another tenant's patient and location as unknown, before any transcription", async () => {
    const theirs = (await t.api('POST', '/patients', { name: 'Outra' }, { key: t.other.readWrite })).body.id;
    const ours = (await t.api('POST', '/patients', { name: 'Rita' })).body.id;
    const theirLocation = (await t.api('POST', '/locations', { name: 'Deles' }, { key: t.other.readWrite })).body.id;
    const patient = await postVoice(t, { audio: note(), patient_id: theirs });
    expect(patient).toEqual({ status: 422, body: { detail: 'patient_id: unknown patient', errors: [{ path: 'patient_id', message: 'unknown patient' }] } });
    const location = await postVoice(t, { audio: note(), patient_id: ours, location_id: theirLocation });
    expect(location.status).toBe(422);
    expect(location.body.detail).toBe('location_id: unknown location');
    expect(fake.requests).toHaveLength(0);
  });

  it('401 without a key or with an unknown one, 403 for a key without read', async () => {
    const patientId = (await t.api('POST', '/patients', { name: 'Rita' })).body.id;
    expect((await postVoice(t, { audio: note(), patient_id: patientId }, { key: null })).status).toBe(401);
    expect((await postVoice(t, { audio: note(), patient_id: patientId }, { key: 'agd_unknown_key_0123456789' })).status).toBe(401);
    const writeOnly = await postVoice(t, { audio: note(), patient_id: patientId }, { key: t.tenant.write });
    expect(writeOnly.status).toBe(403);
    expect(writeOnly.body.detail).toMatch(/'read' scope/);
    expect(fake.requests).toHaveLength(0);
  });

  it('logs a failed transcription by its kind and status only, never the recording or a transcript', async () => {
    const patientId = (await t.api('POST', '/patients', { name: 'Rita' })).body.id;
    expect((await postVoice(t, { audio: note(), patient_id: patientId })).status).toBe(200);
    expect(warnings).toEqual([]);
    fake.setTranscription(status(429));
    expect((await postVoice(t, { audio: note(), patient_id: patientId })).status).toBe(502);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toBe('transcription failed');
    expect(Object.keys(warnings[0]!.fields!).sort()).toEqual(['kind', 'ms', 'status']);
    expect(warnings[0]!.fields).toMatchObject({ kind: 'http_error', status: 429 });
  });
});
