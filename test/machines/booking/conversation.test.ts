/**
 * The conversation around the booking: greetings, help, clinic questions that keep the state, a
 * specialty the clinic lacks, "cancelar" in the middle of a booking, handoff and its silence, a
 * conversation that timed out, and the snapshot the runtime persists every turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTING_STATES } from '../../../machines/booking/world';
import { bookingMachine } from '../../../machines/booking/machine';
import { demoClinic, dialogue, FakeWorld, optionLines, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('greetings and help', () => {
  it.each([
    ['bom dia', 'Bom dia, João! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.'],
    ['Boa tarde!', 'Boa tarde, João! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.'],
    ['oi', 'Olá, João! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.'],
  ])('"%s" greets by first name', async (text, reply) => {
    const d = dialogue(new FakeWorld(c), { input: { firstName: 'João' } });
    expect(await d.say(text)).toMatchObject({ state: 'idle', reply });
  });

  it.each(['👋', '🙋', '🙋‍♀️', '👋🏽', 'oi 👋'])('"%s" alone is a greeting, not a misunderstanding', async (text) => {
    const d = dialogue(new FakeWorld(c), { input: { firstName: 'João' } });
    expect(await d.say(text)).toMatchObject({ state: 'idle', reply: 'Olá, João! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.' });
  });

  it('a greeting emoji in the middle of a booking greets and asks the pending question again', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marcar cardio');
    expect(await d.say('👋')).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Para quando você prefere?' });
  });

  it('greets with the name only once per conversation, and again when greeted again', async () => {
    const d = dialogue(new FakeWorld(c));
    const first = await d.say('marcar consulta');
    expect(first.reply).toBe('Olá, Maria! Com qual especialidade ou profissional?');
    const again = await d.say('oi');
    expect(again).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Com qual especialidade ou profissional?' });
    const next = await d.say('cardio');
    expect(next.reply).toBe('Para quando você prefere?');
  });

  it('explains what it does on "ajuda"', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('ajuda');
    expect(turn.state).toBe('idle');
    expect(turn.reply).toMatch(/^Olá, Maria! Posso marcar, remarcar, desmarcar e confirmar consultas/);
  });

  it('after a timeout, the first reply says we start afresh', async () => {
    const d = dialogue(new FakeWorld(c), { input: { resumedAfterTimeout: true } });
    const turn = await d.say('quero marcar dermato');
    expect(turn.reply).toBe('Olá, Maria! Como a nossa conversa ficou parada, vamos recomeçar. Para quando você prefere?');
    const next = await d.say('sabado');
    expect(next.reply).not.toContain('recomeçar');
  });

  it('"obrigado" closes a finished exchange; in the middle of one it repeats the question', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marcar cardio');
    const welcome = await d.say('obrigada!');
    expect(welcome).toMatchObject({ state: 'collecting', reply: 'Por nada! Para quando você prefere?' });
    // the list asked in the middle of the booking leaves it pending; asked on its own, it finishes the exchange
    const listed = dialogue(new FakeWorld(c));
    await listed.say('minhas consultas');
    const bye = await listed.say('ok, obrigada');
    expect(bye).toMatchObject({ state: 'idle', reply: 'Por nada! Se precisar, é só chamar.' });
  });
});

describe('"volta": one step back', () => {
  it('from the summary to the same times, from the times to the date, from the date to the specialty; none before that', async () => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    await d.say('quero marcar cardio');
    const offer = await d.say('amanha de manha');
    expect(offer.state).toBe('offering');
    await d.say('2');
    const times = await d.say('volta');
    expect(times).toMatchObject({ state: 'offering', options: offer.options });
    expect(times.reply).toBe(`Tudo bem, vamos voltar aos horários:\n${optionLines(offer.reply).join('\n')}\nQual prefere?`);
    expect(await d.say('voltar')).toMatchObject({ state: 'collecting', reply: 'Tudo bem, vamos voltar um passo. Para quando você prefere?', options: [] });
    expect(await d.say('volta um passo')).toMatchObject({ state: 'collecting', reply: 'Tudo bem, vamos voltar um passo. Com qual especialidade ou profissional?' });
    expect(await d.say('quero voltar')).toMatchObject({
      state: 'collecting',
      reply: 'Não há uma etapa anterior para voltar. Com qual especialidade ou profissional?',
    });
    expect(w.bookings).toBe(0);
  });

  it('keeps what was gathered before the step: back from the times, a new day is searched for the same specialty and place', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio na savassi amanha de manha');
    expect((await d.say('volta')).reply).toBe('Tudo bem, vamos voltar um passo. Para quando você prefere?');
    const friday = await d.say('sexta');
    expect(friday.state).toBe('offering');
    expect(friday.options.length).toBeGreaterThan(0);
    for (const o of friday.options) expect(o).toMatchObject({ specialty: 'Cardiologia', date: '2026-11-27', location: { name: 'Unidade Savassi' } });
  });

  it('"quero voltar" at the summary goes back to the times (not a return visit); "2" then picks again', async () => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('quero marcar cardio amanha de manha');
    await d.say('1');
    expect(await d.say('quero voltar')).toMatchObject({ state: 'offering', options: offer.options });
    const summary = await d.say('2');
    expect(summary.state).toBe('confirming');
    expect(summary.reply).toContain(offer.options[1]!.start_time);
  });

  it('with nothing to go back to: said, and the question again; nothing changed', async () => {
    const first = dialogue(new FakeWorld(c));
    expect(await first.say('volta')).toMatchObject({
      state: 'idle',
      reply: 'Olá, Maria! Não há uma etapa anterior para voltar. Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.',
    });
    const w = new FakeWorld(c);
    w.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(w);
    await d.say('desmarcar minha consulta');
    const again = await d.say('voltar');
    expect(again.state).toBe('confirming_cancel');
    expect(again.reply).toBe('Não há uma etapa anterior para voltar. Você tem consulta de Dermatologia com Dr. Rui Alves na sexta, 27/11, às 15:00. Desmarco?');
    expect(w.appointments[0]!.status).toBe('requested');
  });

  it('"voltar" to "stop this booking or cancel an appointment?" still goes on with the booking', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marcar cardio');
    expect((await d.say('cancelar')).state).toBe('cancel_or_stop');
    expect(await d.say('voltar')).toMatchObject({ state: 'collecting', reply: 'Para quando você prefere?' });
  });
});

describe('"ok" out of the blue', () => {
  const HELP =
    'Posso marcar, remarcar, desmarcar e confirmar consultas, mostrar as suas próximas consultas e colocar você na lista de espera. ' +
    'Por exemplo: “quero marcar cardiologia amanhã de manhã”. O que você precisa?';

  it.each(['ok', 'tá bom', 'ta bom', 'blz', 'Beleza', 'okk', '👍'])('"%s" as the first message: acknowledged, and what can be asked', async (text) => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    expect(await d.say(text)).toMatchObject({ state: 'idle', reply: `Olá, Maria! Certo! ${HELP}` });
    expect(w.bookings + w.appointments.length + w.waitlist.length).toBe(0);
  });

  it('after a booking: "ok" to "anything else?" still closes; a later "blz" with nothing asked gets what can be asked', async () => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    await d.say('quero marcar cardio amanha de manha');
    await d.say('2');
    expect((await d.say('sim')).reply).toBe('Pronto, está marcado! Enviaremos um lembrete na véspera. Posso ajudar em mais alguma coisa?');
    expect(await d.say('ok')).toMatchObject({ state: 'idle', reply: 'Tudo bem! Se precisar, é só chamar.' });
    expect(await d.say('blz')).toMatchObject({ state: 'idle', reply: `Certo! ${HELP}` });
    expect(await d.say('tá bom')).toMatchObject({ state: 'idle', reply: `Certo! ${HELP}` });
    // nothing confirmed, cancelled or booked again
    expect(w.bookings).toBe(1);
    expect(w.appointments.map((a) => a.status)).toEqual(['requested']);
  });

  it.each(['ok tudo bem, obrigada', 'tudo bem, obrigado', 'ta tudo bem obrigada'])(
    '"%s" with an appointment waiting for confirmation: thanks, not a confirmation (nor "nothing to confirm")',
    async (text) => {
      const w = new FakeWorld(c);
      const appointment = w.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
      expect(await dialogue(w).say(text)).toMatchObject({ state: 'idle', reply: 'Olá, Maria! Por nada! Se precisar, é só chamar.' });
      expect(appointment.status).toBe('requested');
    },
  );

  it('"tudo bem? obrigada" still asks how we are, not a goodbye', async () => {
    expect((await dialogue(new FakeWorld(c)).say('tudo bem? obrigada')).reply).not.toContain('Por nada! Se precisar');
  });

  it('thanks out of the blue still say goodbye; "ok" to a yes/no question keeps its meaning', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('ok, obrigada')).reply).toBe('Olá, Maria! Por nada! Se precisar, é só chamar.');
    const w = new FakeWorld(c);
    w.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const e = dialogue(w);
    await e.say('desmarcar minha consulta');
    expect((await e.say('ok')).reply).toBe('Desmarcada. Quer marcar outro horário?');
    expect(await e.say('ok')).toMatchObject({ state: 'collecting', reply: 'Claro! Para quando você prefere?' });
  });

  it('"ok" alone to an open question is no answer: the question again with an example, never a strike; "sim" still means whenever', async () => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    await d.say('quero marcar');
    // three times over: a misunderstanding would have handed off by now
    for (const text of ['ok', 'ok', 'tá bom']) {
      expect(await d.say(text)).toMatchObject({
        state: 'collecting',
        reply: 'Com qual especialidade ou profissional? Por exemplo: cardiologia, clínica geral ou o nome do profissional.',
      });
    }
    expect(w.handoffs).toEqual([]);
    expect(await d.say('cardio')).toMatchObject({ state: 'collecting', reply: 'Para quando você prefere?' });
    for (const text of ['ok', 'blz', 'okk']) {
      expect(await d.say(text)).toMatchObject({ state: 'collecting', reply: 'Para quando você prefere? Por exemplo: amanhã, sexta à tarde ou dia 10.' });
    }
    expect(w.handoffs).toEqual([]);
    expect(w.searches).toHaveLength(0);
    expect((await d.say('sim')).state).toBe('offering');
    // a move's date question too
    const m = new FakeWorld(c);
    m.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const e = dialogue(m);
    await e.say('quero remarcar minha consulta');
    expect(await e.say('ok')).toMatchObject({ state: 'collecting', reply: 'Para quando você quer remarcar? Por exemplo: amanhã, sexta à tarde ou dia 10.' });
  });

  it('"quero marcar" to a clinic answer\'s "anything else?" asks what to book (it was read as a bare yes); "ok" then, with the specialties unknown, gets an example naming none', async () => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    await d.say('qual o endereço?');
    expect((await d.say('quero marcar')).reply).toBe('Claro! Com qual especialidade ou profissional?');
    // the clinic's specialties cannot be read: what kind of answer is meant, without naming any
    w.failing.add('clinicInfo');
    expect(await d.say('ok')).toMatchObject({
      state: 'collecting',
      reply: 'Com qual especialidade ou profissional? Pode escrever o nome da especialidade ou do profissional.',
    });
  });
});

describe('"não sei" to "Para quando?"', () => {
  const LEAD = 'Sem problemas! Vou mostrar os horários mais próximos. Se preferir outro dia, é só me dizer, por exemplo: amanhã, sexta à tarde ou dia 10.';

  it.each(['nao sei', 'não sei ainda', 'sei lá', 'Não sei.'])('"%s" to a booking\'s question: the nearest times, and how to ask for another day', async (text) => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    expect((await d.say('quero marcar dermatologia')).reply).toBe('Olá, Maria! Para quando você prefere?');
    const turn = await d.say(text);
    expect(turn.state).toBe('offering');
    expect(turn.reply.startsWith(`${LEAD} Tenho estes horários de Dermatologia hoje (ter, 24/11):\n1) 13:00 com Dr. Rui Alves`)).toBe(true);
    expect(turn.reply.endsWith('Qual prefere?')).toBe(true);
  });

  it.each(['nao sei', 'não sei ainda', 'sei la'])('"%s" to a move\'s question: the same, the appointment kept as what is moved', async (text) => {
    const w = new FakeWorld(c);
    const rui = w.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const d = dialogue(w);
    expect((await d.say('quero remarcar minha consulta')).reply.endsWith('Para quando você quer remarcar?')).toBe(true);
    const turn = await d.say(text);
    expect(turn.state).toBe('offering');
    expect(turn.reply.startsWith(`${LEAD} Tenho estes horários com Dr. Rui Alves hoje (ter, 24/11):`)).toBe(true);
    expect(turn.options.every((o) => o.provider_id === rui.provider_id)).toBe(true);
    expect(w.searches.at(-1)!.facts.provider_ids).toEqual([rui.provider_id]);
  });

  it.each(['sei lá, qualquer dia', 'sei la tanto faz', 'nao sei, tanto faz'])('"%s" (not sure, and any day): the nearest times, no "não entendi"', async (text) => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar dermatologia');
    const turn = await d.say(text);
    expect(turn.state).toBe('offering');
    expect(turn.reply.startsWith(`${LEAD} Tenho estes horários de Dermatologia hoje (ter, 24/11):`)).toBe(true);
    expect(turn.reply).not.toContain('não entendi');
  });
});

describe('"não sei" to "Com qual especialidade ou profissional?"', () => {
  it.each(['não sei', 'nao sei', 'sei la'])('"%s": the clinic\'s specialties, and the question again', async (text) => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('quero marcar uma consulta')).reply).toBe('Olá, Maria! Com qual especialidade ou profissional?');
    const turn = await d.say(text);
    expect(turn).toMatchObject({
      state: 'collecting',
      reply:
        'Preciso saber a especialidade para procurar os horários. Atendemos Cardiologia, Clínica Geral, Dermatologia, Ginecologia, Oftalmologia, Ortopedia e Pediatria. Qual delas você prefere?',
    });
    expect((await d.say('dermato')).reply).toBe('Para quando você prefere?');
  });
});

describe('clinic questions keep the dialogue where it was', () => {
  it('the address, while offering: answer, then the pending question, options unchanged', async () => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('cardio quarta a tarde');
    const turn = await d.say('qual o endereço?');
    expect(turn.state).toBe('offering');
    expect(turn.options).toEqual(offer.options);
    expect(turn.reply).toBe(
      'Nossos endereços: Unidade Centro — Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG; Unidade Savassi — Rua Pernambuco, 1000 - Savassi, Belo Horizonte - MG. Qual prefere?',
    );
    const pick = await d.say('2');
    expect(pick.state).toBe('confirming');
  });

  it('the address of the location named', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marcar pediatra');
    const turn = await d.say('onde fica a unidade savassi?');
    expect(turn).toMatchObject({
      state: 'collecting',
      reply: 'Endereço da Unidade Savassi: Rua Pernambuco, 1000 - Savassi, Belo Horizonte - MG. Para quando você prefere?',
    });
  });

  it('opening hours on a day: all locations; while confirming, the location in play', async () => {
    const d = dialogue(new FakeWorld(c));
    const all = await d.say('vcs abrem sabado?');
    expect(all.reply).toBe('Olá, Maria! No sábado, 28/11: Unidade Centro, das 08:00 às 12:00; Unidade Savassi, das 08:00 às 12:00. Posso ajudar em mais alguma coisa?');
    await d.say('cardio quarta a tarde');
    const confirm = await d.say('1');
    const turn = await d.say('vcs abrem sabado?');
    expect(turn.state).toBe('confirming');
    expect(turn.reply).toBe(`No sábado, 28/11: Unidade Savassi, das 08:00 às 12:00. ${confirm.reply}`);
  });

  it('opening hours in general, what to bring and the price', async () => {
    const d = dialogue(new FakeWorld(c));
    const hours = await d.say('qual o horario de funcionamento?');
    expect(hours.state).toBe('idle');
    expect(hours.reply).toContain('Unidade Savassi: de segunda a sexta, das 08:00 às 18:00 e aos sábados, das 08:00 às 12:00.');
    const bring = await d.say('o que preciso levar?');
    expect(bring.reply).toBe('Traga um documento com foto, a carteirinha do convênio, se tiver, e exames ou receitas recentes. Posso ajudar em mais alguma coisa?');
    const price = await d.say('quanto custa?');
    expect(price.reply).toMatch(/^Os valores dependem do tipo de atendimento e do convênio/);
  });

  it.each([
    ['qual o horário da unidade savassi sábado?', 'e no centro?', 'No sábado, 28/11: Unidade Centro, das 08:00 às 12:00. Posso ajudar em mais alguma coisa?'],
    ['qual o horario da unidade savassi sabado?', 'e no centro', 'No sábado, 28/11: Unidade Centro, das 08:00 às 12:00. Posso ajudar em mais alguma coisa?'],
    ['qual o horário da unidade savassi sábado?', 'e no domingo?', 'No domingo, 29/11, não abrimos. Posso ajudar em mais alguma coisa?'],
    ['qual o horario da unidade centro sabado?', 'e na segunda?', 'Na segunda, 30/11: Unidade Centro, das 07:30 às 18:30. Posso ajudar em mais alguma coisa?'],
    ['onde fica a unidade savassi?', 'e a do centro?', 'Endereço da Unidade Centro: Av. Afonso Pena, 1000 - Centro, Belo Horizonte - MG. Posso ajudar em mais alguma coisa?'],
  ])('a short follow-up right after an opening hours answer asks the same of another place or day: "%s", "%s"', async (question, followUp, answer) => {
    const d = dialogue(new FakeWorld(c));
    const first = await d.say(question);
    expect(first.state).toBe('idle');
    const turn = await d.say(followUp);
    expect(turn).toMatchObject({ state: 'idle', reply: answer });
  });

  it('follow-ups chain, each keeping what it does not change; one turn later the question is gone', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('qual o horário da unidade savassi sábado?');
    expect((await d.say('e no centro?')).reply).toBe('No sábado, 28/11: Unidade Centro, das 08:00 às 12:00. Posso ajudar em mais alguma coisa?');
    expect((await d.say('e na segunda?')).reply).toBe('Na segunda, 30/11: Unidade Centro, das 07:30 às 18:30. Posso ajudar em mais alguma coisa?');
    await d.say('quero marcar cardio');
    const turn = await d.say('e no centro?');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toBe('Para quando você prefere?');
  });

  it.each([
    ['quanto tempo dura a consulta?', 'e o retorno?'],
    ['quanto tempo demora a consulta', 'e a revisao?'],
  ])('"%s", then "%s": how long that type takes, not a booking of it', async (question, followUp) => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say(question)).reply).toContain('A consulta dura cerca de 30 minutos.');
    const turn = await d.say(followUp);
    expect(turn).toMatchObject({ state: 'idle', reply: 'O retorno dura cerca de 20 minutos. Posso ajudar em mais alguma coisa?' });
  });

  it('while consultas are on offer, "quanto tempo dura o retorno?" / "e o retorno?" is of the retorno, not of the times in play', async () => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('marcar cardio amanha');
    expect((await d.say('quanto tempo dura a consulta?')).reply).toBe('O atendimento dura cerca de 30 minutos. Qual prefere?');
    const turn = await d.say('e o retorno?');
    expect(turn).toMatchObject({ state: 'offering', reply: 'O retorno dura cerca de 20 minutos. Qual prefere?' });
    expect(turn.options).toEqual(offer.options);
    expect((await d.say('quanto tempo dura o retorno?')).reply).toBe('O retorno dura cerca de 20 minutos. Qual prefere?');
  });

  it('"quanto custa a consulta?", then "e o retorno?": the price answer again, not a booking of a retorno', async () => {
    const d = dialogue(new FakeWorld(c));
    const price = (await d.say('quanto custa a consulta?')).reply;
    expect(price).toContain('Os valores dependem do tipo de atendimento e do convênio');
    const turn = await d.say('e o retorno?');
    expect(turn.state).toBe('idle');
    expect(turn.reply).toBe('Os valores dependem do tipo de atendimento e do convênio; a nossa recepção informa o valor exato. Posso ajudar em mais alguma coisa?');
  });

  it('"e amanhã?" after how long a visit takes asks nothing of its length: read as before', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quanto tempo dura a consulta?');
    expect((await d.say('e amanha?')).reply).not.toContain('dura cerca de');
  });

  it('while times are on offer: the follow-up is answered and the options stay', async () => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('cardio quarta a tarde');
    await d.say('qual o horário da unidade savassi sábado?');
    const turn = await d.say('e no centro?');
    expect(turn).toMatchObject({ state: 'offering', reply: 'No sábado, 28/11: Unidade Centro, das 08:00 às 12:00. Qual prefere?' });
    expect(turn.options).toEqual(offer.options);
  });
});

describe('a booking, then a clinic question, in one message', () => {
  const PRICE = 'Os valores dependem do tipo de atendimento e do convênio; a nossa recepção informa o valor exato.';

  it.each(['cardio amanha e quanto custa?', 'cardio amanhã, e quanto custa?', 'cardio amanha. quanto custa?'])(
    '"%s" as the first message: the price answered and cardiology tomorrow offered, as with the question first; one books',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const questionFirst = await dialogue(new FakeWorld(c)).say('quanto custa? e tem cardio amanha?');
      const turn = await d.say(message);
      expect(turn.state).toBe('offering');
      expect(turn.reply).toBe(questionFirst.reply);
      expect(turn.reply).toContain(PRICE);
      expect(turn.options.length).toBeGreaterThan(0);
      expect(turn.options.every((o) => o.specialty === 'Cardiologia' && o.date === '2026-11-25')).toBe(true);
      expect((await d.say('1')).state).toBe('confirming');
      expect((await d.say('sim')).state).toBe('done');
      expect(world.bookings).toBe(1);
    },
  );

  it('after a finished exchange, and naming a provider and the address: answered, and the booking goes on', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('qual o horario de funcionamento?');
    const turn = await d.say('dra ana sexta, e qual o endereço?');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain('Nossos endereços:');
    expect(turn.options.length).toBeGreaterThan(0);
    expect(turn.options.every((o) => o.provider_name === 'Dra. Ana Souza' && o.date === '2026-11-27')).toBe(true);
  });

  it.each([
    ['amanha e quanto custa?', PRICE],
    // the price of that specialty, not a booking of it
    ['cardio, quanto custa?', PRICE],
    ['sou paciente da dra ana, onde fica a clinica?', 'Nossos endereços:'],
  ])('only a day, or only whom, before the question books nothing: "%s" gets the answer alone', async (message, answer) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(message);
    expect(turn.state).toBe('idle');
    expect(turn.reply).toContain(answer);
    expect(turn.reply).toMatch(/Posso ajudar em mais alguma coisa\?$/);
    expect(world.searches).toEqual([]);
  });
});

describe('"vcs atendem criança?" is answered from the catalog', () => {
  it('with no specialty for children: no information here, a person offered, nothing booked', async () => {
    const world = new FakeWorld(c);
    const full = world.clinicInfo();
    world.clinicInfo = () => ({ ...full, specialties: full.specialties.filter((s) => s !== 'Pediatria') });
    const d = dialogue(world);
    const turn = await d.say('vcs atendem criança?');
    expect(turn).toMatchObject({
      state: 'done',
      reply: 'Olá, Maria! Não tenho aqui informações sobre atendimento de crianças. Quer que eu chame um atendente para responder?',
    });
    expect((await d.say('sim')).state).toBe('handoff');
    expect(world.handoffs).toHaveLength(1);
    expect(world.appointments).toHaveLength(0);
  });

  it('with Pediatria: yes, and whether to book it', async () => {
    const d = dialogue(new FakeWorld(c));
    expect(await d.say('atende criança?')).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Sim, atendemos crianças na Pediatria. Quer marcar?' });
    expect(await d.say('sim')).toMatchObject({ state: 'collecting', reply: 'Para quando você prefere?' });
  });
});

describe('the clinic’s specialties', () => {
  it('a specialty the clinic lacks: the ones it has, and the question for another, keeping the rest', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('quero marcar neurologista sexta a tarde');
    expect(turn).toMatchObject({
      state: 'collecting',
      reply:
        'Olá, Maria! Infelizmente a clínica não tem atendimento de Neurologia. As especialidades que atendemos são Cardiologia, ' +
        'Clínica Geral, Dermatologia, Ginecologia, Oftalmologia, Ortopedia e Pediatria. Com qual especialidade ou profissional?',
    });
    expect(world.searches).toHaveLength(0);
    const next = await d.say('pediatra');
    expect(next.state).toBe('offering');
    expect(world.searches.at(-1)!.facts).toMatchObject({ specialty: 'Pediatria', date_from: '2026-11-27', period: 'tarde' });
  });

  it('asks the clinic once for a specialty, and again when the patient changes it', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio amanha');
    expect(world.clinicInfoReads).toBe(1);
    await d.say('tem mais tarde?');
    await d.say('de manha');
    expect(world.clinicInfoReads).toBe(1);
    const changed = await d.say('na verdade prefiro dermato');
    expect(changed.state).toBe('offering');
    expect(world.clinicInfoReads).toBe(2);
  });

  it('several asked together: those the clinic lacks are named and left out, the booking goes on with the others', async () => {
    for (const message of ['quero marcar neuro e cardio amanha', 'quero marcar cardio e neuro amanha']) {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.state, message).toBe('offering');
      expect(turn.reply, message).toMatch(/^Olá, Maria! Infelizmente a clínica não tem atendimento de Neurologia\. Tenho estes horários de Cardiologia amanhã/);
      expect(turn.reply, message).not.toContain('uma de cada vez');
      expect(world.searches.map((s) => s.facts.specialty)).toEqual(['Cardiologia']);
    }
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const three = await d.say('quero marcar neuro, cardio e dermato amanha');
    expect(three.reply).toMatch(
      /^Olá, Maria! Infelizmente a clínica não tem atendimento de Neurologia\. Vamos marcar uma de cada vez: primeiro Cardiologia, depois Dermatologia\. Tenho estes horários de Cardiologia/,
    );
    const none = await dialogue(new FakeWorld(c)).say('quero marcar neuro e psiquiatra');
    expect(none.state).toBe('collecting');
    expect(none.reply).toMatch(/^Olá, Maria! Infelizmente a clínica não tem atendimento de Neurologia e Psiquiatria\. As especialidades que atendemos são /);
  });

  it('a provider named is not checked against the specialties', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('quero marcar com a dra ana amanha');
    expect(turn.state).toBe('offering');
    expect(world.clinicInfoReads).toBe(0);
  });
});

describe('"cancelar" in the middle of a booking', () => {
  async function offering() {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const offer = await d.say('cardio quarta a tarde');
    const ask = await d.say('cancelar');
    expect(ask).toMatchObject({ state: 'cancel_or_stop', reply: 'Você quer parar este agendamento ou desmarcar uma consulta já marcada?', options: [] });
    return { world, d, offer };
  }

  it('"parar" stops the booking', async () => {
    const { d } = await offering();
    const turn = await d.say('parar');
    expect(turn).toMatchObject({ state: 'done', reply: 'Tudo bem, parei este agendamento. Posso ajudar em mais alguma coisa?' });
  });

  it('"desmarcar a consulta marcada" goes to the cancel flow', async () => {
    const { world, d } = await offering();
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    const turn = await d.say('desmarcar a consulta marcada');
    expect(turn.state).toBe('confirming_cancel');
  });

  it('"continuar" goes back to the options', async () => {
    const { d, offer } = await offering();
    const turn = await d.say('continuar');
    expect(turn).toMatchObject({ state: 'offering', reply: 'Qual prefere?' });
    expect(turn.options).toEqual(offer.options);
  });

  it('from collecting and confirming too', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marcar cardio');
    expect((await d.say('cancela')).state).toBe('cancel_or_stop');
    expect((await d.say('nao')).state).toBe('collecting');
  });
});

describe('handoff', () => {
  it('after three turns in a row not understood, hands off and then stays quiet', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say('asdfgh');
    expect(first).toMatchObject({ state: 'idle', reply: 'Olá, Maria! Desculpe, não entendi. Posso marcar, remarcar ou desmarcar consultas. O que você precisa?' });
    const second = await d.say('qwerty uiop');
    expect(second).toMatchObject({ state: 'idle', reply: 'Desculpe, não entendi. Posso marcar, remarcar ou desmarcar consultas. O que você precisa?' });
    const third = await d.say('zzz');
    expect(third).toMatchObject({
      state: 'handoff',
      reply: 'Desculpe, não estou conseguindo entender. Vou chamar um atendente para continuar com você. Aguarde um momento, por favor.',
    });
    expect(world.handoffs).toEqual(['not_understood']);
    for (const text of ['oi', 'quero marcar cardio amanha', 'alo?']) {
      expect(await d.say(text)).toMatchObject({ state: 'handoff', reply: '', options: [], appointmentId: null });
    }
    expect(world.handoffs).toHaveLength(1);
    expect(world.searches).toHaveLength(0);
  });

  it('not understood inside a flow repeats the pending question', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('marcar cardio');
    expect(await d.say('blablabla')).toMatchObject({ state: 'collecting', reply: 'Desculpe, não entendi. Para quando você prefere?' });
  });

  it('an understood turn resets the count', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('asdfgh');
    await d.say('qwerty');
    await d.say('bom dia');
    await d.say('zzz');
    const turn = await d.say('xyz');
    expect(turn.state).toBe('idle');
    expect(world.handoffs).toHaveLength(0);
  });

  it('on request, at any point; RELEASE hands the conversation back', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('cardio quarta a tarde');
    const turn = await d.say('quero falar com um atendente');
    expect(turn).toMatchObject({ state: 'handoff', reply: 'Vou chamar um atendente para continuar com você. Aguarde um momento, por favor.', options: [] });
    expect(world.handoffs).toEqual(['asked']);
    expect(d.release().state).toBe('idle');
    const back = await d.say('bom dia');
    expect(back.reply).toBe('Bom dia, Maria! Como posso ajudar? Posso marcar, remarcar ou desmarcar consultas.');
  });
});

describe('snapshots', () => {
  it('a persisted snapshot, through JSON, continues the same dialogue in a new actor', async () => {
    const world = new FakeWorld(c);
    const first = dialogue(world);
    const offer = await first.say('oi, queria marcar cardiologista amanha de manha');
    const saved = first.persisted();
    first.stop();

    const second = dialogue(world, { snapshot: saved });
    const confirm = await second.say('2');
    expect(confirm.state).toBe('confirming');
    expect(confirm.reply).toContain(`às ${offer.options[1]!.start_time}`);
    const again = dialogue(world, { snapshot: second.persisted() });
    const done = await again.say('sim');
    expect(done.state).toBe('done');
    expect(world.appointments[0]!.start_at).toBe(offer.options[1]!.start_at);
  });

  it('is small, plain JSON in every resting state of a long dialogue', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
    world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-12-03', time: '15:00' });
    let d = dialogue(world);
    const script = ['bom dia', 'marcar consulta', 'dermato', 'semana q vem a tarde', 'qual o endereço?', '1', 'sim', 'desmarcar', '1', 'sim', 'asdf'];
    for (const text of script) {
      await d.say(text);
      const snapshot = d.persisted();
      const plain = snapshot as unknown as { value: string; context: Record<string, unknown>; children: object };
      expect(RESTING_STATES).toContain(plain.value);
      expect(plain.children).toEqual({});
      expect(plain.context.understanding).toBeNull();
      expect(JSON.stringify(snapshot).length).toBeLessThan(12_000);
      d = dialogue(world, { snapshot });
    }
  });

  it('every resting state carries the tag and the runtime can tell them apart', () => {
    for (const state of RESTING_STATES) {
      const node = bookingMachine.states[state];
      expect(node, state).toBeDefined();
      expect(node!.tags).toContain('resting');
    }
    const transient = Object.keys(bookingMachine.states).filter((s) => !(RESTING_STATES as readonly string[]).includes(s));
    for (const state of transient) expect(bookingMachine.states[state]!.tags).not.toContain('resting');
  });

  it('the placeholder actors refuse to run unprovided', async () => {
    const { createActor, waitFor } = await import('xstate');
    const actor = createActor(bookingMachine, { input: { firstName: 'Maria', timezone: 'America/Sao_Paulo' } });
    actor.start();
    actor.send({ type: 'MESSAGE', text: 'oi', now: '2026-11-24T12:00:00.000Z' });
    const s = await waitFor(actor, (x) => x.hasTag('resting'));
    // the language layer is missing: the machine apologises instead of crashing
    expect(s.context.reply).toContain('Desculpe, não consegui ler a sua mensagem.');
  });
});

describe('being late and a clinic question in one message', () => {
  it('"vou chegar atrasada amanha, onde estaciono?": one reply, tomorrow\'s appointment named, the question answered, one person offered for both', async () => {
    const world = new FakeWorld(c);
    world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const d = dialogue(world);
    const turn = await d.say('vou chegar atrasada amanha, onde estaciono?');
    expect(turn.state).toBe('done');
    expect(turn.reply).toBe(
      'Olá, Maria! Obrigado por avisar! Amanhã você tem consulta de Cardiologia com Dra. Ana Souza às 09:00 (Unidade Centro). ' +
        'Por aqui eu não consigo avisar a recepção sozinho. Não tenho aqui informações sobre estacionamento. ' +
        'Quer que eu chame um atendente para avisar a recepção e responder sobre isso?',
    );
    expect((await d.say('sim')).state).toBe('handoff');
    expect(world.handoffs).toHaveLength(1);
  });
});

describe('the reminder promised after a booking', () => {
  it('a time later today gets its time restated, not a reminder "na véspera" that has already passed', async () => {
    const w = new FakeWorld(c);
    const d = dialogue(w);
    const offer = await d.say('quero marcar dermato hoje a tarde');
    expect(offer.options.every((o) => o.date === '2026-11-24')).toBe(true);
    await d.say('1');
    const done = await d.say('sim');
    expect(done.reply).toBe(`Pronto, está marcado para hoje, às ${offer.options[0]!.start_time}! Posso ajudar em mais alguma coisa?`);
    expect(w.bookings).toBe(1);
  });

  it.each(['pode me lembrar um dia antes?', 'vcs mandam lembrete?', 'vou receber um lembrete?'])(
    '"%s": yes, on the eve (it was "Não tenho aqui essa informação"); right after a booking for later today, none',
    async (question) => {
      const w = new FakeWorld(c);
      const d = dialogue(w);
      await d.say('quero marcar cardio amanha');
      await d.say('1');
      await d.say('sim');
      const asked = await d.say(question);
      expect(asked.reply).toBe('Sim! Enviamos um lembrete na véspera de cada consulta. Posso ajudar em mais alguma coisa?');
      expect(asked.state).toBe('done');

      const today = dialogue(new FakeWorld(c));
      const offer = await today.say('quero marcar dermato hoje a tarde');
      await today.say('1');
      await today.say('sim');
      expect((await today.say(question)).reply).toBe(
        `Sua consulta é hoje, às ${offer.options[0]!.start_time}, então não haverá lembrete na véspera. Para as próximas, enviamos um lembrete na véspera de cada consulta. Posso ajudar em mais alguma coisa?`,
      );
    },
  );

  it('asked at the times on offer: answered, and which one asked again', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio amanha');
    const turn = await d.say('vou receber lembrete?');
    expect(turn).toMatchObject({ state: 'offering', reply: 'Sim! Enviamos um lembrete na véspera de cada consulta. Qual prefere?' });
  });

  it('"recebi o lembrete, confirmo" is a confirmation, not a question of reminders', async () => {
    const w = new FakeWorld(c);
    w.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
    const turn = await dialogue(w).say('recebi o lembrete, confirmo');
    expect(turn.reply).not.toContain('Enviamos um lembrete');
    expect(w.appointments[0]!.status).toBe('confirmed');
  });

  it('a move to later today says "hoje" and promises no reminder; tomorrow still gets one', async () => {
    const w = new FakeWorld(c);
    const appointment = w.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-12-03', time: '15:00' });
    const d = dialogue(w);
    const offer = await d.say('quero remarcar minha consulta pra hoje a tarde');
    expect(offer.state).toBe('offering');
    await d.say('1');
    const moved = await d.say('sim');
    expect(moved.reply).toBe(`Pronto, sua consulta foi remarcada para hoje, às ${offer.options[0]!.start_time}. Posso ajudar em mais alguma coisa?`);
    expect(appointment.date).toBe('2026-11-24');

    const again = await d.say('quero remarcar pra amanha a tarde');
    expect(again.state).toBe('offering');
    await d.say('1');
    expect((await d.say('sim')).reply).toBe(
      `Pronto, sua consulta foi remarcada para quarta, 25/11, às ${again.options[0]!.start_time}. Enviaremos um lembrete na véspera. Posso ajudar em mais alguma coisa?`,
    );
  });
});
