/**
 * "preciso de um encaixe" (a squeeze-in beyond the schedule) is no waitlist request: the conversation says it cannot
 * squeeze anyone in, and books in the free times, with the waitlist and a person named for when none suits. Waiting for
 * one ("fila pra encaixe") stays the waitlist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClinic, dialogue, FakeWorld, NOW, type Catalog } from './harness';

let c: Catalog;
beforeAll(async () => {
  c = await demoClinic();
});
afterAll(() => c.close());

const NO_SQUEEZE_IN = 'Não consigo fazer encaixes por aqui, só marcar nos horários livres da agenda; se nenhum servir, posso colocar você na lista de espera ou chamar um atendente.';

describe('a squeeze-in asked', () => {
  it.each(['oi, preciso de um encaixe', 'tem encaixe pra hoje?', 'vcs fazem encaixe?', 'preciso de encaxe pra hj'])('"%s": read as a booking, not the waitlist', async (message) => {
    expect((await c.understand(message, NOW)).intent).toBe('book');
  });

  it('"fila pra encaixe de cardio" stays the waitlist', async () => {
    expect((await c.understand('fila pra encaixe de cardio', NOW)).intent).toBe('waitlist');
  });

  it('"oi, preciso de um encaixe": said honestly, then the booking\'s question; no waitlist line', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('oi, preciso de um encaixe');
    expect(turn.state).toBe('collecting');
    expect(turn.reply).toContain(`${NO_SQUEEZE_IN} Com qual especialidade ou profissional?`);
    expect(turn.reply).not.toContain('sem precisar de lista de espera');
    expect(turn.reply).not.toContain('posso colocar você na lista de espera. ');
  });

  it('the slip "encaxe" ("preciso de encaxe pra hj"): the same line', async () => {
    const d = dialogue(new FakeWorld(c));
    expect((await d.say('preciso de encaxe pra hj')).reply).toContain(`${NO_SQUEEZE_IN} Com qual especialidade ou profissional?`);
  });

  it('"preciso de um encaixe com dr paulo amanha": said once, then his free times, as a booking offers them', async () => {
    const d = dialogue(new FakeWorld(c));
    const turn = await d.say('preciso de um encaixe com dr paulo amanha');
    expect(turn.state).toBe('offering');
    expect(turn.reply).toContain(`${NO_SQUEEZE_IN} Tenho estes horários com Dr. Paulo Lima amanhã`);
    expect(turn.reply).not.toContain('Se nenhum servir, coloco você na lista de espera.');
    expect(turn.reply.split(NO_SQUEEZE_IN)).toHaveLength(2);
  });
});
