import { z } from '@hono/zod-openapi';
import { CHANNELS, MAX_MESSAGE_CHARS } from '../../../machines/runtime/run-turn';
import { Uuid } from './common';
import { AvailableSlotSchema } from './slots';
import { anythingElse, booked } from '../../../locales/pt-BR/conversation';

export const ConversationChannel = z.enum(CHANNELS, { message: `expected one of ${CHANNELS.join(', ')}` }).openapi({ example: 'whatsapp' });

export const ConversationRequestSchema = z
  .object({
    patient_id: Uuid,
    channel: ConversationChannel,
    message: z
      .string({ message: 'expected the patient’s message as text' })
      .max(MAX_MESSAGE_CHARS, { message: `at most ${MAX_MESSAGE_CHARS} characters` })
      .refine((m) => m.trim().length > 0, { message: 'must not be empty' }),
    message_id: z.string().trim().min(1).max(200).optional().openapi({
      description: 'The channel’s id of this message: a repeat returns the first reply and does not advance the conversation.',
      example: 'wamid.HBgMNTUzMTk5OTk5MDAwMRUCABIYFjNFQjA',
    }),
  })
  .openapi('ConversationRequest', {
    example: { patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10', channel: 'whatsapp', message: 'oi, queria marcar cardiologista amanha de manha' },
  });

const OptionSchema = AvailableSlotSchema.extend({
  number: z.number().int().openapi({ description: 'What the patient answers to pick it', example: 1 }),
  appointment_type_id: z.string(),
  appointment_type_name: z.string(),
  location_address: z.string().nullable(),
}).openapi('ConversationOption');

export const ConversationResponseSchema = z
  .object({
    reply: z.string().openapi({ description: 'The pt-BR text to send; empty when the bot stays quiet (after a handoff)' }),
    state: z.string().openapi({ description: 'The machine’s state after the turn' }),
    options: z.array(OptionSchema).optional().openapi({ description: 'The numbered slots on offer' }),
    appointment_id: z.string().optional().openapi({ description: 'The appointment booked or moved in this turn' }),
  })
  .openapi('ConversationResponse', {
    example: {
      reply: `${booked()} ${anythingElse()}`,
      state: 'done',
      appointment_id: '0193f7a2-0000-7000-8000-000000000042',
    },
  });

export const ConversationParams = z.object({
  patient_id: Uuid.openapi({ param: { name: 'patient_id', in: 'path' } }),
  channel: ConversationChannel.openapi({ param: { name: 'channel', in: 'path' } }),
});

export const ConversationStateSchema = z
  .object({
    patient_id: z.string(),
    channel: z.string(),
    state: z.string(),
    revision: z.number().int(),
    expires_at: z.string(),
    updated_at: z.string(),
    context: z.record(z.string(), z.unknown()),
  })
  .openapi('ConversationState', {
    example: {
      patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10',
      channel: 'whatsapp',
      state: 'offering',
      revision: 2,
      expires_at: '2026-11-25T12:30:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
      context: { reply: anythingElse() },
    },
  });
