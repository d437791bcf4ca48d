/**
 * A reminder (REMIND, a turn the clinic starts) in the dialogue: taken only where nothing is pending (idle, done), of an
 * appointment still among the patient's upcoming ones; the patient's answers to it act on that appointment, never ask
 * which one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const ADDRESS = 'Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG';

describe('a reminder in the dialogue', () => {
  it('of an appointment awaiting confirmation: when, where, and whether the patient comes', async () => {
    const { world, ana } = twoAppointments(c);
    const turn = await dialogue(world).remind(ana.id);
    expect(turn).toMatchObject({
      state: 'confirming_appointment',
      reply: `Olá, Maria! Lembrete: sua consulta de Cardiologia com Dra. Ana Souza é amanhã, quarta, 25/11, às 09:00, na Unidade Centro (${ADDRESS}). Você confirma sua presença?`,
    });
  });

  it('👍 and "ok" confirm the one reminded of', async () => {
    for (const yes of ['👍', 'ok', 'vou sim, obrigada']) {
      const { world, rui } = twoAppointments(c);
      const d = dialogue(world);
      await d.remind(rui.id);
      expect((await d.say(yes)).state).toBe('done');
      expect(world.appointments.map((a) => a.status), yes).toEqual(['requested', 'confirmed']);
    }
  });

  it('"nao", "não posso ir", "nao vou conseguir": whether to cancel or move it, nothing changed', async () => {
    for (const no of ['nao', 'não posso ir', 'nao vou conseguir']) {
      const { world, ana } = twoAppointments(c);
      const d = dialogue(world);
      await d.remind(ana.id);
      expect(await d.say(no), no).toMatchObject({ state: 'done', reply: 'Tudo bem. Quer desmarcar ou remarcar essa consulta?' });
      expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'requested']);
    }
  });

  it('to whether to cancel or move it: "outro dia" moves it; "nao" keeps it; "sim" asks again', async () => {
    const move = twoAppointments(c);
    const d1 = dialogue(move.world);
    await d1.remind(move.rui.id);
    await d1.say('nao vou poder ir');
    expect(await d1.say('outro dia')).toMatchObject({
      state: 'collecting',
      reply: 'Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de sexta, 27/11, às 15:00. Para quando você quer remarcar?',
    });

    const keep = twoAppointments(c);
    const d2 = dialogue(keep.world);
    await d2.remind(keep.rui.id);
    await d2.say('nao vou poder ir');
    expect(await d2.say('nao')).toMatchObject({ state: 'done', reply: 'Tudo bem, sua consulta continua marcada. Posso ajudar em mais alguma coisa?' });

    const again = twoAppointments(c);
    const d3 = dialogue(again.world);
    await d3.remind(again.rui.id);
    await d3.say('nao vou poder ir');
    expect(await d3.say('sim')).toMatchObject({ state: 'done', reply: 'Quer desmarcar ou remarcar essa consulta?' });
    expect(await d3.say('cancela')).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?' });
  });

  it('of a confirmed appointment: no question, done; "ok" closes, "confirmo" says it is confirmed (no other one confirmed)', async () => {
    const { world, ana } = twoAppointments(c);
    ana.status = 'confirmed';
    const d = dialogue(world);
    expect(await d.remind(ana.id)).toMatchObject({
      state: 'done',
      reply: `Olá, Maria! Lembrete: sua consulta de Cardiologia com Dra. Ana Souza é amanhã, quarta, 25/11, às 09:00, na Unidade Centro (${ADDRESS}). Sua presença já está confirmada. Até lá!`,
    });
    expect((await d.say('ok')).state).toBe('idle');

    const other = twoAppointments(c);
    other.ana.status = 'confirmed';
    const d2 = dialogue(other.world);
    await d2.remind(other.ana.id);
    const confirm = await d2.say('confirmo minha presença');
    expect(confirm.reply).toContain('está confirmada');
    expect(other.world.appointments.map((a) => a.status)).toEqual(['confirmed', 'requested']);
  });

  it('of a retorno, three days ahead: its words agree with it ("seu retorno", "esse retorno") and the day is named', async () => {
    const world = new FakeWorld(c);
    const retorno = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00', type: 'Retorno' });
    const d = dialogue(world);
    expect((await d.remind(retorno.id)).reply).toBe(
      `Olá, Maria! Lembrete: seu retorno de Dermatologia com Dr. Rui Alves é na sexta, 27/11, às 15:00, na Unidade Centro (${ADDRESS}). Você confirma sua presença?`,
    );
    expect((await d.say('nao vou poder')).reply).toBe('Tudo bem. Quer desmarcar ou remarcar esse retorno?');
  });

  it('after a finished exchange (done) it is taken, the earlier talk left behind', async () => {
    const { world, rui } = twoAppointments(c);
    const d = dialogue(world);
    expect((await d.say('qual o endereço da unidade centro?')).state).toMatch(/^(idle|done)$/);
    expect(await d.remind(rui.id)).toMatchObject({ state: 'confirming_appointment', reply: expect.stringMatching(/^Olá, Maria! Lembrete: sua consulta de Dermatologia/) });
  });

  it('is not taken while the patient is asked something (times on offer): nothing changes', async () => {
    const { world, rui } = twoAppointments(c);
    const d = dialogue(world);
    const offer = await d.say('quero marcar cardio sexta');
    expect(offer.state).toBe('offering');
    const before = d.persisted();
    const turn = await d.remind(rui.id);
    expect(turn.state).toBe('offering');
    expect(d.persisted()).toEqual(before);
  });

  it('of an appointment no longer upcoming: not taken (the state it was in, nothing in play)', async () => {
    const { world, rui } = twoAppointments(c);
    rui.status = 'cancelled';
    const d = dialogue(world);
    const turn = await d.remind(rui.id);
    expect(turn.state).toBe('idle');
    const context = d.actor.getSnapshot().context;
    expect([context.reminded, context.target]).toEqual([null, null]);
  });

  it('the question whether to confirm, not from a reminder: "nao" still only "Tudo bem."', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('a consulta de sexta ta confirmada?');
    expect(await d.say('nao')).toMatchObject({ state: 'done', reply: 'Tudo bem. Posso ajudar em mais alguma coisa?' });
  });

  it('the question whether to confirm, not from a reminder: "desmarca" and "vou sim" are about that appointment', async () => {
    const cancel = twoAppointments(c);
    const d1 = dialogue(cancel.world);
    await d1.say('a consulta de sexta ta confirmada?');
    expect(await d1.say('desmarca')).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?' });

    const confirm = twoAppointments(c);
    const d2 = dialogue(confirm.world);
    await d2.say('a consulta de sexta ta confirmada?');
    expect((await d2.say('vou sim')).state).toBe('done');
    expect(confirm.world.appointments.map((a) => a.status)).toEqual(['requested', 'confirmed']);
  });
});
