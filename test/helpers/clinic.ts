/**
 * A small clinic built through the public API: a location, an appointment type, a provider with
 * weekday templates, and patients. Tests book against it at fixed local times.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app';

export interface ClinicOptions {
  timezone?: string;
  rooms?: string[];
  provider?: Record<string, unknown>;
  /** weekday templates [day_of_week, start, end]; default Monday–Friday 08:00–12:00 */
  templates?: Array<[number, string, string]>;
  patients?: number;
  key?: string;
}

/** Anything that speaks the API: the in-process test app, or a real server over HTTP. */
export type ApiClient = Pick<TestApp, 'api'> & { tenant: { readWrite: string } };

export async function createClinic(t: ApiClient, options: ClinicOptions = {}) {
  const key = options.key ?? t.tenant.readWrite;
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await t.api(method, path, body, { key });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const location = await ok('POST', '/locations', {
    name: 'Unidade Centro',
    timezone: options.timezone ?? 'America/Sao_Paulo',
    rooms: (options.rooms ?? ['Sala 1', 'Sala 2']).map((name) => ({ name })),
  });
  const type = await ok('POST', '/appointment-types', { name: 'Consulta', duration_minutes: 30 });
  const provider = await ok('POST', '/providers', {
    doctor_id: randomUUID(),
    name: 'Dra. Ana Souza',
    specialties: ['Cardiologia'],
    primary_location_id: location.id,
    ...options.provider,
  });
  const templates = options.templates ?? [1, 2, 3, 4, 5].map((d) => [d, '08:00', '12:00'] as [number, string, string]);
  for (const [day, start, end] of templates) {
    await ok('POST', `/providers/${provider.id}/templates`, { day_of_week: day, start_time: start, end_time: end, location_id: location.id });
  }
  const patients: Array<{ id: string }> = [];
  for (let i = 0; i < (options.patients ?? 2); i++) {
    patients.push(await ok('POST', '/patients', { name: `Paciente ${i + 1}`, phone: `+55319${String(90000000 + i).padStart(8, '0')}` }));
  }

  /** A create body for this clinic; override any field. */
  const booking = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
    provider_profile_id: provider.id,
    patient_id: patients[0]!.id,
    appointment_type_id: type.id,
    location_id: location.id,
    start_time: start,
    end_time: end,
    ...extra,
  });

  return { location, type, provider, patients, booking, ok };
}

/** Rows in the tables a booking writes, to prove a refusal wrote nothing. */
export async function writtenRows(t: TestApp) {
  return { appointments: await t.count('appointments'), history: await t.count('appointment_status_history'), outbox: await t.count('outbox') };
}
