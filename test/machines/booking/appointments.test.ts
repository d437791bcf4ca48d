/**
 * The patient's appointments: list, cancel (one, several, singled out by what the message says),
 * reschedule (choosing the appointment, "mesmo horário"), and confirm (the reply to a reminder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, twoAppointments, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('list', () => {
  it('lists the upcoming appointments', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    const turn = await d.say('quais consultas eu tenho marcadas?');
    expect(turn).toMatchObject({
      state: 'done',
      reply:
        'Olá, Maria! Suas próximas consultas:\n' +
        '1) qua, 25/11 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro (a confirmar)\n' +
        '2) sex, 27/11 às 15:00 — consulta de Dermatologia com Dr. Rui Alves, Unidade Centro (a confirmar)\n' +
        'Posso ajudar em mais alguma coisa?',
    });
  });

  it('"minha consulta tá confirmada?" is answered with the list and each one’s status, and confirms nothing', async () => {
    const { world, ana } = twoAppointments(c);
    ana.status = 'confirmed';
    const d = dialogue(world);
    const turn = await d.say('minha consulta ta confirmada?');
    expect(turn.state).toBe('done');
    expect(turn.reply).toContain('1) qua, 25/11 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro (confirmada)\n');
    expect(turn.reply).toContain('2) sex, 27/11 às 15:00 — consulta de Dermatologia com Dr. Rui Alves, Unidade Centro (a confirmar)\n');
    expect(world.appointments.map((a) => a.status)).toEqual(['confirmed', 'requested']);
  });

  // today is Tuesday 24/11: "amanhã" is Wednesday 25/11, Ana's day
  it.each(['oi, minha consulta é amanhã né? que horas mesmo?', 'minha consulta e amanha ne', 'que horas mesmo é minha consulta de amanhã?'])(
    '"%s": the appointment of that day, with its time (no booking begun)',
    async (message) => {
      const { world } = twoAppointments(c);
      const turn = await dialogue(world).say(message);
      expect(turn.state).toBe('done');
      expect(turn.reply).toContain('Cardiologia com Dra. Ana Souza');
      expect(turn.reply).toContain('25/11, às 09:00');
      expect(turn.reply).not.toContain('Com qual especialidade');
      expect(world.searches).toHaveLength(0);
    },
  );

  it('"minha consulta é amanhã né?" when it is on another day: none that day said, and the one there is', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const turn = await dialogue(world).say('minha consulta é amanhã né?');
    expect(turn.state).toBe('done');
    expect(turn.reply).toContain('Não encontrei consulta sua amanhã (qua, 25/11).');
    expect(turn.reply).toContain('sexta, 27/11, às 15:00');
  });

  it('says when there are none', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('oi');
    const turn = await d.say('minhas consultas');
    expect(turn).toMatchObject({ state: 'done', reply: 'Você não tem consultas marcadas. Posso ajudar em mais alguma coisa?' });
  });
});

describe('the list asked in the middle of a booking', () => {
  const asks = ['quais consultas eu tenho?', 'tenho alguma outra consulta marcada?', 'minhas consultas'];
  /** none of Cardiologia, nor on Wednesday: "cardio amanhã" is asked nothing about them */
  function otherAppointments() {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    world.addAppointment({ provider: 'Dra. Beatriz Costa', date: '2026-11-30', time: '09:00', location: 'Unidade Savassi' });
    return world;
  }

  it.each(asks)('"%s" at the summary: the list, the summary again, and "sim" books', async (ask) => {
    const world = otherAppointments();
    const d = dialogue(world);
    await d.say('quero marcar cardio amanha');
    const summary = await d.say('1');
    expect(summary.state).toBe('confirming');
    const turn = await d.say(ask);
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toContain('Suas próximas consultas:\n1) sex, 27/11 às 15:00 — consulta de Dermatologia com Dr. Rui Alves');
    expect(turn.reply).toContain('2) seg, 30/11 às 09:00 — consulta de Pediatria com Dra. Beatriz Costa');
    expect(turn.reply.endsWith(summary.reply)).toBe(true);
    const booked = await d.say('sim');
    expect(booked.state).toBe('done');
    expect(booked.appointmentId).not.toBeNull();
    expect(world.bookings).toBe(1);
  });

  it.each(asks)('"%s" at the summary with none booked: said so, the summary again', async (ask) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio amanha');
    const summary = await d.say('1');
    const turn = await d.say(ask);
    expect(turn).toMatchObject({ state: 'confirming', reply: `Você não tem consultas marcadas. ${summary.reply}` });
    expect((await d.say('sim')).state).toBe('done');
    expect(world.bookings).toBe(1);
  });

  it.each(asks)('"%s" at the times: the list, the same times again (not a choice between the appointments), and "2" picks the second time', async (ask) => {
    const world = otherAppointments();
    const d = dialogue(world);
    const offer = await d.say('quero marcar cardio amanha');
    expect(offer.state).toBe('offering');
    const turn = await d.say(ask);
    expect(turn.state).toBe('offering');
    expect(turn.options).toEqual(offer.options);
    expect(turn.reply).toContain('2) seg, 30/11 às 09:00 — consulta de Pediatria com Dra. Beatriz Costa');
    expect(turn.reply).toMatch(/Estes horários continuam disponíveis:\n1\) .*\n2\) .*\n3\) .*\nQual prefere\?$/);
    const summary = await d.say('2');
    expect(summary.state).toBe('confirming');
    expect(summary.reply).toContain(`às ${offer.options[1]!.start_time}`);
    expect(summary.reply).toContain(offer.options[1]!.provider_name);
  });

  it('"tenho consulta quinta?" with none that day, at "Para quando?": that day said, the list, and the question again', async () => {
    const world = otherAppointments();
    const d = dialogue(world);
    await d.say('quero marcar ortopedia');
    const turn = await d.say('tenho consulta quinta?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toMatch(/^Não encontrei consulta sua na quinta, 26\/11\. Suas próximas consultas:\n/);
    expect(turn.reply).toMatch(/Para quando você prefere\?$/);
    const offer = await d.say('sexta');
    expect(offer.state).toBe('offering');
    expect(offer.options.every((o) => o.specialty === 'Ortopedia' && o.date === '2026-11-27')).toBe(true);
  });

  it('the appointments cannot be read: said, and the summary again; "sim" still books', async () => {
    const world = otherAppointments();
    const d = dialogue(world);
    await d.say('quero marcar cardio amanha');
    const summary = await d.say('1');
    world.failing.add('listAppointments');
    const turn = await d.say('quais consultas eu tenho?');
    expect(turn.state).toBe('confirming');
    expect(turn.reply.endsWith(summary.reply)).toBe(true);
    world.failing.delete('listAppointments');
    expect((await d.say('sim')).state).toBe('done');
    expect(world.bookings).toBe(1);
  });

  it('while moving an appointment: the list, the move’s question again, and the move goes on with the same appointment', async () => {
    const { world, rui } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('quero remarcar a consulta do dr rui');
    const turn = await d.say('quais consultas eu tenho?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain('Suas próximas consultas:');
    expect(turn.reply).toMatch(/Para quando você quer remarcar\?$/);
    await d.say('segunda');
    await d.say('1');
    expect((await d.say('sim')).state).toBe('done');
    expect(rui.date).toBe('2026-11-30');
    expect(world.appointments.filter((a) => a.status !== 'cancelled')).toHaveLength(2);
  });
});

