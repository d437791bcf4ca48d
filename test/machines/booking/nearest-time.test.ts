/**
 * "qual o próximo horário livre da dermato?", "quando tem a próxima vaga com a dra ana?": the nearest free times asked,
 * searched at once (they got "Para quando você prefere?", or, of a doctor named, "Não tenho aqui essa informação").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('the next free time asked', () => {
  it.each([
    ['qual o próximo horário livre da dermato?', 'Dermatologia'],
    ['qual o horario mais proximo pra cardio?', 'Cardiologia'],
    ['tem vaga mais próxima de ortopedia?', 'Ortopedia'],
  ])('"%s": the nearest times of the specialty', async (message, specialty) => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say(message);
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('Para quando');
    expect(turn.options.every((o) => o.specialty === specialty)).toBe(true);
    expect(world.searches.at(-1)!.facts).toMatchObject({ any_date: true });
  });

  it.each([
    ['quando tem a próxima vaga com a dra ana?', 'Dra. Ana Souza'],
    ['qual a proxima vaga do dr paulo', 'Dr. Paulo Lima'],
  ])('"%s": the doctor’s nearest times, not a question about them', async (message, provider) => {
    const world = new FakeWorld(c);
    const turn = await dialogue(world).say(message);
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('Não tenho aqui essa informação');
    expect(turn.options.every((o) => o.provider_name === provider)).toBe(true);
  });
});
