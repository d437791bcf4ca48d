/**
 * Who sees the patient, asked. To the times on offer ("é com quem?", "qual o nome do médico?") the options' providers are
 * said again, by option number when they differ (it got "Desculpe, não entendi" or "Não tenho aqui essa informação"); to
 * the summary, the one chosen. Of an appointment the patient has ("qual médico vai me atender amanhã?", "qual o nome da
 * médica de amanhã?") that appointment is shown (it started a booking: "Com qual especialidade ou profissional?").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('who sees the patient at the times on offer', () => {
  it.each(['é com quem?', 'com quem?', 'qual o nome do médico?', 'qual o nome da doutora?', 'quem vai me atender?', 'e qual médico é?'])(
    '"%s" with two providers on offer: each option\'s provider, then which one again; nothing searched',
    async (question) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const offer = await d.say('cardio amanhã');
      expect(offer.options.map((o) => o.provider_name)).toEqual(['Dr. Paulo Lima', 'Dra. Ana Souza', 'Dra. Ana Souza']);
      const turn = await d.say(question);
      expect(turn.reply).toBe('O 1 é com Dr. Paulo Lima e os horários 2 e 3 são com Dra. Ana Souza. Qual prefere?');
      expect(turn.state).toBe('offering');
      expect(turn.options).toEqual(offer.options);
      expect(world.searches).toHaveLength(1);
    },
  );

  it('with one provider on offer: all of them are with that provider', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermato sexta');
    const turn = await d.say('quem vai me atender na sexta?');
    expect(turn.reply).toBe('Todos esses horários são com Dr. Rui Alves. Qual prefere?');
    expect(turn.state).toBe('offering');
  });

  it('at the summary: the one chosen, and the summary asked again; a yes then books', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio amanhã');
    await d.say('2');
    const turn = await d.say('é com quem?');
    expect(turn.reply).toMatch(/^A consulta é com Dra\. Ana Souza\. Confirma consulta de Cardiologia com Dra\. Ana Souza na quarta, 25\/11, às 08:00/);
    expect(turn.state).toBe('confirming');
    expect((await d.say('sim')).state).toBe('done');
    expect(world.bookings).toBe(1);
  });

  it.each(['qual médico atende sábado?', 'quem atende sábado?'])('a question that says more is not this one: "%s" is read as usual', async (question) => {
    const d = dialogue(new FakeWorld(c));
    await d.say('cardio amanhã');
    const turn = await d.say(question);
    expect(turn.reply).not.toMatch(/^O 1 é com/);
  });
});

describe("who sees the patient at an appointment of theirs", () => {
  it.each(['qual médico vai me atender amanhã?', 'qual o nome da médica de amanhã?', 'quem vai me atender amanhã?', 'quem é a doutora de amanhã?'])(
    '"%s": that appointment shown, no booking started',
    async (question) => {
      const { world } = twoAppointments(c);
      const turn = await dialogue(world).say(question);
      expect(turn.reply).toBe('Olá, Maria! Sua consulta de Cardiologia com Dra. Ana Souza: quarta, 25/11, às 09:00, na Unidade Centro (a confirmar). Posso ajudar em mais alguma coisa?');
      expect(turn.state).toBe('done');
      expect(world.searches).toEqual([]);
    },
  );
});

describe('a move earlier or later on the appointment\'s own day, that day said', () => {
  it.each([
    ['tem como ser mais cedo amanhã?', 'antes das 09:00', (t: string) => t < '09:00'],
    ['tem como ser mais tarde amanhã?', 'depois das 09:00', (t: string) => t > '09:00'],
  ])('"%s" searches that day %s (it searched the whole day)', async (message, window, fits) => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const turn = await dialogue(world).say(message);
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain(window);
    expect(turn.options.length).toBeGreaterThan(0);
    for (const o of turn.options) {
      expect(o.date).toBe('2026-11-25');
      expect(fits(o.start_time), o.start_time).toBe(true);
    }
  });
});
