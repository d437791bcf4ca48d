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

/**
 * Patient 1 waits for the provider, and patient 3 behind them; patient 0's 09:00 is cancelled and
 * offered to patient 1.
 */
async function offered() {
  const c = await waitlistClinic(t);
  const freed = await c.book(...SP_9);
  const entry = await c.addEntry(1);
  t.clock.advance(1000);
  const next = await c.addEntry(3);
  t.clock.advance(60_000);
  expect((await t.api('POST', `/appointments/${freed.id}/cancel`, { reason: 'Paciente viajou' })).status).toBe(200);
  expect(await entryStatus(t, entry.id)).toBe('offered');
  expect(await messages(t)).toEqual([expect.objectContaining({ patient_id: c.patients[1]!.id, kind: 'waitlist_offer' })]);
  expect(String((await messages(t))[0]!.body)).toContain('Responda SIM para reservar');
  t.clock.advance(60_000);
  const say = (message: string, patient = 1) =>
    t.api('POST', '/conversation', { patient_id: c.patients[patient]!.id, channel: 'whatsapp', message });
  const appointmentsOf = (patient: number) =>
    t.rows<{ id: string; start_time: string; status: string; source: string }>(
      'SELECT id, start_time, status, source FROM appointments WHERE patient_id = ? ORDER BY start_time',
      c.patients[patient]!.id,
    );
  return { c, entry, next, say, appointmentsOf };
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
    expect(await appointmentsOf(1)).toEqual([{ id: res.body.appointment_id, start_time: '2026-12-01T12:00:00.000Z', status: 'requested', source: 'whatsapp' }]);
    expect(await entryStatus(t, entry.id)).toBe('booked');
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body).toMatchObject({ status: 'booked', position: null });
    expect((await events(t, 'appointment.created')).map((e) => e.aggregate_id)).toContain(res.body.appointment_id);

    // the offer is answered: the next "sim" is not a second booking
    const again = await say('sim');
    expect(again.body.appointment_id).toBeUndefined();
    expect(await appointmentsOf(1)).toHaveLength(1);
  });

  it('"não" keeps the patient waiting and offers the time to the next in line, who can take it', async () => {
    const { c, entry, next, say, appointmentsOf } = await offered();
    const res = await say('nao obrigado');
    expect(res.body).toMatchObject({
      state: 'idle',
      reply: 'Olá, Paciente! Tudo bem! Você continua na lista de espera e aviso assim que abrir outro horário. Posso ajudar em mais alguma coisa?',
    });
    expect(await appointmentsOf(1)).toEqual([]);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body).toMatchObject({
      status: 'waiting',
      position: 1,
      offers: [{ start_time: '2026-12-01T12:00:00.000Z', offered_at: '2026-11-25T12:01:01.000Z', released_at: '2026-11-25T12:02:01.000Z' }],
    });

    // the time goes to the next in line, in the same step: offer, event and message
    expect(await entryStatus(t, next.id)).toBe('offered');
    expect((await events(t, 'waitlist.slot_available')).map((e) => e.payload.patient_id)).toEqual([c.patients[1]!.id, c.patients[3]!.id]);
    expect((await messages(t)).map((m) => m.patient_id)).toEqual([c.patients[1]!.id, c.patients[3]!.id]);
    const taken = await say('sim', 3);
    expect(taken.body.reply).toContain('Pronto, reservei para você');
    expect(await appointmentsOf(3)).toEqual([expect.objectContaining({ start_time: '2026-12-01T12:00:00.000Z', status: 'requested' })]);
    expect(await entryStatus(t, next.id)).toBe('booked');

    // patient 1 is offered the next freed time, not this one again
    const later = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    await t.api('POST', `/appointments/${later.id}/cancel`, {});
    expect(await entryStatus(t, entry.id)).toBe('offered');
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body.offers.map((o: { start_time: string }) => o.start_time)).toEqual([
      '2026-12-01T12:00:00.000Z',
      '2026-12-01T13:00:00.000Z',
    ]);
  });

  it('"não" and the offers it passes on are one step: when a part fails, nothing of it is written', async () => {
    const { entry, next, say } = await offered();
    const eventsBefore = (await events(t)).length;
    await t.execute("CREATE TRIGGER refuse_message BEFORE INSERT ON outbound_messages BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const res = await say('não');
    expect(res.status).toBe(200);
    expect(res.body.reply).toContain('Desculpe, não consegui concluir agora.');
    expect(await entryStatus(t, entry.id)).toBe('offered');
    expect(await entryStatus(t, next.id)).toBe('waiting');
    expect(await t.row('SELECT count(*) AS n FROM waitlist_offers WHERE released_at IS NOT NULL')).toEqual({ n: 0 });
    expect(await events(t)).toHaveLength(eventsBefore);
  });

  it('a time turned down within the minimum booking notice is offered to no one else', async () => {
    const { next, say } = await offered();
    t.clock.set('2026-12-01T11:30:00.000Z'); // 08:30 in São Paulo, 30 minutes before the time
    await say('não');
    expect(await entryStatus(t, next.id)).toBe('waiting');
    expect(await messages(t)).toHaveLength(1);
  });

  it('a booking beside the offered time that takes its buffer sends the entry back to the queue; a "não" after it passes the time to no one', async () => {
    const c = await waitlistClinic(t, { provider: { buffer_between_appointments_minutes: 10 } });
    const freed = await c.book(...SP_9);
    const entry = await c.addEntry(1);
    t.clock.advance(1000);
    const next = await c.addEntry(3);
    t.clock.advance(60_000);
    expect((await t.api('POST', `/appointments/${freed.id}/cancel`, {})).status).toBe(200);
    expect(await entryStatus(t, entry.id)).toBe('offered');
    // 09:35–10:05 is not the offered time, but it fills 09:00–09:30's buffer: the offer cannot be taken
    await c.book('2026-12-01T09:35:00-03:00', '2026-12-01T10:05:00-03:00', { patient_id: c.patients[2]!.id });
    expect(await entryStatus(t, entry.id)).toBe('waiting');
    t.clock.advance(60_000);
    const res = await t.api('POST', '/conversation', { patient_id: c.patients[1]!.id, channel: 'whatsapp', message: 'não' });
    expect(res.status).toBe(200);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
    expect(await entryStatus(t, next.id)).toBe('waiting');
    expect(await messages(t)).toHaveLength(1);
    expect(await events(t, 'waitlist.slot_available')).toHaveLength(1);
  });

  it('a time turned down is not passed on to the patient who cancelled it, though next in line', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9); // patient 0's
    const entry = await c.addEntry(1);
    t.clock.advance(1000);
    const own = await c.addEntry(0); // patient 0 waits for another time with the provider
    t.clock.advance(1000);
    const next = await c.addEntry(3);
    t.clock.advance(60_000);
    expect((await t.api('POST', `/appointments/${freed.id}/cancel`, {})).status).toBe(200);
    expect(await entryStatus(t, entry.id)).toBe('offered');
    t.clock.advance(60_000);
    const res = await t.api('POST', '/conversation', { patient_id: c.patients[1]!.id, channel: 'whatsapp', message: 'não' });
    expect(res.status).toBe(200);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
    expect(await entryStatus(t, own.id)).toBe('waiting');
    expect(await entryStatus(t, next.id)).toBe('offered');
    expect((await messages(t)).map((m) => m.patient_id)).toEqual([c.patients[1]!.id, c.patients[3]!.id]);
  });

  it('a time another patient booked first: an apology, no appointment, and the entry waits again', async () => {
    const { c, entry, next, say, appointmentsOf } = await offered();
    await c.book(...SP_9, { patient_id: c.patients[2]!.id });
    const res = await say('quero sim');
    expect(res.body).toMatchObject({
      state: 'idle',
      reply: 'Olá, Paciente! Que pena, esse horário acabou de ser preenchido. Você continua na lista de espera e aviso assim que abrir outro. Posso ajudar em mais alguma coisa?',
    });
    expect(res.body.appointment_id).toBeUndefined();
    expect(await appointmentsOf(1)).toEqual([]);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
    // the time is taken: it is offered to no one else
    expect(await entryStatus(t, next.id)).toBe('waiting');
    expect(await messages(t)).toHaveLength(1);
  });

  it('a time a rule now refuses for the patient: said so, the entry waits again, and the next in line is offered it', async () => {
    const { c, entry, next, say, appointmentsOf } = await offered();
    // the patient took another appointment at that time meanwhile, with another provider
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), name: 'Dr. Rui Alves', primary_location_id: c.location.id })).body;
    for (let day = 0; day < 7; day++) {
      await t.api('POST', `/providers/${other.id}/templates`, { day_of_week: day, start_time: '08:00', end_time: '18:00', location_id: c.location.id });
    }
    await c.book(...SP_9, { patient_id: c.patients[1]!.id, provider_profile_id: other.id });
    expect(await entryStatus(t, entry.id)).toBe('offered');
    const before = await appointmentsOf(1);

    const res = await say('sim');
    expect(res.body.reply).toBe(
      'Olá, Paciente! Desculpe, não consegui reservar esse horário para você. Você continua na lista de espera e aviso assim que abrir outro. Posso ajudar em mais alguma coisa?',
    );
    expect(res.body.appointment_id).toBeUndefined();
    expect(await appointmentsOf(1)).toEqual(before);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
    expect(await entryStatus(t, next.id)).toBe('offered');
    expect(await t.rows('SELECT released_at FROM waitlist_offers ORDER BY rowid')).toEqual([
      { released_at: '2026-11-25T12:02:01.000Z' },
      { released_at: null },
    ]);
  });

  it('an offer whose time has started lapses: "sim" is no longer read as taking it', async () => {
    const { entry, say, appointmentsOf } = await offered();
    t.clock.set('2026-12-01T12:00:00.000Z');
    await say('sim');
    expect(await appointmentsOf(1)).toEqual([]);
    expect((await t.api('GET', `/waitlist/${entry.id}`)).body.status).toBe('waiting');
  });

  it('an offer made before our last reply does not take the "sim" meant for our question', async () => {
    const { say, appointmentsOf } = await offered();
    const greeting = await say('oi');
    expect(greeting.body.state).toBe('idle');
    t.clock.advance(60_000);
    const res = await say('sim');
    expect(res.body.appointment_id).toBeUndefined();
    expect(await appointmentsOf(1)).toEqual([]);
  });

  it('after the conversation timed out, an offer older than its last turn still does not take the "sim"', async () => {
    const { say, appointmentsOf } = await offered();
    await say('oi');
    t.clock.advance(31 * 60_000);
    const res = await say('sim');
    expect(res.body.reply).toContain('vamos recomeçar');
    expect(await appointmentsOf(1)).toEqual([]);
  });

  it('a "sim" to an offer made after the conversation timed out takes it, with no word of starting afresh', async () => {
    const { say, appointmentsOf } = await offered();
    t.clock.advance(-2 * 60 * 60_000);
    await say('oi');
    t.clock.advance(2 * 60 * 60_000 + 60_000);
    const yes = await say('sim');
    expect(yes.body.reply).toMatch(/^Olá, Paciente! Pronto, reservei para você: /);
    expect(await appointmentsOf(1)).toHaveLength(1);
  });

  it('another patient\'s "sim" does not take the offer', async () => {
    const { entry, say, appointmentsOf } = await offered();
    await say('sim', 2);
    expect(await appointmentsOf(2)).toEqual([]);
    expect(await entryStatus(t, entry.id)).toBe('offered');
  });
  it('"tô na lista de espera?" with an offer awaiting the answer names the entry and the offer, and the "sim" then takes it', async () => {
    const { entry, say, appointmentsOf } = await offered();
    const res = await say('to na lista de espera?');
    expect(res.body.state).toBe('done');
    expect(res.body.reply).toContain('Sim, você está na lista de espera da Dra. Ana Souza, na posição 1.');
    expect(res.body.reply).toContain('Abriu uma vaga que aguarda a sua resposta: consulta de Cardiologia com Dra. Ana Souza na terça, 01/12, às 09:00');
    expect(res.body.reply).toMatch(/Responda SIM para reservar ou NÃO para continuar na lista de espera\.$/);
    t.clock.advance(60_000);
    const yes = await say('sim');
    expect(yes.body.appointment_id).toEqual(expect.any(String));
    expect(await appointmentsOf(1)).toHaveLength(1);
    expect(await entryStatus(t, entry.id)).toBe('booked');
  });

  it('"recebi uma mensagem de vaga, ainda tá disponível?" names the freed time and asks SIM or NÃO (no new booking); the "sim" after it takes it', async () => {
    const { entry, say, appointmentsOf } = await offered();
    const asked = await say('oi, recebi uma mensagem de vaga, ainda ta disponivel?');
    expect(asked.status).toBe(200);
    expect(asked.body.state).toBe('done');
    // the first words answer the question asked: the freed time is still there for the patient
    expect(asked.body.reply).toMatch(/^Olá, [^!]+! Sim, a vaga ainda está disponível para você: consulta de Cardiologia com Dra\. Ana Souza na terça, 01\/12, às 09:00/);
    expect(asked.body.reply).not.toContain('você está na lista de espera');
    expect(asked.body.reply).toMatch(/Responda SIM para reservar ou NÃO para continuar na lista de espera\.$/);
    expect(asked.body.reply).not.toContain('Para quando');
    expect(await appointmentsOf(1)).toEqual([]);
    const yes = await say('sim');
    expect(yes.body.appointment_id).toEqual(expect.any(String));
    expect(await entryStatus(t, entry.id)).toBe('booked');
  });

  it('"ainda tá disponível?" about a freed time turned down: no longer available comes first, then the entry kept; nothing booked', async () => {
    const { entry, say, appointmentsOf } = await offered();
    expect((await say('não')).status).toBe(200);
    t.clock.advance(60_000);
    const asked = await say('recebi uma mensagem de vaga, ainda ta disponivel?');
    expect(asked.status).toBe(200);
    expect(asked.body.reply).toContain('Essa vaga não está mais disponível. Você está na lista de espera da Dra. Ana Souza');
    expect(asked.body.reply).not.toContain('Sim,');
    expect(asked.body.reply).not.toContain('Responda SIM');
    expect(await appointmentsOf(1)).toEqual([]);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
  });
});