describe('cancel', () => {
  it('with several appointments, asks which one, then confirms before cancelling', async () => {
    const { world, ana, rui } = twoAppointments(c);
    const d = dialogue(world);
    const which = await d.say('quero cancelar uma consulta');
    expect(which).toMatchObject({
      state: 'choosing_appointment',
      reply:
        'Olá, Maria! Você tem estas consultas:\n' +
        '1) qua, 25/11 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro\n' +
        '2) sex, 27/11 às 15:00 — consulta de Dermatologia com Dr. Rui Alves, Unidade Centro\n' +
        'Qual delas você quer desmarcar?',
    });
    const ask = await d.say('2');
    expect(ask).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?' });
    const done = await d.say('sim');
    expect(done).toMatchObject({ state: 'done', reply: 'Desmarcada. Quer marcar outro horário?' });
    expect(rui.status).toBe('cancelled');
    expect(ana.status).toBe('requested');
  });

  it.each([
    ['a de sexta', 'Dr. Rui Alves'],
    ['a de cardio', 'Dra. Ana Souza'],
    ['a da dra ana', 'Dra. Ana Souza'],
  ])('in the list, "%s" names the appointment', async (text, provider) => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('desmarcar');
    const ask = await d.say(text);
    expect(ask.state).toBe('confirming_cancel');
    expect(ask.reply).toContain(`com ${provider}`);
  });

  it('a message that names the appointment skips the list', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    const ask = await d.say('preciso desmarcar a consulta de dermato');
    expect(ask.state).toBe('confirming_cancel');
    expect(ask.reply).toContain('Dermatologia com Dr. Rui Alves na sexta, 27/11');
  });

  it('"não" keeps the appointment', async () => {
    const { world, rui } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('desmarcar a de sexta');
    const kept = await d.say('não');
    expect(kept).toMatchObject({ state: 'done', reply: 'Tudo bem, sua consulta continua marcada. Posso ajudar em mais alguma coisa?' });
    expect(rui.status).toBe('requested');
  });

  it.each([
    ['desmarca meu retorno', 'Consulta', 'O que você tem marcado é uma consulta, não um retorno. Você tem consulta de Cardiologia com Dra. Ana Souza na sexta, 27/11, às 09:00. É essa que você quer desmarcar?'],
    ['desmarca minha primeira consulta', 'Retorno', 'O que você tem marcado é um retorno, não uma primeira consulta. Você tem retorno de Cardiologia com Dra. Ana Souza na sexta, 27/11, às 09:00. É esse que você quer desmarcar?'],
  ])('%j when the only appointment is a %s: the difference said, and whether that one is meant; a yes cancels it', async (text, type, reply) => {
    const world = new FakeWorld(c);
    const only = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00', type });
    const d = dialogue(world);
    const ask = await d.say(text);
    expect(ask).toMatchObject({ state: 'choosing_appointment', reply: `Olá, Maria! ${reply}` });
    expect(only.status).toBe('requested');
    await d.say('sim');
    expect(only.status).toBe('cancelled');
  });

  it('"desmarca meu retorno" with a consulta and a retorno: the retorno, no question which', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00', type: 'Retorno' });
    const d = dialogue(world);
    const ask = await d.say('desmarca meu retorno');
    expect(ask).toMatchObject({ state: 'confirming_cancel', reply: 'Olá, Maria! Você tem retorno de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?' });
  });

  it('with none, says so', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('quero desmarcar minha consulta');
    expect(turn).toMatchObject({ state: 'done', reply: 'Olá, Maria! Você não tem consultas marcadas. Posso ajudar em mais alguma coisa?' });
  });

  it('"sim" to "quer marcar outro horário?" books the same kind of appointment', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('desmarcar a de sexta');
    await d.say('pode');
    const when = await d.say('sim');
    expect(when).toMatchObject({ state: 'collecting', reply: 'Claro! Para quando você prefere?' });
    const offer = await d.say('segunda a tarde');
    expect(offer.state).toBe('offering');
    expect(offer.reply).toMatch(/^Tenho estes horários com Dr\. Rui Alves na segunda, 30\/11, à tarde:/);
  });
});

