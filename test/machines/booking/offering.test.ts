/**
 * Offering and confirming: every way to pick an option, "tem mais tarde?", "mais cedo?", "outro dia",
 * "outros horários?", "nenhum", yes and no to the confirmation, and corrections on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

/** Wednesday 25/11 afternoon: Dra. Ana Souza at Savassi, 14:00, 14:30, 15:00. */
async function afternoonOffer() {
  const world = new FakeWorld(c);
  const d = dialogue(world);
  const offer = await d.say('cardio quarta a tarde');
  expect(offer.state).toBe('offering');
  expect(offer.options.map((o) => o.start_time)).toEqual(['14:00', '14:30', '15:00']);
  return { world, d, offer };
}

describe('picking an option', () => {
  it.each([
    ['2', 1],
    ['a segunda', 1],
    ['pode ser a primeira', 0],
    ['a primeira, por favor', 0],
    ['quero a 3', 2],
    ['opção 3', 2],
    ['a última', 2],
    ['a das 14h', 0],
    ['14:00', 0],
    ['14h30', 1],
    ['as 15', 2],
    ['fico com a das 15h', 2],
    ['3️⃣', 2],
  ])('"%s" picks option %i', async (text, index) => {
    const { d, offer } = await afternoonOffer();
    const turn = await d.say(text);
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toContain(`às ${offer.options[index]!.start_time}, na Unidade Savassi`);
  });

  it('"sim" picks the only option on offer', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    // Dra. Ana at Savassi on Wednesday: 17:30 is the last start of the day
    const offer = await d.say('cardio quarta depois das 17:30');
    expect(offer.options.map((o) => o.start_time)).toEqual(['17:30']);
    const turn = await d.say('sim');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toContain('às 17:30');
  });

  it('a number beyond the options is not a pick', async () => {
    const { d } = await afternoonOffer();
    const turn = await d.say('7');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toBe('Desculpe, não entendi. Qual prefere?');
  });
});

