import { NotFoundError, ValidationError } from '../errors';
import type { PageRequest, Patient, PatientChannel } from '../model';
import { PATIENT_CHANNELS } from '../model';
import type { ListFilter, RenderReply } from '../ports';
import type { CoreDeps } from '../deps';
import { birthDateProblem } from './birth-date';
import { normalizePhone, tryNormalizePhone } from './phone';
import { changesAnything } from '../changes';

export interface PatientCreate {
  name: string;
  /** any accepted phone format; stored as E.164 */
  phone?: string | null;
  email?: string | null;
  birth_date?: string | null;
  preferred_channel?: PatientChannel | null;
}

/** Fields left out stay as they are; `null` clears an optional field. */
export interface PatientUpdate extends Partial<PatientCreate> {
  is_active?: boolean;
}

export interface PatientFilter extends ListFilter {
  /** any accepted phone format; normalised before matching */
  phone?: string;
}

export const MAX_NAME_LENGTH = 200;

export function makePatientService({ repos, clock, ids }: CoreDeps) {
  const { patients } = repos;

  function cleanName(name: string): string {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
      throw ValidationError.field('name', `expected 1 to ${MAX_NAME_LENGTH} characters`);
    }
    return trimmed;
  }

  function cleanPhone(phone: string | null | undefined): string | null | undefined {
    return phone === undefined || phone === null ? phone : normalizePhone(phone);
  }

  function checkBirthDate(date: string | null | undefined): void {
    if (date === undefined || date === null) return;
    const problem = birthDateProblem(date, clock.now());
    if (problem !== null) throw ValidationError.field('birth_date', problem);
  }

  function checkChannel(channel: string | null | undefined): void {
    if (channel === undefined || channel === null) return;
    if (!(PATIENT_CHANNELS as readonly string[]).includes(channel)) {
      throw ValidationError.field('preferred_channel', `expected one of ${PATIENT_CHANNELS.join(', ')}`);
    }
  }

  async function get(tenantId: string, id: string): Promise<Patient> {
    const patient = await patients.get(tenantId, id);
    if (!patient) throw new NotFoundError('Patient');
    return patient;
  }

  return {
    get,

    /** Throws ConflictError when the phone is already registered in the tenant. `reply`: as for locations. */
    async create(tenantId: string, input: PatientCreate, reply?: RenderReply<Patient>): Promise<Patient> {
      const name = cleanName(input.name);
      const phone = cleanPhone(input.phone) ?? null;
      checkBirthDate(input.birth_date);
      checkChannel(input.preferred_channel);
      const now = clock.now().toISOString();
      const patient: Patient = {
        id: ids.uuid(),
        name,
        phone,
        email: input.email ?? null,
        birth_date: input.birth_date ?? null,
        preferred_channel: input.preferred_channel ?? null,
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      await patients.insert(tenantId, patient, reply?.(patient));
      return patient;
    },

    /** A phone filter is normalised first; one that is not a phone number is a ValidationError. */
    async list(tenantId: string, filter: PatientFilter, page: PageRequest) {
      const { phone, ...rest } = filter;
      return patients.list(tenantId, phone === undefined ? rest : { ...rest, phone: normalizePhone(phone) }, page);
    },

    /** Throws ConflictError when the new phone is already registered in the tenant. */
    async update(tenantId: string, id: string, input: PatientUpdate): Promise<Patient> {
      const current = await get(tenantId, id);
      const changes: Parameters<typeof patients.update>[2] = { updated_at: clock.now().toISOString() };
      if (input.name !== undefined) changes.name = cleanName(input.name);
      if (input.phone !== undefined) changes.phone = cleanPhone(input.phone);
      if (input.email !== undefined) changes.email = input.email;
      if (input.birth_date !== undefined) {
        checkBirthDate(input.birth_date);
        changes.birth_date = input.birth_date;
      }
      if (input.preferred_channel !== undefined) {
        checkChannel(input.preferred_channel);
        changes.preferred_channel = input.preferred_channel;
      }
      if (input.is_active !== undefined) changes.is_active = input.is_active;
      if (!changesAnything(current, changes)) return current;
      const updated = await patients.update(tenantId, id, changes);
      if (!updated) throw new NotFoundError('Patient');
      return updated;
    },

    /** Already inactive: nothing to do, so a retried DELETE keeps the first one's `updated_at`. */
    async deactivate(tenantId: string, id: string): Promise<void> {
      if (!(await get(tenantId, id)).is_active) return;
      const updated = await patients.update(tenantId, id, { is_active: false, updated_at: clock.now().toISOString() });
      if (!updated) throw new NotFoundError('Patient');
    },

    /**
     * The patient (active or not: callers decide what an inactive one means) with this phone, in any
     * accepted format. Text that is not a phone number matches nobody: null, not an error, so a
     * channel can pass a sender id (e.g. an SMS short code) as it comes.
     */
    async findByPhone(tenantId: string, phoneText: string): Promise<Patient | null> {
      const phone = tryNormalizePhone(phoneText);
      return phone === null ? null : patients.findByPhone(tenantId, phone);
    },
  };
}

export type PatientService = ReturnType<typeof makePatientService>;
