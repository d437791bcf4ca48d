/**
 * What agendador POSTs to a subscription's URL, for the OpenAPI document's `webhooks` section: one
 * entry per event type, with the body exactly as the server builds it (`{type, timestamp, data}`,
 * core/webhooks/message.ts), the Standard Webhooks headers, and what each answer of the receiver does
 * (core/webhooks/retry.ts). The `data` of each event reuses the API's own schemas.
 */
import { z } from '@hono/zod-openapi';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { WorldActors } from '../../../machines/booking/world';
import { EVENT_TYPES, type EventType } from '../../core/model';
import { DEFAULT_RETRY_SCHEDULE, JITTER, MAX_RETRY_AFTER_SECONDS } from '../../core/webhooks/retry';
import { SECRET_GRACE_MS } from '../../core/webhooks/service';
import { DEFAULT_TIMEOUT_MS } from '../../core/webhooks/worker';
import { AppointmentSchema } from './appointments';
import { Timestamp, Uuid } from './common';
import { ConversationChannel } from './conversation';
import { PatientChannel } from './patients';
import { WaitlistEntrySchema } from './waitlist';

// ---- each event's `data` ----------------------------------------------------------------------

const AppointmentEventData = z
  .object({
    appointment: AppointmentSchema.openapi({
      description: 'The appointment after the change, as GET /appointments/{id} returns it without `status_history`.',
    }),
  })
  .openapi('AppointmentEventData');

const AppointmentRescheduledEventData = z
  .object({
    appointment: AppointmentSchema.openapi({ description: 'The new appointment (`status` `requested`, `rescheduled_from_id` set).' }),
    previous_appointment: AppointmentSchema.openapi({
      description: 'The old appointment, now `cancelled`, with `rescheduled_to_id` naming the new one.',
    }),
  })
  .openapi('AppointmentRescheduledEventData');

/** A waitlist entry's own fields: the queue view (`position`, `offers`) is not part of the event. */
export const WaitlistEntryEventSchema = WaitlistEntrySchema.omit({ position: true, offers: true }).openapi('WaitlistEntryEvent', {
  description: 'A waitlist entry as GET /waitlist/{id} returns it, without `position` and `offers`.',
});

const WaitlistEntryEventData = z.object({ entry: WaitlistEntryEventSchema }).openapi('WaitlistEntryEventData');

const WaitlistSlotAvailableEventData = z
  .object({
    entry_id: Uuid.openapi({ description: 'The waitlist entry the time is offered to.' }),
    offer_id: Uuid.openapi({ description: 'The offer: an `offers[].id` of the entry.' }),
    patient_id: Uuid,
    provider_id: Uuid,
    location_id: Uuid,
    appointment_type_id: Uuid,
    start_time: Timestamp,
    end_time: Timestamp,
    message: z
      .object({
        id: Uuid,
        channel: PatientChannel.nullable().openapi({ description: "The patient's preferred channel; null if none is on file." }),
        text: z.string().openapi({ description: 'The offer in pt-BR, to send to the patient as it is.' }),
      })
      .openapi({
        description:
          "The message for the patient, to send on their channel. Their answer (SIM or NÃO), passed to POST /conversation, " +
          'takes or declines the time.',
      }),
  })
  .openapi('WaitlistSlotAvailableEventData');

type HandoffReason = WorldActors['requestHandoff']['input']['reason'];
const HANDOFF_REASONS = ['asked', 'not_understood', 'complaint'] as const satisfies readonly HandoffReason[];
// every reason the machine can give is listed (a new one fails to compile here)
const _allReasons: Record<HandoffReason, true> = { asked: true, not_understood: true, complaint: true };
void _allReasons;

