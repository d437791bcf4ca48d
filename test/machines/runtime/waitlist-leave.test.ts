/**
 * Leaving and changing a waitlist entry in the conversation, through the real app on the demo clinic over a real SQLite
 * file: the entry is removed by the core's removal (the one DELETE /waitlist/{id} uses: status `removed`, event
 * `waitlist.removed`, a freed time it held offered to the next in line), after a question when asked out of the blue,
 * and at once when the patient turns a freed time down by leaving ("nao, me tira da lista"). A freed time turned down
 * with another day asked searches the provider the entry waits for; a correction right after joining replaces the
 * entry with one that changes only what it says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

const byName = (rows: Array<{ name: string; id: string }>, name: string) => rows.find((r) => r.name === name)!;

function entries(c: ClinicApp, patientId: string) {
  return c.sqlite
    .prepare('SELECT id, status, specialty, provider_id, date_from, date_to, periods FROM waitlist_entries WHERE patient_id = ? ORDER BY created_at, id')
    .all(patientId) as Array<{ id: string; status: string; specialty: string | null; provider_id: string | null; date_from: string | null; date_to: string | null; periods: string }>;
}

/**
 * The demo clinic, with Dr. Rui Alves (the only dermatologist, afternoons on weekdays) also working tomorrow morning,
 * 26/11, 08:00–08:10: too short for any consultation, so "dermato pra amanha de manha" has no free time and joins at once.
 */
async function clinicWithDermatologyMorning() {
  const c = await createClinicApp();
  const res = await c.api('POST', `/providers/${byName(c.providers, 'Dr. Rui Alves').id}/overrides`, {
    date: '2026-11-26',
    type: 'added',
    start_time: '08:00',
    end_time: '08:10',
    location_id: byName(c.locations, 'Unidade Centro').id,
  });
  expect(res.status).toBe(201);
  return c;
}

function events(c: ClinicApp, type: string) {
  return (c.sqlite.prepare('SELECT aggregate_id FROM outbox WHERE event_type = ? ORDER BY rowid').all(type) as Array<{ aggregate_id: string }>).map((r) => r.aggregate_id);
}

/**
 * Patient 0 waits for Dr. Paulo Lima (or for cardiology), patient 2 behind them; patient 1's appointment with him on Monday 30/11 at 09:00
 * (Unidade Savassi) is cancelled, and the time offered to patient 0.
 */
