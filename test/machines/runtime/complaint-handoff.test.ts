/**
 * A person called after a complaint is told it is one, and what the patient wrote: the `conversation.handoff_requested`
 * event the turn writes (through the real app, on a real SQLite file) carries reason `complaint` and the complaint's
 * words; a person asked for otherwise is `asked`, with no complaint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

function handoffEvents(c: ClinicApp): Array<Record<string, unknown>> {
  const rows = c.sqlite.prepare("SELECT payload FROM outbox WHERE event_type = 'conversation.handoff_requested' ORDER BY created_at, id").all() as Array<{ payload: string }>;
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

function maria(c: ClinicApp): string {
  return c.patients.find((p) => p.name === 'Maria Oliveira')!.id;
}

describe('the handoff event after a complaint', () => {
  it('a yes to the person offered: reason complaint, and the complaint as the patient wrote it', async () => {
    clinic = await createClinicApp();
    const id = maria(clinic);
    const heard = await clinic.say(id, 'Não fui atendida hoje, esperei duas horas!');
    expect(heard.body.reply).toContain('Quer que eu chame um atendente para falar com você sobre isso?');
    expect(handoffEvents(clinic)).toEqual([]);
    expect((await clinic.say(id, 'sim')).body.state).toBe('handoff');
    expect(handoffEvents(clinic)).toEqual([
      { patient_id: id, channel: 'whatsapp', reason: 'complaint', complaint: 'Não fui atendida hoje, esperei duas horas!', requested_at: expect.any(String) },
    ]);
  });

  it('a person asked in the same message as the complaint: the same', async () => {
    clinic = await createClinicApp();
    const id = maria(clinic);
    expect((await clinic.say(id, 'péssimo atendimento, quero falar com um atendente')).body.state).toBe('handoff');
    expect(handoffEvents(clinic)).toMatchObject([{ reason: 'complaint', complaint: 'péssimo atendimento, quero falar com um atendente' }]);
  });

  it('a person asked later in the conversation, after a "não" to the offer: still for the complaint', async () => {
    clinic = await createClinicApp();
    const id = maria(clinic);
    await clinic.say(id, 'fiquei 3h esperando e ninguem me chamou');
    await clinic.say(id, 'nao');
    expect((await clinic.say(id, 'pensando bem, quero falar com uma pessoa')).body.state).toBe('handoff');
    expect(handoffEvents(clinic)).toMatchObject([{ reason: 'complaint', complaint: 'fiquei 3h esperando e ninguem me chamou' }]);
  });

  it('a person asked with no complaint: reason asked, complaint null', async () => {
    clinic = await createClinicApp();
    const id = maria(clinic);
    expect((await clinic.say(id, 'quero falar com um atendente')).body.state).toBe('handoff');
    expect(handoffEvents(clinic)).toMatchObject([{ reason: 'asked', complaint: null }]);
  });
});
