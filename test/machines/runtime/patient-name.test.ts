/**
 * A patient known only by a phone (a channel registered them without a name: their record's name is the phone) is asked
 * their full name once, right after a booking made in the chat, through the real app on a real SQLite file: a name given
 * alone is saved to their record and used from then on; a refusal, a question or a new request drops the question, and
 * it is not asked again in the conversation. A patient with a name is never asked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

const PHONE = '+5531977776666';
const ASK_NAME = 'Para o seu cadastro, qual é o seu nome completo?';
const BOOKED = 'Pronto, está marcado! Enviaremos um lembrete na véspera.';

/** A patient as a channel registers one with no name: named by the phone. */
async function namelessPatient(c: ClinicApp): Promise<string> {
  const created = await c.api('POST', '/patients', { name: PHONE, phone: PHONE });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Books the first time offered for `ask`; the reply to the yes. */
async function book(c: ClinicApp, patientId: string, ask: string): Promise<string> {
  expect((await c.say(patientId, ask)).body.state).toBe('offering');
  expect((await c.say(patientId, '1')).body.state).toBe('confirming');
  const done = await c.say(patientId, 'sim');
  expect(done.body).toMatchObject({ state: 'done', appointment_id: expect.any(String) });
  return done.body.reply;
}

const recordName = (c: ClinicApp, patientId: string) => (c.sqlite.prepare('SELECT name FROM patients WHERE id = ?').get(patientId) as { name: string }).name;

describe('the name of a patient known only by a phone', () => {
  it('is asked right after the booking, saved when given, and used from then on', async () => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    // not known as Carla yet: "a carla" is someone else, whose appointments this channel does not show
    expect((await clinic.say(p, 'a carla tem consulta amanhã?')).body.reply).toMatch(/^Olá! Aqui vejo só as consultas do seu cadastro\./);
    expect(await book(clinic, p, 'quero marcar cardio amanhã de manhã')).toBe(`${BOOKED} ${ASK_NAME}`);

    const answer = await clinic.say(p, 'meu nome é carla mendes');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'done', reply: 'Obrigado, Carla! Seu cadastro está completo. Posso ajudar em mais alguma coisa?' });
    expect(recordName(clinic, p)).toBe('Carla Mendes');
    expect((await clinic.api('GET', `/patients/${p}`)).body.name).toBe('Carla Mendes');

    // now she is Carla: "a carla" is herself
    const own = await clinic.say(p, 'a carla tem consulta amanhã?');
    expect(own.body.reply).toMatch(/^Sua consulta de Cardiologia com /);
    expect(own.body.reply).not.toContain('Aqui vejo só');
    // a second booking in the same conversation does not ask again
    expect(await book(clinic, p, 'quero marcar dermato sexta')).toBe(`${BOOKED} Posso ajudar em mais alguma coisa?`);
  });

  it.each([
    ['Carla Mendes', 'Carla Mendes', 'Carla'],
    ['carla mendes', 'Carla Mendes', 'Carla'],
    ['sou a Carla Mendes', 'Carla Mendes', 'Carla'],
    ['Meu nome é CARLA MENDES.', 'Carla Mendes', 'Carla'],
    ['maria das graças de oliveira', 'Maria das Graças de Oliveira', 'Maria'],
    ['joão pedro d’ávila', 'João Pedro D’Ávila', 'João'],
  ])('"%s" is stored as "%s"', async (message, stored, first) => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    await book(clinic, p, 'quero marcar cardio amanhã de manhã');
    expect((await clinic.say(p, message)).body.reply).toBe(`Obrigado, ${first}! Seu cadastro está completo. Posso ajudar em mais alguma coisa?`);
    expect(recordName(clinic, p)).toBe(stored);
  });

  it.each(['não quero dizer', 'depois', 'prefiro não', 'agora não, obrigada'])('"%s" drops the question with a short acknowledgement; it is not asked again', async (refusal) => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    await book(clinic, p, 'quero marcar cardio amanhã de manhã');
    const answer = await clinic.say(p, refusal);
    expect(answer.body).toMatchObject({ state: 'done', reply: 'Sem problema! Posso ajudar em mais alguma coisa?' });
    expect(recordName(clinic, p)).toBe(PHONE);
    // another booking in the conversation: no insistence
    expect(await book(clinic, p, 'quero marcar dermato sexta')).toBe(`${BOOKED} Posso ajudar em mais alguma coisa?`);
  });

  it('a new request instead of the name is handled as one, nothing is saved, and the name is not asked again', async () => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    await book(clinic, p, 'quero marcar cardio amanhã de manhã');
    const request = await clinic.say(p, 'quero marcar dermato sexta');
    expect(request.body.state).toBe('offering');
    expect(request.body.reply).toMatch(/^Tenho estes horários de Dermatologia na sexta, 27\/11:/);
    expect(recordName(clinic, p)).toBe(PHONE);
    expect((await clinic.say(p, '1')).body.state).toBe('confirming');
    expect((await clinic.say(p, 'sim')).body.reply).toBe(`${BOOKED} Posso ajudar em mais alguma coisa?`);
  });

  it("a provider's name (a booking with her, as the language layer reads it) or a question is no name", async () => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    await book(clinic, p, 'quero marcar cardio amanhã de manhã');
    const provider = await clinic.say(p, 'Ana Souza');
    expect(provider.body.reply).not.toContain('Obrigado, Ana');
    expect(recordName(clinic, p)).toBe(PHONE);

    clinic.close();
    clinic = await createClinicApp();
    const q = await namelessPatient(clinic);
    await book(clinic, q, 'quero marcar cardio amanhã de manhã');
    const question = await clinic.say(q, 'qual o endereço da unidade centro?');
    expect(question.body.reply).toContain('Av. Afonso Pena, 1000');
    expect(question.body.reply).not.toContain('cadastro');
    expect(recordName(clinic, q)).toBe(PHONE);
  });

  it('a patient with a name is never asked', async () => {
    clinic = await createClinicApp();
    const maria = clinic.patients[0].id;
    expect(await book(clinic, maria, 'oi, quero marcar cardio amanhã de manhã')).toBe(`${BOOKED} Posso ajudar em mais alguma coisa?`);
    expect(await book(clinic, maria, 'quero marcar dermato sexta')).toBe(`${BOOKED} Posso ajudar em mais alguma coisa?`);
  });

  it('a name the clinic recorded after the question was asked is kept, and thanked by', async () => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    await book(clinic, p, 'quero marcar cardio amanhã de manhã');
    expect((await clinic.api('PUT', `/patients/${p}`, { name: 'Carla Souza Mendes' })).status).toBe(200);
    expect((await clinic.say(p, 'Carla Mendes')).body.reply).toMatch(/^Obrigado, Carla! Seu cadastro está completo\./);
    expect(recordName(clinic, p)).toBe('Carla Souza Mendes');
  });

  it('a name the record cannot take (longer than it holds) is said not saved, and the conversation goes on', async () => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    await book(clinic, p, 'quero marcar cardio amanhã de manhã');
    const answer = await clinic.say(p, `Carla ${'Mendes'.repeat(40)}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      state: 'done',
      reply: 'Não consegui atualizar seu cadastro agora; a recepção completa isso no dia da consulta. Posso ajudar em mais alguma coisa?',
    });
    expect(recordName(clinic, p)).toBe(PHONE);
    expect((await clinic.say(p, 'obrigado')).body.state).toBe('idle');
  });

  it('is asked in a conversation saved before the question existed (its context lacks the key)', async () => {
    clinic = await createClinicApp();
    const p = await namelessPatient(clinic);
    expect((await clinic.say(p, 'quero marcar cardio amanhã de manhã')).body.state).toBe('offering');
    const stored = JSON.parse((clinic.sqlite.prepare('SELECT snapshot FROM conversations WHERE patient_id = ?').get(p) as { snapshot: string }).snapshot);
    expect(stored.context).toHaveProperty('nameAsked', false);
    delete stored.context.nameAsked;
    clinic.sqlite.prepare('UPDATE conversations SET snapshot = ? WHERE patient_id = ?').run(JSON.stringify(stored), p);
    expect((await clinic.say(p, '1')).body.state).toBe('confirming');
    expect((await clinic.say(p, 'sim')).body.reply).toBe(`${BOOKED} ${ASK_NAME}`);
    expect((await clinic.say(p, 'Carla Mendes')).body.reply).toMatch(/^Obrigado, Carla!/);
    expect(recordName(clinic, p)).toBe('Carla Mendes');
  });
});