describe('picking an option by its details', () => {
  /** Cardiologia next week, spread over the days: Dra. Ana Souza at 08:00 on Monday, Tuesday and Wednesday. */
  async function nextWeekOffer(first = 'quero marcar cardiologia semana que vem') {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say(first);
    expect(offer.state).toBe('offering');
    expect(offer.options.map((o) => `${o.date} ${o.start_time}`)).toEqual(['2026-11-30 08:00', '2026-12-01 08:00', '2026-12-02 08:00']);
    return { world, d };
  }

  it.each(['a de terca as 8 com a dra ana', 'a de terça às 8h', 'terca as 8 com a dra ana', 'a do dia 1 as 8'])(
    '"%s" picks the one option it describes, not a new search of that day',
    async (text) => {
      const { world, d } = await nextWeekOffer();
      const searches = world.searches.length;
      const turn = await d.say(text);
      expect(turn.state).toBe('confirming');
      expect(turn.reply).toBe(
        'Confirma consulta de Cardiologia com Dra. Ana Souza na terça, 01/12, às 08:00, na Unidade Centro (Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG)?',
      );
      expect(world.searches.length).toBe(searches);
    },
  );

  it('a move: "a de terça às 13 com o dr rui" picks that option', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    const offer = await d.say('quero remarcar pra semana que vem');
    expect(offer.options.map((o) => o.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    const turn = await d.say('a de terca as 13 com o dr rui');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toMatch(/^Confirma a mudança da sua consulta de Dermatologia com Dr\. Rui Alves de sexta, 27\/11, às 15:00, para terça, 01\/12, às 13:00/);
  });

  it.each([
    // no option that day at that time, or with that doctor: searched as before
    ['a de quinta as 8', 'quinta'],
    ['a de terca as 8 com o dr paulo', 'terça'],
    // the three options are all at 08:00 with her: several match, none is picked
    ['a das 8 com a dra ana', null],
    // a no may refuse what it describes
    ['nao quero a de terca as 8', 'terça'],
  ])('"%s" matches no single option: a new search, as before', async (text, day) => {
    const { world, d } = await nextWeekOffer();
    const searches = world.searches.length;
    const turn = await d.say(text);
    expect(turn.state).toBe('offering');
    expect(world.searches.length).toBeGreaterThan(searches);
    if (day) expect(turn.reply).toContain(`na ${day}`);
  });
});

describe('asking for other times', () => {
  it('"tem mais tarde?" searches the same day after the latest option', async () => {
    const { world, d } = await afternoonOffer();
    const turn = await d.say('tem mais tarde?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Tenho estes horários mais tarde amanhã \(qua, 25\/11\):/);
    expect(turn.options.map((o) => o.start_time)).toEqual(['15:30', '16:00', '16:30']);
    expect(world.searches.at(-1)!.facts).toMatchObject({ date_from: '2026-11-25', date_to: '2026-11-25', time_from: '15:00', period: null });
  });

  it('"mais cedo?" searches the same day before the earliest option', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta 10h');
    const turn = await d.say('mais cedo?');
    expect(turn.state).toBe('offering');
    expect(turn.options.length).toBeGreaterThan(0);
    const earliest = world.searches[0]!;
    expect(turn.options.every((o) => o.date === '2026-11-25' && o.start_time < '09:30')).toBe(true);
    expect(earliest.facts.time).toBe('10:00');
  });

  it('"outro dia" looks at the days after those on offer', async () => {
    const { d } = await afternoonOffer();
    const turn = await d.say('outro dia');
    expect(turn.state).toBe('offering');
    expect(turn.options.every((o) => o.date > '2026-11-25' && o.start_time >= '12:00')).toBe(true);
    expect(turn.reply).toContain('à tarde');
  });

  it('"tem outros horários?" offers times not on offer yet', async () => {
    const { d, offer } = await afternoonOffer();
    const turn = await d.say('tem outros horarios?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Tenho também estes horários/);
    const before = new Set(offer.options.map((o) => o.start_at));
    expect(turn.options.some((o) => before.has(o.start_at))).toBe(false);
  });

  it('"mais tarde" with nothing later keeps the options and says so', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('cardio quarta as 17h');
    expect(offer.options.map((o) => o.start_time)).toContain('17:30');
    const turn = await d.say('mais tarde');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toBe('Não tenho horários mais tarde que esses. Qual prefere?');
    expect(turn.options).toEqual(offer.options);
  });

  it('"nenhum" asks what to change and keeps the options', async () => {
    const { d, offer } = await afternoonOffer();
    const turn = await d.say('nenhum desses');
    expect(turn).toMatchObject({ state: 'offering', reply: 'Tudo bem. Prefere outro dia, outro período ou outro profissional?' });
    expect(turn.options).toEqual(offer.options);
    const thursday = await d.say('quinta');
    expect(thursday.state).toBe('offering');
    expect(thursday.options.every((o) => o.date === '2026-11-26' && o.start_time >= '12:00')).toBe(true);
  });

  it('after "nenhum", "segunda" is Monday, not the second option; a number still picks', async () => {
    const { d } = await afternoonOffer();
    await d.say('nenhum');
    const monday = await d.say('segunda');
    expect(monday.state).toBe('offering');
    expect(monday.options.length).toBeGreaterThan(0);
    expect(monday.options.every((o) => o.date === '2026-11-30' && o.start_time >= '12:00')).toBe(true);

    for (const pick of ['o 2', 'a segunda', 'segunda opção']) {
      const again = await afternoonOffer();
      await again.d.say('nenhum');
      const second = await again.d.say(pick);
      expect(second.state, pick).toBe('confirming');
      expect(second.reply).toContain(again.offer.options[1]!.start_time);
    }
  });

  it('a correction while offering changes the provider only ("com o dr paulo")', async () => {
    const { world, d } = await afternoonOffer();
    const searched = world.searches.length;
    const turn = await d.say('com o dr paulo');
    expect(turn.state).toBe('offering');
    // Dr. Paulo works no Wednesday afternoon (the day asked): said, and the afternoon left out for that day with him
    expect(turn.reply).toMatch(/^Dr\. Paulo Lima não atende à tarde na quarta, 25\/11, só de manhã\. Tenho estes horários com Dr\. Paulo Lima amanhã \(qua, 25\/11\):/);
    const [before, after] = [world.searches[searched - 1]!.facts, world.searches[searched]!.facts];
    expect(after).toEqual({
      ...before,
      provider_ids: [c.providers.get('Dr. Paulo Lima')!.id],
      provider_name: 'Dr. Paulo Lima',
      period: null,
      time_from: null,
      time_to: null,
    });
  });
});

describe('confirming', () => {
  it.each(['sim', 'pode', 'isso', 'ok', '👍', 'confirmo', 'Sim, pode marcar', 'pode ser'])('"%s" books', async (yes) => {
    const { world, d, offer } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say(yes);
    expect(turn.state).toBe('done');
    expect(turn.appointmentId).not.toBeNull();
    expect(world.appointments).toHaveLength(1);
    expect(world.appointments[0]!.start_at).toBe(offer.options[0]!.start_at);
  });

  it('"não" goes back to the options without writing', async () => {
    const { world, d, offer } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say('não');
    expect(turn.state).toBe('offering');
    expect(turn.options).toEqual(offer.options);
    expect(turn.reply).toMatch(/^Sem problema\. Estes são os horários que tenho:\n1\) 14:00 com Dra\. Ana Souza — Unidade Savassi\n/);
    expect(world.bookings).toBe(0);
    const again = await d.say('2');
    expect(again.state).toBe('confirming');
    expect(again.reply).toContain('às 14:30');
  });

  it.each(['confirmadp', 'vo sim, confirmadissimo', 'confirmadíssimo', 'to confirmando sim'])('"%s" (a slip or emphasis) books', async (yes) => {
    const { world, d } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say(yes);
    expect(turn.state).toBe('done');
    expect(world.appointments).toHaveLength(1);
  });

  it.each(['nao confirmo', 'ainda nao sei se confirmo'])('"%s" books nothing; "nao confirmo" goes back to the options', async (text) => {
    const { world, d, offer } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say(text);
    expect(world.bookings).toBe(0);
    if (text === 'nao confirmo') {
      expect(turn.state).toBe('offering');
      expect(turn.options).toEqual(offer.options);
    } else expect(turn.state).toBe('confirming');
  });

  it.each(['ainda nao sei se confirmo', 'não sei ainda', 'vou pensar', 'deixa eu pensar'])('"%s" at the summary: no rush, the summary again, no strike; "sim" then books', async (text) => {
    const { world, d } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say(text);
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toMatch(/^Sem pressa! Quando decidir, é só me dizer\. Confirma consulta de Cardiologia com Dra\. Ana Souza na quarta, 25\/11, às 14:00/);
    expect(turn.reply).not.toContain('não entendi');
    expect(d.actor.getSnapshot().context.strikes).toBe(0);
    expect(world.bookings).toBe(0);
    expect((await d.say('sim')).state).toBe('done');
  });

  it('another number while confirming changes the pick', async () => {
    const { d } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say('a 3');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toContain('às 15:00');
  });

  it('a correction while confirming searches again ("na verdade prefiro quinta")', async () => {
    const { world, d } = await afternoonOffer();
    await d.say('1');
    const turn = await d.say('na verdade prefiro quinta');
    expect(turn.state).toBe('offering');
    expect(turn.options.every((o) => o.date === '2026-11-26' && o.start_time >= '12:00' && o.specialty === 'Cardiologia')).toBe(true);
    expect(world.bookings).toBe(0);
  });

  it('a write that fails keeps the confirmation open', async () => {
    const { world, d } = await afternoonOffer();
    await d.say('1');
    world.failing.add('book');
    const turn = await d.say('sim');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toMatch(/^Desculpe, não consegui concluir agora\. Confirma consulta de Cardiologia/);
    world.failing.delete('book');
    const done = await d.say('sim');
    expect(done.state).toBe('done');
    expect(world.appointments).toHaveLength(1);
  });
});

