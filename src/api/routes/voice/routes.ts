import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../schemas/common';
import { VoiceRequestSchema, VoiceResponseSchema } from '../../schemas/voice';

export const VOICE_DESCRIPTION = [
  'Reads a patient’s voice note: the recording is transcribed in Portuguese by an OpenAI-compatible transcription ' +
    'endpoint (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `TRANSCRIPTION_MODEL`) and the transcript goes through the language ' +
    'layer exactly as a typed message to POST /natural-language would (same `reference_time` and `location_id`).',
  'The answer is a `VoiceSchedulingResponse` (`type: "scheduling"`: the transcript and the natural-language reading, ' +
    'with suggested slots for a complete booking) or a `VoiceClarificationResponse` (`type: "clarification"`): when ' +
    'nothing was heard, the transcript is too long, no intent was found, or a fact is still missing, it gives the reason, ' +
    'what was understood and the pt-BR `question` to send back.',
  'Accepts a multipart/form-data body with `audio` (a WhatsApp voice note in OGG/Opus, or mp3, m4a, wav, webm; the ' +
    'format is read from the bytes, not the file name) and `patient_id`. Larger than 10 MiB: 413. Not audio in one of ' +
    'those formats, or a body that is not multipart: 415. Unknown `patient_id` or `location_id`, a missing field: 422. ' +
    'No transcription service configured: 503, with how to configure one (only for a request without any of the errors above). The service failing or not answering within ' +
    '`TRANSCRIPTION_TIMEOUT_MS`: 502. Writes nothing, so `Idempotency-Key` is ignored. Needs `read`.',
].join('\n\n');

export const understand = createRoute({
  method: 'post',
  path: '/voice',
  tags: ['Language'],
  summary: 'Process a voice note for its scheduling intent',
  description: VOICE_DESCRIPTION,
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: VoiceRequestSchema } } },
  },
  responses: {
    200: jsonResponse(VoiceResponseSchema, 'What the voice note asks and means, or what to ask back'),
    ...errorResponses(401, 403, 413, 415, 422, 502, 503),
  },
});