describe('"ok" and a new request to "Desmarco?"', () => {
  const ASKED = 'desmarco sua consulta de Cardiologia com Dra. Ana Souza na sexta, 27/11, às 09:00?';

  it.each(['ok marca dermato sexta', 'ta bom, marca dermato sexta', 'blz pode marcar dermato sexta'])(
    '%j cancels nothing yet: the cancel asked again, the booking kept for after; "sim" cancels, then dermatology on Friday',
    async (text) => {
      const world = new FakeWorld(c);
      const ana = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
      const d = dialogue(world);
      await d.say('cancela minha consulta');
      const again = await d.say(text);
      expect(again.state).toBe('confirming_cancel');
      expect(again.reply).toBe(`Antes de ver a nova marcação: ${ASKED}`);
      expect(ana.status).toBe('requested');
      const yes = await d.say('sim');
      expect(ana.status).toBe('cancelled');
      expect(yes.state).toBe('offering');
      expect(yes.reply).toMatch(/^Desmarcada\. Tenho estes horários de Dermatologia na sexta, 27\/11:/);
    },
  );

  it('"não" to the cancel asked again keeps the appointment and asks whether to go on with the booking', async () => {
    const world = new FakeWorld(c);
    const ana = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    const d = dialogue(world);
    await d.say('cancela minha consulta');
    await d.say('ok marca dermato sexta');
    const no = await d.say('não');
    expect(no.state).toBe('done');
    expect(no.reply).toBe('Tudo bem, sua consulta continua marcada. Quer seguir com a marcação (“marca dermato sexta”)?');
    expect(ana.status).toBe('requested');
  });

  it('"sim, marca dermato sexta" is still a yes: cancelled at once, then dermatology on Friday', async () => {
    const world = new FakeWorld(c);
    const ana = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    const d = dialogue(world);
    await d.say('cancela minha consulta');
    const turn = await d.say('sim, marca dermato sexta');
    expect(ana.status).toBe('cancelled');
    expect(turn.state).toBe('offering');
  });
});

