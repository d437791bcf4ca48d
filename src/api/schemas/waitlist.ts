import { z } from '@hono/zod-openapi';
import { DAY_PERIODS, WAITLIST_STATUSES } from '../../core/model';
import { parsePeriod } from '../../core/periods';
import { WAITLIST_LIMITS } from '../../core/waitlist/service';
import { IsoDate, ListQuery, statusFilter, Timestamp, Uuid } from './common';

const [MIN_PRIORITY, MAX_PRIORITY] = WAITLIST_LIMITS.priority;
const priorityMessage = `expected a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}`;

const Status = z.enum(WAITLIST_STATUSES);
const Period = z.enum(DAY_PERIODS);

const ids = {
  id: '0193a1f2-9999-7d4e-8f5a-6b7c8d9e0f1a',
  patient_id: '0193a1f2-2222-7d4e-8f5a-6b7c8d9e0f1a',
  appointment_type_id: '0193a1f2-3333-7d4e-8f5a-6b7c8d9e0f1a',
  provider_id: '0193a1f2-1111-7d4e-8f5a-6b7c8d9e0f1a',
  location_id: '0193a1f2-4444-7d4e-8f5a-6b7c8d9e0f1a',
};

export const WaitlistOfferSchema = z
  .object({
    id: Uuid.openapi({ description: 'The offer: the `offer_id` of its `waitlist.slot_available` event.' }),
    start_time: Timestamp,
    end_time: Timestamp,
    provider_id: Uuid,
    location_id: Uuid,
    offered_at: Timestamp.openapi({ description: 'When the time was offered (the cancellation that freed it).' }),
    released_at: Timestamp.nullable().openapi({
      description:
        'When the patient gave the time back: turned it down, or could not take it (it was then offered to the next in line). Null otherwise.',
    }),
  })
  .openapi('WaitlistOffer');

const entryExample = {
  ...ids,
  specialty: 'Cardiologia',
  date_from: '2026-12-01',
  date_to: '2026-12-15',
  periods: ['manha' as const],
  priority: 0,
  status: 'offered' as const,
  notes: 'Prefere a Dra. Ana',
  created_at: '2026-11-25T12:00:00.000Z',
  updated_at: '2026-11-26T15:00:00.000Z',
  position: 1,
  offers: [
    {
      id: '0193a1f2-5555-7d4e-8f5a-6b7c8d9e0f1a',
      start_time: '2026-12-01T12:00:00.000Z',
      end_time: '2026-12-01T12:30:00.000Z',
      provider_id: ids.provider_id,
      location_id: ids.location_id,
      offered_at: '2026-11-26T15:00:00.000Z',
      released_at: null,
    },
  ],
};

export const WaitlistEntrySchema = z
  .object({
    id: Uuid,
    patient_id: Uuid,
    appointment_type_id: Uuid,
    provider_id: Uuid.nullable(),
    specialty: z.string().nullable(),
    location_id: Uuid.nullable(),
    date_from: z.string().nullable().openapi({ format: 'date' }),
    date_to: z.string().nullable().openapi({ format: 'date' }),
    periods: z.array(Period).openapi({ description: 'Empty: any period.' }),
    priority: z.number().int(),
    status: Status.openapi({
      description:
        '`waiting` (in line), `offered` (a freed time was offered; still in line, and offered nothing else while that ' +
        'offer stands: once another patient books the time, or the time starts unused, the entry waits again), ' +
        '`booked` (the patient booked a time offered to them: out of line), `removed`.',
    }),
    notes: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    position: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Rank in its queue, 1 = next (see GET /waitlist/position/{id}); null when booked or removed.' }),
    offers: z.array(WaitlistOfferSchema).openapi({ description: 'Freed times offered to this entry, oldest first.' }),
  })
  .openapi('WaitlistEntry', { example: entryExample });

const PeriodInput = z
  .string({ message: 'expected one of manha, tarde, noite' })
  .refine((v) => parsePeriod(v) !== null, 'expected one of manha, tarde, noite')
  .openapi({ type: 'string', enum: ['manha', 'tarde', 'noite', 'manhã'], example: 'manha' });

export const WaitlistCreateSchema = z
  .object({
    patient_id: Uuid,
    appointment_type_id: Uuid,
    provider_id: Uuid.nullable()
      .optional()
      .openapi({ description: 'The provider wanted. Required unless `specialty` is given; takes precedence over it for matching.' }),
    specialty: z
      .string({ message: 'expected a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(WAITLIST_LIMITS.specialty, `at most ${WAITLIST_LIMITS.specialty} characters`)
      .nullable()
      .optional()
      .openapi({
        description: 'Any provider with this specialty (case and accents ignored). Required unless `provider_id` is given.',
        example: 'Cardiologia',
      }),
    location_id: Uuid.nullable().optional().openapi({ description: 'Only times at this location. Default: any.' }),
    date_from: IsoDate.nullable().optional().openapi({ description: 'First local date wanted, inclusive. Default: open.' }),
    date_to: IsoDate.nullable()
      .optional()
      .openapi({ description: 'Last local date wanted, inclusive; not before `date_from`, not in the past. Default: open.' }),
    periods: z
      .array(PeriodInput)
      .max(10)
      .optional()
      .openapi({
        description:
          'Periods of the day wanted, in the location\'s local time: `manha` 06:00–12:00, `tarde` 12:00–18:00, `noite` 18:00–22:00. ' +
          '"manhã" and any letter case are accepted and stored as `manha`. Default: any.',
        example: ['manha'],
      }),
    priority: z
      .number({ message: priorityMessage })
      .int(priorityMessage)
      .min(MIN_PRIORITY, priorityMessage)
      .max(MAX_PRIORITY, priorityMessage)
      .optional()
      .openapi({ description: `Higher goes first, ${MIN_PRIORITY}–${MAX_PRIORITY}. Default 0.`, example: 0 }),
    notes: z.string().max(WAITLIST_LIMITS.notes).nullable().optional(),
  })
  .refine((b) => (b.provider_id ?? null) !== null || (b.specialty ?? null) !== null, {
    path: ['provider_id'],
    message: 'provider_id or specialty is required',
  })
  .refine((b) => !b.date_from || !b.date_to || b.date_from <= b.date_to, {
    path: ['date_to'],
    message: 'must not be before date_from',
  })
  .openapi('WaitlistCreate', {
    example: {
      patient_id: ids.patient_id,
      appointment_type_id: ids.appointment_type_id,
      specialty: 'Cardiologia',
      date_from: '2026-12-01',
      date_to: '2026-12-15',
      periods: ['manha'],
      priority: 0,
      notes: 'Prefere a Dra. Ana',
    },
  });

export const WaitlistListQuery = ListQuery.extend({
  patient_id: Uuid.optional(),
  provider_id: Uuid.optional(),
  specialty: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(WAITLIST_LIMITS.specialty)
    .optional()
    .openapi({ description: "Entries for this specialty (case and accents ignored).", example: 'cardiologia' }),
  status: statusFilter(WAITLIST_STATUSES, 'Repeatable (`status=waiting&status=booked`) or comma-separated. Default: `waiting` and `offered`.'),
});

export const WaitlistPositionSchema = z
  .object({
    id: Uuid,
    position: z.number().int().openapi({ description: '1 = next in line.' }),
    ahead: z.number().int().openapi({ description: 'Active entries ranked before this one.' }),
    total: z.number().int().openapi({ description: 'Active entries in the same queue, this one included.' }),
  })
  .openapi('WaitlistPosition', { example: { id: ids.id, position: 3, ahead: 2, total: 7 } });
