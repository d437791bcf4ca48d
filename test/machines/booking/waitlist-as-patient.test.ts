/**
 * The waitlist held as a patient holds it: the short acknowledgements after joining ("então me avisa", "fico no
 * aguardo"), and a question about another day while the free times of a waitlist request are on offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const NOT_UNDERSTOOD = 'não entendi';

describe('acknowledging the waitlist', () => {
  async function joined(world: FakeWorld) {
    world.fullyBooked.add('Dra. Ana Souza');
    world.fullyBooked.add('Dr. Paulo Lima');
    const d = dialogue(world);
    await d.say('me coloca na lista de espera da cardio pra amanha de manha');
    return d;
  }

  it.each(['entao me avisa', 'então me avisa', 'ta bom, aguardo', 'fico no aguardo', 'valeu, espero então', 'ok, me avisem por favor', 'blz, vou aguardar'])(
    '"%s" right after joining: we will let them know, no strike, nothing written',
    async (message) => {
      const world = new FakeWorld(c);
      const d = await joined(world);
      expect(world.waitlist).toHaveLength(1);
      const turn = await d.say(message);
      expect(turn.reply).toBe('Combinado! Aviso assim que abrir um horário.');
      expect(turn.state).toBe('idle');
      expect(turn.reply).not.toContain(NOT_UNDERSTOOD);
      expect(world.waitlist).toHaveLength(1);
      expect(world.handoffs).toEqual([]);
    },
  );

  it('three of them in a row never hand off', async () => {
    const world = new FakeWorld(c);
    const d = await joined(world);
    for (const message of ['entao me avisa', 'fico no aguardo', 'ok aguardo']) expect((await d.say(message)).state).not.toBe('handoff');
    expect(world.handoffs).toEqual([]);
  });

  it('after a booking or a cancel, "ta bom, aguardo" closes the exchange as "ok" does', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    const d = dialogue(world);
    await d.say('quero desmarcar minha consulta');
    expect((await d.say('sim')).reply).toContain('Desmarcada');
    const turn = await d.say('ta bom, aguardo');
    expect(turn).toMatchObject({ state: 'idle', reply: 'Tudo bem! Se precisar, é só chamar.' });

    const other = dialogue(new FakeWorld(c));
    await other.say('cardio quarta a tarde');
    await other.say('1');
    expect((await other.say('sim')).reply).toMatch(/^Pronto, está marcado!/);
    expect((await other.say('fico no aguardo')).reply).toBe('Tudo bem! Se precisar, é só chamar.');
  });

  it('"então me avisa" to "Quer entrar na lista de espera?" is a yes: it joins', async () => {
    const world = new FakeWorld(c);
    world.fullyBooked.add('Dra. Ana Souza');
    world.fullyBooked.add('Dr. Paulo Lima');
    const d = dialogue(world);
    expect((await d.say('quero marcar cardiologia amanha de manha')).state).toBe('waitlist_offered');
    const turn = await d.say('entao me avisa');
    expect(turn.reply).toMatch(/^Pronto! Você está na lista de espera de Cardiologia/);
    expect(world.waitlist).toHaveLength(1);
  });

  it('"ok, fico no aguardo" to the free times of a waitlist request ("Se nenhum servir, coloco você na lista de espera."): it joins', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    expect((await d.say('me coloca na lista de espera pra cardio semana que vem de manha')).state).toBe('offering');
    const turn = await d.say('ok, fico no aguardo');
    expect(turn.reply).toMatch(/^Pronto! Você está na lista de espera de Cardiologia/);
    expect(world.waitlist).toHaveLength(1);
  });
});

describe('a question about another day while the free times of a waitlist request are on offer', () => {
  /** every time Dr. Rui Alves (the only dermatologist) has on `date` taken by others */
  function dayTaken(world: FakeWorld, date: string) {
    const rui = world.provider('Dr. Rui Alves');
    const type = c.types.get('Consulta')!;
    const facts = { specialty: 'Dermatologia', provider_ids: [], provider_name: null, exclude_provider_ids: [], appointment_type_id: type.id, location_id: null, date_from: date, date_to: date, dates: null, any_date: false, period: null, time: null, time_from: null, time_to: null, refused_periods: [], day_periods: null };
    for (const s of world.search(facts, 100, [], '2026-11-24T00:00:00.000Z')) world.busy.add(`${rui.id}@${s.start_at}`);
  }

  async function offeredToday(world: FakeWorld) {
    const d = dialogue(world);
    await d.say('quero entrar na lista de espera da dermato');
    const offer = await d.say('qualquer dia');
    expect(offer.state).toBe('offering');
    expect(offer.reply).toContain('Se nenhum servir, coloco você na lista de espera.');
    expect(offer.options.every((o) => o.date === '2026-11-24')).toBe(true);
    return d;
  }

  it('"tem vaga pra dermato amanha?" with no time tomorrow: answered, and joining tomorrow’s waitlist asked, not done', async () => {
    const world = new FakeWorld(c);
    dayTaken(world, '2026-11-25');
    const d = await offeredToday(world);
    const turn = await d.say('tem vaga pra dermato amanha?');
    expect(turn).toMatchObject({
      state: 'waitlist_offered',
      reply: 'Não há horários livres de Dermatologia para amanhã (qua, 25/11). Quer que eu coloque você na lista de espera para amanhã (qua, 25/11)?',
    });
    expect(world.waitlist).toHaveLength(0);
    const joined = await d.say('sim');
    expect(joined.reply).toMatch(/^Pronto! Você está na lista de espera de Dermatologia para amanhã \(qua, 25\/11\), na posição 1\./);
    expect(world.waitlist).toEqual([expect.objectContaining({ specialty: 'Dermatologia', date_from: '2026-11-25', date_to: '2026-11-25' })]);
  });

  it('"não" then writes nothing', async () => {
    const world = new FakeWorld(c);
    dayTaken(world, '2026-11-25');
    const d = await offeredToday(world);
    await d.say('e amanha, tem?');
    expect((await d.say('nao')).state).toBe('done');
    expect(world.waitlist).toHaveLength(0);
  });

  it('with times tomorrow: they are offered, and the waitlist still if none suits', async () => {
    const world = new FakeWorld(c);
    const d = await offeredToday(world);
    const turn = await d.say('tem vaga pra dermato amanha?');
    expect(turn.state).toBe('offering');
    expect(turn.options.length).toBeGreaterThan(0);
    expect(turn.options.every((o) => o.date === '2026-11-25')).toBe(true);
    expect(turn.reply).toContain('Se nenhum servir, coloco você na lista de espera.');
    expect(world.waitlist).toHaveLength(0);
  });
});

