import { createRoute, type z } from '@hono/zod-openapi';
import { IdParams, conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import { DOUBLE_BOOKING, OUTSIDE_AVAILABILITY, RESCHEDULE_SAME_TIME, invalidTransition } from '../../schemas/conflicts';
import type { LifecycleAction } from '../../../core/appointments/lifecycle';
import type { AppointmentStatus } from '../../../core/model';
import {
  AppointmentCreateSchema,
  AppointmentDetailSchema,
  AppointmentListQuery,
  AppointmentSchema,
  AppointmentUpdateSchema,
  CancelSchema,
  CheckInSchema,
  ConfirmSchema,
  NotesSchema,
  RescheduleSchema,
} from '../../schemas/appointments';

const tags = ['Appointments'];

const BOOKING_RULES_TEXT =
  'Refused with 409, naming the rule, when it would break one: the provider, location, type or patient ' +
  "inactive; the provider not accepting new patients (first visit); outside the provider's availability " +
  "at that location (weekly templates and date overrides, in the location's time zone); the patient " +
  'already booked at an overlapping time; the room taken; `max_daily_appointments` reached; ' +
  '`max_concurrent_appointments` reached, each appointment extended by the provider\'s buffer on both sides: the new ' +
  'one, and every appointment it lands within a buffer of, must each meet fewer than that many others at its busiest ' +
  'instant, so the order of booking never decides which appointments may stand together. ' +
  'The checks and the write are one atomic step: under any concurrency exactly the allowed number succeed.';

export const create = createRoute({
  method: 'post',
  path: '/appointments',
  tags,
  summary: 'Create an appointment',
  description: `Books a time; the appointment starts as \`requested\`. ${BOOKING_RULES_TEXT} Unknown referenced ids are 422 naming the field. Accepts \`Idempotency-Key\`.`,
  request: { body: jsonBody(AppointmentCreateSchema) },
  responses: {
    201: createdResponse(AppointmentSchema, 'Appointment created'),
    ...errorResponses(401, 403, 413, 422),
    ...conflictResponse({ double_booking: DOUBLE_BOOKING, outside_availability: OUTSIDE_AVAILABILITY }),
  },
});

export const list = createRoute({
  method: 'get',
  path: '/appointments',
  tags,
  summary: 'List appointments',
  description: 'Ordered by start time, then id. Filters combine with AND.',
  request: { query: AppointmentListQuery },
  responses: { 200: jsonResponse(listOf(AppointmentSchema, 'AppointmentList'), 'A page of appointments'), ...errorResponses(401, 403, 422) },
});

export const get = createRoute({
  method: 'get',
  path: '/appointments/{id}',
  tags,
  summary: 'Get an appointment with its status history',
  request: { params: IdParams },
  responses: { 200: jsonResponse(AppointmentDetailSchema, 'The appointment'), ...errorResponses(401, 403, 404, 422) },
});

export const update = createRoute({
  method: 'put',
  path: '/appointments/{id}',
  tags,
  summary: 'Update notes, room, external reference or metadata',
  description: 'Requires the current `version`; a stale one is 409 and changes nothing. A new room must be free at that time.',
  request: { params: IdParams, body: jsonBody(AppointmentUpdateSchema) },
  responses: {
    200: jsonResponse(AppointmentSchema, 'The updated appointment'),
    ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({
      stale_version: { summary: '`version` is not the current one', detail: 'Version mismatch: the appointment is at version 2; reload it and retry' },
      room_taken: { summary: 'the new room is taken at that time', detail: 'The room is already booked at this time' },
    }),
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/appointments/{id}',
  tags,
  summary: 'Cancel an appointment (shorthand)',
  description:
    'The same as POST /appointments/{id}/cancel without a body, so sent again it is a 409 for the appointment it already ' +
    'cancelled. With an `Idempotency-Key`, a retry whose first answer was lost gets that 204 again (with ' +
    '`Idempotent-Replayed: true`) instead; the key is checked against the method and path only, as any body is ignored.',
  request: { params: IdParams },
  responses: { 204: { description: 'Cancelled' }, ...errorResponses(401, 403, 404, 422), ...conflictResponse({ invalid_transition: invalidTransition('cancel', 'completed') }) },
});

const transitionNote = (path: string) => ` Any other status is 409 \`Cannot ${path} an appointment in status '<status>'\`.`;

function lifecycleRoute<B extends z.ZodObject>(path: LifecycleAction, summary: string, description: string, body: B, refusedFrom: AppointmentStatus) {
  return createRoute({
    method: 'post',
    path: `/appointments/{id}/${path}`,
    tags,
    summary,
    description: description + transitionNote(path) + ' The body is optional.',
    request: { params: IdParams, body: { required: false, content: { 'application/json': { schema: body } } } },
    responses: {
      200: jsonResponse(AppointmentSchema, 'The appointment after the step'),
      ...errorResponses(401, 403, 404, 415, 422),
      ...conflictResponse({ invalid_transition: invalidTransition(path, refusedFrom) }),
    },
  });
}

export const start = createRoute({
  method: 'post',
  path: '/appointments/{id}/start',
  tags,
  summary: 'Start',
  description: 'checked_in → in_progress.' + transitionNote('start'),
  request: { params: IdParams },
  responses: {
    200: jsonResponse(AppointmentSchema, 'The appointment after the step'),
    ...errorResponses(401, 403, 404, 422),
    ...conflictResponse({ invalid_transition: invalidTransition('start', 'requested') }),
  },
});

export const confirm = lifecycleRoute('confirm', 'Confirm', 'requested → confirmed.', ConfirmSchema, 'cancelled');
export const checkIn = lifecycleRoute('check-in', 'Check in', 'confirmed → checked_in.', CheckInSchema, 'requested');
export const complete = lifecycleRoute('complete', 'Complete', 'in_progress → completed.', NotesSchema, 'requested');
export const noShow = lifecycleRoute('no-show', 'Mark as no-show', 'confirmed or checked_in → no_show.', NotesSchema, 'requested');
export const cancel = lifecycleRoute('cancel', 'Cancel', 'requested, confirmed or checked_in → cancelled.', CancelSchema, 'completed');

export const reschedule = createRoute({
  method: 'post',
  path: '/appointments/{id}/reschedule',
  tags,
  summary: 'Reschedule',
  description:
    'From `requested` or `confirmed`, in one atomic step: cancels this appointment (reason kept, `rescheduled_to_id` set) ' +
    'and creates the new one (`rescheduled_from_id` set, status `requested`), checking the booking rules as if the old ' +
    `one were already gone. A move to the very time, location, provider and room the appointment has is a 409 that changes nothing. ` +
    `${BOOKING_RULES_TEXT} Accepts \`Idempotency-Key\`.`,
  request: { params: IdParams, body: jsonBody(RescheduleSchema) },
  responses: {
    201: createdResponse(AppointmentSchema, 'The new appointment'),
    ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({
      double_booking: DOUBLE_BOOKING,
      outside_availability: OUTSIDE_AVAILABILITY,
      invalid_transition: invalidTransition('reschedule', 'cancelled'),
      same_time: RESCHEDULE_SAME_TIME,
    }),
  },
});
