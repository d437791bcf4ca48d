/**
 * A reminder of an appointment put into the patient's conversation as a turn the clinic starts (runtime `remind()`),
 * through the real app on the demo clinic over a real SQLite file: the reminder's text, the patient's answers to it
 * (confirming, cancelling or moving that appointment, never asking which one), a repeated message id, a conversation
 * busy with a question (nothing saved until it is free or expired) and an appointment no longer to remind of (moot).
 *
 * The clock is Wednesday 25/11/2026, 09:00 in São Paulo (TEST_NOW): "amanhã" is Thursday 26/11.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

const ADDRESS = 'Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG';
/** Thursday 26/11 09:00 in São Paulo */
const TOMORROW_0900 = '2026-11-26T12:00:00.000Z';
/** Friday 27/11 15:00 in São Paulo */
const FRIDAY_1500 = '2026-11-27T18:00:00.000Z';

const byName = (list: any[], name: string) => list.find((x) => x.name === name)!;

/** An appointment of the patient booked through the API (30 minutes), its id. */
async function appointment(c: ClinicApp, patientId: string, p: { provider: string; location: string; start: string }): Promise<string> {
  const res = await c.api('POST', '/appointments', {
    provider_profile_id: byName(c.providers, p.provider).id,
    patient_id: patientId,
    appointment_type_id: byName(c.types, 'Consulta').id,
    location_id: byName(c.locations, p.location).id,
    start_time: p.start,
    end_time: new Date(Date.parse(p.start) + 30 * 60_000).toISOString(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Dra. Ana Souza tomorrow (Thursday 26/11) at 09:00, Unidade Centro. */
const anaTomorrow = (c: ClinicApp, patientId: string) => appointment(c, patientId, { provider: 'Dra. Ana Souza', location: 'Unidade Centro', start: TOMORROW_0900 });
/** Dr. Rui Alves on Friday 27/11 at 15:00, Unidade Centro. */
const ruiFriday = (c: ClinicApp, patientId: string) => appointment(c, patientId, { provider: 'Dr. Rui Alves', location: 'Unidade Centro', start: FRIDAY_1500 });

const status = (c: ClinicApp, id: string) => (c.sqlite.prepare('SELECT status FROM appointments WHERE id = ?').get(id) as { status: string }).status;
const revision = (c: ClinicApp, patientId: string) =>
  (c.sqlite.prepare("SELECT revision FROM conversations WHERE patient_id = ? AND channel = 'whatsapp'").get(patientId) as { revision: number } | undefined)
    ?.revision ?? 0;
const turns = (c: ClinicApp, patientId: string) => (c.sqlite.prepare('SELECT count(*) AS n FROM conversation_turns WHERE patient_id = ?').get(patientId) as { n: number }).n;

let reminderIds = 0;
function remind(c: ClinicApp, patientId: string, appointmentId: string, messageId = `reminder-${++reminderIds}`) {
  return c.conversations.remind(c.tenantId, { patientId, channel: 'whatsapp', appointmentId, messageId });
}
const stateOf = async (c: ClinicApp, patientId: string) => (await c.conversations.state(c.tenantId, patientId, 'whatsapp')).state;

describe('a reminder of an appointment awaiting confirmation', () => {
  it('starts a fresh conversation with the reminder and whether the patient comes; "sim" confirms it', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const id = await anaTomorrow(clinic, maria.id);
    const reminder = await remind(clinic, maria.id, id);
    expect(reminder).toEqual({
      outcome: 'ready',
      repeated: false,
      reply: `Olá, Maria! Lembrete: sua consulta de Cardiologia com Dra. Ana Souza é amanhã, quinta, 26/11, às 09:00, na Unidade Centro (${ADDRESS}). Você confirma sua presença?`,
      // the same, as the parameters of the clinic's WhatsApp template
      template: {
        name: 'appointment_reminder',
        parameters: [
          'Maria',
          'sua consulta de Cardiologia com Dra. Ana Souza',
          'amanhã, quinta, 26/11, às 09:00',
          `na Unidade Centro (${ADDRESS})`,
          'Você confirma sua presença?',
        ],
      },
    });
    expect(await stateOf(clinic, maria.id)).toBe('confirming_appointment');
    expect(revision(clinic, maria.id)).toBe(1);
    expect(status(clinic, id)).toBe('requested');

    const yes = await clinic.say(maria.id, 'sim');
    expect(yes.body.reply).toBe('Obrigado! Sua presença na consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00 está confirmada. Posso ajudar em mais alguma coisa?');
    expect(status(clinic, id)).toBe('confirmed');
  });

  it('"confirmo" with two appointments awaiting confirmation confirms the one reminded of, without asking which', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    const rui = await ruiFriday(clinic, maria.id);
    const reminder = await remind(clinic, maria.id, rui);
    expect(reminder).toMatchObject({ outcome: 'ready', reply: expect.stringContaining('sua consulta de Dermatologia com Dr. Rui Alves é na sexta, 27/11, às 15:00, na Unidade Centro') });
    const yes = await clinic.say(maria.id, 'confirmo');
    expect(yes.body.reply).toContain('Sua presença na consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00 está confirmada.');
    expect([status(clinic, ana), status(clinic, rui)]).toEqual(['requested', 'confirmed']);
  });

  it('"vou sim" with two appointments: the one reminded of, confirmed', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    const rui = await ruiFriday(clinic, maria.id);
    await remind(clinic, maria.id, ana);
    const yes = await clinic.say(maria.id, 'vou sim');
    expect(yes.body.state).toBe('done');
    expect([status(clinic, ana), status(clinic, rui)]).toEqual(['confirmed', 'requested']);
  });

  it('"nao vou poder ir" asks whether to cancel or move it; "desmarca", then "sim", cancels that one', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    const rui = await ruiFriday(clinic, maria.id);
    await remind(clinic, maria.id, ana);
    const cannot = await clinic.say(maria.id, 'nao vou poder ir');
    expect(cannot.body).toMatchObject({ state: 'done', reply: 'Tudo bem. Quer desmarcar ou remarcar essa consulta?' });
    const cancel = await clinic.say(maria.id, 'desmarca');
    expect(cancel.body).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00. Desmarco?' });
    expect((await clinic.say(maria.id, 'sim')).body.reply).toContain('Desmarcada.');
    expect([status(clinic, ana), status(clinic, rui)]).toEqual(['cancelled', 'requested']);
  });

  it('"desmarca" said straight to the reminder asks about that appointment alone', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    const rui = await ruiFriday(clinic, maria.id);
    await remind(clinic, maria.id, rui);
    const cancel = await clinic.say(maria.id, 'desmarca');
    expect(cancel.body).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?' });
    await clinic.say(maria.id, 'pode');
    expect([status(clinic, ana), status(clinic, rui)]).toEqual(['requested', 'cancelled']);
  });

  it('"preciso remarcar" right after the reminder moves that appointment: its new times offered', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    await ruiFriday(clinic, maria.id);
    await remind(clinic, maria.id, ana);
    const move = await clinic.say(maria.id, 'preciso remarcar');
    expect(move.body).toMatchObject({ state: 'collecting', reply: 'Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quinta, 26/11, às 09:00. Para quando você quer remarcar?' });
    const offered = await clinic.say(maria.id, 'sexta de manha');
    expect(offered.body.state).toBe('offering');
    expect(offered.body.options.length).toBeGreaterThan(0);
    expect(offered.body.options.every((o: any) => o.provider_name === 'Dra. Ana Souza' && o.date === '2026-11-27')).toBe(true);
  });

  it('"quero remarcar pra sexta" to the reminder: that appointment\'s times on Friday', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    await ruiFriday(clinic, maria.id);
    await remind(clinic, maria.id, ana);
    const move = await clinic.say(maria.id, 'quero remarcar pra sexta');
    expect(move.body.state).toBe('offering');
    expect(move.body.reply).toMatch(/^Vamos remarcar sua consulta de Cardiologia com Dra\. Ana Souza de quinta, 26\/11, às 09:00\./);
  });
});

