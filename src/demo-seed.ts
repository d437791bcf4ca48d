/**
 * The demo clinic: a tenant, its locations, appointment types, providers with weekly templates and a
 * few patients, all created through the core services so that every rule applies, plus one key with
 * every scope. The data itself (Portuguese) lives in locales/pt-BR/demo-clinic.json.
 *
 * Call it only on an empty database (entry points check the tenant count first); it refuses to run
 * when the demo tenant already exists rather than duplicate it.
 */
import type { Core } from './core';
import type { Clock } from './core/clock';
import { ConflictError } from './core/errors';
import type { PatientChannel } from './core/model';
import demoClinicJson from '../locales/pt-BR/demo-clinic.json' with { type: 'json' };

/** The shape of locales/pt-BR/demo-clinic.json. Locations are referred to by their `key`. */
export interface DemoClinicData {
  tenant: string;
  locations: Array<{
    key: string;
    name: string;
    address: string;
    timezone: string;
    rooms: Array<{ name: string }>;
  }>;
  travel_minutes: Array<{ between: [string, string]; minutes: number }>;
  appointment_types: Array<{
    name: string;
    duration_minutes: number;
    specialty?: string;
    synonyms: string[];
  }>;
  providers: Array<{
    name: string;
    specialties: string[];
    primary_location: string;
    default_appointment_duration_minutes?: number;
    buffer_between_appointments_minutes?: number;
    max_daily_appointments?: number;
    max_concurrent_appointments?: number;
    is_accepting_new_patients?: boolean;
    schedule: Array<{
      /** 0 = Sunday … 6 = Saturday */
      days_of_week: number[];
      start_time: string;
      end_time: string;
      location: string;
      slot_interval_minutes?: number;
    }>;
  }>;
  patients: Array<{
    name: string;
    phone: string;
    email?: string;
    birth_date?: string;
    preferred_channel?: PatientChannel;
  }>;
}

export const DEMO_CLINIC: DemoClinicData = demoClinicJson as DemoClinicData;

export interface DemoSeedResult {
  tenantId: string;
  /** the plain demo key (scopes read, write, admin): shown once, stored only as a hash */
  apiKey: string;
}

/**
 * Creates the demo clinic. `clock` is accepted for symmetry with the other entry-point helpers;
 * every timestamp comes from the core's own clock.
 */
export async function seedDemoClinic(
  core: Core,
  _clock?: Clock,
  data: DemoClinicData = DEMO_CLINIC,
): Promise<DemoSeedResult> {
  const { tenant, created } = await core.keys.ensureTenant(data.tenant);
  if (!created) throw new ConflictError(`Tenant '${data.tenant}' already exists; the demo clinic is seeded only once`);
  const tenantId = tenant.id;

  const locationIds = new Map<string, string>();
  const locationId = (key: string): string => {
    const id = locationIds.get(key);
    if (!id) throw new Error(`demo-clinic.json: unknown location key '${key}'`);
    return id;
  };

  for (const { key, ...location } of data.locations) {
    const created = await core.locations.create(tenantId, location);
    locationIds.set(key, created.id);
  }

  // Travel times need both ends to exist, so they are set once every location is there.
  const travel = new Map<string, Record<string, number>>();
  for (const { between, minutes } of data.travel_minutes) {
    const [a, b] = between.map(locationId) as [string, string];
    travel.set(a, { ...travel.get(a), [b]: minutes });
    travel.set(b, { ...travel.get(b), [a]: minutes });
  }
  for (const [id, travel_minutes] of travel) {
    await core.locations.update(tenantId, id, { travel_minutes });
  }

  for (const type of data.appointment_types) {
    await core.appointmentTypes.create(tenantId, {
      name: type.name,
      duration_minutes: type.duration_minutes,
      ...(type.specialty !== undefined ? { specialty: type.specialty } : {}),
      synonyms: type.synonyms,
    });
  }

  for (const { schedule, primary_location, ...profile } of data.providers) {
    const provider = await core.providers.create(tenantId, {
      ...profile,
      doctor_id: crypto.randomUUID(),
      primary_location_id: locationId(primary_location),
    });
    for (const block of schedule) {
      for (const day_of_week of block.days_of_week) {
        await core.schedules.createTemplate(tenantId, provider.id, {
          day_of_week,
          start_time: block.start_time,
          end_time: block.end_time,
          location_id: locationId(block.location),
          ...(block.slot_interval_minutes !== undefined ? { slot_interval_minutes: block.slot_interval_minutes } : {}),
        });
      }
    }
  }

  for (const patient of data.patients) {
    await core.patients.create(tenantId, patient);
  }

  const { secret } = await core.keys.createKey(tenantId, ['read', 'write', 'admin'], 'demo');
  return { tenantId, apiKey: secret };
}

/** The lines an entry point prints after seeding: the key on its own line, then a curl example. */
export function demoKeyLines(apiKey: string, baseUrl: string): string[] {
  return [
    `Demo API key: ${apiKey}`,
    `Try it: curl -H 'x-api-key: ${apiKey}' ${baseUrl}/v1/scheduling/providers`,
  ];
}

/**
 * Runs `fn` inside one IMMEDIATE transaction of a synchronous SQLite connection (better-sqlite3),
 * across its awaits: the check "is the database empty?" and the seed become one step, two processes
 * starting on one file cannot both seed, and a seed that fails half-way leaves nothing behind.
 * Safe only while nothing else uses the connection (start-up, the CLI); nested better-sqlite3
 * transactions inside become savepoints.
 */
export async function withWriteLock<T>(sqlite: { exec(sql: string): unknown }, fn: () => Promise<T>): Promise<T> {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn();
    sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
}