const HandoffRequestedEventData = z
  .object({
    patient_id: Uuid,
    channel: ConversationChannel.openapi({ description: 'The channel of the conversation.' }),
    reason: z.enum(HANDOFF_REASONS).openapi({
      description:
        '`asked`: the patient asked for a person; `not_understood`: the conversation could not understand them; `complaint`: ' +
        'the patient complained (of a wait, of how they were treated, of a doctor who did not come…) and wants a person to hear it.',
    }),
    complaint: z.string().nullable().openapi({
      description: "With `complaint`: the patient's message that complained, as they wrote it; else null.",
      example: 'não fui atendida hoje, esperei duas horas',
    }),
    requested_at: Timestamp,
  })
  .openapi('HandoffRequestedEventData');

const WebhookTestEventData = z
  .object({
    subscription_id: Uuid.openapi({ description: 'The subscription tested.' }),
    message: z.string().openapi({ example: 'A test event from agendador: the subscription works.' }),
  })
  .openapi('WebhookTestEventData');

interface EventDoc {
  data: z.ZodObject;
  summary: string;
  when: string;
}

const transition = (what: string, action: string): EventDoc => ({
  data: AppointmentEventData,
  summary: `An appointment was ${what}`,
  when: `Sent when an appointment is ${what} (POST /appointments/{id}/${action}, or the patient's conversation).`,
});

/** Every event type the server sends, with its `data` (a Record: a new event type fails to compile until it is documented). */
export const EVENT_DOCS: Record<EventType, EventDoc> = {
  'appointment.created': {
    data: AppointmentEventData,
    summary: 'An appointment was booked',
    when: 'Sent when an appointment is created (POST /appointments, or booked in a conversation or from a waitlist offer).',
  },
  'appointment.confirmed': transition('confirmed', 'confirm'),
  'appointment.checked_in': transition('checked in', 'check-in'),
  'appointment.started': transition('started', 'start'),
  'appointment.completed': transition('completed', 'complete'),
  'appointment.no_show': transition('marked as a no-show', 'no-show'),
  'appointment.cancelled': {
    data: AppointmentEventData,
    summary: 'An appointment was cancelled',
    when:
      'Sent when an appointment is cancelled (POST /appointments/{id}/cancel, DELETE /appointments/{id}, or the ' +
      "patient's conversation). A reschedule sends `appointment.rescheduled` instead, not this.",
  },
  'appointment.rescheduled': {
    data: AppointmentRescheduledEventData,
    summary: 'An appointment was moved to another time',
    when: 'Sent when an appointment is rescheduled: `data` holds the new appointment and the old, cancelled one.',
  },
  'waitlist.added': {
    data: WaitlistEntryEventData,
    summary: 'A patient joined the waitlist',
    when: 'Sent when a waitlist entry is created (POST /waitlist, or the patient\'s conversation).',
  },
  'waitlist.slot_available': {
    data: WaitlistSlotAvailableEventData,
    summary: 'A freed time was offered to a waitlist entry',
    when:
      'Sent, once per entry offered, when a cancellation or reschedule frees a time that matches waitlist entries. ' +
      "agendador's channels send `data.message.text` to the patient when one is configured for `data.message.channel` " +
      '(README: Reminders and waitlist offers); a system that reaches its patients otherwise relays it.',
  },
  'waitlist.removed': {
    data: WaitlistEntryEventData,
    summary: 'A waitlist entry was removed',
    when: 'Sent when a waitlist entry is removed (DELETE /waitlist/{id}).',
  },
  'conversation.handoff_requested': {
    data: HandoffRequestedEventData,
    summary: 'A conversation asks for a person',
    when: 'Sent when a patient\'s conversation hands over to the clinic\'s staff.',
  },
  'webhook.test': {
    data: WebhookTestEventData,
    summary: 'A test event',
    when: 'Sent only by POST /webhooks/{id}/test, to that subscription alone, whatever its `events`.',
  },
};

// ---- the envelope, headers and answers ---------------------------------------------------------

/** `appointment.checked_in` → `AppointmentCheckedInEvent` */
function componentName(type: string): string {
  return type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') + 'Event';
}

