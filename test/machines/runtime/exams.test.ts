/**
 * Exams asked for in the conversation, through the real app on the demo clinic (a SQLite file, real HTTP). The demo clinic
 * books consultas only: "quero fazer um ultrassom" got "Desculpe, não entendi", "quero marcar exame de sangue" asked "Com
 * qual especialidade ou profissional?" as if a visit. Now exams are said not to be booked here, and a person is offered.
 * A clinic that lists an exam as an appointment type ("Eletrocardiograma") books it as any other type.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

const EXAMS = 'Por aqui eu marco só consultas; sobre exames, se fazemos e como marcar, quem informa é a nossa equipe. Quer que eu chame um atendente para responder?';

function appointments(c: ClinicApp, patientId: string): number {
  return (c.sqlite.prepare('SELECT count(*) AS n FROM appointments WHERE patient_id = ?').get(patientId) as { n: number }).n;
}

describe('conversation: exams', () => {
  it.each(['quero fazer um ultrassom', 'quero marcar exame de sangue', 'vcs fazem eletrocardiograma?', 'oi, vcs tem raio x?', 'preciso fazer uma mamografia'])(
    '"%s": not booked here, said plainly, a person offered',
    async (message) => {
      clinic = await createClinicApp();
      const p = clinic.patients[0];
      const turn = await clinic.say(p.id, message);
      expect(turn.status).toBe(200);
      expect(turn.body).toMatchObject({ state: 'done', reply: `Olá, Maria! ${EXAMS}` });
      expect(appointments(clinic, p.id)).toBe(0);
    },
  );

  it('"sim" to the person offered hands off', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'quero fazer um ultrassom');
    expect((await clinic.say(p.id, 'sim')).body.state).toBe('handoff');
  });

  it('exams named beside a visit stay that visit: "quero marcar cardio pra mostrar os exames", "preciso levar o ultrassom na consulta?"', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const visit = await clinic.say(p.id, 'quero marcar cardio pra mostrar os exames');
    expect(visit.body).toMatchObject({ state: 'collecting', reply: 'Olá, Maria! Para quando você prefere?' });
    const bring = await clinic.say(p.id, 'preciso levar o ultrassom na consulta?');
    expect(bring.body.reply).toContain('Traga um documento com foto');
    expect(bring.body.reply).not.toContain('sobre exames');
  });

  it('a clinic with an exam as an appointment type books it: "quero fazer um eletrocardiograma amanhã"', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const created = await clinic.api('POST', '/appointment-types', { name: 'Eletrocardiograma', duration_minutes: 20, specialty: 'Cardiologia', synonyms: ['eletro', 'ecg'] });
    expect(created.status).toBe(201);
    const offer = await clinic.say(p.id, 'quero fazer um eletrocardiograma amanhã');
    expect(offer.body.state).toBe('offering');
    expect(offer.body.reply).not.toContain('sobre exames');
    expect(offer.body.options.length).toBeGreaterThan(0);
    // the type's 20 minutes: 08:00, 08:20 with the same provider
    expect(offer.body.options.map((o: { start_time: string }) => o.start_time)).toContain('08:20');
    await clinic.say(p.id, '1');
    expect((await clinic.say(p.id, 'sim')).body.reply).toContain('Pronto, está marcado!');
    const row = clinic.sqlite.prepare('SELECT t.name FROM appointments a JOIN appointment_types t ON t.id = a.appointment_type_id WHERE a.patient_id = ?').get(p.id) as { name: string };
    expect(row.name).toBe('Eletrocardiograma');
  });
});
