import { z } from '@hono/zod-openapi';
import { OVERRIDE_TYPES } from '../../core/model';
import { ClockTime, IsoDate, ListQuery, IncludeInactiveQuery, Timestamp, Uuid } from './common';

const weekday = 'expected a whole number from 0 (Sunday) to 6 (Saturday)';
const interval = 'expected a whole number from 5 to 240';

const templateFields = {
  day_of_week: z
    .number({ message: weekday })
    .int(weekday)
    .min(0, weekday)
    .max(6, weekday)
    .openapi({ description: '0 = Sunday, 1 = Monday … 6 = Saturday.', example: 1 }),
  start_time: ClockTime.openapi({ description: 'Local start (HH:MM) in the location’s time zone; inclusive.', example: '08:00' }),
  end_time: ClockTime.openapi({ description: 'Local end (HH:MM); exclusive, must be after start_time.', example: '12:00' }),
  location_id: Uuid.openapi({ description: 'An active location of the tenant where the provider works in this window.' }),
  slot_interval_minutes: z
    .number({ message: interval })
    .int(interval)
    .min(5, interval)
    .max(240, interval)
    .nullable()
    .openapi({ description: 'Minutes between slot starts, 5–240. Default null: the appointment duration.', example: 15 }),
  effective_from: IsoDate.nullable().openapi({ description: 'First date the template applies. Default null: no start.', example: '2026-12-01' }),
  effective_until: IsoDate.nullable().openapi({
    description: 'Last date the template applies (inclusive), not before effective_from. Default null: open-ended.',
    example: '2027-06-30',
  }),
  appointment_type_ids: z
    .array(Uuid)
    .max(50)
    .openapi({ description: 'Appointment types offered in this window (ids of the tenant). Default []: any type.' }),
};

export const ScheduleTemplateSchema = z
  .object({
    id: Uuid,
    provider_id: Uuid,
    day_of_week: z.number().int(),
    start_time: z.string(),
    end_time: z.string(),
    location_id: Uuid,
    slot_interval_minutes: z.number().int().nullable(),
    effective_from: z.string().nullable(),
    effective_until: z.string().nullable(),
    appointment_type_ids: z.array(Uuid),
    is_active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('ScheduleTemplate', {
    example: {
      id: '8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b',
      provider_id: '0b8e6a3c-4d2f-4e1a-9c7b-5f3e2d1a0b9c',
      day_of_week: 1,
      start_time: '08:00',
      end_time: '12:00',
      location_id: '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b',
      slot_interval_minutes: 15,
      effective_from: '2026-12-01',
      effective_until: null,
      appointment_type_ids: [],
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    },
  });

export const TemplateCreateSchema = z
  .object({
    day_of_week: templateFields.day_of_week,
    start_time: templateFields.start_time,
    end_time: templateFields.end_time,
    location_id: templateFields.location_id,
    slot_interval_minutes: templateFields.slot_interval_minutes.optional(),
    effective_from: templateFields.effective_from.optional(),
    effective_until: templateFields.effective_until.optional(),
    appointment_type_ids: templateFields.appointment_type_ids.optional(),
  })
  .openapi('ScheduleTemplateCreate', {
    example: {
      day_of_week: 1,
      start_time: '08:00',
      end_time: '12:00',
      location_id: '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b',
      slot_interval_minutes: 15,
      effective_from: '2026-12-01',
    },
  });

export const TemplateUpdateSchema = z
  .object({
    day_of_week: templateFields.day_of_week.optional(),
    start_time: templateFields.start_time.optional(),
    end_time: templateFields.end_time.optional(),
    location_id: templateFields.location_id.optional(),
    slot_interval_minutes: templateFields.slot_interval_minutes.optional(),
    effective_from: templateFields.effective_from.optional(),
    effective_until: templateFields.effective_until.optional(),
    appointment_type_ids: templateFields.appointment_type_ids.optional(),
    is_active: z.boolean().optional().openapi({ description: 'Set false to deactivate, true to reactivate (re-checked for overlaps).' }),
  })
  .openapi('ScheduleTemplateUpdate', { example: { start_time: '09:00', end_time: '13:00' } });

export const ScheduleOverrideSchema = z
  .object({
    id: Uuid,
    provider_id: Uuid,
    date: z.string().openapi({ format: 'date' }),
    type: z.enum(OVERRIDE_TYPES),
    start_time: z.string().nullable(),
    end_time: z.string().nullable(),
    location_id: Uuid.nullable(),
    reason: z.string().nullable(),
    created_at: Timestamp,
  })
  .openapi('ScheduleOverride', {
    example: {
      id: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
      provider_id: '0b8e6a3c-4d2f-4e1a-9c7b-5f3e2d1a0b9c',
      date: '2026-12-24',
      type: 'blocked',
      start_time: null,
      end_time: null,
      location_id: null,
      reason: 'Véspera de Natal',
      created_at: '2026-11-25T12:00:00.000Z',
    },
  });

export const OverrideCreateSchema = z
  .object({
    date: IsoDate.openapi({ description: 'The local date the override changes.' }),
    type: z.enum(OVERRIDE_TYPES, { message: `expected one of ${OVERRIDE_TYPES.join(', ')}` }).openapi({
      description:
        '`blocked` removes time (the given hours, or the whole day without times); `modified` replaces that day’s hours; `added` gives extra hours.',
      example: 'blocked',
    }),
    start_time: ClockTime.nullable()
      .optional()
      .openapi({ description: 'Local HH:MM. Required for `modified` and `added`; for `blocked`, give both times or neither.' }),
    end_time: ClockTime.nullable().optional().openapi({ description: 'Local HH:MM, after start_time.', example: '12:00' }),
    location_id: Uuid.nullable()
      .optional()
      .openapi({ description: 'A location of the tenant. For `added` it defaults to the provider’s primary_location_id (422 when there is none).' }),
    reason: z.string().max(500, 'must be at most 500 characters').nullable().optional().openapi({ description: 'Up to 500 characters.', example: 'Congresso' }),
  })
  .openapi('ScheduleOverrideCreate', {
    example: { date: '2026-12-24', type: 'modified', start_time: '08:00', end_time: '12:00', reason: 'Véspera de Natal' },
  });

export const TemplateListQuery = ListQuery.extend(IncludeInactiveQuery.shape);

export const OverrideListQuery = ListQuery.extend({
  date_from: IsoDate.optional().openapi({ description: 'Only overrides on or after this date.' }),
  date_to: IsoDate.optional().openapi({ description: 'Only overrides on or before this date (not before date_from).' }),
});

export const ProviderIdParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' }, description: 'Provider id' }),
});

export const TemplateParams = ProviderIdParams.extend({
  tid: Uuid.openapi({ param: { name: 'tid', in: 'path' }, description: 'Template id' }),
});

export const OverrideParams = ProviderIdParams.extend({
  oid: Uuid.openapi({ param: { name: 'oid', in: 'path' }, description: 'Override id' }),
});
