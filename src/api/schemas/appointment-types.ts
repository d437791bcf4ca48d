import { z } from '@hono/zod-openapi';
import { Timestamp, Uuid } from './common';

const Name = z.string().trim().min(1, 'must not be empty').max(200);

const DurationMinutes = z
  .number({ message: 'expected whole minutes from 1 to 1440' })
  .int('expected whole minutes from 1 to 1440')
  .min(1, 'expected whole minutes from 1 to 1440')
  .max(1440, 'expected whole minutes from 1 to 1440')
  .openapi({ description: 'Length of an appointment of this type, in minutes (1–1440).', example: 30 });

const Specialty = z
  .string()
  .trim()
  .min(1, 'must not be empty (send null to clear it)')
  .max(100)
  .nullable()
  .openapi({ description: 'The specialty this type belongs to, e.g. `cardiologia`; null for none.', example: 'cardiologia' });

const Synonyms = z
  .array(z.string().trim().min(1, 'must not be empty').max(100))
  .max(50, 'at most 50 synonyms')
  .openapi({
    description:
      'pt-BR words and phrases the language layer maps to this type. Trimmed; repeats (ignoring case) are dropped. At most 50.',
    example: ['retorno', 'consulta de retorno'],
  });

export const AppointmentTypeSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    duration_minutes: z.number().int(),
    specialty: z.string().nullable(),
    synonyms: z.array(z.string()),
    is_active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('AppointmentType', {
    example: {
      id: '0b6f3e2a-8c1d-4f5e-9a7b-3c2d1e0f9a8b',
      name: 'Retorno',
      duration_minutes: 20,
      specialty: 'cardiologia',
      synonyms: ['retorno', 'consulta de retorno', 'revisão'],
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    },
  });

export const AppointmentTypeCreateSchema = z
  .object({
    name: Name,
    duration_minutes: DurationMinutes,
    specialty: Specialty.optional(),
    synonyms: Synonyms.optional(),
  })
  .openapi('AppointmentTypeCreate', {
    example: {
      name: 'Primeira consulta',
      duration_minutes: 40,
      specialty: 'cardiologia',
      synonyms: ['primeira consulta', 'consulta inicial', 'primeira vez'],
    },
  });

export const AppointmentTypeUpdateSchema = z
  .object({
    name: Name.optional(),
    duration_minutes: DurationMinutes.optional(),
    specialty: Specialty.optional(),
    synonyms: Synonyms.optional().openapi({ description: 'The new synonym list (replaces the old one; `[]` clears it).' }),
    is_active: z.boolean().optional(),
  })
  .openapi('AppointmentTypeUpdate', { example: { duration_minutes: 30, synonyms: ['retorno', 'revisão'] } });

export const AppointmentTypeListQuery = z.object({
  specialty: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .optional()
    .openapi({ description: 'Only types of this specialty (letter case of A–Z ignored).', example: 'cardiologia' }),
});
