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
});
