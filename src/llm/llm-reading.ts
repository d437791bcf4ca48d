/**
 * The shape of an LLM's answer, twice: as the strict JSON schema sent to the model
 * (`response_format`), and as the zod check of what comes back. The schema asks; zod decides, because
 * an OpenAI-compatible server may ignore the schema or follow it only loosely.
 */
import { z } from 'zod';
import { INTENTS, type LlmReading } from '../core/language/types';
import { DAY_PERIODS } from '../core/model';
import { isValidClockTime, isValidDate } from '../core/time';

export const READING_SCHEMA_NAME = 'patient_message_reading';

/** Longest name the model may return for a specialty, provider, type or location. */
const MAX_NAME_CHARS = 200;

// Strict mode supports `pattern` on strings but not `maxLength`: zod bounds the names below.
const nullableName = { type: ['string', 'null'] } as const;
const nullableDate = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** JSON Schema for Structured Outputs (strict mode: every property required, no others). */
export const READING_JSON_SCHEMA = {
  type: 'object',
  properties: {
    intent: { type: 'string', enum: [...INTENTS] },
    specialty: nullableName,
    provider_name: nullableName,
    appointment_type: nullableName,
    location: nullableName,
    date_from: nullableDate,
    date_to: nullableDate,
    time: { type: ['string', 'null'], pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
    period: { anyOf: [{ type: 'string', enum: [...DAY_PERIODS] }, { type: 'null' }] },
  },
  required: ['intent', 'specialty', 'provider_name', 'appointment_type', 'location', 'date_from', 'date_to', 'time', 'period'],
  additionalProperties: false,
} as const;

/** A name; blank counts as not said. */
const name = z
  .string()
  .max(MAX_NAME_CHARS)
  .nullable()
  .transform((v) => (v === null || v.trim() === '' ? null : v.trim()));

const date = z.string().refine(isValidDate, 'expected a real date YYYY-MM-DD').nullable();

const answerSchema = z.object({
  intent: z.enum(INTENTS),
  specialty: name,
  provider_name: name,
  appointment_type: name,
  location: name,
  date_from: date,
  date_to: date,
  time: z.string().refine(isValidClockTime, 'expected HH:MM').nullable(),
  period: z.enum(DAY_PERIODS).nullable(),
});

/**
 * The reading in a model's answer, or null when it does not fit: not JSON, a missing field, a value
 * outside its enum, an impossible date or time, or `date_to` before `date_from`. One date alone means
 * that one day.
 */
export function parseReading(content: string): LlmReading | null {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return null;
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return null;
  const reading = parsed.data;
  const dateFrom = reading.date_from ?? reading.date_to;
  const dateTo = reading.date_to ?? reading.date_from;
  if (dateFrom !== null && dateTo !== null && dateTo < dateFrom) return null;
  return { ...reading, date_from: dateFrom, date_to: dateTo };
}
