/**
 * A complaint ("não fui atendida hoje, esperei duas horas", "péssimo atendimento") is nothing the assistant can book or
 * answer: it says sorry and offers a person to hear it. It is never "Desculpe, não entendi", never a missed appointment
 * ("isso acontece") nor a visit told ("Obrigado por contar"); a request beside it is answered after the apology.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const SORRY = 'Sinto muito pelo transtorno.';
const OFFER = 'Quer que eu chame um atendente para falar com você sobre isso?';

describe('a complaint with nothing pending', () => {
  it.each([
    'nao fui atendida hoje, esperei duas horas',
    'Não fui atendido ontem',
    'esperei 2h e ninguem me chamou',
    'fiquei 3 horas esperando e nada',
    'ontem eu fui ai e ninguem me atendeu',
    'péssimo atendimento',
    'fui muito mal atendida pela recepção ontem',
    'que falta de respeito com o paciente',
    'quero fazer uma reclamação',
    'a médica não apareceu e ninguém avisou',
    'cancelaram minha consulta sem avisar',
  ])('"%s": sorry, and a person offered as the one question', async (message) => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say(message);
    expect(turn.reply).toBe(`Olá, Maria! ${SORRY} ${OFFER}`);
    expect(turn.state).toBe('done');
    expect(world.handoffs).toEqual([]);
    expect(world.appointments).toHaveLength(0);
  });

  it('"sim" then calls a person, and the assistant goes quiet', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('não fui atendida hoje, esperei duas horas');
    const yes = await d.say('sim');
    expect(yes.reply).toBe('Vou chamar um atendente para continuar com você. Aguarde um momento, por favor.');
    expect(yes.state).toBe('handoff');
    expect(world.handoffs).toEqual(['complaint']);
  });

  it('"não" closes without calling anyone', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('péssimo atendimento');
    const no = await d.say('nao');
    expect(no.state).toBe('idle');
    expect(no.reply).not.toContain('atendente');
    expect(world.handoffs).toEqual([]);
  });
});

describe('a complaint in the middle of a booking', () => {
  it('sorry and a person said, not asked; the booking’s question again, and the booking goes on', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio');
    const turn = await d.say('que absurdo, a medica nao veio da ultima vez');
    expect(turn.reply).toBe(`${SORRY} Se quiser falar com a equipe sobre isso, é só pedir que eu chamo um atendente. Para quando você prefere?`);
    expect(turn.state).toBe('collecting');
    const next = await d.say('amanha de manha');
    expect(next.state).toBe('offering');
    expect(world.handoffs).toEqual([]);
  });
});

describe('not a complaint', () => {
  it.each([
    ['to esperando uma vaga de cardio', 'Para quando você prefere?'],
    ['espero que tenha horário amanhã pra cardio', 'Tenho estes horários'],
    ['ontem fui atendida pela dra ana', 'Obrigado por contar!'],
  ])('"%s"', async (message, expected) => {
    const turn = await dialogue(new FakeWorld(c)).say(message);
    expect(turn.reply).toContain(expected);
    expect(turn.reply).not.toContain(SORRY);
  });

});

describe('a complaint beside an ask', () => {
  it('"esperei 2h ontem e ninguém me chamou, quero remarcar": sorry, then the move; the wait is no time, the day gone by no wish', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const turn = await dialogue(world).say('esperei 2h ontem e ninguém me chamou, quero remarcar');
    expect(turn.reply).toBe(
      `Olá, Maria! ${SORRY} Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00. Para quando você quer remarcar?`,
    );
    expect(turn.state).toBe('collecting');
    expect(world.searches).toHaveLength(0);
  });

  it('"que absurdo, quero cancelar minha consulta": sorry, then the cancel asked', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const turn = await dialogue(world).say('que absurdo, quero cancelar minha consulta');
    expect(turn.reply).toBe(`Olá, Maria! ${SORRY} Você tem consulta de Cardiologia com Dra. Ana Souza na quarta, 25/11, às 09:00. Desmarco?`);
    expect(turn.state).toBe('confirming_cancel');
  });

  it('"péssimo atendimento, quero falar com um atendente": sorry, and the person called at once', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('péssimo atendimento, quero falar com um atendente');
    expect(turn.reply).toBe(`Olá, Maria! ${SORRY} Vou chamar um atendente para continuar com você. Aguarde um momento, por favor.`);
    expect(turn.state).toBe('handoff');
    expect(world.handoffs).toEqual(['complaint']);
  });

  it('"que absurdo, não tem de tarde?" to the times: sorry, then the afternoon’s times', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio amanha');
    const turn = await d.say('que absurdo, nao tem de tarde?');
    expect(turn.reply.startsWith(`${SORRY} Tenho estes horários de Cardiologia amanhã`)).toBe(true);
    expect(turn.state).toBe('offering');
    expect(turn.options.every((o) => o.start_time >= '12:00')).toBe(true);
  });
});
