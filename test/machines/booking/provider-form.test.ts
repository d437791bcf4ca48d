/**
 * A doctor asked for by form of address ("tem com médica mulher?", "queria uma médica", "prefiro doutora", "tem algum
 * médico homem?"): the title of the providers' display names (Dra. / Dr.) narrows the booking to them in the
 * specialty in play, lists them across specialties when there is none, and says so when none has it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const WOMEN =
  'Temos médicas em Cardiologia (Dra. Ana Souza), Ginecologia (Dra. Fernanda Rocha), Oftalmologia (Dra. Juliana Martins) e Pediatria (Dra. Beatriz Costa).';

describe('a doctor asked for by form of address', () => {
  it.each(['tem com médica mulher?', 'tem com medica mulher?', 'queria uma médica', 'queria uma medica', 'prefiro doutora'])(
    '"%s" with no specialty: the specialties with one, named; then the specialty narrows the booking to her',
    async (text) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      const first = await d.say(text);
      expect(first).toMatchObject({ state: 'collecting', reply: `Olá, Maria! ${WOMEN} Com qual especialidade ou profissional?` });
      const specialty = await d.say('cardio');
      expect(specialty).toMatchObject({ state: 'collecting', reply: 'Em Cardiologia, atende a Dra. Ana Souza. Para quando você prefere?' });
      const offer = await d.say('amanha');
      expect(offer.state).toBe('offering');
      expect(offer.options.length).toBeGreaterThan(0);
      expect(new Set(offer.options.map((o) => o.provider_name))).toEqual(new Set(['Dra. Ana Souza']));
      expect(world.searches.at(-1)!.facts.provider_ids).toEqual([world.provider('Dra. Ana Souza').id]);
    },
  );

  it.each(['tem com medica mulher?', 'prefiro doutora'])('"%s" while cardiology times are on offer: her times only', async (text) => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('quero marcar cardio amanha');
    expect(new Set(offer.options.map((o) => o.provider_name))).toEqual(new Set(['Dr. Paulo Lima', 'Dra. Ana Souza']));
    const turn = await d.say(text);
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Em Cardiologia, atende a Dra\. Ana Souza\. Tenho estes horários com Dra\. Ana Souza amanhã \(qua, 25\/11\):\n/);
    expect(turn.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
  });

  it('a specialty with no doctor of that form: said so, and the times of whom there is stay', async () => {
    const d = dialogue(new FakeWorld(c));
    const offer = await d.say('quero marcar dermato amanha');
    const turn = await d.say('prefiro doutora');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Em Dermatologia não temos médica\. Tenho estes horários de Dermatologia amanhã/);
    expect(turn.options).toEqual(offer.options);
  });

  it('"queria uma médica pra cardio amanhã": narrowed at once', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('queria uma medica pra cardio amanha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(/^Olá, Maria! Em Cardiologia, atende a Dra\. Ana Souza\. Tenho estes horários com Dra\. Ana Souza amanhã/);
  });

  it('"tem algum médico homem?": the men named by specialty; with cardiology, him', async () => {
    const d = dialogue(new FakeWorld(c));
    const first = await d.say('tem algum médico homem?');
    expect(first).toMatchObject({
      state: 'collecting',
      reply:
        'Olá, Maria! Temos médicos homens em Cardiologia (Dr. Paulo Lima), Clínica Geral (Dr. Marcos Pereira), Dermatologia (Dr. Rui Alves) e Ortopedia (Dr. Carlos Mendes). Com qual especialidade ou profissional?',
    });
    const pediatrics = await d.say('pediatra');
    expect(pediatrics.reply).toBe('Em Pediatria não temos médico homem. Para quando você prefere?');
    const other = dialogue(new FakeWorld(c));
    const cardio = await other.say('tem algum medico homem de cardio?');
    expect(cardio).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Em Cardiologia, atende o Dr. Paulo Lima. Para quando você prefere?' });
  });

  it('"consulta médica" and "minha mulher" ask for no one', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('preciso de uma consulta médica amanhã')).reply).toBe('Olá, Maria! Com qual especialidade ou profissional?');
    const other = dialogue(new FakeWorld(c));
    expect((await other.say('minha mulher quer marcar cardio')).reply).toBe('Olá, Maria! Para quando você prefere?');
  });
});
