/**
 * When things do not fit: the slot taken between offer and confirm, nothing on the days asked (nearest
 * days → other providers → waitlist; for a move, the provider's other places → nearest days → another
 * date), the waitlist asked for, and the world failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('the slot is taken between offer and confirm', () => {
  it('apologises and offers fresh times without the taken one', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('cardio quarta a tarde');
    const wanted = offer.options[1]!;
    await d.say('2');
    world.raceFor.add(wanted.start_at);

    const turn = await d.say('sim');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Desculpe, esse horário acabou de ser ocupado\. Tenho estes horários de Cardiologia amanhã \(qua, 25\/11\) à tarde:\n/);
    expect(turn.appointmentId).toBeNull();
    expect(turn.options.some((o) => o.start_at === wanted.start_at)).toBe(false);
    expect(world.searches.at(-1)!.exclude).toContain(wanted.start_at);
    expect(world.appointments).toHaveLength(0);

    await d.say('1');
    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(world.appointments).toHaveLength(1);
    expect(world.appointments[0]!.start_at).not.toBe(wanted.start_at);
  });

  it('a move whose new time is taken offers fresh times too', async () => {
    const world = new FakeWorld(c);
    const appointment = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    const offer = await d.say('quero remarcar minha consulta para segunda a tarde');
    expect(offer.state).toBe('offering');
    await d.say('1');
    world.raceFor.add(offer.options[0]!.start_at);
    const turn = await d.say('sim');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Desculpe, esse horário acabou de ser ocupado\./);
    expect(appointment.date).toBe('2026-11-27');
  });
});

describe('nothing fits', () => {
  it('offers the nearest other days, with the same wishes', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    // Dr. Rui Alves's Wednesday afternoon (13:00–18:00) is all taken: the nearest afternoons
    const rui = c.providers.get('Dr. Rui Alves')!.id;
    for (let m = 13 * 60; m < 18 * 60; m += 10) world.busy.add(`${rui}@2026-11-25T${String(Math.floor(m / 60) + 3).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.000Z`);
    const turn = await d.say('dermato amanha a tarde');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(
      /^Olá, Maria! Não encontrei horários de Dermatologia amanhã \(qua, 25\/11\) à tarde\. Os mais próximos são na quinta, 26\/11:\n1\) 13:00 com Dr\. Rui Alves — Unidade Centro\n/,
    );
    expect(world.searches.map((s) => [s.facts.date_from, s.facts.date_to])).toEqual([
      ['2026-11-25', '2026-11-25'],
      ['2026-11-25', '2026-12-08'],
    ]);
  });

  it('a period the provider never works on the weekday asked is said and left out: that day at the hours there are', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('dermato amanha de manha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Olá, Maria! Não há atendimento de Dermatologia de manhã na quarta, 25\/11, só à tarde\. Tenho estes horários de Dermatologia amanhã/);
  });

  it('then the other providers of the specialty', async () => {
    const world = new FakeWorld(c);
    world.fullyBooked.add('Dra. Ana Souza');
    const d = dialogue(world);
    const turn = await d.say('quero marcar com a dra ana amanha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(
      /^Olá, Maria! Não encontrei horários com Dra\. Ana Souza nos próximos dias\. Tenho estes com outros profissionais de Cardiologia amanhã \(qua, 25\/11\):\n/,
    );
    expect(turn.options.every((o) => o.provider_name === 'Dr. Paulo Lima')).toBe(true);
  });

  it('then the waitlist: "sim" joins it with the request as asked', async () => {
    const world = new FakeWorld(c);
    world.fullyBooked.add('Dra. Ana Souza');
    world.fullyBooked.add('Dr. Paulo Lima');
    const d = dialogue(world);
    const offer = await d.say('quero marcar cardiologia amanha de manha');
    expect(offer).toMatchObject({
      state: 'waitlist_offered',
      options: [],
      reply:
        'Olá, Maria! Não encontrei horários livres de Cardiologia nos próximos dias. Quer entrar na lista de espera para amanhã (qua, 25/11), de manhã? Aviso assim que abrir uma vaga.',
    });
    const joined = await d.say('sim');
    expect(joined).toMatchObject({
      state: 'done',
      reply:
        'Pronto! Você está na lista de espera de Cardiologia para amanhã (qua, 25/11), de manhã, na posição 1. Aviso assim que abrir um horário. Posso ajudar em mais alguma coisa?',
    });
    expect(world.waitlist).toEqual([expect.objectContaining({ specialty: 'Cardiologia', date_from: '2026-11-25', date_to: '2026-11-25', period: 'manha' })]);
  });

  it('"não" to the waitlist writes nothing', async () => {
    const world = new FakeWorld(c);
    world.fullyBooked.add('Dra. Beatriz Costa');
    const d = dialogue(world);
    await d.say('pediatra sexta');
    const turn = await d.say('não, obrigado');
    expect(turn).toMatchObject({ state: 'done', reply: 'Tudo bem. Posso ajudar em mais alguma coisa?' });
    expect(world.waitlist).toHaveLength(0);
  });

  it('a move with nothing at its place on the days asked offers the provider’s other place then, and moves there', async () => {
    const world = new FakeWorld(c);
    // Dra. Ana Souza: Unidade Centro mornings, Unidade Savassi on Monday and Wednesday afternoons
    const appointment = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    const d = dialogue(world);
    const turn = await d.say('quero remarcar minha consulta para segunda a tarde');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(
      /Não encontrei horários com Dra\. Ana Souza na Unidade Centro na segunda, 30\/11, à tarde\. Tenho estes em outra unidade:\n1\) .*Unidade Savassi/,
    );
    expect(turn.options.every((o) => o.location.name === 'Unidade Savassi' && o.date === '2026-11-30')).toBe(true);
    await d.say('1');
    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(appointment).toMatchObject({ location_name: 'Unidade Savassi', date: '2026-11-30' });
  });

  it('a move to a place the patient names is searched there, not at the place it had', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' }); // Unidade Centro
    const d = dialogue(world);
    const turn = await d.say('quero remarcar minha consulta para segunda na unidade savassi');
    expect(turn.state).toBe('offering');
    expect(turn.options.length).toBeGreaterThan(0);
    expect(turn.options.every((o) => o.location.name === 'Unidade Savassi' && o.date === '2026-11-30')).toBe(true);
  });

  it('a move with nothing free with that provider asks another date', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    world.fullyBooked.add('Dr. Rui Alves');
    const d = dialogue(world);
    const turn = await d.say('quero remarcar minha consulta para segunda');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toBe(
      'Olá, Maria! Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de sexta, 27/11, às 15:00. Não encontrei horários livres com Dr. Rui Alves nos próximos dias. Para quando você quer remarcar?',
    );
  });
});

describe('the waitlist asked for', () => {
  it('gathers what is missing, then joins when no free time fits', async () => {
    const world = new FakeWorld(c);
    world.fullyBooked.add('Dra. Ana Souza');
    world.fullyBooked.add('Dr. Paulo Lima');
    const d = dialogue(world);
    const ask = await d.say('me avisa se vagar cardio');
    expect(ask).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Claro, posso colocar você na lista de espera. Para quando você prefere?' });
    const joined = await d.say('semana que vem de manha');
    expect(joined.state).toBe('done');
    expect(joined.reply).toMatch(/^Pronto! Você está na lista de espera de Cardiologia entre segunda, 30\/11, e domingo, 06\/12, de manhã, na posição 1\./);
    expect(world.waitlist[0]).toMatchObject({ specialty: 'Cardiologia', date_from: '2026-11-30', date_to: '2026-12-06', period: 'manha' });
    // one search, of the wish itself: no nearest days, no other providers
    expect(world.searches).toHaveLength(1);
  });

  it('offers the free times that fit first; "nenhum" then joins', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('me coloca na lista de espera pra cardio semana que vem de manha');
    expect(offer.state).toBe('offering');
    expect(offer.reply).toMatch(/^Olá, Maria! Encontrei horários livres para o que você pediu, sem precisar de lista de espera\. Tenho estes horários de Cardiologia/);
    expect(offer.reply).toMatch(/Qual prefere\?\nSe nenhum servir, coloco você na lista de espera\.$/);
    expect(offer.options.every((o) => o.start_time < '12:00' && o.date >= '2026-11-30' && o.date <= '2026-12-06')).toBe(true);
    expect(world.waitlist).toHaveLength(0);
    const joined = await d.say('nenhum');
    expect(joined.state).toBe('done');
    expect(joined.reply).toMatch(/^Pronto! Você está na lista de espera de Cardiologia entre segunda, 30\/11, e domingo, 06\/12, de manhã, na posição 1\./);
    expect(world.waitlist).toHaveLength(1);
  });

  it('"lista de espera" while offering moves the same request to the waitlist', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    const joined = await d.say('prefiro entrar na lista de espera');
    expect(joined.state).toBe('done');
    expect(world.waitlist[0]).toMatchObject({ specialty: 'Cardiologia', date_from: '2026-11-25', period: 'tarde' });
  });
});

describe('the world failing', () => {
  it('a failed search apologises and keeps the state', async () => {
    const world = new FakeWorld(c);
    world.failing.add('searchSlots');
    const d = dialogue(world);
    await d.say('marcar cardio');
    const turn = await d.say('amanha');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toBe('Desculpe, tive um problema para consultar a agenda agora.');
    world.failing.delete('searchSlots');
    const again = await d.say('amanha de manha');
    expect(again.state).toBe('offering');
  });

  it('a specialty that cannot be checked against the clinic’s is searched as before', async () => {
    const world = new FakeWorld(c);
    world.failing.add('clinicInfo');
    const d = dialogue(world);
    const turn = await d.say('quero marcar cardio amanha de manha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã/);
  });

  it('a failed reading apologises', async () => {
    const world = new FakeWorld(c);
    world.failing.add('understand');
    const d = dialogue(world);
    const turn = await d.say('oi');
    expect(turn).toMatchObject({ state: 'idle', reply: 'Olá, Maria! Desculpe, não consegui ler a sua mensagem. Posso ajudar em mais alguma coisa?' });
  });
});
