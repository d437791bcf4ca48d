/**
 * A part of the day refused ("à tarde não posso") for a provider who also works in the evening, through the real
 * app on a real SQLite file: every other part of the day stays open, the morning and the evening, never the afternoon.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

/** Dra. Sofia Lins, Psiquiatria, at the Unidade Centro on Thursdays: 08:00–10:00 and 14:00–21:00. */
async function eveningProvider(c: ClinicApp) {
  const centro = c.locations.find((l) => l.name === 'Unidade Centro');
  const created = await c.api('POST', '/providers', {
    doctor_id: randomUUID(),
    name: 'Dra. Sofia Lins',
    specialties: ['Psiquiatria'],
    primary_location_id: centro.id,
    default_appointment_duration_minutes: 30,
  });
  expect(created.status).toBe(201);
  for (const [start_time, end_time] of [
    ['08:00', '10:00'],
    ['14:00', '21:00'],
  ]) {
    const template = await c.api('POST', `/providers/${created.body.id}/templates`, { day_of_week: 4, start_time, end_time, location_id: centro.id });
    expect(template.status).toBe(201);
  }
}

describe('conversation: a part of the day refused', () => {
  it.each(['quero marcar psiquiatra amanhã, à tarde não posso', 'quero marcar psiquiatra amanha, nao consigo de tarde'])(
    '"%s": the morning and the evening are offered, never the afternoon',
    async (message) => {
      clinic = await createClinicApp();
      await eveningProvider(clinic);
      const p = clinic.patients[0];
      const offer = await clinic.say(p.id, message);
      expect(offer.status).toBe(200);
      expect(offer.body.state).toBe('offering');
      expect(offer.body.reply).toMatch(/^Olá, Maria! Tenho estes horários de Psiquiatria amanhã \(qui, 26\/11\) de manhã ou à noite:\n/);
      expect(offer.body.options.map((o: any) => o.start_time)).toEqual(['08:00', '08:30', '09:00']);
      const later = await clinic.say(p.id, 'tem mais tarde?');
      expect(later.body.state).toBe('offering');
      expect(later.body.options.map((o: any) => o.start_time)).toEqual(['09:30', '18:00', '18:30']);
    },
  );

  // 'não vou poder ir à tarde' reads as a cancel by itself; while booking, the machine re-reads it as the part refused
  it.each(['não consigo de tarde', 'não vou poder ir à tarde', 'nao consigo ir a tarde'])('refused while times are on offer ("%s"): the evening stays', async (refusal) => {
    clinic = await createClinicApp();
    await eveningProvider(clinic);
    const p = clinic.patients[0];
    const first = await clinic.say(p.id, 'quero marcar psiquiatra amanhã depois das 13h');
    expect(first.body.options.map((o: any) => o.start_time)).toEqual(['14:00', '14:30', '15:00']);
    const turn = await clinic.say(p.id, refusal);
    expect(turn.body.state).toBe('offering');
    expect(turn.body.options.map((o: any) => o.start_time)).toEqual(['08:00', '08:30', '09:00']);
    const later = await clinic.say(p.id, 'tem mais tarde?');
    expect(later.body.options.map((o: any) => o.start_time)).toEqual(['09:30', '18:00', '18:30']);
  });

  it('joins the waitlist for the morning and the evening, not the afternoon', async () => {
    clinic = await createClinicApp();
    await eveningProvider(clinic);
    const p = clinic.patients[0];
    const offer = await clinic.say(p.id, 'me coloca na lista de espera de psiquiatra pra amanhã, à tarde não posso');
    expect(offer.body.state).toBe('offering');
    const joined = await clinic.say(p.id, 'nenhum');
    expect(joined.body.state).toBe('done');
    const entry = clinic.sqlite.prepare('SELECT periods FROM waitlist_entries WHERE patient_id = ?').get(p.id) as { periods: string };
    expect(JSON.parse(entry.periods).sort()).toEqual(['manha', 'noite']);
  });
});