describe('cancelling one of several appointments', () => {
  it.each(['nenhuma, deixa', 'nenhuma', 'nenhum deles'])('"%s" to which one to cancel: none is, both stay', async (message) => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-30', time: '15:00' });
    const d = dialogue(world);
    expect((await d.say('quero cancelar')).state).toBe('choosing_appointment');
    const turn = await d.say(message);
    expect(turn.state).toBe('done');
    expect(turn.reply).not.toContain('não entendi');
    expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'requested']);
  });
});

/** Cardiology with Dra. Ana (Fri 27/11), dermatology with Dr. Rui (Mon 30/11), and one with Dr. Marcos (Tue 01/12). */
function threeAppointments(world: FakeWorld) {
  world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
  world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-30', time: '15:00' });
  world.addAppointment({ provider: 'Dr. Marcos Pereira', date: '2026-12-01', time: '08:00' });
}

describe('two appointments named by their specialties', () => {
  it.each(['desmarca a de cardio e a de dermato', 'cancelar a consulta de cardiologia e a de dermatologia'])('"%s": both asked about at once and cancelled, the third kept', async (message) => {
    const world = new FakeWorld(c);
    threeAppointments(world);
    const d = dialogue(world);
    const asked = await d.say(message);
    expect(asked.state).toBe('confirming_cancel');
    expect(asked.reply).toContain('Desmarco as duas?');
    expect(asked.reply).toContain('Dra. Ana Souza');
    expect(asked.reply).toContain('Dr. Rui Alves');
    expect(asked.reply).not.toContain('Dr. Marcos Pereira');
    await d.say('pode');
    expect(world.appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled', 'requested']);
  });

  it('"confirmo a de cardio e a de dermato": both confirmed, the third not', async () => {
    const world = new FakeWorld(c);
    threeAppointments(world);
    const d = dialogue(world);
    const turn = await d.say('confirmo a de cardio e a de dermato');
    expect(turn.reply).toContain('As duas consultas estão confirmadas');
    expect(world.appointments.map((a) => a.status)).toEqual(['confirmed', 'confirmed', 'requested']);
  });
});

describe('two appointments named by their providers', () => {
  it.each(['cancela a da dra ana e a do dr rui', 'desmarca a consulta com a dra ana e a com o dr rui'])('"%s": both asked about at once and cancelled, the third kept', async (message) => {
    const world = new FakeWorld(c);
    threeAppointments(world);
    const d = dialogue(world);
    const asked = await d.say(message);
    expect(asked.state).toBe('confirming_cancel');
    expect(asked.reply).toContain('Desmarco as duas?');
    expect(asked.reply).toContain('Dra. Ana Souza');
    expect(asked.reply).toContain('Dr. Rui Alves');
    expect(asked.reply).not.toContain('Dr. Marcos Pereira');
    await d.say('pode');
    expect(world.appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled', 'requested']);
  });

  it('"confirmo a da dra ana e a do dr rui": both confirmed, the third not', async () => {
    const world = new FakeWorld(c);
    threeAppointments(world);
    const turn = await dialogue(world).say('confirmo a da dra ana e a do dr rui');
    expect(turn.reply).toContain('As duas consultas estão confirmadas');
    expect(world.appointments.map((a) => a.status)).toEqual(['confirmed', 'confirmed', 'requested']);
  });
});

describe('two specialties named, one of them with no appointment', () => {
  it('"desmarca a de cardio e a de ortopedia" with no Ortopedia one: said, and only the Cardiologia one asked about', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-30', time: '15:00' });
    const turn = await dialogue(world).say('desmarca a de cardio e a de ortopedia');
    expect(turn.reply).toContain('Não encontrei consulta sua de Ortopedia.');
    expect(turn.reply).toContain('Dra. Ana Souza');
    expect(world.appointments.map((a) => a.status)).toEqual(['requested', 'requested']);
  });
});

describe('a cancel and the waitlist asked in one message', () => {
  it.each(['cancela a de sexta e me coloca na lista de espera pra semana que vem', 'nao vou poder ir sexta, me coloca na lista de espera pra semana que vem'])(
    '"%s": the cancel asked first, then the waitlist request goes on (neither is lost)',
    async (message) => {
      const world = new FakeWorld(c);
      world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-27', time: '09:00' });
      const d = dialogue(world);
      const asked = await d.say(message);
      expect(asked.state).toBe('confirming_cancel');
      expect(asked.reply).toContain('Dra. Ana Souza na sexta, 27/11, às 09:00. Desmarco?');
      const turn = await d.say('sim');
      expect(turn.reply).toMatch(/^Desmarcada\./);
      expect(turn.reply).toContain('lista de espera');
      expect(world.appointments[0]!.status).toBe('cancelled');
    },
  );
});

describe('changing one’s mind at "Desmarco?"', () => {
  it.each(['nao, deixa quieto', 'pensando bem, nao cancela nao', 'deixa assim', 'na verdade nao, pode deixar'])('"%s": the appointment stays, no strike', async (message) => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-26', time: '09:00' });
    const d = dialogue(world);
    expect((await d.say('desmarcar minha consulta')).state).toBe('confirming_cancel');
    const turn = await d.say(message);
    expect(turn).toMatchObject({ state: 'done', reply: 'Tudo bem, sua consulta continua marcada. Posso ajudar em mais alguma coisa?' });
    expect(world.appointments[0]!.status).toBe('requested');
  });
});

