/**
 * A provider's hours asked, then another clinic question in the same message ("o dr paulo atende sábado? quanto
 * custa?"): both are answered, the hours first, before whether to book with them. The second question was dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

describe("a provider's hours, then another question", () => {
  it('"o dr paulo atende sabado? quanto custa?": the Saturday hours, the price answer, then whether to book; "sim" books with him', async () => {
    const world = new FakeWorld(c);
    const d = dialogue(world);
    const turn = await d.say('o dr paulo atende sabado? quanto custa?');
    expect(turn.reply).toContain('Sim, o Dr. Paulo Lima atende na Unidade Savassi aos sábados');
    expect(turn.reply).toContain('Os valores dependem do tipo de atendimento');
    expect(turn.reply.indexOf('aos sábados')).toBeLessThan(turn.reply.indexOf('Os valores'));
    expect(turn.reply).toMatch(/Quer marcar\?$/);
    const yes = await d.say('sim');
    expect(yes.state).toBe('offering');
    expect(yes.reply).toContain('com Dr. Paulo Lima');
    expect(world.appointments).toHaveLength(0);
  });

  it('the hours alone still end with whether to book, and nothing else', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('o dr paulo atende sabado?');
    expect(turn.reply).not.toContain('Os valores');
    expect(turn.reply).toMatch(/Quer marcar\?$/);
  });
});
