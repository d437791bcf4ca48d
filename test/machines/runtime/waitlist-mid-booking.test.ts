/**
 * The waitlist asked about in the middle of a booking, through the real app on the demo clinic over a real SQLite file:
 * leaving it ("me tira da lista de espera") or asking whether there is one ("vcs tem fila de espera?") while times are on
 * offer settles that question, and the booking goes on where it was (the times still answerable). A booking that serves
 * the patient's own waitlist request leaves no entry of it waiting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

function entries(c: ClinicApp, patientId: string) {
  return c.sqlite
    .prepare('SELECT id, status, specialty, date_from, date_to, periods FROM waitlist_entries WHERE patient_id = ? ORDER BY created_at, id')
    .all(patientId) as Array<{ id: string; status: string; specialty: string | null; date_from: string | null; date_to: string | null; periods: string }>;
}

function appointments(c: ClinicApp, patientId: string) {
  return c.sqlite.prepare("SELECT start_time FROM appointments WHERE patient_id = ? AND status <> 'cancelled' ORDER BY start_time").all(patientId) as Array<{ start_time: string }>;
}

/** Patient 0 on the waitlist of Cardiologia for Friday morning, then offered Dermatologia tomorrow afternoon. */
async function offeredWhileWaiting() {
  clinic = await createClinicApp();
  const p = clinic.patients[0];
  await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
  const joined = await clinic.say(p.id, 'nenhum');
  expect(joined.body.reply).toContain('Você está na lista de espera de Cardiologia');
  const offered = await clinic.say(p.id, 'quero marcar dermato amanha');
  expect(offered.body.state).toBe('offering');
  expect(offered.body.options.length).toBeGreaterThan(1);
  return { p };
}

describe('leaving the waitlist while times are on offer', () => {
  it('"não" to whether to leave: the entry stays, and "1" then picks the first time offered', async () => {
    const { p } = await offeredWhileWaiting();
    const asked = await clinic.say(p.id, 'me tira da lista de espera');
    expect(asked.body.reply).toContain('Quer que eu tire você dessa lista?');
    const kept = await clinic.say(p.id, 'não');
    expect(kept.body.state).toBe('offering');
    expect(kept.body.reply).toMatch(/^Tudo bem, você continua na lista de espera\./);
    expect(kept.body.reply).toContain('1) 13:00 com Dr. Rui Alves');
    expect(kept.body.reply).not.toContain('Posso ajudar em mais alguma coisa');
    const picked = await clinic.say(p.id, '1');
    expect(picked.body.state).toBe('confirming');
    expect(picked.body.reply).toMatch(/^Confirma consulta de Dermatologia com Dr\. Rui Alves na quinta, 26\/11, às 13:00/);
    const booked = await clinic.say(p.id, 'sim');
    expect(booked.body.reply).toMatch(/^Pronto, está marcado!/);
    expect(appointments(clinic, p.id)).toEqual([{ start_time: '2026-11-26T16:00:00.000Z' }]);
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['waiting']);
  });

  it('"sim" to whether to leave: the entry is removed, and the times offered stay answerable', async () => {
    const { p } = await offeredWhileWaiting();
    await clinic.say(p.id, 'me tira da lista de espera');
    const left = await clinic.say(p.id, 'sim');
    expect(left.body.state).toBe('offering');
    expect(left.body.reply).toMatch(/^Pronto, tirei você da lista de espera de Cardiologia/);
    expect(left.body.reply).toContain('2) 13:30 com Dr. Rui Alves');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed']);
    const picked = await clinic.say(p.id, '2');
    expect(picked.body.reply).toMatch(/^Confirma consulta de Dermatologia com Dr\. Rui Alves na quinta, 26\/11, às 13:30/);
  });

  it('a reply that answers the times instead ("a das 14h"): the times are answered', async () => {
    const { p } = await offeredWhileWaiting();
    await clinic.say(p.id, 'me tira da lista de espera');
    const picked = await clinic.say(p.id, 'a das 14h');
    expect(picked.body.state).toBe('confirming');
    expect(picked.body.reply).toContain('às 14:00');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['waiting']);
  });
});

describe('asking whether there is a waitlist while times are on offer', () => {
  it('"não" to joining: nothing written, and the times offered stay answerable', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    expect((await clinic.say(p.id, 'quero marcar dermato amanha')).body.state).toBe('offering');
    const asked = await clinic.say(p.id, 'vcs tem fila de espera?');
    expect(asked.body.state).toBe('waitlist_offered');
    const declined = await clinic.say(p.id, 'não');
    expect(declined.body.state).toBe('offering');
    expect(declined.body.reply).toContain('1) 13:00 com Dr. Rui Alves');
    const picked = await clinic.say(p.id, '1');
    expect(picked.body.reply).toMatch(/^Confirma consulta de Dermatologia com Dr\. Rui Alves na quinta, 26\/11, às 13:00/);
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('"1" instead of a yes or no: the first time offered, nothing written', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'quero marcar dermato amanha');
    await clinic.say(p.id, 'tem lista de espera?');
    const picked = await clinic.say(p.id, '1');
    expect(picked.body.state).toBe('confirming');
    expect(entries(clinic, p.id)).toEqual([]);
  });
});

