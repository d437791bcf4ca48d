/**
 * The three examples of CONVERSATION.md, turn by turn, over the real language layer and the demo
 * clinic (now: Tuesday 24/11/2026, 09:00 in São Paulo, so "amanhã" is Wednesday 25/11 as there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, optionLines, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const CENTRO = 'Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG';

describe('one-message booking', () => {
  it('books "cardiologista amanhã de manhã" in three turns', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);

    const offer = await d.say('oi, queria marcar cardiologista amanha de manha');
    expect(offer.state).toBe('offering');
    expect(offer.reply).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qua, 25\/11\) de manhã:\n1\) /);
    expect(offer.reply.endsWith('\nQual prefere?')).toBe(true);
    expect(offer.options).toHaveLength(3);
    expect(optionLines(offer.reply)).toEqual(offer.options.map((o, i) => `${i + 1}) ${o.start_time} com ${o.provider_name} — ${o.location.name}`));
    for (const o of offer.options) {
      expect(o.date).toBe('2026-11-25');
      expect(o.specialty).toBe('Cardiologia');
      expect(o.start_time < '12:00').toBe(true);
    }
    const second = offer.options[1]!;
    expect(second.provider_name).toBe('Dra. Ana Souza');

    const confirm = await d.say('2');
    expect(confirm.state).toBe('confirming');
    expect(confirm.options).toEqual([]);
    expect(confirm.reply).toBe(
      `Confirma consulta de Cardiologia com Dra. Ana Souza na quarta, 25/11, às ${second.start_time}, na Unidade Centro (${CENTRO})?`,
    );
    expect(world.bookings).toBe(0);

    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(done.reply).toBe('Pronto, está marcado! Enviaremos um lembrete na véspera. Posso ajudar em mais alguma coisa?');
    expect(done.appointmentId).toBe(world.appointments[0]!.id);
    expect(world.appointments).toHaveLength(1);
    expect(world.appointments[0]).toMatchObject({ provider_name: 'Dra. Ana Souza', start_at: second.start_at });

    // the id belongs to the turn that booked
    const after = await d.say('obrigado');
    expect(after.appointmentId).toBeNull();
    expect(after.state).toBe('idle');
    expect(after.reply).toBe('Por nada! Se precisar, é só chamar.');
  });

  it('fills four facts at once and goes straight to the options ("na unidade centro")', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('quero marcar cardio amanha de manha na unidade centro');
    expect(offer.state).toBe('offering');
    expect(offer.options.length).toBeGreaterThan(0);
    expect(offer.options.every((o) => o.location.name === 'Unidade Centro')).toBe(true);
    expect(world.searches[0]!.facts).toMatchObject({ specialty: 'Cardiologia', date_from: '2026-11-25', period: 'manha', location_id: c.locations.get('Unidade Centro')!.id });
  });
});

describe('step by step, with a correction', () => {
  it('asks one thing at a time and a correction changes only the time of day', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world, { input: { firstName: 'João' } });

    const hello = await d.say('bom dia');
    expect(hello).toMatchObject({ state: 'idle', reply: 'Bom dia, João! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.' });

    const who = await d.say('marcar consulta');
    expect(who).toMatchObject({ state: 'collecting', reply: 'Claro! Com qual especialidade ou profissional?' });

    const when = await d.say('dermato');
    expect(when).toMatchObject({ state: 'collecting', reply: 'Para quando você prefere?' });

    const afternoon = await d.say('semana q vem a tarde');
    expect(afternoon.state).toBe('offering');
    expect(afternoon.options).toHaveLength(3);
    for (const o of afternoon.options) {
      expect(o.specialty).toBe('Dermatologia');
      expect(o.date >= '2026-11-30' && o.date <= '2026-12-06').toBe(true);
      expect(o.start_time >= '12:00' && o.start_time < '18:00').toBe(true);
    }
    expect(afternoon.reply).toContain('Tenho estes horários de Dermatologia na segunda, 30/11, à tarde:');

    const morning = await d.say('na verdade prefiro de manha');
    expect(morning.state).toBe('offering');
    expect(morning.options).toHaveLength(3);
    for (const o of morning.options) {
      expect(o.specialty).toBe('Dermatologia');
      expect(o.date >= '2026-11-30' && o.date <= '2026-12-06').toBe(true);
      expect(o.start_time < '12:00').toBe(true);
    }
    // specialty, dates and type kept; only the time of day changed
    const [before, after] = world.searches.slice(-2).map((s) => s.facts);
    expect(after).toEqual({ ...before, period: 'manha', time_from: '06:00', time_to: '12:00' });
  });
});

describe('cancel and reschedule', () => {
  it('cancels the one appointment, then moves another "a do dia 3 pra dia 10 mesmo horário"', async () => {
    const world = new FakeWorld(c);
    const friday = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);

    const ask = await d.say('preciso desmarcar minha consulta');
    expect(ask).toMatchObject({
      state: 'confirming_cancel',
      reply: 'Olá, Maria! Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?',
    });
    expect(friday.status).toBe('requested');

    const cancelled = await d.say('pode');
    expect(cancelled).toMatchObject({ state: 'done', reply: 'Desmarcada. Quer marcar outro horário?' });
    expect(friday.status).toBe('cancelled');

    // meanwhile the patient has another appointment, on 03/12 at 15:00
    const third = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-12-03', time: '15:00' });
    const offer = await d.say('quero remarcar a do dia 3 pra dia 10 mesmo horario');
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain('Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de quinta, 03/12, às 15:00.');
    expect(offer.reply).toContain('Tenho estes horários com Dr. Rui Alves na quinta, 10/12, perto das 15:00:');
    expect(offer.options.every((o) => o.date === '2026-12-10' && o.provider_name === 'Dr. Rui Alves')).toBe(true);
    expect(offer.options.map((o) => o.start_time)).toContain('15:00');
    expect(world.searches.at(-1)!.facts).toMatchObject({ time: '15:00', provider_ids: [third.provider_id], location_id: third.location_id });

    const confirm = await d.say('a das 15h');
    expect(confirm.state).toBe('confirming');
    expect(confirm.reply).toBe(
      `Confirma a mudança da sua consulta de Dermatologia com Dr. Rui Alves de quinta, 03/12, às 15:00, para quinta, 10/12, às 15:00, na Unidade Centro (${CENTRO})?`,
    );

    const moved = await d.say('sim');
    expect(moved.state).toBe('done');
    expect(moved.reply).toBe('Pronto, sua consulta foi remarcada para quinta, 10/12, às 15:00. Enviaremos um lembrete na véspera. Posso ajudar em mais alguma coisa?');
    expect(moved.appointmentId).toBe(third.id);
    expect(third).toMatchObject({ date: '2026-12-10', start_time: '15:00' });
    expect(world.bookings).toBe(0);
  });
});
