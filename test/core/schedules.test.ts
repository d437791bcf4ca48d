/** The schedule and provider services called directly, as seed code and the conversation engine do. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../src/core/errors';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let tenantId: string;
let locationId: string;

beforeEach(async () => {
  t = await createTestApp();
  tenantId = t.tenant.tenantId;
  locationId = (await t.core.locations.create(tenantId, { name: 'Centro' })).id;
});
afterEach(() => t.close());

const window = (location_id: string) => ({ day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id });

describe('provider and schedule services', () => {
  it('apply the reference defaults and keep the domain rules without the API in front', async () => {
    const provider = await t.core.providers.create(tenantId, { doctor_id: crypto.randomUUID(), specialties: [' Cardiologia '] });
    expect(provider).toMatchObject({
      default_appointment_duration_minutes: 30,
      buffer_between_appointments_minutes: 0,
      max_concurrent_appointments: 1,
      is_accepting_new_patients: true,
      specialties: ['Cardiologia'],
    });
    await expect(t.core.providers.create(tenantId, { doctor_id: provider.doctor_id })).rejects.toBeInstanceOf(ConflictError);
    await expect(
      t.core.providers.create(tenantId, { doctor_id: crypto.randomUUID(), default_appointment_duration_minutes: 2 }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(t.core.providers.update(tenantId, provider.id, { specialties: [' '] })).rejects.toBeInstanceOf(ValidationError);

    const s = t.core.schedules;
    await expect(s.createTemplate(tenantId, provider.id, { ...window(locationId), end_time: '08:00' })).rejects.toBeInstanceOf(ValidationError);
    await expect(s.createTemplate(tenantId, provider.id, { ...window(locationId), start_time: '25:00' })).rejects.toBeInstanceOf(ValidationError);
    await expect(s.createTemplate(tenantId, provider.id, { ...window(locationId), day_of_week: 7 })).rejects.toBeInstanceOf(ValidationError);
    await expect(s.createTemplate(tenantId, provider.id, { ...window(locationId), effective_from: '2026-02-29' })).rejects.toBeInstanceOf(ValidationError);
    await expect(s.createTemplate(tenantId, crypto.randomUUID(), window(locationId))).rejects.toBeInstanceOf(NotFoundError);
    const template = await s.createTemplate(tenantId, provider.id, window(locationId));
    await expect(s.createTemplate(tenantId, provider.id, window(locationId))).rejects.toBeInstanceOf(ConflictError);
    expect(await s.getTemplate(tenantId, provider.id, template.id)).toEqual(template);

    await expect(s.createOverride(tenantId, provider.id, { date: '2026-12-01', type: 'modified' })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      s.createOverride(tenantId, provider.id, { date: '2026-12-01', type: 'closed' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    const override = await s.createOverride(tenantId, provider.id, { date: '2026-12-01', type: 'added', start_time: '14:00', end_time: '15:00', location_id: locationId });
    const page = await s.listOverrides(tenantId, provider.id, { date_from: '2026-12-01', date_to: '2026-12-01' }, { limit: 10 });
    expect(page.items).toEqual([override]);
    await s.deleteOverride(tenantId, provider.id, override.id);
    await expect(s.deleteOverride(tenantId, provider.id, override.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
