/**
 * Small talk about the conversation itself, as patients write it on WhatsApp: who answers ("você é um robô?"),
 * whether anyone is there ("alguém aí?"), the last reply not followed ("sério?", "como assim?"), and the short meta
 * questions that must not get "Não tenho aqui essa informação." nor "não entendi".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../locales/pt-BR/demo-clinic.json';
import { demoClinic, dialogue, FakeWorld, optionLines, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const NO_INFO = 'Não tenho aqui essa informação';

describe('who answers here', () => {
  const asked = ['você é um robô?', 'voce e um robo?', 'é uma pessoa?', 'to falando com quem?', 'quem é você?', 'é atendimento automático?', 'vc é uma pessoa de verdade?', 'isso é automático?', 'é robô ou pessoa?'];

  it.each(asked)('"%s" is answered honestly: the clinic’s virtual assistant, what it does, a person if preferred; nobody is called yet', async (message) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(message);
    expect(turn.state).toBe('done');
    expect(turn.reply).toContain(`Sou o assistente virtual da ${demo.tenant}`);
    expect(turn.reply).toContain('marco, remarco e desmarco consultas');
    expect(turn.reply).toContain('se preferir, chamo um atendente');
    expect(turn.reply).not.toContain('Vou chamar');
    expect(world.handoffs).toEqual([]);
  });

  it.each(['ola dr paulo', 'bom dia dra ana', 'oi doutora, tudo bem?', 'oi dr. paulo!'])(
    '"%s" (a hello addressed to a doctor, nothing else): who answers here is said, no booking begun and no unknown "Dra. Tudo"',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).toContain(`Sou o assistente virtual da ${demo.tenant}`);
      expect(turn.reply).not.toContain('Para quando');
      expect(turn.reply).not.toContain('Não encontrei');
      expect(turn.state).toBe('done');
    },
  );

  it('"oi dr paulo, quero marcar amanha" still books with him', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('oi dr paulo, quero marcar amanha');
    expect(turn.state).toBe('offering');
    expect(turn.options.every((o) => o.provider_name === 'Dr. Paulo Lima')).toBe(true);
  });

  it('a "sim" then calls a person; so does asking for one', async () => {
    for (const answer of ['sim', 'quero falar com uma pessoa']) {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      await d.say('voce e um robo?');
      const turn = await d.say(answer);
      expect(turn.state, answer).toBe('handoff');
      expect(world.handoffs, answer).toEqual(['asked']);
    }
  });

  it('a booking asked next goes on as usual', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quem é você?');
    const turn = await d.say('quero marcar cardio amanhã de manhã');
    expect(turn.state).toBe('offering');
    expect(world.handoffs).toEqual([]);
  });

  it('in the middle of a booking: answered, a person mentioned, the booking’s question again', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio');
    const turn = await d.say('vc é robô?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain('assistente virtual');
    expect(turn.reply).toContain('é só pedir que eu chamo um atendente');
    expect(turn.reply).toMatch(/Para quando você prefere\?$/);
    expect(world.handoffs).toEqual([]);
  });

  it('an explicit ask for a person still hands off at once', async () => {
    for (const message of ['quero falar com um humano', 'posso falar com uma pessoa?', 'robô não, quero falar com uma pessoa', 'você é um robô? quero falar com uma pessoa']) {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.state, message).toBe('handoff');
      expect(world.handoffs, message).toEqual(['asked']);
    }
  });
});

describe('whether anyone is here', () => {
  const checks = ['alguém aí?', 'oi? tem alguém?', 'tá funcionando?', 'ta on?', 'oi??', 'ainda está aí?', 'recebeu minha mensagem?', 'vai demorar?', 'tem gente aí?'];

  it.each(checks)('"%s" with nothing pending: here, and how it can help', async (message) => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say(message);
    expect(turn.state).toBe('idle');
    expect(turn.reply).toContain('Sim, estou aqui! Como posso ajudar?');
  });

  it.each(checks)('"%s" while booking: here, and the booking’s question again', async (message) => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    const turn = await d.say(message);
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toBe('Sim, estou aqui! Para quando você prefere?');
  });
});

describe('the last reply not followed ("sério?", "como assim?")', () => {
  it('the question pending is said again, never "não entendi", and it counts as no misunderstanding', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar');
    for (const message of ['sério?', 'como assim?', 'hein?', '??', 'não entendi']) {
      const turn = await d.say(message);
      expect(turn.state, message).toBe('collecting');
      expect(turn.reply, message).toBe('Desculpe se não fui claro. Com qual especialidade ou profissional?');
    }
    expect(world.handoffs).toEqual([]);
  });

  it('to the times offered: the same times listed again, and how to pick', async () => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('cardio amanhã de manhã');
    const turn = await d.say('como assim?');
    expect(turn.state).toBe('offering');
    expect(optionLines(turn.reply)).toEqual(optionLines(offer.reply));
    expect(turn.reply).toContain('É só responder com o número.');
    expect((await d.say('2')).state).toBe('confirming');
  });

  it('to the summary: the summary again', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('cardio amanhã de manhã');
    const summary = await d.say('1');
    const turn = await d.say('sério?');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toBe(`Desculpe se não fui claro. ${summary.reply}`);
  });

  it('with nothing pending: what can be done here, no apology for not understanding', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('como assim?');
    expect(turn.state).toBe('idle');
    expect(turn.reply).toContain('Posso marcar, remarcar ou desmarcar consultas. O que você precisa?');
    expect(turn.reply).not.toContain('não entendi');
  });
});

describe('chit-chat and meta questions never get "no information here"', () => {
  // short messages patients write about the conversation itself, not about the clinic
  const SMALL_TALK = [
    'tá funcionando?', 'entendeu?', 'pode me ajudar?', 'tudo certo?', 'vai demorar?', 'recebeu minha mensagem?', 'consegue ver?', 'ainda está aí?',
    'e agora?', 'como faço?', 'posso mandar áudio?', 'posso mandar foto?', 'me ouviu?', 'viu minha mensagem?', 'o que eu faço agora?',
    'qual o próximo passo?', 'pode repetir?', 'o que você disse?', 'vai me responder?', 'cadê a resposta?', 'por que demora tanto?', 'ta travado?',
    'posso perguntar uma coisa?', 'posso tirar uma dúvida?', 'está me ouvindo?', 'aceita áudio?', 'qual seu nome?', 'como você se chama?',
    'alguém vai me responder?', 'vc consegue me ajudar?', 'tá demorando?', 'tem alguém aí?',
  ];

  it.each(SMALL_TALK)('"%s", with nothing pending and while booking', async (message) => {
    for (const before of [[], ['quero marcar cardio']]) {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      for (const m of before) await d.say(m);
      const turn = await d.say(message);
      const where = `${message} after ${JSON.stringify(before)}`;
      expect(turn.reply, where).not.toContain(NO_INFO);
      expect(turn.reply, where).not.toContain('não entendi');
      expect(turn.state, where).not.toBe('handoff');
      expect(world.handoffs, where).toEqual([]);
      // while booking, the booking waits where it was
      if (before.length > 0) expect(turn.state, where).toBe('collecting');
    }
  });

  it('"e agora?" with nothing pending says what can be done, with an example; while booking, the booking’s question', async () => {
    const idle = await dialogue(new FakeWorld(c)).say('e agora?');
    expect(idle.state).toBe('idle');
    expect(idle.reply).toContain('Por exemplo: “quero marcar cardiologia amanhã de manhã”. O que você precisa?');
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    expect((await d.say('o que eu faço agora?')).reply).toBe('Para quando você prefere?');
  });

  // short questions that only nudge ("so?", "can it be?"): no gibberish, so no "não entendi" and no strike
  it.each(['pode ser?', 'pode?', 'então?', 'entao?'])('"%s" with nothing pending says what can be done, counts no strike; while booking, the booking’s question', async (message) => {
    const world = new FakeWorld(c);
    const idle = dialogue(world);
    const turn = await idle.say(message);
    expect(turn.state).toBe('idle');
    expect(turn.reply).toBe('Olá, Maria! Posso marcar, remarcar, desmarcar e confirmar consultas, mostrar as suas próximas consultas e colocar você na lista de espera. Por exemplo: “quero marcar cardiologia amanhã de manhã”. O que você precisa?');
    expect(idle.actor.getSnapshot().context.strikes).toBe(0);
    const d = dialogue(world);
    await d.say('quero marcar');
    for (let i = 0; i < 3; i++) expect((await d.say(message)).reply).toBe('Com qual especialidade ou profissional?');
    expect(d.actor.getSnapshot().context.strikes).toBe(0);
    expect(world.handoffs).toEqual([]);
  });

  it('"então?" to "Quer que eu chame um atendente para responder?" asks it again (no goodbye); to the summary, the summary again', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('tem estacionamento?');
    const again = await d.say('então?');
    expect(again).toMatchObject({ state: 'done', reply: 'Quer que eu chame um atendente para responder?' });
    const booking = dialogue(new FakeWorld(c));
    await booking.say('quero marcar cardio amanha');
    const summary = await booking.say('1');
    const turn = await booking.say('então?');
    expect(turn).toMatchObject({ state: 'confirming', reply: summary.reply });
    expect(booking.actor.getSnapshot().context.strikes).toBe(0);
  });

  it('"posso mandar áudio?" says honestly what this conversation reads', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('posso mandar áudio?');
    expect(turn.reply).toContain('Por aqui eu entendo melhor mensagens escritas, e fotos ou documentos eu não consigo abrir.');
    expect(turn.reply).toContain('Pode me escrever o que você precisa?');
  });

  it('questions about the clinic the rules cannot place still get it, with a person offered', async () => {
    for (const message of ['vcs vendem remédio?', 'vocês têm vale-presente?']) {
      const d = dialogue(new FakeWorld(c));
      const turn = await d.say(message);
      expect(turn.state, message).toBe('done');
      expect(turn.reply, message).toContain(`${NO_INFO}. Quer que eu chame um atendente para responder?`);
    }
  });
});

describe('words of small talk in other asks are read as before', () => {
  it('"é online?" asks about the appointment (no information on online visits here), "demorou!" is no presence check', async () => {
    const online = await dialogue(new FakeWorld(c)).say('é online?');
    expect(online.reply).toContain('Não tenho aqui informações sobre consultas online');
    expect(online.reply).not.toContain('estou aqui');
    const deal = await dialogue(new FakeWorld(c)).say('demorou!');
    expect(deal.reply).not.toContain('estou aqui');
  });

  it('a booking or a clinic question beside the same words is read as one', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('tem alguém de cardio amanhã de manhã?')).state).toBe('offering');
    const hours = await dialogue(new FakeWorld(c)).say('ta funcionando sabado?');
    expect(hours.reply).not.toContain('estou aqui');
  });
});

describe('how we are, asked while a yes or no is pending', () => {
  const asked = ['tudo certo?', 'tudo bem?', 'beleza?', 'blz?'];

  it.each(asked)('"%s" at the booking summary books nothing; the summary is asked again', async (message) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    expect((await d.say('1')).state).toBe('confirming');
    const turn = await d.say(message);
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toMatch(/^Tudo bem, obrigado! Confirma consulta de Cardiologia/);
    expect(world.appointments).toHaveLength(0);
  });

  it.each(asked)('"%s" to "Desmarco?" cancels nothing; the question is asked again', async (message) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    await d.say('1');
    await d.say('sim');
    expect((await d.say('quero desmarcar minha consulta')).reply).toMatch(/Desmarco\?$/);
    const turn = await d.say(message);
    expect(turn.state).toBe('confirming_cancel');
    expect(turn.reply).toMatch(/^Tudo bem, obrigado! .*Desmarco\?$/);
    expect(world.appointments.map((a) => a.status)).toEqual(['requested']);
  });

  it('a bare "blz" (no "?") still confirms the summary', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    await d.say('1');
    expect((await d.say('blz')).state).toBe('done');
    expect(world.appointments).toHaveLength(1);
  });
});

describe('thanks typed with letters held down', () => {
  it('"obrigadaaa" and "valeeeu" after a booking are thanks ("Por nada!"), as "obrigada" is', async () => {
    for (const thanks of ['obrigadaaa', 'valeeeu', 'obrigadoooo!!']) {
      const d = dialogue(new FakeWorld(c));
      await d.say('quero marcar dermato sexta');
      await d.say('1');
      expect((await d.say('sim')).reply).toContain('marcado');
      expect((await d.say(thanks)).reply, thanks).toContain('Por nada!');
    }
  });

  it('no thanks phrase has a letter twice in a row, so folding held letters never turns another word into one', async () => {
    const { THANKS_PHRASES } = await import('../../../locales/pt-BR/conversation-lexicon');
    expect(THANKS_PHRASES.filter((p) => /(\p{L})\1/u.test(p))).toEqual([]);
  });
});

describe('"deu certo?" asked before anything was booked', () => {
  it.each(['deu certo?', 'ficou marcado?', 'marcou?'])('%j at the times: nothing booked yet, and the times again', async (ask) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('cardio quarta a tarde');
    const turn = await d.say(ask);
    expect(turn.state).toBe('offering');
    expect(turn.options).toEqual(offer.options);
    expect(turn.reply).toMatch(/^Ainda não está marcado: falta você escolher um dos horários\./);
    expect(optionLines(turn.reply)).toHaveLength(offer.options.length);
    expect(turn.reply).not.toContain(NO_INFO);
    expect(world.bookings).toBe(0);
  });

  it.each(['deu certo?', 'ficou marcado?', 'marcou?'])('%j at the summary: nothing booked yet, and the summary again; "sim" then books', async (ask) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    await d.say('1');
    const turn = await d.say(ask);
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toMatch(/^Ainda não está marcado: falta você confirmar\. Confirma consulta de Cardiologia com Dra\. Ana Souza na quarta, 25\/11, às 14:00/);
    expect(world.bookings).toBe(0);
    expect((await d.say('sim')).state).toBe('done');
    expect(world.appointments).toHaveLength(1);
  });

  it('"deu certo?" at the times of a move: not moved yet, and the times again; the appointment stays where it was', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(world);
    const offer = await d.say('quero remarcar minha consulta pra segunda');
    expect(offer.state).toBe('offering');
    const turn = await d.say('deu certo?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Ainda não está remarcada: falta você escolher um dos horários\.\n1\) /);
    expect(world.appointments[0]!.date).toBe('2026-11-27');
  });

  it.each(['deu certo?', 'ficou marcado?', 'marcou?'])('%j right after booking: yes, and the appointment', async (ask) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    await d.say('1');
    await d.say('sim');
    const turn = await d.say(ask);
    expect(turn.reply).toMatch(/^Sim, deu certo! Sua consulta de Cardiologia com Dra\. Ana Souza está marcada para quarta, 25\/11, às 14:00, na Unidade Savassi\./);
  });
});

describe('"tudo bem?" in a greeting, beside another ask', () => {
  it.each([
    ['oi doutora, tudo bem?', 'Sou o assistente virtual'],
    ['boa tarde doutor, td bem?', 'Sou o assistente virtual'],
    ['oi td bem? queria marcar cardio', 'Para quando você prefere?'],
    ['ola, tudo certo? quero desmarcar minha consulta', ''],
    ['oi tudo bem? qual o endereco?', 'Nossos endereços'],
    ['oi, tudo bem?', 'Como posso ajudar?'],
  ])('"%s": "Tudo bem, obrigado!" right after the hello, once, then the usual reply', async (message, rest) => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say(message);
    expect(turn.reply).toMatch(/^(?:Olá|Bom dia|Boa tarde|Boa noite), Maria! Tudo bem, obrigado! /);
    expect(turn.reply.split('Tudo bem, obrigado!')).toHaveLength(2);
    expect(turn.reply).toContain(rest);
  });

  it('later in the conversation, "oi doutora, tudo bem?" gets it too, with no second hello', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('bom dia');
    const turn = await d.say('oi doutora, tudo bem?');
    expect(turn.reply).toMatch(/^Tudo bem, obrigado! Sou o assistente virtual/);
  });

  it.each([
    ['vou levar meu filho junto tudo bem?', 'acompanhantes'],
    ['vou levar meu filho junto, tudo bem?', 'acompanhantes'],
  ])('"%s" asks leave, not how we are: no "Tudo bem, obrigado!"', async (message, topic) => {
    const turn = await dialogue(new FakeWorld(c)).say(message);
    expect(turn.reply).not.toContain('Tudo bem, obrigado!');
    expect(turn.reply).toContain(topic);
  });

  it.each(['td bem? queria marcar cardio', 'e ai, tudo bem? queria marcar cardio', 'queria marcar cardio. Tudo bem?'])(
    '"%s", asked as a sentence of its own, is still how we are',
    async (message) => {
      const turn = await dialogue(new FakeWorld(c)).say(message);
      expect(turn.reply).toMatch(/^Olá, Maria! Tudo bem, obrigado! Para quando você prefere\?$/);
    },
  );

  it('"tudo bem, pode ser sexta" (an ok) at the date question is no wellbeing question', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    expect((await d.say('tudo bem, pode ser sexta')).reply).not.toContain('Tudo bem, obrigado!');
  });
});
