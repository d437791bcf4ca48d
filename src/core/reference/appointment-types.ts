import { NotFoundError, ValidationError } from '../errors';
import { changesAnything } from '../changes';
import type { AppointmentType, PageRequest } from '../model';
import type { ListFilter, RenderReply } from '../ports';
import type { CoreDeps } from '../deps';

export interface AppointmentTypeCreate {
  name: string;
  duration_minutes: number;
  specialty?: string | null;
  synonyms?: string[];
}

export interface AppointmentTypeUpdate {
  name?: string;
  duration_minutes?: number;
  specialty?: string | null;
  synonyms?: string[];
  is_active?: boolean;
}

export interface AppointmentTypeFilter extends ListFilter {
  /** only types of this specialty (compared without regard to ASCII letter case) */
  specialty?: string;
}

/** Longest appointment a type may describe: one day. */
export const MAX_DURATION_MINUTES = 1440;
export const MAX_SYNONYMS = 50;
export const MAX_NAME_LENGTH = 200;

export function makeAppointmentTypeService({ repos, clock, ids }: CoreDeps) {
  const { appointmentTypes } = repos;

  function cleanName(name: string): string {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
      throw ValidationError.field('name', `expected 1 to ${MAX_NAME_LENGTH} characters`);
    }
    return trimmed;
  }

  function checkDuration(minutes: number | undefined): void {
    if (minutes === undefined) return;
    if (!Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_DURATION_MINUTES) {
      throw ValidationError.field('duration_minutes', `expected whole minutes from 1 to ${MAX_DURATION_MINUTES}`);
    }
  }

  /** Trimmed, without blanks, without repeats (ignoring case; the first spelling wins). */
  function cleanSynonyms(synonyms: string[] | undefined): string[] | undefined {
    if (synonyms === undefined) return undefined;
    const seen = new Set<string>();
    const out: string[] = [];
    for (const raw of synonyms) {
      const word = raw.trim();
      if (word === '') throw ValidationError.field('synonyms', 'synonyms must not be empty');
      const key = word.toLocaleLowerCase('pt-BR');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(word);
    }
    if (out.length > MAX_SYNONYMS) throw ValidationError.field('synonyms', `at most ${MAX_SYNONYMS} synonyms`);
    return out;
  }

  function cleanSpecialty(specialty: string | null | undefined): string | null | undefined {
    if (specialty === undefined || specialty === null) return specialty;
    const trimmed = specialty.trim();
    if (trimmed === '') throw ValidationError.field('specialty', 'must not be empty (send null to clear it)');
    return trimmed;
  }

  async function get(tenantId: string, id: string): Promise<AppointmentType> {
    const type = await appointmentTypes.get(tenantId, id);
    if (!type) throw new NotFoundError('Appointment type');
    return type;
  }

  return {
    get,

    /** `reply`: the response to store with the new record under the request's Idempotency-Key (ports: RenderReply) */
    async create(tenantId: string, input: AppointmentTypeCreate, reply?: RenderReply<AppointmentType>): Promise<AppointmentType> {
      checkDuration(input.duration_minutes);
      const now = clock.now().toISOString();
      const type: AppointmentType = {
        id: ids.uuid(),
        name: cleanName(input.name),
        duration_minutes: input.duration_minutes,
        specialty: cleanSpecialty(input.specialty) ?? null,
        synonyms: cleanSynonyms(input.synonyms) ?? [],
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      await appointmentTypes.insert(tenantId, type, reply?.(type));
      return type;
    },

    list: (tenantId: string, filter: AppointmentTypeFilter, page: PageRequest) =>
      appointmentTypes.list(tenantId, filter, page),

    async update(tenantId: string, id: string, input: AppointmentTypeUpdate): Promise<AppointmentType> {
      const current = await get(tenantId, id);
      checkDuration(input.duration_minutes);
      const changes: Parameters<typeof appointmentTypes.update>[2] = { updated_at: clock.now().toISOString() };
      if (input.name !== undefined) changes.name = cleanName(input.name);
      if (input.duration_minutes !== undefined) changes.duration_minutes = input.duration_minutes;
      if (input.specialty !== undefined) changes.specialty = cleanSpecialty(input.specialty);
      if (input.synonyms !== undefined) changes.synonyms = cleanSynonyms(input.synonyms);
      if (input.is_active !== undefined) changes.is_active = input.is_active;
      if (!changesAnything(current, changes)) return current;
      const updated = await appointmentTypes.update(tenantId, id, changes);
      if (!updated) throw new NotFoundError('Appointment type');
      return updated;
    },

    /** Already inactive: nothing to do, so a retried DELETE keeps the first one's `updated_at`. */
    async deactivate(tenantId: string, id: string): Promise<void> {
      if (!(await get(tenantId, id)).is_active) return;
      const updated = await appointmentTypes.update(tenantId, id, {
        is_active: false,
        updated_at: clock.now().toISOString(),
      });
      if (!updated) throw new NotFoundError('Appointment type');
    },
  };
}

export type AppointmentTypeService = ReturnType<typeof makeAppointmentTypeService>;
