/**
 * The clinic's specialties in the conversation, through the real app on the demo clinic: a specialty it
 * does not offer is answered with the ones it does before any other question, and nothing is written;
 * one a provider practises is searched as usual, even a provider added a moment ago.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

const NOT_OFFERED =
  'Infelizmente a clínica não tem atendimento de Neurologia. As especialidades que atendemos são Cardiologia, Clínica Geral, ' +
  'Dermatologia, Ginecologia, Oftalmologia, Ortopedia e Pediatria. Com qual especialidade ou profissional?';

function count(c: ClinicApp, table: 'appointments' | 'waitlist_entries', patientId: string): number {
  return (c.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE patient_id = ?`).get(patientId) as { n: number }).n;
}

describe('conversation: the clinic’s specialties', () => {
  it('answers a specialty the clinic lacks with the ones it has, keeps the rest of the request, and goes on with another', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const first = await clinic.say(p.id, 'oi, queria marcar neurologista amanha de manha');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'collecting', reply: `Olá, Maria! ${NOT_OFFERED}` });
    expect(first.body.options ?? []).toEqual([]);

    // the day and period asked stay: the specialty was the only thing missing
    const next = await clinic.say(p.id, 'cardio');
    expect(next.body.state).toBe('offering');
    expect(next.body.reply).toMatch(/^Tenho estes horários de Cardiologia amanhã \([^)]+\) de manhã:/);
    expect(next.body.options.length).toBeGreaterThan(0);
    for (const o of next.body.options) expect(o.start_time < '12:00').toBe(true);
    expect(count(clinic, 'appointments', p.id)).toBe(0);
    expect(count(clinic, 'waitlist_entries', p.id)).toBe(0);
  });

  it('does not put anyone on a waitlist for a specialty no one there practises', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[1];
    const turn = await clinic.say(p.id, 'me coloca na lista de espera de neuro');
    expect(turn.body.state).toBe('collecting');
    expect(turn.body.reply).toContain(NOT_OFFERED);
    expect(turn.body.reply).not.toContain('lista de espera');
    expect(count(clinic, 'waitlist_entries', p.id)).toBe(0);
  });

  it('searches a specialty a provider was just given and, with no hours free, offers the waitlist', async () => {
    clinic = await createClinicApp();
    const centro = clinic.locations.find((l) => l.name === 'Unidade Centro');
    const created = await clinic.api('POST', '/providers', {
      doctor_id: randomUUID(),
      name: 'Dr. Hugo Neves',
      specialties: ['Neurologia'],
      primary_location_id: centro.id,
    });
    expect(created.status).toBe(201);
    const p = clinic.patients[0];
    const offer = await clinic.say(p.id, 'quero marcar neurologista amanha');
    expect(offer.body).toMatchObject({
      state: 'waitlist_offered',
      reply: 'Olá, Maria! Não encontrei horários livres de Neurologia nos próximos dias. Quer entrar na lista de espera para amanhã (qui, 26/11)? Aviso assim que abrir uma vaga.',
    });
    const joined = await clinic.say(p.id, 'sim');
    expect(joined.body.state).toBe('done');
    expect(joined.body.reply).toContain('lista de espera de Neurologia');
    const entry = clinic.sqlite.prepare('SELECT specialty, status FROM waitlist_entries WHERE patient_id = ?').get(p.id);
    expect(entry).toEqual({ specialty: 'Neurologia', status: 'waiting' });
  });
});
