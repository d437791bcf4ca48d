/**
 * A cancel or a move said of a child's appointment ("desmarca a consulta da minha filha"), through the real app on the
 * demo clinic over a real SQLite file: this channel sees only the patient's own record, which is said; of several
 * appointments, the Pediatria one is asked about (never cancelled or moved unasked), and with none of Pediatria the list
 * is shown as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

async function book(c: ClinicApp, patientId: string, ask: string) {
  await c.say(patientId, ask);
  await c.say(patientId, '1');
  expect((await c.say(patientId, 'sim')).body.reply).toContain('Pronto, está marcado!');
}

function statuses(c: ClinicApp, patientId: string) {
  return c.sqlite.prepare('SELECT status FROM appointments WHERE patient_id = ? ORDER BY start_time').all(patientId).map((r: any) => r.status);
}

describe('a cancel or a move of a child\'s appointment', () => {
  it('"desmarca a consulta da minha filha" with a Pediatria and a Dermatologia appointment: the own record said, the Pediatria one asked about', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await book(clinic, p.id, 'marcar pediatria sexta');
    await book(clinic, p.id, 'marcar dermato segunda');
    const res = await clinic.say(p.id, 'desmarca a consulta da minha filha');
    expect(res.body.state).toBe('confirming_cancel');
    expect(res.body.reply).toBe('Aqui vejo só as consultas do seu cadastro. Você tem consulta de Pediatria com Dra. Beatriz Costa na sexta, 27/11, às 08:00. Desmarco?');
    expect(statuses(clinic, p.id)).toEqual(['requested', 'requested']);
    expect((await clinic.say(p.id, 'sim')).body.reply).toContain('Desmarcada.');
    expect(statuses(clinic, p.id)).toEqual(['cancelled', 'requested']);
  });

  it('"remarca a consulta do meu filho": the own record said, the Pediatria one is the one moved', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await book(clinic, p.id, 'marcar pediatria sexta');
    await book(clinic, p.id, 'marcar dermato segunda');
    const res = await clinic.say(p.id, 'remarca a consulta do meu filho');
    expect(res.body.reply).toContain('Aqui vejo só as consultas do seu cadastro. Vamos remarcar sua consulta de Pediatria com Dra. Beatriz Costa de sexta, 27/11, às 08:00.');
  });

  it('no Pediatria appointment: the own record said before the list, which one asked', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await book(clinic, p.id, 'marcar cardio sexta');
    await book(clinic, p.id, 'marcar dermato segunda');
    const res = await clinic.say(p.id, 'desmarca a consulta da minha filha');
    expect(res.body.state).toBe('choosing_appointment');
    expect(res.body.reply).toMatch(/^Aqui vejo só as consultas do seu cadastro\. Você tem estas consultas:/);
    const move = await clinic.say(p.id, 'remarca a consulta do meu filho');
    expect(move.body.reply).toMatch(/^Aqui vejo só as consultas do seu cadastro\./);
  });
});

describe("a question about a relative's appointment", () => {
  it.each([
    'qual o horario da consulta do meu filho',
    'a consulta da minha mae é amanha?',
    'o retorno do meu pai é que horas?',
  ])('"%s": the own record said and the patient\'s appointments shown, no booking begun', async (message) => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await book(clinic, p.id, 'marcar cardio sexta');
    const res = await clinic.say(p.id, message);
    expect(res.body.state).toBe('done');
    expect(res.body.reply).toMatch(/Aqui vejo só as consultas do seu cadastro\. Sua consulta de Cardiologia com .*: sexta, 27\/11, às /);
    expect(res.body.reply).not.toContain('Com qual especialidade');
  });

  it('"a consulta do meu filho ta confirmada?": said whether the own one is, and asked whether to confirm it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await book(clinic, p.id, 'marcar cardio sexta');
    const res = await clinic.say(p.id, 'a consulta do meu filho ta confirmada?');
    expect(res.body.state).toBe('confirming_appointment');
    expect(res.body.reply).toMatch(/^Aqui vejo só as consultas do seu cadastro\. Ainda não está confirmada: sua consulta de Cardiologia/);
    expect(statuses(clinic, p.id)).toEqual(['requested']);
  });
});
