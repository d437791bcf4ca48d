/**
 * The clinic facts the conversation answers from (core.language.clinicInfo): the active appointment types and how
 * long each takes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('clinicInfo: appointment types', () => {
  it('each active type with its specialty and duration, in the order they were made; inactive ones left out', async () => {
    const tenantId = (await t.addTenant(`Durações ${randomUUID()}`)).tenantId;
    const consulta = await t.core.appointmentTypes.create(tenantId, { name: 'Consulta', duration_minutes: 45 });
    const ecg = await t.core.appointmentTypes.create(tenantId, { name: 'Eletrocardiograma', duration_minutes: 20, specialty: 'Cardiologia' });
    const old = await t.core.appointmentTypes.create(tenantId, { name: 'Antigo', duration_minutes: 10 });
    await t.core.appointmentTypes.update(tenantId, old.id, { is_active: false });

    expect((await t.core.language.clinicInfo(tenantId)).appointment_types).toEqual([
      { id: consulta.id, name: 'Consulta', specialty: null, duration_minutes: 45 },
      { id: ecg.id, name: 'Eletrocardiograma', specialty: 'Cardiologia', duration_minutes: 20 },
    ]);
  });
});