describe('a pointer right after a reply about one appointment', () => {
  it.each([
    ['tenho retorno sexta?', 'desmarca ele', 'Você tem retorno de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?', 1],
    ['tenho retorno sexta?', 'desmarca esse', 'Você tem retorno de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?', 1],
    ['tenho consulta quarta?', 'pode cancelar ela', 'Você tem consulta de Cardiologia com Dra. Ana Souza na quarta, 25/11, às 09:00. Desmarco?', 0],
  ])('%j, then %j: that appointment asked about, not the list of all', async (ask, pointer, reply, index) => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00', type: 'Retorno' });
    const d = dialogue(world);
    await d.say(ask);
    const turn = await d.say(pointer);
    expect(turn).toMatchObject({ state: 'confirming_cancel', reply });
    await d.say('sim');
    expect(world.appointments.map((a) => a.status)).toEqual(index === 0 ? ['cancelled', 'requested'] : ['requested', 'cancelled']);
  });
});

describe('cancel both ("as duas", "ambas", "todas")', () => {
  const LIST =
    '1) qua, 25/11 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro\n' +
    '2) sex, 27/11 às 15:00 — consulta de Dermatologia com Dr. Rui Alves, Unidade Centro\n';

  it.each(['as duas', 'quero desmarcar as duas', 'cancela as duas', 'ambas', 'todas', 'os dois', 'todas elas'])(
    'in the list, %j means both: one confirmation naming both, then both are cancelled',
    async (text) => {
      const { world, ana, rui } = twoAppointments(c);
      const d = dialogue(world);
      await d.say('quero cancelar uma consulta');
      const ask = await d.say(text);
      expect(ask).toMatchObject({ state: 'confirming_cancel', reply: `Você tem estas consultas:\n${LIST}Desmarco as duas?` });
      const done = await d.say('sim');
      expect(done).toMatchObject({ state: 'done', reply: 'As duas consultas foram desmarcadas. Posso ajudar em mais alguma coisa?' });
      expect([ana.status, rui.status]).toEqual(['cancelled', 'cancelled']);
    },
  );

  it.each(['quero desmarcar as duas consultas', 'cancela todas as minhas consultas', 'desmarcar ambas'])(
    'asked at once, %j confirms both without the list question',
    async (text) => {
      const { world, ana, rui } = twoAppointments(c);
      const d = dialogue(world);
      const ask = await d.say(text);
      expect(ask).toMatchObject({ state: 'confirming_cancel', reply: `Olá, Maria! Você tem estas consultas:\n${LIST}Desmarco as duas?` });
      await d.say('pode');
      expect([ana.status, rui.status]).toEqual(['cancelled', 'cancelled']);
    },
  );

  it('"não" keeps both', async () => {
    const { world, ana, rui } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('desmarcar');
    await d.say('as duas');
    const kept = await d.say('não');
    expect(kept).toMatchObject({ state: 'done', reply: 'Tudo bem, suas consultas continuam marcadas. Posso ajudar em mais alguma coisa?' });
    expect([ana.status, rui.status]).toEqual(['requested', 'requested']);
  });

  it.each([
    ['Retorno', 'Retorno', 'Os dois retornos foram desmarcados.'],
    ['Consulta', 'Retorno', 'A consulta e o retorno foram desmarcados.'],
    ['Consulta', 'Consulta', 'As duas consultas foram desmarcadas.'],
  ])('a %s and a %s cancelled together: the line agrees with their types', async (first, second, line) => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00', type: first });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00', type: second });
    const d = dialogue(world);
    await d.say('cancela as duas');
    const done = await d.say('sim');
    expect(done).toMatchObject({ state: 'done', reply: `${line} Posso ajudar em mais alguma coisa?` });
    expect(world.appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('"a segunda" and "2" still pick the second', async () => {
    for (const text of ['a segunda', '2']) {
      const { world } = twoAppointments(c);
      const d = dialogue(world);
      await d.say('desmarcar');
      const ask = await d.say(text);
      expect(ask).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?' });
    }
  });
});

describe('after a cancel, "Quer marcar outro horário?"', () => {
  it.each([
    ['ok', 'collecting'],
    ['👍', 'collecting'],
    ['quero sim', 'collecting'],
    ['não, obrigada', 'idle'],
    ['obrigada', 'idle'],
  ])('"%s" → %s', async (text, state) => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('desmarcar a de sexta');
    await d.say('pode');
    expect((await d.say(text)).state).toBe(state);
  });
});