describe('a reminder of an appointment already confirmed', () => {
  it('tells when and where with no question, rests in done; "desmarca" right after asks about it alone', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    const rui = await ruiFriday(clinic, maria.id);
    expect((await clinic.api('POST', `/appointments/${ana}/confirm`, {})).status).toBe(200);
    const reminder = await remind(clinic, maria.id, ana);
    expect(reminder).toEqual({
      outcome: 'ready',
      repeated: false,
      reply: `Olá, Maria! Lembrete: sua consulta de Cardiologia com Dra. Ana Souza é amanhã, quinta, 26/11, às 09:00, na Unidade Centro (${ADDRESS}). Sua presença já está confirmada. Até lá!`,
      template: expect.objectContaining({ parameters: expect.arrayContaining(['Sua presença já está confirmada. Até lá!']) }),
    });
    expect(await stateOf(clinic, maria.id)).toBe('done');
    const cancel = await clinic.say(maria.id, 'desmarca');
    expect(cancel.body).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00. Desmarco?' });
    expect([status(clinic, ana), status(clinic, rui)]).toEqual(['confirmed', 'requested']);
  });

  it('"preciso remarcar" right after it moves that one, not another', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    await anaTomorrow(clinic, maria.id);
    const rui = await ruiFriday(clinic, maria.id);
    expect((await clinic.api('POST', `/appointments/${rui}/confirm`, {})).status).toBe(200);
    await remind(clinic, maria.id, rui);
    const move = await clinic.say(maria.id, 'preciso remarcar');
    expect(move.body.reply).toBe('Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de sexta, 27/11, às 15:00. Para quando você quer remarcar?');
  });
});

