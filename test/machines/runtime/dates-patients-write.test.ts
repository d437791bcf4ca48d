/**
 * Dates and times as patients write them, as the first message of a booking, through the real app on a real SQLite
 * file at a fixed reference (Wednesday 25/11/2026, 09:00 in São Paulo): what is offered, and how the reply says it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

async function firstReply(message: string) {
  clinic = await createClinicApp();
  const turn = await clinic.say(clinic.patients[0].id, message);
  expect(turn.status).toBe(200);
  return turn.body as { reply: string; state: string; options?: Array<{ date: string; start_time: string }> };
}

describe('conversation: dates and times patients write, as the first message', () => {
  it.each(['queria marcar cardio qualquer dia menos quarta', 'queria marcar cardio qlq dia menos qua', 'queria marcar cardio qualquer dia exceto quarta'])(
    '%j: no Wednesday is offered (today is one)',
    async (message) => {
      const turn = await firstReply(message);
      expect(turn.state).toBe('offering');
      expect(turn.options!.length).toBeGreaterThan(0);
      for (const o of turn.options!) expect(new Date(`${o.date}T12:00:00Z`).getUTCDay()).not.toBe(3);
      expect(turn.reply).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\)/);
    },
  );

  it('"queria marcar cardio qualquer dia menos quarta de manha": the mornings of other days stay, a Wednesday only in the afternoon', async () => {
    const wednesdayMorning = (o: { date: string; start_time: string }) => new Date(`${o.date}T12:00:00Z`).getUTCDay() === 3 && o.start_time < '12:00';
    const turn = await firstReply('queria marcar cardio qualquer dia menos quarta de manha');
    expect(turn.state).toBe('offering');
    expect(turn.options!.some((o) => o.start_time < '12:00')).toBe(true);
    expect(turn.options!.some(wednesdayMorning)).toBe(false);
    const seen = [...turn.options!];
    for (let i = 0; i < 3; i++) {
      const more = await clinic.say(clinic.patients[0].id, 'tem outros horarios?');
      seen.push(...((more.body as { options?: Array<{ date: string; start_time: string }> }).options ?? []));
    }
    expect(seen.some(wednesdayMorning)).toBe(false);
  });

  it.each([
    ['queria marcar cardio amanhã primeira hora', /^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) de manhã:\n1\) 08:00 /],
    ['queria marcar cardio amanha sedo', /^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) de manhã:\n1\) 08:00 /],
    ['queria marcar cardio amn cedo', /^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) de manhã:\n/],
    ['queria marcar cardio amanha depois do almoso', /^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) à tarde:\n1\) 14:00 /],
    ['queria marcar cardio amanha apartir das 16h', /^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) a partir das 16:00:\n1\) 16:00 /],
    ['queria marcar cardio amanha meio dia e meio', /^Olá, Maria! Não tenho horário de Cardiologia às 12:30 amanhã \(qui, 26\/11\)\. Os mais próximos são:\n/],
    ['queria marcar cardio amanha ateh as 10', /^Olá, Maria! Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) até as 10:00:\n1\) 08:00 /],
    ['queria marcar cardio amanha meio dia e 30', /^Olá, Maria! Não tenho horário de Cardiologia às 12:30 amanhã \(qui, 26\/11\)\. Os mais próximos são:\n/],
    ['queria marcar cardio do dia 3 ao dia 5', /^Olá, Maria! Tenho estes horários de Cardiologia entre quinta, 03\/12, e sábado, 05\/12:\n/],
    ['queria marcar cardio daki 15 dias', /^Olá, Maria! Tenho estes horários de Cardiologia na quinta, 10\/12:\n/],
    ['queria marcar cardio dpois de amanha', /^Olá, Maria! Tenho estes horários de Cardiologia na sexta, 27\/11:\n/],
    ['queria marcar cardio 5 do mês que vem', /^Olá, Maria! Tenho estes horários de Cardiologia no sábado, 05\/12:\n/],
    ['queria marcar cardio ter ou qui depois das 17', /^Olá, Maria! Tenho estes horários de Cardiologia na terça, 01\/12, ou na quinta, 03\/12, a partir das 17:00:\n/],
  ])('%j', async (message, reply) => {
    const turn = await firstReply(message);
    expect(turn.state).toBe('offering');
    expect(turn.reply).toMatch(reply);
  });

  it('"amanhã na hora do almoço" with no Cardiologia time at lunch: the window is said before the waitlist is offered', async () => {
    const turn = await firstReply('queria marcar cardio amanhã na hora do almoço');
    expect(turn.state).toBe('waitlist_offered');
    expect(turn.reply).toMatch(/^Olá, Maria! Não encontrei horários livres de Cardiologia entre 12:00 e 14:00 nos próximos dias\. Quer entrar na lista de espera/);
  });

  it('"queria marcar cardio primeira hora", then "amanhã": tomorrow\'s first times', async () => {
    const first = await firstReply('queria marcar cardio primeira hora');
    expect(first.reply).toBe('Olá, Maria! Para quando você prefere?');
    const offer = await clinic.say(clinic.patients[0].id, 'amanhã');
    expect(offer.body.reply).toMatch(/^Tenho estes horários de Cardiologia amanhã \(qui, 26\/11\) de manhã:\n/);
    for (const o of offer.body.options) expect(o.start_time < '09:00').toBe(true);
  });
});
