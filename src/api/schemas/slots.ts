/** Schemas of the slot search (GET /slots). */
import { z } from '@hono/zod-openapi';
import { parsePeriod } from '../../core/periods';
import { isValidDate, LAST_RANGE_DATE } from '../../core/time';
import { MAX_SLOT_DURATION_MINUTES, MAX_SLOT_RANGE_DAYS } from '../../core/availability/service';
import { ClockTime, ListQuery, queryWholeNumber, requiredParam, Timestamp, Uuid, uuidField } from './common';

const requiredDate = (name: 'date_from' | 'date_to', description: string, example: string) =>
  z
    .string({ error: requiredParam('a calendar date YYYY-MM-DD') })
    .refine(isValidDate, 'expected a calendar date YYYY-MM-DD')
    .openapi({ param: { name, in: 'query', required: true }, description, format: 'date', example });

export const SlotQuerySchema = ListQuery.extend({
  date_from: requiredDate('date_from', "First local date (each location's own), inclusive. Required.", '2026-12-07'),
  date_to: requiredDate(
    'date_to',
    `Last local date, inclusive. Required; not before \`date_from\`, at most ${MAX_SLOT_RANGE_DAYS} days after it, and ${LAST_RANGE_DATE} or earlier.`,
    '2026-12-11',
  ),
  appointment_type_id: uuidField(requiredParam('the UUID of an appointment type'))
    .openapi({ param: { name: 'appointment_type_id', in: 'query', required: true }, description: 'Required.', example: '0193a1f2-3333-7d4e-8f5a-6b7c8d9e0f1a' }),
  provider_id: Uuid.optional().openapi({ description: 'One provider. `provider_id` or `specialty` is required.' }),
  specialty: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'at most 100 characters')
    .optional()
    .openapi({
      description:
        'Every active provider with this specialty, ignoring case and accents. One no provider of the clinic has (a typo, ' +
        'say) is a 422 that lists the specialties of its active providers.',
      example: 'cardiologia',
    }),
  location_id: Uuid.optional().openapi({ description: 'Only slots at this location.' }),
  duration_minutes: queryWholeNumber(1, MAX_SLOT_DURATION_MINUTES)
    .optional()
    .openapi({ description: "Default: the appointment type's duration, else the provider's default.", example: 30 }),
  period: z
    .string()
    .refine((v) => parsePeriod(v) !== null, { message: "expected 'manha' (or 'manhã'), 'tarde' or 'noite'" })
    .transform((v) => parsePeriod(v)!)
    .optional()
    .openapi({
      description: 'Preferred local period, for the score: manha 06:00–12:00, tarde 12:00–18:00, noite 18:00–22:00. Not a filter.',
      example: 'manha',
    }),
  time: ClockTime.optional().openapi({ description: 'Preferred local start time HH:MM, for the score. Not a filter.', example: '09:00' }),
});

export const AvailableSlotSchema = z
  .object({
    provider_id: Uuid,
    provider_name: z.string().nullable().openapi({ example: 'Dra. Ana Souza' }),
    specialty: z
      .string()
      .nullable()
      .openapi({ description: "The specialty that matched `specialty`, else the provider's first one (null if none).", example: 'Cardiologia' }),
    location: z.object({ id: Uuid, name: z.string().openapi({ example: 'Unidade Centro' }) }),
    date: z.string().openapi({ format: 'date', description: "Local date at the slot's location.", example: '2026-12-07' }),
    start_time: z.string().openapi({ description: "Local HH:MM at the slot's location; a booking takes `start_at`, the UTC instant.", example: '09:00' }),
    end_time: z.string().openapi({ description: "Local HH:MM at the slot's location; a booking takes `end_at`.", example: '09:30' }),
    available: z.literal(true).openapi({ description: 'Always true: only free slots are listed.' }),
    score: z.number().min(0).max(1).openapi({ description: 'See the formula in the operation description.', example: 0.8732 }),
    start_at: Timestamp.openapi({
      description: 'Addition to the reference: the start as a UTC instant, ready for `start_time` of POST /appointments.',
      example: '2026-12-07T12:00:00.000Z',
    }),
    end_at: Timestamp.openapi({
      description: 'Addition to the reference: the end as a UTC instant, ready for `end_time` of POST /appointments.',
      example: '2026-12-07T12:30:00.000Z',
    }),
  })
  .openapi('AvailableSlot');
