/**
 * Another day asked for instead of a cancel: to "Desmarco?" (or to whether to confirm presence), "pode ser sexta?", "e
 * segunda de tarde?" or a day alone is that appointment moved there, nothing cancelled. It began a booking from nothing
 * ("Tudo bem, sua consulta … continua marcada. Com qual especialidade ou profissional?"). A specialty or a booking word
 * said is still a booking beside the appointment kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

function anaTomorrow() {
  const world = new FakeWorld(c);
  const ana = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
  return { world, ana, d: dialogue(world) };
}

describe('a day asked for instead of cancelling', () => {
  it.each(['pode ser sexta?', 'sexta', 'dá pra ser na sexta?', 'e sexta de manhã?'])('"%s" to "Desmarco?": the appointment moved to Friday', async (ask) => {
    const { world, ana, d } = anaTomorrow();
    expect((await d.say('não vou conseguir ir amanhã')).reply).toContain('Desmarco?');
    const offer = await d.say(ask);
    expect(offer.state).toBe('offering');
    expect(offer.reply).toMatch(/^Vamos remarcar sua consulta de Cardiologia com Dra\. Ana Souza de quarta, 25\/11, às 09:00\./);
    expect(offer.options.length).toBeGreaterThan(0);
    expect(offer.options.every((o) => o.date === '2026-11-27' && o.provider_name === 'Dra. Ana Souza')).toBe(true);
    expect(ana.status).toBe('requested');
    await d.say('1');
    const moved = await d.say('sim');
    expect(moved.reply).toMatch(/^Pronto, sua consulta foi remarcada para sexta, 27\/11/);
    expect(world.appointments.filter((a) => a.status !== 'cancelled')).toHaveLength(1);
    expect(world.appointments.find((a) => a.status !== 'cancelled')!.date).toBe('2026-11-27');
  });

  it('"e segunda de tarde?" to whether to confirm presence: the move, Monday afternoon', async () => {
    const { ana, d } = anaTomorrow();
    expect((await d.say('minha consulta está confirmada?')).state).toBe('confirming_appointment');
    const offer = await d.say('e segunda de tarde?');
    expect(offer.reply).toMatch(/^Vamos remarcar/);
    expect(offer.options.every((o) => o.date === '2026-11-30' && o.start_time >= '12:00')).toBe(true);
    expect(ana.status).toBe('requested');
  });

  it('"não, quero marcar dermato sexta" is still a booking, the appointment kept', async () => {
    const { world, d } = anaTomorrow();
    await d.say('quero desmarcar a de amanhã');
    const turn = await d.say('não, quero marcar dermato sexta');
    expect(turn.reply).toMatch(/^Tudo bem, sua consulta de quarta, 25\/11, continua marcada\. Tenho estes horários de Dermatologia/);
    expect(world.appointments.map((a) => a.status)).toEqual(['requested']);
  });

  it('"com o dr paulo na sexta" names another provider: not a move of hers', async () => {
    const { d } = anaTomorrow();
    await d.say('quero desmarcar a de amanhã');
    const turn = await d.say('pode ser com o dr paulo na sexta?');
    expect(turn.reply).not.toMatch(/^Vamos remarcar sua consulta de Cardiologia com Dra\. Ana Souza/);
  });
});
