/** Schemas of a provider's locations schedule and cross-location conflicts. */
import { z } from '@hono/zod-openapi';
import { APPOINTMENT_STATUSES } from '../../core/model';
import { isValidDate, LAST_RANGE_DATE } from '../../core/time';
import { requiredParam, Timestamp, Uuid } from './common';

const dateParam = (name: 'date_from' | 'date_to', description: string) =>
  z
    .string({ error: requiredParam('a calendar date YYYY-MM-DD') })
    .refine(isValidDate, 'expected a calendar date YYYY-MM-DD')
    .openapi({
      param: { name, in: 'query', required: true },
      description,
      format: 'date',
      example: name === 'date_from' ? '2026-12-07' : '2026-12-11',
    });

export const DateRangeQuery = z.object({
  date_from: dateParam('date_from', 'First local date (YYYY-MM-DD), inclusive. Required.'),
  date_to: dateParam(
    'date_to',
    `Last local date (YYYY-MM-DD), inclusive. Required; not before \`date_from\`, at most 31 days in all (a whole month), and ${LAST_RANGE_DATE} or earlier.`,
  ),
});

const LocalTime = z.string().openapi({ example: '08:00', description: 'Local clock time HH:MM in the location’s time zone.' });

const LocationRef = z
  .object({
    id: Uuid,
    name: z.string(),
    timezone: z.string().openapi({ example: 'America/Sao_Paulo' }),
  })
  .openapi('ScheduleLocationRef');

const WindowSource = z.enum(['template', 'added', 'modified']).openapi({
  description: '`template`: `id` is a schedule template’s; `added` / `modified`: `id` is a schedule override’s.',
});

export const ScheduleWindowSchema = z
  .object({
    source: WindowSource,
    id: Uuid.openapi({ description: 'The template or override that gives this window.' }),
    start: LocalTime,
    end: LocalTime.openapi({ description: 'Local HH:MM, exclusive.' }),
    start_utc: Timestamp,
    end_utc: Timestamp,
    appointment_type_ids: z.array(Uuid).openapi({ description: 'Types this window is for; empty = any type.' }),
  })
  .openapi('ScheduleWindow');

export const ScheduleAppointmentSchema = z
  .object({
    id: Uuid,
    status: z.enum(APPOINTMENT_STATUSES),
    patient_id: Uuid,
    appointment_type_id: Uuid,
    room_id: Uuid.nullable(),
    start: LocalTime,
    end: LocalTime,
    start_utc: Timestamp,
    end_utc: Timestamp,
  })
  .openapi('ScheduleAppointment');

const EXAMPLE_PROVIDER = '0b8e6a3c-4d2f-4e1a-9c7b-5f3e2d1a0b9c';
const CENTRO = { id: '5d0c2b8e-1f4a-4c3e-9b7d-2a6e8f1c3d5b', name: 'Unidade Centro', timezone: 'America/Sao_Paulo' };
const SAVASSI = { id: '9a1c7c52-5b8e-4a3f-8f0e-3b1e2d4c5a6b', name: 'Unidade Savassi', timezone: 'America/Sao_Paulo' };

