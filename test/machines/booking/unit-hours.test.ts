/**
 * A unit's opening hours asked by its distinctive word after "do/da/no/na" ("qual o horario do centro?"): that unit's
 * hours, as "…da unidade savassi" already was. These started a booking ("Com qual especialidade ou profissional?").
 * The patient's own appointment and a provider's hours, asked the same way, keep their answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const CENTRO = 'Unidade Centro: às segundas, das 07:30 às 18:30';
const SAVASSI = 'Unidade Savassi: de segunda a sexta, das 08:00 às 18:00';

describe('opening hours of a unit named by its distinctive word', () => {
  for (const [text, hours, other] of [
    ['qual o horario do centro?', CENTRO, 'Unidade Savassi'],
    ['qual o horário da savassi?', SAVASSI, 'Unidade Centro'],
    ['que horas abre o centro?', CENTRO, 'Unidade Savassi'],
    ['qual o horario da unidade savassi?', SAVASSI, 'Unidade Centro'],
    ['horarios do centro', CENTRO, 'Unidade Savassi'],
  ] as const) {
    it(`"${text}": that unit's hours only, no booking started`, async () => {
      const turn = await dialogue(new FakeWorld(c)).say(text);
      expect(turn.reply).toContain(hours);
      expect(turn.reply).not.toContain(other);
      expect(turn.reply).not.toContain('Com qual especialidade ou profissional?');
      expect(turn.state).toBe('idle');
    });
  }

  it('asked while booking, the unit\'s hours are answered and the pending question asked again', async () => {
    const d = dialogue(new FakeWorld(c));
    await d.say('quero marcar cardio');
    const turn = await d.say('qual o horario do centro?');
    expect(turn.reply).toContain(CENTRO);
    expect(turn.reply).toMatch(/Para quando você prefere\?$/);
  });

  it('"qual o horario da minha consulta?" still reads the patient\'s appointments, not a unit\'s hours', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('qual o horario da minha consulta?');
    expect(turn.reply).not.toContain('Unidade Centro: às');
    expect(turn.reply).not.toContain('Unidade Savassi: de');
    expect(turn.reply).not.toContain('Com qual especialidade ou profissional?');
  });

  it('"qual o horario da dra ana?" still answers where and when she works', async () => {
    const turn = await dialogue(new FakeWorld(c)).say('qual o horario da dra ana?');
    expect(turn.reply).toContain('A Dra. Ana Souza é da área de Cardiologia e atende na Unidade Centro');
    expect(turn.reply).not.toContain('Unidade Centro: às');
  });
});
