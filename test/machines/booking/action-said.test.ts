/**
 * To a yes/no question, the action it asks about said in so many words is a yes: "cancela", "quero cancelar mesmo" to
 * "Desmarco?", "marca" to the summary of a booking, "pode trocar" to a move's. A "não" standing apart before it ("não,
 * pode cancelar") answers a doubt and refuses nothing; a verb negated ("não cancela", "não pode cancelar", "não marca")
 * is a no.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const KEPT = 'Tudo bem, sua consulta continua marcada.';

async function askingToCancel() {
  const { world, rui } = twoAppointments(c);
  const d = dialogue(world);
  const ask = await d.say('quero cancelar a de sexta');
  expect(ask.state).toBe('confirming_cancel');
  return { world, rui, d };
}

describe('to "Desmarco?"', () => {
  it.each(['cancela', 'pode desmarcar sim', 'quero cancelar mesmo', 'não, pode cancelar', 'Não. Pode desmarcar', 'nao, quero cancelar mesmo', 'ñ, cancela'])(
    '"%s" cancels it',
    async (answer) => {
      const { rui, d } = await askingToCancel();
      const turn = await d.say(answer);
      expect(turn.reply).toContain('Desmarcada.');
      expect(rui.status).toBe('cancelled');
    },
  );

  it.each(['não cancela', 'não pode cancelar', 'nao', 'não quero cancelar', 'não, não cancela'])('"%s" keeps it', async (answer) => {
    const { rui, d } = await askingToCancel();
    const turn = await d.say(answer);
    expect(turn.reply).toContain(KEPT);
    expect(rui.status).not.toBe('cancelled');
  });
});

async function atSummary() {
  const world = new FakeWorld(c);
  const d = dialogue(world);
  await d.say('quero marcar cardio amanhã');
  const summary = await d.say('1');
  expect(summary.state).toBe('confirming');
  return { world, d };
}

describe('to the summary of a booking', () => {
  it.each(['marca', 'pode agendar', 'não, pode marcar', 'não, pode confirmar', 'Não! Pode marcar sim'])('"%s" books it', async (answer) => {
    const { world, d } = await atSummary();
    const turn = await d.say(answer);
    expect(turn.reply).toContain('Pronto, está marcado!');
    expect(world.bookings).toBe(1);
  });

  it.each(['não marca', 'não', 'não precisa marcar'])('"%s" books nothing and shows the times again', async (answer) => {
    const { world, d } = await atSummary();
    const turn = await d.say(answer);
    expect(turn.state).toBe('offering');
    expect(world.bookings).toBe(0);
  });

  it('"marca pra sexta" is a new request: Friday searched, nothing booked', async () => {
    const { world, d } = await atSummary();
    const turn = await d.say('marca pra sexta');
    expect(turn.state).toBe('offering');
    expect(world.searches.at(-1)!.facts).toMatchObject({ date_from: '2026-11-27' });
    expect(world.bookings).toBe(0);
  });
});

describe('to the summary of a move', () => {
  it.each(['pode trocar', 'não, pode remarcar', 'remarca'])('"%s" moves it', async (answer) => {
    const { world, rui } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('quero remarcar a de sexta pra segunda');
    const summary = await d.say('1');
    expect(summary.state).toBe('confirming');
    const turn = await d.say(answer);
    expect(turn.reply).toContain('sua consulta foi remarcada para segunda, 30/11');
    expect(rui.date).toBe('2026-11-30');
  });
});
