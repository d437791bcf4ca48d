/**
 * How the waitlist answers read, through the real app on the demo clinic over a real SQLite file (fixed clock: Wed
 * 2026-11-25 10:00 São Paulo): a "which" question gets no "Sim,", and a provider's entry is named once, with no
 * doubled "para".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

/** two entries: Dr. Paulo Lima on Monday, dermatology on Friday (free times shown first, then "nenhum" joins) */
async function twoEntries(c: ClinicApp, patientId: string) {
  await c.say(patientId, 'me coloca na lista de espera do dr paulo pra segunda');
  const paulo = await c.say(patientId, 'nenhum');
  await c.say(patientId, 'me coloca na lista de espera de dermato sexta');
  await c.say(patientId, 'nenhum');
  return paulo;
}

describe('the answers about the patient\'s own waitlist', () => {
  it('"em quais listas eu estou?" and other which/how questions: the entries, no "Sim,"', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await twoEntries(clinic, p.id);
    for (const q of ['em quais listas eu estou?', 'em q lista eu to?', 'quais listas de espera eu to?', 'qual minha posicao na lista de espera?', 'como ta minha lista de espera?', 'alguma novidade da fila de espera?']) {
      const reply = (await clinic.say(p.id, q)).body.reply as string;
      expect(reply, q).toContain('Você tem 2 pedidos na lista de espera:');
      expect(reply, q).not.toContain('Sim');
    }
    // a yes/no question keeps its yes
    expect((await clinic.say(p.id, 'to na lista de espera?')).body.reply).toContain('Sim, você tem 2 pedidos na lista de espera:');
  });

  it('one entry, asked which: "Você está na lista de espera…" with no "Sim,"', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de dermato sexta');
    await clinic.say(p.id, 'nenhum');
    const reply = (await clinic.say(p.id, 'em que fila eu to?')).body.reply as string;
    expect(reply.startsWith('Você está na lista de espera de Dermatologia para a sexta, 27/11, na posição 1.')).toBe(true);
  });

  it('a provider\'s entry: "na lista de espera do Dr. Paulo Lima para a segunda", never "para atendimento com … para"', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const joined = await twoEntries(clinic, p.id);
    expect(joined.body.reply).toContain('Pronto! Você está na lista de espera do Dr. Paulo Lima para a segunda, 30/11, na posição 1.');
    const leave = await clinic.say(p.id, 'me tira da lista de espera do dr paulo');
    expect(leave.body.reply).toContain('Você está na lista de espera do Dr. Paulo Lima para a segunda, 30/11, na posição 1. Quer que eu tire você dessa lista?');
    expect((await clinic.say(p.id, 'sim')).body.reply).toContain('Pronto, tirei você da lista de espera do Dr. Paulo Lima para a segunda, 30/11.');
    const missed = await clinic.say(p.id, 'to na lista de espera da dra ana?');
    expect(missed.body.reply).toContain('Você não está na lista de espera da Dra. Ana Souza.');
    expect(missed.body.reply).toContain('Quer entrar também na lista de espera da Dra. Ana Souza?');
    for (const r of [joined, leave, missed]) expect(r.body.reply).not.toMatch(/para atendimento com|para [^.?]* para /);
  });

  it('the same request again right after joining: "Você já está na lista…" alone, no free times before it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera do dr paulo pra segunda');
    await clinic.say(p.id, 'nenhum');
    const again = await clinic.say(p.id, 'me coloca na lista de espera do dr paulo pra segunda');
    expect(again.body.state).toBe('done');
    expect(again.body.reply).toMatch(/^Você já está na lista de espera do Dr\. Paulo Lima para a segunda, 30\/11, na posição 1\./);
    expect(again.body.reply).not.toContain('Tenho estes horários');
    expect((await clinic.api('GET', `/waitlist?patient_id=${p.id}`)).body.data).toHaveLength(1);
  });

  it('the appointment answers to a which/when question open with no "Sim," either (regression: they already did not)', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'marcar dermato sexta');
    await clinic.say(p.id, '1');
    await clinic.say(p.id, 'sim');
    for (const q of ['quais consultas eu tenho?', 'quando é minha consulta?', 'qnd e minha consuta', 'tenho consulta marcada?']) {
      const reply = (await clinic.say(p.id, q)).body.reply as string;
      expect(reply, q).toMatch(/^Sua consulta de Dermatologia com Dr\. Rui Alves: sexta, 27\/11, às 13:00/);
    }
  });

  it('"ainda estou na fila do dermato?", "to na fila de cardio?" (no "de espera"): answered from the entries, no new request begun', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de dermato sexta');
    await clinic.say(p.id, 'nenhum');
    const derm = await clinic.say(p.id, 'ainda estou na fila do dermato?');
    expect(derm.body.state).toBe('done');
    expect(derm.body.reply).toMatch(/^Sim, você está na lista de espera de Dermatologia para a sexta, 27\/11, na posição 1\./);
    const cardio = await clinic.say(p.id, 'to na fila de cardio?');
    expect(cardio.body.reply).toContain('Você não está na lista de espera de Cardiologia.');
    expect(cardio.body.reply).not.toContain('Para quando');
    expect((await clinic.api('GET', `/waitlist?patient_id=${p.id}`)).body.data).toHaveLength(1);
  });
});