describe('picking a time from an earlier list', () => {
  /** Thursday 26/11 afternoon: Dr. Carlos Mendes at Savassi, 13:30, 14:00, 14:30; then "mais tarde": 15:00, 15:30, 16:00. */
  async function twoLists() {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say('orto quinta a tarde');
    expect(first.options.map((o) => o.start_time)).toEqual(['13:30', '14:00', '14:30']);
    const second = await d.say('tem mais tarde?');
    expect(second.options.map((o) => o.start_time)).toEqual(['15:00', '15:30', '16:00']);
    return { world, d };
  }

  it.each(['a das 13:30', 'pode ser a das 13:30 então', 'pode ser a das 13h30 entao', 'a das 13h30'])(
    '"%s" after another list picks the 13:30 offered before, to confirm',
    async (text) => {
      const { world, d } = await twoLists();
      const searches = world.searches.length;
      const turn = await d.say(text);
      expect(turn.state).toBe('confirming');
      expect(turn.reply).toBe(
        'Confirma consulta de Ortopedia com Dr. Carlos Mendes na quinta, 26/11, às 13:30, na Unidade Savassi (Rua Pernambuco, 1000 - Savassi, Belo Horizonte - MG)?',
      );
      // checked free on its day, around its time, once
      expect(world.searches.length).toBe(searches + 1);
      expect(world.searches.at(-1)!.facts).toMatchObject({ date_from: '2026-11-26', date_to: '2026-11-26', time: '13:30' });
      const done = await d.say('sim');
      expect(done.state).toBe('done');
      expect(world.appointments.map((a) => `${a.date} ${a.start_time}`)).toEqual(['2026-11-26 13:30']);
    },
  );

  it('picks it after a correction showed a morning list', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('orto quinta a tarde');
    const morning = await d.say('na verdade prefiro de manhã');
    expect(morning.options.every((o) => o.start_time < '12:00')).toBe(true);
    const turn = await d.say('a das 14h');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toContain('na quinta, 26/11, às 14:00, na Unidade Savassi');
  });

  it('a number still picks from the list on offer now', async () => {
    const { d } = await twoLists();
    const turn = await d.say('1');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toContain('às 15:00');
  });

  it('an earlier time taken since is said, and the nearest free times offered', async () => {
    const { world, d } = await twoLists();
    const carlos = world.provider('Dr. Carlos Mendes');
    const at = world.searched.get([...world.searched.keys()].find((k) => k.startsWith(carlos.id) && world.searched.get(k)!.start_time === '13:30')!)!;
    world.busy.add(`${carlos.id}@${at.start_at}`);
    const turn = await d.say('a das 13h30');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Desculpe, o horário das 13:30 não está mais livre\. Tenho estes horários de Ortopedia na quinta, 26\/11, à tarde:\n/);
    expect(turn.options.map((o) => o.start_time)).toEqual(['14:00', '14:30', '15:00']);
    expect(world.bookings).toBe(0);
  });
});