export const LocationsScheduleSchema = z
  .object({
    provider_id: Uuid,
    date_from: z.string().openapi({ format: 'date' }),
    date_to: z.string().openapi({ format: 'date' }),
    days: z.array(
      z.object({
        date: z.string().openapi({ format: 'date', description: 'Local date.' }),
        locations: z.array(
          z.object({
            location: LocationRef,
            windows: z.array(ScheduleWindowSchema),
            appointments: z.array(ScheduleAppointmentSchema),
          }),
        ),
      }),
    ),
  })
  .openapi('LocationsSchedule', {
    example: {
      provider_id: EXAMPLE_PROVIDER,
      date_from: '2026-12-07',
      date_to: '2026-12-08',
      days: [
        {
          date: '2026-12-07',
          locations: [
            {
              location: CENTRO,
              windows: [
                {
                  source: 'template',
                  id: '8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b',
                  start: '08:00',
                  end: '12:00',
                  start_utc: '2026-12-07T11:00:00.000Z',
                  end_utc: '2026-12-07T15:00:00.000Z',
                  appointment_type_ids: [],
                },
              ],
              appointments: [
                {
                  id: '01938f2e-7c4a-7d1e-8b2a-3c4d5e6f7a8b',
                  status: 'confirmed',
                  patient_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
                  appointment_type_id: '6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b',
                  room_id: null,
                  start: '11:30',
                  end: '12:00',
                  start_utc: '2026-12-07T14:30:00.000Z',
                  end_utc: '2026-12-07T15:00:00.000Z',
                },
              ],
            },
            {
              location: SAVASSI,
              windows: [
                {
                  source: 'added',
                  id: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
                  start: '12:10',
                  end: '17:00',
                  start_utc: '2026-12-07T15:10:00.000Z',
                  end_utc: '2026-12-07T20:00:00.000Z',
                  appointment_type_ids: [],
                },
              ],
              appointments: [],
            },
          ],
        },
        { date: '2026-12-08', locations: [] },
      ],
    },
  });

const ConflictSideSchema = z
  .object({
    kind: z.enum(['appointment', 'window']),
    id: Uuid.openapi({ description: 'The appointment’s id, or the template’s / override’s that gives the window (see `source`).' }),
    source: z.enum(['appointment', 'template', 'added', 'modified']).openapi({
      description: '`appointment`; for a window, `template` (id of a schedule template) or `added` / `modified` (id of a schedule override).',
    }),
    status: z.enum(APPOINTMENT_STATUSES).nullable().openapi({ description: 'The appointment’s status; null for a window.' }),
    location: LocationRef,
    date: z.string().openapi({ format: 'date', description: 'Local date at the location.' }),
    start: LocalTime,
    end: LocalTime,
    start_utc: Timestamp,
    end_utc: Timestamp,
  })
  .openapi('ConflictSide');

export const CrossLocationConflictsSchema = z
  .object({
    provider_id: Uuid,
    date_from: z.string().openapi({ format: 'date' }),
    date_to: z.string().openapi({ format: 'date' }),
    conflicts: z.array(
      z
        .object({
          date: z.string().openapi({ format: 'date', description: 'Local date of `first`.' }),
          type: z.enum(['overlap', 'insufficient_travel_time']),
          gap_minutes: z.number().openapi({
            description: 'Minutes from the earlier end to the later start (UTC instants); negative = they overlap by that much.',
          }),
          travel_minutes: z.number().int().openapi({ description: 'Travel time between the two locations that was applied.' }),
          first: ConflictSideSchema.openapi({ description: 'The side that starts first.' }),
          second: ConflictSideSchema,
        })
        .openapi('CrossLocationConflict'),
    ),
  })
  .openapi('CrossLocationConflicts', {
    example: {
      provider_id: EXAMPLE_PROVIDER,
      date_from: '2026-12-07',
      date_to: '2026-12-11',
      conflicts: [
        {
          date: '2026-12-07',
          type: 'insufficient_travel_time',
          gap_minutes: 10,
          travel_minutes: 20,
          first: {
            kind: 'appointment',
            id: '01938f2e-7c4a-7d1e-8b2a-3c4d5e6f7a8b',
            source: 'appointment',
            status: 'confirmed',
            location: CENTRO,
            date: '2026-12-07',
            start: '11:30',
            end: '12:00',
            start_utc: '2026-12-07T14:30:00.000Z',
            end_utc: '2026-12-07T15:00:00.000Z',
          },
          second: {
            kind: 'window',
            id: '2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d',
            source: 'added',
            status: null,
            location: SAVASSI,
            date: '2026-12-07',
            start: '12:10',
            end: '17:00',
            start_utc: '2026-12-07T15:10:00.000Z',
            end_utc: '2026-12-07T20:00:00.000Z',
          },
        },
      ],
    },
  });