function events(c: ClinicApp, type: string) {
  return (c.sqlite.prepare('SELECT aggregate_id FROM outbox WHERE event_type = ? ORDER BY rowid').all(type) as Array<{ aggregate_id: string }>).map((r) => r.aggregate_id);
}

describe('a booking that serves the patient’s own waitlist request', () => {
  it('"pode ser sábado também" right after joining, then a Saturday time booked: the entry being changed is removed, no new one written', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    const [old] = entries(clinic, p.id);
    const widened = await clinic.say(p.id, 'na verdade pode ser sabado tambem');
    expect(widened.body.reply).toContain('3) sáb, 28/11 às 08:00 com Dr. Paulo Lima');
    expect((await clinic.say(p.id, '3')).body.state).toBe('confirming');
    const booked = await clinic.say(p.id, 'sim');
    expect(booked.body.reply).toMatch(/^Pronto, está marcado!/);
    expect(booked.body.reply).toContain('Como esse horário atende ao seu pedido, tirei você da lista de espera de Cardiologia para a sexta, 27/11, de manhã.');
    expect(appointments(clinic, p.id)).toEqual([{ start_time: '2026-11-28T11:00:00.000Z' }]);
    expect(entries(clinic, p.id)).toEqual([expect.objectContaining({ id: old!.id, status: 'removed' })]);
    expect(events(clinic, 'waitlist.removed')).toEqual([old!.id]);
    expect((await clinic.api('GET', `/waitlist?patient_id=${p.id}`)).body.data).toEqual([]);
  });

  it('a later booking of a time the entry waits for: the entry is removed as DELETE /waitlist/{id} does, and said', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'obrigada');
    const [entry] = entries(clinic, p.id);
    await clinic.say(p.id, 'quero marcar cardio sexta de manha');
    await clinic.say(p.id, '1');
    const booked = await clinic.say(p.id, 'sim');
    expect(booked.body.reply).toContain('tirei você da lista de espera de Cardiologia para a sexta, 27/11, de manhã.');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed']);
    expect(events(clinic, 'waitlist.removed')).toEqual([entry!.id]);
  });

  it('a booking outside what the entry waits for (another day) leaves it waiting, and says nothing of it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'obrigada');
    await clinic.say(p.id, 'quero marcar cardio segunda de manha');
    await clinic.say(p.id, '1');
    const booked = await clinic.say(p.id, 'sim');
    expect(booked.body.reply).toMatch(/^Pronto, está marcado!/);
    expect(booked.body.reply).not.toContain('lista de espera');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['waiting']);
  });
});

describe('another ask while the free times of a waitlist request are on offer', () => {
  async function offeredFreeTimes() {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta');
    expect(res.body.reply).toContain('Se nenhum servir, coloco você na lista de espera.');
    return p;
  }

  it('"quero marcar dermato amanhã": a booking of that, its times offered; nothing joined', async () => {
    const p = await offeredFreeTimes();
    const res = await clinic.say(p.id, 'quero marcar dermato amanhã');
    expect(res.body.state).toBe('offering');
    expect(res.body.reply).toContain('Tenho estes horários de Dermatologia amanhã (qui, 26/11)');
    expect(res.body.reply).not.toContain('lista de espera');
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('"na verdade quero pediatria": the free times of that request searched first, nothing joined yet', async () => {
    const p = await offeredFreeTimes();
    const res = await clinic.say(p.id, 'na verdade quero pediatria');
    expect(res.body.state).toBe('offering');
    expect(res.body.reply).toContain('Pediatria na sexta, 27/11');
    expect(entries(clinic, p.id)).toEqual([]);
    const joined = await clinic.say(p.id, 'nenhum');
    expect(joined.body.reply).toContain('Você está na lista de espera de Pediatria para a sexta, 27/11');
  });

  it('"quero ver minhas listas": the patient’s waitlist said (none yet), nothing joined, the times still on offer', async () => {
    const p = await offeredFreeTimes();
    const res = await clinic.say(p.id, 'quero ver minhas listas');
    expect(res.body.reply).toContain('Você não está em nenhuma lista de espera no momento.');
    expect(res.body.state).toBe('offering');
    expect(entries(clinic, p.id)).toEqual([]);
  });
});

