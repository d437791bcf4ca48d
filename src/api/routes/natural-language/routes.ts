import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse } from '../../schemas/common';
import { NaturalLanguageRequestSchema, NaturalLanguageResponseSchema } from '../../schemas/natural-language';
import { LLM_THRESHOLD } from '../../../core/language/intent';
import { MAX_MESSAGE_CHARS, SUGGESTED_SLOTS } from '../../../core/language/service';

export const NATURAL_LANGUAGE_DESCRIPTION = [
  'Reads a patient’s message in Brazilian Portuguese (WhatsApp style welcome: no accents, "vc", "amanha", "seg", ' +
    '"14h", "9 e meia") and answers what it asks (`intent`, with a `confidence` in [0, 1]), what it names as written ' +
    '(`entities`) and what that means for this clinic (`resolved`): the canonical specialty, the providers named, the ' +
    'appointment type (for a booking that names none, the clinic’s "consulta" type), the location (else `location_id` ' +
    'of the request), and the wanted window in the location’s local time — `date_from`..`date_to` inclusive, ' +
    '`time_from`..`time_to` (end exclusive; manhã 06:00–12:00, tarde 12:00–18:00, noite 18:00–22:00) or an exact `time`. ' +
    'Relative words resolve against `reference_time` (default now) in the clinic’s time zone: a bare weekday is its ' +
    'next occurrence after today, "semana que vem" next Monday to Sunday, "dia 15" the next 15th still ahead.',
  '`missing` lists what a booking (or waitlist entry) still needs: `specialty_or_provider`, `date`, ' +
    `\`appointment_type\` (a reschedule needs only \`date\`). When a booking lacks nothing, \`suggested_slots\` holds up to ${SUGGESTED_SLOTS} ` +
    'slots as GET /slots returns them, scored with the asked period or time and limited to the asked clock range.',
  `Rules answer first, in process. When an LLM is configured (OPENAI_API_KEY), it is asked only when the rules’ ` +
    `confidence is below ${LLM_THRESHOLD}; a timeout or any failure leaves the rules’ answer. \`used_llm\` says which answered.`,
  `Empty message or more than ${MAX_MESSAGE_CHARS} characters, unknown \`patient_id\` or \`location_id\`: 422. Needs \`read\`.`,
].join('\n\n');

export const understand = createRoute({
  method: 'post',
  path: '/natural-language',
  tags: ['Language'],
  summary: 'Process a natural-language scheduling request in Brazilian Portuguese',
  description: NATURAL_LANGUAGE_DESCRIPTION,
  request: { body: jsonBody(NaturalLanguageRequestSchema) },
  responses: {
    200: jsonResponse(NaturalLanguageResponseSchema, 'What the message asks and means'),
    ...errorResponses(401, 403, 422),
  },
});
