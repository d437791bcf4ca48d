import { z } from '@hono/zod-openapi';
import { VOICE_CLARIFICATION_REASONS } from '../../core/language/types';
import { voiceQuestion } from '../../core/language/voice';
import { requiredParam, upperCaseRfc3339Letters, uuidField } from './common';
import { NATURAL_LANGUAGE_EXAMPLE, NaturalLanguageResponseSchema } from './natural-language';

/** A form field sent twice arrives as a list: say so, not "expected …" as if its value were wrong. */
const FormUuid = uuidField(requiredParam('a UUID'));
const FormDateTime = z
  .preprocess(upperCaseRfc3339Letters, z.iso.datetime({ offset: true, error: requiredParam('an RFC 3339 datetime with an offset, e.g. 2026-12-01T09:00:00-03:00') }))
  .openapi({ format: 'date-time', example: '2026-12-01T12:00:00Z' });
const audioError = (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? `given ${issue.input.length} times: send one recording` : 'expected an audio file (a multipart file part)';

export const VoiceRequestSchema = z
  .object({
    audio: z.instanceof(File, { error: audioError }).openapi({
      type: 'string',
      format: 'binary',
      description: 'The recording: a WhatsApp voice note (OGG/Opus), mp3, m4a, wav or webm, at most 10 MiB.',
    }),
    patient_id: FormUuid,
    reference_time: FormDateTime.optional().openapi({
      description: 'The instant relative words in the recording ("amanhã", "semana que vem") resolve against; default now.',
    }),
    location_id: FormUuid.optional().openapi({ description: 'The unit the patient is talking to, as for POST /natural-language.' }),
  })
  .openapi('VoiceRequest');

const UNDERSTOOD_EXAMPLE = {
  ...NATURAL_LANGUAGE_EXAMPLE,
  entities: { ...NATURAL_LANGUAGE_EXAMPLE.entities, date_text: 'amanhã', time: 'de manhã' },
};

export const VoiceSchedulingResponseSchema = NaturalLanguageResponseSchema.extend({
  type: z.literal('scheduling'),
  transcript: z.string().openapi({ description: 'What the recording says, as the transcription service heard it.' }),
}).openapi('VoiceSchedulingResponse', {
  example: { type: 'scheduling', transcript: 'Oi, queria marcar cardio amanhã de manhã.', ...UNDERSTOOD_EXAMPLE },
});

const CLARIFICATION_EXAMPLE = {
  type: 'clarification',
  transcript: 'Oi, queria marcar cardio.',
  reason: 'missing_information',
  question: voiceQuestion('missing_information', 'date', false),
  understood: {
    ...UNDERSTOOD_EXAMPLE,
    entities: { ...UNDERSTOOD_EXAMPLE.entities, date_text: null, period: null, time: null },
    resolved: { ...UNDERSTOOD_EXAMPLE.resolved, date_from: null, date_to: null, time_from: null, time_to: null },
    missing: ['date'],
  },
} as const;

export const VoiceClarificationResponseSchema = z
  .object({
    type: z.literal('clarification'),
    transcript: z.string(),
    reason: z.enum(VOICE_CLARIFICATION_REASONS).openapi({
      description:
        '`empty_transcript`: nothing was heard; `too_long`: more than the language layer reads; `not_understood`: no ' +
        'intent found; `missing_information`: a booking (or reschedule, or waitlist entry) still lacks a fact (`understood.missing`).',
    }),
    question: z.string().openapi({ description: 'The pt-BR question to send the patient.' }),
    // a union, not .nullable(): on a registered schema that becomes allOf [$ref, {type: [object, null]}], which null fails
    understood: z.union([NaturalLanguageResponseSchema, z.null()]).openapi({
      description: 'What the transcript was understood as so far; null when there was nothing to read.',
    }),
  })
  .openapi('VoiceClarificationResponse', { example: CLARIFICATION_EXAMPLE });

export const VoiceResponseSchema = z
  .discriminatedUnion('type', [VoiceSchedulingResponseSchema, VoiceClarificationResponseSchema])
  .openapi('VoiceResponse', {
    example: { type: 'scheduling', transcript: 'Oi, queria marcar cardio amanhã de manhã.', ...UNDERSTOOD_EXAMPLE },
  });
