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
  it.each(['cadê o dr paulo?', 'cade o dr paulo', 'o dr paulo ta ai hoje?', 'o dr paulo tá aí hoje?', 'kd o dr paulo?', 'dr paulo ja chegou?'])(
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

  it('"o dr paulo vai estar ai sexta?": that day, yes or no (no "today")', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('o dr paulo vai estar ai sexta?');
    expect(turn.reply).toContain('Sim, o Dr. Paulo Lima atende na Unidade Savassi às sextas');
    expect(turn.reply).not.toContain('Hoje');
  });
});