describe('reschedule', () => {
  it('asks which appointment, keeps its provider, then asks the new date', async () => {
    const { world, ana } = twoAppointments(c);
    const d = dialogue(world);
    const which = await d.say('quero remarcar');
    expect(which.state).toBe('choosing_appointment');
    expect(which.reply.endsWith('Qual delas você quer remarcar?')).toBe(true);
    const when = await d.say('a primeira');
    expect(when).toMatchObject({
      state: 'collecting',
      reply: 'Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00. Para quando você quer remarcar?',
    });
    const offer = await d.say('sexta mesmo horario');
    expect(offer.state).toBe('offering');
    expect(offer.options.every((o) => o.provider_name === 'Dra. Ana Souza' && o.date === '2026-11-27')).toBe(true);
    expect(world.searches.at(-1)!.facts).toMatchObject({ time: '09:00', provider_ids: [ana.provider_id], location_id: ana.location_id });
    const confirm = await d.say('a das 9h');
    expect(confirm.reply).toMatch(/^Confirma a mudança da sua consulta de Cardiologia com Dra\. Ana Souza de quarta, 25\/11, às 09:00, para sexta, 27\/11, às 09:00/);
    const done = await d.say('isso');
    expect(done.appointmentId).toBe(ana.id);
    expect(ana).toMatchObject({ date: '2026-11-27', start_time: '09:00' });
  });

  it.each([
    [['remarca minha consulta pra semana q vem'], 'entre segunda, 30/11, e domingo, 06/12:', ['2026-11-30', '2026-12-01', '2026-12-02']],
    [['quero remarcar minha consulta', 'qualquer dia da semana que vem'], 'entre segunda, 30/11, e domingo, 06/12:', ['2026-11-30', '2026-12-01', '2026-12-02']],
    [['quero remarcar minha consulta', 'pra depois de 15 dias'], 'entre quarta, 09/12, e terça, 22/12:', ['2026-12-09', '2026-12-10', '2026-12-11']],
  ])('a move over a range %j spreads its options over the days, as a booking does, and says the range', async (messages, header, days) => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    let offer = await d.say(messages[0]!);
    for (const m of messages.slice(1)) offer = await d.say(m);
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain(`Tenho estes horários com Dr. Rui Alves ${header}`);
    expect(offer.options.map((o) => o.date)).toEqual(days);
  });

  it('"remarcar a de sexta" names the appointment, not the new date', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    const turn = await d.say('quero remarcar a de sexta');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain('Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de sexta, 27/11, às 15:00.');
    expect(turn.reply.endsWith('Para quando você quer remarcar?')).toBe(true);
  });

  it('"mesmo horário só que na quinta" out of the blue, that time taken on Thursday: the nearest times that Thursday', async () => {
    const world = new FakeWorld(c);
    const rui = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-12-01', time: '15:00' });
    world.busy.add(`${rui.provider_id}@${new Date('2026-11-26T18:00:00.000Z').toISOString()}`);
    const d = dialogue(world);
    const offer = await d.say('mesmo horário só que na quinta');
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain('Vamos remarcar sua consulta de Dermatologia com Dr. Rui Alves de terça, 01/12, às 15:00.');
    expect(world.searches.at(-1)!.facts).toMatchObject({ date_from: '2026-11-26', date_to: '2026-11-26', time: '15:00', provider_ids: [rui.provider_id] });
    expect(offer.options.map((o) => `${o.date} ${o.start_time}`)).toEqual(['2026-11-26 14:00', '2026-11-26 14:30', '2026-11-26 15:30']);
  });

  it.each(['pra tarde', 'de tarde', 'à tarde', 'a tarde'])('"%s" alone to the move\'s "Para quando?" offers the nearest free afternoons, not the question again', async (text) => {
    const world = new FakeWorld(c);
    const rui = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    const when = await d.say('quero remarcar minha consulta');
    expect(when.reply.endsWith('Para quando você quer remarcar?')).toBe(true);
    const offer = await d.say(text);
    expect(offer.state).toBe('offering');
    expect(offer.reply).not.toContain('Para quando');
    expect(offer.reply).toContain('Dr. Rui Alves');
    // today (Tuesday, 09:00) has free afternoon times: the nearest ones
    expect(offer.options.map((o) => `${o.date} ${o.start_time}`)).toEqual(['2026-11-24 13:00', '2026-11-24 13:30', '2026-11-24 14:00']);
    expect(world.searches.at(-1)!.facts).toMatchObject({ provider_ids: [rui.provider_id], time_from: '12:00', time_to: '18:00' });
  });

  it('"de tarde" to the move\'s "Para quando?" with no afternoon at the appointment\'s place: the afternoons elsewhere, their day named', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    const d = dialogue(world);
    await d.say('quero remarcar minha consulta');
    const offer = await d.say('de tarde');
    expect(offer.state).toBe('offering');
    expect(offer.options.every((o) => o.date === '2026-11-25' && o.location.name === 'Unidade Savassi' && o.start_time >= '12:00')).toBe(true);
    expect(offer.reply).toContain('Tenho estes em outra unidade amanhã (qua, 25/11):');
  });

  it('"volta" to the move\'s "Para quando?" after picking from the list goes back to which appointment', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('quero remarcar');
    const when = await d.say('a 2');
    expect(when.reply).toContain('Dr. Rui Alves');
    expect(when.reply.endsWith('Para quando você quer remarcar?')).toBe(true);
    const back = await d.say('volta');
    expect(back).toMatchObject({
      state: 'choosing_appointment',
      reply:
        'Tudo bem, vamos voltar um passo. Você tem estas consultas:\n' +
        '1) qua, 25/11 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro\n' +
        '2) sex, 27/11 às 15:00 — consulta de Dermatologia com Dr. Rui Alves, Unidade Centro\n' +
        'Qual delas você quer remarcar?',
    });
    const again = await d.say('a 1');
    expect(again.reply).toContain('Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00.');
  });

  it('"volta" twice from the times of a move picked from the list: "Para quando?", then which appointment', async () => {
    const { world } = twoAppointments(c);
    const d = dialogue(world);
    await d.say('quero remarcar pra tarde');
    const offer = await d.say('a de cardio');
    expect(offer.state).toBe('offering');
    const when = await d.say('volta');
    expect(when).toMatchObject({ state: 'collecting', reply: 'Tudo bem, vamos voltar um passo. Para quando você quer remarcar?' });
    const which = await d.say('volta');
    expect(which.state).toBe('choosing_appointment');
    expect(which.reply).toMatch(/^Tudo bem, vamos voltar um passo\. Você tem estas consultas:\n1\) .*\n2\) .*\nQual delas você quer remarcar\?$/);
  });

  it('"volta" to the move\'s "Para quando?" of the only appointment: there is no step before', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    await d.say('quero remarcar minha consulta');
    const back = await d.say('volta');
    expect(back).toMatchObject({ state: 'collecting', reply: 'Não há uma etapa anterior para voltar. Para quando você quer remarcar?' });
  });

  it('with no appointment, offers a new booking', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('quero remarcar minha consulta');
    expect(turn).toMatchObject({ state: 'done', reply: 'Olá, Maria! Você não tem consultas marcadas. Quer marcar uma nova consulta?' });
    const ask = await d.say('quero');
    expect(ask).toMatchObject({ state: 'collecting', reply: 'Claro! Com qual especialidade ou profissional?' });
  });
});

