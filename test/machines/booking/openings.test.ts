/**
 * First messages of a booking as patients write them on WhatsApp, each followed to its end: a booking for
 * someone else, two requests in one message, a type said in lay words, a doctor the clinic does not have,
 * insurance said beside the request, a symptom's specialty accepted by naming a day, an ask right after the greeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('two requests in one message', () => {
  it('"cardio pra mim e dermato pro meu filho": both booked, one at a time, neither lost', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say('marcar cardio pra mim e dermato pro meu filho');
    expect(first).toMatchObject({ state: 'collecting' });
    expect(first.reply).toContain('Vamos marcar uma de cada vez: primeiro Cardiologia, depois Dermatologia.');
    expect((await d.say('amanha')).reply).toContain('Cardiologia amanhã');
    expect((await d.say('1')).state).toBe('confirming');
    const booked = await d.say('sim');
    expect(booked.reply).toContain('Agora vamos marcar Dermatologia');
    expect((await d.say('sim')).state).toBe('offering');
    await d.say('1');
    expect((await d.say('sim')).appointmentId).not.toBeNull();
    expect(world.appointments.map((a) => a.specialty)).toEqual(['Cardiologia', 'Dermatologia']);
  });
});

describe('the appointment type in lay words', () => {
  it.each(['é só pra mostrar exame pra dra ana', 'queria marcar uma consulta so pra mostrar os exames pra dra ana'])(
    '"%s" books a return visit, not a first consultation',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      await d.say(message);
      await d.say('amanha');
      const summary = await d.say('1');
      expect(summary.reply).toContain('Confirma retorno de Cardiologia com Dra. Ana Souza');
      await d.say('sim');
      expect(world.appointments.map((a) => a.appointment_type_name)).toEqual(['Retorno']);
    },
  );
});

describe('the specialty proposed for a symptom or a check-up', () => {
  it.each([
    ['preciso marcar um check-up', 'amanha', 'Clínica Geral amanhã'],
    ['estou com dor no joelho, queria marcar', 'sexta de manha', 'Ortopedia na sexta, 27/11, de manhã'],
  ])('"%s", then "%s" with no yes: the specialty proposed and that day, not the specialty asked again', async (opening, when, offered) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    expect((await d.say(opening)).reply).toMatch(/Quer marcar com .+\?$/);
    const turn = await d.say(when);
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain(offered);
    await d.say('1');
    expect((await d.say('sim')).appointmentId).not.toBeNull();
  });

  it('another specialty named instead is taken, not the one proposed', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('estou com dor no joelho, queria marcar');
    expect((await d.say('prefiro clinico geral amanha')).reply).toContain('Clínica Geral amanhã');
  });
});

describe('a specialty named and a body word after it', () => {
  it('"um dermatologista, pois estou com uma alergia na pele": the specialty named is taken, not proposed as a question', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say('gostaria de agendar uma consulta com um dermatologista, pois estou com uma alergia na pele há uma semana');
    expect(first).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Para quando você prefere?' });
    expect((await d.say('segunda')).reply).toContain('Dermatologia na segunda, 30/11');
    await d.say('1');
    await d.say('sim');
    expect(world.appointments.map((a) => a.specialty)).toEqual(['Dermatologia']);
  });
});

describe('a doctor the clinic does not have', () => {
  it.each([
    ['dr joao', 'Olá, Maria! Não encontrei o Dr. Joao entre os profissionais da clínica.'],
    ['marcar com dr joão amanha', 'Olá, Maria! Não encontrei o Dr. João entre os profissionais da clínica.'],
    ['quero marcar com a dra camila', 'Olá, Maria! Não encontrei a Dra. Camila entre os profissionais da clínica. Temos médicas em '],
    ['quero marcar com o João', 'Olá, Maria! Não encontrei ninguém chamado João entre os profissionais da clínica.'],
  ])('"%s" is told so, and asked whom to book with', async (message, said) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(message);
    expect(turn.state).toBe('collecting');
    expect(turn.reply.startsWith(said), turn.reply).toBe(true);
    expect(turn.reply).toMatch(/Com qual especialidade ou profissional\?$/);
    // the booking goes on: a specialty named then, and the day said before kept
    const next = await d.say('cardio');
    expect(next.reply).not.toContain('Não encontrei');
  });

  it.each(['quero marcar com a dra ana', 'dr joao cardiologista', 'quero marcar com o mesmo médico', 'quero marcar pelo Unimed cardio', 'marcar com o dr de pele', 'Quero marcar Com Urgência um cardio', 'marcar pela Manhã com dermato'])(
    '"%s" says no doctor is missing',
    async (message) => {
      const turn = await dialogue(new FakeWorld(c)).say(message);
      if (message.startsWith('dr joao')) expect(turn.reply).toContain('Não encontrei o Dr. Joao');
      else expect(turn.reply).not.toContain('Não encontrei');
    },
  );
});

describe('a health plan said with the request', () => {
  it.each(['quero marcar cardio pelo unimed', 'tenho unimed, queria marcar cardio', 'quero marcar pela unimed com cardio'])(
    '"%s": told the plan is not checked here, once, and the booking goes on',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const first = await d.say(message);
      expect(first.reply).toBe(
        'Olá, Maria! Não tenho aqui a lista de convênios aceitos; a nossa recepção confirma se o seu plano é atendido. Para quando você prefere?',
      );
      const offered = await d.say('amanha');
      expect(offered.state).toBe('offering');
      expect(offered.reply).not.toContain('convênio');
      await d.say('1');
      expect((await d.say('sim')).appointmentId).not.toBeNull();
    },
  );

  it('asked as a question beside the booking, it is answered once', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('quero marcar cardio amanha, aceita unimed?');
    expect(turn.reply.match(/lista de convênios/g)).toHaveLength(1);
  });
});

describe('a specialty in lay words', () => {
  it('"queria marcar uma médica de mulher" books Ginecologia', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    expect((await d.say('queria marcar uma médica de mulher')).reply).toMatch(/Ginecologia.*Para quando você prefere\?$/);
    expect((await d.say('sexta')).reply).toContain('Dra. Fernanda Rocha na sexta, 27/11');
    await d.say('1');
    await d.say('sim');
    expect(world.appointments.map((a) => a.specialty)).toEqual(['Ginecologia']);
  });
});

describe('two days, the part of the day said after the first', () => {
  it('"ginecologista sexta de manha ou sabado": Friday morning is offered, not only Saturday', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('bom dia queria ver se tem horario pra ginecologista sexta de manha ou sabado');
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('Não encontrei');
    expect(turn.options.map((o) => o.date)).toContain('2026-11-27');
    expect(turn.options.every((o) => o.start_time < '12:00')).toBe(true);
    await d.say('1');
    await d.say('sim');
    expect(world.appointments.map((a) => a.date)).toEqual(['2026-11-27']);
  });
});

describe('a result to take to the doctor', () => {
  it('"preciso levar o resultado do exame pro cardiologista" books a return visit, not "what to bring"', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say('preciso levar o resultado do exame pro cardiologista');
    expect(first).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Para quando você prefere?' });
    await d.say('amanha');
    expect((await d.say('1')).reply).toContain('Confirma retorno de Cardiologia');
    await d.say('sim');
    expect(world.appointments.map((a) => a.appointment_type_name)).toEqual(['Retorno']);
  });

  it('"preciso levar os exames pro cardiologista?" is still a question of what to bring', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('preciso levar os exames pro cardiologista?');
    expect(turn.reply).toContain('Traga um documento com foto');
  });
});

describe('two requests, each at its own place', () => {
  it('"cardio no centro e dermato na savassi": cardiology in the Centro first, then dermatology (said to be only in the Centro)', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    expect((await d.say('quero marcar cardio no centro e dermato na savassi')).reply).toContain('primeiro Cardiologia, depois Dermatologia');
    const cardio = await d.say('amanha');
    expect(cardio.reply).toContain('Cardiologia amanhã');
    expect(cardio.options.every((o) => o.location.name === 'Unidade Centro')).toBe(true);
    await d.say('1');
    const next = await d.say('sim');
    expect(next.reply).toContain('O atendimento de Dermatologia é só na Unidade Centro, não na Unidade Savassi.');
    await d.say('amanha');
    await d.say('1');
    await d.say('sim');
    expect(world.appointments.map((a) => `${a.specialty} ${a.location_name}`)).toEqual(['Cardiologia Unidade Centro', 'Dermatologia Unidade Centro']);
  });
});

describe('whoever is free first', () => {
  it('"com dr paulo ou dra ana o que tiver primeiro": the nearest times of both, no day asked', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('oi quero marcar com dr paulo ou dra ana o que tiver primeiro');
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('Para quando');
    expect(new Set(turn.options.map((o) => o.provider_name))).toEqual(new Set(['Dr. Paulo Lima', 'Dra. Ana Souza']));
    await d.say('1');
    expect((await d.say('sim')).appointmentId).not.toBeNull();
  });
});

describe('whom the booking is for, said alone', () => {
  it('"é pra minha filha de 8 anos" to "Com qual especialidade?": no "não entendi", the question again, and it books', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar uma consulta pra amanha');
    const who = await d.say('é pra minha filha de 8 anos');
    expect(who).toMatchObject({ state: 'collecting', reply: 'Certo. Com qual especialidade ou profissional?' });
    expect((await d.say('pediatra')).reply).toContain('Pediatria amanhã');
    expect((await d.say('1')).reply).toContain('A consulta fica no seu cadastro, Maria.');
    await d.say('sim');
    expect(world.appointments).toHaveLength(1);
  });

  it.each(['é pro meu pai', 'é para o meu filho de 5 anos', 'pra minha filha, ela tem oito anos'])('"%s" as the first message begins a booking', async (message) => {
    const turn = await dialogue(new FakeWorld(c)).say(message);
    expect(turn).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Com qual especialidade ou profissional?' });
  });
});

describe('a voice note read as text', () => {
  it('"...cardiologista pra semana que vem é na quarta de manhã se der": next week\'s Wednesday, not tomorrow', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('é então eu queria ver se eu consigo marcar uma consulta com o é o cardiologista pra semana que vem é na quarta de manhã se der');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Cardiologia na quarta, 02/12, de manhã');
    expect(turn.options.every((o) => o.date === '2026-12-02')).toBe(true);
  });
});

describe('a health plan asked about beside the booking', () => {
  it.each(['bom dia. gostaria de saber se a dra ana atende pelo unimed e marcar com ela', 'bom dia gostaria de saber se a dra ana atende pelo unimed e marcar com ela'])('"%s": the plan answered and the booking kept', async (message) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say(message);
    expect(first).toMatchObject({
      state: 'collecting',
      reply: 'Bom dia, Maria! Não tenho aqui a lista de convênios aceitos; a nossa recepção confirma se o seu plano é atendido. Para quando você prefere?',
    });
    expect((await d.say('sexta')).reply).toContain('com Dra. Ana Souza na sexta, 27/11');
    await d.say('1');
    await d.say('sim');
    expect(world.appointments.map((a) => a.provider_name)).toEqual(['Dra. Ana Souza']);
  });

  it('"a dra ana atende pelo unimed?" alone is still only answered', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('a dra ana atende pelo unimed?');
    expect(turn.reply).toContain('Não tenho aqui a lista de convênios aceitos');
    expect(turn.reply).not.toContain('Para quando');
  });
});

describe('an ask right after "Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas."', () => {
  it.each(['quero marcar', 'quero agendar', 'queria marcar', 'sim, quero marcar'])(
    '"%s" after "oi" starts the booking (it got "Claro! Posso marcar, … O que você precisa?" again)',
    async (ask) => {
      const d = dialogue(new FakeWorld(c));
      expect((await d.say('oi')).reply).toBe('Olá, Maria! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.');
      const turn = await d.say(ask);
      expect(turn.state).toBe('collecting');
      expect(turn.reply).toBe('Claro! Com qual especialidade ou profissional?');
    },
  );

  it('"quero remarcar" after "bom dia" moves the patient\'s appointment', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('bom dia');
    const turn = await d.say('quero remarcar');
    expect(turn.state).toBe('choosing_appointment');
    expect(turn.reply).toContain('Qual delas você quer remarcar?');
  });

  it('after a message not understood, "quero marcar" starts the booking too; a bare "quero" still says what can be done', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('xpto qwerty')).reply).toContain('O que você precisa?');
    expect((await d.say('quero')).reply).toBe('Claro! Posso marcar, remarcar ou desmarcar consultas. O que você precisa?');
    const turn = await d.say('quero marcar');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toBe('Claro! Com qual especialidade ou profissional?');
  });
});

describe('how early to come, asked', () => {
  it.each(['posso chegar mais cedo amanhã?', 'tem como eu chegar mais cedo amanhã?', 'quanto tempo antes eu tenho que chegar?'])(
    '"%s": there is no such data, a person is offered, and no booking starts (it asked "Com qual especialidade ou profissional?")',
    async (question) => {
      const { world } = twoAppointments(c);
      const turn = await dialogue(world).say(question);
      expect(turn.reply).toBe('Olá, Maria! Não tenho aqui informações sobre o horário de chegada. Quer que eu chame um atendente para responder?');
      expect(turn.state).toBe('done');
      expect(world.searches).toEqual([]);
    },
  );

  it('asked beside a booking, the booking goes on with the answer before the times', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('quero marcar cardio amanhã, posso chegar antes?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Olá, Maria! Não tenho aqui informações sobre o horário de chegada\. Se quiser, é só pedir que eu chamo um atendente para responder\. Tenho estes horários de Cardiologia/);
  });
});