async function offeredPaulo(wait: 'provider' | 'specialty' = 'provider') {
  clinic = await createClinicApp();
  const c = clinic;
  const paulo = byName(c.providers, 'Dr. Paulo Lima');
  const type = byName(c.types, 'Consulta');
  const savassi = byName(c.locations, 'Unidade Savassi');
  const [me, freeing, next] = [c.patients[0], c.patients[1], c.patients[2]];
  const booked = await c.api('POST', '/appointments', {
    provider_profile_id: paulo.id,
    patient_id: freeing.id,
    appointment_type_id: type.id,
    location_id: savassi.id,
    start_time: '2026-11-30T12:00:00.000Z',
    end_time: '2026-11-30T12:30:00.000Z',
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const mine = await c.api('POST', '/waitlist', {
    patient_id: me.id,
    appointment_type_id: type.id,
    ...(wait === 'provider' ? { provider_id: paulo.id } : { specialty: 'Cardiologia' }),
  });
  expect(mine.status).toBe(201);
  c.clock.advance(1000);
  const theirs = await c.api('POST', '/waitlist', { patient_id: next.id, appointment_type_id: type.id, provider_id: paulo.id });
  expect(theirs.status).toBe(201);
  c.clock.advance(60_000);
  expect((await c.api('POST', `/appointments/${booked.body.id}/cancel`, {})).status).toBe(200);
  expect((await c.api('GET', `/waitlist/${mine.body.id}`)).body.status).toBe('offered');
  c.clock.advance(60_000);
  return { c, me, paulo, entry: mine.body.id as string, nextEntry: theirs.body.id as string };
}

describe('conversation: leaving the waitlist', () => {
  it('one entry: which it is and whether to leave it; "sim" removes it through the core, "não" keeps it', async () => {
    clinic = await clinicWithDermatologyMorning();
    const p = clinic.patients[0];
    const joined = await clinic.say(p.id, 'me coloca na lista de espera de dermato pra amanha de manha');
    expect(joined.body.reply).toContain('Você está na lista de espera de Dermatologia');
    const [entry] = entries(clinic, p.id);

    const asked = await clinic.say(p.id, 'me tira da lista de espera');
    expect(asked.body).toMatchObject({
      state: 'done',
      reply: 'Você está na lista de espera de Dermatologia para amanhã (qui, 26/11), de manhã, na posição 1. Quer que eu tire você dessa lista?',
    });
    const kept = await clinic.say(p.id, 'nao');
    expect(kept.body.reply).toBe('Tudo bem, você continua na lista de espera. Posso ajudar em mais alguma coisa?');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['waiting']);

    await clinic.say(p.id, 'sai da lista de espera');
    const left = await clinic.say(p.id, 'sim');
    expect(left.body).toMatchObject({
      state: 'done',
      reply: 'Pronto, tirei você da lista de espera de Dermatologia para amanhã (qui, 26/11), de manhã. Posso ajudar em mais alguma coisa?',
    });
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed']);
    expect(events(clinic, 'waitlist.removed')).toEqual([entry!.id]);
    expect((await clinic.api('GET', `/waitlist?patient_id=${p.id}`)).body.data).toEqual([]);

    // on none: said so, as before
    const none = await clinic.say(p.id, 'me tira da fila');
    expect(none.body.reply).toBe('Você não está em nenhuma lista de espera no momento. Posso ajudar em mais alguma coisa?');
  });

  it('an entry removed elsewhere while leaving it is asked (DELETE /waitlist/{id}): the yes removes nothing and says none is left', async () => {
    clinic = await clinicWithDermatologyMorning();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de dermato pra amanha de manha');
    const [entry] = entries(clinic, p.id);
    await clinic.say(p.id, 'me tira da lista de espera');
    expect((await clinic.api('DELETE', `/waitlist/${entry!.id}`)).status).toBe(204);
    const res = await clinic.say(p.id, 'sim');
    expect(res.body.reply).toBe('Você não está em nenhuma lista de espera no momento. Posso ajudar em mais alguma coisa?');
    expect(events(clinic, 'waitlist.removed')).toEqual([entry!.id]);
  });

  it('several entries: numbered, and which asked; "2" removes that one, "todos" every one', async () => {
    clinic = await clinicWithDermatologyMorning();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de dermato pra amanha de manha');
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sabado');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'me coloca na lista de espera de pediatria pra segunda de manha');
    await clinic.say(p.id, 'nenhum');
    expect(entries(clinic, p.id).map((e) => e.specialty)).toEqual(['Dermatologia', 'Cardiologia', 'Pediatria']);

    const asked = await clinic.say(p.id, 'cancela minha lista de espera');
    expect(asked.body.reply).toBe(
      'Você tem 3 pedidos na lista de espera:\n' +
        '1) Dermatologia para amanhã (qui, 26/11), de manhã\n' +
        '2) Cardiologia para o sábado, 28/11\n' +
        '3) Pediatria para a segunda, 30/11, de manhã\n' +
        'De qual deles quer sair? Responda com o número ou "todos".',
    );
    const one = await clinic.say(p.id, '2');
    expect(one.body.reply).toBe('Pronto, tirei você da lista de espera de Cardiologia para o sábado, 28/11. Posso ajudar em mais alguma coisa?');
    expect(entries(clinic, p.id).map((e) => [e.specialty, e.status])).toEqual([
      ['Dermatologia', 'waiting'],
      ['Cardiologia', 'removed'],
      ['Pediatria', 'waiting'],
    ]);

    await clinic.say(p.id, 'nao quero mais esperar');
    const all = await clinic.say(p.id, 'todos');
    expect(all.body.reply).toBe('Pronto, tirei seus 2 pedidos da lista de espera. Posso ajudar em mais alguma coisa?');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed', 'removed', 'removed']);
    expect(events(clinic, 'waitlist.removed')).toHaveLength(3);
  });

  it('"nao, me tira da lista" to a freed time: turned down and left in one reply; the time goes to the next in line', async () => {
    const { c, me, entry, nextEntry } = await offeredPaulo();
    const res = await c.say(me.id, 'nao, me tira da lista');
    expect(res.body.reply).toMatch(/^Olá, \S+! Tudo bem, não reservei esse horário e tirei você da lista de espera do Dr\. Paulo Lima\. Posso ajudar em mais alguma coisa\?$/);
    expect(res.body.reply).not.toContain('continua na lista');
    expect((await c.api('GET', `/waitlist/${entry}`)).body.status).toBe('removed');
    expect(events(c, 'waitlist.removed')).toEqual([entry]);
    expect((await c.api('GET', `/waitlist/${nextEntry}`)).body.status).toBe('offered');
    expect(c.sqlite.prepare("SELECT count(*) AS n FROM appointments WHERE patient_id = ? AND status <> 'cancelled'").get(me.id)).toEqual({ n: 0 });
  });

  it('"me tira da lsta de espera" (a slip) to a freed time of a cardiology entry: the entry named by its specialty, not by the time\'s provider', async () => {
    const { c, me, entry } = await offeredPaulo('specialty');
    const res = await c.say(me.id, 'me tira da lsta de espera');
    expect(res.body.reply).toMatch(/Tudo bem, não reservei esse horário e tirei você da lista de espera de Cardiologia\. Posso ajudar em mais alguma coisa\?$/);
    expect((await c.api('GET', `/waitlist/${entry}`)).body.status).toBe('removed');
  });

  it('"sm" (the short "sim") to a freed time takes it', async () => {
    const { c, me, entry } = await offeredPaulo();
    const res = await c.say(me.id, 'sm');
    expect(res.body.reply).toContain('Pronto, reservei para você: consulta de Cardiologia com Dr. Paulo Lima na segunda, 30/11, às 09:00');
    expect((await c.api('GET', `/waitlist/${entry}`)).body.status).toBe('booked');
  });

  it('a freed time turned down with another day asked searches the provider the entry waits for, not the whole specialty', async () => {
    const { c, me, paulo, entry } = await offeredPaulo();
    const res = await c.say(me.id, 'nao da, tem pra terça?');
    expect(res.body.state).toBe('offering');
    expect(res.body.reply).toContain('Você continua na lista de espera');
    expect(res.body.options.length).toBeGreaterThan(0);
    expect(res.body.options.map((o: { provider_id: string }) => o.provider_id)).toEqual(res.body.options.map(() => paulo.id));
    expect((await c.api('GET', `/waitlist/${entry}`)).body.status).toBe('waiting');
  });

  it('other days said right after joining keep the specialty and the part of the day: the entry is replaced by one for those days', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    const joined = await clinic.say(p.id, 'nenhum');
    expect(joined.body.reply).toContain('Você está na lista de espera de Cardiologia para a sexta, 27/11, de manhã');
    const [old] = entries(clinic, p.id);

    const widened = await clinic.say(p.id, 'na verdade pode ser qualquer sabado');
    expect(widened.body.reply).not.toContain('Com qual especialidade');
    expect(widened.body.reply).toContain('Cardiologia no sábado, 28/11, de manhã');
    const changed = await clinic.say(p.id, 'nenhum');
    expect(changed.body.reply).toBe(
      'Pronto, troquei seu pedido: agora você está na lista de espera de Cardiologia para o sábado, 28/11, de manhã, na posição 1. Aviso assim que abrir um horário. Posso ajudar em mais alguma coisa?',
    );
    expect(entries(clinic, p.id)).toEqual([
      expect.objectContaining({ id: old!.id, status: 'removed' }),
      expect.objectContaining({ status: 'waiting', specialty: 'Cardiologia', provider_id: null, date_from: '2026-11-28', date_to: '2026-11-28', periods: '["manha"]' }),
    ]);
    expect(events(clinic, 'waitlist.removed')).toEqual([old!.id]);
  });

  it('a changed entry is replaced in one step: when the old one cannot be removed, the new one is not written either', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    const [old] = entries(clinic, p.id);
    await clinic.say(p.id, 'na verdade pode ser qualquer sabado');
    // the removal of the old entry fails, as a write can (a full disk, a lost D1 connection)
    clinic.sqlite.exec(`CREATE TRIGGER fail_removal BEFORE UPDATE OF status ON waitlist_entries WHEN NEW.status = 'removed'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const failed = await clinic.say(p.id, 'nenhum');
    expect(failed.body.reply).toBe('Desculpe, não consegui incluir você na lista de espera agora. Posso ajudar em mais alguma coisa?');
    expect(entries(clinic, p.id)).toEqual([expect.objectContaining({ id: old!.id, status: 'waiting', date_from: '2026-11-27' })]);
    expect(events(clinic, 'waitlist.added')).toEqual([old!.id]);
    expect(events(clinic, 'waitlist.removed')).toEqual([]);

    // (the replacement that succeeds: 'other days said right after joining …' above)
  });

  it('"pode ser sabado tambem" right after joining adds Saturday to the entry\'s Friday instead of replacing it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'pode ser sabado tambem');
    const changed = await clinic.say(p.id, 'nenhum');
    expect(changed.body.reply).toContain('agora você está na lista de espera de Cardiologia para a sexta, 27/11, ou o sábado, 28/11, de manhã, na posição 1.');
    expect(entries(clinic, p.id).map((e) => [e.status, e.specialty, e.date_from, e.date_to, e.periods])).toEqual([
      ['removed', 'Cardiologia', '2026-11-27', '2026-11-27', '["manha"]'],
      ['waiting', 'Cardiologia', '2026-11-27', '2026-11-28', '["manha"]'],
    ]);
  });

  it('"pode ser de tarde tambem" right after joining adds the afternoon to the entry\'s morning instead of replacing it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra segunda de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'pode ser de tarde tambem');
    const changed = await clinic.say(p.id, 'nenhum');
    expect(changed.body.reply).toContain('Pronto, troquei seu pedido');
    expect(entries(clinic, p.id).map((e) => [e.status, e.date_from, e.periods])).toEqual([
      ['removed', '2026-11-30', '["manha"]'],
      ['waiting', '2026-11-30', '["manha","tarde"]'],
    ]);
  });

  it('"pode ser de tarde tambem" right after joining an entry for any part of the day narrows nothing: the same entry stays', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera da dra ana pra semana que vem');
    await clinic.say(p.id, 'nenhum');
    // the same request as the entry there is: said at once, no free times shown before it
    const again = await clinic.say(p.id, 'pode ser de tarde tambem');
    expect(again.body.reply).toContain('Você já está na lista de espera da Dra. Ana Souza');
    expect(again.body.reply).not.toContain('Tenho estes horários');
    expect(entries(clinic, p.id).map((e) => [e.status, e.periods])).toEqual([['waiting', '[]']]);
  });

  it('another part of the day said right after joining keeps the days and the provider', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera com a dra ana pra segunda de manha');
    await clinic.say(p.id, 'nenhum');
    const corrected = await clinic.say(p.id, 'na verdade de tarde');
    expect(corrected.body.reply).not.toContain('Para quando');
    expect(corrected.body.reply).toContain('com Dra. Ana Souza na segunda, 30/11, à tarde');
    const changed = await clinic.say(p.id, 'nenhum');
    expect(changed.body.reply).toContain('Pronto, troquei seu pedido: agora você está na lista de espera da Dra. Ana Souza para a segunda, 30/11, à tarde');
    const ana = byName(clinic.providers, 'Dra. Ana Souza');
    expect(entries(clinic, p.id).map((e) => [e.status, e.provider_id, e.date_from, e.periods])).toEqual([
      ['removed', ana.id, '2026-11-30', '["manha"]'],
      ['waiting', ana.id, '2026-11-30', '["tarde"]'],
    ]);
  });
});

describe('conversation: "me tira dela" and joining said with the list alone', () => {
  it('"me tira dela" right after the entry is named: whether to leave it asked, and "sim" removes it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    expect((await clinic.say(p.id, 'to na lista de espera?')).body.reply).toMatch(/^Sim, você está na lista de espera de Cardiologia/);
    const asked = await clinic.say(p.id, 'me tira dela');
    expect(asked.body.reply).toBe('Você está na lista de espera de Cardiologia para a sexta, 27/11, de manhã, na posição 1. Quer que eu tire você dessa lista?');
    const left = await clinic.say(p.id, 'sim');
    expect(left.body.reply).toMatch(/^Pronto, tirei você da lista de espera de Cardiologia/);
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed']);
  });

  it('"me tira dela" to "Quer que eu tire você dessa lista?" is a yes; to which of several, the question again', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'me tira da lista de espera');
    expect((await clinic.say(p.id, 'me tira dela')).body.reply).toMatch(/^Pronto, tirei você da lista de espera de Cardiologia/);
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed']);

    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'me coloca na lista de espera de pediatria pra segunda de manha');
    await clinic.say(p.id, 'nenhum');
    expect((await clinic.say(p.id, 'em quais listas eu estou?')).body.reply).toContain('2 pedidos na lista de espera');
    const which = await clinic.say(p.id, 'me tira dela');
    expect(which.body.reply).toContain('De qual deles quer sair?');
    expect((await clinic.say(p.id, 'me tira delas')).body.reply).toContain('De qual deles quer sair?');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed', 'waiting', 'waiting']);
  });

  it('"na verdade nao quero mais" right after joining: whether to leave that entry is asked (no goodbye that leaves it waiting)', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    const asked = await clinic.say(p.id, 'na verdade nao quero mais');
    expect(asked.body.reply).toBe('Você está na lista de espera de Cardiologia para a sexta, 27/11, de manhã, na posição 1. Quer que eu tire você dessa lista?');
    expect((await clinic.say(p.id, 'isso')).body.reply).toMatch(/^Pronto, tirei você da lista de espera de Cardiologia/);
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['removed']);
  });

  it('"me tira dela" with no entry named before it is no ask to leave: nothing removed', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    await clinic.say(p.id, 'nenhum');
    await clinic.say(p.id, 'obrigada');
    const res = await clinic.say(p.id, 'me tira dela');
    expect(res.body.reply).not.toContain('tirei você');
    expect(entries(clinic, p.id).map((e) => e.status)).toEqual(['waiting']);
  });

  it.each(['entra na fila pra mim', 'me põe na fila', 'bota meu nome na lista'])('"%s" asks to join: what for is asked, nothing written yet', async (message) => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, message);
    expect(res.body.reply).toContain('Claro, posso colocar você na lista de espera. Com qual especialidade ou profissional?');
    const joined = await clinic.say(p.id, 'dermato sabado de manha');
    expect(joined.body.reply).toContain('lista de espera');
  });
});
