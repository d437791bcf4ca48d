import { z } from '@hono/zod-openapi';
import { APPOINTMENT_STATUSES } from '../../core/model';
import { IsoDate, ListQuery, statusFilter, Metadata, Timestamp, Uuid, ProviderProfileIdFilter, providerFilterAgrees, upperCaseRfc3339Letters } from './common';

/** RFC 3339 with an offset or Z ('t' and 'z' in either case); a naive datetime is refused. */
export const DateTime = z
  .preprocess(upperCaseRfc3339Letters, z.iso.datetime({ offset: true, message: 'expected an RFC 3339 datetime with an offset, e.g. 2026-12-01T09:00:00-03:00' }))
  .openapi({ format: 'date-time', example: '2026-12-01T12:00:00Z' });

/** Instants an appointment may be booked at: local dates a day either side must still have 4-digit years. */
const EARLIEST_BOOKING = Date.parse('1900-01-01T00:00:00Z');
const LATEST_BOOKING = Date.parse('9999-01-01T00:00:00Z');

/** A DateTime an appointment is booked or moved to: also refused outside years 1900–9998 (a 422, not a 500). */
const BookingDateTime = z
  .preprocess(
    upperCaseRfc3339Letters,
    z.iso
      // abort: a string that is no datetime has no range to check, nor an end to compare with its start
      .datetime({ offset: true, message: 'expected an RFC 3339 datetime with an offset, e.g. 2026-12-01T09:00:00-03:00', abort: true })
      .refine((v) => {
        const at = Date.parse(v);
        return at >= EARLIEST_BOOKING && at < LATEST_BOOKING;
      }, 'must be between 1900-01-01 and 9998-12-31'),
  )
  .openapi({ format: 'date-time', example: '2026-12-01T12:00:00Z', description: 'RFC 3339 with an offset; between 1900-01-01 and 9998-12-31.' });

const Status = z.enum(APPOINTMENT_STATUSES);
const Text = (max: number) => z.string().max(max).nullable();
const Actor = z.string().trim().min(1).max(200);

const example = {
  id: '0193a1f2-7b3c-7d4e-8f5a-6b7c8d9e0f1a',
  provider_profile_id: '0193a1f2-1111-7d4e-8f5a-6b7c8d9e0f1a',
  patient_id: '0193a1f2-2222-7d4e-8f5a-6b7c8d9e0f1a',
  appointment_type_id: '0193a1f2-3333-7d4e-8f5a-6b7c8d9e0f1a',
  location_id: '0193a1f2-4444-7d4e-8f5a-6b7c8d9e0f1a',
  room_id: null,
  start_time: '2026-12-01T12:00:00.000Z',
  end_time: '2026-12-01T12:30:00.000Z',
  status: 'requested' as const,
  source: 'api',
  notes: 'Trazer exames anteriores',
  internal_notes: null,
  external_reference: 'PEP-88231',
  metadata: {},
  version: 1,
  rescheduled_from_id: null,
  rescheduled_to_id: null,
  cancellation_reason: null,
  cancelled_by: null,
  created_at: '2026-11-25T12:00:00.000Z',
  updated_at: '2026-11-25T12:00:00.000Z',
};

