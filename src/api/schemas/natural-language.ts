import { z } from '@hono/zod-openapi';
import { DAY_PERIODS } from '../../core/model';
import { INTENTS, MISSING_FIELDS } from '../../core/language/types';
import { MAX_MESSAGE_CHARS } from '../../core/language/service';
import { DateTime } from './appointments';
import { ClockTime, IsoDate, Uuid } from './common';
import { AvailableSlotSchema } from './slots';

export const NaturalLanguageRequestSchema = z
  .object({
    message: z
      .string({ message: 'expected the patient’s message as text' })
      .max(MAX_MESSAGE_CHARS, { message: `at most ${MAX_MESSAGE_CHARS} characters` })
      .refine((m) => m.trim().length > 0, { message: 'must not be empty' }),
    patient_id: Uuid,
    reference_time: DateTime.optional().openapi({
      description: 'The instant relative words ("amanhã", "semana que vem") resolve against; default now.',
    }),
    location_id: Uuid.optional().openapi({ description: 'The unit the patient is talking to: its zone, and the location when the message names none.' }),
  })
  .openapi('NaturalLanguageRequest', {
    example: {
      message: 'oi, queria marcar cardio amanha de manha',
      patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10',
      reference_time: '2026-11-25T09:00:00-03:00',
    },
  });

const Nullable = z.string().nullable();

/** A booking read from "oi, queria marcar cardio amanha de manha", for the documentation. */
export const NATURAL_LANGUAGE_EXAMPLE = {
  intent: 'book',
  confidence: 0.9,
  entities: {
    specialty: 'cardio',
    provider_name: null,
    appointment_type: null,
    location: null,
    date_text: 'amanha',
    period: 'manha',
    time: 'de manha',
  },
  resolved: {
    specialty: 'Cardiologia',
    provider_ids: [],
    appointment_type_id: '0193f7a2-0000-7000-8000-000000000001',
    location_id: null,
    date_from: '2026-11-26',
    date_to: '2026-11-26',
    time_from: '06:00',
    time_to: '12:00',
    time: null,
  },
  missing: [],
  suggested_slots: [],
  used_llm: false,
} as const;

export const NaturalLanguageResponseSchema = z
  .object({
    intent: z.enum(INTENTS),
    confidence: z.number().min(0).max(1),
    entities: z.object({
      specialty: Nullable,
      provider_name: Nullable,
      appointment_type: Nullable,
      location: Nullable,
      date_text: Nullable,
      period: z.enum(DAY_PERIODS).nullable(),
      time: Nullable,
    }),
    resolved: z.object({
      specialty: Nullable,
      specialties: z
        .array(z.string())
        .optional()
        .openapi({ description: 'Only when the message asks for several specialties together ("cardio e dermato"): each, in order; specialty is the first.' }),
      provider_ids: z.array(z.string()),
      replaced_provider_ids: z
        .array(z.string())
        .optional()
        .openapi({
          description:
            'Only when the message swaps providers ("trocar a dra ana pelo dr paulo"): the provider(s) replaced (Dra. Ana), empty when none is named ("trocar de médico pelo dr paulo"); provider_ids is who comes instead.',
        }),
      provider_ambiguous: z
        .boolean()
        .optional()
        .openapi({
          description:
            'Only when one name the message says fits several active providers and nothing it says narrows them ("com o joão" with Dr. João Batista and Dr. João Silva; a specialty named beside it keeps to those who practise it): true, provider_ids lists them all, and which one is meant is to be asked.',
        }),
      appointment_type_id: Nullable,
      location_id: Nullable,
      date_from: IsoDate.nullable(),
      date_to: IsoDate.nullable(),
      dates: z
        .array(IsoDate)
        .optional()
        .openapi({ description: 'Only when the message offers several days as alternatives ("quinta ou sexta"): those days; date_from–date_to spans them.' }),
      day_periods: z
        .array(z.object({ date: IsoDate, period: z.enum(DAY_PERIODS) }))
        .optional()
        .openapi({
          description:
            'Only when the days offered as alternatives each come with their own part of the day ("sexta de tarde ou sábado de manhã"), or one part of a day is left out of any day ("qualquer dia menos quarta à noite"): each such day with a part wished on it. A day that keeps several parts is listed once per part ({date, "manha"} and {date, "tarde"} for Wednesday); a day of dates not listed keeps the whole window. time_from–time_to spans them all; suggested_slots keep to each day\'s parts.',
        }),
      period_passed: z
        .object({ date: IsoDate, period: z.enum(DAY_PERIODS) })
        .optional()
        .openapi({
          description:
            'Only when one of the days offered each with its own part of the day is today and that part is already over ("sexta de tarde ou sábado de manhã" on Friday at 19:00): that day and part, left out of dates and day_periods (one day left reads as that day with its part).',
        }),
      specialty_not_practised: z
        .object({ asked: z.string(), practised: Nullable })
        .optional()
        .openapi({
          description:
            'Only when the message names a specialty and a provider who does not practise it ("cardio com o dr rui"): the specialty named (specialty stays it) and the one the provider(s) named share (null when none or several).',
        }),
      date_passed: IsoDate.optional().openapi({
        description: 'Only when the date words name a day before today ("ontem"): that day. A booking cannot use it; "ontem" leaves date_from null.',
      }),
      date_conflict: z
        .object({ day: IsoDate, weekday: IsoDate })
        .optional()
        .openapi({
          description:
            'Only when a weekday is named beside a date that is another weekday ("sexta dia 5", the 5th a Saturday): day is the date as written, weekday the nearest day of the weekday named. date_from is then null: which day is meant is to be asked.',
        }),
      date_invalid: z
        .object({ text: z.string(), day: z.number().int(), month: z.number().int(), year: z.number().int().nullable() })
        .optional()
        .openapi({
          description:
            'Only when the one date said is a day its month does not have ("31/11", "30 de fevereiro", "29/02/2027"): the words as written, the day, the month and the year when written. date_from is then null: no day is guessed.',
        }),
      time_from: ClockTime.nullable(),
      time_to: ClockTime.nullable(),
      time: ClockTime.nullable(),
      refused_periods: z
        .array(z.enum(DAY_PERIODS))
        .optional()
        .openapi({
          description:
            'Only when a part of the day is refused with others left on both sides of it ("à tarde não posso"): the parts refused inside time_from–time_to (06:00–22:00), which no slot starts in.',
        }),
      provider_form: z
        .object({
          form: z.enum(['female', 'male']),
          providers: z.array(z.object({ id: z.string(), name: z.string(), specialties: z.array(z.string()) })),
        })
        .optional()
        .openapi({
          description:
            'Only when the message asks for a doctor by form of address and names no provider ("tem com médica mulher?": female; "tem algum médico homem?": male): that form, and the active providers whose display name opens with its title (Dra. / Dr.), with their specialties.',
        }),
    }),
    missing: z.array(z.enum(MISSING_FIELDS)),
    suggested_slots: z.array(AvailableSlotSchema),
    used_llm: z.boolean(),
  })
  .openapi('NaturalLanguageResponse', {
    example: NATURAL_LANGUAGE_EXAMPLE,
  });
