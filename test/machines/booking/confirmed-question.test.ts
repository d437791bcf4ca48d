/**
 * "a consulta de sexta ta confirmada?": the question is answered plainly first ("Ainda não está confirmada: …" /
 * "Sim, está confirmada: …"), and an appointment not yet confirmed is offered to confirm, confirmed only on a yes.
 * It was answered with the appointment marked "(a confirmar)" and nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('whether an appointment is confirmed, asked', () => {
  it('not yet: said plainly, then whether to confirm; "sim" confirms it', async () => {
    const { world, rui } = twoAppointments(c);
    const d = dialogue(world);
    const turn = await d.say('a consulta de sexta ta confirmada?');
    expect(turn.state).toBe('confirming_appointment');
    expect(turn.reply).toBe(
      'Olá, Maria! Ainda não está confirmada: sua consulta de Dermatologia com Dr. Rui Alves, sexta, 27/11, às 15:00, na Unidade Centro. Quer confirmar sua presença?',
    );
    expect(rui.status).toBe('requested');
    const yes = await d.say('sim');
    expect(yes.reply).toContain('Sua presença na consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00 está confirmada.');
    expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'confirmed']);
  });

  it('not yet, and "nao" to confirming it: nothing confirmed', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('a consulta de sexta esta confirmada?');
    const no = await d.say('nao');
    expect(no.state).toBe('done');
    expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'requested']);
  });

  it('confirmed: a plain yes, and no question to confirm it', async () => {
    const { world, rui } = twoAppointments(c);
    rui.status = 'confirmed';
    const turn = await dialogue(world).say('a consulta de sexta ja foi confirmada?');
    expect(turn.state).toBe('done');
    expect(turn.reply).toBe(
      'Olá, Maria! Sim, está confirmada: sua consulta de Dermatologia com Dr. Rui Alves, sexta, 27/11, às 15:00, na Unidade Centro. Posso ajudar em mais alguma coisa?',
    );
  });

  it('"tenho consulta sexta?" is still the list, with no yes or no', async () => {
    const { world } = twoAppointments(c);
    const turn = await dialogue(world).say('tenho consulta sexta?');
    expect(turn.reply).not.toContain('confirmada:');
  });
});
