/**
 * The channel inbox over the demo clinic on a real SQLite file: a sender's phone becomes a patient,
 * a message one turn of that patient's conversation on that channel, a redelivery the same answer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as pt from '../../locales/pt-BR/channels';
import type { ChannelMessage } from '../../src/channels/inbox';
import { startFakeOpenAi, status, transcript, type FakeOpenAi } from '../helpers/fake-openai';
import { audioFixture, transcriberAt } from '../api/voice/helpers';
import { createChannelClinic, MARIA_PHONE, type ChannelClinic } from './channel-clinic';

let clinic: ChannelClinic | undefined;
afterEach(() => {
  clinic?.close();
  clinic = undefined;
});

let sequence = 0;
function text(from: string, body: string, extra: Partial<ChannelMessage> = {}): ChannelMessage {
  return { channel: 'whatsapp', from, messageId: `wamid.${++sequence}`, content: { kind: 'text', text: body }, ...extra };
}

const conversationRows = (c: ChannelClinic) => c.rows<{ patient_id: string; channel: string; revision: number }>('SELECT patient_id, channel, revision FROM conversations');

describe('a known patient writes', () => {
  it('Maria, under her WhatsApp id without the ninth digit, books cardio in her own conversation', async () => {
    clinic = await createChannelClinic();
    const maria = (await clinic.core.patients.findByPhone(clinic.tenantId, MARIA_PHONE))!;

    const first = await clinic.inbox.receive(text('553199990001@c.us', 'oi, queria marcar cardio amanhã de manhã'));
    expect(first).toMatchObject({ patientId: maria.id, repeated: false });
    expect(first.reply).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã/);

    const picked = await clinic.inbox.receive(text('553199990001@c.us', '1'));
    expect(picked.reply).toMatch(/Confirma/);
    const confirmed = await clinic.inbox.receive(text('553199990001@c.us', 'sim'));
    expect(confirmed.reply).toMatch(/marcado/);

    const appointments = clinic.rows<{ patient_id: string; source: string }>('SELECT patient_id, source FROM appointments WHERE status = ?', 'requested');
    expect(appointments).toHaveLength(1);
    expect(appointments[0]!.patient_id).toBe(maria.id);
    expect(conversationRows(clinic)).toEqual([{ patient_id: maria.id, channel: 'whatsapp', revision: 3 }]);
    // no second record for her
    expect(clinic.rows('SELECT id FROM patients WHERE phone = ?', MARIA_PHONE)).toHaveLength(1);
  });

  it('her SMS conversation is another conversation than her WhatsApp one', async () => {
    clinic = await createChannelClinic();
    await clinic.inbox.receive(text('5531999990001@c.us', 'quero marcar dermato'));
    const sms = await clinic.inbox.receive(text('+5531999990001', 'oi', { channel: 'sms' }));
    expect(sms.reply).toMatch(/^Olá, Maria!/);
    expect(conversationRows(clinic).map((r) => r.channel).sort()).toEqual(['sms', 'whatsapp']);
  });

  it('an inactive patient is told to talk to the clinic, and nothing runs', async () => {
    clinic = await createChannelClinic();
    const maria = (await clinic.core.patients.findByPhone(clinic.tenantId, MARIA_PHONE))!;
    expect((await clinic.api('DELETE', `/patients/${maria.id}`)).status).toBe(204);
    const answer = await clinic.inbox.receive(text(MARIA_PHONE, 'quero marcar cardio'));
    expect(answer.reply).toBe(pt.PATIENT_INACTIVE);
    expect(conversationRows(clinic)).toEqual([]);
  });
});

describe('a new number writes', () => {
  it('is registered with the name its WhatsApp profile shows, reached on that channel, and greeted by it', async () => {
    clinic = await createChannelClinic();
    const answer = await clinic.inbox.receive(text('5531988887777@c.us', 'oi', { senderName: '  Carla   Mendes ' }));
    expect(answer.reply).toMatch(/^Olá, Carla!/);
    const [patient] = clinic.rows('SELECT id, name, phone, preferred_channel, is_active FROM patients WHERE phone = ?', '+5531988887777');
    expect(patient).toMatchObject({ id: answer.patientId, name: 'Carla Mendes', preferred_channel: 'whatsapp', is_active: 1 });
  });

  it('without a name (SMS, or a profile name of emoji) is named by the phone and greeted without one', async () => {
    clinic = await createChannelClinic();
    const sms = await clinic.inbox.receive(text('+5531977776666', 'oi', { channel: 'sms' }));
    expect(sms.reply).toMatch(/^Olá! /);
    const emoji = await clinic.inbox.receive(text('5531966665555', 'bom dia', { senderName: '🌻✨' }));
    expect(emoji.reply).toMatch(/^Bom dia! /);
    expect(clinic.rows('SELECT name, preferred_channel FROM patients WHERE phone IN (?, ?) ORDER BY name', '+5531966665555', '+5531977776666')).toEqual([
      { name: '+5531966665555', preferred_channel: 'whatsapp' },
      { name: '+5531977776666', preferred_channel: 'sms' },
    ]);
  });

  it('a nameless patient booking for a relative is told the booking is in their own record, without a name', async () => {
    clinic = await createChannelClinic();
    await clinic.inbox.receive(text('+5531922221111', 'quero marcar cardio amanha pro meu filho', { channel: 'sms' }));
    const picked = await clinic.inbox.receive(text('+5531922221111', '1', { channel: 'sms' }));
    expect(picked.reply).toMatch(/^A consulta fica no seu cadastro\. Para marcar no nome de outra pessoa/);
  });

  it('without a name, is asked it after booking by SMS; the name given is their record\'s, and their WhatsApp conversation uses it', async () => {
    clinic = await createChannelClinic();
    const sms = (body: string) => clinic!.inbox.receive(text('+5531977776666', body, { channel: 'sms' }));
    // a WhatsApp conversation begun before the name was given (its stored context has no first name)
    const before = await clinic.inbox.receive(text('5531977776666@c.us', 'a carla tem consulta amanhã?'));
    expect(before.reply).toMatch(/^Olá! Aqui vejo só as consultas do seu cadastro\./);

    expect((await sms('quero marcar cardio amanhã de manhã')).reply).toMatch(/^Olá! Tenho estes horários de Cardiologia amanhã/);
    expect((await sms('1')).reply).toMatch(/^Confirma/);
    expect((await sms('sim')).reply).toBe('Pronto, está marcado! Enviaremos um lembrete na véspera. Para o seu cadastro, qual é o seu nome completo?');
    const answer = await sms('carla mendes');
    expect(answer.reply).toBe('Obrigado, Carla! Seu cadastro está completo. Posso ajudar em mais alguma coisa?');
    expect(clinic.rows('SELECT id, name FROM patients WHERE phone = ?', '+5531977776666')).toEqual([{ id: answer.patientId, name: 'Carla Mendes' }]);

    // the name read for the turn: "a carla" is the patient herself on WhatsApp too
    const after = await clinic.inbox.receive(text('5531977776666@c.us', 'a carla tem consulta amanhã?'));
    expect(after.reply).toMatch(/^Sua consulta de Cardiologia com /);
  });

  it('two first messages at once make one patient', async () => {
    clinic = await createChannelClinic();
    const [a, b] = await Promise.all([
      clinic.inbox.receive(text('5531955554444', 'oi', { senderName: 'Rita' })),
      clinic.inbox.receive(text('5531955554444', 'quero marcar cardio', { senderName: 'Rita' })),
    ]);
    expect(a.patientId).toBe(b.patientId);
    expect(clinic.rows('SELECT id FROM patients WHERE phone = ?', '+5531955554444')).toHaveLength(1);
  });

  it('a sender with no phone number (a group, a LID) is ignored: no reply, no patient', async () => {
    clinic = await createChannelClinic();
    const before = clinic.rows('SELECT count(*) AS n FROM patients')[0];
    expect(await clinic.inbox.receive(text('120363025246125486@g.us', 'oi'))).toEqual({ reply: null, patientId: null, repeated: false });
    expect(clinic.rows('SELECT count(*) AS n FROM patients')[0]).toEqual(before);
    expect(clinic.logs.some((l) => l.level === 'warn' && l.msg === 'channel: sender has no phone number; message ignored')).toBe(true);
  });
});

describe('a message delivered twice', () => {
  it('one after the other: the same reply, marked repeated, and the conversation advanced once', async () => {
    clinic = await createChannelClinic();
    const message = text(MARIA_PHONE, 'quero marcar cardio amanhã');
    const first = await clinic.inbox.receive(message);
    const again = await clinic.inbox.receive(message);
    expect(first.repeated).toBe(false);
    expect(again).toEqual({ ...first, repeated: true });
    expect(conversationRows(clinic)[0]!.revision).toBe(1);
  });

  it('at the same time: one turn, and the second delivery is marked repeated', async () => {
    clinic = await createChannelClinic();
    const message = text(MARIA_PHONE, 'quero marcar cardio amanhã');
    const answers = await Promise.all([clinic.inbox.receive(message), clinic.inbox.receive(message)]);
    expect(answers.map((a) => a.repeated).sort()).toEqual([false, true]);
    expect(answers[0]!.reply).toBe(answers[1]!.reply);
    expect(conversationRows(clinic)[0]!.revision).toBe(1);
  });

  it('the same message id on the other channel is another message', async () => {
    clinic = await createChannelClinic();
    const onWhatsApp = await clinic.inbox.receive(text(MARIA_PHONE, 'oi', { messageId: 'SM1' }));
    const onSms = await clinic.inbox.receive(text(MARIA_PHONE, 'oi', { messageId: 'SM1', channel: 'sms' }));
    expect([onWhatsApp.repeated, onSms.repeated]).toEqual([false, false]);
  });
});

describe('what is not text', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });

  const voiceNote = (from: string) => ({ channel: 'whatsapp' as const, from, messageId: `wamid.voice.${++sequence}`, content: { kind: 'audio' as const, bytes: async () => audioFixture('voice-note.ogg') } });

  it('a voice note is transcribed and runs as the words said', async () => {
    clinic = await createChannelClinic({ transcriber: transcriberAt(fake) });
    fake.setTranscription(transcript('quero marcar cardio amanhã de manhã'));
    const answer = await clinic.inbox.receive(voiceNote(MARIA_PHONE));
    expect(answer.reply).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã/);
  });

  it('a voice note with no words, or one the transcriber refuses, gets a reply that says so', async () => {
    clinic = await createChannelClinic({ transcriber: transcriberAt(fake) });
    fake.setTranscription(transcript('   '));
    expect((await clinic.inbox.receive(voiceNote(MARIA_PHONE))).reply).toBe(pt.AUDIO_EMPTY);
    fake.setTranscription(status(500));
    const failed = await clinic.inbox.receive(voiceNote(MARIA_PHONE));
    expect(failed.reply).toBe(pt.TURN_FAILED);
    expect(clinic.logs.find((l) => l.msg === 'channel: message not answered')).toMatchObject({ level: 'error', channel: 'whatsapp', patient_id: failed.patientId });
    expect(conversationRows(clinic)).toEqual([]);
  });

  it('bytes that are not audio are not sent to the transcriber', async () => {
    clinic = await createChannelClinic({ transcriber: transcriberAt(fake) });
    const before = fake.requests.length;
    const answer = await clinic.inbox.receive({ ...voiceNote(MARIA_PHONE), content: { kind: 'audio', bytes: async () => new TextEncoder().encode('not audio at all') } });
    expect(answer.reply).toBe(pt.AUDIO_UNREADABLE);
    expect(fake.requests.length).toBe(before);
  });

  it('without a transcriber, a voice note is asked to be written, and not downloaded for nothing', async () => {
    clinic = await createChannelClinic();
    let downloads = 0;
    const note = voiceNote(MARIA_PHONE);
    const counted = { ...note, content: { kind: 'audio' as const, bytes: () => (downloads++, note.content.bytes()) } };
    expect((await clinic.inbox.receive(counted)).reply).toBe(pt.AUDIO_NOT_AVAILABLE);
    expect(downloads).toBe(0);
    expect(conversationRows(clinic)).toEqual([]);
  });

  it('an image or a sticker is answered with what can be read here', async () => {
    clinic = await createChannelClinic();
    const answer = await clinic.inbox.receive({ channel: 'whatsapp', from: MARIA_PHONE, messageId: 'wamid.img', content: { kind: 'other' } });
    expect(answer.reply).toBe(pt.UNSUPPORTED_MESSAGE);
  });

  it('an empty message gets no reply; one too long is asked to be shorter', async () => {
    clinic = await createChannelClinic();
    expect((await clinic.inbox.receive(text(MARIA_PHONE, '   '))).reply).toBeNull();
    expect((await clinic.inbox.receive(text(MARIA_PHONE, 'a'.repeat(5001)))).reply).toBe(pt.MESSAGE_TOO_LONG);
    expect(conversationRows(clinic)).toEqual([]);
  });
});

describe('which tenant the channels serve', () => {
  it('with several tenants and no CHANNELS_TENANT, nothing is written and the log says what to set', async () => {
    clinic = await createChannelClinic();
    await clinic.core.keys.ensureTenant('Outra Clínica');
    const answer = await clinic.inbox.receive(text('5531944443333', 'oi'));
    expect(answer.reply).toBe(pt.TURN_FAILED);
    expect(clinic.rows('SELECT id FROM patients WHERE phone = ?', '+5531944443333')).toEqual([]);
    expect(String(clinic.logs.find((l) => l.msg === 'channel: message not answered')?.error)).toMatch(/CHANNELS_TENANT/);
  });

  it('CHANNELS_TENANT names it by name (or id), and its patients are the ones found', async () => {
    clinic = await createChannelClinic({ channelsTenant: 'Outra Clínica' });
    const other = await clinic.core.keys.ensureTenant('Outra Clínica');
    const answer = await clinic.inbox.receive(text(MARIA_PHONE, 'oi'));
    // Maria is the demo clinic's patient: in the other clinic her phone is a new patient
    const [patient] = clinic.rows<{ tenant_id: string }>('SELECT tenant_id FROM patients WHERE id = ?', answer.patientId);
    expect(patient!.tenant_id).toBe(other.tenant.id);
  });

  it('a CHANNELS_TENANT that names no tenant is logged as such', async () => {
    clinic = await createChannelClinic({ channelsTenant: 'Clínica Inexistente' });
    expect((await clinic.inbox.receive(text(MARIA_PHONE, 'oi'))).reply).toBe(pt.TURN_FAILED);
    expect(String(clinic.logs.find((l) => l.msg === 'channel: message not answered')?.error)).toMatch(/CHANNELS_TENANT 'Clínica Inexistente'/);
  });
});

describe('logs', () => {
  it('carry ids, never the phone, the name or the text', async () => {
    clinic = await createChannelClinic();
    await clinic.inbox.receive(text('5531933332222', 'quero marcar cardio', { senderName: 'Beatriz Souza' }));
    const all = JSON.stringify(clinic.logs);
    expect(clinic.logs.some((l) => l.msg === 'channel: new patient')).toBe(true);
    for (const secret of ['33332222', 'Beatriz', 'cardio']) expect(all).not.toContain(secret);
  });
});
