import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { changesAnything } from '../changes';
import { OVERRIDE_TYPES, type OverrideType, type PageRequest, type Provider, type ScheduleOverride, type ScheduleTemplate } from '../model';
import type { ListFilter, OverrideFilter, RenderReply } from '../ports';
import type { CoreDeps } from '../deps';
import { isValidClockTime, isValidDate } from '../time';

export interface TemplateCreate {
  day_of_week: number;
  start_time: string;
  end_time: string;
  location_id: string;
  slot_interval_minutes?: number | null;
  effective_from?: string | null;
  effective_until?: string | null;
  appointment_type_ids?: string[];
}

export interface TemplateUpdate extends Partial<TemplateCreate> {
  is_active?: boolean;
}

export interface OverrideCreate {
  date: string;
  type: OverrideType;
  start_time?: string | null;
  end_time?: string | null;
  location_id?: string | null;
  reason?: string | null;
}

export const SLOT_INTERVAL_LIMITS = [5, 240] as const;
export const MAX_OVERRIDE_REASON = 500;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function checkTime(field: string, value: string): void {
  if (!isValidClockTime(value)) throw ValidationError.field(field, 'expected a clock time HH:MM (00:00-23:59)');
}

function checkDate(field: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null && !isValidDate(value)) {
    throw ValidationError.field(field, 'expected a calendar date YYYY-MM-DD');
  }
}

function checkTimeOrder(start: string, end: string): void {
  checkTime('start_time', start);
  checkTime('end_time', end);
  if (start >= end) throw ValidationError.field('end_time', 'must be later than start_time');
}

/** Field-level rules of a complete template (after a PUT is merged into the current one). */
function checkTemplateFields(t: ScheduleTemplate): void {
  if (!Number.isInteger(t.day_of_week) || t.day_of_week < 0 || t.day_of_week > 6) {
    throw ValidationError.field('day_of_week', 'expected a whole number from 0 (Sunday) to 6 (Saturday)');
  }
  checkTimeOrder(t.start_time, t.end_time);
  const interval = t.slot_interval_minutes;
  const [min, max] = SLOT_INTERVAL_LIMITS;
  if (interval !== null && (!Number.isInteger(interval) || interval < min || interval > max)) {
    throw ValidationError.field('slot_interval_minutes', `expected a whole number from ${min} to ${max}`);
  }
  checkDate('effective_from', t.effective_from);
  checkDate('effective_until', t.effective_until);
  if (t.effective_from !== null && t.effective_until !== null && t.effective_from > t.effective_until) {
    throw ValidationError.field('effective_until', 'must not be before effective_from');
  }
}

function overlapMessage(t: ScheduleTemplate): string {
  return (
    `The provider already has an active template on ${WEEKDAYS[t.day_of_week]} overlapping ` +
    `${t.start_time}-${t.end_time} within the same effective dates`
  );
}

function overrideHours(o: ScheduleOverride): string {
  return o.start_time === null ? 'the whole day' : `${o.start_time}-${o.end_time}`;
}

function overrideWhere(o: ScheduleOverride): string {
  return o.location_id === null ? 'all locations' : `location ${o.location_id}`;
}

/** The 409 for an override refused because `existing` clashes with it (OverrideRepo.insertUnlessClash). */
export function overrideClashMessage(existing: ScheduleOverride, wanted: ScheduleOverride): string {
  const what = `${existing.type === 'added' ? 'an' : 'a'} ${existing.type} override ${existing.id} on ${existing.date}, ${overrideHours(existing)} at ${overrideWhere(existing)}`;
  if (wanted.type === 'blocked') {
    return `The provider already has ${what}: the same block (delete it first to change its reason)`;
  }
  return (
    `The provider already has ${what}, overlapping ${overrideHours(wanted)} at ${overrideWhere(wanted)}; ` +
    `${wanted.type} hours must not overlap at one location (windows are not merged): delete that override or choose other hours`
  );
}