describe('a move with the day the patient cannot come', () => {
  // today is Tuesday 24/11; the appointment is tomorrow, Wednesday 25/11
  it.each(['nao vou poder ir amanha, da pra remarcar?', 'amanhã não vou conseguir ir, pode remarcar?', 'vou faltar amanha, remarca por favor'])(
    '"%s" on the appointment’s day: moved, and the new day asked (that day never searched)',
    async (message) => {
      const world = new FakeWorld(c);
      world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
      const turn = await dialogue(world).say(message);
      expect(turn.reply).toBe('Olá, Maria! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00. Para quando você quer remarcar?');
      expect(turn.state).toBe('collecting');
      expect(world.searches).toHaveLength(0);
    },
  );

  it('"não vou conseguir ir hoje, dá pra remarcar?" with the appointment tomorrow: which one asked, then the new day (today never offered)', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const d = dialogue(world);
    const which = await d.say('nao vou conseguir ir hoje, da pra remarcar?');
    expect(which.reply).toContain('Não encontrei uma consulta sua com esses dados. Você tem consulta de Cardiologia com Dra. Ana Souza na quarta, 25/11, às 09:00.');
    expect(which.state).toBe('choosing_appointment');
    const when = await d.say('sim');
    expect(when.reply).toBe('Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00. Para quando você quer remarcar?');
    expect(world.searches).toHaveLength(0);
  });

  it('"não posso ir amanhã, pode ser sexta?": a move to Friday, not a cancel', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const offer = await dialogue(world).say('nao posso ir amanha, pode ser sexta?');
    expect(offer.reply).toContain('Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00.');
    expect(offer.state).toBe('offering');
    expect(offer.options.length).toBeGreaterThan(0);
    expect(offer.options.every((o) => o.date === '2026-11-27')).toBe(true);
  });
});

