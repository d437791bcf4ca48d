import { z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES, EVENT_TYPES } from '../../core/model';
import { EVENT_PATTERNS, MAX_EVENT_PATTERNS } from '../../core/webhooks/events';
import { MAX_URL_LENGTH } from '../../core/webhooks/address';
import { MAX_DESCRIPTION } from '../../core/webhooks/service';
import { IncludeInactiveQuery, ListQuery, statusFilter, Timestamp, Uuid } from './common';

const ids = {
  subscription: '0193a1f2-5555-7d4e-8f5a-6b7c8d9e0f1a',
  delivery: '0193a1f2-6666-7d4e-8f5a-6b7c8d9e0f1a',
  event: '0193a1f2-7777-7d4e-8f5a-6b7c8d9e0f1a',
  appointment: '0193a1f2-8888-7d4e-8f5a-6b7c8d9e0f1a',
};

const EventPattern = z
  .enum(EVENT_PATTERNS as [string, ...string[]], { message: `expected one of ${EVENT_PATTERNS.join(', ')}` })
  .openapi({ description: 'An event type, a family (`appointment.*`) or `*` for all.', example: 'appointment.*' });

const Events = z
  .array(EventPattern)
  .min(1, 'name at least one event')
  .max(MAX_EVENT_PATTERNS, `at most ${MAX_EVENT_PATTERNS} entries`)
  .openapi({
    description:
      `Which events to receive: ${EVENT_TYPES.filter((t) => t !== 'webhook.test').map((t) => `\`${t}\``).join(', ')}; ` +
      'a family such as `appointment.*`; or `*`. `webhook.test` comes only from POST /webhooks/{id}/test.',
    example: ['appointment.*', 'waitlist.slot_available'],
  });

const Url = z
  .string({ message: 'expected a URL' })
  .min(1, 'must not be empty')
  .max(MAX_URL_LENGTH, `at most ${MAX_URL_LENGTH} characters`)
  .openapi({
    description:
      'Where events are POSTed: http or https, no credentials in it, and a host that resolves only to public addresses ' +
      '(loopback, private, link-local such as 169.254.169.254, unique-local, CGNAT and other special ranges are refused ' +
      'with 422, unless the server runs with WEBHOOK_ALLOW_PRIVATE_URLS=1). Checked again at every delivery.',
    example: 'https://clinica.example.com/hooks/agendador',
  });

const Description = z.string().max(MAX_DESCRIPTION).nullable();

const subscriptionExample = {
  id: ids.subscription,
  url: 'https://clinica.example.com/hooks/agendador',
  events: ['appointment.*', 'waitlist.slot_available'],
  description: 'Prontuário da clínica',
  is_active: true,
  disabled_reason: null,
  rotated_secret_expires_at: null,
  created_at: '2026-11-25T12:00:00.000Z',
  updated_at: '2026-11-25T12:00:00.000Z',
};

const subscriptionFields = {
  id: Uuid,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  is_active: z.boolean(),
  disabled_reason: z
    .string()
    .nullable()
    .openapi({ description: 'Why the server deactivated it (the receiver answered 410 Gone); null otherwise.' }),
  rotated_secret_expires_at: Timestamp.nullable().openapi({
    description:
      'After POST /webhooks/{id}/rotate-secret: until when the last secret replaced still signs each request beside the ' +
      'current one (24 hours after the last rotation; a time in the past once it has stopped). Secrets replaced by earlier ' +
      'rotations sign until 24 hours after their own. After a rotation with `revoke_previous: true`, the time of that ' +
      'rotation: no replaced secret signs. Null if the secret was never rotated.',
  }),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const WebhookSubscriptionSchema = z.object(subscriptionFields).openapi('WebhookSubscription', { example: subscriptionExample });

export const WebhookSubscriptionWithSecretSchema = z
  .object({
    ...subscriptionFields,
    secret: z.string().openapi({
      description:
        'The signing secret (`whsec_` + base64). Shown only in this response: store it now. Verify each request with a ' +
        'Standard Webhooks library, e.g. `new Webhook(secret).verify(rawBody, headers)`.',
    }),
  })
  .openapi('WebhookSubscriptionWithSecret', {
    example: { ...subscriptionExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  });

export const WebhookCreateSchema = z
  .object({
    url: Url,
    events: Events,
    description: Description.optional(),
    is_active: z.boolean().optional().openapi({ description: 'Default true.' }),
  })
  .openapi('WebhookCreate', {
    example: {
      url: 'https://clinica.example.com/hooks/agendador',
      events: ['appointment.*', 'waitlist.slot_available'],
      description: 'Prontuário da clínica',
    },
  });

export const WebhookUpdateSchema = z
  .object({
    url: Url.optional(),
    events: Events.optional(),
    description: Description.optional(),
    is_active: z.boolean().optional().openapi({ description: 'true switches a deactivated subscription back on (and clears `disabled_reason`).' }),
  })
  .openapi('WebhookUpdate', { example: { events: ['appointment.created', 'appointment.cancelled'], is_active: true } });

export const WebhookRotateSecretSchema = z
  .object({
    revoke_previous: z
      .boolean()
      .optional()
      .openapi({
        description:
          'true: every replaced secret stops signing now, the one this rotation replaces included, so the new secret ' +
          'signs alone (use it when a secret leaked; receivers reject requests until they switch to the new one). ' +
          'false or left out: replaced secrets keep signing for 24 hours.',
      }),
  })
  .openapi('WebhookRotateSecret', { example: { revoke_previous: true } });

export const WebhookListQuery = ListQuery.extend(IncludeInactiveQuery.shape);

const AttemptSchema = z
  .object({
    attempt: z.number().int().openapi({ description: '1-based, across redeliveries.' }),
    attempted_at: Timestamp,
    status_code: z.number().int().nullable().openapi({ description: 'null when no response came.' }),
    duration_ms: z.number().int(),
    error: z
      .string()
      .nullable()
      .openapi({ description: 'Why no usable response came: timeout, connection refused, refused address, …', example: null }),
    response_excerpt: z.string().nullable().openapi({ description: 'The first 1000 characters of the response body.' }),
  })
  .openapi('WebhookAttempt');

const deliveryExample = {
  id: ids.delivery,
  subscription_id: ids.subscription,
  event_id: ids.event,
  event_type: 'appointment.confirmed',
  status: 'dead' as const,
  attempt_count: 7,
  next_attempt_at: null,
  last_status_code: 500,
  last_error: null,
  payload: {
    type: 'appointment.confirmed',
    timestamp: '2026-11-25T12:00:00.000Z',
    data: { appointment: { id: ids.appointment, status: 'confirmed', version: 2 } },
  },
  created_at: '2026-11-25T12:00:00.050Z',
  updated_at: '2026-11-26T06:10:00.000Z',
  delivered_at: null,
  dead_at: '2026-11-26T06:10:00.000Z',
  attempts: [
    {
      attempt: 1,
      attempted_at: '2026-11-25T12:00:00.060Z',
      status_code: 500,
      duration_ms: 84,
      error: null,
      response_excerpt: '{"error":"database unavailable"}',
    },
  ],
};

export const WebhookDeliverySchema = z
  .object({
    id: Uuid.openapi({ description: 'The `webhook-id` header of every attempt of this delivery, redeliveries included.' }),
    subscription_id: Uuid,
    event_id: Uuid,
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES).openapi({
      description: '`pending` (an attempt is due at `next_attempt_at`), `succeeded` (a 2xx came back), `dead` (in the dead-letter queue).',
    }),
    attempt_count: z.number().int(),
    next_attempt_at: Timestamp.nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: 'The exact body sent: `{type, timestamp, data}`.' }),
    created_at: Timestamp,
    updated_at: Timestamp,
    delivered_at: Timestamp.nullable(),
    dead_at: Timestamp.nullable(),
    attempts: z.array(AttemptSchema).openapi({ description: 'Every attempt, oldest first.' }),
  })
  .openapi('WebhookDelivery', { example: deliveryExample });

const EventTypeFilter = z
  .enum(EVENT_TYPES, {
    message: `expected one event type (${EVENT_TYPES.join(', ')}); patterns such as appointment.* are for subscriptions, not this filter`,
  })
  .optional()
  .openapi({ description: 'Only deliveries of this event type.', example: 'appointment.created' });

export const DeliveryListQuery = ListQuery.extend({
  status: statusFilter(DELIVERY_STATUSES, 'Repeatable or comma-separated. Default: all.'),
  event_type: EventTypeFilter,
});

export const DeadLetterListQuery = ListQuery.extend({
  subscription_id: Uuid.optional().openapi({ description: 'Only this subscription’s dead letters.' }),
  event_type: EventTypeFilter,
});