describe('the reminder as a turn', () => {
  it('a repeated message id gets the first reply, repeated, and does not advance the conversation', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    const first = await remind(clinic, maria.id, ana, 'reminder-ana-1');
    expect(first).toMatchObject({ outcome: 'ready', repeated: false });
    const again = await remind(clinic, maria.id, ana, 'reminder-ana-1');
    expect(again).toEqual({ ...first, repeated: true });
    expect(revision(clinic, maria.id)).toBe(1);
    expect(turns(clinic, maria.id)).toBe(1);
  });

  it('is busy while the patient is asked something (times on offer): nothing saved; once the conversation expires it is taken', async () => {
    clinic = await createClinicApp({ timeoutMinutes: 30 });
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const rui = await ruiFriday(clinic, maria.id);
    const offer = await clinic.say(maria.id, 'quero marcar cardio amanhã');
    expect(offer.body.state).toBe('offering');
    const before = await clinic.conversations.state(clinic.tenantId, maria.id, 'whatsapp');

    expect(await remind(clinic, maria.id, rui, 'reminder-rui')).toEqual({ outcome: 'busy' });
    expect(await clinic.conversations.state(clinic.tenantId, maria.id, 'whatsapp')).toEqual(before);
    expect(revision(clinic, maria.id)).toBe(1);
    expect(turns(clinic, maria.id)).toBe(0);
    // the lease was given back: the patient's next message is answered
    clinic.clock.advance(60_000);
    expect((await clinic.say(maria.id, 'tem mais tarde?')).status).toBe(200);
    expect(await remind(clinic, maria.id, rui, 'reminder-rui')).toEqual({ outcome: 'busy' });

    clinic.clock.advance(31 * 60_000);
    const later = await remind(clinic, maria.id, rui, 'reminder-rui');
    expect(later).toMatchObject({ outcome: 'ready', repeated: false, reply: expect.stringMatching(/^Olá, Maria! Lembrete: sua consulta de Dermatologia/) });
    expect(await stateOf(clinic, maria.id)).toBe('confirming_appointment');
    // the booking that timed out is not what the "sim" answers: the reminder is
    await clinic.say(maria.id, 'sim');
    expect(status(clinic, rui)).toBe('confirmed');
  });

  it('is busy while the conversation is handed to a person', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const rui = await ruiFriday(clinic, maria.id);
    expect((await clinic.say(maria.id, 'quero falar com um atendente')).body.state).toBe('handoff');
    expect(await remind(clinic, maria.id, rui)).toEqual({ outcome: 'busy' });
    expect(revision(clinic, maria.id)).toBe(1);
  });

  it('is not busy right after a finished exchange (done)', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const rui = await ruiFriday(clinic, maria.id);
    expect((await clinic.say(maria.id, 'qual o endereço da unidade centro?')).body.state).toMatch(/^(idle|done)$/);
    expect(await remind(clinic, maria.id, rui)).toMatchObject({ outcome: 'ready' });
    expect(revision(clinic, maria.id)).toBe(2);
  });

  it('is moot for a cancelled appointment and for another patient\'s, and saves nothing', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const joao = byName(clinic.patients, 'João Santos');
    const ana = await anaTomorrow(clinic, maria.id);
    expect((await clinic.api('POST', `/appointments/${ana}/cancel`, {})).status).toBe(200);
    expect(await remind(clinic, maria.id, ana)).toEqual({ outcome: 'moot' });
    const his = await ruiFriday(clinic, joao.id);
    expect(await remind(clinic, maria.id, his)).toEqual({ outcome: 'moot' });
    expect(await remind(clinic, maria.id, 'no-such-appointment')).toEqual({ outcome: 'moot' });
    expect(revision(clinic, maria.id)).toBe(0);
    expect(turns(clinic, maria.id)).toBe(0);
    // the lease is not held: Maria's next message is answered
    expect((await clinic.say(maria.id, 'oi')).status).toBe(200);
  });

  it('is moot for an appointment that has begun', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    clinic.clock.advance(25 * 3600_000);
    expect(await remind(clinic, maria.id, ana)).toEqual({ outcome: 'moot' });
  });

  it('refuses an inactive patient as a message would (ConflictError)', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    const ana = await anaTomorrow(clinic, maria.id);
    expect((await clinic.api('DELETE', `/patients/${maria.id}`)).status).toBe(204);
    await expect(remind(clinic, maria.id, ana)).rejects.toBeInstanceOf(ConflictError);
    expect(revision(clinic, maria.id)).toBe(0);
  });

  it('greets a patient known only by a phone without a name', async () => {
    clinic = await createClinicApp();
    const created = await clinic.api('POST', '/patients', { name: '+5531977776666', phone: '+5531977776666' });
    expect(created.status).toBe(201);
    const rui = await ruiFriday(clinic, created.body.id);
    const reminder = await remind(clinic, created.body.id, rui);
    expect(reminder).toMatchObject({
      outcome: 'ready',
      reply: `Olá! Lembrete: sua consulta de Dermatologia com Dr. Rui Alves é na sexta, 27/11, às 15:00, na Unidade Centro (${ADDRESS}). Você confirma sua presença?`,
    });
  });

  it('says "hoje" for an appointment later today', async () => {
    clinic = await createClinicApp();
    const maria = byName(clinic.patients, 'Maria Oliveira');
    // Wednesday 25/11 at 15:00 in São Paulo
    const today = await appointment(clinic, maria.id, { provider: 'Dr. Rui Alves', location: 'Unidade Centro', start: '2026-11-25T18:00:00.000Z' });
    const reminder = await remind(clinic, maria.id, today);
    expect(reminder).toMatchObject({ outcome: 'ready', reply: expect.stringContaining('sua consulta de Dermatologia com Dr. Rui Alves é hoje, quarta, 25/11, às 15:00,') });
  });
});