describe('confirming or cancelling an appointment said to be a relative’s', () => {
  it('"confirmo a consulta da minha filha": only the patient’s own record is seen, so it is asked, not confirmed at once', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-26', time: '09:00' });
    const d = dialogue(world);
    const asked = await d.say('confirmo a consulta da minha filha');
    expect(asked.state).toBe('confirming_appointment');
    expect(asked.reply).toBe(
      'Olá, Maria! Aqui vejo só as consultas do seu cadastro. Quer confirmar sua presença na consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00?',
    );
    expect(world.appointments[0]!.status).toBe('requested');
    await d.say('sim');
    expect(world.appointments[0]!.status).toBe('confirmed');
  });

  it('"quero cancelar a consulta do meu filho": said before "Desmarco?"', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-26', time: '09:00' });
    const asked = await dialogue(world).say('quero cancelar a consulta do meu filho');
    expect(asked.reply).toBe('Olá, Maria! Aqui vejo só as consultas do seu cadastro. Você tem consulta de Cardiologia com Dra. Ana Souza na quinta, 26/11, às 09:00. Desmarco?');
  });
});

describe('"e a outra também" right after confirming or cancelling one', () => {
  function two(world: FakeWorld) {
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-30', time: '15:00' });
  }

  it.each(['e a outra tambem', 'a outra tbm', 'confirma a outra também'])('after a confirmation, "%s" confirms the other one', async (message) => {
    const world = new FakeWorld(c);
    two(world);
    const d = dialogue(world);
    await d.say('confirmo a de amanha');
    expect(world.appointments.map((a) => a.status)).toEqual(['confirmed', 'requested']);
    const turn = await d.say(message);
    expect(turn.reply).toContain('Sua presença na consulta de Dermatologia com Dr. Rui Alves na segunda, 30/11, às 15:00 está confirmada');
    expect(world.appointments.map((a) => a.status)).toEqual(['confirmed', 'confirmed']);
  });

  it('after a cancel, "e a outra tambem" asks whether to cancel the other one (nothing written before the yes)', async () => {
    const world = new FakeWorld(c);
    two(world);
    const d = dialogue(world);
    await d.say('cancela a de amanha');
    await d.say('sim');
    const turn = await d.say('e a outra tambem');
    expect(turn).toMatchObject({ state: 'confirming_cancel', reply: 'Você tem consulta de Dermatologia com Dr. Rui Alves na segunda, 30/11, às 15:00. Desmarco?' });
    expect(world.appointments.map((a) => a.status)).toEqual(['cancelled', 'requested']);
    await d.say('sim');
    expect(world.appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('the waitlist asked for as patients type it', () => {
  it('"me coloca na lista" to the times of a booking: the same request goes to the waitlist', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    const turn = await d.say('me coloca na lista');
    expect(turn.reply).toMatch(/^Pronto! Você está na lista de espera de Cardiologia/);
    expect(world.waitlist).toEqual([expect.objectContaining({ specialty: 'Cardiologia', date_from: '2026-11-25', period: 'tarde' })]);
  });

  it('"se vagar algum horario de dermato essa semana me avisa": the free times that fit first, and the waitlist if none suits', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('se vagar algum horario de dermato essa semana me avisa');
    expect(offer.reply).toContain('Se nenhum servir, coloco você na lista de espera.');
    const joined = await d.say('nenhum');
    expect(joined.reply).toMatch(/^Pronto! Você está na lista de espera de Dermatologia/);
    expect(world.waitlist).toHaveLength(1);
  });
});

describe('not going, and another day asked', () => {
  it('"nao vou conseguir ir amanha, tem outro dia?": a move of that appointment, its own day not offered again; nothing cancelled', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const turn = await dialogue(world).say('nao vou conseguir ir amanha, tem outro dia?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toBe('Olá, Maria! Vamos remarcar sua consulta de Cardiologia com Dra. Ana Souza de quarta, 25/11, às 09:00. Para quando você quer remarcar?');
    expect(world.appointments[0]!.status).toBe('requested');
  });
});

describe('"sim" to "Desmarco?" with a waitlist request after it', () => {
  it('"sim, e me coloca na lista de espera da dra ana pra semana que vem": cancelled first, then the waitlist request', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const d = dialogue(world);
    expect((await d.say('cancela a de amanha')).state).toBe('confirming_cancel');
    const turn = await d.say('sim, e me coloca na lista de espera da dra ana pra semana que vem');
    expect(world.appointments[0]!.status).toBe('cancelled');
    expect(turn.reply).toMatch(/^Desmarcada\./);
    expect(turn.reply).toContain('lista de espera');
  });
});

describe('the waitlist asked right after a cancel', () => {
  it('"me coloca na lista de espera" to "Quer marcar outro horário?": the waitlist of the appointment cancelled, its specialty not asked again', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const d = dialogue(world);
    await d.say('cancela a de amanha');
    expect((await d.say('sim')).reply).toBe('Desmarcada. Quer marcar outro horário?');
    const turn = await d.say('me coloca na lista de espera');
    expect(turn).toMatchObject({ state: 'collecting', reply: 'Claro, posso colocar você na lista de espera. Para quando você prefere?' });
    await d.say('semana que vem de manha');
    await d.say('nenhum');
    expect(world.waitlist).toEqual([expect.objectContaining({ provider_ids: [world.provider('Dra. Ana Souza').id], date_from: '2026-11-30', period: 'manha' })]);
  });
});

describe('a freed time offered by message, taken by its day', () => {
  function offered(world: FakeWorld) {
    // Thursday 26/11
    world.offerFreedTime({ provider: 'Dr. Paulo Lima', date: '2026-11-26', time: '09:00', offeredAt: '2026-11-24T11:00:00.000Z' });
  }

  it.each(['quero a vaga de quinta', 'pode ser essa de quinta', 'quero a vaga do dia 26'])('"%s" takes it', async (message) => {
    const world = new FakeWorld(c);
    offered(world);
    const turn = await dialogue(world).say(message);
    expect(turn.reply).toContain('reservei para você: consulta de Cardiologia com Dr. Paulo Lima na quinta, 26/11, às 09:00');
    expect(world.waitlistOffers[0]!.status).toBe('booked');
  });

  it('another day named ("quero a vaga de sexta") takes nothing', async () => {
    const world = new FakeWorld(c);
    offered(world);
    await dialogue(world).say('quero a vaga de sexta');
    expect(world.waitlistOffers[0]!.status).toBe('standing');
    expect(world.appointments).toHaveLength(0);
  });
});

describe('the waitlist for days with no hours at all', () => {
  it('"me coloca na lista de espera da cardio pra domingo": no Cardiologia on Sundays, so no entry that could never be served; another day asked', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('me coloca na lista de espera da cardio pra domingo');
    expect(turn).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Não há atendimento de Cardiologia no domingo, 29/11. Para quando você prefere?' });
    expect(world.waitlist).toHaveLength(0);
    world.fullyBooked.add('Dra. Ana Souza');
    world.fullyBooked.add('Dr. Paulo Lima');
    const joined = await d.say('segunda de manha');
    expect(joined.reply).toMatch(/^Pronto! Você está na lista de espera de Cardiologia para a segunda, 30\/11, de manhã/);
    expect(world.waitlist).toHaveLength(1);
  });

  it('the day said next is searched first: its free times are offered before the waitlist', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('me coloca na lista de espera da cardio pra domingo');
    const turn = await d.say('segunda de manha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Se nenhum servir, coloco você na lista de espera.');
    expect(turn.options.every((o) => o.date === '2026-11-30')).toBe(true);
    expect(world.waitlist).toHaveLength(0);
  });

  it('a day with hours is joined as before', async () => {
    const world = new FakeWorld(c);
    world.fullyBooked.add('Dra. Ana Souza');
    world.fullyBooked.add('Dr. Paulo Lima');
    const turn = await dialogue(world).say('me coloca na lista de espera da cardio pra sabado');
    expect(turn.reply).toMatch(/Pronto! Você está na lista de espera de Cardiologia para o sábado, 28\/11/);
    expect(world.waitlist).toHaveLength(1);
  });
});