/** The body of one event type, as core/webhooks/message.ts builds it. */
export function eventBodySchema(type: EventType) {
  return z
    .object({
      type: z.literal(type),
      timestamp: Timestamp.openapi({
        description:
          'When the change happened (UTC, RFC 3339 with Z): the same on every attempt and redelivery. Deliveries are not ' +
          "ordered: for appointments, `version` tells which state is newer.",
      }),
      data: EVENT_DOCS[type].data,
    })
    .openapi(componentName(type));
}

const seconds = (s: number) =>
  s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round((s / 3600) * 10) / 10} h`;
const GRACE_HOURS = SECRET_GRACE_MS / 3_600_000;

const SignatureHeaders = z.object({
  'webhook-id': Uuid.openapi({
    description:
      'The delivery id: the same on every retry and redelivery of this event to this subscription. Deduplicate on it ' +
      '(delivery is at least once).',
  }),
  'webhook-timestamp': z
    .string()
    .regex(/^\d+$/)
    .openapi({ description: 'Unix seconds when this attempt was sent. Refuse a request more than 5 minutes off your clock.', example: '1764072000' }),
  'webhook-signature': z.string().openapi({
    description:
      'Space-separated signatures, each `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`, ' +
      'keyed by the bytes of the secret\'s base64 part (`whsec_<base64>`, decoded). One per secret that signs: the current ' +
      `one, and each one that POST /webhooks/{id}/rotate-secret replaced in the last ${GRACE_HOURS} hours (a rotation with ` +
      '`revoke_previous: true` stops all of them at once). Accept the ' +
      'request if any `v1` signature matches.',
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  }),
});

const VERIFY =
  'Signed per Standard Webhooks (https://www.standardwebhooks.com). Verify the raw body before parsing it, e.g. in Node ' +
  "`new Webhook(secret).verify(rawBody, headers)` from the `standardwebhooks` package, which checks the signature and " +
  'the timestamp. Deduplicate on `webhook-id`.';

const retries = DEFAULT_RETRY_SCHEDULE.map(seconds).join(', ');

const RESPONSES: RouteConfig['responses'] = {
  '2XX': { description: 'Accepted: the delivery succeeded and is not sent again. The response body is not read beyond its first 1,000 characters, which are kept with the attempt.' },
  '410': {
    description:
      'Gone: the delivery is not retried (it goes to the dead-letter queue) and the subscription is deactivated, with ' +
      '`disabled_reason` saying why; its other pending deliveries go to the dead-letter queue too. PUT /webhooks/{id} ' +
      'with `is_active: true` switches it back on.',
  },
  '429': {
    description:
      `Too many requests: retried after its \`Retry-After\` (seconds or an HTTP date; at most ${MAX_RETRY_AFTER_SECONDS / 3600} h), ` +
      'or on the usual schedule without one. The last attempt is not retried.',
  },
  default: {
    description:
      `Any other answer (redirects are not followed), a network error or no answer within ${DEFAULT_TIMEOUT_MS / 1000} s: ` +
      `retried after ${retries} (each ±${JITTER * 100} %), then put in the dead-letter queue, from which ` +
      'POST /webhooks/dead-letters/{id}/redeliver sends it again with the same `webhook-id` and body.',
  },
};

/** The `webhooks` entries of the OpenAPI document, one per event type, keyed by the type. */
export function webhookDefinitions(): RouteConfig[] {
  return EVENT_TYPES.map((type) => ({
    method: 'post' as const,
    path: type,
    operationId: `webhook_${type.replace('.', '_')}`,
    tags: ['Webhook events'],
    summary: EVENT_DOCS[type].summary,
    description: `${EVENT_DOCS[type].when} POSTed to the subscription's URL. ${VERIFY}`,
    security: [],
    request: {
      headers: SignatureHeaders,
      body: { required: true, content: { 'application/json': { schema: eventBodySchema(type) } } },
    },
    responses: RESPONSES,
  }));
}
