/**
 * Messages the clinic starts (src/channels/patient-messages.ts): reminders planned on the eve and
 * waitlist offers, sent on the patient's channel through an outbound sender, over the demo clinic on a
 * real SQLite file with a fixed clock. The senders here record what they are given (the real ones are
 * tested over HTTP in outbound.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../src/core/clock';
import { createPatientMessages, type PatientMessagesDeps } from '../../src/channels/patient-messages';
import type { OutboundMessage, OutboundSender } from '../../src/channels/outbound';
import { createChannelClinic, MARIA_PHONE, type ChannelClinic } from './channel-clinic';
import { ptBR } from '../../locales/pt-BR/messages';
import type { MessageTemplate } from '../../src/core/model';

/** 09:00 in Belo Horizonte (UTC-3) on Wednesday 25/11: the eve of Thursday 26/11 */
const EVE_MORNING = '2026-11-25T12:00:00.000Z';
/** 10:00 local: the default reminder time */
const EVE_REMINDER_TIME = '2026-11-25T13:00:00.000Z';
/** Tuesday 24/11 12:00 local: appointments for Thursday booked then are reminded from the eve's reminder time */
const TWO_DAYS_BEFORE = '2026-11-24T15:00:00.000Z';
/** Thursday 26/11 09:00 local */
const THURSDAY_9 = '2026-11-26T12:00:00.000Z';

/** A WhatsApp template's body with its `{{n}}` filled from the message's parameters. */
function filled(body: string, template: MessageTemplate): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => template.parameters[Number(n) - 1] ?? `<{{${n}}} missing>`);
}

function recordingSender(channel: 'whatsapp' | 'sms', failWith: () => string | null = () => null) {
  const sent: OutboundMessage[] = [];
  const sender: OutboundSender = {
    channel,
    name: `test-${channel}`,
    async send(message) {
      const failure = failWith();
      if (failure === null) sent.push(message);
      return failure;
    },
  };
  return { sender, sent };
}

let clinic: ChannelClinic;
const log = { info: () => {}, warn: () => {} };

beforeEach(async () => {
  clinic = await createChannelClinic({ now: EVE_MORNING });
});
afterEach(() => clinic.close());

function job(overrides: Partial<PatientMessagesDeps> = {}) {
  return createPatientMessages({
    core: clinic.services.core,
    messages: clinic.repos.outboundMessages,
    replies: clinic.repos.channelReplies,
    conversations: clinic.services.conversations,
    senders: { whatsapp: recordingSender('whatsapp').sender, sms: null },
    clock: clinic.clock,
    ids: randomIds,
    log,
    ...overrides,
  });
}

async function named<T extends { name: string }>(path: string, name: string): Promise<T & { id: string }> {
  const res = await clinic.api('GET', `${path}?limit=100`);
  const found = (res.body.data as Array<T & { id: string }>).find((x) => x.name === name);
  if (!found) throw new Error(`no ${name} in ${path}`);
  return found;
}