describe('conversation: the answer to a waitlist offer, as patients write it', () => {
  it.each(['aceito', 'quero sim pode reservar', 'oba, sim, obrigada!', 'quero essa vaga', 'pode reservar pra mim'])('"%s" takes the offered time', async (message) => {
    const { entry, say, appointmentsOf } = await offered();
    const res = await say(message);
    expect(res.body.reply).toContain('Pronto, reservei para você: consulta de Cardiologia com Dra. Ana Souza na terça, 01/12, às 09:00');
    expect(await appointmentsOf(1)).toHaveLength(1);
    expect(await entryStatus(t, entry.id)).toBe('booked');
  });

  it('"que horas é essa vaga?" is answered with the offered time (no new booking); the "sim" after it takes it', async () => {
    const { entry, say, appointmentsOf } = await offered();
    const asked = await say('que horas é essa vaga?');
    expect(asked.body.reply).toContain('Dra. Ana Souza na terça, 01/12, às 09:00');
    expect(asked.body.reply).toContain('Responda SIM para reservar');
    expect(asked.body.reply).not.toContain('especialidade');
    expect(await appointmentsOf(1)).toEqual([]);
    const yes = await say('sim');
    expect(yes.body.reply).toContain('Pronto, reservei para você');
    expect(await entryStatus(t, entry.id)).toBe('booked');
  });

  it('"nao preciso mais da vaga da lista de espera" is an ask to leave, never one to join: the time turned down and the entry removed', async () => {
    const { entry, next, say } = await offered();
    const res = await say('nao preciso mais da vaga da lista de espera');
    expect(res.body.reply).toContain('Tudo bem, não reservei esse horário e tirei você da lista de espera da Dra. Ana Souza.');
    expect(res.body.reply).not.toContain('posso colocar você na lista de espera');
    expect(await entryStatus(t, entry.id)).toBe('removed');
    expect((await events(t, 'waitlist.removed')).map((e) => e.aggregate_id)).toEqual([entry.id]);
    // the time goes to the next in line in the removal's own step
    expect(await entryStatus(t, next.id)).toBe('offered');
  });
});

