import { createRoute } from '@hono/zod-openapi';
import { conflictResponse, errorResponses, jsonBody, jsonResponse } from '../../schemas/common';
import { ConversationParams, ConversationRequestSchema, ConversationResponseSchema, ConversationStateSchema } from '../../schemas/conversation';

const tags = ['Conversation'];

export const message = createRoute({
  method: 'post',
  path: '/conversation',
  tags,
  summary: 'Process a conversation message (multi-turn booking dialogue in pt-BR)',
  description:
    'Runs one patient message through the booking conversation of that patient on that channel and answers the pt-BR ' +
    '`reply` to send, the machine’s `state`, the numbered `options` on offer and the `appointment_id` booked or moved in ' +
    'this turn. Turns of one patient and channel run one at a time, in order, across server processes; state survives ' +
    'a restart. A repeated `message_id` returns the first reply and changes nothing. After CONVERSATION_TIMEOUT_MINUTES ' +
    'without messages the conversation starts afresh. Unknown patient, unknown channel, empty or too long message: 422. ' +
    '409 when the patient is inactive, or when another message of the same conversation keeps it busy for too long. Needs `write`.',
  request: { body: jsonBody(ConversationRequestSchema) },
  responses: {
    200: jsonResponse(ConversationResponseSchema, 'The reply to send'),
    ...errorResponses(401, 403, 422),
    ...conflictResponse({ patient_inactive: { summary: 'the patient is inactive', detail: 'The patient is inactive' } }),
  },
});

export const state = createRoute({
  method: 'get',
  path: '/conversation/{patient_id}/{channel}/state',
  tags,
  summary: 'Get the conversation state (debug)',
  description: 'The stored state, revision, inactivity deadline and machine context. 404 when there is no conversation. Needs `read`.',
  request: { params: ConversationParams },
  responses: {
    200: jsonResponse(ConversationStateSchema, 'The stored conversation'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const reset = createRoute({
  method: 'delete',
  path: '/conversation/{patient_id}/{channel}',
  tags,
  summary: 'Clear the conversation state',
  description: 'Forgets the conversation (also releases a handoff): the next message starts afresh. 404 when there is none. Needs `write`.',
  request: { params: ConversationParams },
  responses: {
    204: { description: 'Cleared' },
    ...errorResponses(401, 403, 404, 422),
  },
});
