/**
 * A patient's answer to a waitlist offer sent by message ("Responda SIM para reservar"): a bare "sim"
 * or "não" answers the newest offer that still stands when it was made after our last reply, whatever
 * the dialogue was doing; an older offer does not take the yes away from the question we asked last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, NOW, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const LATER = '2026-11-24T12:05:00.000Z';

describe('answering a waitlist offer', () => {
  it('"sim" with no conversation yet books the offered time', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    const d = dialogue(world);
    const turn = await d.say('Sim');
    expect(turn.state).toBe('done');
    expect(turn.reply).toBe(
      'Olá, Maria! Pronto, reservei para você: consulta de Cardiologia com Dr. Paulo Lima na quinta, 26/11, às 09:00, ' +
        'na Unidade Centro (Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG). Enviaremos um lembrete na véspera. Posso ajudar em mais alguma coisa?',
    );
    expect(turn.appointmentId).toBe(world.appointments[0]!.id);
    expect(world.waitlistOffers[0]!.status).toBe('booked');
  });

  it('"sim" to a freed time later today books it without a reminder "na véspera", whose eve has passed', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-24', time: '16:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    const turn = await dialogue(world).say('sim');
    expect(turn.reply).toBe(
      'Olá, Maria! Pronto, reservei para você: consulta de Cardiologia com Dr. Paulo Lima na terça, 24/11, às 16:00, ' +
        'na Unidade Centro (Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG). Posso ajudar em mais alguma coisa?',
    );
    expect(world.waitlistOffers[0]!.status).toBe('booked');
  });

  it('an offer made after our last reply takes the "sim", even in the middle of a booking', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    const confirming = await d.say('1');
    expect(confirming.state).toBe('confirming');
    d.at(LATER);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T12:01:00.000Z' });
    const turn = await d.say('sim');
    expect(turn.state).toBe('done');
    expect(turn.reply).toContain('reservei para você: consulta de Cardiologia com Dr. Paulo Lima na quinta, 26/11, às 09:00');
    expect(world.appointments).toHaveLength(1);
    expect(world.appointments[0]!.date).toBe('2026-11-26');
    // the booking in progress was dropped: "sim" now asks what else
    expect((await d.say('sim')).reply).toBe('Claro! Posso marcar, remarcar ou desmarcar consultas. O que você precisa?');
  });

  it('an offer older than our last reply leaves the "sim" to our question', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    await d.say('1');
    d.at(LATER);
    const turn = await d.say('sim');
    expect(turn.reply).toMatch(/^Pronto, está marcado!/);
    expect(world.appointments).toHaveLength(1);
    expect(world.appointments[0]!.date).toBe('2026-11-25');
    expect(world.waitlistOffers[0]!.status).toBe('standing');
  });

  it('"não" keeps the patient in the queue and goes back to what was pending', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    d.at(LATER);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T12:01:00.000Z' });
    const turn = await d.say('não, obrigado');
    expect(turn).toMatchObject({ state: 'offering', reply: 'Tudo bem! Você continua na lista de espera e aviso assim que abrir outro horário. Qual prefere?' });
    expect(turn.options.length).toBeGreaterThan(0);
    expect(world.waitlistOffers[0]!.status).toBe('waiting');
    expect(world.appointments).toHaveLength(0);
  });

  it('a time someone else took before the answer: "sim" gets an apology, "não" the queue; nothing is booked', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    world.waitlistOffers[0]!.status = 'waiting';
    const yes = await dialogue(world).say('sim');
    expect(yes).toMatchObject({
      state: 'idle',
      reply: 'Olá, Maria! Que pena, esse horário acabou de ser preenchido. Você continua na lista de espera e aviso assim que abrir outro. Posso ajudar em mais alguma coisa?',
    });
    const no = await dialogue(world).say('nao');
    expect(no.reply).toBe('Olá, Maria! Tudo bem! Você continua na lista de espera e aviso assim que abrir outro horário. Posso ajudar em mais alguma coisa?');
    expect(world.appointments).toHaveLength(0);
  });

  it('a conversation that timed out still knows when it last spoke: an older offer does not take the "sim"', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    const after = dialogue(world, { input: { resumedAfterTimeout: true, previousTurnAt: '2026-11-24T11:30:00.000Z' } });
    expect((await after.say('sim')).appointmentId).toBeNull();
    expect(world.waitlistOffers[0]!.status).toBe('standing');
    const before = dialogue(world, { input: { resumedAfterTimeout: true, previousTurnAt: '2026-11-24T10:30:00.000Z' } });
    expect((await before.say('sim')).appointmentId).not.toBeNull();
    expect(world.waitlistOffers[0]!.status).toBe('booked');
  });

  it('a time someone else takes while the "sim" is being booked: an apology, and the patient keeps waiting', async () => {
    const world = new FakeWorld(c);
    const offer = world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    world.offersTakenByOthers.add(offer.id);
    const d = dialogue(world);
    const turn = await d.say('quero sim');
    expect(turn).toMatchObject({
      state: 'idle',
      reply: 'Olá, Maria! Que pena, esse horário acabou de ser preenchido. Você continua na lista de espera e aviso assim que abrir outro. Posso ajudar em mais alguma coisa?',
      appointmentId: null,
    });
    expect(world.appointments).toHaveLength(0);
  });

  it('the newest of two standing offers is the one answered', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T10:00:00.000Z' });
    world.offerFreedTime({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '10:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    const turn = await dialogue(world).say('pode');
    expect(turn.reply).toContain('com Dra. Ana Souza na sexta, 27/11, às 10:00');
    expect(world.waitlistOffers.map((o) => o.status)).toEqual(['standing', 'booked']);
  });

  it('without a standing offer, "sim" means what it meant before; a failed lookup does not stop the turn', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('sim');
    expect(turn.reply).toBe('Olá, Maria! Não encontrei consulta aguardando confirmação. Posso ajudar em mais alguma coisa?');

    const failing = new FakeWorld(c);
    failing.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    failing.failing.add('latestOffer');
    const other = dialogue(failing);
    await other.say('cardio quarta a tarde');
    other.at(LATER);
    expect((await other.say('nao')).state).toBe('offering');
    expect(failing.waitlistOffers[0]!.status).toBe('standing');
  });

  it('a question that is not a bare yes or no is not taken for an answer to the offer', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: NOW });
    const d = dialogue(world);
    d.at(LATER);
    const turn = await d.say('quero marcar dermato');
    expect(turn.state).toBe('collecting');
    expect(world.waitlistOffers[0]!.status).toBe('standing');
  });

  it.each(['tudo certo?', 'tudo bem?', 'beleza?', 'td certo?', 'blz?'])('small talk ("%s") neither takes nor turns down the offer', async (message) => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: NOW });
    const d = dialogue(world);
    d.at(LATER);
    const turn = await d.say(message);
    expect(turn.reply).toContain('Tudo bem, obrigado!');
    expect(turn.reply).not.toContain('reservei');
    expect(world.appointments).toHaveLength(0);
    expect(world.waitlistOffers[0]!.status).toBe('standing');
    // the offer still takes the yes that follows
    expect((await d.say('sim')).reply).toContain('reservei para você');
  });
});

describe('a freed time turned down with another day asked', () => {
  it('"nao da, tem pra segunda?": the offer declined (the patient stays in the queue) and the same specialty searched for Monday', async () => {
    const world = new FakeWorld(c);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
    const d = dialogue(world);
    const turn = await d.say('nao da, tem pra segunda?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/Você continua na lista de espera/);
    expect(turn.reply).toContain('Cardiologia');
    expect(turn.options.length).toBeGreaterThan(0);
    expect(turn.options.every((o) => o.date === '2026-11-30')).toBe(true);
    expect(world.waitlistOffers[0]!.status).toBe('waiting');
    expect(world.appointments).toHaveLength(0);
    expect((await d.say('1')).state).toBe('confirming');
  });

  it('"não posso, teria na sexta de manhã?" in the middle of a booking: declined, and Friday morning of the offer\'s specialty searched', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('dermato quarta a tarde');
    d.at(LATER);
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T12:01:00.000Z' });
    const turn = await d.say('não posso, teria na sexta de manhã?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Cardiologia');
    expect(turn.options.every((o) => o.date === '2026-11-27' && o.start_time < '12:00')).toBe(true);
    expect(world.waitlistOffers[0]!.status).toBe('waiting');
  });
});
