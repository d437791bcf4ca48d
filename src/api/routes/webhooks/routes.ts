import { createRoute } from '@hono/zod-openapi';
import { SUBSCRIPTION_INACTIVE, TOO_MANY_SECRETS } from '../../schemas/conflicts';
import { MAX_SIGNING_SECRETS } from '../../../core/webhooks/service';
import { IdParams, conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import {
  DeadLetterListQuery,
  DeliveryListQuery,
  WebhookCreateSchema,
  WebhookDeliverySchema,
  WebhookListQuery,
  WebhookRotateSecretSchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
  WebhookUpdateSchema,
} from '../../schemas/webhooks';

const tags = ['Webhooks'];

const ADMIN = 'Needs the `admin` scope.';

const DELIVERY_TEXT =
  'Every event is written to an outbox in the same transaction as the change that caused it, so none is lost in a crash; ' +
  'a background worker then POSTs it to each active subscription of the tenant whose `events` cover it (subscriptions see ' +
  'events that happen after they are created). The body is `{"type", "timestamp", "data"}`; the headers follow Standard ' +
  'Webhooks: `webhook-id` (the delivery id, the same on every retry and redelivery: deduplicate on it), `webhook-timestamp` ' +
  '(Unix seconds of the attempt) and `webhook-signature`: one or more space-separated `v1,<signature>` (two for a day ' +
  'after a rotation). To verify one by hand: take the secret without its `whsec_` prefix and base64-decode it: those ' +
  'bytes (not the text of the secret) are the HMAC key; compute HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw ' +
  'body>` (the body exactly as received, before any JSON parsing), base64-encode it, and accept the request if it equals ' +
  'any `v1,` signature (compare in constant time) and `webhook-timestamp` is within 5 minutes of your clock. Any Standard ' +
  'Webhooks library (e.g. npm `standardwebhooks`) does this given the whole `whsec_…` secret. Delivery is at least once and not ordered. An attempt times out after 10 s; any answer other than 2xx, a ' +
  'timeout or a network error is retried after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h (±20 % jitter; the server may set ' +
  'another schedule), a 429 after its `Retry-After`; after the last try the delivery goes to the dead-letter queue. A 410 ' +
  'Gone disables the subscription (`disabled_reason` says so). Redirects are not followed. A slow receiver delays only ' +
  'its own subscription.';

export const create = createRoute({
  method: 'post',
  path: '/webhooks',
  tags,
  summary: 'Create a webhook subscription',
  description: `${ADMIN} Answers with the signing \`secret\`, shown this once. ${DELIVERY_TEXT} Accepts \`Idempotency-Key\`.`,
  request: { body: jsonBody(WebhookCreateSchema) },
  responses: {
    201: createdResponse(WebhookSubscriptionWithSecretSchema, 'The subscription, with its secret'),
    ...errorResponses(401, 403, 413, 422),
  },
});

export const list = createRoute({
  method: 'get',
  path: '/webhooks',
  tags,
  summary: 'List webhook subscriptions',
  description: `${ADMIN} Oldest first. Deactivated subscriptions only with \`include_inactive=true\`. Secrets are never listed.`,
  request: { query: WebhookListQuery },
  responses: {
    200: jsonResponse(listOf(WebhookSubscriptionSchema, 'WebhookSubscriptionList'), 'A page of subscriptions'),
    ...errorResponses(401, 403, 422),
  },
});

export const get = createRoute({
  method: 'get',
  path: '/webhooks/{id}',
  tags,
  summary: 'Get a webhook subscription',
  description: `${ADMIN} Without its secret.`,
  request: { params: IdParams },
  responses: { 200: jsonResponse(WebhookSubscriptionSchema, 'The subscription'), ...errorResponses(401, 403, 404, 422) },
});

export const update = createRoute({
  method: 'put',
  path: '/webhooks/{id}',
  tags,
  summary: 'Update a webhook subscription',
  description:
    `${ADMIN} Changes the fields given (\`url\`, \`events\`, \`description\`, \`is_active\`); a new URL is checked like ` +
    'one at creation. Pending deliveries go to the URL as it is when they are sent. Setting `is_active: true` switches ' +
    'a deactivated subscription back on; its dead letters can then be redelivered. To change the secret, use ' +
    'POST /webhooks/{id}/rotate-secret.',
  request: { params: IdParams, body: jsonBody(WebhookUpdateSchema) },
  responses: { 200: jsonResponse(WebhookSubscriptionSchema, 'The updated subscription'), ...errorResponses(401, 403, 404, 413, 422) },
});

export const remove = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  tags,
  summary: 'Deactivate a webhook subscription',
  description:
    `${ADMIN} Soft delete: the subscription stops receiving events and its pending deliveries go to the dead-letter ` +
    'queue when they come due; GET still answers with `is_active: false`. Deactivating one already inactive (by a DELETE, or by ' +
    'the server: `disabled_reason`) answers 204 again and changes nothing (it keeps its `updated_at`), so a retried request is safe.',
  request: { params: IdParams },
  responses: { 204: { description: 'Deactivated' }, ...errorResponses(401, 403, 404, 422) },
});

