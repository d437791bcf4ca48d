/**
 * POST /voice end to end: real recordings in each accepted format, the real `openai` client uploading
 * them to a fake OpenAI-compatible transcription endpoint on 127.0.0.1, the transcript read by the
 * language layer over the demo clinic.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { startFakeOpenAi, transcript, type FakeOpenAi } from '../../helpers/fake-openai';
import { demoClinic } from '../natural-language/helpers';
import { AUDIO, audioFixture, postVoice, transcriberAt } from './helpers';

let fake: FakeOpenAi;
let t: TestApp;
let demo: Awaited<ReturnType<typeof demoClinic>>;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  fake.setTranscription(transcript('Oi, queria marcar cardiologista amanhã de manhã.'));
  t = await createTestApp({
    // 2026-11-25T12:00Z: Wednesday 09:00 in Belo Horizonte
    transcriber: transcriberAt(fake),
  });
  demo = await demoClinic(t);
});
afterEach(() => t.close());

const ask = (audio = audioFixture(AUDIO.ogg), extra: Record<string, string> = {}) =>
  postVoice(t, { audio: { bytes: audio, name: 'PTT-20261125-WA0001.opus', type: 'audio/ogg' }, patient_id: demo.patient.id, ...extra }, { key: demo.apiKey });

describe('voice: what works', () => {
  it('reads a WhatsApp voice note as a booking, with slots, after one transcription in Portuguese', async () => {
    const note = audioFixture(AUDIO.ogg);
    const res = await ask(note);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'scheduling',
      transcript: 'Oi, queria marcar cardiologista amanhã de manhã.',
      intent: 'book',
      entities: { specialty: 'cardiologista', date_text: 'amanhã', period: 'manha' },
      resolved: { specialty: 'Cardiologia', date_from: '2026-11-26', date_to: '2026-11-26', time_from: '06:00', time_to: '12:00' },
      missing: [],
      used_llm: false,
    });
    expect(res.body.suggested_slots).toHaveLength(5);
    for (const slot of res.body.suggested_slots) expect(slot.date).toBe('2026-11-26');

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/audio/transcriptions',
      body: {
        model: 'whisper-test',
        language: 'pt',
        response_format: 'json',
        file: { name: 'voice-note.ogg', type: 'audio/ogg; codecs=opus', size: note.length },
      },
    });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it.each([
    [AUDIO.mp3, 'voice-note.mp3', 'audio/mpeg'],
    [AUDIO.m4a, 'voice-note.m4a', 'audio/x-m4a'],
    [AUDIO.wav, 'voice-note.wav', 'audio/wav'],
    [AUDIO.webm, 'voice-note.webm', 'video/webm'],
  ])('takes %s, whatever name and type the client declared, and uploads it as %s', async (fixture, uploadedAs, type) => {
    const bytes = audioFixture(fixture);
    const res = await postVoice(
      t,
      { audio: { bytes, name: 'recording.bin', type: 'application/octet-stream' }, patient_id: demo.patient.id },
      { key: demo.apiKey },
    );
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('scheduling');
    expect(fake.requests[0]!.body.file).toEqual({ name: uploadedAs, type, size: bytes.length });
  });

  it('resolves relative words against reference_time, and takes location_id', async () => {
    fake.setTranscription(transcript('quero marcar cardio amanhã às 14h'));
    const savassi = demo.location('Unidade Savassi');
    const res = await ask(undefined, { reference_time: '2026-12-01T10:00:00-03:00', location_id: savassi.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'scheduling', resolved: { date_from: '2026-12-02', time: '14:00', location_id: savassi.id } });
  });

  it('asks for the missing fact in pt-BR, with what it understood so far', async () => {
    fake.setTranscription(transcript('oi, queria marcar uma consulta com a dermato'));
    const res = await ask();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'clarification',
      transcript: 'oi, queria marcar uma consulta com a dermato',
      reason: 'missing_information',
      question: 'Para quando você prefere?',
      understood: { intent: 'book', resolved: { specialty: 'Dermatologia' }, missing: ['date'], suggested_slots: [] },
    });
  });

  it('asks when to move to for a reschedule without a date, and what the patient wants when it cannot tell', async () => {
    fake.setTranscription(transcript('preciso remarcar minha consulta'));
    const moving = await ask();
    expect(moving.body).toMatchObject({ type: 'clarification', reason: 'missing_information', question: 'Para quando você quer remarcar?' });

    // the period kept, as the conversation's question says it
    fake.setTranscription(transcript('preciso remarcar minha consulta pra tarde'));
    const toAfternoon = await ask();
    expect(toAfternoon.body).toMatchObject({ type: 'clarification', reason: 'missing_information', question: 'Para quando você quer remarcar, à tarde?' });

    fake.setTranscription(transcript('hmm, aquilo que te falei antes, lembra?'));
    const vague = await ask();
    expect(vague.body).toMatchObject({
      type: 'clarification',
      reason: 'not_understood',
      question: 'Desculpe, não entendi o que você precisa. Você quer marcar, remarcar ou desmarcar uma consulta?',
      understood: { intent: 'unknown' },
    });
  });

  it('asks again when nothing was heard, or when the recording says far more than a request', async () => {
    fake.setTranscription(transcript('   '));
    const silent = await ask();
    expect(silent.body).toEqual({
      type: 'clarification',
      transcript: '',
      reason: 'empty_transcript',
      question: 'Não consegui ouvir o seu áudio. Pode gravar de novo ou escrever a sua mensagem?',
      understood: null,
    });

    fake.setTranscription(transcript('quero marcar cardio amanhã. '.repeat(200)));
    const long = await ask();
    expect(long.body).toMatchObject({ type: 'clarification', reason: 'too_long', understood: null });
    expect(long.body.question).toContain('longo demais');
  });

  it('needs only the read scope, and ignores Idempotency-Key: each request is transcribed afresh', async () => {
    const headers = { 'idempotency-key': 'voice-1' };
    const readKey = t.tenant.read;
    const own = await t.api('POST', '/patients', { name: 'Rita', phone: '+5531977776666' });
    const first = await postVoice(t, { audio: { bytes: audioFixture(AUDIO.ogg) }, patient_id: own.body.id }, { key: readKey, headers });
    fake.setTranscription(transcript('quero desmarcar minha consulta'));
    const second = await postVoice(t, { audio: { bytes: audioFixture(AUDIO.ogg) }, patient_id: own.body.id }, { key: readKey, headers });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.intent ?? second.body.understood?.intent).toBe('cancel');
    expect(fake.requests).toHaveLength(2);
  });

  it('is described in /openapi.json as a multipart upload answering a scheduling or a clarification', async () => {
    const doc: any = await (await t.app.request('/openapi.json')).json();
    const op = doc.paths['/v1/scheduling/voice'].post;
    const form = op.requestBody.content['multipart/form-data'].schema;
    const request = form.$ref ? doc.components.schemas[form.$ref.split('/').pop()] : form;
    expect(request.properties.audio).toMatchObject({ type: 'string', format: 'binary' });
    expect(request.required).toEqual(expect.arrayContaining(['audio', 'patient_id']));
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '415', '422', '502', '503']));
    expect(doc.components.schemas.VoiceSchedulingResponse).toBeDefined();
    expect(doc.components.schemas.VoiceClarificationResponse).toBeDefined();
  });
});
