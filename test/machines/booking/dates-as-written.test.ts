/**
 * Dates as patients write them, through the dialogue. A day its month does not have ("31/11", "30 de fevereiro",
 * "29/02/2027") is no date: the patient is told so and asked again, never left with a bare "Para quando?" nor with the
 * month alone read as the wish ("31 de novembro" had offered the rest of November). A day beside a month named, a range
 * of days with "os dias", a weekday before a colon time: each is searched as written. No preference ("o mais rápido
 * possível") is the nearest times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const NOVEMBER = 'O dia 31/11 não existe: novembro tem 30 dias.';

describe('a date that does not exist, when booking', () => {
  it.each([
    ['quero marcar pro dia 31/11 cardio', NOVEMBER],
    ['cardio dia 31 de novembro', NOVEMBER],
    ['quero marcar cardio dia 31 de novembro', NOVEMBER],
    ['marcar dermato dia 31-11', NOVEMBER],
    ['quero marcar cardio dia 30/02', 'O dia 30/02 não existe: fevereiro tem 28 dias (29 nos anos bissextos).'],
    ['quero marcar cardio em fevereiro, dia 30', 'O dia 30/02 não existe: fevereiro tem 28 dias (29 nos anos bissextos).'],
    ['quero marcar cardio dia 29/02/2027 de manhã', 'O dia 29/02/2027 não existe: fevereiro de 2027 tem 28 dias.'],
  ])('"%s": said, then the day asked again; nothing searched', async (message, why) => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say(message);
    expect(turn.reply).toBe(`Olá, Maria! ${why} Para quando você prefere?`);
    expect(turn.state).toBe('collecting');
    expect(world.searches).toEqual([]);
  });

  it('as the answer to "Para quando?", and a real day after it is offered', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio');
    const wrong = await d.say('dia 31/11');
    expect(wrong.reply).toBe(`${NOVEMBER} Para quando você prefere?`);
    expect(wrong.state).toBe('collecting');
    const right = await d.say('dia 1/12');
    expect(right.state).toBe('offering');
    expect(world.searches.at(-1)!.facts).toMatchObject({ specialty: 'Cardiologia', date_from: '2026-12-01', date_to: '2026-12-01' });
  });

  it('asked while times are offered: the day offered is no longer the wish', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio amanhã');
    const turn = await d.say('pode ser dia 31/11?');
    expect(turn.reply).toBe(`${NOVEMBER} Para quando você prefere?`);
    expect(turn.state).toBe('collecting');
    expect(world.searches).toHaveLength(1);
  });

  it('a real day beside it is taken: "dia 31/11 ou 1/12" offers the 1st', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('quero marcar cardio dia 31/11 ou 1/12');
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('não existe');
    expect(world.searches[0]!.facts).toMatchObject({ date_from: '2026-12-01', date_to: '2026-12-01' });
  });

  it('the waitlist is told too', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('quero entrar na lista de espera de cardio dia 31/11');
    expect(turn.reply).toContain(NOVEMBER);
    expect(turn.reply).toContain('lista de espera');
    expect(world.waitlist).toEqual([]);
  });
});

describe('a date that does not exist, when moving an appointment', () => {
  it('"quero remarcar a de sexta pro dia 31/11": the move goes on, the day is asked again', async () => {
    const { world } = twoAppointments(c);
    const turn = await dialogue(world).say('quero remarcar a de sexta pro dia 31/11');
    expect(turn.reply).toContain('Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de sexta, 27/11');
    expect(turn.reply).toContain(`${NOVEMBER} Para quando você quer remarcar?`);
    expect(turn.state).toBe('collecting');
    expect(world.searches).toEqual([]);
  });
});

describe('days and times written as patients write them are searched as written', () => {
  it.each([
    ['quero marcar cardio em fevereiro, dia 15', { date_from: '2027-02-15', date_to: '2027-02-15' }],
    ['cardio entre os dias 5 e 10', { date_from: '2026-12-05', date_to: '2026-12-10', dates: null }],
    ['cardio dos dias 5 ao 10', { date_from: '2026-12-05', date_to: '2026-12-10', dates: null }],
    ['quero marcar cardio sexta 16:00', { date_from: '2026-11-27', date_to: '2026-11-27', time: '16:00' }],
    ['cardio quarta 9:30', { date_from: '2026-11-25', date_to: '2026-11-25', time: '09:30' }],
  ])('"%s"', async (message, facts) => {
    const world = new FakeWorld(c);
    await dialogue(world).say(message);
    expect(world.searches[0]!.facts).toMatchObject({ specialty: 'Cardiologia', ...facts });
  });
});

describe('no date preference, said in more than one phrase of it', () => {
  it.each(['o mais rápido possível', 'o mais breve possível', 'o mais próximo possível', 'pode ser qualquer dia', 'o quanto antes'])(
    '"%s" to "Para quando você prefere?" offers the nearest times (it got "Desculpe, não entendi")',
    async (answer) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      expect((await d.say('quero marcar cardio')).reply).toContain('Para quando você prefere?');
      const turn = await d.say(answer);
      expect(turn.state).toBe('offering');
      expect(turn.reply).not.toContain('não entendi');
      expect(turn.options.length).toBeGreaterThan(0);
    },
  );
});