export const rotateSecret = createRoute({
  method: 'post',
  path: '/webhooks/{id}/rotate-secret',
  tags,
  summary: 'Rotate the signing secret',
  description:
    `${ADMIN} Generates a new secret and answers with it, this once. The secret it replaces keeps signing every request ` +
    'beside the new one for 24 hours (`webhook-signature` then holds one signature per secret), so the receiver can ' +
    'switch over without losing events. Rotating again within those 24 hours cuts no secret short: each replaced ' +
    'secret signs until 24 hours after the rotation that replaced it, no longer, so a receiver that has not switched ' +
    `yet keeps verifying. At most ${MAX_SIGNING_SECRETS} secrets sign at once: a rotation beyond that is refused with 409 ` +
    'until the oldest replaced one stops signing. `rotated_secret_expires_at` says when the last replaced secret stops. ' +
    'The body is optional; without one (or with `{}`) the rotation works as above. If a secret leaked, send ' +
    '`{"revoke_previous": true}`: in the same atomic step as the rotation, every replaced secret stops signing, the one ' +
    'this rotation replaces included, so from the next attempt on `webhook-signature` holds one signature, the new ' +
    "secret's (an attempt already under way may still carry the old ones); `rotated_secret_expires_at` becomes the time " +
    `of the rotation, and the ${MAX_SIGNING_SECRETS}-secret limit does not apply. Requests fail verification at the ` +
    'receiver until it has the new secret.',
  request: { params: IdParams, body: { required: false, content: { 'application/json': { schema: WebhookRotateSecretSchema } } } },
  responses: {
    200: jsonResponse(WebhookSubscriptionWithSecretSchema, 'The subscription, with its new secret'),
    ...conflictResponse({ too_many_secrets: TOO_MANY_SECRETS }),
    ...errorResponses(401, 403, 404, 415, 422),
  },
});

export const sendTest = createRoute({
  method: 'post',
  path: '/webhooks/{id}/test',
  tags,
  summary: 'Send a test event',
  description:
    `${ADMIN} Queues a \`webhook.test\` event for this subscription alone (whatever its \`events\`), sent at once like ` +
    'any other event, with retries. Answers 202 with the delivery; follow it in GET /webhooks/{id}/deliveries. ' +
    'An inactive subscription: 409.',
  request: { params: IdParams },
  responses: {
    202: jsonResponse(WebhookDeliverySchema, 'The queued delivery'),
    ...errorResponses(401, 403, 404, 422),
    ...conflictResponse({ subscription_inactive: SUBSCRIPTION_INACTIVE }),
  },
});

export const deliveries = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  tags,
  summary: 'Delivery history',
  description: `${ADMIN} The subscription's deliveries, newest first, each with every attempt (status code, duration, error, response excerpt, time).`,
  request: { params: IdParams, query: DeliveryListQuery },
  responses: {
    200: jsonResponse(listOf(WebhookDeliverySchema, 'WebhookDeliveryList'), 'A page of deliveries'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const deadLetters = createRoute({
  method: 'get',
  path: '/webhooks/dead-letters',
  tags,
  summary: 'Dead-letter queue',
  description:
    `${ADMIN} Deliveries of the tenant that failed their last try (or whose subscription was deactivated or answered 410 ` +
    'Gone), newest first. POST /webhooks/dead-letters/{id}/redeliver sends one again.',
  request: { query: DeadLetterListQuery },
  responses: {
    200: jsonResponse(listOf(WebhookDeliverySchema, 'WebhookDeadLetterList'), 'A page of dead-lettered deliveries'),
    ...errorResponses(401, 403, 422),
  },
});

export const redeliver = createRoute({
  method: 'post',
  path: '/webhooks/dead-letters/{id}/redeliver',
  tags,
  summary: 'Redeliver a dead letter',
  description:
    `${ADMIN} Sends a dead-lettered delivery again, with the same \`webhook-id\` and body, and a fresh round of retries. ` +
    'Answers 202 with the delivery, now `pending`. A delivery that is not dead, or whose subscription is inactive: 409.',
  request: { params: IdParams },
  responses: {
    202: jsonResponse(WebhookDeliverySchema, 'The delivery, queued again'),
    ...errorResponses(401, 403, 404, 422),
    ...conflictResponse({
      not_dead: { summary: 'the delivery is not dead-lettered', detail: "Only dead-lettered deliveries can be redelivered; this one is 'pending'" },
      subscription_inactive: SUBSCRIPTION_INACTIVE,
    }),
  },
});