describe('a missed appointment asked to move', () => {
  const ASK = 'nao consegui ir na consulta de hoje, posso remarcar pra amanha?';

  it('still requested (its time passed today): that appointment is moved to tomorrow, with no blame, and nothing else booked', async () => {
    const world = new FakeWorld(c);
    const missed = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const other = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    const offer = await d.say(ASK);
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain('Sem problemas, isso acontece! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de terça, 24/11, às 08:00.');
    expect(offer.options.every((o) => o.date === '2026-11-25' && o.provider_name === 'Dra. Ana Souza')).toBe(true);
    await d.say('1');
    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(missed.date).toBe('2026-11-25');
    expect(other).toMatchObject({ date: '2026-11-27', status: 'requested' });
    expect(world.bookings).toBe(0);
  });

  it('"nao consegui ir na consulta hj, da pra remarcar?": the day said is the one missed, so the new time is asked, not searched that day', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const d = dialogue(world);
    const turn = await d.say('nao consegui ir na consulta hj, da pra remarcar?');
    expect(turn).toMatchObject({
      state: 'collecting',
      reply: expect.stringContaining(
        'Sem problemas, isso acontece! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de terça, 24/11, às 08:00. Para quando você quer remarcar?',
      ),
    });
    expect(turn.reply).not.toContain('Não encontrei');
  });

  it.each([
    ['nao consegui ir hoje, da pra remarcar pra amanha?', '2026-11-25'],
    ['não fui hoje, posso remarcar pra amanhã?', '2026-11-25'],
  ])('"%s" (no word for the appointment): the one missed today moved, to the day asked', async (message, day) => {
    const world = new FakeWorld(c);
    const missed = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const d = dialogue(world);
    const offer = await d.say(message);
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain('Sem problemas, isso acontece! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de terça, 24/11, às 08:00.');
    expect(offer.options.length).toBeGreaterThan(0);
    expect(offer.options.every((o) => o.date === day && o.provider_name === 'Dra. Ana Souza')).toBe(true);
    await d.say('1');
    expect((await d.say('sim')).state).toBe('done');
    expect(missed.date).toBe(day);
    expect(world.bookings).toBe(0);
  });

  it('"…pra hoje a tarde": today said after "pra" is the new day, searched', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const d = dialogue(world);
    const offer = await d.say('nao consegui ir hoje de manha, da pra remarcar pra hoje a tarde?');
    expect(offer.reply).toContain('Sem problemas, isso acontece! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de terça, 24/11, às 08:00.');
    expect(offer.reply).toContain('Não encontrei horários com Dra. Ana Souza hoje (ter, 24/11) à tarde.');
  });

  it('marked no-show: said plainly that it cannot be moved, and a new one with the same doctor booked tomorrow; the no-show stays', async () => {
    const world = new FakeWorld(c);
    const missed = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00', status: 'no_show' });
    const d = dialogue(world);
    const offer = await d.say(ASK);
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain(
      'Sem problemas, isso acontece! Sua consulta de terça, 24/11, às 08:00, já foi encerrada na agenda e não pode mais ser remarcada; vou marcar uma nova para você.',
    );
    expect(offer.reply).not.toContain('Não encontrei');
    expect(offer.options.every((o) => o.date === '2026-11-25' && o.provider_name === 'Dra. Ana Souza')).toBe(true);
    await d.say('1');
    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(world.bookings).toBe(1);
    expect(missed).toMatchObject({ status: 'no_show', date: '2026-11-24' });
  });
});

