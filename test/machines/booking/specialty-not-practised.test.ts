/**
 * A specialty asked with a provider who does not practise it ("cardio com o dr rui", Dr. Rui being the demo clinic's
 * dermatologist): the booking goes on with him, as before, but it is said, with his own specialty and how to have the
 * specialty asked instead; "cardio" said next offers the cardiologists, not him again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const RUI = 'O Dr. Rui Alves não atende Cardiologia; ele é da área de Dermatologia. Se preferir Cardiologia, é só dizer.';

describe('a specialty asked with a provider who does not practise it', () => {
  it('"cardio com o dr rui amanha": said before his times; "cardio" next offers the cardiologists', async () => {
    const d = dialogue(new FakeWorld(c));
    const first = await d.say('cardio com o dr rui amanha');
    expect(first.state).toBe('offering');
    expect(first.reply).toContain(RUI);
    expect(first.reply.indexOf(RUI)).toBeLessThan(first.reply.indexOf('Tenho estes horários'));
    expect(first.reply).toContain('com Dr. Rui Alves');
    const cardio = await d.say('cardio');
    expect(cardio.state).toBe('offering');
    expect(cardio.reply).toContain('de Cardiologia');
    expect(cardio.reply).not.toContain('Dr. Rui Alves');
    expect(cardio.reply).not.toContain('não atende');
  });

  it('"quero marcar dermato com o dr paulo": said at once, before the day is asked, and only once', async () => {
    const d = dialogue(new FakeWorld(c));
    const first = await d.say('quero marcar dermato com o dr paulo');
    expect(first.reply).toContain('O Dr. Paulo Lima não atende Dermatologia; ele é da área de Cardiologia. Se preferir Dermatologia, é só dizer.');
    expect(first.reply).toContain('Para quando');
    const times = await d.say('amanha');
    expect(times.state).toBe('offering');
    expect(times.reply).not.toContain('não atende');
  });

  it('nothing is said when the provider practises the specialty', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('cardio com a dra ana amanha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).not.toContain('não atende');
  });
});
