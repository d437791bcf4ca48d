/**
 * "qualquer médico", "tanto faz o médico" while booking a specialty: no doctor preferred. Taken in (it was "Desculpe, não
 * entendi"), never read as any day, and to the times of a doctor named, the times of any doctor of the specialty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe('any doctor of the specialty', () => {
  it.each(['qualquer medico', 'tanto faz o médico', 'pode ser com qualquer profissional', 'Qualquer médico serve', 'sem preferência de médico'])(
    '"%s" at "Para quando?": taken in, and when asked again (no day taken, no strike)',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      await d.say('quero marcar cardio');
      const turn = await d.say(message);
      expect(turn.reply).toBe('Certo, com qualquer profissional de Cardiologia. Para quando você prefere?');
      expect(turn.state).toBe('collecting');
      expect(world.searches).toHaveLength(0);
      const offer = await d.say('amanha de manha');
      expect(offer.state).toBe('offering');
      expect(offer.options.every((o) => o.specialty === 'Cardiologia' && o.date === '2026-11-25')).toBe(true);
    },
  );

  it('to the times of the doctor named: the times of any doctor of the specialty, that day', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const first = await d.say('quero marcar cardio com a dra ana amanha');
    expect(first.options.every((o) => o.provider_name === 'Dra. Ana Souza')).toBe(true);
    const turn = await d.say('pode ser qualquer médico');
    expect(turn.reply.startsWith('Certo, com qualquer profissional de Cardiologia. Tenho estes horários de Cardiologia amanhã')).toBe(true);
    expect(turn.state).toBe('offering');
    expect(new Set(turn.options.map((o) => o.provider_name)).size).toBeGreaterThan(1);
    expect(world.searches.at(-1)!.facts).toMatchObject({ specialty: 'Cardiologia', provider_ids: [], date_from: '2026-11-25' });
  });

  it('"qualquer um" at "Para quando?" is still any day (the nearest times)', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    await d.say('quero marcar cardio');
    const offer = await d.say('qualquer um');
    expect(offer.state).toBe('offering');
    expect(offer.reply).not.toContain('Certo, com qualquer profissional');
  });
});

describe('any doctor before a specialty is known', () => {
  it.each(['qualquer médico', 'tanto faz o médico', 'sem preferência de médico'])(
    '"%s" to "Com qual especialidade ou profissional?": the specialties listed (as "tanto faz"), not "não entendi"',
    async (message) => {
      const world = new FakeWorld(c);
      const d = dialogue(world);
      await d.say('quero marcar uma consulta amanhã');
      const turn = await d.say(message);
      expect(turn.reply).toMatch(/^Preciso saber a especialidade para procurar os horários\. Atendemos .*Cardiologia.*\. Qual delas você prefere\?$/);
      expect(turn.state).toBe('collecting');
      const offer = await d.say('cardio');
      expect(offer.state).toBe('offering');
      expect(world.searches.at(-1)!.facts).toMatchObject({ specialty: 'Cardiologia', date_from: '2026-11-25' });
    },
  );
});
