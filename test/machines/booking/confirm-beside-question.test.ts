/**
 * Presence confirmed with a clinic question beside it ("confirmo! posso levar acompanhante?", "vou sim. tem
 * estacionamento?"): the appointment is confirmed and then the question answered, in one reply. The question was dropped
 * ("… está confirmada. Posso ajudar em mais alguma coisa?"), and with a relative in it ("vou sim, obrigada! posso levar
 * minha filha junto?") nothing was confirmed: "Aqui vejo só as consultas do seu cadastro. Quer confirmar…?".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const CONFIRMED = 'Obrigado! Sua presença na consulta de Cardiologia com Dra. Ana Souza na quarta, 25/11, às 09:00 está confirmada.';

function anaTomorrow() {
  const world = new FakeWorld(c);
  const ana = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
  return { world, ana, d: dialogue(world) };
}

describe('presence confirmed with a clinic question beside it', () => {
  it.each([
    ['confirmo! posso levar acompanhante?', 'Não tenho aqui informações sobre acompanhantes. Quer que eu chame um atendente para responder?'],
    ['vou sim, obrigada! posso levar minha filha junto?', 'Não tenho aqui informações sobre acompanhantes. Quer que eu chame um atendente para responder?'],
    ['vou sim. tem estacionamento?', 'Não tenho aqui informações sobre estacionamento. Quer que eu chame um atendente para responder?'],
  ])('"%s": confirmed, then the question answered', async (message, answer) => {
    const { world, ana, d } = anaTomorrow();
    const turn = await d.say(message);
    expect(turn).toMatchObject({ state: 'done', reply: `Olá, Maria! ${CONFIRMED} ${answer}` });
    expect(ana.status).toBe('confirmed');
    expect((await d.say('sim')).state).toBe('handoff');
    expect(world.handoffs).toHaveLength(1);
  });

  it('"confirmado, qual o endereço mesmo?": confirmed, the address, then "anything else?"', async () => {
    const { ana, d } = anaTomorrow();
    const turn = await d.say('confirmado, qual o endereço mesmo?');
    expect(turn.reply).toMatch(new RegExp(`^Olá, Maria! ${CONFIRMED.replace(/[.()]/g, '\\$&')} Endereço da Unidade Centro: .+ Posso ajudar em mais alguma coisa\\?$`));
    expect(ana.status).toBe('confirmed');
    expect((await d.say('obrigada')).reply).toBe('Por nada! Se precisar, é só chamar.');
  });

  it('with two appointments, which one is asked first; the question is answered once it is confirmed, and not asked again', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    const which = await d.say('confirmo, tem estacionamento?');
    expect(which.state).toBe('choosing_appointment');
    const turn = await d.say('a de amanhã');
    expect(turn.reply).toBe(`${CONFIRMED} Não tenho aqui informações sobre estacionamento. Quer que eu chame um atendente para responder?`);
    expect(world.appointments.map((a) => a.status)).toEqual(['confirmed', 'requested']);
  });

  it('"confirmo" alone is as before', async () => {
    const { d } = anaTomorrow();
    expect((await d.say('confirmo')).reply).toBe(`Olá, Maria! ${CONFIRMED} Posso ajudar em mais alguma coisa?`);
  });
});