describe('conversation: a waitlist offer turned down, as patients write it', () => {
  it.each(['nao posso nesse dia', 'nesse horario nao consigo', 'infelizmente nao vou poder', 'nenhum, obrigada'])('"%s" keeps the patient waiting, nothing booked, no new booking asked', async (message) => {
    const { entry, say, appointmentsOf } = await offered();
    const res = await say(message);
    expect(res.body.reply).toBe('Olá, Paciente! Tudo bem! Você continua na lista de espera e aviso assim que abrir outro horário. Posso ajudar em mais alguma coisa?');
    expect(await appointmentsOf(1)).toEqual([]);
    expect(await entryStatus(t, entry.id)).toBe('waiting');
  });

  it('"to na lista ainda?" after it: the entry, not "no information here"', async () => {
    const { say } = await offered();
    await say('nao posso nesse dia');
    const res = await say('to na lista ainda?');
    expect(res.body.reply).toContain('Sim, você está na lista de espera da Dra. Ana Souza');
  });
});

describe('conversation: a waitlist offer asked about', () => {
  it.each(['ainda ta disponivel a vaga?', 'a vaga ainda esta disponivel?', 'essa vaga ta livre ainda?'])('"%s": the offer, and the "sim" after it takes it', async (message) => {
    const { entry, say } = await offered();
    const asked = await say(message);
    expect(asked.body.reply).toContain('Sim, a vaga ainda está disponível para você');
    expect(asked.body.reply).not.toContain('especialidade');
    expect((await say('pode ser')).body.reply).toContain('Pronto, reservei para você');
    expect(await entryStatus(t, entry.id)).toBe('booked');
  });
});
