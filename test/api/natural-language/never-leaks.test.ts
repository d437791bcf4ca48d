import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { demoClinic } from './helpers';

let t: TestApp;
let demo: Awaited<ReturnType<typeof demoClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  demo = await demoClinic(t);
});
afterEach(() => t.close());

describe('natural language: what never leaks', () => {
  it("treats another tenant's patient and location as unknown", async () => {
    const theirs = await createClinic(t, { patients: 1 });
    const patient = await demo.ask({ message: 'oi', patient_id: theirs.patients[0]!.id });
    expect(patient.status).toBe(422);
    expect(JSON.stringify(patient.body)).not.toContain('Paciente 1');
    const location = await demo.ask({ message: 'oi', location_id: theirs.location.id });
    expect(location.status).toBe(422);
  });

  it("never matches another tenant's providers, specialties or locations, nor suggests their slots", async () => {
    const theirs = await createClinic(t, {
      patients: 0,
      provider: { name: 'Dr. Zeca Tavares', specialties: ['Cardiologia'] },
    });
    const res = await demo.ask({ message: 'quero marcar com o dr zeca tavares amanhã de manhã' });
    expect(res.status).toBe(200);
    expect(res.body.resolved.provider_ids).toEqual([]);
    // both clinics have a "Unidade Centro": only the tenant's own resolves
    const centro = await demo.ask({ message: 'cardio amanhã no centro' });
    expect(centro.body.resolved.location_id).toBe(demo.location('Unidade Centro').id);
    const cardio = await demo.ask({ message: 'cardio amanhã de manhã' });
    expect(cardio.body.suggested_slots.length).toBeGreaterThan(0);
    expect(JSON.stringify(cardio.body)).not.toContain(theirs.provider.id);
    expect(JSON.stringify(cardio.body)).not.toContain(theirs.location.id);
  });
});