describe('the day shown asked for again', () => {
  it.each(['não tem sexta?', 'nao tem sexta?', 'e sexta?', 'tem sexta?', 'nao teria na sexta?'])(
    '"%s" to Friday’s times: these are Friday’s, which one asked again; the same options still pick',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const offer = await d.say('quero marcar cardio sexta');
      expect(offer.state).toBe('offering');
      const turn = await d.say(message);
      expect(turn.reply).toBe('Esses horários já são da sexta, 27/11. Qual prefere?');
      expect(turn.state).toBe('offering');
      expect(turn.options).toEqual(offer.options);
      expect((await d.say('2')).state).toBe('confirming');
    },
  );

  it('"não tem sábado?" to Friday’s times: Saturday searched', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio sexta');
    const turn = await d.say('não tem sábado?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('no sábado, 28/11');
  });

  it('"não tem sexta de tarde?" to Friday morning’s times: the afternoon asked, not refused', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio sexta');
    const turn = await d.say('não tem sexta de tarde?');
    expect(turn.reply).not.toContain('de manhã ou à noite');
    expect(turn.reply).toContain('à tarde');
  });
});

describe('"outro horário com a dra ana?" to times of two doctors', () => {
  it.each(['tem outro horario com a dra ana?', 'outros horarios com a dra ana', 'tem outro horario com ela?'])(
    '"%s": other times of hers only, not both doctors\' again',
    async (message) => {
      const d = dialogue(new FakeWorld(c));
      const offer = await d.say('cardio sexta');
      expect(new Set(offer.options.map((o) => o.provider_name))).toEqual(new Set(['Dra. Ana Souza', 'Dr. Paulo Lima']));
      const turn = await d.say(message);
      expect(turn.state).toBe('offering');
      expect(turn.options.length).toBeGreaterThan(0);
      expect(turn.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
    },
  );
});
