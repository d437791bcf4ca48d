/**
 * Messages about a visit that already happened, or one missed, are not requests to book that past day: "perdi minha
 * consulta ontem" gets no blame and a new time offered, "ontem fui atendida pela dra ana" is taken in, and a return
 * visit asked for ("… e ela pediu retorno") is booked with her. Never "O dia … já passou".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const PASSED = 'já passou';

describe('an appointment missed', () => {
  it.each(['perdi minha consulta ontem', 'faltei na consulta de ontem', 'nao consegui ir na consulta de segunda', 'nao pude ir na consuta de ontem, desculpa', 'acabei perdendo a consulta'])(
    '"%s": no blame, a new time offered, the booking’s one question; no "já passou", no day taken',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).toContain('Sem problemas, isso acontece! Posso marcar um novo horário para você.');
      expect(turn.reply).toContain('Com qual especialidade ou profissional?');
      expect(turn.reply).not.toContain(PASSED);
      expect(turn.state).toBe('collecting');
      // the day said was the one missed: the next answer naming whom asks when, it does not search that day
      const next = await d.say('cardio');
      expect(next.reply).toContain('Para quando');
      expect(world.appointments).toHaveLength(0);
    },
  );

  it.each(['não fui hoje', 'hoje eu nao fui, fiquei doente'])('"%s" (today, no word for the appointment): missed as well', async (message) => {
    const turn = await dialogue(new FakeWorld(c)).say(message);
    expect(turn.reply).toContain('Sem problemas, isso acontece! Posso marcar um novo horário para você.');
    expect(turn.state).toBe('collecting');
  });

  it.each(['nao fui atendida hoje, esperei duas horas', 'não fui atendido ontem', 'nao fui chamada hoje'])(
    '"%s": a complaint of a visit, not an appointment missed',
    async (message) => {
      const turn = await dialogue(new FakeWorld(c)).say(message);
      expect(turn.reply).not.toContain('isso acontece');
      expect(turn.reply).not.toContain('Posso marcar um novo horário');
    },
  );

  it('with a provider named: the new time with them, asked when', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('perdi minha consulta com a dra ana ontem');
    expect(turn.reply).toContain('Posso marcar um novo horário para você. Para quando você prefere?');
    expect(turn.reply).not.toContain(PASSED);
  });

  it('a booking of its own day beside it keeps that day', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('perdi a consulta ontem, quero marcar outra de cardio pra sexta');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('27/11');
    expect(turn.reply).not.toContain(PASSED);
  });

  it.each(['faltei ontem', 'esqueci da consulta ontem', 'minha filha faltou na consulta de ontem', 'perdi a hora da consulta'])('"%s" is missed too (a past day said, or the hour lost)', async (message) => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say(message);
    expect(turn.reply).toContain('isso acontece');
    expect(turn.reply).not.toContain(PASSED);
  });

  it.each(['ontem faltei na aula', 'faltei ontem no trabalho'])('"%s": something else missed, no appointment', async (message) => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say(message)).reply).not.toContain('isso acontece');
  });

  it('"não vou conseguir ir na consulta" (still to come) is no missed appointment', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('não vou conseguir ir na consulta')).reply).not.toContain('isso acontece');
  });
});

describe('a past visit told', () => {
  it.each(['ontem fui atendida pela dra ana', 'ontem passei com o dr paulo', 'fui atendido pelo dr rui na segunda', 'fui atendida ontem', 'ontem fui no dr rui', 'ontem passei no dr paulo', 'passei na dra ana ontem'])(
    '"%s": taken in, how we can help; no booking of that day',
    async (message) => {
      const d = dialogue(new FakeWorld(c));
      const turn = await d.say(message);
      expect(turn.reply).toContain('Obrigado por contar! Como posso ajudar?');
      expect(turn.reply).not.toContain(PASSED);
      expect(turn.reply).not.toContain('Para quando');
      expect(turn.state).toBe('idle');
    },
  );

  it('"oi doutora tudo bem?" (who answers said, a person offered), then thanks for a visit: no "atendente para responder" after it', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('oi doutora tudo bem?');
    const turn = await d.say('ontem passei com a dra ana, obrigada');
    expect(turn).toMatchObject({ state: 'idle', reply: 'Que bom saber! Obrigado pelo retorno. Posso ajudar em mais alguma coisa?' });
  });

  it.each(['oi doutor tudo bem? ontem fui atendida pelo dr paulo', 'oi tudo bem, ontem passei com a dra ana'])(
    '"%s": "Tudo bem, obrigado!" and the visit taken in with no second thanks',
    async (message) => {
      const d = dialogue(new FakeWorld(c), { input: { firstName: 'Maria' } });
      const turn = await d.say(message);
      expect(turn.reply).toBe('Olá, Maria! Tudo bem, obrigado! Entendi! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.');
      expect(turn.reply.match(/obrigad/gi)).toHaveLength(1);
    },
  );

  it.each([
    ['ontem fui atendida pela dra ana e ela pediu retorno', 'Dra. Ana Souza', 'a'],
    ['passei com o dr paulo ontem e ele pediu pra eu voltar', 'Dr. Paulo Lima', 'o'],
    ['fui atendido ontem pelo dr rui, queria marcar retorno', 'Dr. Rui Alves', 'o'],
  ])('"%s": the return visit with them offered, asked when (no "já passou"), and booked as a Retorno', async (message, name, article) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(message);
    expect(turn.reply).toContain(`Vamos marcar o seu retorno com ${article} ${name}. Para quando você prefere?`);
    expect(turn.reply).not.toContain(PASSED);
    const offered = await d.say('sexta');
    expect(offered.state).toBe('offering');
    expect(offered.options.every((o) => o.provider_name === name)).toBe(true);
    await d.say('1');
    await d.say('sim');
    expect(world.appointments).toHaveLength(1);
    expect(world.appointments[0]!.appointment_type_name).toBe('Retorno');
  });

  it.each([
    ['ontem fui atendida pela dra ana e ela pediu retorno em 30 dias', '2026-12-24'],
    ['fui atendida ontem pela dra ana, ela pediu retorno daqui a 2 semanas', '2026-12-08'],
    ['ontem passei com a dra ana e ela pediu pra voltar mes que vem', '2026-12-01'],
    ['fui atendida pela dra ana semana passada, ela pediu uns exames e retorno daqui a um mes', '2026-12-24'],
    ['ja passei com a dra ana, ela quer me ver de novo em 3 meses', '2027-02-24'],
  ])('"%s": the return visit searched from the day the span gives (%s), not asked when', async (message, day) => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say(message);
    expect(turn.reply).toContain('Vamos marcar o seu retorno com a Dra. Ana Souza.');
    expect(turn.state).toBe('offering');
    expect(turn.options[0]!.date >= day).toBe(true);
    expect(turn.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
  });

  it('"fui atendida pela dra ana, obrigada": thanks for it taken in', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('fui atendida pela dra ana, obrigada')).reply).toContain('Que bom saber!');
  });

  it('"fui aí e ninguém me atendeu" is no visit told', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('ontem eu fui aí e ninguém me atendeu')).reply).not.toContain('Obrigado por contar');
  });
});

describe('a past visit told in the middle of a booking', () => {
  it('told only: taken in, the booking’s question again, the booking not moved to that doctor', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermato');
    const turn = await d.say('ontem fui atendida pela dra ana');
    expect(turn.reply).toBe('Obrigado por contar! Para quando você prefere?');
    expect((await d.say('sexta')).options.every((o) => o.provider_name === 'Dr. Rui Alves')).toBe(true);
  });

  it('after "Quer marcar?" to a doctor’s hours, a return asked books the retorno with her (no "já passou")', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    expect((await d.say('quais dias a dra ana atende?')).reply).toMatch(/Quer marcar\?$/);
    const turn = await d.say('ontem fui atendida pela dra ana e ela pediu retorno');
    expect(turn.reply).toBe('Vamos marcar o seu retorno com a Dra. Ana Souza. Para quando você prefere?');
    await d.say('sexta');
    await d.say('1');
    await d.say('sim');
    expect(world.appointments[0]!.appointment_type_name).toBe('Retorno');
  });
});

describe('a provider named before, then "ela", "ele", "a mesma médica"', () => {
  it.each(['quero marcar retorno com ela', 'e ela pediu retorno', 'quero marcar retorno com a mesma medica', 'marca um retorno c ela'])(
    'after "ontem fui atendida pela dra ana", "%s" is the retorno with her',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      await d.say('ontem fui atendida pela dra ana');
      const turn = await d.say(message);
      expect(turn.reply).not.toContain('Com qual especialidade');
      expect(turn.reply).toContain('Para quando você prefere?');
      if (message.includes('pediu')) expect(turn.reply).toContain('Vamos marcar o seu retorno com a Dra. Ana Souza.');
      const offered = await d.say('sexta');
      expect(offered.options.length).toBeGreaterThan(0);
      expect(offered.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
      await d.say('1');
      await d.say('sim');
      expect(world.appointments[0]!.appointment_type_name).toBe('Retorno');
    },
  );

  it('"ela pediu" of a relative, with no return asked, is not the provider named before', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('ontem fui atendida pela dra ana');
    const turn = await d.say('minha mae ta com dor, ela pediu pra marcar clinico geral amanha');
    expect(turn.reply).not.toContain('Dra. Ana Souza');
    expect(turn.options.every((o) => o.provider_name === 'Dr. Marcos Pereira')).toBe(true);
  });

  it('"com ele" after a woman was named is not her: whom is asked', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('ontem fui atendida pela dra ana');
    expect((await d.say('quero marcar retorno com ele')).reply).toContain('Com qual especialidade ou profissional?');
  });

  it('the provider of the appointment shown: "quero marcar outra com o mesmo doutor"', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    expect((await d.say('minhas consultas')).reply).toContain('Dr. Rui Alves');
    const turn = await d.say('quero marcar outra com o mesmo doutor');
    expect(turn.reply).not.toContain('Com qual especialidade');
    expect((await d.say('segunda')).options.every((o) => o.provider_name === 'Dr. Rui Alves')).toBe(true);
  });

  it('with no one named yet, the provider of the patient’s own appointment: "quero marcar outra com ela na semana que vem"', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    const turn = await dialogue(world).say('quero marcar outra com ela na semana que vem');
    expect(turn.state).toBe('offering');
    expect(turn.options.length).toBeGreaterThan(0);
    expect(turn.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
    expect(world.searches[0]!.facts).toMatchObject({ date_from: '2026-11-30', date_to: '2026-12-06' });
  });

  it.each([
    ['no appointment', [] as string[]],
    ['appointments with two women', ['Dra. Ana Souza', 'Dra. Juliana Martins']],
    ['an appointment with a man only', ['Dr. Rui Alves']],
  ])('with %s, "com ela" names no one: whom is asked', async (_, providers) => {
    const world = new FakeWorld(c);
    providers.forEach((provider, i) => world.addAppointment({ provider, date: '2026-11-27', time: `1${i}:00` }));
    const turn = await dialogue(world).say('quero marcar outra com ela na semana que vem');
    expect(turn.reply).toContain('Com qual especialidade ou profissional?');
  });

  it('of two providers offered, "com ela" is the one woman among them', async () => {
    const d = dialogue(new FakeWorld(c));
    const offered = await d.say('cardio sexta');
    expect(new Set(offered.options.map((o) => o.provider_name))).toEqual(new Set(['Dra. Ana Souza', 'Dr. Paulo Lima']));
    const turn = await d.say('prefiro com ela');
    expect(turn.options.length).toBeGreaterThan(0);
    expect(turn.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
  });
});