async function book(patientName: string, start: string, providerName = 'Dra. Ana Souza') {
  const patient = await named('/patients', patientName);
  const provider = await named<{ name: string; primary_location_id?: string }>('/providers', providerName);
  const location = await named('/locations', 'Unidade Centro');
  const type = await named('/appointment-types', 'Consulta');
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  const res = await clinic.api('POST', '/appointments', {
    provider_profile_id: provider.id,
    patient_id: patient.id,
    appointment_type_id: type.id,
    location_id: location.id,
    start_time: start,
    end_time: end,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; patient_id: string; start_time: string };
}

const messages = () => clinic.rows('SELECT * FROM outbound_messages ORDER BY created_at, rowid');

describe('planning reminders', () => {
  beforeEach(() => clinic.clock.set(TWO_DAYS_BEFORE));

  it('writes one reminder per appointment on the eve from the reminder time, once, and not after the evening', async () => {
    const booked = await book('Maria Oliveira', THURSDAY_9);
    const messenger = job();
    expect(await messenger.planReminders()).toBe(0);

    clinic.clock.set(EVE_REMINDER_TIME);
    expect(await messenger.planReminders()).toBe(1);
    expect(await messenger.planReminders()).toBe(0);
    // a second process planning at the same time writes nothing either
    expect(await job().planReminders()).toBe(0);
    const row = messages()[0]!;
    expect(row).toMatchObject({
      kind: 'appointment_reminder',
      status: 'pending',
      patient_id: booked.patient_id,
      channel: 'whatsapp',
      dedupe_key: `appointment_reminder:${booked.id}`,
      // 20:00 in Belo Horizonte
      send_before: '2026-11-25T23:00:00.000Z',
      next_attempt_at: EVE_REMINDER_TIME,
    });
    expect(JSON.parse(row.payload)).toEqual({ appointment_id: booked.id, start_time: THURSDAY_9 });
  });

  it('plans nothing at night, nor for an appointment cancelled or not tomorrow; one booked on the eve two hours after', async () => {
    const lateBooking = '2026-11-25T15:00:00.000Z';
    const kept = await book('Maria Oliveira', THURSDAY_9);
    const cancelled = await book('João Santos', '2026-11-26T13:00:00.000Z');
    expect((await clinic.api('POST', `/appointments/${cancelled.id}/cancel`, { reason: 'test' })).status).toBe(200);
    // Friday: its eve is tomorrow
    await book('Maria Oliveira', '2026-11-27T12:00:00.000Z');
    clinic.clock.set(lateBooking);

    const late = await book('Ana Paula Ferreira', '2026-11-26T14:00:00.000Z');
    expect(await job().planReminders()).toBe(1);
    expect(messages().map((m) => JSON.parse(m.payload).appointment_id)).toEqual([kept.id]);
    clinic.clock.set('2026-11-25T17:00:00.000Z');
    expect(await job().planReminders()).toBe(1);
    expect(messages().map((m) => JSON.parse(m.payload).appointment_id)).toEqual([kept.id, late.id]);

    clinic.clock.set('2026-11-25T23:00:00.000Z');
    clinic.rows('DELETE FROM outbound_messages RETURNING id');
    expect(await job().planReminders()).toBe(0);
  });

  it('plans nothing when no channel can send, or when reminders are switched off', async () => {
    await book('Maria Oliveira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    expect(await job({ senders: { whatsapp: null, sms: null } }).planReminders()).toBe(0);
    expect(await job({ reminders: false }).planReminders()).toBe(0);
    expect(messages()).toEqual([]);
  });

  it('follows the reminder time chosen', async () => {
    await book('Maria Oliveira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    expect(await job({ reminderTime: '11:30' }).planReminders()).toBe(0);
    clinic.clock.set('2026-11-25T14:30:00.000Z');
    expect(await job({ reminderTime: '11:30' }).planReminders()).toBe(1);
  });
});

describe('sending waitlist offers', () => {
  /** João waits for Dra. Ana; Maria's Thursday 09:00 with her is cancelled: the time is offered to him */
  async function offerToJoao(patientName = 'João Santos') {
    const booked = await book('Maria Oliveira', THURSDAY_9);
    const waiting = await named('/patients', patientName);
    const provider = await named('/providers', 'Dra. Ana Souza');
    const type = await named('/appointment-types', 'Consulta');
    const entry = await clinic.api('POST', '/waitlist', { patient_id: waiting.id, appointment_type_id: type.id, provider_id: provider.id });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    expect((await clinic.api('POST', `/appointments/${booked.id}/cancel`, { reason: 'test' })).status).toBe(200);
    const message = messages()[0]!;
    expect(message).toMatchObject({ kind: 'waitlist_offer', status: 'pending', patient_id: waiting.id });
    return { message, patient: waiting };
  }

  it('sends the offer on the patient’s channel at once, as written, and records it sent', async () => {
    const { message } = await offerToJoao();
    const whatsapp = recordingSender('whatsapp');
    const run = await job({ senders: { whatsapp: whatsapp.sender, sms: recordingSender('sms').sender } }).runOnce();
    expect(run).toMatchObject({ sent: 1, skipped: 0, failed: 0, later: 0 });
    expect(whatsapp.sent).toEqual([
      {
        to: '+5531999990002',
        text: message.body,
        template: { name: 'waitlist_offer', parameters: ['João', 'na quinta-feira, 26/11', '09:00', 'Dra. Ana Souza', 'Unidade Centro'] },
      },
    ]);
    expect(message.body).toMatch(/^Olá, João! Abriu um horário na quinta-feira, 26\/11, às 09:00, com Dra\. Ana Souza \(Unidade Centro\)\./);
    // the clinic's WhatsApp template, filled with the parameters, is the text itself
    expect(filled(ptBR.whatsappTemplates.waitlist_offer, whatsapp.sent[0]!.template!)).toBe(message.body);
    expect(messages()[0]).toMatchObject({ status: 'sent', sent_at: EVE_MORNING, lease: null, attempts: 0 });
    // nothing is due any more
    expect(await job({ senders: { whatsapp: whatsapp.sender, sms: null } }).runOnce()).toMatchObject({ sent: 0 });
    expect(whatsapp.sent).toHaveLength(1);
  });

  it('the patient’s "sim" on that channel books the time offered', async () => {
    const { patient } = await offerToJoao();
    await job().sendDue();
    clinic.clock.advance(5 * 60_000);
    const answer = await clinic.inbox.receive({ channel: 'whatsapp', from: '5531999990002', messageId: 'wamid.joao-1', content: { kind: 'text', text: 'sim' } });
    expect(answer.reply).toMatch(/^Olá, João! Pronto, reservei para você: consulta de Cardiologia com Dra\. Ana Souza na quinta, 26\/11, às 09:00/);
    const booked = await clinic.api('GET', `/appointments?patient_id=${patient.id}`);
    expect(booked.body.data.map((a: { start_time: string; status: string }) => [a.start_time, a.status])).toEqual([[THURSDAY_9, 'requested']]);
  });

  it('a patient known only by their phone is greeted without a name, and asked it once the offer is booked', async () => {
    // a new number writes first: registered with no name, on the waitlist through the API
    const hello = await clinic.inbox.receive({ channel: 'whatsapp', from: '5531977776666', messageId: 'wamid.new-1', content: { kind: 'text', text: 'oi' } });
    expect(hello.reply).toMatch(/^Olá! /);
    clinic.clock.advance(60_000);
    const booked = await book('Maria Oliveira', THURSDAY_9);
    const provider = await named('/providers', 'Dra. Ana Souza');
    const type = await named('/appointment-types', 'Consulta');
    expect((await clinic.api('POST', '/waitlist', { patient_id: hello.patientId, appointment_type_id: type.id, provider_id: provider.id })).status).toBe(201);
    expect((await clinic.api('POST', `/appointments/${booked.id}/cancel`, { reason: 'test' })).status).toBe(200);
    const whatsapp = recordingSender('whatsapp');
    await job({ senders: { whatsapp: whatsapp.sender, sms: null } }).sendDue();
    expect(whatsapp.sent.map((m) => [m.to, m.text.slice(0, 40)])).toEqual([['+5531977776666', 'Olá! Abriu um horário na quinta-feira, 2']]);
    // a template parameter may not be empty: the name's is 'paciente'
    expect(whatsapp.sent[0]!.template!.parameters[0]).toBe('paciente');

    clinic.clock.advance(60 * 60_000);
    const yes = await clinic.inbox.receive({ channel: 'whatsapp', from: '5531977776666', messageId: 'wamid.new-2', content: { kind: 'text', text: 'sim' } });
    // the conversation before had ended: no word of starting afresh
    expect(yes.reply).toMatch(/^Olá! Pronto, reservei para você: .* Para o seu cadastro, qual é o seu nome completo\?$/);
    const named_ = await clinic.inbox.receive({ channel: 'whatsapp', from: '5531977776666', messageId: 'wamid.new-3', content: { kind: 'text', text: 'Rita Campos' } });
    expect(named_.reply).toBe('Obrigado, Rita! Seu cadastro está completo. Posso ajudar em mais alguma coisa?');
  });

  it('uses SMS for a patient who prefers it, and skips one whose channel none of ours reaches', async () => {
    await offerToJoao('Ana Paula Ferreira');
    const sms = recordingSender('sms');
    await job({ senders: { whatsapp: recordingSender('whatsapp').sender, sms: sms.sender } }).sendDue();
    expect(sms.sent.map((m) => m.to)).toEqual(['+5531999990003']);
  });

  it('skips a patient who prefers a phone call, saying why', async () => {
    await offerToJoao('Lúcia Almeida');
    const whatsapp = recordingSender('whatsapp');
    expect(await job({ senders: { whatsapp: whatsapp.sender, sms: null } }).sendDue()).toMatchObject({ skipped: 1 });
    expect(whatsapp.sent).toEqual([]);
    expect(messages()[0]).toMatchObject({ status: 'skipped', last_error: 'the patient prefers phone, which no channel of ours reaches' });
  });

  it('does not send an offer that no longer stands', async () => {
    const { patient } = await offerToJoao();
    // João turns it down in the chat before the message went out (another channel told him)
    const offer = clinic.rows('SELECT id FROM waitlist_offers')[0]!;
    expect(await clinic.services.core.waitlist.declineOffer(clinic.tenantId, patient.id, offer.id)).toBe(true);
    const whatsapp = recordingSender('whatsapp');
    expect(await job({ senders: { whatsapp: whatsapp.sender, sms: null } }).sendDue()).toMatchObject({ skipped: 1 });
    expect(whatsapp.sent).toEqual([]);
    expect(messages()[0]).toMatchObject({ status: 'skipped', last_error: 'the offer no longer stands' });
  });

  it('tries a failed send again on the schedule, then gives up with the channel’s reason', async () => {
    await offerToJoao();
    const failing = recordingSender('whatsapp', () => 'answered 500');
    const messenger = job({ senders: { whatsapp: failing.sender, sms: null }, retryMinutes: [1, 5] });
    expect(await messenger.sendDue()).toMatchObject({ later: 1 });
    expect(messages()[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'answered 500', next_attempt_at: '2026-11-25T12:01:00.000Z' });
    // not due yet
    expect(await messenger.sendDue()).toMatchObject({ later: 0, failed: 0 });
    clinic.clock.advance(60_000);
    expect(await messenger.sendDue()).toMatchObject({ later: 1 });
    expect(messages()[0]).toMatchObject({ attempts: 2, next_attempt_at: '2026-11-25T12:06:00.000Z' });
    clinic.clock.advance(5 * 60_000);
    expect(await messenger.sendDue()).toMatchObject({ failed: 1 });
    expect(messages()[0]).toMatchObject({ status: 'failed', attempts: 3, last_error: 'answered 500', next_attempt_at: null });
    expect(failing.sent).toEqual([]);
  });

  it('is sent once when a send fails and the next one goes through', async () => {
    await offerToJoao();
    let calls = 0;
    const flaky = recordingSender('whatsapp', () => (++calls === 1 ? 'could not be reached' : null));
    const messenger = job({ senders: { whatsapp: flaky.sender, sms: null } });
    await messenger.sendDue();
    clinic.clock.advance(60_000);
    expect(await messenger.sendDue()).toMatchObject({ sent: 1 });
    expect(flaky.sent).toHaveLength(1);
    expect(messages()[0]).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('two processes sending at once send each message once', async () => {
    await offerToJoao();
    const whatsapp = recordingSender('whatsapp');
    const runs = await Promise.all([1, 2, 3].map(() => job({ senders: { whatsapp: whatsapp.sender, sms: null } }).sendDue()));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(whatsapp.sent).toHaveLength(1);
  });

  it('does not send an offer after its time has begun', async () => {
    await offerToJoao();
    clinic.clock.set(THURSDAY_9);
    const whatsapp = recordingSender('whatsapp');
    expect(await job({ senders: { whatsapp: whatsapp.sender, sms: null } }).sendDue()).toMatchObject({ skipped: 1 });
    expect(messages()[0]).toMatchObject({ status: 'skipped', last_error: 'too late to send' });
  });
});

describe('sending reminders', () => {
  beforeEach(() => clinic.clock.set(TWO_DAYS_BEFORE));

  const REMINDER =
    'Olá, Maria! Lembrete: sua consulta de Cardiologia com Dra. Ana Souza é amanhã, quinta, 26/11, às 09:00, na Unidade Centro (Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG). Você confirma sua presença?';

  async function mariaAnswers(text: string, messageId: string) {
    return clinic.inbox.receive({ channel: 'whatsapp', from: 'whatsapp:' + MARIA_PHONE, messageId, content: { kind: 'text', text } });
  }

  it('sends the reminder as a turn of the patient’s conversation, whose "sim" then confirms that appointment', async () => {
    const booked = await book('Maria Oliveira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    const whatsapp = recordingSender('whatsapp');
    expect(await job({ senders: { whatsapp: whatsapp.sender, sms: null } }).runOnce()).toEqual({ planned: 1, sent: 1, skipped: 0, failed: 0, later: 0 });
    expect(whatsapp.sent).toEqual([{ to: MARIA_PHONE, text: expect.any(String), template: expect.any(Object) }]);
    expect(whatsapp.sent[0]!.text).toBe(REMINDER);
    // as the clinic's WhatsApp template: the same text, and how to answer
    expect(filled(ptBR.whatsappTemplates.appointment_reminder, whatsapp.sent[0]!.template!)).toBe(
      `${REMINDER} Se precisar desmarcar ou remarcar, é só responder esta mensagem.`,
    );
    expect(messages()[0]).toMatchObject({ status: 'sent', body: whatsapp.sent[0]!.text, sent_at: EVE_REMINDER_TIME });

    // she answers in the evening, hours after the conversation's usual timeout: the answer is to the reminder
    clinic.clock.set('2026-11-25T22:00:00.000Z');
    const answer = await mariaAnswers('sim', 'wamid.reply-1');
    expect(answer.reply).toMatch(/^Obrigado! Sua presença na consulta de Cardiologia com Dra\. Ana Souza na quinta, 26\/11, às 09:00 está confirmada\./);
    expect((await clinic.api('GET', `/appointments/${booked.id}`)).body.status).toBe('confirmed');
  });

  it('waits while the patient is in the middle of a conversation, and sends once it has ended', async () => {
    await book('Maria Oliveira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    const offered = await mariaAnswers('quero marcar dermato na sexta', 'wamid.booking-1');
    expect(offered.reply).toMatch(/Qual prefere\?$/);
    const whatsapp = recordingSender('whatsapp');
    const messenger = job({ senders: { whatsapp: whatsapp.sender, sms: null } });
    expect(await messenger.runOnce()).toMatchObject({ planned: 1, sent: 0, later: 1 });
    expect(whatsapp.sent).toEqual([]);
    expect(messages()[0]).toMatchObject({ status: 'pending', attempts: 0, last_error: 'a conversation is in progress', next_attempt_at: '2026-11-25T13:05:00.000Z' });
    // the times are still on offer to her
    expect((await mariaAnswers('1', 'wamid.booking-2')).reply).toMatch(/^Confirma /);

    // she leaves it there: 30 minutes later the conversation has ended, and the reminder goes
    clinic.clock.set('2026-11-25T13:40:00.000Z');
    expect(await messenger.sendDue()).toMatchObject({ sent: 1 });
    expect(whatsapp.sent[0]!.text).toMatch(/^Olá, Maria! Lembrete: /);
  });

  it('skips the reminder of an appointment cancelled after it was planned', async () => {
    const booked = await book('Maria Oliveira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    const whatsapp = recordingSender('whatsapp');
    const messenger = job({ senders: { whatsapp: whatsapp.sender, sms: null } });
    expect(await messenger.planReminders()).toBe(1);
    expect((await clinic.api('POST', `/appointments/${booked.id}/cancel`, { reason: 'test' })).status).toBe(200);
    expect(await messenger.sendDue()).toMatchObject({ skipped: 1 });
    expect(whatsapp.sent).toEqual([]);
    expect(messages()[0]).toMatchObject({ status: 'skipped', last_error: 'the appointment no longer awaits the visit' });
  });

  it('reminds a patient who prefers SMS by SMS, in their SMS conversation', async () => {
    await book('Ana Paula Ferreira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    const sms = recordingSender('sms');
    const whatsapp = recordingSender('whatsapp');
    expect(await job({ senders: { whatsapp: whatsapp.sender, sms: sms.sender } }).runOnce()).toMatchObject({ sent: 1 });
    expect(whatsapp.sent).toEqual([]);
    expect(sms.sent.map((m) => [m.to, m.text.slice(0, 25)])).toEqual([['+5531999990003', 'Olá, Ana! Lembrete: sua c']]);
    expect(clinic.rows("SELECT channel, state FROM conversations")).toEqual([{ channel: 'sms', state: 'confirming_appointment' }]);
  });

  it('does not run the reminder’s turn again when its send is tried again', async () => {
    await book('Maria Oliveira', THURSDAY_9);
    clinic.clock.set(EVE_REMINDER_TIME);
    let calls = 0;
    const flaky = recordingSender('whatsapp', () => (++calls === 1 ? 'answered 503' : null));
    const messenger = job({ senders: { whatsapp: flaky.sender, sms: null } });
    expect(await messenger.runOnce()).toMatchObject({ later: 1 });
    const revision = clinic.rows('SELECT revision FROM conversations')[0]!.revision;
    clinic.clock.advance(60_000);
    expect(await messenger.sendDue()).toMatchObject({ sent: 1 });
    expect(clinic.rows('SELECT revision FROM conversations')[0]!.revision).toBe(revision);
    expect(flaky.sent).toHaveLength(1);
  });
});
