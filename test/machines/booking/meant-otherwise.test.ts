/**
 * Messages that carry booking words, a doctor's name or a day, but mean something else: whether one must book at all,
 * an online visit, an opinion of a doctor or talking to one, a lost item, a question about the patient's own
 * appointment, a greeting before a booking with a question. None of them may start (or half answer) a booking the
 * patient did not ask for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, optionLines, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('"precisa marcar ou é por ordem de chegada?": whether one must book, not a booking', () => {
  it.each(['precisa marcar ou é por ordem de chegada?', 'precisa marcar ou e por ordem de chegada?', 'tem que agendar ou é por ordem de chegada?', 'precisa agendar antes?'])(
    '"%s" is answered as the walk-in question, no booking begun',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).toContain('atendimento sem hora marcada');
      expect(turn.reply).not.toContain('Com qual especialidade');
      expect(turn.state).toBe('done');
      expect(world.searches).toEqual([]);
    },
  );

  it('"quero marcar, ou é por ordem de chegada?" still does both; "quero marcar cardio" still books', async () => {
    const both = await dialogue(new FakeWorld(c)).say('quero marcar, ou é por ordem de chegada?');
    expect(both.reply).toContain('atendimento sem hora marcada');
    expect(both.reply).toContain('Com qual especialidade ou profissional?');
    const book = await dialogue(new FakeWorld(c)).say('quero marcar cardio');
    expect(book.state).toBe('collecting');
    expect(book.reply).toContain('Para quando você prefere?');
  });
});

describe('a booking asked online', () => {
  it('"quero marcar uma consulta online com cardio": said that online visits are not booked here, the booking goes on in person', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('quero marcar uma consulta online com cardio');
    expect(turn.reply).toContain('Não consigo marcar consultas online por aqui');
    expect(turn.reply).toContain('presenciais');
    expect(turn.reply).toContain('Para quando você prefere?');
    expect(turn.state).toBe('collecting');
    // said once: the next turn of the booking does not repeat it
    const next = await d.say('amanha de manha');
    expect(next.state).toBe('offering');
    expect(next.reply).not.toContain('online');
  });

  it('with the times at once, the line comes before them', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('queria marcar cardio amanha de manha por videochamada');
    expect(turn.state).toBe('offering');
    expect(turn.reply.indexOf('Não consigo marcar consultas online')).toBeGreaterThanOrEqual(0);
    expect(turn.reply.indexOf('Não consigo marcar consultas online')).toBeLessThan(turn.reply.indexOf('1)'));
  });

  it('"queria marcar cardio online amanha de manha" (online as a word of its own): said before the times', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('queria marcar cardio online amanha de manha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Não consigo marcar consultas online por aqui');
  });

  it('"tem consulta online?" alone is still the question with no data', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('tem consulta online?');
    expect(turn.reply).toContain('Não tenho aqui informações sobre consultas online');
    expect(turn.state).toBe('done');
  });
});

describe('a doctor asked about, not booked', () => {
  it.each(['o dr paulo é bom?', 'o dr paulo e bom?', 'a dra ana é boa medica?', 'vc recomenda a dra ana?', 'o dr paulo atende bem?'])(
    '"%s": no opinion given, what the clinic has on that doctor, booking offered',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).toContain('Não consigo dar opiniões sobre os profissionais');
      // the specialty and the hours in one sentence, the name said once
      expect(turn.reply).toMatch(/(O Dr\. Paulo Lima|A Dra\. Ana Souza) é da área de Cardiologia e atende na Unidade/);
      expect(turn.reply).not.toMatch(/Cardiologia\. (O Dr\. Paulo Lima|A Dra\. Ana Souza) atende/);
      expect(turn.reply).toContain('Quer marcar?');
      expect(world.searches).toEqual([]);
      expect(optionLines(turn.reply)).toEqual([]);
    },
  );

  it('a yes then books with that doctor', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('o dr paulo é bom?');
    const turn = await d.say('sim, amanha de manha');
    expect(turn.state).toBe('offering');
    for (const line of optionLines(turn.reply)) expect(line).toContain('Dr. Paulo Lima');
  });

  it.each(['quero falar com o dr paulo', 'queria falar com a dra ana', 'posso conversar com o dr paulo?', 'preciso falar com o dr paulo lima'])(
    '"%s": the bot cannot put the patient through; the front desk or a booking with the doctor offered',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).toMatch(/Por aqui não consigo passar a conversa para (o Dr\. Paulo Lima|a Dra\. Ana Souza)/);
      expect(turn.reply).toContain('chamo um atendente');
      expect(turn.reply).toContain('Quer marcar?');
      expect(world.searches).toEqual([]);
      expect(world.handoffs).toEqual([]);
      // the front desk asked for then: handed off
      const handoff = await d.say('quero falar com a recepção');
      expect(handoff.state).toBe('handoff');
    },
  );

  it('"quero marcar com o dr paulo" still books with him', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('quero marcar com o dr paulo');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain('Para quando você prefere?');
    expect(turn.reply).not.toContain('passar a conversa');
  });
});

describe('a past day said about something else', () => {
  it.each(['esqueci meu guarda chuva ai ontem', 'deixei minha blusa ai ontem', 'acho que perdi meu oculos ai anteontem'])(
    '"%s" is a lost item for the front desk: no booking, no "já passou", a person offered',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).not.toContain('já passou');
      expect(turn.reply).not.toContain('Com qual especialidade');
      expect(turn.reply).toContain('Objetos esquecidos');
      expect(turn.state).toBe('done');
      const yes = await d.say('sim');
      expect(yes.state).toBe('handoff');
    },
  );

  it('"ontem eu fui ai e ninguem me atendeu": no booking begun, no "já passou"; a complaint (a person offered)', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('ontem eu fui ai e ninguem me atendeu');
    expect(turn.reply).not.toContain('já passou');
    expect(turn.reply).not.toContain('Com qual especialidade');
    expect(turn.reply).toContain('Sinto muito pelo transtorno.');
    expect(turn.state).toBe('done');
  });

  it('"ontem" as the answer to "Para quando?" is still said to have passed', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    const turn = await d.say('ontem');
    expect(turn.reply).toContain('já passou');
  });

  it('"esqueci o horario da minha consulta" is no lost item', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Paulo Lima', date: '2026-11-25', time: '08:00' });
    const turn = await dialogue(world).say('esqueci o horario da minha consulta');
    expect(turn.reply).not.toContain('Objetos esquecidos');
    expect(turn.reply).toContain('08:00');
  });
});

describe('a question about the patient’s own appointment named by specialty and day', () => {
  it.each(['minha consulta de cardio amanha, onde fica?', 'minha consulta de cardio amanhã, onde fica?', 'onde vai ser minha consulta de cardio amanha?', 'olá, minha consulta de cardio amanha, onde fica?'])(
    '"%s": the address of that appointment, no new times',
    async (message) => {
      const world = new FakeWorld(c);
      world.addAppointment({ provider: 'Dr. Paulo Lima', date: '2026-11-25', time: '08:00', location: 'Unidade Savassi' });
      const turn = await dialogue(world).say(message);
      expect(turn.reply).toContain('é na Unidade Savassi');
      expect(turn.reply).not.toContain('Quer remarcar');
      expect(optionLines(turn.reply)).toEqual([]);
      expect(world.searches).toEqual([]);
    },
  );

  it.each(['minha consulta de amanha é que horas?', 'a consulta de cardio amanha é que horas?', 'minha consulta de cardio amanha e que horas?', 'a consulta do dr paulo amanha é que horas?'])(
    '"%s": that appointment shown with its time, no new times nor a move asked',
    async (message) => {
      const world = new FakeWorld(c);
      world.addAppointment({ provider: 'Dr. Paulo Lima', date: '2026-11-25', time: '08:00', location: 'Unidade Savassi' });
      const turn = await dialogue(world).say(message);
      expect(turn.reply).toContain('às 08:00');
      expect(turn.reply).not.toContain('Quer remarcar');
      expect(world.searches).toEqual([]);
    },
  );
});

describe('a greeting before whom and when and a question', () => {
  it.each(['oi, cardio amanha e quanto custa?', 'bom dia, cardio amanha e quanto custa?', 'oi cardio amanha, qual o endereço?'])(
    '"%s": the question answered and the times offered, as without the greeting',
    async (message) => {
      const turn = await dialogue(new FakeWorld(c)).say(message);
      expect(turn.state).toBe('offering');
      expect(optionLines(turn.reply).length).toBeGreaterThan(0);
      expect(turn.reply).toMatch(/valores dependem|endereço|Av\. Afonso Pena/);
    },
  );
});

describe('other questions about a doctor, no booking word nor day', () => {
  it.each(['o dr paulo tem whatsapp?', 'qual o telefone do dr paulo?'])(
    '"%s": no data on that said, a person offered, the doctor’s specialty and hours, booking offered',
    async (message) => {
      const world = new FakeWorld(c);
      const turn = await dialogue(world).say(message);
      expect(turn.reply).toContain('Não tenho aqui essa informação sobre o Dr. Paulo Lima.');
      expect(turn.reply).toContain('chamo um atendente');
      expect(turn.reply).toContain('O Dr. Paulo Lima é da área de Cardiologia e atende na Unidade Savassi de segunda a sábado');
      expect(turn.reply).toContain('Quer marcar?');
      expect(turn.reply).not.toContain('Para quando');
      expect(world.searches).toEqual([]);
    },
  );

  it('"o dr paulo ta de ferias?" with the days\' overrides not read (this world has none): no data said, his hours, booking offered', async () => {
    // the schedule's answer ("Pela agenda, …") is the dialogue fixtures' (other-flows.json), over the real schedule
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('o dr paulo ta de ferias?');
    expect(turn.reply).toContain('Não tenho aqui essa informação sobre o Dr. Paulo Lima. O Dr. Paulo Lima atende na Unidade Savassi de segunda a sábado');
    expect(turn.reply).toMatch(/Quer marcar\?$/);
    expect(world.searches).toEqual([]);
  });

  it('"qual a especialidade do dr rui?": the specialty, with no "no information"', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('qual a especialidade do dr rui?');
    expect(turn.reply).toContain('O Dr. Rui Alves é da área de Dermatologia e atende');
    expect(turn.reply).not.toContain('Não tenho aqui');
  });

  it('"tem dr paulo?" and "dr paulo" still begin a booking with him', async () => {
    for (const message of ['tem dr paulo?', 'dr paulo']) {
      const turn = await dialogue(new FakeWorld(c)).say(message);
      expect(turn.reply, message).toContain('Para quando você prefere?');
    }
  });
});

describe('someone’s appointment said to be had, then a question', () => {
  it('"meu marido tem consulta com o dr paulo amanha, onde fica?": the addresses, no new times', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('meu marido tem consulta com o dr paulo amanha, onde fica?');
    expect(turn.reply).toContain('Rua Pernambuco');
    expect(optionLines(turn.reply)).toEqual([]);
    expect(world.searches).toEqual([]);
  });

  it('"eu tenho consulta de cardio amanha, qual o endereço?": the address of that appointment', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Paulo Lima', date: '2026-11-25', time: '08:00', location: 'Unidade Savassi' });
    const turn = await dialogue(world).say('eu tenho consulta de cardio amanha, qual o endereço?');
    expect(turn.reply).toContain('é na Unidade Savassi');
    expect(world.searches).toEqual([]);
  });
});

describe('a question of how a visit goes, with a day or a doctor', () => {
  it.each([
    ['minha consulta de sexta pode ser online?', 'consultas online'],
    ['o dr paulo atende online?', 'consultas online'],
    ['posso levar meu filho na consulta de amanha?', 'acompanhantes'],
  ])('"%s": answered (no data on %s), no booking begun, no weekly hours instead', async (message, topic) => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say(message);
    expect(turn.reply).toContain(`Não tenho aqui informações sobre ${topic}`);
    expect(turn.reply).not.toContain('Com qual especialidade');
    expect(turn.reply).not.toContain('atende na Unidade');
    expect(turn.state).toBe('done');
    expect(world.searches).toEqual([]);
  });

  it('"quero levar meu filho no pediatra amanha" still books', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('quero levar meu filho no pediatra amanha');
    expect(turn.state).toBe('offering');
  });
});

describe('a doctor or a day named about something past or not known here', () => {
  it.each(['a dra ana vai atrasar hoje?', 'o dr paulo ta atrasado?'])('"%s": not known here, a person offered; no times, no hours with a "Sim"', async (message) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(message);
    expect(turn.reply).toMatch(/Não tenho aqui essa informação sobre (a Dra\. Ana Souza|o Dr\. Paulo Lima)\./);
    expect(turn.reply).not.toContain('Sim,');
    expect(optionLines(turn.reply)).toEqual([]);
    expect(world.searches).toEqual([]);
    expect(turn.state).toBe('done');
    expect((await d.say('sim')).state).toBe('handoff');
  });

  it.each(['vou chegar atrasada, a dra ana espera?', 'to atrasada, a dra ana ainda me atende?'])('"%s" is the patient’s own lateness, not a question of the doctor', async (message) => {
    const turn = await dialogue(new FakeWorld(c)).say(message);
    expect(turn.reply).toContain('Obrigado por avisar!');
    expect(turn.reply).not.toContain('atende na Unidade');
  });

  it('"ontem a dra ana me atendeu muito bem, obrigada": thanks taken in, no booking of a past day', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('ontem a dra ana me atendeu muito bem, obrigada');
    expect(turn.reply).toContain('Que bom saber!');
    expect(turn.reply).not.toContain('já passou');
    expect(turn.reply).not.toContain('Para quando');
    expect(world.searches).toEqual([]);
  });

  it.each(['oi, obrigada pelo atendimento de ontem', 'oi td bem, obrigada pelo atendimento de ontem', 'bom dia, ontem a dra ana me atendeu muito bem, obrigada'])(
    '"%s": a hello with thanks for a past visit is thanks too, no booking of a past day',
    async (text) => {
      const world = new FakeWorld(c);
      const turn = await dialogue(world).say(text);
      expect(turn.reply).toContain('Que bom saber!');
      expect(turn.reply).not.toContain('já passou');
      expect(turn.state).toBe('idle');
      expect(world.searches).toEqual([]);
    },
  );

  it('"sexta é feriado?": the holidays question (no data), no booking begun', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('sexta é feriado?');
    expect(turn.reply).toContain('Não tenho aqui informações sobre funcionamento em feriados');
    expect(turn.reply).not.toContain('Com qual especialidade');
  });
});

describe('whether a doctor practises a specialty, asked', () => {
  it('"o dr paulo é dermatologista?": no, and who of it there is; nothing booked with him', async () => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say('o dr paulo é dermatologista?');
    expect(turn.reply).toContain('Não, o Dr. Paulo Lima não atende Dermatologia. Em Dermatologia, atende o Dr. Rui Alves.');
    expect(turn.reply).not.toContain('Para quando');
    expect(world.searches).toEqual([]);
  });

  it('"a dra ana é cardiologista?": yes, her hours, booking offered; a yes books with her', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('a dra ana é cardiologista?');
    expect(turn.reply).toContain('Sim, a Dra. Ana Souza é da área de Cardiologia e atende na Unidade Centro');
    expect(turn.reply).toContain('Quer marcar?');
    const next = await d.say('sim, amanha de manha');
    expect(next.state).toBe('offering');
    for (const line of optionLines(next.reply)) expect(line).toContain('Dra. Ana Souza');
  });
});

describe('where a doctor is, asked with a place', () => {
  it.each([
    ['o consultorio do dr paulo é no centro?', 'Sim, o Dr. Paulo Lima atende na Unidade Centro'],
    ['o dr rui é na savassi?', 'Não, o Dr. Rui Alves não atende na Unidade Savassi.'],
  ])('"%s": yes or no from their hours, booking offered, no times', async (message, answer) => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say(message);
    expect(turn.reply).toContain(answer);
    expect(turn.reply).toContain('Quer marcar?');
    expect(turn.reply.indexOf(answer), "the answer first, after the greeting").toBeLessThanOrEqual("Olá, Maria! ".length);
    expect(world.searches).toEqual([]);
  });
});

describe('an opinion of a doctor asked beside a booking', () => {
  it('"quero marcar cardio amanha, a dra ana é boa?": no opinion said, before the times', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('quero marcar cardio amanha, a dra ana é boa?');
    expect(turn.state).toBe('offering');
    expect(turn.reply.indexOf('Não consigo dar opiniões sobre os profissionais.')).toBeGreaterThanOrEqual(0);
    expect(turn.reply.indexOf('Não consigo dar opiniões')).toBeLessThan(turn.reply.indexOf('1)'));
  });

  it('"dr paulo, sexta de manha é bom pra mim" (no question) says nothing of opinions', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('quero marcar com o dr paulo, sexta de manha é bom pra mim');
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('opiniões');
  });
});

describe('a question about a doctor in the middle of a booking', () => {
  it('"o dr paulo tem whatsapp?" at "Para quando?": no data said, the question again, the booking not moved to him', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio');
    const turn = await d.say('o dr paulo tem whatsapp?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain('Não tenho aqui essa informação sobre o Dr. Paulo Lima.');
    expect(turn.reply).toMatch(/Para quando você prefere\?$/);
    const times = await d.say('amanha');
    expect(times.reply).toContain('de Cardiologia');
    expect(optionLines(times.reply).some((line) => line.includes('Dra. Ana Souza'))).toBe(true);
  });

  it('"qual o telefone do dr paulo?" at the times of a dermatology booking: the times stay, "1" picks the first', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offered = await d.say('marca dermato sexta');
    const turn = await d.say('qual o telefone do dr paulo?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Não tenho aqui essa informação sobre o Dr. Paulo Lima.');
    expect(turn.reply).toMatch(/Qual prefere\?$/);
    const pick = await d.say('1');
    expect(pick.state).toBe('confirming');
    expect(pick.reply).toContain(optionLines(offered.reply)[0]!.replace(/^1\) /, '').split(' com ')[0]!);
    expect(pick.reply).toContain('Dermatologia com Dr. Rui Alves');
  });
});

describe('whether a doctor practises a specialty, asked in the middle of a booking', () => {
  it('"o dr rui é dermatologista?" while booking cardiology: yes, the question again, and the booking stays cardiology', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    const turn = await d.say('o dr rui é dermatologista?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain('Sim, o Dr. Rui Alves é da área de Dermatologia.');
    expect(turn.reply).toMatch(/Para quando você prefere\?$/);
    const times = await d.say('amanha');
    expect(times.reply).toContain('de Cardiologia');
    for (const line of optionLines(times.reply)) expect(line).not.toContain('Dr. Rui Alves');
  });

  it('"o dr paulo é dermatologista?" at the times: no, who is, and the times stay', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marca cardio sexta');
    const turn = await d.say('o dr paulo é dermatologista?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Não, o Dr. Paulo Lima não atende Dermatologia. Em Dermatologia, atende o Dr. Rui Alves.');
    expect(turn.reply).toMatch(/Qual prefere\?$/);
    expect((await d.say('1')).reply).toContain('Confirma consulta de Cardiologia');
  });
});

describe('a question about two doctors there is no data on', () => {
  it('"qual a diferenca entre a dra ana e o dr paulo?": no data said of both, not of the first alone', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    const turn = await d.say('qual a diferenca entre a dra ana e o dr paulo?');
    expect(turn.reply).toContain('Não tenho aqui essa informação sobre a Dra. Ana Souza e o Dr. Paulo Lima.');
  });
});
