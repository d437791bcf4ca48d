/**
 * Questions about a provider that are no booking: where they are ("cadê o dr paulo?", "o dr paulo tá aí hoje?"),
 * their hours with where that is ("quais dias a dra ana atende? e onde fica?"), and what the clinic has no data on
 * ("o dr paulo atende criança?"). Each gets its answer and at most one question ("Quer marcar?").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const PAULO_WEEK = 'O Dr. Paulo Lima atende na Unidade Savassi de segunda a sábado, das 08:00 às 12:00, e na Unidade Centro às terças e quintas, das 14:00 às 18:00.';

describe('where a provider is, asked', () => {
  // the harness's clock: Tuesday 24/11, 09:00 in São Paulo
  it.each(['cadê o dr paulo?', 'cade o dr paulo', 'o dr paulo ta ai hoje?', 'o dr paulo tá aí hoje?', 'kd o dr paulo?', 'dr paulo ja chegou?', 'o dr paulo ta aii hj?'])(
    '"%s": where and when he works, whether (and where) he works today, then "Quer marcar?"; no times offered',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const turn = await d.say(message);
      expect(turn.reply).toContain(PAULO_WEEK);
      expect(turn.reply).toContain('Hoje (ter, 24/11), ele atende na Unidade Savassi, das 08:00 às 12:00, e na Unidade Centro, das 14:00 às 18:00. Quer marcar?');
      expect(turn.state).toBe('collecting');
      expect(turn.options).toEqual([]);
      // a yes books with him (today when "hoje" was asked, else the day is asked)
      let yes = await d.say('sim');
      if (yes.state === 'collecting') yes = await d.say('sexta');
      expect(yes.state).toBe('offering');
      expect(yes.options.every((o) => o.provider_name === 'Dr. Paulo Lima')).toBe(true);
    },
  );

  it('on a day he does not work: said so', async () => {
    const d = dialogue(new FakeWorld(c));
    d.at('2026-11-29T13:00:00.000Z');
    const turn = await d.say('cadê o dr paulo?');
    expect(turn.reply).toContain(PAULO_WEEK);
    expect(turn.reply).toContain('Hoje (dom, 29/11), ele não atende.');
  });

  it('after today’s hours are over: said so', async () => {
    const d = dialogue(new FakeWorld(c));
    d.at('2026-11-24T22:00:00.000Z');
    const turn = await d.say('a dra ana ta ai hoje?');
    expect(turn.reply).toContain('Hoje (ter, 24/11), ela atendeu na Unidade Centro, das 08:00 às 12:00; esse horário já terminou.');
  });

  it('"cadê o dr paulo, ele tá atrasado?": whether he is late is not known here; no hours given as if it were', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('cade o dr paulo, ele ta atrasado?');
    expect(turn.reply).toContain('Não tenho aqui essa informação sobre o Dr. Paulo Lima.');
    expect(turn.reply).not.toContain('Hoje (');
  });

  it('while booking: his places and today’s hours, then whether to book with him; the booking is not moved to him silently', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    const turn = await d.say('cade o dr paulo?');
    expect(turn.reply).toContain(PAULO_WEEK);
    expect(turn.reply).toContain('Hoje (ter, 24/11), ele atende');
    expect(turn.reply).toMatch(/Quer marcar com ele\?$/);
    expect((await d.say('não')).reply).toContain('Para quando');
  });

  it('"o dr paulo vai estar ai sexta?": that day, yes or no (no "today")', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('o dr paulo vai estar ai sexta?');
    expect(turn.reply).toContain('Sim, o Dr. Paulo Lima atende na Unidade Savassi às sextas');
    expect(turn.reply).not.toContain('Hoje');
  });
});

describe('hours and where, asked together', () => {
  const CENTRO = 'Av. Afonso Pena, 1000';
  const SAVASSI = 'Rua Pernambuco, 1000';

  it.each(['quais dias a dra ana atende? e onde fica?', 'quais dias a dra ana atende? onde fica?', 'que dias a dra ana atende e qual o endereço?'])(
    '"%s": her hours and the addresses of the units she works at, in one reply with one question',
    async (message) => {
      const d = dialogue(new FakeWorld(c));
      const turn = await d.say(message);
      expect(turn.reply).toContain('A Dra. Ana Souza atende na Unidade Centro de segunda a sexta');
      expect(turn.reply).toContain(CENTRO);
      expect(turn.reply).toContain(SAVASSI);
      expect(turn.reply).toMatch(/Quer marcar\?$/);
    },
  );

  it('only the units of the provider (and of the day asked) are given', async () => {
    const d = dialogue(new FakeWorld(c));
    const rui = await d.say('que horas o dr rui atende e qual o endereço?');
    expect(rui.reply).toContain(`Endereço da Unidade Centro: ${CENTRO}`);
    expect(rui.reply).not.toContain(SAVASSI);
    const d2 = dialogue(new FakeWorld(c));
    const saturday = await d2.say('o dr paulo atende sábado? onde fica?');
    expect(saturday.reply).toContain('Sim, o Dr. Paulo Lima atende na Unidade Savassi aos sábados');
    expect(saturday.reply).toContain(`Endereço da Unidade Savassi: ${SAVASSI}`);
    expect(saturday.reply).not.toContain(CENTRO);
  });

  it('"quais dias a dra ana atende? quanto custa?": the hours are not dropped for the price answer', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('quais dias a dra ana atende? quanto custa?');
    expect(turn.reply).toContain('A Dra. Ana Souza atende na Unidade Centro');
    expect(turn.reply).toContain('Os valores dependem do tipo de atendimento');
    expect(turn.reply).toMatch(/Quer marcar\?$/);
  });
});

describe('whether a provider sees children', () => {
  it.each([
    ['queria saber se o dr paulo atende criança', 'o Dr. Paulo Lima', 'O Dr. Paulo Lima atende na Unidade Savassi'],
    ['a dra ana atende criança?', 'a Dra. Ana Souza', 'A Dra. Ana Souza atende na Unidade Centro'],
    ['o dr rui atende bebe?', 'o Dr. Rui Alves', 'O Dr. Rui Alves atende na Unidade Centro'],
  ])('"%s": no such information here, a person offered, then the hours; never a yes or a no', async (message, who, hours) => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say(message);
    expect(turn.reply).toContain(`Não tenho aqui a informação se ${who} atende crianças. Se quiser, é só pedir que eu chamo um atendente para responder.`);
    expect(turn.reply).toContain(hours);
    expect(turn.reply).not.toMatch(/Sim,|Não atende|não atende crianças/);
    expect(turn.reply).toMatch(/Quer marcar\?$/);
    expect(world.handoffs).toEqual([]);
  });

  it('"quais dias a dra ana atende? ela atende criança?": the children question is of her, not the clinic’s Pediatria', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('quais dias a dra ana atende? ela atende criança?');
    expect(turn.reply).toContain('Não tenho aqui a informação se a Dra. Ana Souza atende crianças.');
    expect(turn.reply).not.toContain('atendemos crianças');
  });

  it('a pediatrician asked about: of Pediatria, said as such', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('a dra beatriz atende crianca?');
    expect(turn.reply).toContain('A Dra. Beatriz Costa é da área de Pediatria e atende na Unidade Savassi');
    expect(turn.reply).not.toContain('Não tenho aqui');
  });

  it('the clinic asked ("vcs atendem criança?") is still answered from its Pediatria', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('vcs atendem criança?')).reply).toContain('Sim, atendemos crianças na Pediatria.');
  });
});
