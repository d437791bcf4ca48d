/**
 * A waitlist offer answered in the conversation, through the real app and SQLite file: a cancellation
 * offers the freed time to a waiting patient (with the message "Responda SIM para reservar"), and the
 * patient's "sim" or "não" on POST /conversation takes the time or keeps them waiting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { entryStatus, events, messages, waitlistClinic } from '../../api/waitlist/setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday; São Paulo is UTC-3.
const SP_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

/** Patient 1 waits for the provider; patient 0's 09:00 is cancelled and offered to patient 1. */
async function offered() {
  const c = await waitlistClinic(t);
  const freed = await c.book(...SP_9);
  const entry = await c.addEntry(1);
  t.clock.advance(60_000);
  expect((await t.api('POST', `/appointments/${freed.id}/cancel`, { reason: 'Paciente viajou' })).status).toBe(200);
  expect(entryStatus(t, entry.id)).toBe('offered');
  expect(messages(t)).toEqual([expect.objectContaining({ patient_id: c.patients[1]!.id, kind: 'waitlist_offer' })]);
  expect(String(messages(t)[0]!.body)).toContain('Responda SIM para reservar');
  t.clock.advance(60_000);
  const say = (message: string, patient = 1) =>
    t.api('POST', '/conversation', { patient_id: c.patients[patient]!.id, channel: 'whatsapp', message });
  const appointmentsOf = (patient: number) =>
    t.sqlite
      .prepare('SELECT id, start_time, status, source FROM appointments WHERE patient_id = ? ORDER BY start_time')
      .all(c.patients[patient]!.id) as Array<{ id: string; start_time: string; status: string; source: string }>;
  return { c, entry, say, appointmentsOf };
}

describe('conversation: the answer to a waitlist offer', () => {
  it('"sim" books the offered time for the patient and settles the entry', async () => {
    const { entry, say, appointmentsOf } = await offered();
    const res = await say('Sim');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'done', appointment_id: expect.any(String) });
    expect(res.body.reply).toBe(
      'Olá, Paciente! Pronto, reservei para você: consulta de Cardiologia com Dra. Ana Souza na terça, 01/12, às 09:00, na Unidade Centro. ' +
        'Enviaremos um lembrete na véspera. Posso ajudar em mais alguma coisa?',
    );
    expect(appointmentsOf(1)).toEqual([{ id: res.body.appointment_id, start_time: '2026-12-01T12:00:00.000Z', status: 'requested', source: 'whatsapp' }]);
    expect(entryStatus(t, entry.id)).toBe('booked');
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body).toMatchObject({ status: 'booked', position: null });
    expect(events(t, 'appointment.created').map((e) => e.aggregate_id)).toContain(res.body.appointment_id);

    // the offer is answered: the next "sim" is not a second booking
    const again = await say('sim');
    expect(again.body.appointment_id).toBeUndefined();
    expect(appointmentsOf(1)).toHaveLength(1);
  });

  it('"não" keeps the patient waiting, and the next freed time is offered to them', async () => {
    const { c, entry, say, appointmentsOf } = await offered();
    const res = await say('nao obrigado');
    expect(res.body).toMatchObject({
      state: 'idle',
      reply: 'Olá, Paciente! Tudo bem! Você continua na lista de espera e aviso assim que abrir outro horário. Posso ajudar em mais alguma coisa?',
    });
    expect(appointmentsOf(1)).toEqual([]);
    expect(entryStatus(t, entry.id)).toBe('waiting');
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body).toMatchObject({ status: 'waiting', position: 1 });

    const next = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    await t.api('POST', `/appointments/${next.id}/cancel`, {});
    expect(entryStatus(t, entry.id)).toBe('offered');
  });

  it('a time another patient booked first: an apology, no appointment, and the entry waits again', async () => {
    const { c, entry, say, appointmentsOf } = await offered();
    await c.book(...SP_9, { patient_id: c.patients[2]!.id });
    const res = await say('quero sim');
    expect(res.body).toMatchObject({
      state: 'idle',
      reply: 'Olá, Paciente! Que pena, esse horário acabou de ser preenchido. Você continua na lista de espera e aviso assim que abrir outro. Posso ajudar em mais alguma coisa?',
    });
    expect(res.body.appointment_id).toBeUndefined();
    expect(appointmentsOf(1)).toEqual([]);
    expect(entryStatus(t, entry.id)).toBe('waiting');
  });

  it('a time a rule now refuses for the patient: said so, and the entry waits again', async () => {
    const { c, entry, say, appointmentsOf } = await offered();
    // the patient took another appointment at that time meanwhile, with another provider
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name: 'Dr. Rui Alves', primary_location_id: c.location.id })).body;
    for (let day = 0; day < 7; day++) {
      await t.api('POST', `/providers/${other.id}/templates`, { day_of_week: day, start_time: '08:00', end_time: '18:00', location_id: c.location.id });
    }
    await c.book(...SP_9, { patient_id: c.patients[1]!.id, provider_profile_id: other.id });
    expect(entryStatus(t, entry.id)).toBe('offered');
    const before = appointmentsOf(1);

    const res = await say('sim');
    expect(res.body.reply).toBe(
      'Olá, Paciente! Desculpe, não consegui reservar esse horário para você. Você continua na lista de espera e aviso assim que abrir outro. Posso ajudar em mais alguma coisa?',
    );
    expect(res.body.appointment_id).toBeUndefined();
    expect(appointmentsOf(1)).toEqual(before);
    expect(entryStatus(t, entry.id)).toBe('waiting');
  });

  it('an offer whose time has started lapses: "sim" is no longer read as taking it', async () => {
    const { entry, say, appointmentsOf } = await offered();
    t.clock.set('2026-12-01T12:00:00.000Z');
    await say('sim');
    expect(appointmentsOf(1)).toEqual([]);
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body.status).toBe('waiting');
  });

  it('an offer made before our last reply does not take the "sim" meant for our question', async () => {
    const { say, appointmentsOf } = await offered();
    const greeting = await say('oi');
    expect(greeting.body.state).toBe('idle');
    t.clock.advance(60_000);
    const res = await say('sim');
    expect(res.body.appointment_id).toBeUndefined();
    expect(appointmentsOf(1)).toEqual([]);
  });

  it('after the conversation timed out, an offer older than its last turn still does not take the "sim"', async () => {
    const { say, appointmentsOf } = await offered();
    await say('oi');
    t.clock.advance(31 * 60_000);
    const res = await say('sim');
    expect(res.body.reply).toContain('vamos recomeçar');
    expect(appointmentsOf(1)).toEqual([]);
  });

  it('another patient\'s "sim" does not take the offer', async () => {
    const { entry, say, appointmentsOf } = await offered();
    await say('sim', 2);
    expect(appointmentsOf(2)).toEqual([]);
    expect(entryStatus(t, entry.id)).toBe('offered');
  });
});
