import { z } from '@hono/zod-openapi';
import { IncludeInactiveQuery, ListQuery, MAX_METADATA_DEPTH, Metadata, Timestamp, Uuid } from './common';

/**
 * A whole number from `min` to `max`; without a max, up to the largest a JSON number holds exactly
 * (Number.MAX_SAFE_INTEGER), which the message names, so that 2^53 + 1 is not told "at least 1".
 */
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const message = `expected a whole number from ${min} to ${max}`;
  return z.number({ message }).int(message).min(min, message).max(max, message);
};

const fields = {
  doctor_id: Uuid.openapi({
    description: 'The doctor this profile schedules (an id of your own directory). One profile per doctor per tenant.',
  }),
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200)
    .nullable()
    .openapi({ description: 'Display name shown in slots and conversations, e.g. "Dra. Ana Souza".', example: 'Dra. Ana Souza' }),
  default_appointment_duration_minutes: wholeNumber(5, 480).openapi({
    description: 'Length of an appointment when neither the request nor the appointment type says, 5–480. Default 30.',
    example: 30,
  }),
  buffer_between_appointments_minutes: wholeNumber(0, 240).openapi({
    description: 'Free minutes kept on both sides of each appointment, 0–240. Default 0.',
    example: 10,
  }),
  max_daily_appointments: wholeNumber(1)
    .nullable()
    .openapi({ description: `Most appointments per local day (1–${Number.MAX_SAFE_INTEGER}), or null for no limit. Default null.`, example: 16 }),
  max_concurrent_appointments: wholeNumber(1, 100).openapi({
    description: 'Appointments the provider may hold at overlapping times, 1–100. Default 1.',
    example: 1,
  }),
  primary_location_id: Uuid.nullable().openapi({
    description:
      'An active location of the tenant, or null. Slots there rank higher; an `added` override without a location uses it. Default null.',
  }),
  specialties: z
    .array(z.string({ message: 'expected a string' }).trim().min(1, 'must not be empty').max(100, 'at most 100 characters'))
    .max(50)
    .openapi({
      description: 'Specialty names (trimmed; duplicates dropped, also those differing only in case or accents, keeping the first spelling). Default [].',
      example: ['Cardiologia', 'Clínica Geral'],
    }),
  is_accepting_new_patients: z.boolean().openapi({ description: 'Default true.', example: true }),
  metadata: Metadata.openapi({ description: `Free-form JSON object kept as given, nested at most ${MAX_METADATA_DEPTH} levels; a number beyond ±1.8e308 (\`1e400\`) is refused. Default {}.` }),
};

export const ProviderSchema = z
  .object({
    id: Uuid,
    doctor_id: Uuid,
    name: z.string().nullable(),
    default_appointment_duration_minutes: z.number().int(),
    buffer_between_appointments_minutes: z.number().int(),
    max_daily_appointments: z.number().int().nullable(),
    max_concurrent_appointments: z.number().int(),
    primary_location_id: Uuid.nullable(),
    specialties: z.array(z.string()),
    is_accepting_new_patients: z.boolean(),
    metadata: z.record(z.string(), z.unknown()),
    is_active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Provider', {
    example: {
      id: '0b8e6a3c-4d2f-4e1a-9c7b-5f3e2d1a0b9c',
      doctor_id: '6c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
      name: 'Dra. Ana Souza',
      default_appointment_duration_minutes: 30,
      buffer_between_appointments_minutes: 10,
      max_daily_appointments: 16,
      max_concurrent_appointments: 1,
      primary_location_id: '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b',
      specialties: ['Cardiologia'],
      is_accepting_new_patients: true,
      metadata: { crm: 'CRM-MG 12345' },
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    },
  });

export const ProviderCreateSchema = z
  .object({
    doctor_id: fields.doctor_id,
    name: fields.name.optional(),
    default_appointment_duration_minutes: fields.default_appointment_duration_minutes.optional(),
    buffer_between_appointments_minutes: fields.buffer_between_appointments_minutes.optional(),
    max_daily_appointments: fields.max_daily_appointments.optional(),
    max_concurrent_appointments: fields.max_concurrent_appointments.optional(),
    primary_location_id: fields.primary_location_id.optional(),
    specialties: fields.specialties.optional(),
    is_accepting_new_patients: fields.is_accepting_new_patients.optional(),
    metadata: fields.metadata.optional(),
  })
  .openapi('ProviderCreate', {
    example: {
      doctor_id: '6c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
      name: 'Dra. Ana Souza',
      default_appointment_duration_minutes: 30,
      buffer_between_appointments_minutes: 10,
      primary_location_id: '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b',
      specialties: ['Cardiologia'],
      metadata: { crm: 'CRM-MG 12345' },
    },
  });

export const ProviderUpdateSchema = z
  .object({
    doctor_id: fields.doctor_id.optional(),
    name: fields.name.optional(),
    default_appointment_duration_minutes: fields.default_appointment_duration_minutes.optional(),
    buffer_between_appointments_minutes: fields.buffer_between_appointments_minutes.optional(),
    max_daily_appointments: fields.max_daily_appointments.optional(),
    max_concurrent_appointments: fields.max_concurrent_appointments.optional(),
    primary_location_id: fields.primary_location_id.optional(),
    specialties: fields.specialties.optional(),
    is_accepting_new_patients: fields.is_accepting_new_patients.optional(),
    metadata: fields.metadata.optional(),
    is_active: z.boolean().optional().openapi({ description: 'Set false to deactivate, true to reactivate.' }),
  })
  .openapi('ProviderUpdate', {
    example: { max_daily_appointments: 12, specialties: ['Cardiologia', 'Clínica Geral'], is_accepting_new_patients: false },
  });

export const ProviderListQuery = ListQuery.extend(IncludeInactiveQuery.shape).extend({
  specialty: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .optional()
    .openapi({
      description: 'Only providers with this specialty, compared ignoring case and accents ("cardiologia" finds "Cardiologia").',
      example: 'cardiologia',
    }),
  location_id: Uuid.optional().openapi({
    description: 'Only providers whose primary location this is, or who have an active template there.',
  }),
});
