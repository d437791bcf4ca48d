import { createRoute } from '@hono/zod-openapi';
import { IdParams, conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import { WaitlistCreateSchema, WaitlistEntrySchema, WaitlistListQuery, WaitlistPositionSchema } from '../../schemas/waitlist';

const tags = ['Waitlist'];

const QUEUE_TEXT =
  'Queues: an entry with a `provider_id` waits in that provider\'s queue; an entry with only a `specialty` waits in that ' +
  'specialty\'s queue (case and accents ignored). Within a queue, active entries (`waiting`, `offered`) rank by `priority` ' +
  '(higher first), then by arrival.';

const OFFER_TEXT =
  'When an appointment is cancelled (POST cancel or DELETE) or rescheduled to a time that no longer overlaps it, its time is ' +
  'offered, in the same atomic step, to the best waiting entry that wants it: the same appointment type; the same provider, ' +
  'or no provider and a specialty the provider has; the same location if the entry names one; the local date within ' +
  '`date_from`–`date_to`; the local start in one of its `periods`; not the cancelled appointment\'s own patient, nor a ' +
  'patient already booked at that time. Times closer than the minimum booking notice are not offered. The entry becomes ' +
  '`offered`, the offer is listed in `offers`, a `waitlist.slot_available` event is written, and a pt-BR message is queued ' +
  'for the patient\'s preferred channel; the event carries that message (`message`: `id`, `channel`, `text`) for the clinic\'s ' +
  'system to send. The patient\'s SIM or NÃO, passed to `POST /conversation`, takes or declines the time.';

export const create = createRoute({
  method: 'post',
  path: '/waitlist',
  tags,
  summary: 'Add a patient to the waitlist',
  description:
    'Creates a `waiting` entry and writes a `waitlist.added` event in the same step. Unknown `patient_id`, ' +
    '`appointment_type_id`, `provider_id` or `location_id`: 422 naming the field; an inactive one: 409. A `specialty` ' +
    'that could never be offered a time is a 422 naming it: alone, one no provider of the clinic has (active or not), ' +
    'with the specialties of its active providers listed, as GET /slots does; ' +
    'beside a `provider_id`, one that provider lacks. A second active entry of the patient for the same wish (same ' +
    '`appointment_type_id`, provider or specialty, `location_id`, `date_from`, `date_to` and set of `periods`; ' +
    '`priority` and `notes` aside) is a 409 naming the existing entry, checked in the insert\'s own step, so a create ' +
    'retried without `Idempotency-Key` never queues the patient behind themself. ' +
    `${QUEUE_TEXT} ${OFFER_TEXT} Accepts \`Idempotency-Key\`.`,
  request: { body: jsonBody(WaitlistCreateSchema) },
  responses: { 201: createdResponse(WaitlistEntrySchema, 'The new entry, with its position'), ...errorResponses(401, 403, 413, 422),
    ...conflictResponse({
      patient_inactive: { summary: 'the patient, provider, location or appointment type is inactive', detail: 'The patient is inactive' },
      duplicate: {
        summary: 'the patient already waits for the same thing',
        detail:
          'The patient already waits for this in waitlist entry 0193a1f2-7c4e-7d3a-9b1e-5f2a8c6d4e10 (same appointment type, ' +
          'provider or specialty, location, dates and periods); remove it first to change its priority or notes',
      },
    }),
  },
});

export const list = createRoute({
  method: 'get',
  path: '/waitlist',
  tags,
  summary: 'List waitlist entries',
  description:
    'Oldest first (then by id). By default only active entries (`waiting`, `offered`); pass `status` for others. ' +
    'Filters combine with AND. Each entry carries its `position` and `offers`.',
  request: { query: WaitlistListQuery },
  responses: { 200: jsonResponse(listOf(WaitlistEntrySchema, 'WaitlistEntryList'), 'A page of entries'), ...errorResponses(401, 403, 422) },
});

export const get = createRoute({
  method: 'get',
  path: '/waitlist/{id}',
  tags,
  summary: 'Get a waitlist entry',
  description: 'The entry with its `position` in its queue (null when booked or removed) and the times offered to it.',
  request: { params: IdParams },
  responses: { 200: jsonResponse(WaitlistEntrySchema, 'The entry'), ...errorResponses(401, 403, 404, 422) },
});

export const remove = createRoute({
  method: 'delete',
  path: '/waitlist/{id}',
  tags,
  summary: 'Remove from the waitlist',
  description:
    'Marks a `waiting` or `offered` entry `removed` and writes a `waitlist.removed` event in the same step; it leaves its ' +
    'queue and the entries behind it move up. An `offered` entry gives its standing offer back in the same step ' +
    '(the offer gets `released_at`) and the time is offered to the next matching entry in line, as when the patient ' +
    'answers NÃO (event `waitlist.slot_available`). Removing an entry already removed answers 204 again and changes ' +
    'nothing (no second event), so a retried request is safe; a `booked` entry cannot be removed (409).',
  request: { params: IdParams },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 422),
    ...conflictResponse({ booked: { summary: 'the entry was booked', detail: "Cannot remove a waitlist entry in status 'booked'" } }),
  },
});

export const position = createRoute({
  method: 'get',
  path: '/waitlist/position/{id}',
  tags,
  summary: 'Get queue position',
  description: `The entry's rank among the active entries of its queue. ${QUEUE_TEXT} A booked or removed entry has no position: 409.`,
  request: { params: IdParams },
  responses: { 200: jsonResponse(WaitlistPositionSchema, 'The position'), ...errorResponses(401, 403, 404, 422),
    ...conflictResponse({
      no_position: {
        summary: 'the entry is booked or removed',
        detail: "The waitlist entry is 'removed': only waiting or offered entries have a position",
      },
    }),
  },
});