export function makeScheduleService({ repos, clock, ids }: CoreDeps) {
  const { providers, locations, appointmentTypes, templates, overrides } = repos;

  async function provider(tenantId: string, providerId: string): Promise<Provider> {
    const found = await providers.get(tenantId, providerId);
    if (!found) throw new NotFoundError('Provider');
    return found;
  }

  async function activeProvider(tenantId: string, providerId: string): Promise<Provider> {
    const found = await provider(tenantId, providerId);
    if (!found.is_active) throw new ConflictError('Provider is inactive');
    return found;
  }

  /** A referenced location: unknown (or another tenant's) is 422 naming `field`, inactive is 409. */
  async function checkLocation(tenantId: string, field: string, locationId: string): Promise<void> {
    const location = await locations.get(tenantId, locationId);
    if (!location) throw ValidationError.field(field, `unknown location id ${locationId}`);
    if (!location.is_active) throw new ConflictError(`Location ${locationId} is inactive`);
  }

  async function checkAppointmentTypes(tenantId: string, typeIds: string[]): Promise<string[]> {
    const unique = [...new Set(typeIds)];
    const found = await Promise.all(unique.map((id) => appointmentTypes.get(tenantId, id)));
    const unknown = unique.filter((_, i) => !found[i]);
    if (unknown.length > 0) {
      throw ValidationError.field('appointment_type_ids', `unknown appointment type id ${unknown.join(', ')}`);
    }
    const inactive = unique.filter((_, i) => found[i] && !found[i]!.is_active);
    if (inactive.length > 0) throw new ConflictError(`Appointment type ${inactive.join(', ')} is inactive`);
    return unique;
  }

  async function getTemplate(tenantId: string, providerId: string, templateId: string): Promise<ScheduleTemplate> {
    await provider(tenantId, providerId);
    const template = await templates.get(tenantId, providerId, templateId);
    if (!template) throw new NotFoundError('Schedule template');
    return template;
  }

  return {
    /** `reply`: the response to store with the template under the request's Idempotency-Key (ports: RenderReply) */
    async createTemplate(tenantId: string, providerId: string, input: TemplateCreate, reply?: RenderReply<ScheduleTemplate>): Promise<ScheduleTemplate> {
      const now = clock.now().toISOString();
      const template: ScheduleTemplate = {
        id: ids.uuid(),
        provider_id: providerId,
        day_of_week: input.day_of_week,
        start_time: input.start_time,
        end_time: input.end_time,
        location_id: input.location_id,
        slot_interval_minutes: input.slot_interval_minutes ?? null,
        effective_from: input.effective_from ?? null,
        effective_until: input.effective_until ?? null,
        appointment_type_ids: input.appointment_type_ids ?? [],
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      await activeProvider(tenantId, providerId);
      checkTemplateFields(template);
      await checkLocation(tenantId, 'location_id', template.location_id);
      template.appointment_type_ids = await checkAppointmentTypes(tenantId, template.appointment_type_ids);
      // The overlap check and the insert are one SQL statement (see TemplateRepo.insertIfNoOverlap).
      if (!(await templates.insertIfNoOverlap(tenantId, template, reply?.(template)))) throw new ConflictError(overlapMessage(template));
      return template;
    },

    getTemplate,

    async listTemplates(tenantId: string, providerId: string, filter: ListFilter, page: PageRequest) {
      await provider(tenantId, providerId);
      return templates.list(tenantId, providerId, filter, page);
    },

    async updateTemplate(
      tenantId: string,
      providerId: string,
      templateId: string,
      input: TemplateUpdate,
    ): Promise<ScheduleTemplate> {
      const current = await getTemplate(tenantId, providerId, templateId);
      const next: ScheduleTemplate = { ...current, updated_at: clock.now().toISOString() };
      const fields = [
        'day_of_week',
        'start_time',
        'end_time',
        'location_id',
        'slot_interval_minutes',
        'effective_from',
        'effective_until',
        'appointment_type_ids',
        'is_active',
      ] as const;
      for (const key of fields) {
        if (input[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = input[key];
      }
      checkTemplateFields(next);
      const reactivated = next.is_active && !current.is_active;
      if (input.location_id !== undefined || reactivated) await checkLocation(tenantId, 'location_id', next.location_id);
      if (input.appointment_type_ids !== undefined) {
        next.appointment_type_ids = await checkAppointmentTypes(tenantId, next.appointment_type_ids);
      }
      if (!changesAnything(current, next)) return current;
      // The overlap check and the update are one SQL statement (see TemplateRepo.updateIfNoOverlap).
      const result = await templates.updateIfNoOverlap(tenantId, next);
      if (result === 'not_found') throw new NotFoundError('Schedule template');
      if (result === 'overlap') throw new ConflictError(overlapMessage(next));
      return result;
    },

    async deactivateTemplate(tenantId: string, providerId: string, templateId: string): Promise<void> {
      const current = await getTemplate(tenantId, providerId, templateId);
      if (!current.is_active) return;
      const result = await templates.updateIfNoOverlap(tenantId, {
        ...current,
        is_active: false,
        updated_at: clock.now().toISOString(),
      });
      if (result === 'not_found') throw new NotFoundError('Schedule template');
    },

    /** `reply`: as for createTemplate */
    async createOverride(tenantId: string, providerId: string, input: OverrideCreate, reply?: RenderReply<ScheduleOverride>): Promise<ScheduleOverride> {
      const owner = await activeProvider(tenantId, providerId);
      if (typeof input.date !== 'string') throw ValidationError.field('date', 'required');
      checkDate('date', input.date);
      if (!OVERRIDE_TYPES.includes(input.type)) {
        throw ValidationError.field('type', `expected one of ${OVERRIDE_TYPES.join(', ')}`);
      }
      const start = input.start_time ?? null;
      const end = input.end_time ?? null;
      if (input.type === 'blocked') {
        if ((start === null) !== (end === null)) {
          throw ValidationError.field(
            start === null ? 'start_time' : 'end_time',
            'a blocked override takes both start_time and end_time, or neither to block the whole day',
          );
        }
      } else if (start === null || end === null) {
        throw ValidationError.field(
          start === null ? 'start_time' : 'end_time',
          `${input.type === 'added' ? 'an' : 'a'} ${input.type} override requires start_time and end_time`,
        );
      }
      if (start !== null && end !== null) checkTimeOrder(start, end);
      const reason = input.reason ?? null;
      if (reason !== null && reason.length > MAX_OVERRIDE_REASON) {
        throw ValidationError.field('reason', `must be at most ${MAX_OVERRIDE_REASON} characters`);
      }
      let locationId = input.location_id ?? null;
      if (locationId !== null) {
        await checkLocation(tenantId, 'location_id', locationId);
      } else if (input.type === 'added') {
        if (owner.primary_location_id === null) {
          throw ValidationError.field(
            'location_id',
            'an added override needs a location_id because the provider has no primary_location_id',
          );
        }
        locationId = owner.primary_location_id;
        await checkLocation(tenantId, 'location_id', locationId);
      }
      const override: ScheduleOverride = {
        id: ids.uuid(),
        provider_id: providerId,
        date: input.date,
        type: input.type,
        start_time: start,
        end_time: end,
        location_id: locationId,
        reason,
        created_at: clock.now().toISOString(),
      };
      // The clash check and the insert are one SQL statement (see OverrideRepo.insertUnlessClash).
      const clash = await overrides.insertUnlessClash(tenantId, override, reply?.(override));
      if (clash) throw new ConflictError(overrideClashMessage(clash, override));
      return override;
    },

    async listOverrides(tenantId: string, providerId: string, filter: OverrideFilter, page: PageRequest) {
      await provider(tenantId, providerId);
      checkDate('date_from', filter.date_from);
      checkDate('date_to', filter.date_to);
      if (filter.date_from !== undefined && filter.date_to !== undefined && filter.date_from > filter.date_to) {
        throw ValidationError.field('date_to', 'must not be before date_from');
      }
      return overrides.list(tenantId, providerId, filter, page);
    },

    async getOverride(tenantId: string, providerId: string, overrideId: string): Promise<ScheduleOverride> {
      await provider(tenantId, providerId);
      const override = await overrides.get(tenantId, providerId, overrideId);
      if (!override) throw new NotFoundError('Schedule override');
      return override;
    },

    async deleteOverride(tenantId: string, providerId: string, overrideId: string): Promise<void> {
      await provider(tenantId, providerId);
      if (!(await overrides.delete(tenantId, providerId, overrideId, clock.now().toISOString()))) throw new NotFoundError('Schedule override');
    },
  };
}

export type ScheduleService = ReturnType<typeof makeScheduleService>;