export const AppointmentSchema = z
  .object({
    id: Uuid,
    provider_profile_id: Uuid,
    patient_id: Uuid,
    appointment_type_id: Uuid,
    location_id: Uuid,
    room_id: Uuid.nullable(),
    start_time: Timestamp,
    end_time: Timestamp,
    status: Status,
    source: z.string(),
    notes: z.string().nullable(),
    internal_notes: z.string().nullable(),
    external_reference: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    version: z.number().int().openapi({ description: 'Bumped by every write; PUT must send the current one.' }),
    rescheduled_from_id: Uuid.nullable(),
    rescheduled_to_id: Uuid.nullable(),
    cancellation_reason: z.string().nullable(),
    cancelled_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Appointment', { example });

export const StatusChangeSchema = z
  .object({
    from_status: Status.nullable(),
    to_status: Status,
    changed_by: z.string().nullable(),
    reason: z.string().nullable(),
    notes: z.string().nullable(),
    changed_at: Timestamp,
  })
  .openapi('StatusChange');

export const AppointmentDetailSchema = AppointmentSchema.extend({
  status_history: z.array(StatusChangeSchema).openapi({ description: 'Oldest first, in the order the changes were made.' }),
}).openapi('AppointmentDetail', {
  example: {
    ...example,
    status_history: [
      { from_status: null, to_status: 'requested', changed_by: 'api_key:agd_Xk3v9QpL', reason: null, notes: null, changed_at: '2026-11-25T12:00:00.000Z' },
    ],
  },
});

export const AppointmentCreateSchema = z
  .object({
    provider_profile_id: Uuid,
    patient_id: Uuid,
    appointment_type_id: Uuid,
    location_id: Uuid,
    start_time: BookingDateTime,
    end_time: BookingDateTime,
    room_id: Uuid.nullable().optional(),
    source: z.string().trim().min(1).max(50).optional().openapi({ description: 'Default "api".', example: 'api' }),
    notes: Text(5000).optional(),
    internal_notes: Text(5000).optional(),
    external_reference: Text(200).optional(),
    metadata: Metadata.optional(),
  })
  .refine((b) => Date.parse(b.end_time) > Date.parse(b.start_time), {
    path: ['end_time'],
    message: 'must be after start_time',
  })
  .openapi('AppointmentCreate', {
    example: {
      provider_profile_id: example.provider_profile_id,
      patient_id: example.patient_id,
      appointment_type_id: example.appointment_type_id,
      location_id: example.location_id,
      start_time: '2026-12-01T09:00:00-03:00',
      end_time: '2026-12-01T09:30:00-03:00',
      notes: 'Trazer exames anteriores',
    },
  });

/** the current version: a whole number, up to the largest a JSON number holds exactly */
const VERSION_MESSAGE = `expected the current version (a whole number from 1 to ${Number.MAX_SAFE_INTEGER})`;

export const AppointmentUpdateSchema = z
  .object({
    version: z
      .number({ message: VERSION_MESSAGE })
      .int(VERSION_MESSAGE)
      .min(1, VERSION_MESSAGE)
      .max(Number.MAX_SAFE_INTEGER, VERSION_MESSAGE),
    notes: Text(5000).optional(),
    internal_notes: Text(5000).optional(),
    room_id: Uuid.nullable().optional(),
    external_reference: Text(200).optional(),
    metadata: Metadata.optional(),
  })
  .openapi('AppointmentUpdate', { example: { version: 1, internal_notes: 'Paciente pediu sala térrea' } });

export const ConfirmSchema = z.object({ confirmed_by: Actor.optional() }).openapi('ConfirmRequest', { example: { confirmed_by: 'recepcao' } });
export const CheckInSchema = z.object({ checked_in_by: Actor.optional() }).openapi('CheckInRequest', { example: { checked_in_by: 'recepcao' } });
export const NotesSchema = z.object({ notes: z.string().max(5000).optional() }).openapi('NotesRequest', { example: { notes: 'Retorno em 30 dias' } });
export const CancelSchema = z
  .object({ reason: z.string().max(1000).optional(), cancelled_by: Actor.optional() })
  .openapi('CancelRequest', { example: { reason: 'Paciente viajou', cancelled_by: 'paciente' } });

export const RescheduleSchema = z
  .object({
    new_start_time: BookingDateTime,
    new_end_time: BookingDateTime.optional().openapi({ description: 'Default: the new start plus the old duration.' }),
    new_location_id: Uuid.optional().openapi({ description: 'Default: the same location.' }),
    new_room_id: Uuid.nullable().optional().openapi({ description: 'Default: the same room at the same location, none elsewhere.' }),
    reason: z.string().max(1000).optional(),
  })
  .refine((b) => b.new_end_time === undefined || Date.parse(b.new_end_time) > Date.parse(b.new_start_time), {
    path: ['new_end_time'],
    message: 'must be after new_start_time',
  })
  .openapi('RescheduleRequest', {
    example: { new_start_time: '2026-12-03T14:00:00-03:00', new_end_time: '2026-12-03T14:30:00-03:00', reason: 'Conflito de agenda do paciente' },
  });

export const AppointmentListQuery = ListQuery.extend({
    provider_id: Uuid.optional(),
    provider_profile_id: ProviderProfileIdFilter,
    patient_id: Uuid.optional(),
    location_id: Uuid.optional(),
    status: statusFilter(APPOINTMENT_STATUSES, 'Repeatable (`status=requested&status=confirmed`) or comma-separated.'),
    date_from: IsoDate.optional().openapi({ description: "First local date (the location's), inclusive." }),
  date_to: IsoDate.optional().openapi({ description: "Last local date (the location's), inclusive." }),
})
  .refine((q) => !q.date_from || !q.date_to || q.date_from <= q.date_to, { path: ['date_to'], message: 'must not be before date_from' })
  .refine(...providerFilterAgrees);