describe('a missed appointment told, no move asked', () => {
  it('"faltei na consulta de hoje": that appointment moved with no blame, to the day then asked; nothing else booked', async () => {
    const world = new FakeWorld(c);
    const missed = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const other = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    const told = await d.say('faltei na consulta de hoje, desculpa');
    expect(told).toMatchObject({
      state: 'collecting',
      reply: expect.stringContaining(
        'Sem problemas, isso acontece! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de terça, 24/11, às 08:00. Para quando você quer remarcar?',
      ),
    });
    const offer = await d.say('amanha');
    expect(offer.options.every((o) => o.date === '2026-11-25' && o.provider_name === 'Dra. Ana Souza')).toBe(true);
    await d.say('1');
    expect((await d.say('sim')).state).toBe('done');
    expect(missed.date).toBe('2026-11-25');
    expect(other).toMatchObject({ date: '2026-11-27', status: 'requested' });
    expect(world.bookings).toBe(0);
  });

  it('"perdi minha consulta ontem", marked no-show: said it cannot be moved, and a new one with the same doctor asked when', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-23', time: '08:00', status: 'no_show' });
    const told = await dialogue(world).say('perdi minha consulta ontem');
    expect(told.reply).toContain('Sem problemas, isso acontece! Sua consulta de segunda, 23/11, às 08:00, já foi encerrada na agenda e não pode mais ser remarcada; vou marcar uma nova para você.');
    expect(told.reply).not.toContain('Com qual especialidade');
  });

  it('two that have begun: which one asked, then that one moved with no blame', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-23', time: '15:00' });
    const missed = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const d = dialogue(world);
    const told = await d.say('faltei na consulta');
    expect(told.state).toBe('choosing_appointment');
    expect(told.reply).toMatch(/1\) seg, 23\/11 às 15:00 .*\n2\) ter, 24\/11 às 08:00 .*\nQual delas você quer remarcar\?$/s);
    const picked = await d.say('a de hoje');
    expect(picked.reply).toContain('Sem problemas, isso acontece! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de terça, 24/11, às 08:00.');
    expect(missed.status).toBe('requested');
  });

  it('none that has begun (only one still to come): a new time offered as before, the one to come left alone', async () => {
    const world = new FakeWorld(c);
    const upcoming = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const told = await dialogue(world).say('perdi minha consulta ontem');
    expect(told).toMatchObject({ state: 'collecting', reply: expect.stringContaining('Sem problemas, isso acontece! Posso marcar um novo horário para você. Com qual especialidade ou profissional?') });
    expect(told.reply).not.toContain('Não encontrei');
    expect(upcoming).toMatchObject({ date: '2026-11-27', status: 'requested' });
  });

  it('another doctor named than the one missed with: a new time with the one named, not a change of doctor', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-24', time: '08:00' });
    const told = await dialogue(world).say('perdi minha consulta com o dr rui hoje');
    expect(told).toMatchObject({ state: 'collecting', reply: expect.stringContaining('Sem problemas, isso acontece! Posso marcar um novo horário para você. Para quando você prefere?') });
    expect(told.reply).not.toContain('não atende');
  });
});

describe('confirm (the reply to a reminder)', () => {
  it('"confirmo" confirms the one appointment waiting for confirmation', async () => {
    const world = new FakeWorld(c);
    const confirmed = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-25', time: '15:00', status: 'confirmed' });
    const next = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-26', time: '09:00' });
    const d = dialogue(world);
    const turn = await d.say('confirmo');
    expect(turn).toMatchObject({
      state: 'done',
      reply: 'Olá, Maria! Obrigado! Sua presença na consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00 está confirmada. Posso ajudar em mais alguma coisa?',
    });
    expect([confirmed.status, next.status]).toEqual(['confirmed', 'confirmed']);
  });

  it('"confirmo" with two waiting for confirmation asks which, instead of confirming the first silently', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-25', time: '15:00', status: 'confirmed' });
    const next = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-26', time: '09:00' });
    const later = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-12-02', time: '09:00' });
    const d = dialogue(world);
    const ask = await d.say('confirmo');
    expect(ask).toMatchObject({
      state: 'choosing_appointment',
      reply:
        'Olá, Maria! Você tem estas consultas aguardando confirmação:\n' +
        '1) qui, 26/11 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro\n' +
        '2) qua, 02/12 às 09:00 — consulta de Cardiologia com Dra. Ana Souza, Unidade Centro\n' +
        'Qual delas você quer confirmar?',
    });
    expect([next.status, later.status]).toEqual(['requested', 'requested']);
    const done = await d.say('a segunda');
    expect(done).toMatchObject({
      state: 'done',
      reply: 'Obrigado! Sua presença na consulta de Cardiologia com Dra. Ana Souza na quarta, 02/12, às 09:00 está confirmada. Posso ajudar em mais alguma coisa?',
    });
    expect([next.status, later.status]).toEqual(['requested', 'confirmed']);
  });

  it('"sim" out of the blue asks before confirming', async () => {
    const world = new FakeWorld(c);
    const next = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-26', time: '09:00' });
    const d = dialogue(world);
    const ask = await d.say('sim');
    expect(ask).toMatchObject({
      state: 'confirming_appointment',
      reply: 'Olá, Maria! Quer confirmar sua presença na consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00?',
    });
    expect(next.status).toBe('requested');
    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(next.status).toBe('confirmed');
  });

  it('with nothing to confirm, says so', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('confirmo minha presença');
    expect(turn).toMatchObject({ state: 'done', reply: 'Olá, Maria! Não encontrei consulta aguardando confirmação. Posso ajudar em mais alguma coisa?' });
  });
});
