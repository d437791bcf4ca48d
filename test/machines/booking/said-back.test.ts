/**
 * What the patient says back about their appointment. Asked with a "?" or a tag ("tá confirmado amanhã?",
 * "confirmado?", "então tá marcado né?"), it is a question: the appointment is shown, never confirmed by it ("tá
 * confirmado amanhã?" confirmed the patient's presence, "tá marcado pra amanhã né?" began a booking). Said plainly
 * right after it was done ("tá marcado então", "ficou marcado, obrigada!"), it is an "ok" ("Desculpe, não entendi").
 * And "nenhum desses serve" to the summary is none of the times, as said to them ("Desculpe, não entendi"); a yes to
 * "Prefere outro dia, outro período ou outro profissional?" asks which ("Qual dos horários?").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('whether an appointment stands, asked with only its day', () => {
  it.each(['tá confirmado amanhã?', 'ta confirmada amanha?', 'já está confirmado pra amanhã?', 'oi, tá confirmado amanhã?'])(
    '"%s": not yet, said plainly, and nothing confirmed',
    async (ask) => {
      const { world } = twoAppointments(c);
      const turn = await dialogue(world).say(ask);
      expect(turn.state).toBe('confirming_appointment');
      expect(turn.reply).toContain('Ainda não está confirmada: sua consulta de Cardiologia com Dra. Ana Souza, quarta, 25/11, às 09:00');
      expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'requested']);
    },
  );

  it('"confirmado?": the appointments with their status, nothing confirmed', async () => {
    const { world } = twoAppointments(c);
    const turn = await dialogue(world).say('confirmado?');
    expect(turn.reply).not.toContain('Sua presença');
    expect(turn.reply).toContain('Dra. Ana Souza');
    expect(turn.reply).toContain('Dr. Rui Alves');
    expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'requested']);
  });

  it.each(['tá marcado pra sexta né?', 'então tá marcado na sexta, né?', 'tá agendado sexta?'])('"%s": that day\'s appointment shown, no booking begun', async (ask) => {
    const { world } = twoAppointments(c);
    const turn = await dialogue(world).say(ask);
    expect(turn.state).toBe('done');
    expect(turn.reply).toContain('Sua consulta de Dermatologia com Dr. Rui Alves: sexta, 27/11, às 15:00');
    expect(turn.reply).not.toContain('Ana Souza');
    expect(world.searches).toHaveLength(0);
  });

  it('"confirmado" with no question mark, to a reminder-like ask, still confirms', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('a consulta de sexta ta confirmada?');
    const turn = await d.say('confirmado');
    expect(turn.reply).toContain('está confirmada');
    expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'confirmed']);
  });
});

describe('what was just done, said back', () => {
  async function booked() {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar dermato sexta');
    await d.say('1');
    expect((await d.say('sim')).reply).toContain('Pronto, está marcado!');
    return { world, d };
  }

  it.each([
    ['ta marcado então', 'Tudo bem! Se precisar, é só chamar.'],
    ['ficou marcado, obrigada!', 'Por nada! Se precisar, é só chamar.'],
    ['blz, tá agendado', 'Tudo bem! Se precisar, é só chamar.'],
  ])('"%s" after a booking: "%s"', async (said, reply) => {
    const { world, d } = await booked();
    const turn = await d.say(said);
    expect(turn).toMatchObject({ state: 'idle', reply });
    expect(world.appointments).toHaveLength(1);
  });

  it('"então tá marcado né?" after a booking: yes, and the appointment', async () => {
    const { d } = await booked();
    const turn = await d.say('então tá marcado né?');
    expect(turn.state).toBe('done');
    expect(turn.reply).toBe('Sim, deu certo! Sua consulta de Dermatologia com Dr. Rui Alves está marcada para sexta, 27/11, às 13:00, na Unidade Centro. Posso ajudar em mais alguma coisa?');
  });

  it('"tá desmarcado então, obrigada" after a cancel: thanks answered', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('quero desmarcar a de sexta');
    expect((await d.say('sim')).reply).toContain('Desmarcada');
    expect((await d.say('tá desmarcado então, obrigada')).reply).toBe('Por nada! Se precisar, é só chamar.');
  });
});

describe('none of the times, said to the summary', () => {
  it.each(['nenhum desses serve', 'nenhum serve', 'nenhum desses horários dá pra mim'])('"%s": what to change is asked, nothing booked', async (none) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('cardio amanhã');
    await d.say('1');
    const turn = await d.say(none);
    expect(turn).toMatchObject({ state: 'offering', reply: 'Tudo bem. Prefere outro dia, outro período ou outro profissional?' });
    expect(world.appointments).toHaveLength(0);
    // "segunda" is a day now, not the second option
    const monday = await d.say('segunda');
    expect(monday.options.length).toBeGreaterThan(0);
    expect(monday.options.every((o) => o.date === '2026-11-30')).toBe(true);
    expect(offer.options.some((o) => o.date === '2026-11-30')).toBe(false);
  });
});

describe('a yes to "Prefere outro dia, outro período ou outro profissional?"', () => {
  it.each(['sim', 'pode ser'])('"%s": which change, with an example; then a day is searched', async (yes) => {
    const d = dialogue(new FakeWorld(c));
    await d.say('cardio amanhã');
    await d.say('nenhum desses');
    const turn = await d.say(yes);
    expect(turn).toMatchObject({
      state: 'offering',
      reply: 'Me diga o que prefere mudar: outro dia, outro período ou outro profissional. Por exemplo: “sexta à tarde” ou “semana que vem de manhã”.',
    });
    const friday = await d.say('sexta');
    expect(friday.options.every((o) => o.date === '2026-11-27')).toBe(true);
  });

  it('"sim" to the times offered anew after that is still "Qual dos horários?"', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('cardio amanhã');
    await d.say('nenhum desses');
    await d.say('sexta');
    expect((await d.say('sim')).reply).toMatch(/^Qual dos horários\?/);
  });
});
