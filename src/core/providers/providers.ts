import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { changesAnything } from '../changes';
import type { PageRequest, Provider } from '../model';
import type { ProviderFilter, RenderReply } from '../ports';
import type { CoreDeps } from '../deps';
import { fold } from '../language/normalize';

export interface ProviderCreate {
  doctor_id: string;
  name?: string | null;
  default_appointment_duration_minutes?: number;
  buffer_between_appointments_minutes?: number;
  max_daily_appointments?: number | null;
  max_concurrent_appointments?: number;
  primary_location_id?: string | null;
  specialties?: string[];
  is_accepting_new_patients?: boolean;
  metadata?: Record<string, unknown>;
}

export interface ProviderUpdate extends Partial<ProviderCreate> {
  is_active?: boolean;
}

/** The reference's defaults for a new provider profile. */
export const PROVIDER_DEFAULTS = {
  default_appointment_duration_minutes: 30,
  buffer_between_appointments_minutes: 0,
  max_concurrent_appointments: 1,
  is_accepting_new_patients: true,
} as const;

/** Inclusive bounds of the numeric settings (also enforced by the API schema). */
export const PROVIDER_LIMITS = {
  default_appointment_duration_minutes: [5, 480],
  buffer_between_appointments_minutes: [0, 240],
  max_concurrent_appointments: [1, 100],
} as const;

/** A specialty as stored: trimmed, in Unicode NFC (so accent-insensitive matching sees one form). */
export function canonicalSpecialty(value: string): string {
  return value.normalize('NFC').trim();
}

function checkRange(field: keyof typeof PROVIDER_LIMITS, value: number | undefined): void {
  if (value === undefined) return;
  const [min, max] = PROVIDER_LIMITS[field];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw ValidationError.field(field, `expected a whole number from ${min} to ${max}`);
  }
}

function checkSettings(input: ProviderUpdate): void {
  checkRange('default_appointment_duration_minutes', input.default_appointment_duration_minutes);
  checkRange('buffer_between_appointments_minutes', input.buffer_between_appointments_minutes);
  checkRange('max_concurrent_appointments', input.max_concurrent_appointments);
  const maxDaily = input.max_daily_appointments;
  if (maxDaily !== undefined && maxDaily !== null && (!Number.isSafeInteger(maxDaily) || maxDaily < 1)) {
    throw ValidationError.field('max_daily_appointments', `expected null or a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`);
  }
}

/**
 * Specialties as stored: each once, as first spelled. Two that differ only in case or accents
 * ('Cardiologia', 'CARDIOLOGÍA') are one: the specialty filter and slot search fold both sides.
 */
function normaliseSpecialties(list: string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    const value = canonicalSpecialty(raw);
    if (value.length === 0) throw ValidationError.field('specialties', 'specialties must not be empty');
    const key = fold(value);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
}

export function makeProviderService({ repos, clock, ids }: CoreDeps) {
  const { providers, locations } = repos;

  /** A primary location must be a location of the tenant (else 422) that is still active (else 409). */
  async function checkPrimaryLocation(tenantId: string, locationId: string | null | undefined): Promise<void> {
    if (locationId === undefined || locationId === null) return;
    const location = await locations.get(tenantId, locationId);
    if (!location) throw ValidationError.field('primary_location_id', `unknown location id ${locationId}`);
    if (!location.is_active) throw new ConflictError(`Location ${locationId} is inactive`);
  }

  async function get(tenantId: string, id: string): Promise<Provider> {
    const provider = await providers.get(tenantId, id);
    if (!provider) throw new NotFoundError('Provider');
    return provider;
  }

  return {
    /** `reply`: the response to store with the new record under the request's Idempotency-Key (ports: RenderReply) */
    async create(tenantId: string, input: ProviderCreate, reply?: RenderReply<Provider>): Promise<Provider> {
      checkSettings(input);
      const specialties = normaliseSpecialties(input.specialties) ?? [];
      await checkPrimaryLocation(tenantId, input.primary_location_id);
      const now = clock.now().toISOString();
      const provider: Provider = {
        id: ids.uuid(),
        doctor_id: input.doctor_id,
        name: input.name ?? null,
        default_appointment_duration_minutes:
          input.default_appointment_duration_minutes ?? PROVIDER_DEFAULTS.default_appointment_duration_minutes,
        buffer_between_appointments_minutes:
          input.buffer_between_appointments_minutes ?? PROVIDER_DEFAULTS.buffer_between_appointments_minutes,
        max_daily_appointments: input.max_daily_appointments ?? null,
        max_concurrent_appointments: input.max_concurrent_appointments ?? PROVIDER_DEFAULTS.max_concurrent_appointments,
        primary_location_id: input.primary_location_id ?? null,
        specialties,
        is_accepting_new_patients: input.is_accepting_new_patients ?? PROVIDER_DEFAULTS.is_accepting_new_patients,
        metadata: input.metadata ?? {},
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      // The unique index (tenant_id, doctor_id) decides a duplicate: the repo throws ConflictError.
      await providers.insert(tenantId, provider, reply?.(provider));
      return provider;
    },

    get,

    list: (tenantId: string, filter: ProviderFilter, page: PageRequest) => {
      const specialty = filter.specialty === undefined ? undefined : canonicalSpecialty(filter.specialty);
      return providers.list(tenantId, { ...filter, specialty }, page);
    },

    async update(tenantId: string, id: string, input: ProviderUpdate): Promise<Provider> {
      const current = await get(tenantId, id);
      checkSettings(input);
      const specialties = normaliseSpecialties(input.specialties);
      if (input.primary_location_id !== undefined) await checkPrimaryLocation(tenantId, input.primary_location_id);
      const changes: Parameters<typeof providers.update>[2] = { updated_at: clock.now().toISOString() };
      const writable = [
        'doctor_id',
        'name',
        'default_appointment_duration_minutes',
        'buffer_between_appointments_minutes',
        'max_daily_appointments',
        'max_concurrent_appointments',
        'primary_location_id',
        'is_accepting_new_patients',
        'metadata',
        'is_active',
      ] as const;
      for (const key of writable) {
        if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
      }
      if (specialties !== undefined) changes.specialties = specialties;
      if (!changesAnything(current, changes)) return current;
      const updated = await providers.update(tenantId, id, changes);
      if (!updated) throw new NotFoundError('Provider');
      return updated;
    },

    /** Already inactive: nothing to do, so a retried DELETE keeps the first one's `updated_at`. */
    async deactivate(tenantId: string, id: string): Promise<void> {
      if (!(await get(tenantId, id)).is_active) return;
      const updated = await providers.update(tenantId, id, { is_active: false, updated_at: clock.now().toISOString() });
      if (!updated) throw new NotFoundError('Provider');
    },
  };
}

export type ProviderService = ReturnType<typeof makeProviderService>;
