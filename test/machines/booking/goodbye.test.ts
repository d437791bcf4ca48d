/**
 * A goodbye ("tchau", "até logo") is not thanks: it gets "Até logo!", not "Por nada!". "até amanhã" with nothing pending
 * is a goodbye too, not a booking until tomorrow. Said in the middle of a
 * booking, the patient is leaving: nothing is booked, and the question is kept for a later answer instead of
 * being asked again as if the goodbye were not heard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('a goodbye after an exchange is over', () => {
  it.each(['tchau', 'ate logo', 'até mais!', 'tchauzinho', 'xau', 'flw'])('"%s" after a booking: "Até logo!", not "Por nada!"', async (bye) => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermato sexta');
    await d.say('1');
    expect((await d.say('sim')).reply).toContain('marcado');
    const turn = await d.say(bye);
    expect(turn.reply).toBe('Até logo! Se precisar, é só chamar.');
    expect(turn.state).toBe('idle');
  });

  it('"obrigada, tchau" thanks as well: "Por nada!"', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermato sexta');
    await d.say('1');
    await d.say('sim');
    expect((await d.say('obrigada, tchau')).reply).toBe('Por nada! Se precisar, é só chamar.');
  });
});

describe('a goodbye until a day ("até amanhã")', () => {
  it.each([
    ['obrigada! até amanhã', 'Por nada! Se precisar, é só chamar.'],
    ['ok obrigada, até sexta então', 'Por nada! Se precisar, é só chamar.'],
    ['valeu, até lá', 'Por nada! Se precisar, é só chamar.'],
    ['até amanhã!', 'Até logo! Se precisar, é só chamar.'],
    ['beleza, até sexta', 'Até logo! Se precisar, é só chamar.'],
  ])('"%s" after a booking: a goodbye, no new booking begun (it asked "Com qual especialidade ou profissional?")', async (bye, reply) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar dermato sexta');
    await d.say('1');
    expect((await d.say('sim')).reply).toContain('marcado');
    const turn = await d.say(bye);
    expect(turn.reply).toBe(reply);
    expect(turn.state).toBe('idle');
    expect(world.searches).toHaveLength(1);
  });

  it('as the first message, from a patient with an appointment: the goodbye alone, no hello', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const turn = await dialogue(world).say('ok obrigada, até amanhã então');
    expect(turn.reply).toBe('Por nada! Se precisar, é só chamar.');
    expect(world.searches).toEqual([]);
  });

  it('to "Para quando você prefere?", "até sexta" is still the last day wished', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio');
    const turn = await d.say('até sexta');
    expect(turn.state).toBe('offering');
    expect(world.searches.at(-1)!.facts).toMatchObject({ date_to: '2026-11-27' });
  });
});

describe('a goodbye in the middle of a booking', () => {
  it('"tchau" at the times offered: nothing booked, the times not listed again, and "1" later still picks the first', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offered = await d.say('quero marcar dermato sexta');
    expect(offered.state).toBe('offering');
    const bye = await d.say('tchau');
    expect(bye.reply).toBe('Até logo! Ainda não terminamos: se quiser continuar, é só me responder.');
    expect(bye.state).toBe('offering');
    expect(world.appointments).toHaveLength(0);
    expect((await d.say('1')).state).toBe('confirming');
    expect((await d.say('sim')).reply).toContain('marcado');
    expect(world.appointments).toHaveLength(1);
  });

  it('"obrigado, tchau" at the specialty question: thanks and goodbye, the question kept', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('quero marcar uma consulta')).state).toBe('collecting');
    const bye = await d.say('obrigado, tchau');
    expect(bye.reply).toBe('Por nada! Até logo! Ainda não terminamos: se quiser continuar, é só me responder.');
    expect(bye.state).toBe('collecting');
    expect((await d.say('cardio amanha')).state).toBe('offering');
  });

  it('"obrigado" alone in the middle is still thanks, with the question again', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermato sexta');
    const thanks = await d.say('obrigado');
    expect(thanks.reply).toMatch(/^Por nada! /);
    expect(thanks.reply).toContain('Qual prefere?');
  });

  it('"até mais tarde" inside a question is no goodbye', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermato sexta');
    expect((await d.say('tem ate mais tarde?')).reply).not.toContain('Até logo');
  });
});

describe('a goodbye as the very first message', () => {
  it.each(['tchau', 'até logo', 'ate logo', 'xau', 'obrigada, tchau'])('"%s" with no conversation before it: no hello in front of the goodbye', async (bye) => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say(bye);
    expect(turn.reply).not.toContain('Olá');
    expect(turn.reply).toMatch(/^(Até logo!|Por nada!) Se precisar, é só chamar\.$/);
    expect(turn.state).toBe('idle');
  });

  it('"oi, tchau" greets, and a booking asked next is greeted no more', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('oi, tchau')).reply).toContain('Olá, Maria!');
    const d2 = dialogue(new FakeWorld(c));
    await d2.say('tchau');
    expect((await d2.say('quero marcar cardio')).reply).not.toContain('Olá');
  });
});

describe('thanks addressed to a doctor', () => {
  it.each(['obrigada dr paulo', 'valeu dra ana', 'Obrigada, Dr. Paulo!', 'obrigado doutora ana souza', 'brigado dr rui 🙏', 'brigadão dr paulo!!', 'valeu doutor'])('"%s" is thanks: "Por nada!", no booking begun with them', async (thanks) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(thanks);
    expect(turn.reply).toContain('Por nada! Se precisar, é só chamar.');
    expect(turn.reply).not.toContain('Para quando');
    expect(turn.state).toBe('idle');
  });

  it('"obrigada dr paulo, queria marcar retorno com ele sexta" still books with him that Friday', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('obrigada dr paulo, queria marcar retorno com ele sexta');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Dr. Paulo Lima');
    expect(turn.reply).toContain('27/11');
  });
});
